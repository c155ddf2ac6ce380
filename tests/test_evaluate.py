"""Evaluation: scores computed from tables, and bad gold named by file and row."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from extract.evaluate import evaluate_dirs, load_gold_entities, load_gold_events, match_events, write_report

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
     ("start,end,text,label,norm\nx,4,1944,DATE,1944\n", "start is not a whole number"),
     ("start,end,text,label,norm\n0.5,4,1944,DATE,1944\n", "start is not a whole number >= 0 ('0.5')"),
     ("start,end,text,label,norm\n-1,4,1944,DATE,1944\n", "start is not a whole number >= 0 ('-1')"),
     ("start,end,text,label,norm\n4,0,1944,DATE,1944\n", "row 2: start 4 is not before end 0"),
     ("start,end,text,label,norm\n20,99,1944,DATE,1944\n", "row 2: end 99 is past the end of the text")],
)
def test_malformed_gold(tmp_path, content, message):
    path = tmp_path / "bad.entities.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        load_gold_entities(path, TEXT)


def test_a_gold_file_far_larger_than_its_text_is_refused(tmp_path):
    path = tmp_path / "huge.entities.csv"
    path.write_text("start,end,text,label,norm\n" + "0,4,1944,DATE,1944\n" * 60000, encoding="utf-8")
    with pytest.raises(ValueError, match="too large for gold"):
        load_gold_entities(path, TEXT)


EVENT_GOLD = ("date,event_type,place,actor_side,calendar_date,evidence\n"
              "XXXX-04-19,capture,郑州,JP,1944-04-19,攻占郑州\n"
              "XXXX-04-20,attack,洛阳,JP,1944-04-20,进攻洛阳\n"
              "1944,attack,许昌,JP,,进攻许昌\n"
              ",withdraw,洛阳,CN,,撤出洛阳\n")  # an action the text does not date: kept, not scored
PRED_EVENTS = [("d", "d-1", "XXXX-04-19", "capture", "郑州", "JP", "攻占郑州"),
               ("d", "d-2", "1944-04-20", "attack", "洛阳", "CN", "进攻洛阳"),
               ("d", "d-3", "1944", "attack", "许昌", "JP", "进攻许昌"),
               ("d", "d-4", "1944-04-21", "withdraw", "郑州", "CN", "撤出郑州")]


@pytest.mark.parametrize(("figure", "value"), [
    ("tp", 2),        # XXXX-04-19 by date, 1944-04-20 by calendar_date
    ("pred", 3),      # the row dated only to a year is not scored
    ("gold", 2),
    ("side_accuracy", 0.5),
])
def test_events_match_the_text_date_or_the_calendar_date(tmp_path, figure, value):
    corpus, gold, pred = _setup(tmp_path, [(20, 22, "郑州", "PLACE", "郑州")],
                                [("d", 20, 22, "郑州", "PLACE", "郑州", "")])
    (gold / "d.events.csv").write_text(EVENT_GOLD, encoding="utf-8")
    pd.DataFrame(PRED_EVENTS, columns=["doc_id", "event_id", "date", "event_type", "place", "actor_side",
                                       "evidence"]).to_csv(pred / "events.csv", index=False)
    report = evaluate_dirs(gold, pred, corpus)
    assert report["overall"]["events"][figure] == value


@pytest.mark.parametrize(("gold_date", "pred_date", "matched"), [
    ("1939-12", "1939-12-XX", 1),   # a day the text leaves open says what the month says
    ("1939-12-XX", "1939-12", 1),
    ("1939-12-05", "1939-12-XX", 0),  # but not what a day says
    ("1939-12", "1939-11-XX", 0),
])
def test_an_open_day_matches_its_month(gold_date, pred_date, matched):
    gold = pd.DataFrame([("d", gold_date, "", "capture", "郑州")],
                        columns=["doc_id", "date", "calendar_date", "event_type", "place"])
    pred = pd.DataFrame([("d", pred_date, "capture", "郑州")], columns=["doc_id", "date", "event_type", "place"])
    assert len(match_events(gold, pred)) == matched


def test_event_errors_list_misses_false_positives_and_sides(tmp_path):
    corpus, gold, pred = _setup(tmp_path, [(20, 22, "郑州", "PLACE", "郑州")],
                                [("d", 20, 22, "郑州", "PLACE", "郑州", "")])
    (gold / "d.events.csv").write_text(EVENT_GOLD, encoding="utf-8")
    pd.DataFrame(PRED_EVENTS, columns=["doc_id", "event_id", "date", "event_type", "place", "actor_side",
                                       "evidence"]).to_csv(pred / "events.csv", index=False)
    errors = evaluate_dirs(gold, pred, corpus)["event_errors"]
    assert list(zip(errors["kind"], errors["place"], errors["evidence"], strict=True)) == [
        ("false_positive", "郑州", "撤出郑州"), ("side", "洛阳", "进攻洛阳")]


def test_documents_without_predictions_are_warned_about(tmp_path):
    corpus, gold, pred = _setup(tmp_path, [(20, 22, "郑州", "PLACE", "郑州")],
                                [("e", 0, 2, "郑州", "PLACE", "郑州", "")])
    warnings = evaluate_dirs(gold, pred, corpus)["warnings"]
    assert warnings == ["d: gold, but no predicted row (was it in the corpus that was run?)",
                        "1 predicted document(s) have no gold and are not scored: e"]


def test_a_gold_event_date_that_is_no_date_is_refused(tmp_path):
    path = tmp_path / "d.events.csv"
    path.write_text("date,event_type,place,actor_side\nMay 1944,capture,郑州,JP\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape("row 2: date 'May 1944' is not a date")):
        load_gold_events(path)
