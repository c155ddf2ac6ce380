"""Event rows: voice, side, lists, chains of dates, negation."""

from __future__ import annotations

import pytest

import extract
from tests.conftest import SAMPLE_ERRATA


def events(text: str) -> list[tuple[str, str, str, str]]:
    frame = extract.extract_text(text, "t")["events"]
    return list(zip(frame["date"], frame["event_type"], frame["place"], frame["actor_side"], strict=True))


def test_active_capture_with_list_of_places():
    text = "1944年5月5日,日军第27师团分别攻占漯河和郾城。"
    assert events(text) == [("1944-05-05", "capture", "漯河", "JP"), ("1944-05-05", "capture", "郾城", "JP")]


def test_passive_loss_chain_of_dates():
    text = "1944年4月20日,守军向西撤退。21日荥阳失守,23日密县失守,24日长葛失守。"
    got = [e for e in events(text) if e[1] == "capture"]
    assert got == [("1944-04-21", "capture", "荥阳", "JP"), ("1944-04-23", "capture", "密县", "JP"),
                   ("1944-04-24", "capture", "长葛", "JP")]


def test_chain_keeps_the_actor():
    text = "1944年9月1日,日军第13师团于9月5日攻占祁阳,7日攻占零陵,12日占道县。"
    got = extract.extract_text(text, "t")["events"]
    assert list(got["place"]) == ["祁阳", "零陵", "道县"]
    assert list(got["date"]) == ["1944-09-05", "1944-09-07", "1944-09-12"]
    assert set(got["actor"]) == {"第13师团"} and set(got["actor_side"]) == {"JP"}


def test_defenders_withdraw_and_recapture():
    text = "1944年4月19日,守军第85军全部撤出郑州。6月28日,第72军收复萍乡。"
    assert ("1944-04-19", "withdraw", "郑州", "CN") in events(text)
    assert ("1944-06-28", "recapture", "萍乡", "CN") in events(text)


def test_orders_plans_and_failures_give_no_event():
    text = ("1944年5月14日,华北方面军令第63师团进攻洛阳。守军未能阻止日军攻占洛阳。"
            "日军企图攻占西安。日军计划6月攻占长沙。")
    assert events(text) == []


