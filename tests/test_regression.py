"""Regression: the pipeline on the gold documents never falls below the recorded baseline.

``tests/baseline.json`` holds entity F1, date accuracy and event F1 per gold
document and overall. Raise it with every improvement::

    extract run && extract evaluate --gold corpora/gold --save-baseline tests/baseline.json
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from extract.batch import run_batch
from extract.evaluate import below_baseline, evaluate_dirs, headline_figures

ROOT = Path(__file__).resolve().parents[1]
BASELINE = json.loads((ROOT / "tests" / "baseline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    corpus, gold = ROOT / "corpora", ROOT / "corpora" / "gold"
    out = tmp_path_factory.mktemp("regression")
    result = run_batch(corpus, out)
    assert not result.failed
    return evaluate_dirs(gold, out, corpus)


def test_every_gold_document_is_in_the_baseline(report):
    assert set(headline_figures(report)) == set(BASELINE)


def test_headline_figures_hold_the_baseline(report):
    assert below_baseline(report, BASELINE) == []


def test_a_drop_is_caught(report):
    worse = copy.deepcopy(report)
    worse["overall"]["events"]["f1"] -= 0.05
    problems = below_baseline(worse, BASELINE)
    assert len(problems) == 1 and problems[0].startswith("overall: event_f1")
