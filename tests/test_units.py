"""UNIT tagging: designations, nesting, lists, numerals, sides."""

from __future__ import annotations

import pytest

import extract
from tests.conftest import rows


def entities(text: str):
    return extract.extract_text(text, "t")["entities"]


def test_nested_run_is_one_japanese_unit(sample_entities):
    hit = rows(sample_entities, "第37师团第225联队", "UNIT")
    assert len(hit) >= 1
    assert set(hit["norm"]) == {"第37师团/第225联队"}
    assert set(hit["side"]) == {"JP"}


def test_commander_list_gives_three_chinese_units(sample_entities, sample_text):
    start = sample_text.index("第85军(")
    window = sample_entities[(sample_entities.start >= start) & (sample_entities.start < start + 30)]
    units = window[window.label == "UNIT"]
    assert list(units["norm"][:4]) == ["第85军", "预11师", "第110师", "第23师"]
    assert set(units["side"][:4]) == {"CN"}
    assert rows(units, "第110")["norm"].tolist() == ["第110师"]


def test_same_number_two_sides(sample_entities, sample_text):
    twelve = rows(sample_entities, "第12军", "UNIT")
    jp_start = sample_text.index("日军第12军") + 2
    assert twelve.set_index("start").loc[jp_start, "side"] == "JP"
    assert {"JP", "CN"} <= set(twelve["side"])


@pytest.mark.parametrize(("text", "surface"), [
    ("1948年9月，中央军委电令东北野战军攻锦州。", "中央军"),   # a listed name inside a commoner word
    ("1948年9月，华野分为四纵队前进。", "四纵队"),             # a count of columns
    ("1949年7月，敌人调来3军增援。", "3军"),                  # a one-digit number alone may be a count
    ("1939年11月，一连三天，我军连克三城。", "一连"),           # 连 after a count is no company
])
def test_what_is_no_unit(text, surface):
    assert rows(entities(text), surface, "UNIT").empty


@pytest.mark.parametrize("word", ["日军", "守军", "敌军"])
def test_generic_words_are_not_units(sample_entities, word):
    assert rows(sample_entities, word, "UNIT").empty
    assert not sample_entities[(sample_entities.label == "UNIT")]["text"].str.startswith(word).any()


