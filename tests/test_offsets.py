"""Offsets are exact: every row's text is the original text at its offsets."""

from __future__ import annotations

import extract


def test_every_row_matches_the_text(sample_entities, sample_text):
    assert len(sample_entities) > 500
    for start, end, surface in sample_entities[["start", "end", "text"]].itertuples(index=False):
        assert sample_text[start:end] == surface


def test_traditional_text_keeps_original_offsets():
    text = "民國三十三年，日軍第十一軍攻佔長沙。"
    frame = extract.extract_text(text, "t")["entities"]
    assert len(frame) >= 2
    for start, end, surface in frame[["start", "end", "text"]].itertuples(index=False):
        assert text[start:end] == surface
    assert "長沙" in frame["text"].tolist()
    assert frame.set_index("text").loc["長沙", "norm"] == "长沙"


def test_entities_align_with_tokens(nlp, sample_text):
    doc = nlp(sample_text)
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t) for t in doc}
    assert doc.ents
    for ent in doc.ents:
        assert ent.start_char in starts and ent.end_char in ends


def test_spacy_entities_carry_the_resolved_values(nlp):
    doc = nlp("1944年5月25日，日军第37师团攻占洛阳。次日拂晓，守军撤退。")
    got = [(e.text, e.label_, e._.norm, e._.side, e._.part_of_day) for e in doc.ents]
    assert got == [("1944年5月25日", "DATE", "1944-05-25", "", ""), ("第37师团", "UNIT", "第37师团", "JP", ""),
                   ("洛阳", "PLACE", "洛阳", "", ""), ("次日拂晓", "DATE", "1944-05-26", "", "dawn")]
    assert doc.text == "1944年5月25日，日军第37师团攻占洛阳。次日拂晓，守军撤退。"
