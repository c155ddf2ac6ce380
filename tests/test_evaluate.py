"""Evaluation: scores computed from tables, and bad gold named by file and row."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from extract.evaluate import evaluate_dirs, load_gold_entities, write_report

TEXT = "1944年4月19日,日军第37师团攻占郑州。"


def _setup(tmp_path, gold_rows, pred_rows):
    corpus, gold, pred = tmp_path / "corpus", tmp_path / "gold", tmp_path / "pred"
    for d in (corpus, gold, pred):
        d.mkdir()
    (corpus / "d.txt").write_text(TEXT, encoding="utf-8")
    pd.DataFrame(gold_rows, columns=["start", "end", "text", "label", "norm"]).to_csv(
        gold / "d.entities.csv", index=False)
    pd.DataFrame(pred_rows, columns=["doc_id", "start", "end", "text", "label", "norm", "side"]).to_csv(
        pred / "entities.csv", index=False)
    return corpus, gold, pred


def test_scores_and_reports(tmp_path):
    corpus, gold, pred = _setup(
        tmp_path,
        [(0, 10, "1944年4月19日", "DATE", "1944-04-19"), (13, 18, "第37师团", "UNIT", "第37师团"),
         (20, 22, "郑州", "PLACE", "郑州")],
        [("d", 0, 10, "1944年4月19日", "DATE", "1944-04-19", ""), ("d", 13, 18, "第37师团", "UNIT", "第37师团", "JP"),
         ("d", 18, 20, "攻占", "PLACE", "攻占", "")],
    )
    report = evaluate_dirs(gold, pred, corpus)
    ents = report["overall"]["entities"]
    assert (ents["tp"], ents["pred"], ents["gold"]) == (2, 3, 3)
    assert report["overall"]["date_accuracy"] == 1.0
    assert report["per_label"]["PLACE"]["recall"] == 0.0
    assert set(report["errors"]["kind"]) == {"miss", "false_positive"}
    write_report(report, pred)
    data = json.loads((pred / "evaluation.json").read_text(encoding="utf-8"))
    assert data["overall"]["entities"]["precision"] == pytest.approx(2 / 3, abs=1e-3)


def test_offsets_that_do_not_match_the_text_are_an_error(tmp_path):
    _corpus, gold, _ = _setup(tmp_path, [(0, 2, "郑州", "PLACE", "郑州")], [])
    with pytest.raises(ValueError, match=r"d\.entities\.csv: row 2: offsets 0-2"):
        load_gold_entities(gold / "d.entities.csv", TEXT)


@pytest.mark.parametrize(
    ("content", "message"),
    [("start,end,text,label\n0,2,19,DATE\n", "missing column"),
     ("start,end,text,label,norm\n0,4,1944,YEAR,1944\n", "unknown label 'YEAR'"),
     ("start,end,text,label,norm\nx,4,1944,DATE,1944\n", "start is not a number")],
)
def test_malformed_gold(tmp_path, content, message):
    path = tmp_path / "bad.entities.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_gold_entities(path, TEXT)
