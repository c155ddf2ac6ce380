"""``extract run --engine dask``: the documents of a corpus over a Dask cluster (dask.distributed).

The local engine's guarantees, on many machines:

- documents are partitioned into chunks of consecutive files (doc_id order),
  one task per chunk, so a corpus of many small texts does not pay the
  scheduler's overhead per file;
- each worker loads the pipeline once (:class:`PipelineLoader`, a worker
  plugin, also run by a worker that joins or is restarted later), then
  runs the same ``process_file`` as a local worker: a task returns the
  chunk's results as CSV text (``extract.batch.DocResult``), and the
  parent appends them in doc_id order through the same writers, so the
  tables are byte-identical to the local engine's;
- a bad document is a row of errors.csv, as locally; a worker that dies
  (killed, out of memory) loses nothing: the scheduler gives its tasks to
  another worker, and a chunk that has killed workers
  ``distributed.scheduler.allowed-failures`` times is split and its
  documents retried one by one, so only the one that kills every worker
  becomes a ``worker_died`` row.

Without ``--scheduler`` a LocalCluster of worker processes is started (one
thread each: the pipeline is pure Python, threads would share one core). With
an address the run joins a running cluster (README: SLURM, Kubernetes); the
corpus, and the cache folder if any, must then be at the same path on the
workers (a shared file system), since tasks carry paths, not texts.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from extract.batch import BatchOptions, DocResult, InputFile, _worker_died, process_file
from extract.cache import pipeline_fingerprint
from extract.pipeline import load, load_for_fork

CHUNK_BYTES = 1 << 20  # about a second of work per task: small enough to balance, big enough to amortize
CHUNK_DOCS = 64


class DaskUnavailable(RuntimeError):
    """dask[distributed] is not installed (pip install 'extract[dask]')."""


def chunks(items: list[InputFile], max_bytes: int = CHUNK_BYTES, max_docs: int = CHUNK_DOCS) -> list[list[InputFile]]:
    """Consecutive files in runs of about ``max_bytes`` (or ``max_docs``); a big file is a chunk of its own."""
    out: list[list[InputFile]] = []
    current: list[InputFile] = []
    size = 0
    for item in items:
        try:
            n = item.path.stat().st_size
        except OSError:  # process_file reports it; it costs nothing here
            n = 0
        if current and (size + n > max_bytes or len(current) >= max_docs):
            out.append(current)
            current, size = [], 0
        current.append(item)
        size += n
    if current:
        out.append(current)
    return out


def process_chunk(chunk: list[InputFile], options: BatchOptions) -> list[DocResult]:
    """One task: the chunk's documents, each as ``process_file`` does it locally."""
    return [process_file(item, options) for item in chunk]


try:  # the base class distributed requires of a plugin; without dask the engine reports DaskUnavailable
    from distributed.diagnostics.plugin import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover
    _PluginBase = object  # type: ignore[assignment,misc]


class PipelineLoader(_PluginBase):  # type: ignore[misc,valid-type]
    """Worker plugin: the pipeline (dictionaries, gazetteers) loaded once per worker, before any task."""

    name = "extract-pipeline"

    def __init__(self, gazetteer_dir: str) -> None:
        self.gazetteer_dir = gazetteer_dir

    def setup(self, worker: object) -> None:
        load(self.gazetteer_dir)  # freezes what it loaded out of the collector (extract.pipeline)
        pipeline_fingerprint(self.gazetteer_dir)
        gc.set_threshold(50_000, 20, 100)  # the worker process is ours: the batch thresholds for good

    def teardown(self, worker: object) -> None:
        return None


@dataclass(slots=True)
class _Unit:
    chunk: list[InputFile]
    future: object


def dask_results(items: list[InputFile], options: BatchOptions) -> Iterator[DocResult]:
    """Results in doc_id order from a Dask cluster (started here unless ``options.scheduler`` names one)."""
    try:
        from distributed import Client, KilledWorker, LocalCluster
    except ImportError as exc:
        raise DaskUnavailable("--engine dask needs dask.distributed: pip install 'extract[dask]'") from exc

    cluster = None
    if options.scheduler:
        client = Client(options.scheduler)
    else:
        import dask

        # The worker processes are forked from this one with the pipeline already loaded (and frozen out of
        # the collector): they start in a fraction of a second and share the dictionaries copy-on-write,
        # where spawned ones would each import spaCy and read them again. A restarted worker is forked too.
        load_for_fork(options.gazetteer_dir)
        pipeline_fingerprint(options.gazetteer_dir)
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        with dask.config.set({"distributed.worker.multiprocessing-method": method}):
            cluster = LocalCluster(n_workers=max(1, options.workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        client.register_plugin(PipelineLoader(options.gazetteer_dir))
        threads = sum(client.nthreads().values()) or 1
        window = max(4, 2 * threads)  # tasks in flight: every worker busy, memory of results bounded
        pending = deque(chunks(items))
        inflight: deque[_Unit] = deque()

        def submit(chunk: list[InputFile]) -> _Unit:
            return _Unit(chunk, client.submit(process_chunk, chunk, options, pure=False))

        while pending or inflight:
            while pending and len(inflight) < window:
                inflight.append(submit(pending.popleft()))
            unit = inflight.popleft()
            try:
                results = unit.future.result()  # type: ignore[attr-defined]
            except KilledWorker:
                if len(unit.chunk) == 1:
                    results = [_worker_died(unit.chunk[0], "on as many workers as the cluster allows")]
                else:  # retry its documents one by one, ahead of everything else, in order
                    inflight.extendleft(reversed([submit([item]) for item in unit.chunk]))
                    continue
            finally:
                unit.future.release()  # type: ignore[attr-defined]
            yield from results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