@pytest.mark.parametrize(
    ("text", "surface", "norm", "side"),
    [
        ("第二十七集团军向东转进。", "第二十七集团军", "第27集团军", "CN"),
        ("三十七军一部守城。", "三十七军", "第37军", "CN"),
        ("日軍第十三師團攻佔衡陽。", "第十三師團", "第13师团", "JP"),
        ("暂编第十五军据守县城。", "暂编第十五军", "暂15军", "CN"),
        # An American source's infantry division and battalions by their arm (第2步兵师, 第15野战炮兵营).
        ("1950年11月25日，美第2步兵师第9团撤退。", "第2步兵师第9团", "第2师/第9团", "US"),
        ("1950年11月30日，美军第15野战炮兵营掩护步兵撤退。", "第15野战炮兵营", "第15野战炮兵营", "US"),
        # The armies of 1913 and 1927, and a school of the base areas, by name.
        ("1913年7月12日，李烈钧在湖口组织讨袁军，赣军退守。", "赣军", "赣军", ""),
        ("1927年12月11日，工人赤卫队第六联队占领长堤，成立苏维埃政府。", "工人赤卫队第六联队",
         "工人赤卫队/第6联队", "CCP"),
        ("1941年11月30日，抗大一分校冲到大青山。", "抗大一分校", "抗大第1分校", "CN"),
        # A Chinese prefix never opens a Japanese 师团: 团团 begins the next word.
        ("1947年9月7日，我军将敌整编第57师团团围住。", "整编第57师", "整编第57师", "KMT"),
        ("1944年5月1日，日军独立混成第7旅团向南进攻。", "独立混成第7旅团", "独立混成第7旅团", "JP"),
        ("独立混成第七旅团由北向南。", "独立混成第七旅团", "独立混成第7旅团", "JP"),
        ("守军第22、第29师、暂55师奋战。", "第22", "第22师", "CN"),
        # Named kinds of the base areas' forces keep their name.
        ("1940年8月20日，决死第1纵队破击白晋公路。", "决死第1纵队", "决死第1纵队", "CN"),
        ("1940年8月20日，八路军游击第1支队破击铁路。", "八路军游击第1支队", "八路军/游击第1支队", "CN"),
        # A column holds brigades and divisions; a column's brigade is on the column's side.
        ("1946年6月26日，第1纵队第1旅向东突围。", "第1纵队第1旅", "第1纵队/第1旅", "CCP"),
        ("1946年6月26日，第2纵队第13旅第37团攻占长冲。", "第2纵队第13旅第37团", "第2纵队/第13旅/第37团", "CCP"),
        # A short brigade form written before the document's full Japanese one is not its abbreviation.
        ("1940年8月，八路军独立第2旅破袭铁路。10月，日军独立混成第2旅团进攻阜平。",
         "八路军独立第2旅", "八路军/独立第2旅", "CN"),
        ("1940年10月，日军独立混成第2旅团进攻阜平。11月，第2旅团撤退。", "第2旅团", "独立混成第2旅团", "JP"),
        ("战车第3师团第13联队突入城内。", "战车第3师团第13联队", "战车第3师团/战车第13联队", "JP"),
        # A listed unit's side beats a later part's echelon default (团 is Chinese by default).
        ("1950年11月2日，骑一师第5团由南向北增援。", "骑一师第5团", "骑1师/第5团", "US"),
        # The Red Army's designations, with Arabic numerals in the norm.
        ("1935年5月29日，红4团夺取泸定桥。", "红4团", "红4团", "CCP"),
        ("1935年1月19日，红三军团进至土城。", "红三军团", "红3军团", "CCP"),
        # US Marines; a listed unit's norm holds no side word (美, 英军), a name stays whole.
        ("1950年12月1日，陆战第1师向南突围。", "陆战第1师", "陆战第1师", "US"),
        ("1950年12月1日，美陆战第1师向南突围。", "陆战第1师", "陆战第1师", "US"),
        ("1950年11月28日，英军第27旅由顺川北上。", "第27旅", "第27旅", "ALLIED"),
        ("1950年11月1日，南朝鲜首都师北进。", "南朝鲜首都师", "首都师", "ALLIED"),
        ("1950年11月1日，美第1骑兵师北上。", "美第1骑兵师", "骑兵第1师", "US"),
        # A Chinese commander's full name before an echelon names his unit; a Japanese surname before 支队.
        ("1916年2月，陈礼门团因军纪涣散溃退。", "陈礼门团", "陈礼门团", ""),
        ("1916年2月，董鸿勋支队孤悬江北。", "董鸿勋支队", "董鸿勋支队", ""),
        ("1939年3月18日，村井支队乘军舰出发。", "村井支队", "村井支队", "JP"),
        ("1942年3月，中国远征军入缅作战。", "中国远征军", "中国远征军", "CN"),
        # Short-form columns in words, the 1910s-20s 梯团 and 混成旅, provincial 保安 brigades.
        ("1948年10月10日，四纵坚守塔山。", "四纵", "第4纵队", "CCP"),
        ("1948年9月20日，九縱攻入濟南。", "九縱", "第9纵队", "CCP"),
        ("1916年1月，刘云峰率第一梯团北进。", "第一梯团", "第1梯团", ""),
        ("1920年7月，第四混成旅进攻。", "第四混成旅", "第4混成旅", ""),
        ("1948年9月，保安六旅撤退。", "保安六旅", "保安第6旅", "KMT"),
        # A number read digit by digit is a designation without 第 (the count would be 一百零八).
        ("1941年1月7日，国民党军一零八师向三溪进攻。", "一零八师", "第108师", "CN"),
        ("1944年8月，日军一四八联队据守来凤山。", "一四八联队", "第148联队", "JP"),
        # A route army named by its direction is the narrator's (no Chinese code in the Northern Expedition).
        ("1926年8月，北伐军北路军攻克岳州。", "北路军", "北路军", ""),
        ("1933年2月，我红军在黄陂伏击敌中路军第52师。", "中路军第52师", "中路军/第52师", "KMT"),
        ("1933年2月，敌东路军向黎川进犯。", "东路军", "东路军", "KMT"),
        # Named columns of a military region, and a word listed before one (the echelon written once).
        ("1945年9月，太行纵队攻克屯留。", "太行纵队", "太行纵队", "CCP"),
        ("1945年9月，太行、太岳纵队会攻长治。", "太行", "太行纵队", "CCP"),
        ("1945年9月，太行、太岳、冀南纵队会攻长治。", "太岳", "太岳纵队", "CCP"),
        # Prefixes kept in the norm: a raiding column and a Shanxi provincial army.
        ("1945年9月，国民党军挺进第2纵队退守长治。", "挺进第2纵队", "挺进第2纵队", "KMT"),
        ("1945年9月，阎锡山省防第3军退守长治。", "省防第3军", "省防第3军", "KMT"),
        # A listed name wrapping a designation in words of its own is the formation (the Soviet fronts of 1945).
        ("1945年8月9日，苏联远东第一方面军进攻牡丹江。", "远东第一方面军", "远东第1方面军", "ALLIED"),
        ("1945年8月9日，外贝加尔方面军越过大兴安岭。", "外贝加尔方面军", "外贝加尔方面军", "ALLIED"),
        ("1945年8月9日，近卫坦克第6集团军越过大兴安岭。", "近卫坦克第6集团军", "近卫坦克第6集团军", "ALLIED"),
        ("1945年8月9日，第1红旗集团军突破国境。", "第1红旗集团军", "第1红旗集团军", "ALLIED"),
        ("1945年8月10日，阿穆尔河区舰队驶入松花江。", "阿穆尔河区舰队", "阿穆尔河区舰队", "ALLIED"),
        # Provincial armies of the warlord years, and the Ma armies the West Route Army fought.
        ("1924年9月，浙军第二师退守嘉兴。", "浙军第二师", "浙军/第2师", ""),
        ("1937年1月，马家军围攻倪家营子，援西军东返。", "援西军", "援西军", "CCP"),
        ("1951年4月，英军第27旅退守加平。", "第27旅", "第27旅", "ALLIED"),  # a side word wrapping it is not
        # A formation named after its region, not the place inside it; a designation after it nests.
        ("1947年1月3日，鲁中军区部队向峄县推进。", "鲁中军区", "鲁中军区", "CCP"),
        ("1947年1月3日，鲁南军区第10师攻占平山。", "鲁南军区第10师", "鲁南军区/第10师", "CCP"),
        ("1947年1月3日，滨海警备旅攻占石龙山。", "滨海警备旅", "滨海警备旅", "CCP"),
        # A military region stands over a field force.
        ("1948年7月，华北军区第1兵团攻克太谷。", "华北军区第1兵团", "华北军区/第1兵团", "CCP"),
        # A county's and a district's own armed companies (the place's 县 may be the word's own).
        ("1942年5月6日，安平县大队摸进安平城关。", "安平县大队", "安平县大队", "CN"),
        ("1942年5月6日，献县县大队袭击臧桥据点。", "献县县大队", "献县县大队", "CN"),
        ("民國七年一月，湘桂聯軍入岳州。", "湘桂聯軍", "湘桂联军", ""),
        ("民國七年一月，湘南護法軍攻衡山。", "湘南護法軍", "湘南护法军", ""),
        # The American air force in China, and the Nationalists' armoured columns of 1946-1947.
        ("是時，美國第十四航空隊迭次出動，轟炸桂林。", "第十四航空隊", "第14航空队", "US"),
        ("1947年1月，整26师和第1快速纵队撤回峄县。", "第1快速纵队", "第1快速纵队", "KMT"),
        # A bare number names a 兵团 (a count is 两个兵团).
        ("1949年7月14日，宝鸡是二兵团那天打下来的。", "二兵团", "第2兵团", "CCP"),
        # A formation named by its role, alone or after its parent.
        ("1939年10月，警卫旅在临江设伏。", "警卫旅", "警卫旅", "CN"),
        ("1938年5月，第9军教导团南下。", "第9军教导团", "第9军/教导团", "CN"),
        # A one-digit bare number listed with another designation, or running on into one, is a designation.
        ("1949年7月11日，3军、6军往扶风那边压。", "6军", "第6军", "CCP"),
        ("1949年7月，我们四军十师三十团三营打前卫。", "四军十师三十团三营", "第4军/第10师/第30团/第3营", "CCP"),
        ("1937年9月25日，八路军第一一五师伏击日军。", "八路军第一一五师", "八路军/第115师", "CN"),  # a name
        # A company, after 第 or nested under its battalion.
        ("1939年11月，第三团第二营第五连排长赵福来战死。", "第三团第二营第五连", "第3团/第2营/第5连", "CN"),
        ("1939年11月，第七连连长杨九秤指挥。", "第七连", "第7连", "CN"),
        # The Qing New Army's 镇, 协 and 标 (no side code in 1911); the Tibetan army's 代本; armies of 1911 and 1950.
        ("宣统三年九月十八日，第九镇第十八协第三十六标誓师。", "第九镇第十八协第三十六标", "第9镇/第18协/第36标", ""),
        ("宣统三年十月，张勋之江防营退守天保城。", "江防营", "江防营", ""),
        ("1950年10月12日，第9代本在宁静起义。", "第9代本", "第9代本", ""),
        ("1950年8月，东北边防军第13兵团在安东集结。", "东北边防军", "东北边防军", "CN"),
    ],
)
def test_designations(text, surface, norm, side):
    hit = rows(entities(text), surface, "UNIT")
    assert hit[["norm", "side"]].values.tolist() == [[norm, side]]


