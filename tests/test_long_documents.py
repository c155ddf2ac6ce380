"""A document over spaCy's 1,000,000-character limit (E088) is processed whole, offsets exact to the end."""

from __future__ import annotations

import pytest

import extract

HEAD = "1944年5月3日，日军第68师团进攻长沙。\n"
FILLER = ("x" * 999 + "\n") * 1001  # a million characters of page junk between the two sentences
TAIL = "6月18日，第4军撤出长沙。\n"
TEXT = HEAD + FILLER + TAIL
AT = len(HEAD + FILLER)  # where the last sentence starts


@pytest.fixture(scope="module")
def tables():
    assert len(TEXT) > 1_000_000
    return extract.extract_text(TEXT, "long")


# The month and day at the end are dated by the year stated a million characters before.
@pytest.mark.parametrize("start, end, surface, label, norm", [
    (AT, AT + 5, "6月18日", "DATE", "1944-06-18"),
    (AT + 6, AT + 9, "第4军", "UNIT", "第4军"),
    (AT + 11, AT + 13, "长沙", "PLACE", "长沙"),
])
def test_mentions_at_the_end_have_exact_offsets(tables, start, end, surface, label, norm):
    e = tables["entities"]
    row = e[(e["start"] == start) & (e["end"] == end)]
    assert list(row[["text", "label", "norm"]].itertuples(index=False, name=None)) == [(surface, label, norm)]
    assert TEXT[start:end] == surface


@pytest.mark.parametrize("date, event_type, actor, place, start", [
    ("1944-05-03", "attack", "第68师团", "长沙", 10),
    ("1944-06-18", "withdraw", "第4军", "长沙", AT + 6),
])
def test_events_at_both_ends(tables, date, event_type, actor, place, start):
    ev = tables["events"]
    row = ev[ev["start"] == start]
    assert list(row[["date", "event_type", "actor", "place"]].itertuples(index=False, name=None)) == [
        (date, event_type, actor, place)]
