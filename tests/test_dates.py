"""DATE recognition and resolution on the story's timeline."""

from __future__ import annotations

import pytest

import extract
from tests.conftest import rows


def dates(text: str) -> list[tuple[str, str]]:
    frame = extract.extract_text(text, "t")["entities"]
    hit = frame[frame.label == "DATE"]
    return list(zip(hit["text"], hit["norm"], strict=True))


def norm_at(frame, text, surface, after: str = "") -> str:
    start = text.index(after + surface) + len(after) if after else text.index(surface)
    hit = frame[(frame.start == start) & (frame.label == "DATE")]
    assert len(hit) == 1, f"no DATE at {surface}"
    return hit["norm"].iloc[0]


@pytest.mark.parametrize(
    ("surface", "after", "norm"),
    [
        ("1944年4月17日夜", "", "1944-04-17"),
        ("19日凌晨", "", "1944-04-19"),
        ("29日夜", "", "1944-04-29"),
        ("5月1日上午", "", "1944-05-01"),
        ("当日9时", "", "1944-05-01"),
        ("24日13时", "", "1944-05-24"),
        ("8日晨", "联系,", "1944-08-08"),
        ("11月24日", "", "1944-11-24"),
        ("12月2日", "", "1944-12-02"),
        ("1945年1、2月", "", "1945-01/1945-02"),
        ("31日", "新墙河,", "1944-05-31"),
        ("3月31日", "", "1944-03-31"),
        ("5月27日", "沙俄海军的", "1944-05-27"),
    ],
)
def test_sample_dates(sample_entities, sample_text, surface, after, norm):
    assert norm_at(sample_entities, sample_text, surface, after) == norm


def test_durations_are_not_dates(sample_entities):
    texts = set(sample_entities[sample_entities.label == "DATE"]["text"])
    assert not {"一个半月", "47天", "10昼夜"} & texts