@pytest.mark.parametrize(("text", "members"), [
    ("守军第22、第29师、暂55师奋战。", [("第22", "第22师"), ("第29师", "第29师"), ("暂55师", "暂55师")]),
    # Members after the first may drop 第 (led by a designation, not a count: 61、78师 alone is none).
    ("1944年5月，第60、61、78师进攻。", [("第60", "第60师"), ("61", "第61师"), ("78师", "第78师")]),
    ("1944年5月，第3、13、68师团进攻。", [("第3", "第3师团"), ("13", "第13师团"), ("68师团", "第68师团")]),
    # The echelon after the members' count: 三个师, 两师, 3个军.
    ("第十九路军辖第六十、第六十一、第七十八三个师。",
     [("第十九路军", "第19路军"), ("第六十", "第60师"), ("第六十一", "第61师"), ("第七十八", "第78师")]),
    ("中央令第八十七、第八十八两师北上。", [("第八十七", "第87师"), ("第八十八", "第88师")]),
    ("北軍第八、第二十兩師進攻。", [("第八", "第8师"), ("第二十", "第20师")]),  # 二十两 is no 22
    # …or 等 and the echelon (a Taiwan history's list of the Japanese divisions).
    ("敵第十一軍轄第三、第十三、第一一六等師團。", [("第十一軍", "第11军"), ("第三", "第3师团"), ("第十三", "第13师团"),
                                   ("第一一六", "第116师团")]),
    ("1948年11月，第六十三、六十四、四十四3个军北援。",
     [("第六十三", "第63军"), ("六十四", "第64军"), ("四十四", "第44军")]),
    ("第1、2、3个阶段结束。", []),
    # A list of bare numbers joined by 、 before an echelon names units (PRC prose), not counts.
    ("1951年1月2日，歼灭美军二十四、二十五师一部。", [("二十四", "第24师"), ("二十五师", "第25师")]),
    ("1951年1月2日，南朝鲜一、二、五、六师溃退。",
     [("一", "第1师"), ("二", "第2师"), ("五", "第5师"), ("六师", "第6师")]),
    ("1944年5月，日军调集五、六个师进攻。", []),  # five or six divisions: a count
])
def test_elliptical_list_members(text, members):
    frame = entities(text)
    units = frame[frame.label == "UNIT"]
    assert list(zip(units["text"], units["norm"], strict=True)) == members


