"""PLACE tagging: administrative names, curated historical names and misprints, context, campaigns."""

from __future__ import annotations

import pytest

import extract
from tests.conftest import rows


def places(text: str) -> list[tuple[str, str]]:
    frame = extract.extract_text(text, "t")["entities"]
    hit = frame[frame.label == "PLACE"]
    return list(zip(hit["text"], hit["norm"], strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Administrative divisions from cpca, under the short form chronicles use.
        ("日军攻占衡阳后沿湘江南下。", [("衡阳", "衡阳"), ("湘江", "湘江")]),
        ("敌先后陷叶县、郏县。", [("叶县", "叶县"), ("郏县", "郏县")]),
        ("郾城守军奉命撤出。", [("郾城", "郾城")]),
        ("芷江侗族自治县境内。", [("芷江侗族自治县", "芷江")]),
        # Historical county and city names, railways under their period names.
        ("我军沿平汉路北上,收复临汝、密县。", [("平汉路", "京汉铁路"), ("临汝", "临汝"), ("密县", "密县")]),
        ("日军自北平南下。", [("北平", "北平")]),
        # Old names of the 1930s under the modern canonical one; the Republic's provinces.
        ("伪军由嘉卜寺开抵商都，窥伺归绥、平地泉。",
         [("嘉卜寺", "化德"), ("商都", "商都"), ("归绥", "呼和浩特"), ("平地泉", "集宁")]),
        ("日军侵入热河、察哈尔。", [("热河", "热河"), ("察哈尔", "察哈尔")]),
        ("我军攻占塘沽、军粮城，收复辽县。", [("塘沽", "塘沽"), ("军粮城", "军粮城"), ("辽县", "辽县")]),
        # A base area is one region: no place inside it (陕甘|宁边 is no Korean 宁边).
        ("陕甘宁边区部队出动。", [("陕甘宁边区", "陕甘宁边区")]),
        # Context words: a commander sits at the place (坐镇), a place retaken (克复).
        ("参谋田中坐镇白家堡，我军克复黄家堡。", [("白家堡", "白家堡"), ("黄家堡", "黄家堡")]),
        # A listed name with a direction of movement glued to it by jieba (新|泰北|撤) stays a name.
        ("第46军当晚放弃新泰北撤。", [("新泰", "新泰")]),
        # A one-character time word or adverb before a listed name does not begin it (当|南口).
        ("当南口激战之际，敌南犯。", [("南口", "南口")]),
        # 惟 (only) of a classical sentence begins no name; 山南 is a mountain's name and a direction.
        ("1944年11月，惟桂林守軍以寡敵眾。", [("桂林", "桂林")]),
        ("至十二月上旬敵自獨山南撤。", [("獨山", "独山")]),
        # The places of the 1929 war in Hubei and the 1944 battle of 桂林 (old counties 修仁, 雒容).
        ("我们从宋埠退到岐亭，当夜撤出广济。", [("宋埠", "宋埠"), ("岐亭", "岐亭"), ("广济", "广济")]),
        ("敵經荔浦、修仁西進，八日陷雒容。", [("荔浦", "荔浦"), ("修仁", "修仁"), ("雒容", "雒容")]),
        ("進佔全州，以黃沙河為前進陣地。", [("全州", "全州"), ("黃沙河", "黄沙河")]),
        # A locator phrase: after a known place, its direction or position and 的/之, the place located.
        ("十一月下旬在山海关外的万家屯同奉军接火。", [("山海关", "山海关"), ("万家屯", "万家屯")]),
        ("於東安以南之山口鋪與敵便衣隊遭遇。", [("東安", "东安"), ("山口鋪", "山口铺")]),
        ("向蕴藻浜之纪家桥、曹家桥一带猛犯。", [("蕴藻浜", "蕴藻浜"), ("纪家桥", "纪家桥"), ("曹家桥", "曹家桥")]),
        ("1940年6月，日军取得了空袭重庆的前进机场。", [("重庆", "重庆")]),  # a bare 的 locates nothing
        ("1929年4月8日，全师在潜江以东渡过东荆河。", [("潜江", "潜江"), ("东荆河", "东荆河")]),
        ("1933年3月，中国陆军白玉麟部在古北口奋战。", [("中国", "中国"), ("古北口", "古北口")]),  # no 白玉
        ("敌经全县进犯桂林。", [("全县", "全县"), ("桂林", "桂林")]),
        # Misprints many texts make map to the real name (one source's own misprints: tests/test_errata.py).
        ("日军进至泪罗江北岸。", [("泪罗江", "汨罗江")]),
        ("北伐军渡过汩罗江。", [("汩罗江", "汨罗江")]),
        # 市区 is a city's urban district: the city is the place (not X市 with 区 left over).
        ("苏军今晨已突入牡丹江市区。", [("牡丹江", "牡丹江")]),
        # Period and short names: 旅顺 (旅顺口), the county 黄安 (now 红安).
        ("苏军将由海上进入旅顺、大连。", [("旅顺", "旅顺"), ("大连", "大连")]),
        ("韩先楚，湖北黄安人。", [("湖北", "湖北"), ("黄安", "黄安")]),
        ("日军残部东渡伊洛瓦底江逃走。", [("伊洛瓦底江", "伊洛瓦底江")]),
        # The battlefields of 1911 at 汉口.
        ("民军由大智门出击刘家庙，清军退至三道桥。",
         [("大智门", "大智门"), ("刘家庙", "刘家庙"), ("三道桥", "三道桥")]),
        ("守军退守颖河一线。", [("颖河", "颍河")]),
        # Abroad: islands, countries, colonial names.
        ("美军登陆塞班岛,日本本土震动。", [("塞班岛", "塞班岛"), ("日本", "日本")]),
        ("日军自法属印度支那北上谅山。", [("法属印度支那", "法属印度支那"), ("谅山", "谅山")]),
        # A named hill (X高地) is one place, not the province or city whose name it begins with.
        ("我军收复湖南高地。", [("湖南高地", "湖南高地")]),
        ("界首高地失守。", [("界首高地", "界首高地")]),
        # A road named by the towns it joins; an airfield written 飞机场; a prefecture's period name.
        ("冀中军区主力破击沧石公路。", [("沧石公路", "沧石公路")]),
        ("美军沿西线公路北上。", []),
        ("第29军一部攻入南昌飞机场。", [("南昌飞机场", "南昌飞机场")]),
        ("第八军前锋入岳州。", [("岳州", "岳州")]),
        # Names nobody listed, by their ending after a context word (攻, 守 where they are words of
        # their own; 战于); a listed name followed by an ending (蓝田+坝) is the longer name.
        ("日军攻菱角塘。", [("菱角塘", "菱角塘")]),
        ("北洋军战于白沙场。", [("白沙场", "白沙场")]),
        ("护国军退守蓝田坝。", [("蓝田坝", "蓝田坝")]),
        # a river's bridge
        ("一部在同古以南的皮尤河大桥附近伏击日军。", [("同古", "同古"), ("皮尤河大桥", "皮尤河大桥")]),
        ("敌机飞临西峡口上空。", [("西峡口", "西峡口")]),  # the town, not the county 临西 across 飞临
        ("校军向淡水城疾进。", []),  # 淡水 is one word: no county 水城 across it
        ("联军诸路同时向金陵进攻。", [("金陵", "南京")]),  # the city's literary name
        # Counties of the period that are districts now (宣化, 大兴); a town whose name holds one (宣化店).
        ("1937年8月28日，宣化落入敌手。", [("宣化", "宣化")]),
        ("1937年7月28日，日军进攻大兴、顺义。", [("大兴", "大兴"), ("顺义", "顺义")]),
        ("中原军区主力被围于宣化店。", [("宣化店", "宣化店")]),
        ("守卫台儿庄的是第2集团军。", [("台儿庄", "台儿庄")]),
        ("他在回忆录里，讲张家山的争夺。", [("张家山", "张家山")]),
        ("1938年3月17日，日军攻陷滕县。", [("滕县", "滕县")]),
        # Numerals in words belong to names (八卦洲, 五马峙) unless a count word follows (三路, 一两公里),
        # and a numeral or a verb before a listed name does not begin it (占据九江, 抵四平街).
        ("孙军分由八卦洲渡江。", [("八卦洲", "八卦洲")]),
        ("孙军分由大河口、划子口渡江。", [("大河口", "大河口"), ("划子口", "划子口")]),  # the next verb is cut off
        ("第81师攻占五马峙。", [("五马峙", "五马峙")]),
        ("日军分三路进攻。", []),
        ("敌人退了一两公里。", []),
        ("日军占据九江。", [("九江", "九江")]),
        ("新1军进抵四平街。", [("四平街", "四平")]),
        # Context verbs with an aspect particle, more verbs of taking and shelling, positions and strongpoints.
        ("1953年7月14日，西集团主力拿下了北亭岭。", [("北亭岭", "北亭岭")]),
        ("1953年7月14日，609团2营占领了二青洞。", [("二青洞", "二青洞")]),
        ("1941年5月9日，我们退到大寺坪。", [("大寺坪", "大寺坪")]),
        ("敌舰以重炮轰击吴淞炮台。", [("吴淞炮台", "吴淞炮台")]),
        ("同日，陈小楼各据点相继被陷。", [("陈小楼", "陈小楼")]),
        ("我军打到天黑，敌机多架轰炸涉水过江的部队，残部向南转移阵地。", []),
        # A name between a locative and an action word is the action's place; a common word is not.
        ("3月1日，红军在霍源围歼第59师。", [("霍源", "霍源")]),
        ("红军在此围歼敌人。", []),
        ("我军在夜间突围。", []),
        ("部队在绝望中突围。", []),
        ("部队在彭德怀指挥下攻击。", []),
    ],
)
def test_places(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "第20军会同第26军反击。",  # 会同 is a county, and here the word "together with"
        "双方均无比如此激烈之战。",
        "部队向西南山区撤退。",  # 南山区 is a district name; here 西南 + 山区
        "刘厚总后来向国民党方面投降。",  # a side, not a place
        "敌一部由北门西侧的缺口突入。",  # a city gate belongs to the town told of
        "第5团在公路上与第113师激战。",
        "1947年5月13日，双方激战竟夜。",  # a word jieba knows after an attack word is no place
        "1946年5月19日，新30师截击溃匪。",  # a side word
        "第58师团第2团攻击前进。",  # 2团 after a number is a designation
        "民國十一年四月二十九日，張作霖下總攻擊令。",  # 攻|击令: 攻击 is one verb, 击令 no name
        "西路方面，奉军驰援。东路直军进攻。",  # a route of an advance, not a place
        "攻城部队从西南、西北、东北三面对市区发起总攻。",  # 东北三面: a side of the town, not Manchuria
        "第686团冲入沟内，与敌白刃相搏。",  # inside the gully: no name
        "第20集团军旋即扫清城南之敌。",  # 扫清|城南: the county 清城 is two words' halves
        "日军冲入县城（今市区）。",  # 今 (now) begins no name
        "战斗从1月7日进入高潮。",  # the climax of a fight
        "1945年9月，敌第19军依托工事固守待援。",  # 固守|待援: waiting for relief, no name after 守
        "1945年10月2日，我军连攻未克。",  # 连攻|未克: not taken
        "1946年7月，我军坚守不退。",
        "1927年8月26日，敌人从江北又增加了援兵。",  # 从|江北: the county 从江 is no name here
    ],
)
def test_ordinary_words_are_not_places(text):
    assert places(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("为策应长沙会战,敌攻占郑州。", [("郑州", "郑州")]),
        ("准备长沙、衡阳会战。", []),
        ("太平洋战争爆发后,日军占领香港。", [("香港", "香港")]),
    ],
)
def test_campaign_names_are_not_place_mentions(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 东北 is the region of Manchuria where it stands alone ...
        ("1945年8月，八路军进入东北。", [("东北", "东北")]),
        ("1947年，東北局勢日非。", [("東北", "东北")]),
        # ... and a direction after a place, after a word of movement, before a word of position.
        ("1948年，许昌东北失守。", [("许昌", "许昌")]),
        ("1938年5月，敌残部向东北溃退。", []),
        ("1937年10月，日军占据城东北角。", []),
        ("1933年3月，东北军撤退。", []),
    ],
)
def test_direction_or_region(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A hill named by a height with a decimal, and the bare height after it.
        ("1952年10月4日，敌军占领了199.4高地。", [("199.4高地", "199.4高地")]),
        ("1952年10月14日，美军打597.9高地。30日，我军夺回597.9的表面阵地。",
         [("597.9高地", "597.9高地"), ("597.9", "597.9高地")]),
        ("1952年10月14日，美军打597.9高地，前进597.9米。", [("597.9高地", "597.9高地")]),
        # A web copy's middle dot for the point and a space before the word.
        ("1952年11月2日，敌人向 597·9 高地攻击 40 余次。", [("597·9 高地", "597.9高地")]),
        # Quantities are no names (一些集镇).
        ("1945年8月，各纵队收复了一些集镇。", []),
        # Endings of villages of the coast and the north-east, and of a post station.
        ("1949年11月3日，敌军攻占贺家岙。", [("贺家岙", "贺家岙")]),
        ("1932年7月29日，日军在罗圈甸子袭击总部。", [("罗圈甸子", "罗圈甸子")]),
        ("1913年8月9日，袁军在望夫亭登岸。", [("望夫亭", "望夫亭")]),
        # Canton's landmarks of 1927 and the 沂蒙 villages of 1941 are in the gazetteer.
        ("1927年12月11日，教导团攻占观音山，赤卫队占领长堤。", [("观音山", "观音山"), ("长堤", "长堤")]),
        ("1941年11月5日，师部在留田，马牧池被围。", [("留田", "留田"), ("马牧池", "马牧池")]),
        # Right after a county or a city, a name with a place's ending is a place in it; its own gate suburb
        # (临汾东关) is the city, and a preposition or a count is no name (经龙团圩, 约六十里).
        ("1944年12月3日，日寇进犯都匀茅草坪。", [("都匀", "都匀"), ("茅草坪", "茅草坪")]),
        ("3月20日以主力由高安经龙团圩向上高前进。", [("高安", "高安"), ("龙团圩", "龙团圩"), ("上高", "上高")]),
        # A count after a listed name is no part of it (two strongpoints); inside a place told before is no name.
        ("1948年3月7日，我军攻克尧庙、贾得两据点，冲入庙内。", [("尧庙", "尧庙"), ("贾得", "贾得")]),
        # A passive marker may follow a one-character ending: 玉屏山被攻占 is the hill, not the county 玉屏.
        ("1938年9月28日，要塞制高点玉屏山被日军攻占。", [("玉屏山", "玉屏山")]),
        # A height written digit by digit in Chinese numerals.
        ("十七日，該師團攻佔一三九〇高地。", [("一三九〇高地", "1390高地")]),
        # A county whose name is a word (长子, 民权) is the county in a 、-list of places.
        ("1945年8月，敌分驻长子、屯留、潞城。", [("长子", "长子"), ("屯留", "屯留"), ("潞城", "潞城")]),
        # A city's gate suburb right after the city is part of it; alone it is a place.
        ("1945年9月24日，冀南纵队向长治南关发起攻击。", [("长治", "长治")]),
        ("1944年5月18日，战车第3师团猛攻西工、东关一线。", [("西工", "西工"), ("东关", "东关")]),
        # 襄河 is the Han river's middle course.
        ("1939年5月，主力自钟祥沿襄河东岸北上。", [("钟祥", "钟祥"), ("襄河", "汉水")]),
    ],
)
def test_heights_and_endings(text, expected):
    assert places(text) == expected


