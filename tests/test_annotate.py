"""Label Studio and doccano: gold -> export -> import gives the same gold; offsets past astral characters;
malformed exports fail naming the task and the span."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from extract.annotate import doccano, labelstudio
from extract.annotate.records import AnnotationError, CorpusTexts, gold_documents, new_document, write_gold
from extract.cli import app

ROOT = Path(__file__).resolve().parents[1]
GOLD, CORPUS = ROOT / "corpora" / "gold", ROOT / "corpora"
GOLD_FILES = sorted(p.name for p in GOLD.glob("*.csv"))


def _export_import(fmt: str, docs, tmp: Path, corpus: Path):
    if fmt == "labelstudio":
        path = labelstudio.write_tasks(docs, tmp, as_annotation=True)
        return labelstudio.import_tasks(path, CorpusTexts(corpus))
    path = doccano.write_jsonl(docs, tmp)
    return doccano.import_jsonl(path, CorpusTexts(corpus))


@pytest.fixture(scope="module", params=["labelstudio", "doccano"])
def round_trip(request, tmp_path_factory) -> tuple[str, Path]:
    tmp = tmp_path_factory.mktemp(request.param)
    docs, _notes = _export_import(request.param, list(gold_documents(GOLD, CORPUS)), tmp / "export", CORPUS)
    for doc in docs:
        write_gold(doc, tmp / "gold")
    return request.param, tmp / "gold"


@pytest.mark.parametrize("name", GOLD_FILES)
def test_gold_round_trip_is_identical(round_trip, name):
    _fmt, back = round_trip
    before = pd.read_csv(GOLD / name, dtype=str, keep_default_na=False)
    after = pd.read_csv(back / name, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(after, before)


ASTRAL_TEXT = "𠮷😀日军第37师团攻占郑州。"  # two characters outside the BMP before every mention


def _astral_doc():
    rows = [{"start": 4, "end": 9, "text": "第37师团", "label": "UNIT", "norm": "第37师团", "side": "JP"},
            {"start": 11, "end": 13, "text": "郑州", "label": "PLACE", "norm": "郑州", "side": ""}]
    events = [{"date": "1944-04-19", "event_type": "capture", "place": "郑州", "actor_side": "JP",
               "actor": "第37师团", "evidence": "日军第37师团攻占郑州"}]
    return new_document("astral", ASTRAL_TEXT, rows, events)


@pytest.mark.parametrize(
    ("fmt", "unit_span_in_file"),
    [("labelstudio", (4, 9)),  # Label Studio counts code points, as Python does
     ("doccano", (6, 11))],  # doccano counts UTF-16 code units: each astral character is two
)
def test_offsets_past_astral_characters(tmp_path, fmt, unit_span_in_file):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "astral.txt").write_text(ASTRAL_TEXT, encoding="utf-8")
    doc = _astral_doc()
    docs, _ = _export_import(fmt, [doc], tmp_path / "out", corpus)
    if fmt == "labelstudio":
        region = json.loads((tmp_path / "out" / "labelstudio_tasks.json").read_text("utf-8"))[0]
        value = region["annotations"][0]["result"][0]["value"]
        assert (value["start"], value["end"]) == unit_span_in_file
    else:
        record = json.loads((tmp_path / "out" / "doccano.jsonl").read_text("utf-8"))
        assert tuple(record["label"][0][:2]) == unit_span_in_file
    got = docs[0].entities
    assert list(zip(got["start"], got["end"], got["text"], got["side"], strict=True)) == [
        (4, 9, "第37师团", "JP"), (11, 13, "郑州", "")]
    assert docs[0].events["evidence"].tolist() == ["日军第37师团攻占郑州"]


def _ls_task(**value):
    base = {"start": 4, "end": 9, "text": "第37师团", "labels": ["UNIT"]}
    base.update(value)
    return {"id": 7, "data": {"doc_id": "astral", "text": ASTRAL_TEXT},
            "annotations": [{"result": [{"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
                                         "value": base}]}]}


@pytest.mark.parametrize(
    ("fmt", "content", "message"),
    [("labelstudio", _ls_task(start=4, end=99), "task 7 (astral), region r1 [4-99 '第37师团']: offsets out of range"),
     ("labelstudio", _ls_task(text="第38师团"), "[4-9 '第38师团']: the text there is '第37师团', not '第38师团'"),
     ("labelstudio", _ls_task(labels=["ARMY"]), "region r1 [4-9 '第37师团']: unknown label ['ARMY']"),
     ("labelstudio", {"id": 3, "data": {"text": "x"}, "annotations": []}, "task 3: data.doc_id is missing"),
     ("labelstudio", {"id": 4, "data": {"doc_id": "nope"}, "annotations": []}, "task 4 (nope): no text nope.txt"),
     ("labelstudio", "not json", "not a Label Studio JSON export"),
     ("doccano", {"doc_id": "astral", "text": ASTRAL_TEXT, "label": [[6, 99, "UNIT"]]},
      "line 1 (astral), span [6, 99, 'UNIT']: offsets out of range (the text has 16 UTF-16 units)"),
     ("doccano", {"doc_id": "astral", "text": ASTRAL_TEXT, "label": [[1, 11, "UNIT"]]},
      "span [1, 11, 'UNIT']: UTF-16 offset 1 falls inside a character outside the BMP"),
     ("doccano", {"doc_id": "astral", "text": ASTRAL_TEXT, "label": [[6, 11, "ARMY"]]},
      "span [6, 11, 'ARMY']: unknown label 'ARMY'"),
     ("doccano", {"doc_id": "astral", "text": "other text", "label": []}, "line 1 (astral): its text is not the text"),
     ("doccano", {"text": ASTRAL_TEXT, "label": []}, "line 1: doc_id is missing"),
     ("doccano", "{oops", "line 1: not JSON"),
     ],
)
def test_malformed_exports_name_the_task_and_span(tmp_path, fmt, content, message):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "astral.txt").write_text(ASTRAL_TEXT, encoding="utf-8")
    raw = content if isinstance(content, str) else json.dumps(content if fmt == "doccano" else [content])
    path = tmp_path / ("export.jsonl" if fmt == "doccano" else "export.json")
    path.write_text(raw + "\n", encoding="utf-8")
    reader = labelstudio.import_tasks if fmt == "labelstudio" else doccano.import_jsonl
    with pytest.raises(AnnotationError) as info:
        reader(path, CorpusTexts(corpus))
    assert message in str(info.value)


def test_label_config_has_our_labels_sides_and_event_types():
    from lxml import etree

    config = etree.fromstring(labelstudio.label_config())
    values = {c.get("name"): [x.get("value") for x in c] for c in config.iter("Labels", "Choices")}
    assert values["label"] == ["UNIT", "PERSON", "PLACE", "DATE"]
    assert "capture" in values["event"] and "JP" in values["side"] and "KMT" in values["actor_side"]


def test_cli_export_then_import_writes_gold(tmp_path):
    corpus, pred = tmp_path / "corpus", tmp_path / "pred"
    corpus.mkdir()
    pred.mkdir()
    (corpus / "astral.txt").write_text(ASTRAL_TEXT, encoding="utf-8")
    pd.DataFrame([("astral", 4, 9, "第37师团", "UNIT", "第37师团", "JP")],
                 columns=["doc_id", "start", "end", "text", "label", "norm", "side"]).to_csv(
        pred / "entities.csv", index=False)
    runner = CliRunner()
    result = runner.invoke(app, ["annotate", "export", "--pred", str(pred), "--corpus", str(corpus),
                                 "--out", str(tmp_path / "ann"), "--format", "doccano"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["annotate", "import", str(tmp_path / "ann" / "doccano.jsonl"), "--corpus",
                                 str(corpus), "--out", str(tmp_path / "gold")])
    assert result.exit_code == 0, result.output
    gold = pd.read_csv(tmp_path / "gold" / "astral.entities.csv", dtype=str, keep_default_na=False)
    assert gold.values.tolist() == [["4", "9", "第37师团", "UNIT", "第37师团", "JP"]]
