"""Issue 11, no input breaks a batch: absurd numbers, odd line ends, impossible dates.

Speed on pathological lines is measured by ``extract bench`` (no timed tests);
these cases pin down the facts the linear-time rewrites must keep.
"""

from __future__ import annotations

import pytest

import extract
from extract.numerals import to_int
from tests.conftest import ROOT


def entities(text: str) -> list[list[str]]:
    frame = extract.extract_text(text, "t")["entities"]
    return frame[["text", "label", "norm"]].values.tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第" + "9" * 5000 + "师", []),
        ("第" + "九" * 5000 + "师", []),
        ("第123456师攻城。", []),
        ("第99999师攻城。", [["第99999师", "UNIT", "第99999师"]]),
        ("美军第5307混成支队攻城。", [["第5307混成支队", "UNIT", "第5307混成支队"]]),
        ("三十七军一部守城。", [["三十七军", "UNIT", "第37军"]]),
        ("1234567军", []),
    ],
)
def test_absurd_designation_numbers(text, expected):
    assert [e for e in entities(text) if e[1] != "DATE"] == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("9" * 5000, None),
        ("一" * 5000, None),
        ("123456789012", 123456789012),
        ("1234567890123", None),
        ("三十七", 37),
        ("一九四四", 1944),
    ],
)
def test_to_int_bounds(text, value):
    assert to_int(text) == value


ENTITY_COLUMNS = ["start", "end", "text", "label", "norm", "side"]
EVENT_COLUMNS = ["date", "event_type", "place", "actor_side", "actor", "part_of_day", "time", "start", "end"]


@pytest.mark.parametrize(
    ("doc", "line_end"),
    [
        ("yu_xiang_gui_1944", "\r"),
        ("yu_xiang_gui_1944", "\r\n"),
        ("dashiji_1944_1945", "\r"),
        ("changde_1943_traditional", "\r"),
    ],
)
def test_line_ends_give_the_same_tables(doc, line_end):
    text = (ROOT / "corpora" / f"{doc}.txt").read_text(encoding="utf-8").replace("\r\n", "\n")
    lf = extract.extract_text(text, doc)
    other = extract.extract_text(text.replace("\n", line_end), doc)
    assert other["events"][EVENT_COLUMNS[:4]].values.tolist() == lf["events"][EVENT_COLUMNS[:4]].values.tolist()
    if len(line_end) == 1:  # same length: the offsets agree too
        assert other["entities"][ENTITY_COLUMNS].values.tolist() == lf["entities"][ENTITY_COLUMNS].values.tolist()
        assert other["events"][EVENT_COLUMNS].values.tolist() == lf["events"][EVENT_COLUMNS].values.tolist()
        assert other["orbat"].values.tolist() == lf["orbat"].values.tolist()
    else:
        surfaces = ENTITY_COLUMNS[2:]
        assert other["entities"][surfaces].values.tolist() == lf["entities"][surfaces].values.tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\ud800", []),
        ("\udfff第9师\ud800", [[1, "第9师", "第9师"]]),
        ("1944年5月3日\ud800日军攻占衡阳。", [[0, "1944年5月3日", "1944-05-03"], [14, "衡阳", "衡阳"]]),
        ("民国9999年5月3日", []),
        ("民国33年5月3日", [[0, "民国33年5月3日", "1944-05-03"]]),
    ],
)
def test_lone_surrogates_and_absurd_years(text, expected):
    frame = extract.extract_text(text, "t")["entities"]
    assert frame[["start", "text", "norm"]].values.tolist() == expected


@pytest.mark.parametrize(
    ("text", "surface", "norm", "warning"),
    [
        ("1944年2月30日日军攻城。", "1944年2月30日", "1944-02-XX", "impossible_date"),
        ("2月30日日军攻城。", "2月30日", "XXXX-02-XX", "impossible_date"),
        ("9月31日日军攻城。", "9月31日", "XXXX-09-XX", "impossible_date"),
        ("1944年9月31日日军攻城。", "1944年9月31日", "1944-09-XX", "impossible_date"),
        ("1944年2月29日日军攻城。", "1944年2月29日", "1944-02-29", ""),
        ("1943年2月29日日军攻城。", "1943年2月29日", "1943-02-XX", "impossible_date"),
        ("2月29日日军攻城。", "2月29日", "XXXX-02-29", ""),
        ("1944年2月28日至30日激战。", "1944年2月28日至30日", "1944-02-28/1944-02-XX", "impossible_date"),
        ("1944年5月29日至2日激战。", "1944年5月29日至2日", "1944-05-29/1944-06-02", ""),
        ("1944年12月30日至3日激战。", "1944年12月30日至3日", "1944-12-30/1945-01-03", ""),
        ("1944年5月20日,29日至2日激战。", "29日至2日", "1944-05-29/1944-06-02", ""),
        ("1944年5月20日至2日激战。", "1944年5月20日至2日", "1944-05-20/1944-05-02", "backwards_range"),
        ("1944年5月2日至4日激战。", "1944年5月2日至4日", "1944-05-02/1944-05-04", ""),
    ],
)
def test_impossible_dates_and_backwards_ranges(text, surface, norm, warning):
    tables = extract.extract_text(text, "t")
    dates = tables["entities"][tables["entities"]["label"] == "DATE"]
    assert dates[dates["text"] == surface]["norm"].tolist() == [norm]
    warnings = tables["warnings"]
    assert warnings["kind"].tolist() == ([warning] if warning else [])
    if warning:
        assert surface in warnings["message"].iloc[0]
        start = text.index(surface)
        assert warnings[["start", "end"]].values.tolist() == [[start, start + len(surface)]]
