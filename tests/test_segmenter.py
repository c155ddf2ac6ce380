"""rjieba (jieba-rs) cuts what the pipeline gives it exactly as the reference, Python jieba, does."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from extract.lexicon import _HMM_AGREE, private_jieba
from extract.pipeline import load
from extract.segment import gaps

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
TEXTS = sorted(CORPORA.glob("*.txt"))

rjieba = pytest.importorskip("rjieba")


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    return private_jieba().reference


def test_the_pipeline_cuts_with_rjieba():
    assert private_jieba().engine == "rjieba"


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_rjieba_cuts_every_gap_of_the_corpora_as_jieba(path, reference):
    _, view, _, mentions = load().tokenizer.prepare(path.read_text(encoding="utf-8"))
    pieces = gaps(view, mentions)
    assert pieces
    differ = [g for g in pieces if private_jieba().cut(g, False) != list(reference.cut(g, HMM=False))]
    assert differ == []


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_rjieba_hmm_cuts_the_corpora_as_jieba_where_it_is_used(path, reference):
    """The HMM cut reads the 8 characters before a place (places._tail): every such window of the corpora."""
    _, view, _, mentions = load().tokenizer.prepare(path.read_text(encoding="utf-8"))
    windows = {view[max(0, m.end - 8): m.end] for m in mentions if m.label == "PLACE"}
    used = [w for w in windows if _HMM_AGREE.fullmatch(w)]
    assert used
    assert [w for w in used if private_jieba().cut(w, True) != list(reference.cut(w, HMM=True))] == []


# Where the two HMM cuts differ, the pipeline's cut is the reference's.
@pytest.mark.parametrize("chunk, words", [
    ("发布时间：2019-05-12", ["发布", "时间", "：", "2019", "-", "05", "-", "12"]),
    ("出动B-29轰炸机", ["出动", "B", "-", "29", "轰炸机"]),
    ("1937.8.23 日军", ["1937.8", ".", "23", " ", "日军"]),
    ("\u9fd6\u3400第长", ["\u9fd6", "\u3400", "第长"]),
])
def test_the_hmm_cut_is_the_reference(chunk, words, reference):
    assert private_jieba().cut(chunk, True) == words == list(reference.cut(chunk, HMM=True))
    assert rjieba.Jieba().cut(chunk, hmm=True) != words  # why it stays on jieba
