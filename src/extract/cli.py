"""Command line: ``extract run`` (the batch job) and ``extract evaluate``."""

from __future__ import annotations

from pathlib import Path

import typer

from extract.read import DEFAULT_MAX_BYTES

app = typer.Typer(
    help="Turn Chinese military-history chronicles into evidence-linked tables "
    "(units, persons, places, dates; events and order of battle).",
    no_args_is_help=True,
    add_completion=False,
)


@app.command()
def run(
    corpus: Path = typer.Argument(Path("corpora"), help="Folder of .txt chronicles (read recursively) or one file."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Folder for the output tables."),
    gazetteers: str = typer.Option("", help="Gazetteer folder (default: the bundled gazetteers/)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, help="Skip files larger than this many bytes."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first file that cannot be read."),
) -> None:
    """Extract the tables (entities.csv, errors.csv, ...) for every text in CORPUS."""
    from extract.batch import run_batch

    try:
        result = run_batch(corpus, out, gazetteers, max_bytes, strict)
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"{result.documents} document(s), {len(result.entities)} entities -> {out}/entities.csv", err=True)
    if result.failed:
        typer.echo(f"{len(result.failed)} file(s) failed, see {out}/errors.csv", err=True)
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold: Path = typer.Option(..., "--gold", help="Folder of gold <doc_id>.entities.csv files."),
    pred: Path = typer.Option(Path("outputs"), "--pred", help="Folder with the predicted tables."),
    corpus: Path = typer.Option(Path("corpora"), "--corpus", help="Texts the gold offsets refer to."),
    errors: bool = typer.Option(False, "--errors", help="List every false positive, miss and wrong norm."),
) -> None:
    """Score predicted tables against gold (SCHEMA.md, Scoring); write evaluation.json/.md beside them."""
    from extract.evaluate import evaluate_dirs, format_report, write_report

    try:
        report = evaluate_dirs(gold, pred, corpus)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    write_report(report, pred)
    typer.echo(format_report(report))
    if errors:
        for label, group in report["errors"].groupby("label", sort=True):
            typer.echo(f"\n## {label}: {len(group)} error(s)")
            typer.echo(group.drop(columns="label").to_string(index=False))
