"""Evaluation for correctors: per event type scores and the machine-readable errors file that review tasks
are made from."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from extract.annotate.review import review_documents
from extract.evaluate import ERRORS_FILE, evaluate_dirs, write_report

TEXT = "1944年4月19日,日军第37师团攻占郑州。20日进攻洛阳。"
GOLD_ENTITIES = [(13, 18, "第37师团", "UNIT", "第37师团", "JP"), (20, 22, "郑州", "PLACE", "郑州", ""),
                 (23, 26, "20日", "DATE", "1944-04-20", "")]
PRED_ENTITIES = [("d", 13, 18, "第37师团", "UNIT", "第37师团", "CN"), ("d", 18, 20, "攻占", "PLACE", "攻占", ""),
                 ("d", 23, 26, "20日", "DATE", "1944-04-21", "")]
GOLD_EVENTS = ("date,event_type,place,actor_side,evidence\n"
               "1944-04-19,capture,郑州,JP,日军第37师团攻占郑州\n"
               "1944-04-20,attack,洛阳,JP,20日进攻洛阳\n")
PRED_EVENTS = [("d", "d-1", "1944-04-19", "capture", "郑州", "CN", "日军第37师团攻占郑州", 11, 22)]


@pytest.fixture()
def evaluated(tmp_path):
    corpus, gold, pred = tmp_path / "corpus", tmp_path / "gold", tmp_path / "pred"
    for d in (corpus, gold, pred):
        d.mkdir()
    (corpus / "d.txt").write_text(TEXT, encoding="utf-8")
    pd.DataFrame(GOLD_ENTITIES, columns=["start", "end", "text", "label", "norm", "side"]).to_csv(
        gold / "d.entities.csv", index=False)
    (gold / "d.events.csv").write_text(GOLD_EVENTS, encoding="utf-8")
    pd.DataFrame(PRED_ENTITIES, columns=["doc_id", "start", "end", "text", "label", "norm", "side"]).to_csv(
        pred / "entities.csv", index=False)
    pd.DataFrame(PRED_EVENTS, columns=["doc_id", "event_id", "date", "event_type", "place", "actor_side",
                                       "evidence", "start", "end"]).to_csv(pred / "events.csv", index=False)
    report = evaluate_dirs(gold, pred, corpus)
    write_report(report, pred)
    return corpus, gold, pred, report


@pytest.mark.parametrize(
    ("event_type", "precision", "recall", "side_accuracy"),
    [("capture", 1.0, 1.0, 0.0),
     ("attack", 0.0, 0.0, 0.0)],
)
def test_per_event_type_scores(evaluated, event_type, precision, recall, side_accuracy):
    *_, pred, _report = evaluated
    scores = json.loads((pred / "evaluation.json").read_text("utf-8"))["per_event_type"][event_type]
    assert (scores["precision"], scores["recall"], scores["side_accuracy"]) == (precision, recall, side_accuracy)
    assert f"| {event_type} |" in (pred / "evaluation.md").read_text("utf-8")


@pytest.mark.parametrize(
    ("target", "kind", "start", "end", "label", "text"),
    [("entity", "side", 13, 18, "UNIT", "第37师团"),
     ("entity", "false_positive", 18, 20, "PLACE", "攻占"),
     ("entity", "miss", 20, 22, "PLACE", "郑州"),
     ("entity", "norm", 23, 26, "DATE", "20日"),
     ("event", "side", 11, 22, "capture", "日军第37师团攻占郑州"),
     ("event", "miss", 23, 30, "attack", "20日进攻洛阳")],  # a gold event without offsets: found by its evidence
)
def test_errors_file_lists_every_row_to_check(evaluated, target, kind, start, end, label, text):
    *_, pred, _report = evaluated
    rows = pd.read_csv(pred / ERRORS_FILE, dtype=str, keep_default_na=False)
    hit = rows[(rows["target"] == target) & (rows["kind"] == kind)]
    assert hit[["start", "end", "label", "text"]].values.tolist() == [[str(start), str(end), label, text]]


def test_review_tasks_hold_only_the_rows_to_check(evaluated):
    corpus, _gold, pred, _report = evaluated
    docs, notes = review_documents(pred, corpus, None)
    (doc,) = docs
    assert doc.entities["text"].tolist() == ["第37师团", "攻占", "郑州", "20日"]
    assert doc.entities["review"].str.split(":").str[0].tolist() == ["side", "false_positive", "miss", "norm"]
    assert doc.events["evidence"].tolist() == ["日军第37师团攻占郑州", "20日进攻洛阳"]
    assert notes["d"].startswith("review: ")
