"""No input breaks a batch, no run loses a table, no cache runs code."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from extract.batch import BatchFailed, BatchOptions, run_batch, shown_name
from extract.output import MANIFEST, OutputError, recover, sha256_file

TEXT = "1944年5月25日，日军第37师团攻占洛阳。次日，守军第85军向西撤退。\n"
OTHER = "1944年6月18日，日军第68师团进至长沙以南，守军第4军退守岳麓山。\n"


def corpus_of(tmp_path: Path, files: dict[str, bytes]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, data in files.items():
        (corpus / name).write_bytes(data)
    return corpus


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_a_hostile_batch_keeps_every_row_of_its_good_files(tmp_path):
    corpus = corpus_of(tmp_path, {"good.txt": TEXT.encode(), "empty.txt": b"", "binary.txt": b"\x00\x01\x02" * 50,
                                  "digits.txt": ("第" + "9" * 5000 + "师攻占洛阳。").encode()})
    os.mkdir(os.fsencode(corpus) + b"/\xb5\xda\xd2\xbb")  # 第一, as unzip leaves a GBK name
    with open(os.fsencode(corpus) + b"/\xb5\xda\xd2\xbb/\xc2\xe5\xd1\xf4.txt", "wb") as handle:  # 洛阳.txt
        handle.write(OTHER.encode())
    # A folder nested deeper than PATH_MAX allows to name.
    fd = os.open(corpus, os.O_RDONLY)
    for _ in range(18):
        os.mkdir("d" * 250, dir_fd=fd)
        nxt = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = nxt
    os.close(fd)
    out = tmp_path / "out"
    result = run_batch(corpus, out)
    entities = pd.read_csv(out / "entities.csv", dtype=str, keep_default_na=False)
    assert set(entities["doc_id"]) >= {"good", "洛阳"}
    good = entities[entities.doc_id == "good"]
    assert {"1944年5月25日", "第37师团", "洛阳", "第85军"} <= set(good["text"])
    errors = pd.read_csv(out / "errors.csv", dtype=str, keep_default_na=False)
    assert {"empty", "binary"} <= set(errors["error"])
    assert any(e == "unreadable" and "d" * 250 in p for p, e in zip(errors["path"], errors["error"], strict=True))
    assert result.documents >= 2


@pytest.mark.parametrize(("raw", "shown"), [
    ("洛阳.txt".encode(), "洛阳.txt"),
    ("洛阳.txt".encode("gbk"), "洛阳.txt"),
    (b"\xff\xfe\xfa.txt", "\\xff\\xfe\\xfa.txt"),
])
def test_file_names_are_shown_as_text(raw, shown):
    assert shown_name(os.fsdecode(raw)) == shown


def test_an_empty_input_folder_keeps_the_tables(tmp_path):
    corpus = corpus_of(tmp_path, {"a.txt": TEXT.encode()})
    out = tmp_path / "out"
    run_batch(corpus, out)
    before = snapshot(out)
    (corpus / "a.txt").unlink()
    with pytest.raises(BatchFailed, match=r"no \.txt file found"):
        run_batch(corpus, out)
    assert snapshot(out) == before


def test_a_run_in_which_no_document_succeeds_keeps_the_tables(tmp_path):
    corpus = corpus_of(tmp_path, {"a.txt": TEXT.encode()})
    out = tmp_path / "out"
    run_batch(corpus, out)
    before = snapshot(out)
    (corpus / "a.txt").write_bytes(b"")
    with pytest.raises(BatchFailed, match="none of the 1 file"):
        run_batch(corpus, out)
    assert snapshot(out) == before


def test_upper_case_endings_are_read(tmp_path):
    corpus = corpus_of(tmp_path, {"A.TXT": TEXT.encode(), "notes.md": b"# notes"})
    result = run_batch(corpus, tmp_path / "out")
    assert result.documents == 1 and result.skipped == [str(corpus / "notes.md")]


@pytest.mark.parametrize("point", ["committing", "moving"])
def test_a_run_killed_while_committing_leaves_one_whole_set(tmp_path, point):
    corpus = corpus_of(tmp_path, {"a.txt": TEXT.encode()})
    out = tmp_path / "out"
    assert cli("run", str(corpus), "--out", str(out), "--no-cache", "-q", "-f", "parquet").returncode == 0
    before = snapshot(out)
    (corpus / "b.txt").write_bytes(OTHER.encode())
    killed = cli("run", str(corpus), "--out", str(out), "--no-cache", "-q", env={"EXTRACT_KILL_AT": point})
    assert killed.returncode == -9
    if point == "committing":
        assert snapshot(out) == before  # nothing moved yet
    recover(out)  # what the next command that opens the folder does
    after = snapshot(out)
    manifest = json.loads(after[MANIFEST])
    assert manifest["files"] == {name: sha256_file(out / name) for name in manifest["files"]}
    assert "b" in set(pd.read_csv(out / "entities.csv")["doc_id"])
    assert not (out / "entities.parquet").exists()  # the previous run's Parquet does not stay beside new CSVs
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_a_killed_worker_is_reported_and_the_rest_written(tmp_path):
    corpus = corpus_of(tmp_path, {"a.txt": TEXT.encode(), "b.txt": OTHER.encode(), "c.txt": TEXT.encode()})
    out = tmp_path / "out"
    done = cli("run", str(corpus), "--out", str(out), "--no-cache", "-q", "-w", "2", env={"EXTRACT_KILL_DOC": "b"})
    assert done.returncode == 1, done.stderr
    errors = pd.read_csv(out / "errors.csv")
    assert list(errors["error"]) == ["worker_died"] and errors["path"][0].endswith("b.txt")
    assert set(pd.read_csv(out / "entities.csv")["doc_id"]) == {"a", "c"}


@pytest.mark.parametrize(("setup", "args", "code", "message"), [
    ("good", [], 0, ""),
    ("one_bad", [], 1, "1 file(s) failed"),
    ("empty", [], 3, "no .txt file found"),
    ("good", ["--out", "FILE"], 3, "--out names a file"),
    ("good", ["--format", "docx"], 2, "unknown --format docx"),
    ("good", ["--gazetteers", "BADGAZ"], 2, "voice: 'actve'"),
])
def test_exit_codes_tell_done_bad_files_and_failed_apart(tmp_path, setup, args, code, message):
    files = {"good": {"a.txt": TEXT.encode()}, "one_bad": {"a.txt": TEXT.encode(), "b.txt": b""}, "empty": {}}
    corpus = corpus_of(tmp_path, files[setup])
    (tmp_path / "FILE").write_text("x")
    (tmp_path / "BADGAZ").mkdir()
    (tmp_path / "BADGAZ" / "event_triggers.csv").write_text("trigger,event_type,voice,side_rule\n伏击,attack,actve,"
                                                           "actor\n", encoding="utf-8")
    args = [str(tmp_path / a) if a in ("FILE", "BADGAZ") else a for a in args]
    done = cli("run", str(corpus), *(args if "--out" in args else ["--out", str(tmp_path / "out"), *args]), "-q")
    assert done.returncode == code, done.stderr
    assert message in done.stderr


def test_tables_are_created_with_the_users_umask(tmp_path):
    corpus = corpus_of(tmp_path, {"a.txt": TEXT.encode()})
    old = os.umask(0o022)
    try:
        run_batch(corpus, tmp_path / "out")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out" / "entities.csv").stat().st_mode) == 0o644


def test_a_forged_cache_entry_is_refused(tmp_path):
    corpus = corpus_of(tmp_path, {"a.txt": TEXT.encode()})
    out, cache = tmp_path / "out", tmp_path / "cache"
    run_batch(corpus, out, BatchOptions(cache_dir=cache))
    truth = snapshot(out)
    (entry,) = cache.glob("*/*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    forged = data["payload"].replace("洛阳", "开封")
    data["payload"] = forged
    data["digest"] = __import__("hashlib").sha256(forged.encode()).hexdigest()  # a careful forger
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = run_batch(corpus, out, BatchOptions(cache_dir=cache))
    assert again.cached == 0 and snapshot(out)["entities.csv"] == truth["entities.csv"]


def test_a_malicious_cache_entry_runs_nothing(tmp_path):
    import pickle

    corpus = corpus_of(tmp_path, {"a.txt": TEXT.encode()})
    out, cache = tmp_path / "out", tmp_path / "cache"
    run_batch(corpus, out, BatchOptions(cache_dir=cache))
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    (entry,) = cache.glob("*/*.json")
    entry.write_bytes(pickle.dumps(Evil()))
    again = run_batch(corpus, out, BatchOptions(cache_dir=cache))
    assert not marker.exists() and again.cached == 0 and again.documents == 1


def test_an_unwritable_cache_means_running_uncached(tmp_path):
    corpus = corpus_of(tmp_path, {"a.txt": TEXT.encode()})
    cache = tmp_path / "cache"
    cache.write_text("not a folder")
    result = run_batch(corpus, tmp_path / "out", BatchOptions(cache_dir=cache))
    assert result.documents == 1 and any("running uncached" in n for n in result.notices)


def test_an_out_that_is_a_file_is_one_clear_error(tmp_path):
    corpus = corpus_of(tmp_path, {"a.txt": TEXT.encode()})
    (tmp_path / "out").write_text("x")
    with pytest.raises(OutputError, match="--out names a file"):
        run_batch(corpus, tmp_path / "out")


def test_xlsx_cells_are_text_never_formulas(tmp_path):
    corpus = corpus_of(tmp_path, {"=cmd.txt": ("=1+1，" + TEXT).encode()})
    run_batch(corpus, tmp_path / "out", BatchOptions(formats=("csv", "xlsx")))
    with zipfile.ZipFile(tmp_path / "out" / "entities.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet and "=cmd" in strings
    csv_ids = set(pd.read_csv(tmp_path / "out" / "entities.csv")["doc_id"])
    assert csv_ids == {"=cmd"}  # the CSV stays exact; the README warns about spreadsheets


def test_an_ascii_locale_reads_non_ascii_file_names(tmp_path):
    corpus = corpus_of(tmp_path, {"洛阳战役.txt": TEXT.encode()})
    with open(os.fsencode(corpus) + b"/\xc2\xe5\xd1\xf4.txt", "wb") as handle:  # 洛阳.txt in GBK
        handle.write(OTHER.encode())
    env = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    done = subprocess.run([sys.executable, "-m", "extract.cli", "run", str(corpus), "--out", str(tmp_path / "out"),
                           "-q", "--no-cache"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert set(pd.read_csv(tmp_path / "out" / "entities.csv")["doc_id"]) == {"洛阳战役", "洛阳"}


def test_a_forged_journal_moves_nothing_outside_the_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "precious.txt").write_text("keep")
    (out / ".commit-x.json").write_text(json.dumps({"staging": "..", "move": ["precious.txt"],
                                                    "remove": ["../precious.txt"]}), encoding="utf-8")
    recover(out)
    assert (tmp_path / "precious.txt").read_text() == "keep" and not list(out.glob(".commit-*"))


def test_files_not_read_are_counted_by_ending(tmp_path):
    corpus = corpus_of(tmp_path, {"a.txt": TEXT.encode(), "notes.md": b"# x", "a.entities.csv": b"x", "b.csv": b"y"})
    done = cli("run", str(corpus), "--out", str(tmp_path / "out"), "--no-cache")
    assert "3 file(s) not ending in .txt were not read (2 .csv, 1 .md;" in done.stderr


def test_the_manifest_names_the_gazetteer_data_the_tables_were_made_with(tmp_path):
    corpus = corpus_of(tmp_path, {"a.txt": TEXT.encode()})
    overlay = tmp_path / "mine"
    overlay.mkdir()
    (overlay / "persons.csv").write_text("name,side\n韩芬,CN\n", encoding="utf-8")
    seen = []
    for gazetteers in ("", str(overlay)):
        out = tmp_path / f"out{len(seen)}"
        run_batch(corpus, out, BatchOptions(cache_dir=None, gazetteer_dir=gazetteers))
        seen.append(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["gazetteers"])
    assert all(len(f) == 16 for f in seen) and seen[0] != seen[1]
