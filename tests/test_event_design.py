"""The events stage by part: frames, slots, scopes and filters, rows (one case a line).

Each case is a short text of our own and the fact the stage must compute from it; removing the
rule a line names makes that line fail.
"""

from __future__ import annotations

import pytest

import extract
from extract.batch import document_tables
from extract.tables import EXPLAIN_COLUMNS


def rows(text: str) -> list[tuple[str, str, str, str, str]]:
    """(date, event_type, place, actor_side, rule) of every event row."""
    frame = extract.extract_text(text, "t")["events"]
    return list(zip(frame["date"], frame["event_type"], frame["place"], frame["actor_side"], frame["rule"],
                    strict=True))


def outcomes(text: str) -> list[tuple[str, str]]:
    """(trigger, outcome) of every trigger candidate, from the explain table."""
    rows = document_tables(text, "t", explain=True)["explain"]
    trigger, outcome = EXPLAIN_COLUMNS.index("trigger"), EXPLAIN_COLUMNS.index("outcome")
    return [(r[trigger], r[outcome]) for r in rows]


# -- frames: a verb nobody listed is read by its action morpheme ---------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("1940年9月25日，第385旅连克榆社。", ("1940-09-25", "capture", "榆社", "CN", "frame:克/object/clause")),
    ("1944年6月1日，第10军再攻衡阳。", ("1944-06-01", "attack", "衡阳", "CN", "frame:攻/object/clause")),
    ("1944年6月1日，日军自长沙南逃。", ("1944-06-01", "withdraw", "长沙", "JP", "frame:逃/origin/side_word")),
    ("1944年6月1日，日军残部向衡阳溃逃。", ("1944-06-01", "withdraw", "衡阳", "JP", "frame:逃/goal/side_word")),
    ("1944年6月1日，日军攻占衡阳。", ("1944-06-01", "capture", "衡阳", "JP", "lexicon/object/side_word")),
    # Listed compounds whose morpheme alone says too little (逼进, 打进, 狂轰滥炸).
    ("1943年11月23日，日军向常德城逼进。", ("1943-11-23", "attack", "常德", "JP", "lexicon/goal/side_word")),
    ("1926年8月19日，叶挺独立团打进了平江城。", ("1926-08-19", "breakthrough", "平江", "", "lexicon/object/clause")),
    ("1943年11月24日，日军对常德城狂轰滥炸。", ("1943-11-24", "air_raid", "常德", "JP", "lexicon/goal/side_word")),
    ("1947年8月2日，我军在白水街堵截敌军。", ("1947-08-02", "attack", "白水街", "CCP", "lexicon/locative/side_word")),
    ("1924年9月10日，直军与浙军交绥于宜兴。", ("1924-09-10", "attack", "宜兴", "", "lexicon/object/clause")),
    # A name nobody listed between a goal word and an action word is the goal (向湖尾反击).
    ("1949年10月26日，第118师向湖尾反击。", ("1949-10-26", "counterattack", "湖尾", "CCP", "lexicon/goal/clause")),
    # A memoir's 打, 夺 and 炸, alone, with a place in a slot their frame allows.
    ("1937年10月1日，敌人开始打原平。", ("1937-10-01", "attack", "原平", "JP", "frame:打/object/side_word")),
    ("1926年8月30日，独立团连夺汀泗桥、贺胜桥。", ("1926-08-30", "capture", "贺胜桥", "", "frame:夺/object/clause")),
    ("1945年4月28日，美军飞机天天炸衡阳。", ("1945-04-28", "air_raid", "衡阳", "US", "frame:炸/object/side_word")),
    # 击退 is the subject's attack, not its withdrawal (击 outranks 退, and the word is listed).
    ("1946年4月18日，新30师于泉头以北击退敌之前哨。",
     ("1946-04-18", "attack", "泉头", "KMT", "lexicon/locative/clause")),
    # Round 7's words: 解放 with its object, 进据, 截住, a bombardment with 轰.
    ("1950年4月23日，解放军解放海口。", ("1950-04-23", "capture", "海口", "CCP", "lexicon/object/clause")),
    ("1948年12月24日，张家口宣告解放。", ("1948-12-24", "capture", "张家口", "", "lexicon/topic/none")),
    ("1916年2月7日，北洋军进据叙州。", ("1916-02-07", "capture", "叙州", "", "lexicon/object/clause")),
    ("1945年5月25日，第74军在武冈截住日军。", ("1945-05-25", "attack", "武冈", "CN", "lexicon/locative/clause")),
    ("1944年6月1日，我军炮兵猛轰松山。", ("1944-06-01", "attack", "松山", "CN", "frame:轰/object/side_word")),
    # Round 9's frames and words: 入 (entering a place taken), 战 where it happened, 冲 at a goal,
    # a death told with 牺牲, a flight with 败走, and the memoir's 敌人 as a side word.
    ("1926年7月11日，第八军入长沙。", ("1926-07-11", "capture", "长沙", "", "frame:入/object/clause")),
    ("1924年10月28日，吴军与国民军战于杨村。", ("1924-10-28", "attack", "杨村", "", "frame:战/object/clause")),
    ("1939年12月18日，炮一停，我们团就往昆仑关方向冲。",
     ("1939-12-18", "attack", "昆仑关", "CN", "frame:冲/goal/side_word")),
    ("1935年2月27日，红3军团参谋长邓萍在遵义城下中弹牺牲。",
     ("1935-02-27", "death", "遵义", "CCP", "lexicon/locative/dead")),
    ("1916年2月4日，北洋军在纳溪败走。", ("1916-02-04", "withdraw", "纳溪", "", "lexicon/locative/clause")),
    ("1937年10月26日，敌人顺着正太路往太原打。", ("1937-10-26", "attack", "太原", "JP", "frame:打/goal/side_word")),
    ("1945年8月13日，关东军已向沈阳收缩。", ("1945-08-13", "withdraw", "沈阳", "JP", "lexicon/goal/clause")),
    ("1945年8月19日，苏军今日空降沈阳。", ("1945-08-19", "attack", "沈阳", "ALLIED", "lexicon/object/side_word")),
    ("1920年7月14日，直皖两军在涿州一带开战。", ("1920-07-14", "attack", "涿州", "", "lexicon/locative/none")),
    ("1922年4月28日拂晓，静海、马厂、良王庄均有接触。", ("1922-04-28", "attack", "良王庄", "", "lexicon/topic/none")),
    ("1950年4月23日，我军未遇抵抗即占领了海口。", ("1950-04-23", "capture", "海口", "CCP", "lexicon/object/side_word")),
    # A side word that owns a position or fire (“联合国军”阵地, 敌人的炮火) is the target, not the actor.
    ("1950年12月31日，中朝联军沿临津江一带的“联合国军”阵地发起猛烈进攻。",
     ("1950-12-31", "attack", "临津江", "CN", "lexicon/goal/side_word")),
    ("1950年12月31日，志愿军第39军冒着敌人的猛烈炮火突破临津江。",
     ("1950-12-31", "breakthrough", "临津江", "CN", "lexicon/object/clause")),
    # X为Y所占: the place before 为, taken by the one between 为 and 所 (a listed word, aligned with 所|占).
    ("1933年3月12日，古北口遂为日军第8师团所占。", ("1933-03-12", "capture", "古北口", "JP", "lexicon/subject/clause")),
    ("1947年5月20日，怀德为2纵所克。", ("1947-05-20", "capture", "怀德", "CCP", "lexicon/subject/clause")),
    # A side word before a qualified position (守军核心阵地) is the target's, not the actor's.
    ("1947年6月24日，6纵主力向四平路东守军核心阵地发起攻击。",
     ("1947-06-24", "attack", "四平", "CCP", "lexicon/goal/clause")),
    # Traditional characters: the morpheme is read in the simplified view (圍 is 围, 殲 is 歼).
    ("民國三十七年六月二十九日，第七十二師被圍於鐵佛寺。",
     ("1948-06-29", "encircle", "铁佛寺", "CCP", "frame:围/locative_after/opposite")),
    ("民國三十七年十一月二十二日，匪全殲守軍於碾莊。",
     ("1948-11-22", "attack", "碾庄", "CCP", "frame:歼/object/side_word")),
])
def test_a_frame_reads_the_trigger(text, expected):
    assert expected in rows(text)