@pytest.mark.parametrize(("text", "members"), [
    # A formation named after its commander, by his surname alone, once the document names him.
    ("1948年6月，邱清泉兵团西进。29日，邱兵团攻占杞县。", [("邱清泉兵团", "邱清泉兵团"), ("邱兵团", "邱清泉兵团")]),
    ("民國三十七年六月，區壽年率部東援，區兵團在龍王店被圍。", [("區兵團", "区寿年兵团")]),
    # Two commanders of one surname: the short form is ambiguous and stays untagged.
    ("1948年11月，黄百韬兵团、黄维兵团南下，黄兵团被围。", [("黄百韬兵团", "黄百韬兵团"), ("黄维兵团", "黄维兵团")]),
    # ...unless the document names one at least twice as often: 黄兵团 is that one.
    ("1948年11月，黄兵团西撤。黄百韬兵团渡运河，黄维兵团东进。黄百韬兵团被围于碾庄。",
     [("黄兵团", "黄百韬兵团"), ("黄百韬兵团", "黄百韬兵团"), ("黄维兵团", "黄维兵团"), ("黄百韬兵团", "黄百韬兵团")]),
    ("1948年11月，张兵团被围。", []),
    # A Japanese division by its commander's name (the surname the world knows him by).
    ("1938年5月，土肥原师团进攻兰封。", [("土肥原师团", "土肥原师团")]),
])
def test_a_commanders_formation_by_his_surname(text, members):
    frame = entities(text)
    units = frame[frame.label == "UNIT"]
    assert list(zip(units["text"], units["norm"], strict=True)) == members


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("配属第十三师团之奈良支队。", [("第十三师团", "第13师团", "JP"), ("奈良支队", "奈良支队", "JP")]),
        ("佐久间支队南下。", [("佐久间支队", "佐久间支队", "JP")]),
        ("另以河野混成旅团为预备队。", [("河野混成旅团", "河野混成旅团", "JP")]),
        ("美军第5307混成支队夺取机场。", [("第5307混成支队", "第5307混成支队", "US")]),
        ("该支队与两个支队及先遣支队会合。", []),
        ("美军第14航空队出动。", [("第14航空队", "第14航空队", "US")]),
        # A regiment named after its commander; never a name that is not all characters (重，联队).
        ("1944年7月16日，黑濑联队向萧家山进攻。", [("黑濑联队", "黑濑联队", "JP")]),
        ("1943年11月，伤亡惨重，联队长战死。", []),
        # A side word before a list gives every member its side (not only the first).
        ("1951年1月2日，南朝鲜一、二师溃退。", [("一", "第1师", "ALLIED"), ("二师", "第2师", "ALLIED")]),
        # Formations named by their place in the advance: the narrator's, nested with what follows.
        ("1953年7月14日，东集团第60军突破北汉江。", [("东集团第60军", "东集团/第60军", "CN")]),
        ("1950年12月31日，志愿军右纵队第40军突破临津江。",
         [("志愿军右纵队第40军", "中国人民志愿军/右纵队/第40军", "CN")]),
    ],
)
def test_named_detachments_and_air_forces(text, expected):
    frame = entities(text)
    hit = frame[frame.label == "UNIT"]
    assert list(zip(hit["text"], hit["norm"], hit["side"], strict=True)) == expected


