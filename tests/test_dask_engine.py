"""``--engine dask``: the same tables as the local engine, and a worker killed mid-run loses no document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.batch import BatchOptions, run_batch
from extract.dask_engine import chunks

pytest.importorskip("distributed")

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
DOCS = ["changsha_1939_numerals", "changde_1943_traditional", "changheng_1944_web_spaced", "korea_1950_heldout",
        "memoir_1938_taierzhuang", "yuzhong_1944_web_noyear"]
TABLES = ["entities.csv", "events.csv", "orbat.csv", "warnings.csv", "errors.csv"]


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in DOCS:
        shutil.copy(CORPORA / f"{name}.txt", corpus)
    (corpus / "empty.txt").write_bytes(b"")  # a bad file: a row of errors.csv under either engine
    return corpus


def test_dask_tables_are_the_local_ones_though_a_worker_dies(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path)
    run_batch(corpus, tmp_path / "local", BatchOptions(workers=1))
    marker = tmp_path / "killed"
    monkeypatch.setenv("EXTRACT_KILL_DOC", "korea_1950_heldout")  # its worker dies the first time it takes it
    monkeypatch.setenv("EXTRACT_KILL_ONCE", str(marker))
    result = run_batch(corpus, tmp_path / "dask", BatchOptions(engine="dask", workers=2))
    assert marker.exists()  # a worker did die under the document
    assert result.documents == len(DOCS) and result.failed == [str(corpus / "empty.txt")]
    for name in TABLES:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_dask_joins_a_running_cluster(tmp_path):
    from distributed import LocalCluster

    corpus = _corpus(tmp_path)
    run_batch(corpus, tmp_path / "local", BatchOptions(workers=1))
    # Worker threads of this process are enough to show the address is used (no cluster of our own).
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        result = run_batch(corpus, tmp_path / "dask", BatchOptions(engine="dask", scheduler=cluster.scheduler_address))
    assert result.documents == len(DOCS)
    for name in TABLES:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


@pytest.mark.parametrize("sizes, max_bytes, max_docs, expected", [
    ([10, 10, 10], 25, 64, [2, 1]),
    ([100, 1, 1], 25, 64, [1, 2]),
    ([1, 1, 1, 1, 1], 1000, 2, [2, 2, 1]),
])
def test_documents_are_partitioned_in_order(tmp_path, sizes, max_bytes, max_docs, expected):
    from extract.batch import corpus_files

    for n, size in enumerate(sizes):
        (tmp_path / f"d{n}.txt").write_bytes(b"x" * size)
    items, _ = corpus_files(tmp_path)
    parts = chunks(items, max_bytes, max_docs)
    assert [len(p) for p in parts] == expected
    assert [i.doc_id for p in parts for i in p] == [i.doc_id for i in items]
