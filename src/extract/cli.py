"""Command line: ``extract run`` (the batch job) and ``extract evaluate``."""

from __future__ import annotations

import os
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
    strict: bool = typer.Option(False, "--strict", help="Stop at the first file that fails; keep the old tables."),
    workers: int = typer.Option(0, "--workers", "-w", help="Parallel worker processes (0: one per core)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Re-process every document, ignoring cached results."),
    cache_dir: Path | None = typer.Option(None, help="Per-document result cache (default: OUT/.cache)."),
    formats: list[str] = typer.Option(["csv"], "--format", "-f", help="csv (always written) and/or parquet."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
) -> None:
    """Extract the tables (entities, events, orbat, warnings, errors) for every text in CORPUS."""
    import sys

    from extract.batch import BatchOptions, run_batch

    unknown = sorted(set(formats) - {"csv", "parquet"})
    if unknown:
        typer.echo(f"error: unknown --format {', '.join(unknown)} (choose csv or parquet)", err=True)
        raise typer.Exit(2)
    options = BatchOptions(
        gazetteer_dir=gazetteers, max_bytes=max_bytes, strict=strict,
        workers=workers if workers > 0 else (os.cpu_count() or 1),
        cache_dir=None if no_cache else (cache_dir or out / ".cache"),
        formats=tuple(sorted(set(formats) | {"csv"})),
        progress=not quiet and sys.stderr.isatty(),
    )
    try:
        result = run_batch(corpus, out, options)
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if not quiet:
        typer.echo(f"{result.documents} document(s) ({result.cached} from cache), {result.chars:,} characters, "
                   f"{result.rows.get('entities', 0)} entities, {result.rows.get('events', 0)} events "
                   f"-> {out}/ in {result.seconds:.1f}s", err=True)
    if result.failed:
        typer.echo(f"{len(result.failed)} file(s) failed, see {out}/errors.csv", err=True)
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold: Path = typer.Option(..., "--gold", help="Folder of gold <doc_id>.entities.csv files."),
    pred: Path = typer.Option(Path("outputs"), "--pred", help="Folder with the predicted tables."),
    corpus: Path = typer.Option(Path("corpora"), "--corpus", help="Texts the gold offsets refer to."),
    errors: bool = typer.Option(False, "--errors", help="List every false positive, miss and wrong norm."),
    baseline: Path | None = typer.Option(None, "--baseline", help="Fail (exit 1) if a headline figure falls below "
                                         "this baseline file (tests/baseline.json)."),
    save_baseline: Path | None = typer.Option(None, "--save-baseline", help="Record the headline figures as the "
                                              "new baseline in this file."),
    readme: Path | None = typer.Option(None, "--readme", help="Rewrite the figures table between the "
                                       "<!-- figures:start/end --> markers of this README."),
) -> None:
    """Score predicted tables against gold (SCHEMA.md, Scoring); write evaluation.json/.md beside them."""
    import json

    from extract.evaluate import (
        below_baseline,
        evaluate_dirs,
        format_report,
        update_readme,
        write_baseline,
        write_report,
    )

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
    if readme is not None and not update_readme(report, readme):
        typer.echo(f"error: {readme} has no <!-- figures:start --> / <!-- figures:end --> markers", err=True)
        raise typer.Exit(2)
    if save_baseline is not None:
        write_baseline(report, save_baseline)
    if baseline is not None:
        problems = below_baseline(report, json.loads(baseline.read_text(encoding="utf-8")))
        for line in problems:
            typer.echo(f"below baseline: {line}", err=True)
        if problems:
            raise typer.Exit(1)


gazetteers_app = typer.Typer(help="Check the gazetteer data files.", no_args_is_help=True)
app.add_typer(gazetteers_app, name="gazetteers")


@gazetteers_app.command("check")
def gazetteers_check(
    directory: Path | None = typer.Argument(None, help="A folder that overlays the bundled data (default: the "
                                            "bundled gazetteers alone)."),
) -> None:
    """Validate the bundled gazetteers (and DIR over them); report every problem at once, with file:line."""
    from extract.resources import collect

    res, problems = collect(directory)
    for problem in problems:
        typer.echo(str(problem), err=True)
    if problems:
        typer.echo(f"{len(problems)} problem(s)", err=True)
        raise typer.Exit(1)
    rows = sum(len(rows) for rows in res.tables.values())
    typer.echo(f"ok: {len(res.tables) + len(res.words)} files, {rows} rows "
               f"({' + '.join(str(layer) for layer in res.layers)})")


@app.command()
def bench(
    corpus: Path = typer.Argument(Path("corpora"), help="Texts to build the benchmark corpus from."),
    size_mb: float = typer.Option(20.0, help="Size of the generated corpus in MB."),
    workers: int = typer.Option(2, help="Worker count compared with one worker."),
) -> None:
    """Measure speed (vs bare jieba), start-up, per-stage time, peak memory and the multi-worker speed-up."""
    from extract.bench import bench as run_bench

    typer.echo(run_bench(corpus, size_mb, workers))


if __name__ == "__main__":
    app()
