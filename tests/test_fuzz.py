"""Property-based fuzzing of ``extract.extract_text``: no input breaks it, every row is well formed.

Two kinds of text: arbitrary Unicode (lone surrogates included), and text
assembled from the project's own vocabulary (digits, numerals, date and
echelon characters, gazetteer names, trigger words, punctuation, line ends,
junk) so that the deep paths (nested designations, lists, date ranges,
events, order of battle) are reached. The vocabulary's names are read from
``gazetteers/`` rather than written here.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extract
from extract.mention import LABELS
from extract.read import replace_surrogates

GAZETTEERS = Path(__file__).resolve().parents[1] / "gazetteers"
_PART = r"(\d{4}|X{4})(-(\d{2}|XX)(-(\d{2}|XX))?)?"
DATE_NORM = re.compile(rf"^{_PART}(/{_PART})?$")
EVENT_DATE = re.compile(rf"^{_PART}$")


def _column(name: str, column: str, limit: int) -> list[str]:
    with (GAZETTEERS / name).open(encoding="utf-8") as f:
        return [row[column] for row in csv.DictReader(f) if row[column]][:limit]


# Characters the recognizers branch on (class members already in the code), then words from the gazetteers.
CHARACTERS = list("0123456789０１２３４５６７８９一二三四五六七八九十百千零〇两廿卅"
                  "第师軍军团旅营队年月日号时分许至到和及与、，,。；;：:！？!?（）()“”「」的之被向由在于"
                  "上中下旬初春夏秋冬夜晨拂晓次翌同当是后前辖部长为任兼令命 \u3000\t\n\r")
WORDS = [
    *_column("places.csv", "name", 60),
    *_column("persons.csv", "name", 30),
    *_column("units.csv", "name", 30),
    *_column("event_triggers.csv", "trigger", 60),
    *_column("echelons.csv", "word", 40),
    *_column("unit_prefixes.csv", "word", 30),
    "日军", "守军", "民国", "昭和", "师团长", "军长", "司令官为", "所属部队有", "次日", "当日", "3日后",
]
JUNK = st.text(st.characters(exclude_categories=()), min_size=1, max_size=3)  # surrogates and controls too
NUMBER = st.one_of(st.integers(0, 10**7).map(str), st.text(st.sampled_from("一二三四五六七八九十百千零两廿卅"),
                                                           min_size=1, max_size=9))
SMALL = st.one_of(st.integers(0, 40).map(str), st.sampled_from(["一", "九", "十", "十二", "廿七", "卅一", "三十二"]))


def _maybe(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), strategy)


# Designations (prefix, 第, number, echelon) and dates (year, month, day, range) as they are written.
DESIGNATION = st.tuples(_maybe(st.sampled_from(_column("unit_prefixes.csv", "word", 30))), _maybe(st.just("第")),
                        NUMBER, st.sampled_from(_column("echelons.csv", "word", 40))).map("".join)
DATE = st.tuples(_maybe(st.integers(1790, 2110).map(lambda y: f"{y}年")), _maybe(SMALL.map(lambda m: f"{m}月")),
                 _maybe(SMALL.map(lambda d: f"{d}日")), _maybe(SMALL.map(lambda d: f"至{d}日")),
                 _maybe(st.sampled_from(["夜", "晨", "拂晓", "10时", "上旬", "春"]))).map("".join)
PLACES, PERSONS = _column("places.csv", "name", 60), _column("persons.csv", "name", 30)
TRIGGERS = _column("event_triggers.csv", "trigger", 60)
# A clause that states an action (date, actor, trigger, place) and one that states an order of battle.
ACTION = st.tuples(DATE, _maybe(st.sampled_from(["日军", "守军", "我军"])), _maybe(DESIGNATION),
                   _maybe(st.sampled_from(PLACES)), st.sampled_from(TRIGGERS), _maybe(st.sampled_from(PLACES)),
                   st.sampled_from(["，", "。", "\n", "\r", ""])).map("".join)
ORBAT = st.tuples(DESIGNATION, _maybe(st.sampled_from(PERSONS).map(lambda p: f"({p})")),
                  st.sampled_from(["辖", "所属部队有", ",军长", "(", ""]), DESIGNATION,
                  _maybe(DESIGNATION.map(lambda d: f"、{d}"))).map("".join)
PIECE = st.one_of(st.sampled_from(CHARACTERS), st.sampled_from(WORDS), DESIGNATION, DATE, ACTION, ORBAT, JUNK)
VOCABULARY_TEXT = st.lists(PIECE, max_size=40).map("".join)
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=200)

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_tables(text: str, tables: dict[str, pd.DataFrame]) -> None:
    """The invariants every output must keep, whatever the input."""
    # A lone surrogate stands as U+FFFD in the tables (spaCy and pandas cannot store it).
    text = replace_surrogates(text)
    n = len(text)
    for row in tables["entities"].itertuples(index=False):
        assert 0 <= row.start < row.end <= n, row
        assert text[row.start:row.end] == row.text, row
        assert row.label in LABELS, row
        if row.label == "DATE":
            assert row.norm == "" or DATE_NORM.match(row.norm), row
    events = tables["events"]
    assert events["event_id"].is_unique
    for row in events.itertuples(index=False):
        assert 0 <= row.start < row.end <= n, row
        assert text[row.start:row.end] == row.evidence, row
        assert row.date == "" or EVENT_DATE.match(row.date), row
    for frame in (tables["warnings"], tables["orbat"]):
        for row in frame.itertuples(index=False):
            assert 0 <= row.start <= row.end <= n, row


@FUZZ
@given(ANY_TEXT)
def test_any_unicode_text(text: str) -> None:
    check_tables(text, extract.extract_text(text, "fuzz"))


@FUZZ
@given(VOCABULARY_TEXT)
def test_text_from_the_vocabulary(text: str) -> None:
    check_tables(text, extract.extract_text(text, "fuzz"))
