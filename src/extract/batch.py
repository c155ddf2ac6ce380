"""Batch stage: every text file of a corpus folder through the pipeline.

Historians leave this running over whole folders, so it is built to lose
nothing and to scale:

- a file that cannot be processed (undecodable, binary, a name that is not
  UTF-8, a path too long to open, anything raised inside a stage, a worker
  killed under it) becomes a row of ``errors.csv`` naming the file and the
  problem; the other documents still produce their rows;
- documents are processed in ``doc_id`` order and their rows appended to
  staged files as they finish, so memory stays flat and the tables come out
  already in contract order, identical for any worker count;
- the staged set replaces the previous tables as one set
  (``extract.output``); a run that found no input, in which no document
  succeeded, or that ``--strict`` stopped, keeps the previous set untouched;
- results are cached per document (``extract.cache``): re-running after
  editing one text re-processes only that text.

doc_id rule: a file's name without its extension (SCHEMA.md); when several
files of the corpus share that name (two volumes' ``chapter3.txt``), each
gets its path below the corpus folder without the extension
(``vol1/chapter3``) instead.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from extract.cache import DocumentCache, document_key, pipeline_fingerprint
from extract.gazetteer import load_gazetteer
from extract.output import TableSet, check_out
from extract.pipeline import analyse, load, load_for_fork, tuned_gc
from extract.read import DEFAULT_MAX_BYTES, ReadError, document_from_bytes, read_bytes
from extract.resources import read_metadata, split_sources
from extract.tables import ERROR_COLUMNS, EXPLAIN_COLUMNS, TABLE_COLUMNS, Row, csv_text, document_rows

TABLES = TABLE_COLUMNS
FORMATS = ("csv", "parquet", "xlsx", "tei")


class BatchFailed(Exception):
    """The run produced no table set; the previous tables are kept. The message says why."""


@dataclass(slots=True)
class BatchOptions:
    """How one run behaves; the CLI fills it from its options."""

    gazetteer_dir: str = ""
    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False
    workers: int = 1
    cache_dir: Path | None = None  # None: no cache
    formats: tuple[str, ...] = ("csv",)
    progress: str = "off"  # "bar" on a terminal, "lines" for logs, "off"
    extensions: tuple[str, ...] = (".txt",)
    # A reference date for documents that never state their year (--year, --reference-date), and per
    # document from the corpus's metadata.csv (doc_id -> reference_date), which wins.
    reference_date: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    # --explain: also write explain.csv (every trigger candidate and what became of it); the cache is not read.
    explain: bool = False
    # The errata sources (gazetteers/errata.csv) every document opts into (--errata), and per document those
    # of metadata.csv's errata column; None: read them from CORPUS/metadata.csv when it exists.
    errata: tuple[str, ...] = ()
    errata_of: dict[str, tuple[str, ...]] | None = None
    engine: str = "local"  # "local" (a pool of forked workers) or "dask" (extract.dask_engine)
    scheduler: str = ""  # with the dask engine: a running cluster's scheduler address ("" starts a LocalCluster)

    def reference_for(self, doc_id: str) -> tuple[str, str]:
        """The reference date of one document and where it comes from."""
        if self.metadata.get(doc_id):
            return self.metadata[doc_id], "metadata"
        return (self.reference_date, "option") if self.reference_date else ("", "")

    def errata_for(self, doc_id: str) -> tuple[str, ...]:
        """The errata sources of one document: the run's, then its own, each once."""
        return tuple(dict.fromkeys([*self.errata, *(self.errata_of or {}).get(doc_id, ())]))


@dataclass(frozen=True, slots=True)
class InputFile:
    """One corpus file: where it is, its doc_id, and its path as text that any table can hold."""

    path: Path
    doc_id: str
    shown: str


