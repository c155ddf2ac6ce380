"""Korean places: coordinates, and one sense per document for names Korea and China share."""

from __future__ import annotations

import csv

import pytest

import extract
from extract.gazetteer import load_gazetteer
from extract.resources import bundled_dir

KOREA = "1950年11月25日，志愿军攻占{}。"  # the year puts the text in the Korean War
CHINA = "1938年10月25日，日军攻占{}。"


def place(text: str, surface: str) -> tuple[str, float, float] | None:
    frame = extract.extract_text(text, "t")["entities"]
    hit = frame[(frame.label == "PLACE") & (frame.text == surface)]
    if hit.empty:
        return None
    row = hit.iloc[0]
    return row["norm"], round(float(row["lat"]), 2), round(float(row["lon"]), 2)


@pytest.mark.parametrize(("name", "lat", "lon"), [
    ("云山", 39.97, 125.80), ("温井", 40.11, 125.90), ("德川", 39.75, 126.30), ("价川", 39.70, 125.91),
    ("军隅里", 39.71, 125.89), ("长津湖", 40.50, 127.20), ("下碣隅里", 40.38, 127.25), ("新兴里", 40.52, 127.30),
    ("三所里", 39.55, 126.05), ("清川江", 39.62, 125.45), ("临津江", 37.95, 126.85), ("北汉江", 37.80, 127.55),
    ("汉城", 37.57, 126.98), ("议政府", 37.74, 127.05), ("春川", 37.87, 127.73), ("加平", 37.83, 127.51),
    ("县里", 38.05, 128.25), ("铁原", 38.21, 127.22), ("金化", 38.28, 127.45), ("平康", 38.41, 127.29),
    ("上甘岭", 38.32, 127.50), ("五圣山", 38.36, 127.49), ("砥平里", 37.48, 127.64), ("原州", 37.35, 127.95),
])
def test_korean_war_places_have_coordinates(name, lat, lon):
    assert place(KOREA.format(name), name) == (name, lat, lon)


@pytest.mark.parametrize(("template", "name", "expected"), [
    # Names a Chinese county shares: Korean in a Korean War text, Chinese elsewhere.
    (KOREA, "安州", ("安州", 39.62, 125.66)), (CHINA, "安州", ("安州", 31.53, 104.57)),
    (KOREA, "宁远", ("宁远", 39.97, 126.55)), (CHINA, "宁远", ("宁远", 25.57, 111.95)),
    (KOREA, "黄州", ("黄州", 38.67, 125.77)),
    (KOREA, "平山", ("平山", 38.33, 126.40)),
    (KOREA, "襄阳", ("襄阳", 38.08, 128.62)),
    (KOREA, "上甘岭", ("上甘岭", 38.32, 127.50)),
    # The Han River of Seoul is not the 汉水 of Hubei.
    (KOREA, "汉江", ("汉江", 37.53, 126.98)),
    # Old Chinese names: 定州 is 定县 of Hebei, 义州 is 义县 of Liaoning, outside the Korean War.
    (KOREA, "定州", ("定州", 39.69, 125.21)), (CHINA, "定州", ("定县", 38.52, 114.99)),
    (KOREA, "义州", ("义州", 40.20, 124.53)), (CHINA, "义州", ("义县", 41.53, 121.24)),
    # Names only Korea has are Korean everywhere.
    (KOREA, "龟城", ("龟城", 39.98, 125.24)), (KOREA, "博川", ("博川", 39.73, 125.58)),
    (CHINA, "博川", ("博川", 39.73, 125.58)),
    # 安东 (Dandong, where the Volunteers crossed the Yalu) stays Chinese in a Korean War text.
    (KOREA, "安东", ("安东", 40.13, 124.39)),
])
def test_one_sense_per_document(template, name, expected):
    assert place(template.format(name), name) == expected


@pytest.mark.parametrize(("text", "surface"), [
    ("1944年，日军沿汉江北上。", "汉江"),
])
def test_chinese_sense_outside_the_korean_war(text, surface):
    frame = extract.extract_text(text, "t")["entities"]
    assert frame[frame.text == surface]["norm"].tolist() == ["汉水"]


@pytest.mark.parametrize(("text", "surface", "found"), [
    # A Korean name that is a common word elsewhere is a place only in the Korean War.
    ("1951年5月，志愿军在县里包围南朝鲜军第3军团。", "县里", True),
    ("1947年，县里召开大会。", "县里", False),
    ("1950年11月，志愿军第38军进至球场。", "球场", True),
    ("1946年，学生在球场集会。", "球场", False),
])
def test_korean_words_count_only_in_the_korean_war(text, surface, found):
    frame = extract.extract_text(text, "t")["entities"]
    assert (not frame[(frame.label == "PLACE") & (frame.text == surface)].empty) is found


@pytest.mark.parametrize(("text", "place_norm", "lat"), [
    ("1950年11月28日，志愿军第39军攻占安州。", "安州", 39.62),
    ("1938年10月25日，日军攻占安州。", "安州", 31.53),
])
def test_events_take_the_document_sense_point(text, place_norm, lat):
    events = extract.extract_text(text, "t")["events"]
    rows = events[events.place == place_norm]
    assert [round(float(v), 2) for v in rows["lat"]] == [lat]


def test_every_korean_place_has_a_point_and_the_shared_names_have_both():
    with (bundled_dir() / "places_korea.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 150
    assert [r["name"] for r in rows if not (r["lat"] and r["lon"])] == []
    gaz = load_gazetteer()
    shared = {k for k, e in gaz.korea_senses.items() if e.norm in gaz.korea_coordinates}
    assert {"安州", "宁远", "黄州", "平山", "襄阳", "江陵", "全州", "马山"} <= shared
    assert all(gaz.coordinates[n] != gaz.korea_coordinates[n] for n in gaz.korea_coordinates)