def test_evidence_offsets(sample_text):
    frame = extract.extract_text(sample_text, "s")["events"]
    assert len(frame) > 20
    for start, end, evidence in frame[["start", "end", "evidence"]].itertuples(index=False):
        assert sample_text[start:end] == evidence
    assert ("1944-04-21", "capture", "荥阳", "JP") in set(
        zip(frame["date"], frame["event_type"], frame["place"], frame["actor_side"], strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The goal before the trigger, and 方向 is not a goal word.
        ("1939年9月22日，日军第6师团向麦市、渣津方向进攻。",
         [("1939-09-22", "attack", "麦市", "JP"), ("1939-09-22", "attack", "渣津", "JP")]),
        # Counties side by side with nothing between are a list that lost its 、 (a province locates a county).
        ("1940年6月，日军相继攻占江陵沙市当阳。",
         [("1940-06", "capture", "江陵", "JP"), ("1940-06", "capture", "沙市", "JP"),
          ("1940-06", "capture", "当阳", "JP")]),
        ("1944年12月2日，日军攻占贵州独山。", [("1944-12-02", "capture", "独山", "JP")]),
        # A chronology line (date——places 开战): the places before the verb are its topic.
        ("1937年9月24日——罗店、刘行等地开战。",
         [("1937-09-24", "attack", "罗店", ""), ("1937-09-24", "attack", "刘行", "")]),
        # The locative before a 把-object: the 的 inside the object is no other verb's.
        ("1951年1月3日，66军在加平以东把伪2师的一个团打垮。", [("1951-01-03", "attack", "加平", "CN")]),
        # 进行战斗: fighting where the locative names.
        ("1937年10月11日，日军与中国守军在娘子关周围地区进行战斗。", [("1937-10-11", "attack", "娘子关", "JP")]),
        # The fallen named as a noun (阵亡将士) are no death told; nor is a withdrawal's way (撤退路线), and
        # a withdrawal that describes the enemy met (南撤之美军) is no withdrawal of the clause.
        ("1950年11月28日，第113师攻占三所里，切断美军第9军向南撤退路线。", [("1950-11-28", "capture", "三所里", "CN")]),
        ("1950年11月30日，第337团在龙源里与南撤之美第2师发生激战。", [("1950-11-30", "attack", "龙源里", "CN")]),
        # A province before its seat (山西省会太原) only locates it; a demand or a refusal is no surrender.
        ("1949年4月24日，我军解放了山西省会太原。", [("1949-04-24", "capture", "太原", "CCP")]),
        ("1936年11月15日，日军猛攻绥东重镇红格尔图。", [("1936-11-15", "attack", "红格尔图", "JP")]),
        ("1949年4月22日，敦促太原守敌放下武器，敌在太原拒不投降。", []),
        ("1985年8月，雨花台、紫金山等处建有阵亡将士墓地。", []),
        # A city's gates are places (由光华门、通济门入城).
        ("1937年12月13日晨，日军第9师团由光华门、通济门攻入城内。",
         [("1937-12-13", "breakthrough", "光华门", "JP"), ("1937-12-13", "breakthrough", "通济门", "JP")]),
        # With no goal place, the place the attack sets out from.
        ("1944年5月27日，第68师团由岳阳地区进攻。", [("1944-05-27", "attack", "岳阳", "JP")]),
        # A passive agent: the place before 被, the side of the unit after it.
        ("1945年5月9日，第116师团第109联队在龙潭附近被第100军包围。", [("1945-05-09", "encircle", "龙潭", "CN")]),
        # A passive with no agent named: the side the sufferer fought acts.
        ("1950年11月30日，美第7师第31团在新兴里被全歼。", [("1950-11-30", "attack", "新兴里", "CN")]),
        ("1948年11月22日，黄百韬兵团在碾庄被歼灭。", [("1948-11-22", "attack", "碾庄", "CCP")]),
        # 援敌 is the narrator's enemy: it gives the place up, the narrator's side takes it.
        ("1945年10月5日，我军发起总攻。援敌当夜放弃磨盘垴阵地。",
         [("1945-10-05", "capture", "磨盘垴", "CCP"), ("1945-10-05", "withdraw", "磨盘垴", "KMT")]),
        # A section under a plan's heading lays out what is to be done (up to the next heading).
        ("1938年5月19日，敌陷菏泽。\n二、作战方针及部署\n（一）第七十四军由民权方面向内黄攻击前进。\n三、战斗经过\n"
         "21日，第七十四军收复内黄。",
         [("1938-05-19", "capture", "菏泽", "JP"), ("1938-05-21", "recapture", "内黄", "CN")]),
        # 遭我: the narrator's side counterattacks.
        ("1939年9月24日，日军在修水以东遭我反击。", [("1939-09-24", "counterattack", "修水", "CN")]),
        # The place left implicit: the city the narrative is about.
        ("1944年4月21日，日军第110师团进至新郑。拂晓开始攻城，8时攻入城内。",
         [("1944-04-21", "attack", "新郑", "JP"), ("1944-04-21", "breakthrough", "新郑", "JP")]),
        # Words of the lexicon for entering, losing and breaking through (窜入, 丢了, 城破, 击破, 会于).
        ("1937年8月23日，第11师团一部窜入罗店。", [("1937-08-23", "capture", "罗店", "JP")]),
        ("1937年10月12日那天原平丢了。", [("1937-10-12", "capture", "原平", "JP")]),
        ("1944年4月30日，日军猛攻许昌，下午4时城破。",
         [("1944-04-30", "attack", "许昌", "JP"), ("1944-04-30", "capture", "许昌", "JP")]),
        ("1948年11月18日，第18军于汝河南岸击破共军阻击。", [("1948-11-18", "breakthrough", "汝河", "KMT")]),
        ("1926年8月29日，第七军由通山北进，与第四军会于咸宁以北。", [("1926-08-29", "link_up", "咸宁", "")]),
        # A date in an aside closed before the trigger is an alternative, not the event's date.
        ("1939年3月20日，日军强渡修水。3月24日（一说25日）吴城陷落。",
         [("1939-03-20", "cross", "修水", "JP"), ("1939-03-24", "capture", "吴城", "JP")]),
        # A memoir's name for the Japanese, and the enemy named by where it stands (X之敌).
        ("1939年12月31日，幸存的鬼子兵退守九塘。", [("1939-12-31", "withdraw", "九塘", "JP")]),
        ("1935年2月25日，红军攻占桐梓，迫使桐梓之敌退守娄山关。",
         [("1935-02-25", "capture", "桐梓", "CCP"), ("1935-02-25", "withdraw", "娄山关", "KMT"),
          ("1935-02-25", "withdraw", "桐梓", "KMT")]),
        # In a 被 clause a halt's actor is the one halted, before 被.
        ("1948年11月20日，李延年兵团被我军阻于浍河以南。", [("1948-11-20", "halt", "浍河", "KMT")]),
        # 停止 + an attack word is a halt, even when ordered.
        ("1939年9月30日，冈村宁次被迫下令停止向长沙进攻。", [("1939-09-30", "halt", "长沙", "JP")]),
        # Aircraft make an attack an air raid; a province before a place only qualifies it.
        ("1945年1月17日，美军第14航空队出动战斗机袭击上海。", [("1945-01-17", "air_raid", "上海", "US")]),
        ("1944年12月2日，日军袭占贵州独山。", [("1944-12-02", "capture", "独山", "JP")]),
        ("1944年1月14日，美军第14航空队空袭台湾的高雄。", [("1944-01-14", "air_raid", "高雄", "US")]),
        ("1944年5月4日，日军战车第3师团突进至洛阳南方的龙门附近。", [("1944-05-04", "attack", "龙门", "JP")]),
        # Words that contain a negation but state what happened.
        ("1944年11月24日，第22师团未经战斗即占领南宁。", [("1944-11-24", "capture", "南宁", "JP")]),
        ("1939年9月23日，第52军依预定计划逐次抵抗后，撤离新墙河南岸阵地。",
         [("1939-09-23", "withdraw", "新墙河", "CN")]),
        # An active verb after the place that opens the clause reads passively.
        ("1943年12月9日，守军收复常德。德山于11日收复。",
         [("1943-12-09", "recapture", "常德", "CN"), ("1943-12-11", "recapture", "德山", "CN")]),
        # Where the action happens; a side word after 与 names the enemy, not the actor.
        ("1943年12月1日，第10军在德山附近与日军激战。", [("1943-12-01", "attack", "德山", "CN")]),
        # A side word after the goal place is the target's; 敌 after a dateline or a date is the actor.
        ("1938年2月4日，我军向台儿庄日军阵地猛扑。", [("1938-02-04", "attack", "台儿庄", "CN")]),
        ("1938年2月4日，第52军集结。【徐州五日电】敌今晨向台儿庄进攻。", [("1938-02-05", "attack", "台儿庄", "JP")]),
        ("1938年2月4日，第52军集结。次日敌向台儿庄进攻。", [("1938-02-05", "attack", "台儿庄", "JP")]),
        ("1938年2月3日，第52军固守台儿庄。同时敌陆战队复向台儿庄进攻。", [("1938-02-03", "attack", "台儿庄", "JP")]),
        # An order received and carried out (奉令撤离) is told as done; an order given (令…撤离) is not.
        ("1938年5月19日，第52军奉令撤离徐州。", [("1938-05-19", "withdraw", "徐州", "CN")]),
        ("1938年5月19日，李宗仁令第52军撤离徐州。", []),
        ("1946年9月6日，第2纵队在刘伯承的号令下全线追击，拿下大黄集。", [("1946-09-06", "capture", "大黄集", "CCP")]),
        ("1951年5月31日，志愿军司令部急命第15军迅速占领朴达峰。", []),
        # A surname and 部 opening the clause: the troops of the commander told before (张部, after 张自忠).
        ("1940年5月14日，張自忠赴前線督戰，日軍猛攻方家集。16日晨，張部進至罐子口與日軍展開激戰。",
         [("1940-05-14", "attack", "方家集", "JP"), ("1940-05-16", "attack", "罐子口", "CN")]),
        ("1930年9月6日，蒋介石悬赏先占领巩县者赏洋20万元。", []),
        ("1926年10月22日，闻已定于下月一日各军同时对南浔路总攻。", []),
        ("1926年9月23日，此间总部否认南昌失守。", []),  # a report denied
        # The place a dispatch was sent from (○汉口电) is where the news came from.
        ("民国十五年十一月二日，战事再起。\n○汉口电　三日　各军本日拂晓开始总攻。", []),
        # Days of one month listed together: the action starts on the first; two dated actions stay two.
        ("1938年5月21日，日军集结。第14师团于5月22日、23日先后占领罗王车站、罗王寨。",
         [("1938-05-22", "capture", "罗王车站", "JP"), ("1938-05-22", "capture", "罗王寨", "JP")]),
        # Only the place set out from, not the route (沿洞庭湖西岸).
        ("1943年11月2日，第3师团由华容沿洞庭湖西岸进犯。", [("1943-11-02", "attack", "华容", "JP")]),
        # Air support does not make a ground attack an air raid.
        ("1944年8月4日，日军第68师团进至衡阳城下。在第1飞行团支援下，发动第3次攻击。",
         [("1944-08-04", "attack", "衡阳", "JP")]),
        # A direction is no goal: the place is the one the narrative is about.
        ("1943年12月2日，余程万守常德。当夜，率残部向南突围。", [("1943-12-02", "withdraw", "常德", "CN")]),
        # The county town (总攻县城) and a goal opening with the town's word (对城中心…轰炸) are the town of the
        # narrative.
        ("1944年8月1日，远征军进逼腾冲城。8月2日总攻县城时，远征军发现城墙难啃。",
         [("1944-08-01", "attack", "腾冲", "CN"), ("1944-08-02", "attack", "腾冲", "CN")]),
        ("1944年8月12日，远征军进逼腾冲城。8月13日，美军18架战机对城中心堡垒群俯冲轰炸。",
         [("1944-08-12", "attack", "腾冲", "CN"), ("1944-08-13", "air_raid", "腾冲", "US")]),
        # A link-up is at the place nearest before the trigger.
        ("1944年12月10日，第21师团与第22师团在扶绥南之绥渌会合。", [("1944-12-10", "link_up", "绥渌", "JP")]),
    ],
)
def test_constructions(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1944年7月2日，当日军进攻衡阳时，守军顽强抵抗。",  # a time clause recalls the attack as background
        "1944年5月25日，薛岳发觉日军有进攻长沙企图。",  # an intention
        "1944年5月27日，日军选择其海军在对马海峡战胜沙俄海军的5月27日(日本海军节)发动进攻。",
        "1942年7月1日，日军占领浙赣铁路沿线期间，大肆破坏。",  # a time frame, not an event
        "1942年6月，日军攻占金华、兰溪之后，继续西进。",  # a reference back
        "1942年4月18日，杜立特率领16架B-25轰炸机起飞。",  # 轰炸 inside 轰炸机
        "1942年4月，中国东南的机场可能成为美军轰炸日本本土的跳板。",  # a possibility
        "1943年11月25日，美军正在太平洋节节进攻。",  # a sea is no place of one action
        "1944年9月14日，中国军队阵亡及被俘9万余人。",  # nor is a country
        "1932年2月20日，第61师在江湾坚守不退。",  # the holder stayed: no withdrawal
        "1945年9月24日，我军主力隐蔽集结，便于在运动中歼灭屯留之敌。",  # a purpose
        # A quotation said, intended or claimed: 说/是/云 right before it, or an order word before it.
        "1944年3月10日，派遣军制订计划。其作战目的是：“击败敌军，占领衡阳。”",
        "1924年10月18日，吴佩孚致电洛阳云：“连日血战，我军已将石门寨夺回。”",
        "1949年7月10日，连长说：“明天拂晓，咱们拿下罗局镇。”",
        "1945年8月21日，芷江也因此被叫作“受降城”。",  # a term in quotes names no action
        "1927年8月，北伐军在龙潭、栖霞山地区对孙传芳部进行的反攻战役。",  # the campaign defined, no action told
    ],
)
def test_background_and_intentions_give_no_event(text):
    assert events(text) == []


