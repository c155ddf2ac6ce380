"""Order of battle: parent and commander as the text states them."""

from __future__ import annotations

import pytest

import extract


@pytest.fixture(scope="module")
def sample_orbat(sample_text):
    frame = extract.extract_text(sample_text, "s")["orbat"]
    return {(r.unit, r.side): r for r in frame.itertuples()}


@pytest.mark.parametrize(
    ("unit", "side", "parent", "commander"),
    [
        ("第37师团", "JP", "第12军", "长野祐一郎"),
        ("第85军", "CN", "第28集团军", "吴绍周"),
        ("预11师", "CN", "第85军", ""),
        ("第12军", "JP", "", "内山英太郎"),
        ("第12军", "CN", "第31集团军", "贺粹之"),
    ],
)
def test_sample_orbat(sample_orbat, unit, side, parent, commander):
    row = sample_orbat[(unit, side)]
    assert (row.parent, row.commander) == (parent, commander)


def test_short_text_nested_lists():
    text = "第九战区所属部队有:第27集团军(杨森),辖第20军(杨汉域,第133、第134师)、第58军;第30集团军(王陵基)。"
    frame = extract.extract_text(text, "t")["orbat"]
    got = {r.unit: (r.parent, r.commander) for r in frame.itertuples()}
    assert got["第27集团军"] == ("第9战区", "杨森")
    assert got["第20军"] == ("第27集团军", "杨汉域")
    assert got["第133师"] == ("第20军", "")
    assert got["第58军"] == ("第27集团军", "")
    assert got["第30集团军"] == ("第9战区", "王陵基")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("同日，第29军孙元良部由都匀南下。", [("第29军", "CN", "", "孙元良")]),
        ("12月25日，中国陆军总司令部在昆明成立，何应钦任总司令。", [("中国陆军总司令部", "CN", "", "何应钦")]),
        ("命西江方面军总司令邓龙光指挥反击。", [("西江方面军", "CN", "", "邓龙光")]),
    ],
)
def test_commanders_named_with_their_army_or_appointed(text, expected):
    frame = extract.extract_text(text, "t")["orbat"]
    assert list(zip(frame["unit"], frame["side"], frame["parent"], frame["commander"], strict=True)) == expected


@pytest.mark.parametrize("text", [
    "中国方面以第8战区负责长江以北，新组建的第12战区（司令长官",        # cut short inside the bracket
    "中国方面以第8战区负责长江以北，新组建的第12战区\u3000（司令长官",  # with a space the view leaves out
    "中国方面以第8战区负责长江以北，新组建的第12战区（薛岳",
])
def test_a_text_cut_short_in_a_bracket_keeps_its_offsets(text):
    orbat = extract.extract_text(text, "t")["orbat"]
    assert all(0 <= s < e <= len(text) for s, e in zip(orbat["start"], orbat["end"], strict=True))
