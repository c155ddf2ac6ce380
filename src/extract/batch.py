"""Batch stage: every ``*.txt`` of a corpus folder through the pipeline.

Historians leave this running over whole folders, so it is built to lose
nothing and to scale:

- a file that cannot be processed is reported (stderr and ``errors.csv``)
  and skipped; the other documents still produce their rows;
- documents are processed in ``doc_id`` order and their rows appended to
  temporary files as they finish, so memory stays flat and the tables come
  out already in contract order, identical for any worker count;
- each table is renamed into place only when the run completes, so an
  interrupted run leaves the previous tables intact;
- results are cached per document (see ``cache.py``): re-running after
  editing one text re-processes only that text.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import pandas as pd

from extract.cache import DocumentCache, document_key, pipeline_fingerprint
from extract.pipeline import load
from extract.read import DEFAULT_MAX_BYTES, ReadError, document_from_bytes, read_bytes
from extract.tables import (
    ENTITY_COLUMNS,
    ERROR_COLUMNS,
    EVENT_COLUMNS,
    ORBAT_COLUMNS,
    WARNING_COLUMNS,
    entities_frame,
    events_frame,
    orbat_frame,
    warnings_frame,
    write_csv_atomic,
)

TABLES: dict[str, list[str]] = {
    "entities": ENTITY_COLUMNS,
    "events": EVENT_COLUMNS,
    "orbat": ORBAT_COLUMNS,
    "warnings": WARNING_COLUMNS,
}


@dataclass(slots=True)
class BatchOptions:
    """How one run behaves; the CLI fills it from its options."""

    gazetteer_dir: str = ""
    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False
    workers: int = 1
    cache_dir: Path | None = None  # None: no cache
    formats: tuple[str, ...] = ("csv",)
    progress: bool = False


@dataclass(slots=True)
class DocResult:
    """What processing one file gave: its tables, or the reason it failed."""

    path: str
    doc_id: str
    chars: int = 0
    tables: dict[str, pd.DataFrame] | None = None
    error: tuple[str, str, str] | None = None
    cached: bool = False


@dataclass(slots=True)
class BatchResult:
    documents: int = 0
    cached: int = 0
    chars: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ERROR_COLUMNS))
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def corpus_files(corpus: Path) -> list[Path]:
    """Text files of the corpus, recursively, in contract order (doc_id, then path)."""
    if corpus.is_file():
        return [corpus]
    return sorted((p for p in corpus.rglob("*.txt") if p.is_file()), key=lambda p: (p.stem, p.as_posix()))


def document_tables(text: str, doc_id: str, gazetteer_dir: str = "") -> dict[str, pd.DataFrame]:
    """All tables of one document, each sorted in contract order."""
    doc = load(gazetteer_dir)(text)
    return {
        "entities": entities_frame(doc, doc_id),
        "events": events_frame(doc, doc_id),
        "orbat": orbat_frame(doc, doc_id).sort_values("start", kind="mergesort"),
        "warnings": warnings_frame(doc, doc_id).sort_values("start", kind="mergesort"),
    }


def process_file(path: Path, options: BatchOptions) -> DocResult:
    """Read, process (or fetch from the cache) one file; never raises for a bad file."""
    result = DocResult(str(path), path.stem)
    try:
        data = read_bytes(path, options.max_bytes)
        cache = key = None
        if options.cache_dir is not None:
            cache = DocumentCache(options.cache_dir, pipeline_fingerprint(options.gazetteer_dir))
            key = document_key(path.stem, data)
            hit = cache.get(key)
            if hit is not None:
                result.chars, result.tables, result.cached = hit["chars"], hit["tables"], True
                return result
        document = document_from_bytes(path, data)
        result.chars = len(document.text)
        result.tables = document_tables(document.text, document.doc_id, options.gazetteer_dir)
        if cache is not None and key is not None:
            cache.put(key, {"chars": result.chars, "tables": result.tables})
    except ReadError as exc:
        result.error = (exc.path, exc.kind, exc.message)
    except Exception as exc:  # one bad document must not stop the batch
        result.error = (str(path), "pipeline", f"processing failed: {type(exc).__name__}: {exc}")
    return result


class _TableWriter:
    """Appends one table's rows to a temporary file; ``commit`` renames it into place."""

    def __init__(self, path: Path, columns: list[str]) -> None:
        self.path = path
        self.columns = columns
        self.rows = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        self.tmp = Path(tmp)
        self.handle: TextIO = os.fdopen(fd, "w", encoding="utf-8", newline="")
        pd.DataFrame(columns=columns).to_csv(self.handle, index=False)

    def append(self, frame: pd.DataFrame) -> None:
        if len(frame):
            frame[self.columns].to_csv(self.handle, index=False, header=False)
            self.rows += len(frame)

    def commit(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        self.tmp.unlink(missing_ok=True)


def _write_parquet(csv_path: Path) -> None:
    """Parquet twin of a committed CSV, converted in batches (memory stays flat)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    target = csv_path.with_suffix(".parquet")
    fd, tmp = tempfile.mkstemp(dir=csv_path.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        header = pd.read_csv(csv_path, nrows=0).columns
        # Every column as text except offsets: norms such as 1944 must stay strings.
        types = {c: (pa.int64() if c in ("start", "end") else pa.string()) for c in header}
        reader = pacsv.open_csv(csv_path, convert_options=pacsv.ConvertOptions(
            column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False))
        with pq.ParquetWriter(tmp, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _results(files: list[Path], options: BatchOptions) -> Iterator[DocResult]:
    """Results in file order; with several workers, computed in parallel."""
    workers = max(1, min(options.workers, len(files)))
    if workers == 1:
        for path in files:
            yield process_file(path, options)
        return
    load(options.gazetteer_dir)  # loaded once here, inherited by forked workers
    pipeline_fingerprint(options.gazetteer_dir)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(workers) as pool:
        yield from pool.imap(_process_star, [(p, options) for p in files], chunksize=1)


def _process_star(args: tuple[Path, BatchOptions]) -> DocResult:
    return process_file(*args)


def _progress(total: int, enabled: bool) -> tuple[Callable[[DocResult], None], Callable[[], None]]:
    """A rich progress bar (documents, characters per second, ETA) on a terminal, else nothing."""
    if not enabled:
        return (lambda _r: None), (lambda: None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=False)
    task = progress.add_task("documents", total=total, rate="")
    started, chars = time.perf_counter(), 0
    progress.start()

    def update(result: DocResult) -> None:
        nonlocal chars
        chars += result.chars
        rate = chars / max(time.perf_counter() - started, 1e-9)
        progress.update(task, advance=1, rate=f"{rate:,.0f} chars/s")

    return update, progress.stop


def run_batch(corpus: Path, out: Path, options: BatchOptions | None = None) -> BatchResult:
    """Process ``corpus`` and write the tables into ``out``."""
    options = options or BatchOptions()
    if not corpus.exists():
        raise FileNotFoundError(f"corpus not found: {corpus}")
    started = time.perf_counter()
    if options.cache_dir is not None:
        DocumentCache(options.cache_dir, pipeline_fingerprint(options.gazetteer_dir)).prune()
    files = corpus_files(corpus)
    writers = {name: _TableWriter(out / f"{name}.csv", columns) for name, columns in TABLES.items()}
    result = BatchResult()
    errors: list[tuple[str, str, str]] = []
    seen_ids: dict[str, str] = {}
    update, stop = _progress(len(files), options.progress)
    aborted = False
    try:
        for doc in _results(files, options):
            update(doc)
            if doc.error is None and doc.doc_id in seen_ids:
                doc.error = (doc.path, "duplicate_id",
                             f"doc_id {doc.doc_id!r} is already used by {seen_ids[doc.doc_id]}; rename one file")
            if doc.error is not None:
                print(f"error: {doc.error[0]}: {doc.error[2]}", file=sys.stderr)
                errors.append(doc.error)
                if options.strict:
                    aborted = True
                    break
                continue
            seen_ids[doc.doc_id] = doc.path
            assert doc.tables is not None
            for name, writer in writers.items():
                writer.append(doc.tables[name])
            result.documents += 1
            result.cached += doc.cached
            result.chars += doc.chars
    except BaseException:
        for writer in writers.values():
            writer.discard()
        raise
    finally:
        stop()
    result.errors = pd.DataFrame(errors, columns=ERROR_COLUMNS)
    result.failed = [e[0] for e in errors]
    if aborted:
        # --strict: the previous tables stay as they were; only the error is reported.
        for writer in writers.values():
            writer.discard()
        write_csv_atomic(result.errors, out / "errors.csv")
        result.seconds = time.perf_counter() - started
        return result
    for name, writer in writers.items():
        writer.commit()
        result.rows[name] = writer.rows
    write_csv_atomic(result.errors, out / "errors.csv")
    if "parquet" in options.formats:
        for name in [*TABLES, "errors"]:
            _write_parquet(out / f"{name}.csv")
    result.seconds = time.perf_counter() - started
    return result