SAMPLE_EVENTS = [
    ("1944-04-19", "capture", "郑州", "JP"), ("1944-04-19", "withdraw", "郑州", "CN"),
    ("1944-04-21", "breakthrough", "新郑", "JP"), ("1944-04-21", "capture", "新郑", "JP"),
    ("1944-04-21", "capture", "荥阳", "JP"), ("1944-05-01", "capture", "许昌", "JP"),
    ("1944-05-05", "capture", "漯河", "JP"), ("1944-05-05", "capture", "郾城", "JP"),
    ("1944-05-25", "capture", "洛阳", "JP"), ("1944-06-18", "capture", "长沙", "JP"),
    ("1944-06-28", "recapture", "萍乡", "CN"), ("1944-08-08", "surrender", "衡阳", "CN"),
    ("1944-09-05", "capture", "祁阳", "JP"), ("1944-11-10", "capture", "桂林", "JP"),
    ("1944-11-10", "capture", "柳州", "JP"), ("1944-11-24", "capture", "南宁", "JP"),
    ("1944-12-10", "link_up", "绥渌", "JP"),
]


@pytest.fixture(scope="module")
def sample_events(sample_text):
    return extract.extract_text(sample_text, "yu_xiang_gui_1944", errata=SAMPLE_ERRATA)["events"]


