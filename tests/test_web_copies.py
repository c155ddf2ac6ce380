"""Web copies: spaces inside numbers and designations, junk characters inside words; offsets stay exact."""

from __future__ import annotations

import pytest

import extract
from extract.gazetteer import load_gazetteer
from extract.linewrap import hard_wraps
from extract.offsets import dropped


def mentions(text: str) -> list[tuple[str, str, str]]:
    frame = extract.extract_text(text, "t")["entities"]
    for start, end, surface in zip(frame["start"], frame["end"], frame["text"], strict=True):
        assert text[start:end] == surface
    return [tuple(r) for r in frame[["text", "label", "norm"]].values]


@pytest.mark.parametrize(("text", "mention"), [
    ("1944年6 月18 日，日军进攻长沙。", ("1944年6 月18 日", "DATE", "1944-06-18")),
    ("1944 年5 月下旬，日军南下。", ("1944 年5 月下旬", "DATE", "1944-05")),
    ("1944年6月，日军第 68 师团进攻衡阳。", ("第 68 师团", "UNIT", "第68师团")),
    ("1944年6月，第10 军固守衡阳。", ("第10 军", "UNIT", "第10军")),
    ("1944年6月，方\u200b先觉率第十军固守衡阳。", ("方\u200b先觉", "PERSON", "方先觉")),
    ("1944年6月，方先觉率第十\ue000军固守衡阳。", ("第十\ue000军", "UNIT", "第10军")),
    ("1944年6月，日军进攻衡\U0001f525阳。", ("衡\U0001f525阳", "PLACE", "衡阳")),
    ("１９４４年６月２６日，日军攻占衡阳机场。", ("１９４４年６月２６日", "DATE", "1944-06-26")),
])
def test_junk_inside_a_mention_is_spanned_and_its_norm_is_clean(text, mention):
    assert mention in mentions(text)


@pytest.mark.parametrize(("text", "mention"), [
    ("1944年6月，日军进攻衡阳\u200b。", ("衡阳", "PLACE", "衡阳")),      # junk at the edge stays outside
    ("1944年6月， 方先觉率部固守。", ("方先觉", "PERSON", "方先觉")),
])
def test_junk_at_the_edge_stays_outside(text, mention):
    assert mention in mentions(text)


@pytest.mark.parametrize(("view", "left_out"), [
    ("9 月6 日", "  "),                    # between digits and CJK: joins
    ("第 68 师团", "  "),
    ("Task Force Smith 在乌山", ""),        # between Latin words, or a letter and CJK: kept
    ("8月13日\n 日军", ""),                 # indentation after a line break: kept
    ("1、 8纵队", " "),                      # after a list mark: pads the next member
    ("方\u200b先觉", "\u200b"),            # a format character anywhere
])
def test_what_the_view_leaves_out(view, left_out):
    g = load_gazetteer().grammar
    assert "".join(view[i] for i in dropped(view, g.drop_categories, g.joining_spaces)) == left_out


@pytest.mark.parametrize(("text", "row"), [
    ("1944年6 月18 日，日军第 68 师团攻占长沙。", ("1944-06-18", "capture", "长沙", "攻占")),
    ("1944年6月18日，日军攻\u200b占长沙。", ("1944-06-18", "capture", "长沙", "攻\u200b占")),
])
def test_events_of_a_web_copy(text, row):
    events = extract.extract_text(text, "t")["events"]
    assert row in [tuple(r) for r in events[["date", "event_type", "place", "trigger"]].values]
    for start, end, evidence in zip(events["start"], events["end"], events["evidence"], strict=True):
        assert text[start:end] == evidence


@pytest.mark.parametrize(("line", "kind"), [
    ("【日机空袭南京】 [1937年8月24日]", "heading"),
    ("图为日军攻占宝山", "caption"),
    ("第三章 豫中会战（二）", "chapter"),
    ("发布时间：2019-05-12 浏览次数：1234", "metadata"),
])
def test_page_furniture_states_no_event_and_does_not_move_the_date(line, kind):
    text = f"1937年8月23日，日军登陆川沙口。\n{line}\n次日，日军攻占罗店。"
    frame = extract.extract_text(text, "t")
    rows = [tuple(r) for r in frame["events"][["date", "event_type", "place"]].values]
    assert ("1937-08-24", "capture", "罗店") in rows
    assert all(place not in ("宝山", "南京") for _, _, place in rows)


def test_a_dash_for_one_after_di_is_read_as_one():
    assert ("八路军第—一五师", "UNIT", "八路军/第115师") in mentions("1937年9月25日，八路军第—一五师在平型关伏击日军。")


