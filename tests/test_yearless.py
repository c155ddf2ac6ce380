"""Texts that never state their year: dates resolved as far as the text allows, the year filled where known."""

from __future__ import annotations

import pytest

import extract


def dates(text: str, reference: str = "") -> list[tuple[str, str]]:
    frame = extract.extract_text(text, "t", reference_date=reference)["entities"]
    return [tuple(r) for r in frame[frame.label == "DATE"][["text", "norm"]].values]


def events(text: str, reference: str = "") -> list[tuple[str, str, str, str]]:
    frame = extract.extract_text(text, "t", reference_date=reference)["events"]
    return [tuple(r) for r in frame[["date", "event_type", "place", "date_precision"]].values]


@pytest.mark.parametrize(("text", "surface", "norm"), [
    ("5月24日，日军攻占洛阳。", "5月24日", "XXXX-05-24"),
    ("5月24日，日军攻占洛阳。次日，守军撤退。", "次日", "XXXX-05-25"),
    ("5月31日，日军攻占洛阳。次日，守军撤退。", "次日", "XXXX-06-01"),
    ("5月24日，日军攻占洛阳。当夜，守军撤退。", "当夜", "XXXX-05-24"),
    ("5月30日，日军攻占洛阳。3日，守军撤退。", "3日", "XXXX-06-03"),
    ("24日，日军攻占洛阳。", "24日", "XXXX-XX-24"),
    ("12月30日，日军进攻。1月2日，日军攻占长沙。", "1月2日", "XXXX-01-02"),
])
def test_a_text_without_a_year_keeps_xxxx(text, surface, norm):
    assert (surface, norm) in dates(text)


@pytest.mark.parametrize(("text", "reference", "surface", "norm"), [
    ("5月24日，日军攻占洛阳。", "1944", "5月24日", "1944-05-24"),
    ("5月24日，日军攻占洛阳。次日，守军撤退。", "1944-04-01", "次日", "1944-05-25"),
    ("24日，日军攻占洛阳。", "1944-05", "24日", "1944-05-24"),
    ("1943年5月24日，日军攻占洛阳。", "1944", "1943年5月24日", "1943-05-24"),  # the text's own year wins
])
def test_a_reference_date_fills_the_year(text, reference, surface, norm):
    assert (surface, norm) in dates(text, reference)


@pytest.mark.parametrize(("text", "surface", "norm"), [
    # A war of three years holds October in each: the campaign named fixes no year.
    ("1950年6月25日，朝鲜战争爆发。", "1950年6月25日", "1950-06-25"),
    ("朝鲜战争中，志愿军第15军于10月28日反击597.9高地。", "10月28日", "XXXX-10-28"),
    ("豫中会战中，5月24日日军攻占洛阳。", "5月24日", "1944-05-24"),
    ("淮海战役中，12月15日，解放军攻占双堆集。", "12月15日", "1948-12-15"),
    ("淮海战役中，1月6日，解放军发起总攻。", "1月6日", "1949-01-06"),   # inside the campaign's span
    ("徐蚌会战期间，1月6日，共军发起总攻。", "1月6日", "1949-01-06"),    # a variant name
    ("豫中会战中，1943年5月24日日军攻占洛阳。", "1943年5月24日", "1943-05-24"),
    # A month outside the span takes the year nearest it: the autumn before 芒友会师 of January 1945.
    ("十一月三日，远征军攻克龙陵。1月27日，芒友会师。", "十一月三日", "1944-11-03"),
    ("淮海战役中，1月6日，解放军发起总攻。2月2日，部队休整。", "2月2日", "1949-02-02"),
])
def test_the_campaign_named_fills_the_year(text, surface, norm):
    assert (surface, norm) in dates(text)


@pytest.mark.parametrize(("text", "reference", "row"), [
    ("5月24日，日军攻占洛阳。", "", ("XXXX-05-24", "capture", "洛阳", "day")),
    ("5月24日，日军攻占洛阳。", "1944", ("1944-05-24", "capture", "洛阳", "day")),
    ("豫中会战中，5月24日日军攻占洛阳。", "", ("1944-05-24", "capture", "洛阳", "day")),
    ("5月下旬，日军攻占洛阳。", "", ("XXXX-05", "capture", "洛阳", "month")),
])
def test_events_of_a_text_without_a_year_are_kept(text, reference, row):
    assert row in events(text, reference)


@pytest.mark.parametrize(("text", "kind"), [
    ("豫中会战中，5月24日日军攻占洛阳。", "year_from_campaign"),
    ("豫中会战中，5月20日日军进攻郑州。1941年5月24日日军攻占洛阳。", "campaign_year"),
])
def test_the_year_taken_from_a_campaign_is_reported(text, kind):
    assert kind in set(extract.extract_text(text, "t")["warnings"]["kind"])


def test_metadata_and_year_options_reach_the_tables(tmp_path):
    import subprocess
    import sys

    import pandas as pd

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("5月24日，日军攻占洛阳。", encoding="utf-8")
    (corpus / "b.txt").write_text("5月24日，日军攻占洛阳。", encoding="utf-8")
    (corpus / "metadata.csv").write_text("doc_id,reference_date,title\nb,1944-04,豫中会战纪实\n", encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "extract.cli", "run", str(corpus), "--out", str(out), "--year", "1938",
                    "-q", "--no-cache"], check=True, timeout=120)
    frame = pd.read_csv(out / "events.csv")
    assert dict(zip(frame["doc_id"], frame["date"], strict=True)) == {"a": "1938-05-24", "b": "1944-05-24"}


@pytest.mark.parametrize(("text", "surface", "norm"), [
    ("上甘岭战役中，20日凌晨5时，美军进攻597.9高地。黄昏，志愿军反击。", "20日凌晨5时", "1952-10-20"),
    ("上甘岭战役中，20日凌晨5时，美军进攻597.9高地。黄昏，志愿军反击。", "黄昏", "1952-10-20"),
    ("20日，日军进攻。黄昏，守军反击。", "黄昏", "XXXX-XX-20"),
])
def test_a_bare_day_falls_in_the_first_month_of_the_campaign_that_holds_it(text, surface, norm):
    assert (surface, norm) in dates(text)
