"""Reading stage and batch: encodings, bad input reported and skipped."""

from __future__ import annotations

import pandas as pd
import pytest

from extract.batch import run_batch
from extract.read import ReadError, decode, make_view

TEXT = "1944年4月19日,日军第37师团攻占郑州。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_encodings_decode_to_the_same_text(encoding):
    assert decode(TEXT.encode(encoding), "x.txt") == TEXT


def test_big5_traditional():
    text = "民國三十三年，日軍第十一軍攻佔長沙，守軍撤退。"
    assert decode(text.encode("big5"), "x.txt") == text


@pytest.mark.parametrize(("data", "kind"), [(b"", "empty"), (b"\x00\x01\x02binary\x00", "binary")])
def test_bad_bytes_name_the_problem(data, kind):
    with pytest.raises(ReadError) as info:
        decode(data, "bad.txt")
    assert info.value.kind == kind
    assert "bad.txt" in str(info.value)


def test_view_keeps_length_and_simplifies():
    text = "日軍第十三師團攻佔衡陽，１９４４年"
    view = make_view(text)
    assert len(view) == len(text)
    assert view == "日军第十三师团攻占衡阳,1944年"


def test_batch_skips_bad_files_and_writes_the_rest(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "gbk.txt").write_bytes(TEXT.encode("gb18030"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x00\x0dIHDR")
    out = tmp_path / "out"
    result = run_batch(corpus, out)
    assert result.documents == 2
    errors = pd.read_csv(out / "errors.csv")
    assert sorted(errors["error"]) == ["binary", "empty"]
    entities = pd.read_csv(out / "entities.csv")
    good = entities[entities.doc_id == "good"].drop(columns="doc_id").reset_index(drop=True)
    gbk = entities[entities.doc_id == "gbk"].drop(columns="doc_id").reset_index(drop=True)
    assert good.equals(gbk)
    assert ("第37师团", "JP") in set(zip(good["text"], good["side"], strict=True))


def test_utf16_without_byte_order_mark():
    from extract.read import decode

    text = "1944年5月25日，日军第37师团攻占洛阳。"
    assert decode(text.encode("utf-16-le"), "x.txt") == text
    assert decode(text.encode("utf-16-be"), "x.txt") == text
