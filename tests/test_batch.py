"""Batch runs: encodings, bad files, atomic tables, cache, workers, Parquet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import extract.batch as batch
from extract.batch import BatchFailed, BatchOptions, run_batch

SIMPLIFIED = ("1944年5月25日，日军第37师团第225联队攻占洛阳。次日，守军第85军（吴绍周）向西撤退。\n"
              "6月18日，第68师团进至长沙以南，守军第4军退守岳麓山。\n")
TRADITIONAL = ("1944年5月25日，日軍第37師團第225聯隊攻佔洛陽。次日，守軍第85軍（吳紹周）向西撤退。\n"
               "6月18日，第68師團進至長沙以南，守軍第4軍退守嶽麓山。\n")


def _corpus(tmp_path: Path, files: dict[str, bytes]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data in files.items():
        (corpus / name).write_bytes(data)
    return corpus


def _rows(out: Path, table: str, doc_id: str) -> pd.DataFrame:
    frame = pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)
    return frame[frame.doc_id == doc_id].drop(columns="doc_id").reset_index(drop=True)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("gb18030", SIMPLIFIED.encode("gb18030")),
        ("utf16", SIMPLIFIED.encode("utf-16")),
        ("utf8bom", SIMPLIFIED.encode("utf-8-sig")),
        ("crlf", SIMPLIFIED.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_encodings_give_the_rows_of_their_utf8_twin(tmp_path, name, data):
    corpus = _corpus(tmp_path, {"utf8.txt": SIMPLIFIED.encode("utf-8"), f"{name}.txt": data})
    out = tmp_path / "out"
    assert run_batch(corpus, out).documents == 2
    twin, other = _rows(out, "entities", "utf8"), _rows(out, "entities", name)
    if name == "crlf":  # one more character per line: same mentions, later offsets
        assert list(other["text"]) == list(twin["text"]) and list(other["norm"]) == list(twin["norm"])
    else:
        assert twin.equals(other)
    assert ("第37师团/第225联队", "JP") in set(zip(twin["norm"], twin["side"], strict=True))
    assert set(_rows(out, "events", name)["place"]) >= {"洛阳"}


def test_big5_traditional_gives_the_facts_of_the_simplified_text(tmp_path):
    corpus = _corpus(tmp_path, {"simp.txt": SIMPLIFIED.encode("utf-8"), "trad.txt": TRADITIONAL.encode("big5")})
    out = tmp_path / "out"
    run_batch(corpus, out)
    simp, trad = _rows(out, "entities", "simp"), _rows(out, "entities", "trad")
    cols = ["start", "end", "label", "norm", "side"]
    assert simp[cols].equals(trad[cols])
    text = (corpus / "trad.txt").read_bytes().decode("big5")
    assert all(text[int(s):int(e)] == t for s, e, t in zip(trad["start"], trad["end"], trad["text"], strict=True))


def test_bad_files_are_reported_and_the_rest_written(tmp_path, capsys):
    corpus = _corpus(tmp_path, {
        "good.txt": SIMPLIFIED.encode("utf-8"),
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "garbled.txt": bytes(range(128, 256)) * 4,
        "huge.txt": SIMPLIFIED.encode("utf-8") * 50,
    })
    out = tmp_path / "out"
    result = run_batch(corpus, out, BatchOptions(max_bytes=5_000))
    errors = pd.read_csv(out / "errors.csv")
    assert dict(zip((Path(p).name for p in errors["path"]), errors["error"], strict=True)) == {
        "binary.txt": "binary", "empty.txt": "empty", "garbled.txt": "undecodable", "huge.txt": "too_large"}
    assert result.documents == 1 and sorted(pd.read_csv(out / "entities.csv")["doc_id"].unique()) == ["good"]
    assert "garbled.txt" in capsys.readouterr().err


def test_strict_stops_and_keeps_the_previous_tables(tmp_path):
    corpus = _corpus(tmp_path, {"a.txt": SIMPLIFIED.encode("utf-8")})
    out = tmp_path / "out"
    run_batch(corpus, out)
    before = (out / "entities.csv").read_bytes()
    (corpus / "b.txt").write_bytes(b"")
    (corpus / "c.txt").write_bytes(SIMPLIFIED.encode("utf-8"))
    errors_before = (out / "errors.csv").read_bytes()
    with pytest.raises(BatchFailed, match=r"b\.txt: the file is empty"):
        run_batch(corpus, out, BatchOptions(strict=True))
    assert (out / "entities.csv").read_bytes() == before and (out / "errors.csv").read_bytes() == errors_before


def test_interrupted_run_leaves_the_old_tables(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path, {"a.txt": SIMPLIFIED.encode("utf-8"), "b.txt": TRADITIONAL.encode("utf-8")})
    out = tmp_path / "out"
    run_batch(corpus, out)
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    real = batch.process_file

    def crash_on_b(item, options):
        if item.doc_id == "b":
            raise KeyboardInterrupt
        return real(item, options)

    monkeypatch.setattr(batch, "process_file", crash_on_b)
    (corpus / "a.txt").write_bytes(TRADITIONAL.encode("utf-8"))
    with pytest.raises(KeyboardInterrupt):
        run_batch(corpus, out)
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before
    assert not list(out.glob(".*.tmp")) and not list(out.glob(".run-*"))


def test_cache_reprocesses_only_what_changed(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path, {"a.txt": SIMPLIFIED.encode("utf-8"), "b.txt": TRADITIONAL.encode("utf-8")})
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = run_batch(corpus, out, BatchOptions(cache_dir=cache))
    tables = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    assert first.cached == 0

    processed: list[str] = []
    real = batch.document_tables
    monkeypatch.setattr(batch, "document_tables", lambda text, doc_id, *rest: processed.append(doc_id)
                        or real(text, doc_id, *rest))
    second = run_batch(corpus, out, BatchOptions(cache_dir=cache))
    assert second.cached == 2 and processed == []
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == tables

    (corpus / "b.txt").write_text(TRADITIONAL + "7月1日，日军攻占衡阳。\n", encoding="utf-8")
    third = run_batch(corpus, out, BatchOptions(cache_dir=cache))
    assert third.cached == 1 and processed == ["b"]
    assert "衡阳" in set(_rows(out, "entities", "b")["norm"])


def test_one_and_two_workers_write_identical_tables(tmp_path):
    files = {f"doc{i}.txt": (SIMPLIFIED if i % 2 else TRADITIONAL).encode("utf-8") for i in range(4)}
    corpus = _corpus(tmp_path, files)
    run_batch(corpus, tmp_path / "one", BatchOptions(workers=1))
    run_batch(corpus, tmp_path / "two", BatchOptions(workers=2))
    for name in ("entities.csv", "events.csv", "orbat.csv", "warnings.csv", "errors.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert len(pd.read_csv(tmp_path / "one" / "entities.csv")["doc_id"].unique()) == 4


def test_parquet_twin_has_the_csv_rows(tmp_path):
    corpus = _corpus(tmp_path, {"a.txt": SIMPLIFIED.encode("utf-8")})
    out = tmp_path / "out"
    run_batch(corpus, out, BatchOptions(formats=("csv", "parquet")))
    csv = pd.read_csv(out / "entities.csv", dtype={"norm": str, "side": str}, keep_default_na=False)
    parquet = pd.read_parquet(out / "entities.parquet")
    assert list(parquet["norm"]) == list(csv["norm"]) and list(parquet["start"]) == list(csv["start"])
    assert "1944-05-25" in set(parquet["norm"])


def test_files_of_one_name_in_two_folders_get_their_paths_as_doc_ids(tmp_path):
    corpus = _corpus(tmp_path, {"a.txt": SIMPLIFIED.encode("utf-8"), "b.txt": SIMPLIFIED.encode("utf-8")})
    (corpus / "sub").mkdir()
    shutil.copy(corpus / "a.txt", corpus / "sub" / "a.txt")
    result = run_batch(corpus, tmp_path / "out")
    assert result.documents == 3 and not result.failed
    assert sorted(set(pd.read_csv(tmp_path / "out" / "entities.csv")["doc_id"])) == ["a", "b", "sub/a"]


def test_files_that_differ_only_in_the_case_of_their_ending_keep_their_endings(tmp_path):
    corpus = _corpus(tmp_path, {"a.txt": SIMPLIFIED.encode("utf-8"), "a.TXT": TRADITIONAL.encode("utf-8")})
    result = run_batch(corpus, tmp_path / "out")
    assert result.documents == 2
    assert sorted(set(pd.read_csv(tmp_path / "out" / "entities.csv")["doc_id"])) == ["a.TXT", "a.txt"]


def test_tables_do_not_depend_on_the_hash_seed(tmp_path):
    """Byte-identical tables from two processes with different string-hash seeds."""
    import os
    import subprocess
    import sys

    corpus = _corpus(tmp_path, {"a.txt": SIMPLIFIED.encode("utf-8"), "b.txt": TRADITIONAL.encode("utf-8")})
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        subprocess.run([sys.executable, "-m", "extract.cli", "run", str(corpus), "--out", str(out), "--no-cache",
                        "--quiet", "--workers", "1"], check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append({p.name: p.read_bytes() for p in out.glob("*.csv")})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 5
    assert (tmp_path / "out1" / "MANIFEST.json").is_file()