@pytest.mark.parametrize("row", SAMPLE_EVENTS)
def test_sample_events(sample_events, row):
    got = set(zip(sample_events["date"], sample_events["event_type"], sample_events["place"],
                  sample_events["actor_side"], strict=True))
    assert row in got


def test_sample_breakthrough_has_its_clock_time(sample_events):
    hit = sample_events[(sample_events.event_type == "breakthrough") & (sample_events.place == "新郑")]
    assert list(hit["time"]) == ["08:00"] and list(hit["trigger"]) == ["攻入"]


def test_giving_up_a_place_is_a_withdrawal_and_its_capture_by_the_other_side():
    text = "1944年6月18日,守军第4军军长张德能放弃长沙。"
    frame = extract.extract_text(text, "t")["events"]
    assert sorted(zip(frame["event_type"], frame["place"], frame["actor_side"], frame["actor"], strict=True)) == [
        ("capture", "长沙", "JP", ""), ("withdraw", "长沙", "CN", "第4军")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1938年6月中旬，日军向郑州的进攻被迫停止。", [("1938-06", "halt", "郑州", "JP")]),
        ("1938年10月25日，日军第6师团进入汉口。", [("1938-10-25", "capture", "汉口", "JP")]),
        ("1938年10月27日，汉阳也落入敌手。", [("1938-10-27", "capture", "汉阳", "JP")]),
        ("1937年8月23日，日军窜入罗店。次日，守军将该镇夺回。",
         [("1937-08-23", "capture", "罗店", "JP"), ("1937-08-24", "recapture", "罗店", "CN")]),
        ("1945年3月27日，骑兵第4旅团于拂晓突入老河口机场并将其占领。",
         [("1945-03-27", "breakthrough", "老河口机场", "JP"), ("1945-03-27", "capture", "老河口机场", "JP")]),
        ("1937年12月，日军把华北与华中的占领区连成一片。", []),
        ("1942年1月6日，第6师团在福临铺一带陷入包围。", [("1942-01-06", "encircle", "福临铺", "CN")]),
        ("1944年9月上旬，日军第33军向龙陵反扑。", [("1944-09", "counterattack", "龙陵", "JP")]),
        # A recapture with nobody named is the narrator's, not the chain of the enemy's actions.
        ("1944年9月14日，日军第148联队全部被歼。腾冲光复。", [("1944-09-14", "recapture", "腾冲", "CN")]),
        ("1944年5月17日，新30师进至密支那。次日起，各部连续向市区猛攻。",
         [("1944-05-18", "attack", "密支那", "CN")]),
        ("1941年12月31日，第3师团先头部队越过捞刀河。", [("1941-12-31", "cross", "捞刀河", "JP")]),
        ("1943年11月18日，第116师团主力越过太浮山。", []),  # over a mountain: no river crossing
        ("1942年1月2日，岳麓山上的炮兵隔江轰击突入之敌。", []),  # 突入之敌 describes the enemy
        ("1937年10月15日，第9军在忻口痛击来犯之敌。", [("1937-10-15", "attack", "忻口", "CN")]),
        ("1938年3月17日，王铭章在滕县壮烈捐躯。", [("1938-03-17", "death", "滕县", "CN")]),
        ("1944年12月16日，我軍復克南丹。", [("1944-12-16", "recapture", "南丹", "CN")]),
        ("1944年9月14日，全州陷敵。", [("1944-09-14", "capture", "全州", "JP")]),  # fell to the enemy
        ("1948年10月9日，我军涉过小凌河。", [("1948-10-09", "cross", "小凌河", "CCP")]),
        ("1951年2月17日，志愿军东线各军在原州以北停止了反击。", [("1951-02-17", "halt", "原州", "CN")]),
        # A country before 被 is a side word's; the place after 包围在 is the encirclement's; 山沟里 is no place.
        ("1951年2月12日，南朝鲜军第8师被我包围在广滩里、鹤谷里之间的山沟里。",
         [("1951-02-12", "encircle", "广滩里", "CN"), ("1951-02-12", "encircle", "鹤谷里", "CN")]),
        # 后退|至: a listed trigger straddling a word is read unless the word is listed as holding none.
        ("1947年5月13日，敌惧歼后退至重山。", [("1947-05-13", "withdraw", "重山", "KMT")]),
        ("1951年2月13日，第356团一度攻上望美山。", [("1951-02-13", "capture", "望美山", "CN")]),
        ("1952年10月14日夜，第45师一部抢下597.9高地。", [("1952-10-14", "capture", "597.9高地", "CN")]),
        ("1940年5月16日，张自忠战死于南瓜店。当夜，第38师终将其遗骸夺回。",
         [("1940-05-16", "death", "南瓜店", "CN")]),  # a body is recovered, not a place
        ("1940年6月，日军取得了空袭重庆的前进机场。", []),  # the raid qualifies the airfield
        ("1940年6月12日，日军原定在破坏城内设施后撤回汉水以东。", []),  # a plan
        ("1940年6月17日，日军第13师团重新占领宜昌。", [("1940-06-17", "recapture", "宜昌", "JP")]),
        ("1943年11月22日，日军完成对常德的包围。", [("1943-11-22", "encircle", "常德", "JP")]),
        ("1937年11月13日，第16师团在长江南岸的白茆口登陆。", [("1937-11-13", "attack", "白茆口", "JP")]),
        # An order is no event, but a clause dated after it reports what happened.
        ("1937年11月8日，第3战区下令各部反击青浦；翌晨，松江失守。", [("1937-11-09", "capture", "松江", "JP")]),
        # Who gives a place up is the holder: here nobody is named, so the narrator's side.
        ("1937年10月26日，日军猛攻大场。当夜，各部奉命放弃闸北。",
         [("1937-10-26", "attack", "大场", "JP"), ("1937-10-26", "capture", "闸北", "JP"),
          ("1937-10-26", "withdraw", "闸北", "CN")]),
        ("1938年10月21日广州失守，武汉陷于南北受敌之势。", [("1938-10-21", "capture", "广州", "JP")]),
    ],
)
def test_more_constructions(text, expected):
    assert events(text) == expected


