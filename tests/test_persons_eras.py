"""Commanders of every era in persons.csv: names, courtesy names, and sides in the codes of the conflict."""

from __future__ import annotations

import pytest

import extract


def persons(text: str) -> list[tuple[str, str, str]]:
    frame = extract.extract_text(text, "t")["entities"]
    hit = frame[frame.label == "PERSON"]
    return list(zip(hit["text"], hit["norm"], hit["side"].fillna(""), strict=True))


@pytest.mark.parametrize(("text", "expected"), [
    # The warlord era: the contract has no code for the factions, so no side.
    ("1924年9月，吴佩孚与张作霖在山海关一带交战。", [("吴佩孚", "吴佩孚", ""), ("张作霖", "张作霖", "")]),
    ("1925年11月，郭松龄起兵反奉，杨宇霆出走。", [("郭松龄", "郭松龄", ""), ("杨宇霆", "杨宇霆", "")]),
    # 1913 and 1927: the Second Revolution's and the Canton rising's men, courtesy names too (宋钝初).
    ("1913年7月，郑汝成守制造局，钮永建率部进攻。宋钝初遇刺。", [("郑汝成", "郑汝成", ""), ("钮永建", "钮永建", ""),
                                                  ("宋钝初", "宋教仁", "")]),
    ("1927年12月11日，周文雍率工人赤卫队起义，成立苏维埃政府，苏兆征任主席。",
     [("周文雍", "周文雍", "CCP"), ("苏兆征", "苏兆征", "CCP")]),
    ("1926年，张效坤与孙馨远在南京会商。", [("张效坤", "张宗昌", ""), ("孙馨远", "孙传芳", "")]),
    ("1918年，徐世昌就任大总统，冯国璋去职。", [("徐世昌", "徐世昌", ""), ("冯国璋", "冯国璋", "")]),
    ("1920年，湖南赵恒惕驱逐张敬尧。", [("赵恒惕", "赵恒惕", ""), ("张敬尧", "张敬尧", "")]),
    ("1929年4月，蒋桂战争中李明瑞、杨腾辉倒戈，叶琪一师撤回。",
     [("李明瑞", "李明瑞", ""), ("杨腾辉", "杨腾辉", ""), ("叶琪", "叶琪", "")]),
    # The civil war of 1927-1937: Red Army and government commanders.
    ("1930年12月，谭道源率第50师进至源头。", [("谭道源", "谭道源", "KMT")]),
    ("1931年，段德昌率红6军转战洪湖。", [("段德昌", "段德昌", "CCP")]),
    ("1934年11月，寻淮洲在谭家桥负伤。", [("寻淮洲", "寻淮洲", "CCP")]),
    # The civil war of 1945-1950.
    ("1948年12月15日，第18军军长杨伯涛被俘。", [("杨伯涛", "杨伯涛", "KMT")]),
    ("1948年11月，第44军军长王泽濬在碾庄被俘。", [("王泽濬", "王泽濬", "KMT")]),
    ("1948年，第15绥靖区司令官康泽在襄阳被俘。", [("康泽", "康泽", "KMT")]),
    ("1947年，毛润之致电前线。", [("毛润之", "毛泽东", "CCP")]),
    ("1947年3月25日，彭老总在青化砭指挥伏击。", [("彭老总", "彭德怀", "CCP")]),  # a nickname the world knows
    ("1926年9月，赖世璜率第14军攻入赣南。", [("赖世璜", "赖世璜", "")]),
    ("1948年，冀热辽军区司令员李运昌率部出关。", [("李运昌", "李运昌", "CCP")]),
    # Against Japan the factions are China: courtesy names of Nationalist generals.
    ("1937年7月，宋明轩返回北平。", [("宋明轩", "宋哲元", "CN")]),
    ("1939年，张向华指挥第4战区部队反攻。", [("张向华", "张发奎", "CN")]),
    ("1938年，孙仿鲁率部坚守台儿庄。", [("孙仿鲁", "孙连仲", "CN")]),
    # Korea: US, allied, North Korean and Chinese commanders.
    ("1950年11月，美第7师第31团团长麦克莱恩上校阵亡。", [("麦克莱恩", "麦克莱恩", "US")]),
    ("1950年11月，代理团长费斯中校率部突围。", [("费斯", "费斯", "US")]),
    ("1950年7月，美第24师师长迪安被俘。", [("迪安", "迪安", "US")]),
    ("1951年2月，弗里曼率第23团坚守砥平里。", [("弗里曼", "弗里曼", "US")]),
    ("1950年7月，南朝鲜第1军团军团长金弘壹下令后撤。", [("金弘壹", "金弘壹", "ALLIED")]),
    ("1950年9月，朝鲜人民军第13师参谋长李学九投诚。", [("李学九", "李学九", "KP")]),
    ("1950年10月，志愿军第42军军长吴瑞林率部入朝。", [("吴瑞林", "吴瑞林", "CN")]),
    ("1952年10月，第45师师长崔建功指挥上甘岭作战。", [("崔建功", "崔建功", "CN")]),
    ("1950年，国务卿艾奇逊发表讲话。", [("艾奇逊", "艾奇逊", "US")]),
    ("1950年4月，冯白驹率部接应渡海部队。", [("冯白驹", "冯白驹", "CCP")]),
    ("1916年1月，陈宦电告北京。", [("陈宦", "陈宦", "")]),
    ("1920年7月，曹鍈与蔡成勳率部驰援。", [("曹鍈", "曹锳", ""), ("蔡成勳", "蔡成勋", "")]),
    ("1911年10月10日，瑞澄乘军舰逃往汉口。", [("瑞澄", "瑞澂", "")]),  # the usual misspelling
    # A name OpenCC's t2s would change (榘 -> 矩) keeps the gazetteer's spelling as its norm.
    ("1938年1月，韓復榘放弃济南。", [("韓復榘", "韩复榘", "CN")]),
    ("1947年，陈士榘指挥西线兵团。", [("陈士榘", "陈士榘", "CCP")]),
    ("1938年3月，坂垣征四郎率第5师团南下。", [("坂垣征四郎", "板垣征四郎", "JP")]),  # the usual misspelling
    # Names nobody listed, from jieba's guess of an unknown word that stands free.
    ("1911年10月12日，梁钟汉、王守愚在汉川起事。", [("梁钟汉", "梁钟汉", ""), ("王守愚", "王守愚", "")]),
    ("1930年8月，骑兵由郑大章率领于夜间急驰。", [("郑大章", "郑大章", "")]),
    ("1916年3月，冯部始退。", []),  # 冯部 + 始: a troops word inside
    # A Japanese rank after a name ends it (大佐, 中佐, 少佐).
    ("1944年8月，联队长藏重康美大佐据守来凤山。", [("藏重康美", "藏重康美", "JP")]),
    # A third character that begins a common word with the next is not the name's (身负, 旋即, 代之 beside 邹芬所部).
    ("1933年2月27日，第52师师长李明身负重伤。", [("李明", "李明", "KMT")]),
    ("1922年4月，第16师原系冯国璋旧部，改以韩芬代之。5月4日，韩芬所部倒戈。",
     [("冯国璋", "冯国璋", ""), ("韩芬", "韩芬", "")]),
    # A Japanese commander's surname that is also a Korean town's name (水原) is the name's.
    ("1939年9月，八路军全歼旅团长水原义重少将率领的日伪军。", [("水原义重", "水原义重", "JP")]),
    # A surname's character before an echelon's and 部 is an office (陆军部), no commander's troops.
    ("1917年9月，段祺瑞任命陆军部次长傅良佐为湖南督军。", [("段祺瑞", "段祺瑞", ""), ("傅良佐", "傅良佐", "")]),
    # A name nobody listed that opens its clause before a verb of leading (not a title's 军长率部, not 该师率先).
    ("1918年1月18日，林秀海率左翼攻筻口，宋鹤林率右翼攻托坝。", [("林秀海", "林秀海", ""), ("宋鹤林", "宋鹤林", "")]),
    ("1942年6月8日，军长率部向东冲杀，该师率先突入。", []),
    # A memoir's comrades after the posts of a company and below; a name a word of naming introduces.
    ("1949年7月12日，我们指导员赵长林就说，一排长孙满仓下午牺牲了。",
     [("赵长林", "赵长林", ""), ("孙满仓", "孙满仓", "")]),
    ("1940年2月22日，一个叫赵廷喜的劝他投降。部队叫我们连夜出发。", [("赵廷喜", "赵廷喜", "")]),
    # The commanders of the United Army and its enemies in Manchuria.
    ("1938年6月，程斌投敌，岸谷隆一郎大喜。", [("程斌", "程斌", "CN"), ("岸谷隆一郎", "岸谷隆一郎", "JP")]),
    # Commanders of the Constitutional Protection War, the year before a civil war's.
    ("民國七年五月五日，劉建藩率隊轉入株洲。", [("劉建藩", "刘建藩", "")]),
])
def test_commanders_of_every_era(text, expected):
    assert persons(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A surname and a title refer to the person of the document with that surname, nearest before.
    ("1944年6月，第10师师长葛先才守衡阳。葛师长说：守住。",
     [("葛先才", "葛先才", "CN"), ("葛师长", "葛先才", "CN")]),
    ("1937年10月，郝梦龄率第9军守忻口。10月16日，郝军长阵亡。",
     [("郝梦龄", "郝梦龄", "CN"), ("郝军长", "郝梦龄", "CN")]),
    ("1944年6月，王师长来了。", []),   # no 王 named in the document: nobody to refer to
    # The given name after the title belongs to the mention (刘营长峙); 先生 and 大总统 are titles too.
    ("1925年2月，刘峙率第二营进攻。刘营长峙负伤。", [("刘峙", "刘峙", ""), ("刘营长峙", "刘峙", "")]),
    ("1922年6月，孙中山登永丰舰。孙大总统电令北伐军回师。", [("孙中山", "孙中山", ""), ("孙大总统", "孙中山", "")]),
    ("1925年3月，孙中山病逝北京。孙先生遗嘱传到军中。", [("孙中山", "孙中山", ""), ("孙先生", "孙中山", "")]),
    # The titles of 1913 and of the base areas: 都督, 主任, and 书记 or 学兵 before a name.
    ("1913年7月，江苏都督程德全宣布独立。程都督电告各省。", [("程德全", "程德全", ""), ("程都督", "程德全", "")]),
    ("1941年11月，萧华也在，萧主任说话了。", [("萧华", "萧华", "CN"), ("萧主任", "萧华", "CN")]),
    ("1927年12月，省委书记张太雷到了。学兵陈阿水擦枪。", [("张太雷", "张太雷", ""), ("陈阿水", "陈阿水", "")]),
    # A telegram's signer by his given name alone, where it opens a clause (烈钧忝受); not a common word.
    ("1913年7月12日，江西讨袁军总司令李烈钧通电。袁世凯违法殃民。烈钧忝受国民付托。",
     [("李烈钧", "李烈钧", ""), ("袁世凯", "袁世凯", ""), ("烈钧", "李烈钧", "")]),
    ("1931年11月，日军进攻江桥，马占山通电全国：“占山守土有责。”日军受阻。",
     [("马占山", "马占山", "CN"), ("占山", "马占山", "CN")]),
    # ...but not where a title's characters fall in ordinary words (地处长江南岸, 士兵伏于瓦砾, 对记者谈称).
    ("1924年9月，浏河地处长江南岸。士兵伏于瓦砾之间。司令今日对记者谈称。", []),
    # A rare surname the list lacks, once the document names someone of it.
    ("1941年5月，第12师师长寸性奇坚守。13日，寸师长阵亡。",
     [("寸性奇", "寸性奇", "CN"), ("寸师长", "寸性奇", "CN")]),
    # A Japanese commander by his surname alone, once named in full; a place of that name stays a place.
    ("1932年2月，第9师团师团长植田谦吉指挥进攻。植田发表声明。",
     [("植田谦吉", "植田谦吉", "JP"), ("植田", "植田谦吉", "JP")]),
    ("1944年6月，第56师团师团长松山祐三退守。新28师进攻松山。", [("松山祐三", "松山祐三", "JP")]),
    # A three-character Japanese name (surname and a one-character given name), and a 小队长's name.
    ("1944年7月16日，第1大队长关根彰率部再攻萧家山。关根中弹。",
     [("关根彰", "关根彰", "JP"), ("关根", "关根彰", "JP")]),
    ("1944年7月16日，小队长佐藤晃雄率部冲锋。", [("佐藤晃雄", "佐藤晃雄", "JP")]),
    # A name is not glued to the verb its last character begins (丁盛没有, 刘棱扼守).
    ("1953年7月，军长丁盛没有迟疑。", [("丁盛", "丁盛", "CN")]),
    ("1913年7月，团长刘棱扼守沙河。", [("刘棱", "刘棱", "")]),
    # A known name is cut where jieba ends its word (粟裕|原|计划), a longer name stays whole (黄维纲|率部).
    ("1947年2月，司令员粟裕原计划南下。", [("粟裕", "粟裕", "CCP")]),
    ("1937年8月，师长黄维纲率部北上。", [("黄维纲", "黄维纲", "CN")]),
    # A surname and a title opening the clause refer back; what follows them is the clause, not a name.
    ("1937年8月，第13军军长汤恩伯守南口。汤军长原拟以第21师侧击。",
     [("汤恩伯", "汤恩伯", "CN"), ("汤军长", "汤恩伯", "CN")]),
    # 师 before a title is the unit's echelon, not a surname: the name after the title is read.
    ("1947年9月，整编第70师师长陈颐鼎被俘。", [("陈颐鼎", "陈颐鼎", "KMT")]),
])
def test_a_surname_and_a_title_refer_to_a_named_person(text, expected):
    assert persons(text) == expected
