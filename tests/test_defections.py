"""Defections: a unit that goes over (起义, 投诚, 反正) carries the narrator's side after the clause that says so."""

from __future__ import annotations

import pytest

import extract


def units(text: str) -> list[tuple[str, str]]:
    frame = extract.extract_text(text, "t")["entities"]
    frame = frame[frame.label == "UNIT"]
    return list(zip(frame["text"], frame["side"], strict=True))


@pytest.mark.parametrize(("text", "expected"), [
    # A Nationalist army that 起义 in a Communist history of the civil war: KMT before and in the clause, CCP after.
    ("1948年11月8日，第59军于当日在贾汪起义。第59军随即开到运河以北。", [("第59军", "KMT"), ("第59军", "CCP")]),
    ("1948年10月，第60军军长曾泽生，于17日在长春率部起义。此后第60军开赴前线。",
     [("第60军", "KMT"), ("第60军", "CCP")]),
    ("1948年10月，第60军在长春守城。第60军于17日在长春起义。第60军开赴前线。",
     [("第60军", "KMT"), ("第60军", "KMT"), ("第60军", "CCP")]),
    # The units a general leads over go over; the command he belonged to does not.
    ("1948年11月8日，第3绥靖区副司令官何基沣率第59军在贾汪起义。第3绥靖区与第59军失去联系。",
     [("第3绥靖区", "KMT"), ("第59军", "KMT"), ("第3绥靖区", "KMT"), ("第59军", "CCP")]),
    # A list goes over together; a nested designation of the unit follows it.
    ("1948年11月8日，第59军、第77军在贾汪起义。第77军北上。",
     [("第59军", "KMT"), ("第77军", "KMT"), ("第77军", "CCP")]),
    ("1948年11月8日，第59军在贾汪起义。第59军第38师随即北上。", [("第59军", "KMT"), ("第59军第38师", "CCP")]),
    # The narrator's own unit that receives the defectors is no defector.
    ("1949年1月，解放军第9纵队接应第85军起义。第85军开赴后方。第9纵队南下。",
     [("解放军第9纵队", "CCP"), ("第85军", "KMT"), ("第85军", "CCP"), ("第9纵队", "CCP")]),
    # In a Nationalist (Taiwan) history the words mean coming over to the government.
    ("1948年11月，匪第3纵队在徐州向国军投诚。第3纵队随即编入国军。", [("第3纵队", "CCP"), ("第3纵队", "KMT")]),
    # A puppet unit that 反正 against Japan becomes China's.
    ("1940年，伪军第2师在徐州反正。第2师随即开赴前线。", [("第2师", "JP"), ("第2师", "CN")]),
    # Only urged, planned, refused or failed: the unit keeps its side.
    ("1948年，解放军争取第60军起义。第60军仍守长春。", [("解放军", "CCP"), ("第60军", "KMT"), ("第60军", "KMT")]),
    ("1948年，解放军对第60军展开劝降。第60军仍守长春。", [("解放军", "CCP"), ("第60军", "KMT"), ("第60军", "KMT")]),
    ("1948年，地下党策动第60军起义。第60军仍守长春。", [("第60军", "KMT"), ("第60军", "KMT")]),
    ("1948年，第60军拒绝投诚。第60军仍守长春。", [("第60军", "KMT"), ("第60军", "KMT")]),
    ("1948年10月，第60军在长春起义未遂。第60军仍守长春。", [("第60军", "KMT"), ("第60军", "KMT")]),
    # 反正 is also 'anyway': only a unit in its own clause goes over.
    ("1944年，第2师团在长沙作战，反正敌已撤退。第2师团南下。", [("第2师团", "JP"), ("第2师团", "JP")]),
])
def test_a_defecting_unit_changes_side_from_that_point(text, expected):
    assert units(text) == expected


@pytest.mark.parametrize(("text", "kinds"), [
    ("1948年11月8日，第59军于当日在贾汪起义。第59军随即开到运河以北。", ["defection"]),
    ("1948年，第60军拒绝投诚。第60军仍守长春。", []),
    ("1948年，第1军" + "起义" * 50 + "。第1军北上。", ["defection"]),  # one unit goes over once
])
def test_a_defection_is_reported_instead_of_two_sides(text, kinds):
    warnings = extract.extract_text(text, "t")["warnings"]
    assert [k for k in warnings["kind"] if k in ("defection", "two_sides")] == kinds


def test_the_events_after_a_defection_carry_the_new_side():
    text = "1948年11月8日，第59军在贾汪起义。11月10日，第59军攻占台儿庄。"
    events = extract.extract_text(text, "t")["events"]
    rows = set(zip(events["event_type"], events["place"], events["actor_side"], strict=True))
    assert ("capture", "台儿庄", "CCP") in rows