@dataclass(slots=True)
class DocResult:
    """What processing one file gave: its tables as CSV text and row counts, or the reason it failed.

    Compact on purpose: a worker formats its own rows, so what crosses to the
    parent is one string per table, and the parent's share of the work (the
    serial part of a many-core run) is appending it.
    """

    path: str
    doc_id: str
    chars: int = 0
    csv: dict[str, str] | None = None
    rows: dict[str, int] = field(default_factory=dict)
    error: tuple[str, str, str] | None = None
    cached: bool = False

    def set_tables(self, tables: dict[str, list[Row]]) -> None:
        self.csv = {name: csv_text(rows) for name, rows in tables.items()}
        self.rows = {name: len(rows) for name, rows in tables.items()}


@dataclass(slots=True)
class BatchResult:
    documents: int = 0
    cached: int = 0
    chars: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # rows of errors.csv
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    seconds: float = 0.0


def shown_name(name: str | Path) -> str:
    """A file name as valid text: UTF-8, else GBK/GB18030 (what unzip leaves), else escaped bytes.

    Python hands undecodable names over with lone surrogates, which no UTF-8
    table can hold; the name a user sees in a listing is the useful one.
    """
    raw = os.fsencode(name)
    for codec in ("utf-8", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(codec)
    return raw.decode("utf-8", "backslashreplace")


def _walk(corpus: Path, errors: list[tuple[str, str, str]]) -> list[Path]:
    found: list[Path] = []

    def failed(exc: OSError) -> None:
        where = shown_name(exc.filename or corpus)
        errors.append((where, "unreadable", f"cannot list the folder ({exc.strerror or exc})"))

    for root, dirs, files in os.walk(corpus, onerror=failed):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, f) for f in files if not f.startswith("."))
    return found


def corpus_files(corpus: Path, extensions: tuple[str, ...] = (".txt",),
                 errors: list[tuple[str, str, str]] | None = None) -> tuple[list[InputFile], list[str]]:
    """The corpus's text files in doc_id order, and the other files it holds (reported, not read)."""
    errors = [] if errors is None else errors
    if corpus.is_file():
        paths, base = [corpus], corpus.parent
    else:
        paths, base = _walk(corpus, errors), corpus
    wanted = tuple(e.lower() for e in extensions)
    texts = [p for p in paths if p.suffix.lower() in wanted]
    skipped = sorted(shown_name(p) for p in paths if p.suffix.lower() not in wanted and p.name != "metadata.csv")
    stems: dict[str, int] = {}
    for p in texts:
        stems[shown_name(p.stem)] = stems.get(shown_name(p.stem), 0) + 1
    items = []
    for p in texts:
        doc_id = shown_name(p.stem)
        if stems[doc_id] > 1:
            doc_id = shown_name(p.relative_to(base).with_suffix("").as_posix())
        items.append(InputFile(p, doc_id, shown_name(p)))
    # Still the same id (a.txt beside a.TXT): the path with its ending tells them apart.
    taken: dict[str, int] = {}
    for item in items:
        taken[item.doc_id] = taken.get(item.doc_id, 0) + 1
    items = [InputFile(i.path, shown_name(i.path.relative_to(base).as_posix()), i.shown) if taken[i.doc_id] > 1
             else i for i in items]
    items.sort(key=lambda f: (f.doc_id, f.shown))
    return items, skipped


def corpus_errata(path: Path) -> dict[str, tuple[str, ...]]:
    """``doc_id -> errata sources`` of a corpus metadata file (none when there is no file)."""
    if not path.is_file():
        return {}
    return {doc_id: split_sources(row.get("errata", "")) for doc_id, row in read_metadata(path).items()
            if row.get("errata")}


def document_tables(text: str, doc_id: str, gazetteer_dir: str = "", reference_date: str = "",
                    source: str = "", errata: tuple[str, ...] = (), explain: bool = False) -> dict[str, list[Row]]:
    """All tables of one document as rows, each in contract order (no DataFrame on this path), and
    explain.csv's rows when asked."""
    return document_rows(analyse(load(gazetteer_dir), text, reference_date, source, errata), doc_id, explain)