# Hard-wrapped copies: a paragraph broken into lines of one width, inside sentences and words.
_WRAPPED_PROSE = ("1951年2月13日黄昏，志愿军第39军第115师一部向砥平里外围的美军阵地发起攻击，当夜突入砥平里东南的"
                  "小高地。次日拂晓，美军以坦克反击，我军撤出砥平里以东阵地，转向原州方向集结。2月15日，"
                  "第40军一部攻占望美山。")


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def _ragged_wrap(text: str, widths: tuple[int, ...] = (18, 21, 17, 20, 19)) -> str:
    lines, i, k = [], 0, 0
    while i < len(text):
        lines.append(text[i:i + widths[k % len(widths)]])
        i, k = i + widths[k % len(widths)], k + 1
    return "\n".join(lines)


def _events(text: str) -> list[tuple[str, str, str]]:
    frame = extract.extract_text(text, "t")["events"]
    return sorted(tuple(r) for r in frame[["date", "event_type", "place"]].values)


@pytest.mark.parametrize("width", [16, 18, 21, 25, 30])
def test_a_hard_wrapped_copy_gives_the_rows_of_the_unwrapped_text(width):
    wrapped = _wrap(_WRAPPED_PROSE, width)
    # The rows themselves, so an extractor that reads nothing cannot pass by giving nothing twice.
    assert ("1951-02-15", "capture", "望美山") in _events(_WRAPPED_PROSE)
    assert _events(wrapped) == _events(_WRAPPED_PROSE)
    assert _events(_ragged_wrap(_WRAPPED_PROSE)) == _events(_WRAPPED_PROSE)  # an editor's ragged wrap too
    places = [(t.replace("\n", ""), n) for t, label, n in mentions(wrapped) if label == "PLACE"]
    assert places.count(("砥平里", "砥平里")) == 3


@pytest.mark.parametrize(("text", "joined"), [
    (_wrap(_WRAPPED_PROSE, 18), "all"),  # every break but the last line's is inside a sentence
    ("一、战役经过\n" + _wrap(_WRAPPED_PROSE, 18), "all"),  # a heading line keeps its break
    (_wrap(_WRAPPED_PROSE, 18).replace("\n", "\n\n", 1), "all"),  # so does a blank line
    (_ragged_wrap(_WRAPPED_PROSE), "all"),  # widths in one narrow band, every line stopping mid-sentence
    # Chronicle entries of similar width, one a line, each opening with its date: no wrap.
    ("12月12日第1战区各部向开封外围发起冬季攻势\n12月16日第2战区一部攻入晋南的敌据点\n"
     "12月18日第9战区各部向岳阳以北地区出击\n12月20日第3战区部队进攻芜湖城郊\n"
     "12月25日第5战区部队攻克随县城郊若干据点\n12月28日第4战区部队攻克昆仑关阵地", "none"),
    # One paragraph per line: the lines end with a sentence mark.
    ("1月5日，第1纵队攻占枣庄以东的马家庄。\n1月6日，第8师进至向城附近的村落。\n1月7日，敌第26师向峄县撤退。\n"
     "1月8日，我军攻克峄县城并歼其一部。", "none"),
    # A chronicle list without sentence marks: its lines differ in width.
    ("12月12日 第1战区发起冬季攻势\n12月16日 第2战区一部攻入晋南敌据点\n12月18日 第9战区各部向岳阳以北出击\n"
     "12月20日 第3战区攻芜湖\n12月25日 第5战区部队攻克随县城郊外若干敌军据点", "none"),
])
def test_which_line_breaks_are_a_hard_wrap(text, joined):
    g = load_gazetteer().grammar
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    left_out = hard_wraps(text, g.sentence_end_chars)
    heading = text.index("\n") if text.startswith("一、") else -1
    para = text.index("\n\n") if "\n\n" in text else -1
    expected = [] if joined == "none" else [i for i in breaks if i not in (heading, para, para + 1)]
    assert left_out == expected


@pytest.mark.parametrize(("text", "joined"), [
    # A copy that kept a page's stray line ends: a short line of prose stopping mid-sentence goes on.
    ("1933年1月1日，日军悍然出兵，3月4日占领了省会\n承德。接着又分兵数路，进攻长城各口。", ["会\n承"]),
    # Headings, posts' times and a long paragraph that only lost its last mark keep their breaks.
    ("六、强渡大渡河、飞夺泸定桥\n1935年5月25日，红1团强渡大渡河。", []),
    ("游客 2016-09-17 08:02\n小纠正：日军是3月4日占领承德的。", []),
    ("六月十五日，日军击破暂二军在渌口一带的抵抗，其先头部队沿着粤汉铁路一路南下，连续突破守军多道防线，"
     "经过激烈战斗后终于夺得株州\n"
     "紧跟其后的日本中路军二梯队也加入了激战。", []),
])
def test_stray_line_breaks_inside_a_sentence(text, joined):
    g = load_gazetteer().grammar
    left_out = hard_wraps(text, g.sentence_end_chars, g.clause_chars)
    assert [text[i - 1:i + 2] for i in left_out] == joined