def test_named_formation_beats_its_place_name():
    frame = extract.extract_text("桂林方面军与西江方面军协同作战。", "t")["entities"]
    assert list(frame["label"]) == ["UNIT", "UNIT"]
    assert list(frame["norm"]) == ["桂林方面军", "西江方面军"]


def test_unknown_village_from_context(sample_entities):
    # 马驹岭 is in no gazetteer: the tagger finds it from the context around it.
    assert set(rows(sample_entities, "马驹岭", "PLACE")["norm"]) == {"马驹岭"}


@pytest.mark.parametrize(("surface", "norm"), [("郑州", "郑州"), ("洛阳", "洛阳"), ("衡阳", "衡阳"),
                                               ("黄河", "黄河"), ("平汉路", "京汉铁路")])
def test_sample_places(sample_entities, surface, norm):
    assert set(rows(sample_entities, surface, "PLACE")["norm"]) == {norm}


def test_traditional_characters_keep_original_offsets():
    text = "日軍攻佔衡陽,沿湘桂鐵路進犯桂林。"
    frame = extract.extract_text(text, "t")["entities"]
    hit = frame[frame.label == "PLACE"]
    assert list(zip(hit["text"], hit["norm"], strict=True)) == [
        ("衡陽", "衡阳"), ("湘桂鐵路", "湘桂铁路"), ("桂林", "桂林")]
    assert all(text[s:e] == t for s, e, t in zip(hit["start"], hit["end"], hit["text"], strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A county name made by two ordinary words is no place (据|城|固守); 洛阳城 keeps 洛阳.
        ("守军一部据城固守。", []),
        ("第4师防守洛阳城。", [("洛阳", "洛阳")]),
        # After a county name, X市 is a market town, not the modern county-level city.
        ("日军进至永安市。", [("永安市", "永安市")]),
        # A county's 县 is part of the mention, not of the norm; 县城 is the county's town.
        ("少年铁血队奔袭临江县境的伪警察署。", [("临江县", "临江")]),
        ("袭击通化县城外的据点。", [("通化", "通化")]),
        ("警卫旅在濛江县东北的山区。", [("濛江县", "蒙江")]),
        ("日軍已乘勢佔領了冷口關。", [("冷口關", "冷口")]),  # a pass's 关 is the pass itself
        # A name found once is the place after 对 and before 主阵地 too.
        ("2月2日，美军再次对帽落山主阵地发起进攻。3日，美军向帽落山主阵地进攻。",
         [("帽落山", "帽落山"), ("帽落山", "帽落山")]),
        # Province abbreviation + direction: a region.
        ("驻赣北之日军与鄂南之敌策应。", [("赣北", "赣北"), ("鄂南", "鄂南")]),
        # Places written back to back before 会战 name one campaign.
        ("豫西鄂北会战开始。", []),
    ],
)
def test_place_edge_cases(text, expected):
    assert places(text) == expected