@pytest.mark.parametrize("text", [
    "1944年6月1日，第10军克服困难，坚守衡阳。",     # 克服: not_action
    "1944年6月1日，第10军撤销番号，移驻衡阳。",     # 撤销: not_action
    "1944年6月1日，日军在衡阳以北连攻不克。",      # 不克: a not-marker compound
    "1941年5月10日，第15军一部在王屋山里打游击。",  # 打游击: not_action
    "1944年6月1日，第10军打开衡阳西门。",          # 打开: not_action
    "1944年6月1日，日军追着我们炸。",              # 炸 alone with no place in its object or goal slot
    "1950年12月31日，志愿军在三八线以北集结，气温骤降。",  # 骤降: not_action
    "1920年7月17日，直军进至保定，不料枪声突起。",       # 突起: not_action
    "1933年3月13日，第25师守南天门，其地易守难攻。",     # 难攻: describes the ground
    "1938年10月21日，第109师团加入晋东方面作战。",       # 加入, 作战: joining, fighting in general
    "1934年11月23日，白崇禧担心红军深入广西腹地。",      # 深入: entering takes nothing
    "1944年6月1日，第10军追击日军至衡阳。",              # 追击: a pursuit is no attack row
    "1938年4月3日，第31师在台儿庄是夜分组出击。",        # 出击: read three ways by the gold: no row
    "1949年1月31日，华北大部地区获得解放。",              # 获得解放: a region's outcome, no capture
    "1944年9月7日，敌守备队长中迫擊砲彈毙命。",            # 迫击: the mortar (迫击炮), no attack
])
def test_a_word_with_a_morpheme_that_states_no_action_gives_no_frame_row(text):
    assert [r for r in rows(text) if r[4].startswith("frame")] == []