@pytest.mark.parametrize(
    ("text", "surface", "side"),
    [
        # The one who orders is on the side of the unit ordered.
        ("12月下旬，中国派遣军总司令官冈村宁次令第6方面军准备作战。", "第6方面军", "JP"),
        # X以Y: X's means are its own subordinates, so X is on their side.
        ("第23军以第104师团自从化北上。", "第23军", "JP"),
        # No evidence at all: a Chinese chronicle's bare 军 is Chinese.
        ("第23军自韶关北上。", "第23军", "CN"),
        # 中 ending 集中 is no side word: the echelon 师团 keeps the unit Japanese.
        ("日军第33军集中第2师团和第56师团主力向龙陵反扑。", "第2师团", "JP"),
        # X指挥Y: the formation in command gives its side to the armies it commands.
        ("1948年12月15日，东北野战军先遣兵团指挥第41、第42军占领南口。", "第42军", "CCP"),
        # A side word owns a unit across 的 (南韩的第七师), and the unit beside it that only its echelon guessed.
        ("1950年11月26日，志愿军第38军击溃南韩的第七师和第八师。", "第七师", "ALLIED"),
        ("1950年11月26日，志愿军第38军击溃南韩的第七师和第八师。", "第八师", "ALLIED"),
        # A named regiment of the Northern Expedition.
        ("1926年8月19日，叶挺独立团打进平江城。", "叶挺独立团", ""),  # a warlord war: no side codes
    ],
)
def test_sides_from_orders_and_means(text, surface, side):
    hit = rows(entities(text), surface, "UNIT")
    assert list(hit["side"]) == [side]


def test_parent_side_from_its_subordinate_and_named_expeditionary_army():
    frame = entities("与此同时，第2军所属第10师团孤军深入。华中派遣军司令官畑俊六以第11军沿长江西进。")
    units = dict(zip(frame[frame.label == "UNIT"]["norm"], frame[frame.label == "UNIT"]["side"], strict=True))
    assert units == {"第2军": "JP", "第10师团": "JP", "华中派遣军": "JP", "第11军": "JP"}


@pytest.mark.parametrize("text", [
    "1926年9月5日，第七军奉令移师江西。",   # 移师: moving the troops, no commander's unit
    "1941年3月20日，敌由高安经龙团圩南犯。",  # 龙团圩: a place
    "1942年5月，全团奉命回师。",
    "1944年6月1日，炮兵团进入阵地。",        # a kind of unit, no name
])
def test_words_before_an_echelon_that_name_no_commander(text):
    names = entities(text)
    assert not any(n.endswith(("移师", "龙团", "回师", "炮兵团")) for n in names[names.label == "UNIT"]["text"])
