"""The data layer: every gazetteer file validated with file:line, overlays add to the bundled data."""

from __future__ import annotations

from pathlib import Path

import pytest

import extract
from extract.gazetteer import load_gazetteer
from extract.resources import GazetteerError, bundled_dir, collect, load_resources


def write(folder: Path, name: str, content: str, bom: bool = False, crlf: bool = False) -> Path:
    if crlf:
        content = content.replace("\n", "\r\n")
    path = folder / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + content.encode("utf-8"))
    return path


def test_the_bundled_data_is_valid():
    res, problems = collect()
    assert problems == []
    assert len(res.rows("event_triggers.csv")) > 100


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("event_triggers.csv", "trigger,event_type,voice,side_rule\n伏击,attack,actve,actor\n",
     "event_triggers.csv:2: voice: 'actve' is not one of active, passive, near"),
    ("event_triggers.csv", "trigger,event_type,voice,side_rule\n全歼,annihilate,active,actor\n",
     "event_triggers.csv:2: event_type: 'annihilate' is not one of attack"),
    ("event_triggers.csv", "trigger,event_type,voice,side_rule\n全歼,attack,active,hostile\n",
     "event_triggers.csv:2: side_rule: 'hostile' is not one of actor, opposite, holder"),
    ("event_context.csv", "kind,value,note\nnegatoin,未,\n", "event_context.csv:2: kind: unknown kind 'negatoin'"),
    ("event_context.csv", "kind,value,note\nnarrator_side,ROC,\n", "event_context.csv:2: value: 'ROC' is not one of"),
    ("event_triggers.csv", "trigger,event_type,voise,side_rule\n", "event_triggers.csv:1: missing column(s) voice"),
    ("persons.csv", "name,variants,side,romanization,role,birth\n", "persons.csv:1: unknown column(s) birth"),
    ("persons.csv", "name,variants,side\n粟裕,,PLA\n", "persons.csv:2: side: 'PLA' is not one of JP, CN, CCP, KMT"),
    ("persons.csv", "name,variants,side\n粟裕,,CCP,extra\n", "persons.csv:2: 4 field(s), the header has 3"),
    ("places.csv", "name,type,lat,lon\n碾庄,village,北纬34,117.9\n", "places.csv:2: lat: '北纬34' is not a number"),
    ("places.csv", "name,type,lat,lon\n碾庄,hamlet,34.3,117.9\n", "places.csv:2: type: 'hamlet' is not one of"),
    ("places.csv", "name,type\n碾庄,village\n碾庄,town\n", "places.csv:3: the same row as line 2 (碾庄)"),
    ("echelons.csv", "word,canonical,side,level\n纵队,纵队,CCP,high\n", "level: 'high' is not an integer"),
    ("date_words.csv", "kind,value,norm\nera,洪宪,one\n", "date_words.csv:2: norm: 'one' is not an integer (kind era)"),
    ("campaigns.csv", "name,start,end\n淮海战役,1948-11-6,1949-01-10\n", "campaigns.csv:2: start: '1948-11-6'"),
    ("event_trigger.csv", "trigger\n", "event_trigger.csv: unknown gazetteer file"),
])
def test_a_malformed_file_is_named_with_its_line_and_the_allowed_values(tmp_path, name, content, expected):
    write(tmp_path, name, content)
    _, problems = collect(tmp_path)
    assert any(expected in str(p) for p in problems), [str(p) for p in problems]


def test_every_problem_of_a_folder_is_reported_at_once(tmp_path):
    write(tmp_path, "event_triggers.csv", "trigger,event_type,voice,side_rule\n伏击,attack,actve,actor\n"
                                          "全歼,annihilate,active,actor\n")
    write(tmp_path, "event_context.csv", "kind,value,note\nnegatoin,未,\n")
    with pytest.raises(GazetteerError) as caught:
        load_resources(tmp_path)
    assert len(caught.value.problems) == 3
    assert "3 problem(s)" in str(caught.value)


def test_an_undecodable_file_is_named(tmp_path):
    (tmp_path / "persons.csv").write_bytes("name\n粟裕\n".encode("gb18030"))
    _, problems = collect(tmp_path)
    assert [str(p).split(": ", 1)[1] for p in problems] == ["not UTF-8 (byte 5); save the file as UTF-8"]


@pytest.mark.parametrize(("bom", "crlf"), [(False, False), (True, False), (False, True), (True, True)])
def test_an_overlay_of_one_file_with_two_rows_adds_to_the_bundled_data(tmp_path, bom, crlf):
    write(tmp_path, "places.csv", "name,variants,type,lat,lon,admin\n碾庄,碾庄圩,village,34.35,117.88,江苏\n"
                                  "双堆集,,village,33.1,116.95,安徽\n", bom=bom, crlf=crlf)
    gaz = load_gazetteer(tmp_path)
    assert gaz.lookup("碾庄圩", "PLACE").norm == "碾庄"
    assert gaz.coordinates["双堆集"] == (33.1, 116.95)
    assert gaz.lookup("长沙", "PLACE") is not None  # the bundled places are still there
    assert len(gaz.res.rows("event_triggers.csv")) == len(load_gazetteer().res.rows("event_triggers.csv"))


def test_an_overlay_row_replaces_the_bundled_row_with_its_key(tmp_path):
    write(tmp_path, "event_context.csv", "kind,value,note\nimplicit_sentences,5,\n")
    res = load_resources(tmp_path)
    assert res.values("event_context.csv", "implicit_sentences") == ["5"]
    assert res.values("event_context.csv", "negation") == load_resources().values("event_context.csv", "negation")


@pytest.mark.parametrize(("surface", "label", "norm"), [
    ("碾庄圩", "PLACE", "碾庄"),
    ("双堆集", "PLACE", "双堆集"),
    ("徐州", "PLACE", "徐州"),
])
def test_an_overlay_reaches_the_tables(tmp_path, surface, label, norm):
    write(tmp_path, "places.csv", "name,variants,type,lat,lon,admin\n碾庄,碾庄圩,village,34.35,117.88,江苏\n"
                                  "双堆集,,village,33.1,116.95,安徽\n")
    text = "11月22日，解放军攻占碾庄圩，随即向双堆集进攻，徐州震动。"
    entities = extract.extract_text(text, "t", gazetteer_dir=str(tmp_path))["entities"]
    hit = entities[(entities["text"] == surface) & (entities["label"] == label)]
    assert list(hit["norm"]) == [norm]


def test_the_bundled_folder_is_the_package_data():
    assert (bundled_dir() / "event_triggers.csv").is_file()
    assert (bundled_dir() / "grammar.csv").is_file()