def test_chronology_warning_for_guixian(sample_text):
    warnings = extract.extract_text(sample_text, "s")["warnings"]
    start = sample_text.index("10月3日占贵县")
    assert start in set(warnings["start"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1944年12月24日日军出发,1月3日抵达。", [("1944年12月24日", "1944-12-24"), ("1月3日", "1945-01-03")]),
        ("1944年6月30日攻城,次日城陷,翌日撤出。",
         [("1944年6月30日", "1944-06-30"), ("次日", "1944-07-01"), ("翌日", "1944-07-02")]),
        ("民國三十三年六月十五日，廿七日夜渡河。",
         [("民國三十三年六月十五日", "1944-06-15"), ("廿七日夜", "1944-06-27")]),
        ("１９４４年５月２日至４日激战。", [("１９４４年５月２日至４日", "1944-05-02/1944-05-04")]),
        ("昭和19年4月17日,日军渡过黄河。", [("昭和19年4月17日", "1944-04-17")]),
        ("1944年5月1日攻城,3日后城陷。", [("1944年5月1日", "1944-05-01"), ("3日后", "1944-05-04")]),
        ("1944年5月1日开始进攻,当日军第12军南进时遇阻。", [("1944年5月1日", "1944-05-01")]),
        ("第三战区作战17日,伤亡甚重。", []),
        ("1944年9月28日攻城,数日后城陷。", [("1944年9月28日", "1944-09-28"), ("数日后", "1944-09-XX")]),
        ("1937年9月22日，灵丘守军已于前日撤出。", [("1937年9月22日", "1937-09-22"), ("前日", "1937-09-20")]),  # 前天
        # A date before 的 is the story's (…的一个雨夜, 1937年的X); only a record's date (…的日记) is not.
        ("1936年7月，部队进山。\n1937年的南满，枪声不断。8月，袭击通化。",
         [("1936年7月", "1936-07"), ("1937年", "1937"), ("8月", "1937-08")]),
        ("1936年7月，部队进山。1938年4月的一个雨夜，炸毁工棚。5月，进入本溪。",
         [("1936年7月", "1936-07"), ("1938年4月", "1938-04"), ("5月", "1938-05")]),
        ("1944年8月1日，守军出击。1944年12月3日的日记中记载战况。5日，日军攻城。",
         [("1944年8月1日", "1944-08-01"), ("1944年12月3日", "1944-12-03"), ("5日", "1944-08-05")]),
        # This year, the spring's opening, the winter of a year named: the running or the named year.
        ("1936年7月，部队进山。入冬以后，战事渐少。这年12月，奔袭临江。",
         [("1936年7月", "1936-07"), ("入冬", "1936"), ("这年12月", "1936-12")]),
        ("1939年1月下旬，突围。开春，到了濛江。1939年的冬天，敌人大讨伐。",
         [("1939年1月下旬", "1939-01"), ("开春", "1939"), ("1939年的冬天", "1939")]),
        # A month named only in the lunar calendar, of the lunar year nearest the story (lunar 1939 here).
        ("1940年1月下旬，部队在濛江。腊月二十三是小年。元宵节那天，又遭包围。",
         [("1940年1月下旬", "1940-01"), ("腊月二十三", "1940-01-31"), ("小年", "1940-01-31"),
          ("元宵节那天", "1940-02-22")]),
        # D+1日 counts from an operation's D-day: no day of the month.
        ("时间,1944年6月5日: D+1日\n凌晨,美军飞机轰炸阴登山。",
         [("1944年6月5日", "1944-06-05"), ("凌晨", "1944-06-05")]),
        # 上月二十日 looks back: the story stays in its month.
        ("【南京民国二十二年十二月十二日专电】闽省自上月二十日另立政府。\n【上海十四日电】第60师开赴延平。",
         [("民国二十二年十二月十二日", "1933-12-12"), ("上月二十日", "1933-11-20"), ("十四日", "1933-12-14")]),
        # A telegram dated by its day's code (韵目代日) between its sender and 电; not in 电报.
        ("1934年1月10日，蒋委员长灰电嘉奖第四路军。", [("1934年1月10日", "1934-01-10"), ("灰", "1934-01-10")]),
        ("1934年1月17日，军政部删电各路将领。", [("1934年1月17日", "1934-01-17"), ("删", "1934-01-15")]),
        ("1934年1月17日，司令部有电报来。", [("1934年1月17日", "1934-01-17")]),
        # An interview's words for the parts of the day, and 头天 for the day before.
        ("1941年11月4日，敌人来了。五号一大早，哨上报告。从早上一直打到晌午。天一擦黑，队伍撤出留田。",
         [("1941年11月4日", "1941-11-04"), ("五号一大早", "1941-11-05"), ("晌午", "1941-11-05"),
          ("天一擦黑", "1941-11-05")]),
        ("1941年11月30日，敌人来了。头天晚上我们到了大青山。天刚放亮，鬼子就压下来。",
         [("1941年11月30日", "1941-11-30"), ("头天晚上", "1941-11-29"), ("天刚放亮", "1941-11-30")]),
        ("1950年11月25日晚，敌发起进攻，同夜第9团撤退。", [("1950年11月25日晚", "1950-11-25"), ("同夜", "1950-11-25")]),
        # 今天 and 明天 in speech are no days of the story; 打到天黑 is no date either.
        ("1929年5月，老兵说：今天你打我，明天我打你。打到天黑才停。", [("1929年5月", "1929-05")]),
        # A code standing alone after the signature's 叩 ends a telegram; in a text signed so, the code and 日
        # date the body too (文日, 寒日拂晓), but a code whose X日 is a word (冬日, 有日) only with a part of day.
        ("民国二年七月十五日，北京钧鉴：文日逆军突犯沙河，寒日拂晓督队反攻，冬日严寒。李纯叩。寒。",
         [("民国二年七月十五日", "1913-07-15"), ("文日", "1913-07-12"), ("寒日拂晓", "1913-07-14"),
          ("寒", "1913-07-14")]),
        ("民国二年七月，黄兴于寒日抵宁，有日午后开战。黄兴叩删。",
         [("民国二年七月", "1913-07"), ("寒日", "1913-07-14"), ("有日午后", "1913-07-25"), ("删", "1913-07-15")]),
        ("1913年7月，文日逆军突犯沙河。", [("1913年7月", "1913-07")]),  # no telegram signed by code: 文日 is none
        # The days that follow leave the day open.
        ("1916年1月17日，护国军与袁军交火。接下来的几天，护国军连克横江城。",
         [("1916年1月17日", "1916-01-17"), ("接下来的几天", "1916-01-XX")]),
        # A web copy that lost its 年 and 月 between the digits: a run that cannot be a day splits one way.
        ("1939723日,夜袭虹桥机场。1939731日,粉碎日军进攻。",
         [("1939723日", "1939-07-23"), ("1939731日", "1939-07-31")]),
        ("1946年7月初部署。713日,发起进攻。后83日撤离海安。810日发起李堡战斗。",
         [("1946年7月初", "1946-07"), ("713日", "1946-07-13"), ("83日", "1946-08-03"), ("810日", "1946-08-10")]),
        ("1939年6月,整训。19397月,出击。", [("1939年6月", "1939-06"), ("19397月", "1939-07")]),
        ("1944年5月1日攻城,激战45日。111日再攻。", [("1944年5月1日", "1944-05-01")]),  # a duration; two splits
        # A battle named by its day while nothing dates the story yet: the story's first day.
        ("1938年3月24日的北门争夺战,日军进攻。当晚,日军突破小北门。24日起,日军猛攻。",
         [("1938年3月24日", "1938-03-24"), ("当晚", "1938-03-24"), ("24日", "1938-03-24")]),
    ],
)
def test_short_texts(text, expected):
    assert dates(text) == expected


