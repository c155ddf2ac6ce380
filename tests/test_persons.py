"""PERSON tagging: gazetteer names, misprints, names known only from context."""

from __future__ import annotations

import pytest

import extract
from tests.conftest import rows


def persons(text: str) -> list[tuple[str, str, str]]:
    frame = extract.extract_text(text, "t")["entities"]
    hit = frame[frame.label == "PERSON"]
    return list(zip(hit["text"], hit["norm"], hit["side"], strict=True))


@pytest.mark.parametrize(("name", "side"), [("内山英太郎", "JP"), ("汤恩伯", "CN")])
def test_sample_commanders(sample_entities, name, side):
    hit = rows(sample_entities, name, "PERSON")
    assert len(hit) >= 1
    assert set(hit["side"]) == {side}


def test_misprint_maps_to_the_right_name(sample_entities):
    assert set(rows(sample_entities, "烟俊六", "PERSON")["norm"]) == {"畑俊六"}


def test_commander_named_formation_is_a_unit(sample_entities):
    assert set(rows(sample_entities, "汤恩伯集团", "UNIT")["side"]) == {"CN"}
    assert rows(sample_entities, "汤恩伯", "PERSON").empty or all(
        sample_entities.loc[i + 1, "text"] != "集团" for i in rows(sample_entities, "汤恩伯", "PERSON").index)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names no gazetteer lists, found from their context.
        ("第九十九军军长萧立成率部死守。", [("萧立成", "萧立成", "CN")]),
        ("第116师团师团长大岛正雄指挥攻城。", [("大岛正雄", "大岛正雄", "JP")]),
        ("第85军(吴绍周,预11师、第110师)由郑州南下。", [("吴绍周", "吴绍周", "CN")]),
        ("司令长官为蒋鼎文,副长官为汤恩伯。", [("蒋鼎文", "蒋鼎文", "CN"), ("汤恩伯", "汤恩伯", "CN")]),
        # Traditional characters: offsets into the original, norm simplified.
        ("第十一軍司令官橫山勇下令攻城。", [("橫山勇", "横山勇", "JP")]),
        # A surname and the title 总指挥 stand for the commander the text named in full.
        ("1927年8月，前敌总指挥白崇禧到达南京。27日，白总指挥下令反攻。",
         [("白崇禧", "白崇禧", ""), ("白总指挥", "白崇禧", "")]),
        # A transliterated name before a rank, with no title before it (and no Japanese side from its length).
        ("1945年8月9日，在东宁方向，卡尔波夫上将的第25集团军突破国境。", [("卡尔波夫", "卡尔波夫", "")]),
        # The rank ends a name where 将 would not; 之 of a Japanese given name ends none.
        ("1939年12月，近卫混成旅团（旅团长樱田武少将）到达钦州。", [("樱田武", "樱田武", "JP")]),
        ("1939年12月，联队主力（联队长山本龙之介大佐）位于九塘。", [("山本龙之介", "山本龙之介", "JP")]),
        # A Japanese surname before the title refers to the commander; what follows is the clause, no name.
        ("1939年12月，第21旅团长中村正雄少将到达。中村旅团长闻报，急赴前线。",
         [("中村正雄", "中村正雄", "JP"), ("中村旅团长", "中村正雄", "JP")]),
        # A Japanese surname and a title after it: one mention of the commander named in full.
        ("1939年12月，第5师团长今村均中将到达南宁。18日，今村师团长下令攻击。",
         [("今村均", "今村均", "JP"), ("今村师团长", "今村均", "JP")]),
    ],
)
def test_short_texts(text, expected):
    assert persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A title followed by a known name and a verb: the name stops where the gazetteer's does.
        ("代司令长官薛岳判明敌情。", [("薛岳", "薛岳", "CN")]),
        ("司令官橫山勇集結兵力。", [("橫山勇", "横山勇", "JP")]),
        ("营长史恩华以下大部官兵壮烈殉国。", [("史恩华", "史恩华", "CN")]),
        # 黄维 is a known name, but 黄维纲 goes on: no word or function character follows 黄维.
        ("师长黄维纲率部反击。", [("黄维纲", "黄维纲", "CN")]),
        ("司令长官薛岳則调集兵力。", [("薛岳", "薛岳", "CN")]),
    ],
)
def test_title_names(text, expected):
    assert persons(text) == expected


@pytest.mark.parametrize(("text", "name"), [
    ("1950年11月，团长麦克莱恩上校阵亡。", "麦克莱恩"),
    ("1950年11月，代理团长费斯中校率部突围。", "费斯"),
    ("1950年11月，军长阿尔蒙德指挥美第10军。", "阿尔蒙德"),
    ("1944年6月，军长方先觉率部固守衡阳。", "方先觉"),
])
def test_names_after_a_title_end_before_a_rank_and_transliterations_run_whole(text, name):
    assert name in [t for t, _, _ in persons(text)]


@pytest.mark.parametrize(("text", "names"), [
    ("新组建的第12战区（司令长官", []),                 # a title in the bracket is no name, even at a text's end
    ("第9战区（薛岳）负责长沙方面。", ["薛岳"]),
])
def test_a_commander_in_brackets(text, names):
    assert [p[0] for p in persons(text)] == names


@pytest.mark.parametrize(("text", "names"), [
    # The longest title: 副司令官 leaves no 官 in the name.
    ("第3绥靖区副司令官何基沣率部起义。", ["何基沣"]),
    # A character that begins the next word ends a Japanese name too.
    ("第34师团师团长大贺茂不顾侧翼空虚。", ["大贺茂"]),
    # 叫 between a title and the name.
    ("我们的旅长叫姜玉贞。", ["姜玉贞"]),
    # The commander named before his troops (部, 诸部), and those listed before him.
    ("守敌余荫森部稍事抵抗即北走。", ["余荫森"]),
    ("宋大霈、董政国、余荫森诸部分守岳州。", ["宋大霈", "董政国", "余荫森"]),
    ("但城外各部队始终未来增援。", []),  # 部队: troops, no commander
    # A name listed right after a person found from a title.
    ("师长柯全寿、吴继光率部反击。", ["柯全寿", "吴继光"]),
    # One sense per document: the name found after a title is that person where it stands alone later.
    ("军长丁治磐率部反击。次日，丁治磐又率部追击。", ["丁治磐", "丁治磐"]),
])
def test_names_from_lists_troops_and_the_rest_of_the_document(text, names):
    assert [t for t, _, _ in persons(text)] == names


def test_a_titled_officer_is_on_the_side_of_the_unit_he_heads():
    # 团长 says a Chinese officer; 红4团 says which side, in a civil war not the government's.
    assert persons("1935年5月29日，红4团团长王开湘率部夺取泸定桥。") == [("王开湘", "王开湘", "CCP")]