def process_file(item: InputFile, options: BatchOptions) -> DocResult:
    """Read, process (or fetch from the cache) one file; never raises for a bad file."""
    result = DocResult(item.shown, item.doc_id)
    try:
        _kill_hook(item.doc_id)
        data = read_bytes(item.path, options.max_bytes, shown=item.shown)
        document = document_from_bytes(item.path, data, doc_id=item.doc_id, shown=item.shown)
        result.chars = len(document.text)
        cache = key = None
        reference, source = options.reference_for(item.doc_id)
        errata = options.errata_for(item.doc_id)
        if options.cache_dir is not None and not options.explain:
            cache = DocumentCache(options.cache_dir, pipeline_fingerprint(options.gazetteer_dir))
            key = document_key(item.doc_id, data, reference + "".join(f"\0errata={e}" for e in errata))
            hit = cache.get(item.doc_id, key, document.text)
            if hit is not None:
                result.set_tables(hit["tables"])
                result.cached = True
                return result
        tables = document_tables(document.text, document.doc_id, options.gazetteer_dir, reference, source,
                                 errata, options.explain)
        if cache is not None and key is not None:
            cache.put(item.doc_id, key, {"chars": result.chars, "tables": tables})
        result.set_tables(tables)
    except ReadError as exc:
        result.error = (item.shown, exc.kind, exc.message)
    except (Exception, RecursionError) as exc:  # one bad document must not stop the batch
        result.error = (item.shown, "pipeline", f"processing failed: {type(exc).__name__}: {exc}")
    return result