def test_chronicle_lines_reset_the_reference():
    text = "1944年4月18日 日军渡过黄河。\n19日 攻占郑州。\n1944年6月18日 长沙失守。\n19日 日军南下。\n"
    assert [n for _, n in dates(text)] == ["1944-04-18", "1944-04-19", "1944-06-18", "1944-06-19"]


def test_part_of_day_and_time(nlp):
    doc = nlp("1944年5月24日13时,日军发起总攻。当日中午又增兵。")
    ents = [e for e in doc.ents if e.label_ == "DATE"]
    assert [(e._.norm, e._.time, e._.part_of_day) for e in ents] == [
        ("1944-05-24", "13:00", ""), ("1944-05-24", "", "noon")]


def test_rows_helper_finds_dates(sample_entities):
    assert rows(sample_entities, "当夜", "DATE")["norm"].tolist() == ["1944-04-30"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A range of two dates is one mention.
        ("1944年12月—1945年6月中国战场大事记", [("1944年12月—1945年6月", "1944-12/1945-06")]),
        ("1945年1月至3月，敌攻赣州。", [("1945年1月至3月", "1945-01/1945-03")]),
        # After a date at month precision, a bare day is in that month.
        ("1942年5月下旬，日军西进。28日，敌抵兰溪。", [("1942年5月下旬", "1942-05"), ("28日", "1942-05-28")]),
        ("一九四二年夏季，日军发动攻势。", [("一九四二年夏季", "1942")]),
        # 按预定计划 reports what was done: its date moves the story.
        ("1941年12月24日夜，日军强渡新墙河。守军至次日午后按预定计划撤离阵地。同日，第58军侧击日军。",
         [("1941年12月24日夜", "1941-12-24"), ("次日午后", "1941-12-25"), ("同日", "1941-12-25")]),
        # A deadline (限…翌日正午前) does not move the story; 清晨 alone is the running day.
        ("一九三七年十二月九日，敌限守军于翌日正午前答复。同日，敌猛攻光华门。十三日，日军于清晨攻入中华门。",
         [("一九三七年十二月九日", "1937-12-09"), ("翌日正午", "1937-12-10"), ("同日", "1937-12-09"),
          ("十三日", "1937-12-13"), ("清晨", "1937-12-13")]),
        # An anniversary page's dateline: the year stated with 的今天 is the story's.
        ("今天是9月8日，1945年的今天，游击队收复了白芒花。8月13日，东江纵队攻入北栅。",
         [("9月8日", "XXXX-09-08"), ("1945年", "1945"), ("8月13日", "1945-08-13")]),
        # A page that opens by quoting the histories: the quoted year and month date its bare days.
        ("战史都这样叙述：“一九四八年九月十二日，战役首先在北宁线打响。”\n十三日，第31师攻克石门。",
         [("一九四八年九月十二日", "1948-09-12"), ("十三日", "1948-09-13")]),
        # A heading's Chinese item number before a whole month and day is no month of a list.
        ("1950年12月31日，志愿军发起攻击。\n五、一月四日：汉城易手\n4日下午，39军进入汉城。",
         [("1950年12月31日", "1950-12-31"), ("一月四日", "1951-01-04"), ("4日下午", "1951-01-04")]),
        # Bare days told before any month take the month of the first date that states one.
        ("14日，日军再次猛攻南怀化阵地。\n10月15日，敌又攻。", [("14日", "XXXX-10-14"), ("10月15日", "XXXX-10-15")]),
        # A day foretold (将于次日) is not reached yet: 当晚 is still the day judged on.
        ("5月12日，吕正操判断敌人将于次日合围军区驻地。当晚，军区机关渡过子牙河。",
         [("5月12日", "XXXX-05-12"), ("次日", "XXXX-05-13"), ("当晚", "XXXX-05-12")]),
        ("1944年6月5日，敌进攻。7、8两日，敌机轰炸衡阳。",
         [("1944年6月5日", "1944-06-05"), ("7、8两日", "1944-06-07/1944-06-08")]),
        # 中 after a month is the middle of it, unless it begins a word (中国).
        ("1944年6月中，敌进攻。", [("1944年6月中", "1944-06")]),
        # Years counted from the running year.
        ("民国二十七年十月，日军攻陷武汉。翌年夏秋之交，日军集结。",
         [("民国二十七年十月", "1938-10"), ("翌年夏秋之交", "1939")]),
        # A bare day after the running date: forward in the month rather than back across it.
        ("民国二十八年九月十日，日军进攻。三十日，日军停止进攻。",
         [("民国二十八年九月十日", "1939-09-10"), ("三十日", "1939-09-30")]),
        ("1944年10月2日，敌攻桂林。29日，守军已撤离全州。", [("1944年10月2日", "1944-10-02"), ("29日", "1944-09-29")]),
        # Durations: within a day (一日之间), the classical count of days (十有九日).
        ("1937年8月19日，我军一日之间伤亡千余。二十日，敌攻。",
         [("1937年8月19日", "1937-08-19"), ("二十日", "1937-08-20")]),
        ("1937年8月26日，我军鏖战十有九日。", [("1937年8月26日", "1937-08-26")]),
        # A bare day after a month told as a step back: in that month or the story's, whichever is nearer the
        # latest day told.
        ("1927年十二月十日傍晚，城中戒严。十一月中旬，张发奎与桂系翻脸。工人于十一日凌晨起事。",
         [("1927年十二月十日傍晚", "1927-12-10"), ("十一月中旬", "1927-11"), ("十一日凌晨", "1927-12-11")]),
        ("1944年11月4日，敌逼近桂林。十月下旬，敌恢复攻势。二十八日，敌陷平乐。",
         [("1944年11月4日", "1944-11-04"), ("十月下旬", "1944-10"), ("二十八日", "1944-10-28")]),
        # 同年 after 去年 counts from the year looked back to, and the story stays where it was.
        ("1948年5月17日，我军攻克临汾。去年四月，我军连克曲沃；同年十二月二十八日，运城解放。市民于十九日集会。",
         [("1948年5月17日", "1948-05-17"), ("去年四月", "1947-04"), ("同年十二月二十八日", "1947-12-28"),
          ("十九日", "1948-05-19")]),
        # A decision's or a first plan's day does not move the story (会议决定…次日, 原定十二日).
        ("1927年12月11日，会议决定次日继续强攻长堤。散会。次日拂晓，枪声又起。",
         [("1927年12月11日", "1927-12-11"), ("次日", "1927-12-12"), ("次日拂晓", "1927-12-12")]),
        # 本年 is the story's year even right after an aside's 上年; a date with 以来 recalls a stretch's start.
        ("民国三十七年二月二十四日，匪围宜川。匪自上年十月以后整补，本年二月中旬南窜。",
         [("民国三十七年二月二十四日", "1948-02-24"), ("上年十月", "1947-10"), ("本年二月中旬", "1948-02")]),
        ("1948年2月24日，匪围宜川。本军自民国三十六年三月进占延安以来，转战陕北。二十五日拂晓，匪猛攻。",
         [("1948年2月24日", "1948-02-24"), ("民国三十六年三月", "1947-03"), ("二十五日拂晓", "1948-02-25")]),
        # A staff report's four-digit clock (〇二〇〇时, 1500时).
        ("1948年2月29日〇二〇〇时许，匪来袭。一五〇〇时，匪突入。",
         [("1948年2月29日〇二〇〇时许", "1948-02-29"), ("一五〇〇时", "1948-02-29")]),
        # A line holding a date alone (an issue's day) heads the dispatches under it.
        ("民国十五年八月下旬，孙传芳出兵。\n〔九月八日〕\n长沙电　七日　第三军于五日攻克萍乡。",
         [("民国十五年八月下旬", "1926-08"), ("九月八日", "1926-09-08"), ("七日", "1926-09-07"),
          ("五日", "1926-09-05")]),
        # A correspondent's letter dated where it was sent from: 上月, 前天, 昨夜 count from its day.
        ("民国三十四年四月十六日\n【本报特派员四月九日寄自西峡口前线】今年春节，敌集结。上月二十二日拂晓，敌南犯。前天黄昏，敌停攻。",
         [("民国三十四年四月十六日", "1945-04-16"), ("四月九日", "1945-04-09"), ("春节", "1945-02-13"),
          ("上月二十二日拂晓", "1945-03-22"), ("前天黄昏", "1945-04-07")]),
        # In a run of reports, a later day opening a line is the next report's: its 今晨 is that day's.
        ("一九四五年九月十日　我军攻屯留。\n（九月十一日电）\n十二日　屯留城已于今晨为我攻克。",
         [("一九四五年九月十日", "1945-09-10"), ("九月十一日", "1945-09-11"), ("十二日", "1945-09-12"),
          ("今晨", "1945-09-12")]),
        # A communique's heading date and a newspaper's 电 before the day: 本日 and 昨日 count from them.
        ("一九五一年一月二十六日　朝鲜人民军最高司令部报道\n自二十五日晨起，敌进犯。本日拂晓，敌冲击金良场里。",
         [("一九五一年一月二十六日", "1951-01-26"), ("二十五日晨", "1951-01-25"), ("本日拂晓", "1951-01-26")]),
        ("民国十五年十月十日，战事再起。\n○汉口电　十四日　第六军于十二日攻克奉新。各部于本日暂撤围城。",
         [("民国十五年十月十日", "1926-10-10"), ("十四日", "1926-10-14"), ("十二日", "1926-10-12"),
          ("本日", "1926-10-14")]),
        # A dispatch's own noon and the day before's morning.
        ("1936年11月16日电：今午敌机飞临。昨晨敌犯。", [("1936年11月16日", "1936-11-16"), ("今午", "1936-11-16"),
                                             ("昨晨", "1936-11-15")]),
    ],
)
def test_ranges_relative_years_and_bare_days(text, expected):
    frame = extract.extract_text(text, "t")["entities"]
    hit = frame[frame.label == "DATE"]
    assert list(zip(hit["text"], hit["norm"], strict=True)) == expected


def test_a_date_read_from_run_together_digits_is_reported():
    warnings = extract.extract_text("1939723日,夜袭虹桥机场。", "t")["warnings"]
    assert ("compact_date", 0, 8) in list(zip(warnings["kind"], warnings["start"], warnings["end"], strict=True))