def test_death_by_a_mine():
    text = "1942年5月28日，第15师团师团长酒井直次率部行进至兰溪附近，触发地雷，当场毙命。"
    assert events(text) == [("1942-05-28", "death", "兰溪", "JP")]


@pytest.mark.parametrize(("text", "row"), [
    ("1940年8月20日，第129师破击正太铁路。", ("1940-08-20", "attack", "正太铁路")),
    ("1937年9月25日，第115师在平型关伏击日军。", ("1937-09-25", "attack", "平型关")),
    ("1942年5月1日，日军扫荡冀中。", ("1942-05-01", "attack", "冀中")),
    ("1948年11月8日，第59军在台儿庄投诚。", ("1948-11-08", "surrender", "台儿庄")),
    ("1948年11月22日，解放军在碾庄围歼黄百韬兵团。", ("1948-11-22", "encircle", "碾庄")),
    # A memoir's words for taking, laying down arms and meeting up.
    ("1949年7月11日，60军当天就打下了武功。", ("1949-07-11", "capture", "武功")),
    ("1949年7月12日，午井镇南边的敌人全缴了枪。", ("1949-07-12", "surrender", "午井镇")),
    ("1949年7月12日，我们跟18兵团的部队在午井镇碰了头。", ("1949-07-12", "link_up", "午井镇")),
    # The topic before 解放 past an adverb (已经 holds no 经 of a route) or after 那天.
    ("1949年5月23日，宝鸡已经解放了。", ("1949-05-23", "capture", "宝鸡")),
    ("1949年7月12日，部队过河。那天眉县也解放了。", ("1949-07-12", "capture", "眉县")),
    # An air raid's place is where the aircraft flew to, earlier in the sentence.
    ("1933年12月19日，中央飞机三架复飞延平投弹。", ("1933-12-19", "air_raid", "延平")),
    ("1933年12月23日，飞机两架飞临漳州，在机场投弹数枚。", ("1933-12-23", "air_raid", "漳州")),
    # A dispatch's one-character yesterday dates the capture.
    ("【闽清十二日电】1934年1月12日电，第三师昨克闽清。", ("1934-01-11", "capture", "闽清")),
    # A battle report quoted as the source narrates: its actions are rows.
    ("12月13日，“整十一师之一一八旅攻占李圩、高圩子，六十旅攻占嶂山镇”。[4]", ("XXXX-12-13", "capture", "嶂山镇")),
    # Surrounded: the place named before the verb with 将.
    ("1937年1月下旬，马家军将倪家营子团团围住。", ("1937-01", "encircle", "倪家营子")),
    # Taken again: an adverb of doing again before a capture word makes it a recapture.
    ("1948年4月21日，延安又回到人民手中。", ("1948-04-21", "recapture", "延安")),
    ("1940年2月3日，第5师团重新攻占昆仑关。", ("1940-02-03", "recapture", "昆仑关")),
    ("1938年5月20日，我军一部重入蒙城。", ("1938-05-20", "recapture", "蒙城")),  # 重: again
    ("1935年2月28日，红军翌晨占领老城，再占遵义。", ("1935-03-01", "recapture", "遵义")),  # 再: again
    ("1940年2月13日，敌复入宾阳。", ("1940-02-13", "recapture", "宾阳")),
    # A raid named by when or how it struck, places taken one after another (the 克 frame), a place destroyed.
    ("1939年7月23日，江抗第二支队夜袭虹桥机场。", ("1939-07-23", "attack", "虹桥机场")),
    ("1916年1月，护国军连克安边镇、柏溪镇。", ("1916-01", "capture", "柏溪镇")),
    ("1938年6月19日，抗联一路摧毁了阳岔。", ("1938-06-19", "attack", "阳岔")),
    # 向X投降 names whom they gave in to: the place is the locative.
    ("1938年6月20日，程斌在本溪县境率第1师向伪通化省警务厅投降。", ("1938-06-20", "surrender", "本溪")),
    # A chronicle's words: 遁 to flee, 迎降 to give in; 天堡城 is the fort 天保城.
    ("1950年10月10日，我军逼近江达，守敌闻风先遁。", ("1950-10-10", "withdraw", "江达")),
    ("1911年11月24日，淞军潜登乌龙山，台兵开垒迎降。", ("1911-11-24", "surrender", "乌龙山")),
    ("1911年11月25日，淞军袭幕府山，台兵亦举白帜来降。", ("1911-11-25", "surrender", "幕府山")),
    ("1911年12月1日，联军围天保城，守敌力竭乞降。", ("1911-12-01", "surrender", "天保城")),
    ("1911年11月27日，浙军仰攻天堡城。", ("1911-11-27", "attack", "天保城")),
])
def test_verbs_of_other_eras_state_events(text, row):
    events = extract.extract_text(text, "t")["events"]
    assert row in [tuple(r) for r in events[["date", "event_type", "place"]].values]