def test_railways_and_battle_names_of_1938():
    assert places("日军沿南浔铁路南下，台儿庄大捷后守军转移。") == [("南浔铁路", "南浔铁路")]


def test_bays_ports_and_islands_extend_a_known_name():
    assert places("日军在钦州湾的龙门港登陆，海南岛为其基地。") == [
        ("钦州湾", "钦州湾"), ("龙门港", "龙门港"), ("海南岛", "海南岛")]


@pytest.mark.parametrize(("text", "unresolved"), [
    ("1944年4月19日，日军攻占马驹岭。", ["马驹岭"]),       # a village found from context: no coordinates
    ("1944年4月19日，日军攻占郑州。", []),                 # in the gazetteers with coordinates
    ("1944年4月19日，日军渡过黄河。", []),                 # a river has no point to give
])
def test_places_without_coordinates_are_reported(text, unresolved):
    warnings = extract.extract_text(text, "t")["warnings"]
    found = warnings[warnings["kind"] == "unresolved_place"]["message"]
    assert [m.split(":")[0] for m in found] == unresolved


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One sense per document: a name read as a place from its context is a place where it stands alone.
        ("1948年11月10日，我军攻占碾庄。碾庄以东，敌军溃散。", [("碾庄", "碾庄"), ("碾庄", "碾庄")]),
        # A county whose name is a word (高台) is the county everywhere once a list shows it; not in a text without.
        ("1937年1月，向临泽、高台方向开进。1日，红5军攻克高台。",
         [("临泽", "临泽"), ("高台", "高台"), ("高台", "高台")]),
        ("1937年1月1日，红5军攻克高台。", []),
        # ... and where jieba's words begin and end at it, with a verb, preposition or particle beside it.
        ("1941年5月12日，寸性奇在悬山附近突围。残部往悬山去，敌把悬山围住。",
         [("悬山", "悬山"), ("悬山", "悬山"), ("悬山", "悬山")]),
        # Not where the name goes on into a longer one (官桥 of 官桥街, 万寿宫 of 西山万寿宫).
        ("1941年3月20日，敌攻占官桥。官桥街阵地失守。", [("官桥", "官桥"), ("官桥街", "官桥街")]),
        # Names listed before a place are places too (right to left), by their endings.
        ("第51师担任下陂桥、云头山、白茅山一线防务。",
         [("下陂桥", "下陂桥"), ("云头山", "云头山"), ("白茅山", "白茅山")]),
        # A listed name that ends a longer place name is that longer name.
        ("日军进攻天马山。", [("天马山", "天马山")]),
        ("1944年8月14日，國軍攻佔了老東坡所有據點。", [("老東坡", "老东坡")]),  # after 了 a name begins
        ("薛岳用铅笔敲了敲万家岭三个字。", [("万家岭", "万家岭")]),  # but not with a verb
        ("1940年2月1日，陆军飞行队轰炸宾阳城。", [("宾阳", "宾阳")]),  # 宾|阳城: the city and its wall, no 阳城
        ("1946年7月20日，敌师部被我第1师包围于田肚里。", [("田肚里", "田肚里")]),  # 于 is a preposition: no 于田
        ("1937年1月20日，敌人打开城门，冲入城内。", []),  # 开城 is Kaesong only in the Korean War; a gate is no place
        ("1937年9月12日，日军攻入阳高，将五百余人押至瓮城。", [("阳高", "阳高")]),  # a town's barbican is no name
        ("1937年1月20日，董振堂在东城门楼指挥作战时身负重伤。", []),  # nor its gate tower
        ("1939年11月17日，欽縣陷落。", [("欽縣", "钦县")]),  # a county of 1912-1949 (today's 钦州)
        # After a place, 以 and a direction with no link: a name with a place's ending is the place located.
        ("1939年8月2日，游击支队在睢县以南宋庄伏击日军。", [("睢县", "睢县"), ("宋庄", "宋庄")]),
        ("1937年10月18日，第716团设伏于雁门关以南黑石头沟公路西侧。", [("雁门关", "雁门关"), ("黑石头沟", "黑石头沟")]),
        ("1941年，第5军撤至宾阳以北整补。", [("宾阳", "宾阳")]),
        # A strong locator (一带, 附近) after a name jieba does not know, with nothing glued before it.
        ("1939年11月4日，敌主力窜据，银坊一带不见我军。", [("银坊", "银坊")]),
        ("1937年9月，居庸关失守，退据附近山岭。", [("居庸关", "居庸关")]),
        # A direction and a height after a name: the name is the place, the height (东北高地) none.
        ("1939年11月7日，敌急抢占张家坟东北高地。", [("张家坟", "张家坟")]),
        ("1944年12月，以第104师团自从化北上。", [("从化", "从化")]),  # a direction after the county keeps it
        ("1939年12月25日夜袭击七塘附近的炮兵阵地。", [("七塘", "七塘")]),  # 夜袭 is no context word in 夜袭击
        ("日军攻占马山。", [("马山", "马山")]),
        # A one-character word before and a context word after together make a place.
        ("当晚，第3纵队第5团在高坦以北与第144师遭遇。", [("高坦", "高坦")]),
        # A hill named by its height.
        ("第27军在1072高地以南阻击。", [("1072高地", "1072高地")]),
        # Burma 1942, old names of Chinese cities.
        ("第200师在同古坚守，新38师驰援仁安羌。", [("同古", "同古"), ("仁安羌", "仁安羌")]),
        ("國軍收復四平街。", [("四平街", "四平")]),
        # Counties of the period that no longer exist, and another name of a country.
        ("1938年5月，第88师放弃兰封城。", [("兰封", "兰封")]),
        ("1951年1月，南韩第3军撤退。", [("南韩", "南朝鲜")]),
        ("1938年5月26日，令各军歼灭开封、兰封间敌军。", [("开封", "开封"), ("兰封", "兰封")]),  # 间: between
        # A listed name inside a longer one after 的 (前沿的米花山); a known place with an ending before a verb.
        ("1934年11月29日，前沿的米花山失守。", [("米花山", "米花山")]),
        ("1933年4月11日，第139师退守建昌营。", [("建昌营", "建昌营")]),
        ("1941年5月下旬，日军在中条山里反复清剿。", [("中条山", "中条山")]),
        # A place ending at a word boundary ends the name before a verb no list holds.
        ("国民党军以优势兵力向石井坑发起猛攻。", [("石井坑", "石井坑")]),
        ("第36师向汇山码头发起进攻。", [("汇山码头", "汇山码头")]),
        # …and the name found so is the place where it stands before a character no name holds.
        ("我军向石井坑发起猛攻。石井坑是一个小村。", [("石井坑", "石井坑"), ("石井坑", "石井坑")]),
        # A comma ends a campaign's list of places; a county glued to 城 by jieba stays whole.
        ("第4军于6月中旬收复灵宝，豫中会战至此结束。", [("灵宝", "灵宝")]),
        ("中野第3纵队向宿县城发起攻击。", [("宿县", "宿县")]),
        # An echelon character inside a name with a place ending after it; a two-character ending's longer name.
        ("我军攻克涞源东北的东团堡。", [("涞源", "涞源"), ("东团堡", "东团堡")]),
        ("第57师收复龙团圩。", [("龙团圩", "龙团圩")]),
        ("日军一部攻占克永冈机场。", [("克永冈机场", "克永冈机场")]),
        # The events stage's action words are context words: after an attack word, a name jieba does not know.
        ("另股共军分两路窜向安岐、林厝等地。", [("安岐", "安岐"), ("林厝", "林厝")]),
        ("新6军第14师推进到安江一带。", [("安江", "安江")]),  # 到 begins no place name
    ],
)
def test_places_nobody_listed(text, expected):
    assert places(text) == expected