@pytest.mark.parametrize("text", [
    "1947年7月11日，我军到达庙底。夜，各部队进入阵地。",  # 进入 only with a place as its object
    "1920年1月17日，吴佩孚在衡阳通电请求从湘南撤防。",    # 请求: what is asked for is not yet done
    "1933年5月31日，塘沽协定签订，规定中国军队撤至延庆、昌平一线以西。",  # 规定: stipulated, not done
    "1941年1月4日，延安指示新四军往苏南撤。",  # 指示: an instruction, not yet done
])
def test_a_deployment_or_a_request_gives_no_row(text):
    assert [r for r in rows(text) if r[1] in ("capture", "withdraw")] == []


@pytest.mark.parametrize("text", [
    "1937年9月25日，第686团进至关沟，伺机侧击。",  # 伺机: to strike when the chance comes, not yet done
    "1937年9月25日，第686团在关沟待命，相机进击平型关。",  # 相机: the same
])
def test_a_strike_held_for_its_chance_gives_no_row(text):
    assert rows(text) == []


@pytest.mark.parametrize("text", [
    "1941年3月17日，日军向上高推进。",    # an advance toward a place is no attack told
    "1937年11月5日，日军向松江推進。",
])
def test_an_advance_gives_no_row(text):
    assert rows(text) == []


