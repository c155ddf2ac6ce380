"""The report, GeoJSON and Linked Places exports, from small hand-made tables (facts, not pixels)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.exports import events_geojson, places_lpf
from extract.report import write_report
from extract.report.data import date_bounds, itineraries, read_tables

TEXT = "1944年6月18日，第37师团攻占衡阳。\n次日第37师团进至长沙，后转攻无名镇。\n第11军（军长横山勇）辖第37师团。\n"
EVENT_COLUMNS = ["doc_id", "event_id", "date", "part_of_day", "time", "event_type", "actor", "actor_side", "place",
                 "trigger", "start", "end", "evidence", "lat", "lon", "date_precision"]


def _mention(surface: str, label: str, norm: str, side: str = "", nth: int = 0, lat: str = "", lon: str = ""):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    return ["d1", start, start + len(surface), surface, label, norm, side, lat, lon]


def _clause(words: str) -> tuple[int, int, str]:
    start = TEXT.index(words)
    return start, start + len(words), words


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    out.mkdir()
    (corpus / "d1.txt").write_text(TEXT, encoding="utf-8")
    mentions = [
        _mention("1944年6月18日", "DATE", "1944-06-18"),
        _mention("第37师团", "UNIT", "第37师团", "JP"),
        _mention("衡阳", "PLACE", "衡阳", lat="26.9", lon="112.6"),
        _mention("次日", "DATE", "1944-06-19"),
        _mention("第37师团", "UNIT", "第37师团", "JP", nth=1),
        _mention("长沙", "PLACE", "长沙", lat="28.2", lon="112.9"),
        _mention("无名镇", "PLACE", "无名镇"),
        _mention("第11军", "UNIT", "第11军", "JP"),
        _mention("横山勇", "PERSON", "横山勇", "JP"),
        _mention("第37师团", "UNIT", "第37师团", "JP", nth=2),
    ]
    pd.DataFrame(mentions, columns=["doc_id", "start", "end", "text", "label", "norm", "side", "lat", "lon"]
                 ).to_csv(out / "entities.csv", index=False)
    events = []
    for n, (date, kind, place, lat, lon, words, trigger) in enumerate([
        ("1944-06-18", "capture", "衡阳", "26.9", "112.6", "第37师团攻占衡阳", "攻占"),
        ("1944-06-19", "attack", "长沙", "28.2", "112.9", "次日第37师团进至长沙", "进至"),
        ("XXXX-06", "attack", "无名镇", "", "", "后转攻无名镇", "转攻"),
    ], 1):
        s, e, evidence = _clause(words)
        events.append(["d1", f"d1-{n}", date, "", "", kind, "第37师团", "JP", place, trigger, s, e, evidence,
                       lat, lon, "day"])
    pd.DataFrame(events, columns=EVENT_COLUMNS).to_csv(out / "events.csv", index=False)
    s, e, _ = _clause("第11军（军长横山勇）辖第37师团")
    pd.DataFrame([["d1", "第11军", "JP", "", "横山勇", s, e], ["d1", "第37师团", "JP", "第11军", "", s, e]],
                 columns=["doc_id", "unit", "side", "parent", "commander", "start", "end"]
                 ).to_csv(out / "orbat.csv", index=False)
    at = TEXT.index("次日")
    pd.DataFrame([["d1", at, at + 2, "chronology", "check this day"]],
                 columns=["doc_id", "start", "end", "kind", "message"]).to_csv(out / "warnings.csv", index=False)
    pd.DataFrame(columns=["path", "error", "message"]).to_csv(out / "errors.csv", index=False)
    return out


@pytest.mark.parametrize(("norm", "bounds"), [
    ("1944-06-18", (19440618, 19440618)),
    ("1944-05", (19440501, 19440531)),
    ("1900-02", (19000201, 19000228)),  # before 1970 and not a leap year
    ("1937", (19370101, 19371231)),
    ("1944-12/1945-01", (19441201, 19450131)),
    ("XXXX-05-24", None),
    ("", None),
])
def test_dates_are_day_bounds(norm, bounds):
    assert date_bounds(norm) == bounds


def test_geojson_has_one_feature_per_placed_event(out):
    data = events_geojson(read_tables(out).events)
    assert data["type"] == "FeatureCollection"
    assert [f["id"] for f in data["features"]] == ["d1-1", "d1-2"]  # 无名镇 has no coordinates
    first = data["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [112.6, 26.9]}  # lon, lat
    assert list(first["properties"]) == EVENT_COLUMNS
    assert (first["properties"]["place"], first["properties"]["start"], first["properties"]["evidence"]) == \
        ("衡阳", TEXT.index("第37师团攻占衡阳"), "第37师团攻占衡阳")


def test_lpf_validates_and_lists_every_mentioned_place(out):
    data = places_lpf(read_tables(out))
    schema = json.loads((Path(__file__).parent / "lpf_schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    by_title = {f["properties"]["title"]: f for f in data["features"]}
    assert sorted(by_title) == ["无名镇", "衡阳", "长沙"]
    assert by_title["衡阳"]["geometry"] == {"type": "Point", "coordinates": [112.6, 26.9]}
    assert by_title["无名镇"]["geometry"] is None
    assert by_title["衡阳"]["when"] == {"timespans": [{"start": {"earliest": "1944-06-18"},
                                                      "end": {"latest": "1944-06-18"}}]}
    assert "when" not in by_title["无名镇"]  # its only event has no year
    assert by_title["长沙"]["names"][0]["citations"] == [{"label": "d1", "@id": "urn:extract:doc:d1"}]


def test_lpf_schema_rejects_a_feature_without_names(out):
    data = places_lpf(read_tables(out))
    del data["features"][0]["names"]
    schema = json.loads((Path(__file__).parent / "lpf_schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_itinerary_is_in_date_order(out):
    (route,) = itineraries(read_tables(out).events)
    assert (route.unit, route.side) == ("第37师团", "JP")
    assert [(s.date, s.place) for s in route.stops] == [("1944-06-18", "衡阳"), ("1944-06-19", "长沙")]


@pytest.fixture()
def page(out) -> str:
    return write_report(out, out.parent / "corpus").read_text(encoding="utf-8")


def test_report_is_self_contained(page):
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=[\"']?https?:", page)
    assert "L.map(" in page and "jQuery" in page  # Leaflet and jQuery are inlined


def test_map_has_one_marker_per_placed_event(page):
    classes = re.findall(r'"className": "(ev ev-[^"]*)"', page)
    assert sorted(classes) == ["ev ev-attack side-JP", "ev ev-capture side-JP"]
    assert page.count("show in the text") == 2  # popups link to the clause


def test_review_page_highlights_every_mention(page):
    review = page[page.index('id="doc-d1"'):]
    marks = re.findall(r'<mark class="entity ent-(\w+)" title="([^"]*)"[^>]*>([^<]*)<', review)
    assert len(marks) == 10
    assert ("UNIT", "UNIT · norm: 第37师团 · side: JP", "第37师团") in marks
    assert ("PLACE", "PLACE · norm: 衡阳", "衡阳") in marks
    assert len(re.findall(r'<span class="clause" data-ev="d1-\d"', review)) == 3
    for n in (1, 2, 3):
        assert f'<a class="anchor" id="ev-d1-{n}"></a>' in review
    lines = re.findall(r'<div class="line">(.*?)</div><div class="notes">(.*?)</div></div>', review)
    assert len(lines) == 3
    assert "check this day" in lines[1][1] and not lines[0][1]  # the warning stands beside its line


def test_orbat_tree_nests_the_child_under_its_parent(page):
    tree = page[page.index('<section id="orbat">'):page.index('<section id="unplaced-section">')]
    parent = tree[tree.index('<li data-unit="第11军">'):]
    assert "(横山勇)" in parent[:parent.index("</summary>")]
    assert '<li class="leaf" data-unit="第37师团">' in parent


def test_places_without_coordinates_are_listed(page):
    table = page[page.index('<table id="unplaced">'):]
    assert "<td>无名镇</td>" in table[:table.index("</table>")]


def test_timeline_draws_the_events_with_a_year(page):
    start = page.index('<svg class="timeline"')
    svg = page[start:page.index("</svg>", start)]
    assert re.findall(r'<a class="tl-ev" href="#ev-([\w-]+)"', svg) == ["d1-1", "d1-2"]
    assert "1 event(s) without a known year" in page


def test_cli_report_writes_the_page_and_the_exports(out):
    result = CliRunner().invoke(app, ["report", str(out), "--corpus", str(out.parent / "corpus")])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} >= {"report.html", "events.geojson", "places.lpf.json"}
    assert len(json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]) == 2


def test_evaluation_figures_show_when_present(out):
    (out / "evaluation.json").write_text(json.dumps({
        "overall": {"date_accuracy": 1.0, "entities": {"f1": 0.9}, "events": {"f1": 0.8}},
        "per_document": {"d1": {"date_accuracy": 1.0, "entities": {"f1": 0.9}, "events": {"f1": 0.8}}},
        "per_label": {"UNIT": {"precision": 0.95, "recall": 0.9, "f1": 0.925}}}), encoding="utf-8")
    page = write_report(out, out.parent / "corpus").read_text(encoding="utf-8")
    section = page[page.index('<section id="evaluation">'):]
    assert "<td>UNIT</td><td>0.950</td><td>0.900</td><td>0.925</td>" in section
