"""Command line: ``extract run`` (the batch job) and ``extract evaluate``."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import typer

from extract.read import DEFAULT_MAX_BYTES

app = typer.Typer(
    help="Turn Chinese military-history chronicles into evidence-linked tables "
    "(units, persons, places, dates; events and order of battle).",
    no_args_is_help=True,
    add_completion=False,
)



# Exit codes of `extract run` (README, "Exit codes"): scripts can tell them apart.
EXIT_OK, EXIT_BAD_FILES, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def _version(value: bool) -> None:
    if value:
        from extract import __version__

        typer.echo(f"extract {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Turn Chinese military-history chronicles into evidence-linked tables."""
    # Messages name files whose names may not be valid in the terminal's encoding (an ASCII locale).
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def _formats(values: list[str]) -> tuple[str, ...]:
    from extract.batch import FORMATS

    chosen = {f.strip().lower() for v in values for f in v.split(",") if f.strip()}
    unknown = sorted(chosen - set(FORMATS))
    if unknown:
        typer.echo(f"error: unknown --format {', '.join(unknown)} (choose from {', '.join(FORMATS)})", err=True)
        raise typer.Exit(EXIT_USAGE)
    return tuple(f for f in FORMATS if f in chosen | {"csv"})


@app.command()
def run(
    corpus: Path = typer.Argument(Path("corpora"), help="Folder of .txt chronicles (read recursively) or one file."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Folder for the output tables."),
    gazetteers: str = typer.Option("", help="A folder of gazetteer files that overlays the bundled ones (its rows "
                                   "add to and replace bundled rows; it may hold one file)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, help="Skip files larger than this many bytes."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first file that fails; keep the old tables."),
    workers: int = typer.Option(0, "--workers", "-w", help="Parallel worker processes (0: one per core)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Re-process every document, ignoring cached results."),
    cache_dir: Path | None = typer.Option(None, help="Per-document result cache (default: OUT/.cache)."),
    formats: list[str] = typer.Option(["csv"], "--format", "-f", help="csv (always written), parquet, xlsx "
                                      "(every cell as text), tei (OUT/tei/<doc_id>.xml); repeat or separate with "
                                      "commas."),
    ext: list[str] = typer.Option([".txt"], "--ext", help="File endings read as texts (any case); other files "
                                  "are listed, not read."),
    year: int | None = typer.Option(None, "--year", help="The year of texts that never state it (a book's "
                                    "chapters); same as --reference-date YEAR."),
    reference_date: str = typer.Option("", "--reference-date", help="The date texts that never state their year "
                                       "are told from: YYYY, YYYY-MM or YYYY-MM-DD."),
    metadata: Path | None = typer.Option(None, "--metadata", help="Per-document metadata CSV (doc_id, "
                                         "reference_date, source, title, ...); default: CORPUS/metadata.csv "
                                         "when it exists. Its reference_date wins over --year."),
    errata: list[str] = typer.Option([], "--errata", help="A printed source whose misprints every text of the "
                                     "run shares (a source of gazetteers/errata.csv: 烟俊六 is then 畑俊六); "
                                     "repeat or separate with commas. metadata.csv's errata column does the same "
                                     "per document."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no summary."),
    explain: bool = typer.Option(False, "--explain", help="Also write explain.csv: every event trigger candidate, "
                                 "the rule that made it a row or the filter that dropped it (no cache is read)."),
    engine: str = typer.Option("local", "--engine", help="local (a pool of worker processes on this machine) or "
                               "dask (a Dask cluster: pip install 'extract[dask]'); same tables either way."),
    scheduler: str = typer.Option("", "--scheduler", help="With --engine dask: the address of a running "
                                  "cluster's scheduler (tcp://host:8786); without it a LocalCluster of --workers "
                                  "processes is started."),
) -> None:
    """Extract the tables (entities, events, orbat, warnings, errors) for every text in CORPUS.

    Exit codes: 0 done; 1 done, but some files failed (see errors.csv);
    2 a usage or gazetteer problem (nothing run); 3 failed, the previous tables are kept.
    """
    from extract.batch import BatchFailed, BatchOptions, run_batch
    from extract.gazetteer import load_gazetteer
    from extract.output import OutputError
    from extract.resources import GazetteerError

    chosen = _formats(formats)
    if engine not in ("local", "dask"):
        typer.echo(f"error: unknown --engine {engine} (choose from local, dask)", err=True)
        raise typer.Exit(EXIT_USAGE)
    if scheduler and engine != "dask":
        typer.echo("error: --scheduler needs --engine dask", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        load_gazetteer(gazetteers or None)
    except GazetteerError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    extensions = tuple(e if e.startswith(".") else f".{e}" for v in ext for e in v.split(",") if e)
    from extract.narrative import parse_reference
    from extract.resources import Problem, read_metadata, split_sources, unknown_errata

    reference = reference_date or (str(year) if year else "")
    sources = load_gazetteer(gazetteers or None).errata
    run_errata = split_sources(",".join(errata))
    try:
        if reference:
            parse_reference(reference)
        if unknown := [name for name in run_errata if name not in sources]:
            known = ", ".join(sorted(sources)) or "none"
            raise GazetteerError([Problem("--errata", 0, f"unknown errata source {name!r}; errata.csv has {known}")
                                  for name in unknown])
        metadata_path = metadata or (corpus / "metadata.csv" if corpus.is_dir() else None)
        rows = (read_metadata(metadata_path) if metadata_path is not None and metadata_path.is_file() else {})
        if problems := unknown_errata(rows, sources):
            raise GazetteerError(problems)
        given = {doc_id: row.get("reference_date", "") for doc_id, row in rows.items()}
        errata_of = {doc_id: split_sources(row.get("errata", "")) for doc_id, row in rows.items() if row.get("errata")}
    except (ValueError, GazetteerError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    if metadata is not None and not metadata.is_file():
        typer.echo(f"error: {metadata}: metadata file not found", err=True)
        raise typer.Exit(EXIT_USAGE)
    options = BatchOptions(
        gazetteer_dir=gazetteers, max_bytes=max_bytes, strict=strict,
        workers=workers if workers > 0 else (os.cpu_count() or 1),
        cache_dir=None if no_cache else (cache_dir or out / ".cache"),
        formats=chosen, extensions=extensions, reference_date=reference, metadata=given, errata=run_errata,
        errata_of=errata_of, explain=explain, progress="off" if quiet else ("bar" if sys.stderr.isatty() else "lines"),
        engine=engine, scheduler=scheduler,
    )
    from extract.dask_engine import DaskUnavailable

    try:
        result = run_batch(corpus, out, options)
    except DaskUnavailable as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    except (BatchFailed, OutputError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from exc
    except OSError as exc:  # a full disk or a folder that went away mid-run
        typer.echo(f"error: {out}: writing the tables failed ({exc.strerror or exc}); the previous tables are kept",
                   err=True)
        raise typer.Exit(EXIT_FAILED) from exc
    for notice in result.notices:
        typer.echo(f"warning: {notice}", err=True)
    if result.skipped and not quiet:
        # Counted by ending, so a folder of gold CSVs beside the texts is one short line, a stray .md is seen.
        endings: dict[str, int] = {}
        for name in result.skipped:
            ending = Path(name).suffix.lower() or "(no ending)"
            endings[ending] = endings.get(ending, 0) + 1
        counts = ", ".join(f"{n} {ending}" for ending, n in sorted(endings.items()))
        typer.echo(f"note: {len(result.skipped)} file(s) not ending in {'/'.join(extensions)} were not read "
                   f"({counts}; --ext reads other endings)", err=True)
    if not quiet:
        typer.echo(f"{result.documents} document(s) ({result.cached} from cache), {result.chars:,} characters, "
                   f"{result.rows.get('entities', 0)} entities, {result.rows.get('events', 0)} events "
                   f"-> {out}/ in {result.seconds:.1f}s", err=True)
    if result.failed:
        typer.echo(f"{len(result.failed)} file(s) failed, see {out}/errors.csv", err=True)
        raise typer.Exit(EXIT_BAD_FILES)


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
    for warning in report["warnings"]:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(format_report(report))
    if errors:
        for label, group in report["errors"].groupby("label", sort=True):
            typer.echo(f"\n## {label}: {len(group)} error(s)")
            typer.echo(group.drop(columns="label").to_string(index=False))
        for kind, group in report["event_errors"].groupby("kind", sort=True):
            typer.echo(f"\n## events, {kind}: {len(group)}")
            typer.echo(group.drop(columns="kind").to_string(index=False))
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
    size_mb: float = typer.Option(10.0, help="Size of the generated corpus in MB."),
    workers: int = typer.Option(2, help="Worker count compared with one worker."),
    big_mb: float = typer.Option(5.0, help="Size of the one long document whose peak memory is measured."),
    readme: Path | None = typer.Option(None, "--readme", help="Rewrite the speed tables between the "
                                       "<!-- speed:start/end --> markers of this README."),
) -> None:
    """Measure speed against bare jieba, start-up and time to the first result, peak memory (the bench corpus
    and one long document), 1 vs N workers and the parent's serial share, the levers, per-stage time."""
    from extract.bench import bench as run_bench
    from extract.bench import update_readme

    report = run_bench(corpus, size_mb, workers, big_mb=big_mb)
    typer.echo(report)
    if readme is not None and not update_readme(report, readme):
        typer.echo(f"error: {readme} has no <!-- speed:start --> / <!-- speed:end --> markers", err=True)
        raise typer.Exit(2)


annotate_app = typer.Typer(help="Pre-annotations for Label Studio and doccano, and their exports back as gold.",
                           no_args_is_help=True)
app.add_typer(annotate_app, name="annotate")
ANNOTATION_FORMATS = ("labelstudio", "doccano")


def _annotation_format(value: str, path: Path | None = None) -> str:
    chosen = value or ("doccano" if path is not None and path.suffix.lower() == ".jsonl" else "labelstudio")
    if chosen not in ANNOTATION_FORMATS:
        typer.echo(f"error: unknown --format {chosen} (choose from {', '.join(ANNOTATION_FORMATS)})", err=True)
        raise typer.Exit(EXIT_USAGE)
    return chosen


@annotate_app.command("export")
def annotate_export(
    pred: Path = typer.Option(Path("outputs"), "--pred", help="Folder with the predicted tables (extract run)."),
    corpus: Path = typer.Option(Path("corpora"), "--corpus", help="Texts the offsets refer to."),
    out: Path = typer.Option(Path("annotation"), "--out", "-o", help="Folder for the tasks (and label config)."),
    fmt: str = typer.Option("labelstudio", "--format", "-f", help="labelstudio (tasks JSON with predictions, "
                            "plus labelstudio_config.xml) or doccano (sequence-labelling JSONL)."),
    only_errors: bool = typer.Option(False, "--only-errors", help="Only the rows an evaluation says to check "
                                     "(misses, false positives, wrong norms and sides), as review tasks."),
    gold: Path | None = typer.Option(None, "--gold", help="With --only-errors: evaluate against this gold first "
                                     "(else read PRED/evaluation_errors.csv from `extract evaluate`)."),
) -> None:
    """Write the predictions as tasks to correct in Label Studio or doccano."""
    from extract.annotate import doccano, labelstudio, review
    from extract.annotate.records import predicted_documents

    chosen = _annotation_format(fmt)
    try:
        if only_errors:
            docs, notes = review.review_documents(pred, corpus, gold)
        else:
            docs = list(predicted_documents(pred, corpus))
            notes = {}
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    if chosen == "labelstudio":
        path = labelstudio.write_tasks(docs, out, notes=notes)
        typer.echo(f"{len(docs)} task(s) -> {path} (label config: {out / 'labelstudio_config.xml'})")
    else:
        path = doccano.write_jsonl(docs, out, notes=notes)
        typer.echo(f"{len(docs)} document(s) -> {path}")


@annotate_app.command("import")
def annotate_import(
    file: Path = typer.Argument(..., help="A Label Studio JSON export or a doccano JSONL export."),
    fmt: str = typer.Option("", "--format", "-f", help="labelstudio or doccano (default: by the file's ending, "
                            ".jsonl is doccano)."),
    corpus: Path = typer.Option(Path("corpora"), "--corpus", help="Texts the offsets refer to."),
    out: Path = typer.Option(Path("corpora/gold"), "--out", "-o", help="Gold folder to write "
                             "<doc_id>.entities.csv and <doc_id>.events.csv into."),
) -> None:
    """Turn corrected annotations back into gold files; nothing is written if any span cannot be converted."""
    from extract.annotate import doccano, labelstudio
    from extract.annotate.records import AnnotationError, CorpusTexts, write_gold

    chosen = _annotation_format(fmt, file)
    if not file.is_file():
        typer.echo(f"error: {file}: not found", err=True)
        raise typer.Exit(EXIT_USAGE)
    reader = labelstudio.import_tasks if chosen == "labelstudio" else doccano.import_jsonl
    try:
        docs, notes = reader(file, CorpusTexts(corpus))
    except AnnotationError as exc:
        for problem in exc.problems:
            typer.echo(f"error: {problem}", err=True)
        typer.echo(f"{len(exc.problems)} problem(s); no gold written", err=True)
        raise typer.Exit(EXIT_BAD_FILES) from exc
    for note in notes:
        typer.echo(f"note: {note}", err=True)
    for doc in docs:
        write_gold(doc, out)
    typer.echo(f"{len(docs)} document(s) -> {out}/")

@app.command()
def report(
    out: Path = typer.Argument(Path("outputs"), help="Folder with the tables of `extract run`."),
    corpus: Path = typer.Option(Path("corpora"), "--corpus", help="The texts the tables were extracted from."),
    gold: Path | None = typer.Option(None, "--gold", help="Gold annotations: score the tables first, so the "
                                     "report shows the figures (else OUT/evaluation.json, when present)."),
) -> None:
    """Write OUT/report.html (map, timeline, unit routes, order of battle, review texts) and the exports
    OUT/events.geojson and OUT/places.lpf.json (Linked Places Format); all open offline."""
    from extract.exports import write_exports
    from extract.report import write_report
    from extract.report.data import read_tables

    try:
        if gold is not None:
            from extract.evaluate import evaluate_dirs
            from extract.evaluate import write_report as write_evaluation

            write_evaluation(evaluate_dirs(gold, out, corpus), out)
        page = write_report(out, corpus)
        exports = write_exports(read_tables(out), out)
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    for path in (page, *exports):
        typer.echo(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    app()