@pytest.mark.parametrize(("text", "row"), [
    # A gloss of the modern name is the same place: one row, named as today unless only an ending is added.
    ("1949年4月27日，东集团与中集团的先头部队在吴兴（今湖州）会师。", [("1949-04-27", "link_up", "湖州", "CCP")]),
    ("1942年5月10日，日军冲入腾冲县城(今腾冲市)。", [("1942-05-10", "breakthrough", "腾冲", "JP")]),
    # The army of a rising acts for the Communist side in the civil wars.
    ("1927年8月1日，南昌起义爆发，起义军攻占南昌。", [("1927-08-01", "capture", "南昌", "CCP")]),
    # A side word after the goal word is the target's (对…日军); 朝 of 南朝鲜 is no goal word.
    ("1940年10月30日，八路军集结近两万人，对占领关家垴的日军进行围攻。", [("1940-10-30", "encircle", "关家垴", "CN")]),
    ("1952年10月31日，志愿军夺回597.9高地。第二天又打退了南朝鲜军十几次反扑。",
     [("1952-10-31", "recapture", "597.9高地", "CN"), ("1952-11-01", "counterattack", "597.9高地", "ALLIED")]),
    # Who saw it is no actor: the unit seen withdrawing is.
    ("1947年5月14日，华东野战军发现整编74师向垛庄南撤。", [("1947-05-14", "withdraw", "垛庄", "KMT")]),
    # An attack named as a noun and beaten off where the clause says: the attacker's row there.
    ("1939年8月3日，新四军在八土桥粉碎了日伪军的数路进攻。", [("1939-08-03", "attack", "八土桥", "JP")]),
    # A place near which another lies locates it: the action is at the second.
    ("1939年8月3日，新四军第一支队在镇江附近下蜀车站袭击日军。", [("1939-08-03", "attack", "下蜀车站", "CN")]),
    # A county and a place in it written together (都匀茅草坪): the action is at the smaller place.
    ("1944年12月3日，日寇进犯都匀茅草坪。", [("1944-12-03", "attack", "茅草坪", "JP")]),
    # Three days later is counted from the running date.
    ("1936年11月18日，红9军撤出古浪。三天后，骑兵师一部占领山丹。",
     [("1936-11-18", "withdraw", "古浪", "CCP"), ("1936-11-21", "capture", "山丹", "CCP")]),
    # 牺牲 is said of the narrator's own dead; two killed at one place on one day are two deaths.
    ("1936年11月16日，马家军突入古浪城内。陈伯稚在古浪壮烈牺牲，杨克明也在古浪牺牲。",
     [("1936-11-16", "breakthrough", "古浪", "KMT"), ("1936-11-16", "death", "古浪", "CCP"),
      ("1936-11-16", "death", "古浪", "CCP")]),
])
def test_glosses_and_seen_actions(text, row):
    assert events(text) == row