def _kill_hook(doc_id: str) -> None:
    """Tests set ``EXTRACT_KILL_DOC`` to kill the worker that takes this document (as the OOM killer would).

    With ``EXTRACT_KILL_ONCE`` naming a file as well, only the first worker dies (the file records it),
    so the retried document then succeeds.
    """
    if os.environ.get("EXTRACT_KILL_DOC") == doc_id and multiprocessing.parent_process() is not None:
        import signal

        once = os.environ.get("EXTRACT_KILL_ONCE")
        if once:
            try:
                os.close(os.open(once, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                return
        os.kill(os.getpid(), signal.SIGKILL)


class _TableWriter:
    """Appends one table's CSV text (formatted by the worker) to its staged file."""

    def __init__(self, path: Path, columns: list[str]) -> None:
        self.path = path
        self.columns = columns
        self.rows = 0
        self.handle: TextIO = path.open("w", encoding="utf-8", newline="")
        self.handle.write(csv_text([columns]))

    def append(self, text: str, rows: int) -> None:
        if rows:
            self.handle.write(text)
            self.rows += rows

    def close(self) -> None:
        if not self.handle.closed:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()


def _write_parquet(csv_path: Path) -> None:
    """Parquet twin of a staged CSV, converted in batches (memory stays flat)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    with csv_path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    # Every column as text except offsets: norms such as 1944 must stay strings.
    types = {c: (pa.int64() if c in ("start", "end") else pa.string()) for c in header}
    reader = pacsv.open_csv(csv_path, convert_options=pacsv.ConvertOptions(
        column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False))
    with pq.ParquetWriter(csv_path.with_suffix(".parquet"), reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)


def _write_xlsx(csv_path: Path) -> None:
    """The same table for spreadsheet users, every cell typed as text: no cell is ever run as a formula."""
    import pandas as pd

    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    with pd.ExcelWriter(csv_path.with_suffix(".xlsx"), engine="xlsxwriter",
                        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False,
                                                   "strings_to_numbers": False}}) as writer:
        limit = 1_048_575  # rows of one sheet, less the header
        for n, lo in enumerate(range(0, max(len(frame), 1), limit)):
            frame.iloc[lo: lo + limit].to_excel(writer, sheet_name=f"{csv_path.stem}{'' if n == 0 else n + 1}",
                                                index=False)


def _worker_died(item: InputFile, tries: str = "twice") -> DocResult:
    return DocResult(item.shown, item.doc_id, error=(
        item.shown, "worker_died", "the worker process died while processing this file (killed, or out of "
                                   f"memory); it was tried {tries}"))


def _parallel(items: list[InputFile], options: BatchOptions, workers: int) -> Iterator[DocResult]:
    """Results in file order from a pool of forked workers; a killed worker never hangs the run.

    When a worker dies, the documents it may have held are retried one at a
    time, so the one that kills a worker again is named in errors.csv and the
    rest go on.
    """
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    done: dict[int, DocResult] = {}
    fresh, suspects = deque(range(len(items))), deque[int]()
    tried: dict[int, int] = {}
    next_out = 0
    while next_out < len(items):
        inflight: dict[int, Future[DocResult]] = {}
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            try:
                while next_out < len(items):
                    if next_out in done:
                        yield done.pop(next_out)
                        next_out += 1
                        continue
                    if suspects:
                        if not inflight:
                            i = suspects.popleft()
                            inflight[i] = pool.submit(process_file, items[i], options)
                    else:
                        while fresh and len(inflight) < workers * 4:
                            i = fresh.popleft()
                            inflight[i] = pool.submit(process_file, items[i], options)
                    wait(list(inflight.values()), return_when="FIRST_COMPLETED")
                    for i, fut in list(inflight.items()):
                        if fut.done():
                            done[i] = fut.result()  # raises BrokenProcessPool if the worker died
                            del inflight[i]
            except BrokenProcessPool:
                lost = []
                for i, fut in inflight.items():
                    if fut.done() and fut.exception() is None:
                        done[i] = fut.result()
                    else:
                        lost.append(i)
                for i in lost:
                    tried[i] = tried.get(i, 0) + 1
                    if len(lost) == 1 and tried[i] >= 2:
                        done[i] = _worker_died(items[i])
                    else:
                        suspects.append(i)
                suspects = deque(sorted(suspects))


def _results(items: list[InputFile], options: BatchOptions) -> Iterator[DocResult]:
    """Results in file order; with several workers, computed in parallel; or from a Dask cluster."""
    if options.engine == "dask":
        from extract.dask_engine import dask_results

        yield from dask_results(items, options)
        return
    workers = max(1, min(options.workers, len(items)))
    if workers == 1:
        for item in items:
            yield process_file(item, options)
        return
    load_for_fork(options.gazetteer_dir)  # loaded once here, shared by the forked workers
    pipeline_fingerprint(options.gazetteer_dir)
    yield from _parallel(items, options, workers)


def _progress(total: int, mode: str) -> tuple[Callable[[DocResult], None], Callable[[], None]]:
    """A rich progress bar on a terminal; plain progress lines on stderr for logs (nohup, SLURM); or nothing."""
    if mode == "off" or total == 0:
        return (lambda _r: None), (lambda: None)
    started, state = time.perf_counter(), {"docs": 0, "chars": 0, "shown": 0.0}
    if mode == "lines":
        def line(result: DocResult) -> None:
            state["docs"] += 1
            state["chars"] += result.chars
            now = time.perf_counter() - started
            if state["docs"] == total or now - state["shown"] >= 10:
                state["shown"] = now
                print(f"extract: {state['docs']}/{total} documents ({100 * state['docs'] // total}%), "
                      f"{state['chars']:,} characters, {state['chars'] / max(now, 1e-9):,.0f} chars/s",
                      file=sys.stderr, flush=True)

        return line, (lambda: None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=False)
    task = progress.add_task("documents", total=total, rate="")
    progress.start()

    def update(result: DocResult) -> None:
        state["chars"] += result.chars
        rate = state["chars"] / max(time.perf_counter() - started, 1e-9)
        progress.update(task, advance=1, rate=f"{rate:,.0f} chars/s")

    return update, progress.stop


def _usable_cache(options: BatchOptions, result: BatchResult) -> BatchOptions:
    """The options with the cache turned off (and a notice) when its folder cannot be written."""
    if options.cache_dir is None:
        return options
    cache = DocumentCache(options.cache_dir, pipeline_fingerprint(options.gazetteer_dir))
    problem = cache.usable()
    if problem:
        result.notices.append(f"the cache cannot be used ({problem}); running uncached")
        return BatchOptions(**{**{f: getattr(options, f) for f in options.__slots__}, "cache_dir": None})
    cache.prune()
    return options


def _write_set(items: list[InputFile], options: BatchOptions, out: Path, result: BatchResult,
               errors: list[tuple[str, str, str]]) -> None:
    """Stage every table of the run, in doc_id order, and commit them as one set (or discard them)."""
    staged = TableSet(out)
    try:
        tables = {**TABLES, "explain": EXPLAIN_COLUMNS} if options.explain else TABLES
        writers = {name: _TableWriter(staged.path(f"{name}.csv"), columns) for name, columns in tables.items()}
        update, stop = _progress(len(items), options.progress)
        try:
            for doc in _results(items, options):
                update(doc)
                if doc.error is not None:
                    print(f"error: {doc.error[0]}: {doc.error[2]}", file=sys.stderr)
                    errors.append(doc.error)
                    if options.strict:
                        raise BatchFailed(f"--strict: {doc.error[0]}: {doc.error[2]}; the previous tables are kept")
                    continue
                assert doc.csv is not None
                for name, writer in writers.items():
                    writer.append(doc.csv[name], doc.rows[name])
                result.documents += 1
                result.cached += doc.cached
                result.chars += doc.chars
        finally:
            stop()
            for writer in writers.values():
                writer.close()
        result.errors = list(errors)
        result.failed = [e[0] for e in errors]
        if result.documents == 0:
            raise BatchFailed(f"none of the {len(items)} file(s) could be processed; the previous tables are kept")
        staged.path("errors.csv").write_text(csv_text([ERROR_COLUMNS, *errors]), encoding="utf-8", newline="")
        result.rows = {name: writer.rows for name, writer in writers.items()}
        for fmt, write in (("parquet", _write_parquet), ("xlsx", _write_xlsx)):
            if fmt in options.formats:
                for name in [*tables, "errors"]:
                    write(staged.path(f"{name}.csv"))
        staged.commit({**result.rows, "errors": len(errors)}, load_gazetteer(options.gazetteer_dir or None).fingerprint)
    except BaseException:
        staged.discard()
        raise


def run_batch(corpus: Path, out: Path, options: BatchOptions | None = None) -> BatchResult:
    """Process ``corpus`` and replace the tables in ``out`` with this run's set.

    Raises :class:`BatchFailed` (previous tables kept) when there is no input,
    no document succeeded, or ``--strict`` met a bad file; ``FileNotFoundError``
    for a missing corpus and :class:`extract.output.OutputError` for an
    unusable ``out``.
    """
    options = options or BatchOptions()
    if not corpus.exists():
        raise FileNotFoundError(f"corpus not found: {corpus}")
    if options.errata_of is None:
        options = dataclasses.replace(options, errata_of=corpus_errata(corpus / "metadata.csv"))
    started = time.perf_counter()
    check_out(out)
    result = BatchResult()
    errors: list[tuple[str, str, str]] = []
    items, result.skipped = corpus_files(corpus, options.extensions, errors)
    if not items:
        raise BatchFailed(f"{corpus}: no {'/'.join(options.extensions)} file found"
                          + (f" ({len(result.skipped)} other file(s))" if result.skipped else "")
                          + "; the previous tables are kept")
    options = _usable_cache(options, result)
    with tuned_gc():
        _write_set(items, options, out, result, errors)
    if "tei" in options.formats:  # OUT/tei/<doc_id>.xml, from the committed tables (extract.tei)
        from extract.tei import write_tei_folder

        write_tei_folder(items, out, options.gazetteer_dir, options.max_bytes)
    result.seconds = time.perf_counter() - started
    return result
