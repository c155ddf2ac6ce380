"""Every date form real texts use, one case a line; and what is not a date."""

from __future__ import annotations

import pytest

import extract


def dates(text: str) -> list[tuple[str, str]]:
    frame = extract.extract_text(text, "t")["entities"]
    return [tuple(r) for r in frame[frame.label == "DATE"][["text", "norm"]].values]


@pytest.mark.parametrize(("text", "date"), [
    ("1944年6月25日下午4时，日军进攻。凌晨5时，日军攻占衡阳。", ("凌晨5时", "1944-06-26")),
    ("1944年6月25日夜，日军进攻。拂晓，守军反击。", ("拂晓", "1944-06-26")),
    ("1944年6月25日，日军进攻。凌晨5时，日军攻占衡阳。", ("凌晨5时", "1944-06-25")),
    ("1944年6月28日上午7点，日军攻击。子夜时分，守军反击。", ("子夜时分", "1944-06-28")),
    ("1944年6月13日，日军进攻。该夜，守军撤退。", ("该夜", "1944-06-13")),
    ("1938年4月12日，敌进攻。该(十三)日下午，我军反击。", ("该(十三)日下午", "1938-04-13")),
    ("1938年4月10日，敌进攻。翌（十一）日，我军反击。", ("翌（十一）日", "1938-04-11")),
    ("1938年4月10日，敌进攻。同月下旬，我军反击。", ("同月下旬", "1938-04")),
    ("1938年4月10日，敌进攻。次月，我军反击。", ("次月", "1938-05")),
    ("1938年4月10日，敌进攻。同年秋，我军反击。", ("同年秋", "1938")),
    ("1947年5月11~13日，国军进攻孟良崮。", ("1947年5月11~13日", "1947-05-11/1947-05-13")),
    ("1944年8月20日至9月10日，日军进攻。", ("1944年8月20日至9月10日", "1944-08-20/1944-09-10")),
    ("民国卅七年十一月六日，国军撤退。", ("民国卅七年十一月六日", "1948-11-06")),
    ("1937.8.13，日军进攻闸北。", ("1937.8.13", "1937-08-13")),
    ("1937.8.13，日军进攻闸北。\n8.23 日军登陆川沙口。", ("8.23", "1937-08-23")),
    ("1944年元旦，日军进攻。", ("1944年元旦", "1944-01-01")),
    ("1943年12月25日，日军进攻。1944年2月1日，旧历正月初一，日军撤退。", ("旧历正月初一", "1944-01-25")),
    ("1938年中秋节，日军进攻。", ("1938年中秋节", "1938-10-08")),
    ("1948年12月1日，黄维兵团（11月8日起自确山东援）被围。次日，解放军攻击。", ("次日", "1948-12-02")),
    ("1944年5月1日，日军进攻。去年冬天，日军曾攻占此地。次日，守军撤退。", ("次日", "1944-05-02")),
    # A memoir's and a forum post's forms: a bare N号 with a day word, 那天 and the day just told.
    ("1952年10月14日，美军进攻。18号那天，阵地丢了。", ("18号那天", "1952-10-18")),
    ("1952年10月14日，美军进攻。19号晚上，我们反击。", ("19号晚上", "1952-10-19")),
    ("1939年12月18日，我军进攻。二十日那天，敌人反扑。", ("二十日那天", "1939-12-20")),
    ("1952年10月19日，我们反击。那天夜里，敌人又来了。", ("那天夜里", "1952-10-19")),
    ("1938年10月7日，我军总攻。同一天，敌人突围。", ("同一天", "1938-10-07")),
])
def test_date_forms(text, date):
    assert date in dates(text)


@pytest.mark.parametrize(("text", "surface"), [
    ("日本妄图三月亡华。", "三月"),
    ("1944年4月17日，日军发动1号作战。", "1号"),  # an operation's number, with no day word after it
    ("1944年5月1日，守军固守七日。", "七日"),
    ("1944年5月1日，日军一时攻占洛阳。", "一时"),
    ("1944年5月1日，每日拂晓日军炮击。", "拂晓"),
    ("1944年5月1日，他拿着当夜壶走了。", "当夜"),
    ("距离8.5公里。", "8.5"),
    ("1941年5月7日，这一点很关键。", "一点"),
    ("1941年5月7日，守军差一点就溃散了。", "一点"),
])
def test_what_is_no_date(text, surface):
    assert surface not in [s for s, _ in dates(text)]


def test_afternoon_clock_times_are_in_the_24_hour_day():
    events = extract.extract_text("1944年6月25日下午4时，日军攻占衡阳。", "t")["events"]
    assert list(events[["time", "part_of_day"]].itertuples(index=False, name=None)) == [("16:00", "afternoon")]


@pytest.mark.parametrize(("text", "date"), [
    ("民國三十七年十一月六日，國軍撤退。三十七年十二月一日，國軍撤退。", ("三十七年十二月一日", "1948-12-01")),
    ("民國三十七年十一月六日，國軍撤退。37年12月2日，國軍撤退。", ("37年12月2日", "1948-12-02")),
    ("民國三十七年十一月六日，國軍撤退。卅八年一月十日，杜聿明被俘。", ("卅八年一月十日", "1949-01-10")),
    ("37年12月2日，国军撤退。", ("37年12月2日", "1948-12-02")),   # no era named: 民国, with an era_assumed warning
    ("昭和19年5月，日军进攻。", ("昭和19年5月", "1944-05")),
])
def test_era_years_written_without_their_era(text, date):
    assert date in dates(text)


def test_a_unit_given_two_sides_is_reported():
    warnings = extract.extract_text("1944年5月，第12军（内山英太郎）进攻。同月，守军第12军撤退。", "t")["warnings"]
    assert list(warnings["kind"]) == ["two_sides"]


@pytest.mark.parametrize(("text", "date"), [
    # A season moves the story on, even two years after the last date (到1941年春天…5月7日).
    ("1939年6月，日军进攻平陆。到1941年春天，山里摆了十几个军。5月7日傍晚，日军进攻。", ("5月7日傍晚", "1941-05-07")),
    # A bare year far from the story's is an aside (1905年): the story keeps its year.
    ("1944年5月1日，日军进攻。此地1905年曾有战事。3日，日军攻占洛阳。", ("3日", "1944-05-03")),
    # The year of another story recalled (…期间) and a book's edition (1983年版) date nothing after them.
    ("1932年“一二八”淞沪抗战期间，日军在此登陆。8月23日，日军第11师团在川沙口登陆。", ("8月23日", "XXXX-08-23")),
    ("《中国事变陆军作战》，朝云新闻社，1983年版，第197页。5月10日，日军进攻枣阳。", ("5月10日", "XXXX-05-10")),
])
def test_which_years_move_the_story(text, date):
    assert date in dates(text)


def test_an_assumed_era_is_reported():
    warnings = extract.extract_text("16年8月中旬，革命军在长江南岸布防。", "t")["warnings"]
    assert "era_assumed" in set(warnings["kind"])
