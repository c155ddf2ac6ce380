"""Source errata: one printed source's misprints apply only to the texts that opt into that source."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import extract
from extract.batch import BatchOptions, run_batch
from extract.resources import collect
from tests.conftest import SAMPLE_ERRATA

SOURCE = SAMPLE_ERRATA[0]


def mentions(text: str, errata: tuple[str, ...] = ()) -> list[tuple[str, str, str, str]]:
    frame = extract.extract_text(text, "t", errata=errata)["entities"]
    frame = frame[frame.label != "DATE"]
    return list(zip(frame["text"], frame["label"], frame["norm"], frame["side"].fillna(""), strict=True))


@pytest.mark.parametrize(("text", "errata", "expected"), [
    # Without the source's errata a misprint is not silently corrected: 自行沉江 is scuttling, no river.
    ("部队自行沉江。", (), []),
    ("日军沿沅江而上。", (), [("沅江", "PLACE", "沅江", "")]),
    ("中国派遣军总司令官烟俊六到达汉口。", (), [("中国派遣军", "UNIT", "中国派遣军", "JP"),
                                              ("汉口", "PLACE", "汉口", "")]),
    ("敌占领郾域。", (), [("郾域", "PLACE", "郾域", "")]),  # a place from context, kept as written
    # With them, the source's misprint is the right name, with its side.
    ("中国派遣军总司令官烟俊六到达汉口。", SAMPLE_ERRATA, [("中国派遣军", "UNIT", "中国派遣军", "JP"),
                                                         ("烟俊六", "PERSON", "畑俊六", "JP"),
                                                         ("汉口", "PLACE", "汉口", "")]),
    ("日军于6月5日攻占沉江。", SAMPLE_ERRATA, [("沉江", "PLACE", "沅江", "")]),
    ("敌占领郾域。", SAMPLE_ERRATA, [("郾域", "PLACE", "郾城", "")]),
    ("第47军军长李宗阳率部撤退。", SAMPLE_ERRATA, [("第47军", "UNIT", "第47军", "CN"),
                                                ("李宗阳", "PERSON", "李宗昉", "CN")]),
    ("宜阳地区的刘勘兵团向西南撤退。", SAMPLE_ERRATA, [("宜阳", "PLACE", "宜阳", ""),
                                                  ("刘勘兵团", "UNIT", "刘戡兵团", "CN")]),
    # The right names themselves are found with or without errata.
    ("华中派遣军司令官畑俊六到达汉口。", SAMPLE_ERRATA, [("华中派遣军", "UNIT", "华中派遣军", "JP"),
                                                    ("畑俊六", "PERSON", "畑俊六", "JP"),
                                                ("汉口", "PLACE", "汉口", "")]),
    # General misprint handling stays general (any text): 帅 for 师 in a designation, 泪 for 汨.
    ("日军第3帅团南下。", (), [("第3帅团", "UNIT", "第3师团", "JP")]),
    ("日军进至泪罗江北岸。", (), [("泪罗江", "PLACE", "汨罗江", "")]),
    # An unknown source name adds nothing.
    ("部队自行沉江。", ("no_such_source",), []),
])
def test_errata_apply_only_to_the_texts_of_their_source(text, errata, expected):
    assert mentions(text, errata) == expected


def test_no_general_gazetteer_row_holds_a_misprint_of_the_errata():
    res, problems = collect()
    assert problems == []
    wrong = {r["wrong"] for r in res.rows("errata.csv")}
    for name in ("persons.csv", "places.csv", "places_admin.csv", "units.csv"):
        for row in res.rows(name):
            keys = {row["name"], *row.get("variants", "").split("|")}
            assert not keys & wrong, (row.origin, keys & wrong)


@pytest.mark.parametrize(("content", "expected"), [
    ("source,wrong,right,label\nsrc,烟俊六,畑俊六,NAME\n", "errata.csv:2: label: 'NAME' is not one of PERSON, PLACE"),
    ("source,wrong,right,label\nsrc,,畑俊六,PERSON\n", "errata.csv:2: wrong: must not be empty"),
    ("source,wrong,right,label\nsrc,烟俊六,畑俊六,PERSON\nsrc,烟俊六,畑俊六,PERSON\n",
     "errata.csv:3: the same row as line 2 (src, 烟俊六)"),
    ("source,wrong,right\n", "errata.csv:1: missing column(s) label"),
])
def test_a_malformed_errata_file_is_named_with_its_line(tmp_path, content, expected):
    (tmp_path / "errata.csv").write_text(content, encoding="utf-8")
    _, problems = collect(tmp_path)
    assert any(expected in str(p) for p in problems), [str(p) for p in problems]


def corpus(tmp_path: Path, metadata: str | None) -> Path:
    folder = tmp_path / "c"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text("1944年6月5日，日军攻占沉江。总司令官烟俊六到达汉口。", encoding="utf-8")
    if metadata is not None:
        (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


def norms(out: Path) -> dict[str, list[str]]:
    frame = pd.read_csv(out / "entities.csv")
    frame = frame[frame.label.isin(["PERSON", "PLACE"])]
    return {doc: list(group["norm"]) for doc, group in frame.groupby("doc_id")}


@pytest.mark.parametrize(("metadata", "errata", "expected"), [
    (None, (), {"a": ["沉江", "汉口"], "b": ["沉江", "汉口"]}),
    (f"doc_id,errata\nb,{SOURCE}\n", (), {"a": ["沉江", "汉口"], "b": ["沅江", "畑俊六", "汉口"]}),
    (None, SAMPLE_ERRATA, {"a": ["沅江", "畑俊六", "汉口"], "b": ["沅江", "畑俊六", "汉口"]}),
])
def test_a_document_opts_in_by_metadata_or_the_whole_run(tmp_path, metadata, errata, expected):
    folder = corpus(tmp_path, metadata)
    run_batch(folder, tmp_path / "out", BatchOptions(errata=errata))
    assert norms(tmp_path / "out") == expected


def test_the_cache_tells_a_run_with_errata_from_one_without(tmp_path):
    folder = corpus(tmp_path, None)
    cache = tmp_path / "cache"
    run_batch(folder, tmp_path / "out", BatchOptions(cache_dir=cache))
    run_batch(folder, tmp_path / "out", BatchOptions(cache_dir=cache, errata=SAMPLE_ERRATA))
    assert norms(tmp_path / "out")["a"] == ["沅江", "畑俊六", "汉口"]


@pytest.mark.parametrize(("metadata", "option", "message"), [
    ("doc_id,errata\nb,nosuch\n", [], "metadata.csv:2: errata: unknown errata source 'nosuch'"),
    (None, ["--errata", "nosuch"], "--errata: unknown errata source 'nosuch'"),
])
def test_an_unknown_errata_source_is_a_usage_error(tmp_path, metadata, option, message):
    folder = corpus(tmp_path, metadata)
    done = subprocess.run([sys.executable, "-m", "extract.cli", "run", str(folder), "--out", str(tmp_path / "o"),
                           "-q", "--no-cache", *option], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and message in done.stderr, done.stderr


def test_the_cli_option_reaches_every_document(tmp_path):
    folder = corpus(tmp_path, None)
    subprocess.run([sys.executable, "-m", "extract.cli", "run", str(folder), "--out", str(tmp_path / "o"), "-q",
                    "--no-cache", "--errata", SOURCE], check=True, timeout=120)
    assert norms(tmp_path / "o") == {"a": ["沅江", "畑俊六", "汉口"], "b": ["沅江", "畑俊六", "汉口"]}