# -- slots: where the place stands ------------------------------------------------------------
@pytest.mark.parametrize(("text", "place", "slot"), [
    ("1944年6月1日，日军攻占衡阳。", "衡阳", "object"),
    ("1944年6月1日，日军向衡阳进攻。", "衡阳", "goal"),
    ("1944年6月1日，日军由岳阳进攻。", "岳阳", "origin"),
    ("1944年6月1日，第10军在衡阳激战。", "衡阳", "locative"),
    ("1944年6月1日，衡阳于2日收复。", "衡阳", "topic"),
    ("1944年6月1日，衡阳失守。", "衡阳", "subject"),
    ("1944年6月1日，两军在衡阳会师。", "衡阳", "near"),
    ("1944年6月1日，第10军在衡阳被日军包围。", "衡阳", "agent"),
    ("1944年6月1日，日军进至衡阳城郊。2日，开始攻城。", "衡阳", "implicit"),
    ("1950年11月28日，美第2师从军隅里、价川南撤。", "价川", "origin"),
    ("1935年2月26日，红军控制了二郎滩渡口。", "二郎滩", "object"),
    # 渡江 says only "the river": the river named last (the place after it belongs to the next verb).
    ("1926年8月30日，吴佩孚退至长江北岸，旋渡江走汉口。", "长江", "river"),
    # 攻城 in a new paragraph: the town of the last event told (the paragraph's focus has none yet).
    ("1944年11月4日，日军进攻桂林。\n\n11月9日拂晓，日军开始攻城。", "桂林", "town"),
    # A general assault is on the town besieged, not on the hill the paragraph last told of.
    ("1944年6月28日，日军进攻衡阳。\n\n7月1日，日军攻占岳麓山。2日，日军休整。3日，日军补充弹药。4日，守军整顿。"
     "7月11日，日军发动第二次总攻。", "衡阳", "town"),
    # A crossing's other place: where it was crossed (在X), beside the river.
    ("1943年5月19日，第39师团主力在宜昌附近南渡长江。", "宜昌", "also"),
    # A goal that is a unit leaves the place to the locative before it.
    ("1942年3月28日，新22师在南阳车站一带向日军发起攻击。", "南阳车站", "locative"),
    # 在X以北的…阵地上: the 的 of a locator does not move the place to another verb.
    ("1942年4月21日，新38师在仁安羌以北的掩护阵地上与日军激战。", "仁安羌", "locative"),
    # 被…阻于X, 被围于X: the place after the verb's 于.
    ("1948年11月20日，李延年兵团被我军阻于浍河以南。", "浍河", "locative_after"),
    ("1951年5月26日，第180师被围于鹰峰以南的驾德山地区。", "驾德山", "locative_after"),
    ("1951年2月9日，美第2师第23团被第42军阻击于批手里以北。", "批手里", "locative_after"),
    ("1944年6月1日，日军攻占衡阳。2日，日军休整。3日，日军补充弹药。4日，守军整顿。5日，第10军组织反击。", "衡阳",
     "focus"),
    # A bare 渡江 with no river named: the crossing points are its places; with a river, they are beside it.
    ("1927年8月25日夜，孙军分由划子口、大河口渡江。", "大河口", "origin"),
    # 往 is the colloquial goal word; a country after the verb (a unit's side word) leaves the locative.
    ("1950年12月1日，陆战5团开始往下碣隅里撤。", "下碣隅里", "goal"),
    ("1951年4月23日，第40军第118师在加平以北突破南朝鲜军第6师的防线。", "加平", "locative"),
    # A withdrawal's other places: where it set out from, and the place its troops held (守敌, 之敌, 驻X).
    ("1950年11月29日，美第2师从军隅里向安州方向突围。", "军隅里", "also"),
    ("1948年12月5日，唐山守敌第87军弃城撤往塘沽。", "唐山", "holder"),  # 弃城: the town its troops held
    ("1948年12月5日，芦台之敌第86军逃往天津。", "芦台", "also"),
    # With no other place, the one the troops held; 经 is where the withdrawal passed (no goal place named).
    ("1937年11月12日，驻南市的守军撤出。", "南市", "holder"),
    ("1940年11月15日，日军经钦州退往海上。", "钦州", "origin"),
    # An air raid with no place of its own: the place whose sky the aircraft are in.
    ("1924年10月13日，奉军飞机三架飞临秦皇岛上空投弹。", "秦皇岛", "airspace"),
    ("1920年7月16日，今晨敌机一架飞临保定上空，掷弹二枚。", "保定", "airspace"),
    # A clash with no place of its own: the last place the troops reached in the clause.
    ("1940年5月16日晨,张自忠部进至宜城东北罐子口地区与日军展开激战。", "罐子口", "arrival"),
    ("1940年5月16日，张自忠在南瓜店与日军激战。", "南瓜店", "locative"),  # 自 of 张自忠 is no origin word
])
def test_each_slot_gives_the_place(text, place, slot):
    assert any(r[2] == place and r[4].split("/")[1] == slot for r in rows(text)), rows(text)


