"""Issue 11, no input breaks a batch: absurd numbers, odd line ends, impossible dates.

Speed on pathological lines is measured by ``extract bench`` (no timed tests);
these cases pin down the facts the linear-time rewrites must keep.
"""

from __future__ import annotations

import pytest

import extract
from extract.numerals import to_int


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