@pytest.mark.parametrize(("text", "absent"), [
    ("1927年8月5日，起义军进抵抚州。", ("surrender", "抚州")),  # the uprising's army named: nobody goes over
    ("1951年2月15日，砥平里怎么就没打下来？", ("capture", "砥平里")),  # a memoir's negation
    ("1949年6月，部队都是打过太原、打过平津的。", ("attack", "太原")),  # a past experience recalled
    ("1949年7月12日，在罗局镇喊了几声缴枪不杀。", ("surrender", "罗局镇")),  # a slogan shouted
    ("1949年9月27日，为攻下芷江，部队连夜集结。", ("capture", "芷江")),  # a clause that is its purpose
    ("1938年6月20日，程斌向伪通化省警务厅投降。", ("surrender", "通化")),  # whom they surrendered to is no place
    ("1936年11月13日，红9军进入古浪。古浪易攻难守。", ("attack", "古浪")),  # a saying about the place
    ("1948年4月26日，第3纵队在吴庄镇追击逃敌。", ("withdraw", "吴庄镇")),  # the enemy named by its flight
    ("1936年10月，红军西进。\n第一单元　西渡黄河\n10月24日，红30军在虎豹口集结。", ("cross", "黄河")),  # a heading
    # A news headline right before a dispatch's dateline says what the dispatch says.
    ("1948年3月7日，我军发起攻击。\n\n我军控制临汾机场\n\n【新华社晋南前线十三日电】敌机场守军逃散。",
     ("capture", "临汾机场")),
    ("1947年2月20日，为尔后在山东战场粉碎国民党军的重点进攻创造了条件。", ("attack", "山东")),  # a purpose
    ("1946年7月10日，国民党军将于三四日内进犯：整编第49师北犯如皋。", ("attack", "如皋")),  # expected, not done
    ("1937年3月，西路军在古浪战斗。他们的忠诚和牺牲，人民不会忘记。", ("death", "古浪")),  # the sacrifice, a noun
    ("1937年3月12日，红军战士在梨园口发扬牺牲精神，坚守阵地。", ("death", "梨园口")),  # the spirit of it
])
def test_no_row_for_names_and_negations(text, absent):
    assert absent not in [(e[1], e[2]) for e in events(text)]


def test_a_headline_opens_no_plan():
    """胡宗南空运匪部计划破产 heads one dispatch: what the dispatch tells happened (计划 is the enemy's, foiled)."""
    text = ("1948年3月7日，我军发起攻击。\n\n胡宗南空运匪部计划破产\n\n【新华社晋南前线十三日电】"
            "十一日晨我军占领东赵。")
    assert ("capture", "东赵") in [(e[1], e[2]) for e in events(text)]


def test_a_long_chain_opening_the_sentence_is_its_subject():
    """太岳纵队第386旅第20团 (13 characters) opens the sentence: its side, not the side named last."""
    text = ("1945年10月3日，敌向磨盘垴我军阵地反扑，被我击退。4日下午，太岳纵队第386旅第20团在团长楚大明率领下，"
            "沿山路向北急进，徒涉浊漳河。")
    assert ("1945-10-04", "cross", "浊漳河", "CCP") in events(text)