@pytest.mark.parametrize(("text", "places"), [
    # A place that locates the next (阳泉以西的) is not the place of the action.
    ("1940年8月20日，第386旅直扑阳泉以西的芦家庄、桑掌一线。", ["芦家庄", "桑掌"]),
    ("1940年9月24日，我军攻克涞源东北的插箭岭。", ["插箭岭"]),
    # The places listed before 之间 locate the one after it.
    ("1920年7月16日，皖军向涿州、高碑店之间的松林店实施突击。", ["松林店"]),
    # What was taken lies around the place: no capture of the place itself.
    ("1944年11月4日，日军攻占桂林外围据点。", []),
    ("1943年11月28日，常德周围重镇失守。", []),
    ("1935年2月28日，红军在遵义城南的老鸦山、红花岗一带与敌激战。", ["老鸦山", "红花岗"]),
    # A crossing's starting point is no row of its own (the gold of every era agrees): the river only.
    ("1941年5月9日，第3军由垣曲渡黄河。", ["黄河"]),
    # A list whose last member locates the next places locates them as a whole (临高、澄迈的…).
    ("1950年4月17日，我军在临高、澄迈的马袅港、才芳岭一带强行登陆。", ["马袅港", "才芳岭"]),
    # A crossing of a place that shares its name with a river (赤水, a county) is of the river.
    ("1935年3月21日，红军四渡赤水。", ["赤水河"]),
])
def test_a_locator_is_passed_over(text, places):
    assert [r[2] for r in rows(text)] == places


# -- scopes and filters: what is not told as fact, and why -------------------------------------
@pytest.mark.parametrize(("text", "trigger", "outcome"), [
    ("1944年6月1日，守军未能阻止日军攻占衡阳。", "攻占", "negated"),
    ("1944年6月1日，当日军进攻衡阳时，第10军在城内。", "进攻", "background"),
    ("1944年6月1日，师长的殉国令人痛惜。", "殉国", "noun"),
    ("1944年6月1日，华北方面军令第63师团进攻洛阳。", "进攻", "order"),
    ("1944年6月1日，若日军进攻长沙，第10军即反击。", "进攻", "condition"),
    ("1944年6月1日，若日军进攻长沙，第10军即反击。", "反击", "condition"),
    ("1944年6月1日，衡阳失守后，日军南下。", "失守", "reference_back"),
    ("1944年6月1日，日军开始空袭重庆的机场。", "空袭", "qualifies_noun"),
    ("1944年6月1日，日军攻占衡阳，占领衡阳。", "占领", "duplicate"),
    ("第三章 攻占衡阳", "攻占", "furniture"),
    ("1949年4月20日，渡江时刻到了，长江北岸万炮齐发。", "渡", "noun"),
    ("1935年5月29日\n六、强渡大渡河、飞夺泸定桥\n29日，红4团到达。", "强渡", "furniture"),
    # A purpose or an attempt in the clause, and an attempt that failed, tell no action.
    ("1948年10月10日，为了保证我军主力夺取锦州，第4纵队坚守塔山。", "夺取", "negated"),
    ("1920年7月14日，皖军试图夺取保定。", "夺取", "negated"),
    ("1916年2月10日，护国军首攻泸州不遂。", "攻", "negated"),
    ("1945年9月，苏军进驻东北，迟迟不撤。", "撤", "negated"),
    # The start of a span of time recalled (X沦陷以来) is not told as an action here.
    ("1933年5月31日，此战为东北沦陷以来少有之激烈战斗。", "沦陷", "negated"),
    # A wish, a forecast, a goal, a must and a whether tell no action either.
    ("1927年8月25日，孙传芳欲乘机攻占南京。", "攻占", "negated"),
    ("1948年9月22日，敌人明天就会占领济南。", "占领", "negated"),
    ("1944年5月11日，远征军以龙陵为攻略目标。", "攻略", "negated"),
    ("1948年10月1日，东野必须攻克锦州。", "攻克", "order"),
    ("1948年10月1日，只要突破塔山，锦州就能解围。", "突破", "condition"),
    ("1945年5月25日，第74军截住撤退的日军。", "撤退", "noun"),
    # A word's frame names the slots its place may come from: X犯 never takes the place set out from.
    ("1942年5月15日，第13军自杭州、奉化一带分路西犯。", "西犯", "no_place"),
    ("1944年6月1日，日军开始进攻。", "进攻", "no_place"),
    ("1944年6月1日，日军攻占衡阳。", "攻占", "row"),
    ("1944年6月1日，令第10军于5日反击。6月5日，第10军反击衡阳。", "反击", "row"),
    # A wish (想) tells no action; its lookalikes (没想到) do not hide one.
    ("1925年12月24日，郭离开新民，想经辽中南逃。", "逃", "negated"),
    # A position word ends a phrase, not a name: 向关前总攻 names no place.
    ("1924年9月28日，奉军向关前总攻。", "总攻", "no_place"),
    ("1925年12月24日，郭离开新民，想经辽中南逃。", "离开", "row"),
    ("1938年6月1日，没想到日军攻占开封。", "攻占", "row"),
    # A siege lifted (X之围遂解) and an action describing the troops (进犯X之伪军) tell no action.
    ("1936年11月18日，红格尔图之围遂解。", "围", "negated"),
    ("1936年11月20日，此次进犯红格尔图之伪军死伤过半。", "进犯", "negated"),
    # …but after another verb (来犯之敌) the troops are the object and the action is told.
    ("1937年10月15日，第9军在忻口伏击来犯之敌。", "伏击", "row"),
    # An issued order to withdraw is the withdrawal (下令撤出); a decision to give a place up stays a plan.
    ("1916年3月6日夜半，蔡锷下令撤出纳溪。", "撤出", "row"),
    ("1938年10月10日，军事委员会决定放弃武汉。", "放弃", "order"),
    ("1944年6月1日，军部下令第10军进攻衡阳。", "进攻", "order"),
    ("1940年2月5日，傅作义召集各师长筹划收复五原。", "收复", "order"),  # what is planned is not yet done
    # A date the order sets in its own clause is part of the plan; in a clause of its own it reports.
    ("1916年2月24日，蔡锷决定从25日晨起向朝阳观方向实施突击。", "突击", "order"),
    # A semicolon and a word of contrast end a plan word's scope; a bare semicolon continues an order.
    ("1950年10月20日，敌距预定防御地区只有90公里；而东线首都师已占领洪原。", "占领", "row"),
    ("1933年3月6日，军事当局令第29军开赴遵化接防；第17军向古北口急进。", "急进", "order"),
    # A goal (以…为目的), a plan's first step, and a deployment laid out (作战部署如下：…) are plans.
    ("1939年12月4日，桂林行营以收复南宁为目的，第一步攻取昆仑关。", "收复", "negated"),
    ("1939年12月4日，桂林行营以收复南宁为目的，第一步攻取昆仑关。", "攻取", "negated"),
    ("1939年12月4日，作战部署如下：夏威指挥第170师反攻高峰坳。", "反攻", "order"),
    ("1938年10月23日，军事委员会决定放弃武汉，守军自10月24日起陆续撤离。", "撤离", "row"),
    ("1949年4月20日，江面宽阔，利于我军突破。", "突破", "negated"),  # what a situation favours
    ("1929年4月8日，宜昌以上还有四川可以退。", "退", "negated"),  # what could be done
    ("1929年4月2日，德公离开武汉以前，召集我们训话。", "离开", "background"),  # the time before which
    ("1939年12月10日，李宗仁在老河口下达攻击令。", "攻击", "noun"),  # the order named as a noun
])
def test_each_candidate_says_what_became_of_it(text, trigger, outcome):
    assert (trigger, outcome) in outcomes(text)


@pytest.mark.parametrize(("text", "word"), [
    ("1944年4月20日，第31集团军控制于登封、禹县间地区。", "控制"),  # held in position there: no capture
    ("1945年9月19日，八路军接连攻取了屯留、潞城。", "连攻"),  # 接连|攻取: 攻取 is read, not a straddling 连攻
    ("1949年1月10日，山东解放区扩大。", "解放"),  # 解放区 names a region
    ("1939年11月，军委会于南岳军事会议后颁发作战计划。", "会于"),  # 军委会|于: no link-up at 南岳
])
def test_a_word_inside_a_longer_one_is_no_trigger(text, word):
    assert word not in [t for t, _ in outcomes(text)]


def test_a_word_that_only_looks_like_a_condition_is_none():
    assert ("攻占", "row") in outcomes("1944年6月1日，日军以若干部队攻占长沙。")


# -- actors and sides: who acts, by slot and by side word ----------------------------------------
@pytest.mark.parametrize(("text", "place", "side"), [
    # 敌机 opening the clause is the narrator's enemy (a word of its own for jieba, so listed as such).
    ("1937年8月2日，第89师守南口。敌机连日轰炸南口。", "南口", "JP"),
    # The unit whose position is attacked (我第143师阵地) is no subject of the next clause.
    ("1937年8月20日，该兵团向张家口以北我第143师阵地猛攻，当夜攻占神威台。", "神威台", ""),
    # A side word after a list of goal places (向枣庄、峄县日军侧背) is the target's.
    ("1938年4月1日，第52军和第85军在外线向枣庄、峄县日军侧背攻击。", "峄县", "CN"),
    # Of two side words before the trigger the first names the subject: 之敌 after 对 is the target.
    ("1947年1月2日，我右纵队首先对傅山口、马家庄一线之敌发起攻击。", "马家庄", "CCP"),
    # A side word opening an earlier clause is the subject, though 日 is a date character too.
    ("1943年11月20日拂晓,日军借飞机大炮掩护,再次向牛鼻滩猛攻。", "牛鼻滩", "JP"),
    ("1947年5月13日上午,敌3个师又发起攻击,至下午4时惧歼后退至重山。", "重山", "KMT"),  # one character, 敌
    # 遂 goes on with the sentence's subject, past a clause the other side opens.
    ("1944年5月24日，守军弹药殆尽，日军战车已突入城内，遂向伊川方向撤走。", "伊川", "CN"),
    # A commander opening the trigger's own clause acts, before the subject of an earlier clause.
    ("1939年5月9日，日军又自九江方面增调援兵，蒋介石下令停止攻击南昌。", "南昌", "CN"),
    # A clause opening with a pronoun names its own subject: the earlier side word is not the one who died.
    ("1941年5月12日，唐淮源率部转战。日军追上来，他知道突不出去了，在悬山举枪自杀。", "悬山", "CN"),
])
def test_the_side_comes_from_the_actor_not_the_target(text, place, side):
    assert [r[3] for r in rows(text) if r[2] == place] == [side]


@pytest.mark.parametrize(("text", "withdrawal"), [
    # A commander opening the sentence is its subject, not the force he saw (发现人民解放军逼近).
    ("1948年12月15日，傅作义发现人民解放军骤然逼近，于是匆忙放弃涿县。", ("涿县", "KMT", "lexicon/object/subject")),
    # A commander opening the clause acts for his side before the other side's chain goes on.
    ("1948年12月15日，解放军对双堆集发动总攻。黄昏，黄维下令各军突围。",
     ("双堆集", "KMT", "lexicon/implicit/commander")),
])
def test_a_commander_opening_the_clause_is_its_subject(text, withdrawal):
    assert [(r[2], r[3], r[4]) for r in rows(text) if r[1] == "withdraw"] == [withdrawal]


@pytest.mark.parametrize(("text", "place"), [
    # A place before a title or an office (热河省主席, 辽北省政府) is not the topic the clause acts on.
    ("1933年3月3日，热河省主席汤玉麟率部弃城西逃。", "热河"),
    ("1946年3月17日，辽北省政府被迫撤离。", "辽北"),
])
def test_a_place_of_an_office_is_no_topic(text, place):
    assert place not in [r[2] for r in rows(text)]


# -- discourse: columns told side by side run from one start -------------------------------------
@pytest.mark.parametrize(("text", "place", "date"), [
    # The second column's undated attack starts when the columns set out, not on the first column's last day.
    ("1944年5月27日拂晓，日军分3路南下：左翼第3师团于6月14日攻占浏阳；右翼第40师团由华容进攻。", "华容", "1944-05-27"),
    ("1944年5月27日，日军分两路南下：东路于6月2日攻占平江；西路第40师团由岳阳进攻。", "岳阳", "1944-05-27"),
    # A column's own date stands.
    ("1944年5月27日拂晓，日军分3路南下：左翼于6月14日攻占浏阳；右翼于6月5日攻占益阳。", "益阳", "1944-06-05"),
    # No column opened since the date: the date stands.
    ("1944年5月27日拂晓，日军南下，于6月14日攻占浏阳，又由华容进攻。", "华容", "1944-06-14"),
    # A date that heads the column's own clause (同日,东路直军…) is its date.
    ("1922年4月27日，西路奉军占领姚马渡，东路直军退守马厂。28日拂晓，双方在静海接触。同日，东路直军进攻青县。",
     "青县", "1922-04-28"),
])
def test_a_column_runs_from_the_date_the_columns_set_out(text, place, date):
    assert [r[0] for r in rows(text) if r[2] == place] == [date]


# -- rows: precision, and keys that do not move ---------------------------------------------------
@pytest.mark.parametrize(("text", "date", "precision"), [
    ("1944年6月1日，日军攻占衡阳。", "1944-06-01", "day"),
    ("1944年6月，日军攻占衡阳。", "1944-06", "month"),
    ("1944年，日军攻占衡阳。", "1944", "year"),
    ("日军攻占衡阳。", "", "none"),
])
def test_rows_coarser_than_a_day_are_kept_with_their_precision(text, date, precision):
    frame = extract.extract_text(text, "t")["events"]
    assert list(zip(frame["date"], frame["date_precision"], strict=True)) == [(date, precision)]


def test_an_event_key_stays_when_a_new_gazetteer_row_adds_a_row_before_it(tmp_path):
    text = "1944年6月1日，日军在衡山血战。2日，日军攻占衡阳。"
    before = extract.extract_text(text, "t")["events"]
    (tmp_path / "event_triggers.csv").write_text("trigger,event_type,voice,side_rule,note\n血战,attack,active,actor,\n",
                                                 encoding="utf-8")
    after = extract.extract_text(text, "t", gazetteer_dir=str(tmp_path))["events"]
    assert list(after["place"]) == ["衡山", "衡阳"] and list(before["place"]) == ["衡阳"]
    hengyang = before["event_key"].item()
    assert hengyang in set(after["event_key"])  # the key stays; the running id moves from t-1 to t-2
    assert after.loc[after["event_key"] == hengyang, "event_id"].item() == "t-2"
