"""Side codes follow the conflict narrated and the narrator's own words."""

from __future__ import annotations

import pytest

import extract


def mention_rows(text: str) -> list[tuple[str, str, str, str]]:
    frame = extract.extract_text(text, "t")["entities"]
    return [tuple(r) for r in frame[["text", "label", "norm", "side"]].values]


def side_of(text: str, surface: str) -> str:
    frame = extract.extract_text(text, "t")["entities"]
    hits = frame[frame["text"] == surface]
    assert len(hits), f"{surface} not found"
    return hits["side"].iloc[0]


@pytest.mark.parametrize(("text", "surface", "side"), [
    ("1940年8月20日，八路军第129师攻击正太铁路。", "八路军第129师", "CN"),          # against Japan: CN
    ("民国十五年九月五日，第三军朱培德部攻克萍乡。", "第三军", ""),  # a Northern Expedition army, no Japanese one
    ("1940年8月20日，彭德怀指挥八路军破击正太铁路。", "彭德怀", "CN"),
    ("1948年11月10日，华东野战军第9纵队攻占碾庄。", "华东野战军第9纵队", "CCP"),  # a column is the PLA's
    ("1948年11月10日，解放军包围黄百韬兵团。", "黄百韬兵团", "KMT"),
    ("1948年11月10日，粟裕指挥华东野战军南下。", "粟裕", "CCP"),
    ("1948年11月10日，第63军在窑湾被围。", "第63军", "KMT"),                 # a bare designation: the government's
    # From 1949 the PLA's armies are numbered 军 and 兵团 too: a bare designation is the narrator's side.
    ("1950年4月16日，第15兵团第43军强渡琼州海峡，在临高角登陆。", "第15兵团第43军", "CCP"),
    ("1950年4月16日，我军强渡琼州海峡，敌第62军撤往海口。", "第62军", "KMT"),
    ("民國三十九年四月，國軍第32軍在海口迎擊，共軍第43軍登陸。", "第32軍", "KMT"),
    # A yearless page: a conflict's word inside a longer unit's name (晋军 of 冀晋军区) is no evidence of its war.
    ("11月6日，晋察冀野战军攻击石门。冀晋军区部队包围飞机场，冀晋军区独立第1旅占领飞机场。8日，晋察冀野战军总攻。",
     "冀晋军区独立第1旅", "CCP"),
    # ...read against the month the mention is told in, not the month the story starts (1948 -> 1949).
    ("1948年10月，第15纵队攻击小店。1949年2月，第1兵团改称第18兵团，第15纵队改称第62军。", "第62军", "CCP"),
    ("1948年10月，第15纵队攻击小店，第33军溃退。1949年2月，部队整编。", "第33军", "KMT"),
    # 第43军、第40军: the unit beside one whose side memory gives shares it.
    ("1951年4月21日，美第24师集结。22日，第24师、第25师向汶山撤退。", "第25师", "US"),
    # X部Y: a unit under a commander's command is on the commander's side.
    ("1950年4月16日，我军登陆，国民党军薛岳部第32军溃退。", "第32军", "KMT"),
    ("民國三十七年十一月，國軍第7兵團與匪第9縱隊激戰。", "第9縱隊", "CCP"),
    ("民國三十七年十一月，我軍第7兵團固守碾莊，匪軍猛攻。", "第7兵團", "KMT"),           # 我 of a Nationalist narrator
    ("1948年11月，我军第9纵队攻占碾庄，蒋军第7兵团溃退。", "第9纵队", "CCP"),  # 我 of a Communist narrator
    ("1950年11月1日，志愿军第39军攻击云山。", "志愿军第39军", "CN"),                # Korea: the Volunteers are CN
    ("1950年11月1日，美军骑兵第1师在云山被围。", "骑兵第1师", "US"),
    # The Volunteers had no 集团军: in the Korean War 第八集团军 is the US Eighth Army.
    ("1953年7月14日，第八集团军司令泰勒下令韩军撤退。", "第八集团军", "US"),
    # A yearless page: the sides shown most often choose the war (美军, 韩军 throughout; 韩伪 and 日本 once).
    ("7月14日，美军第3师向金城进攻，韩军第6师撤退。美军第2师从日本空运到汉城。韩伪9师反扑。美军第45师守备。",
     "第2师", "US"),
    ("1950年11月1日，南朝鲜军第6师向温井溃退。", "第6师", "ALLIED"),
    ("1950年11月25日，志愿军第38军向伪第2军团正面突击。", "第2军团", "ALLIED"),  # 伪 in Korea: South Korean
    ("1950年9月15日，人民军第1、第3、第5军团向洛东江进攻。", "第5军团", "KP"),   # a corps is the KPA's
    ("1944年5月1日，伪第2师向新郑进犯。", "第2师", "JP"),
    ("1944年5月1日，日军第37师团攻占郑州，我军第85军撤退。", "第85军", "CN"),
    # 1931-1937 is the war with Japan where the text's designations show Japan, else the civil war; 日军 said
    # twice shows it as well as a 师团.
    ("1933年3月9日，日军向喜峰口进攻，第37师反击，日军溃退。", "第37师", "CN"),
    ("1932年1月28日夜，日军第9师团向闸北进攻，第19路军第78师奋起抵抗。", "第19路军第78师", "CN"),
    ("1934年11月，红1军团在脚山铺阻击湘军第16师，痛斥日本侵略。", "湘军第16师", "KMT"),
    # The warlord wars and the Northern Expedition have no Chinese side codes: the side stays empty.
    ("1926年8月27日，北伐军第4军攻克汀泗桥。", "第4军", ""),
    ("1926年8月27日，北伐军第4军攻克汀泗桥，吴佩孚退走。", "吴佩孚", ""),
    # A year of the warlord era alone, no campaign named: still no Chinese code.
    ("1920年7月16日，皖军进攻涿州。", "皖军", ""),
    # A clash of the two Chinese sides during the war with Japan, named by its campaign: CCP against KMT.
    ("1941年1月6日，皖南事变爆发，新四军军部在茂林遭第40师袭击。", "新四军", "CCP"),
    ("1941年1月6日，皖南事变爆发，新四军军部在茂林遭第40师袭击。", "第40师", "KMT"),
    ("1941年1月6日，皖南事变爆发，新四军第1纵队向丕岭前进。", "新四军第1纵队", "CCP"),
    ("1941年1月6日，新四军第1支队在茅山一带袭击日军。", "新四军第1支队", "CN"),  # against Japan, the same army is CN
    # A bare regiment last named in a nested run keeps that run's side (美7师31团 ... 31团团长).
    ("1950年11月27日，美7师31团在新兴里宿营。28日，31团团长阵亡。", "31团", "US"),
    ("1950年4月16日，琼崖纵队接应渡海部队。", "琼崖纵队", "CCP"),
    # One sense per document: a designation a side word marks with one side (被我第8师) is that side before too.
    ("1947年1月2日，第8师攻占尚岩。4日，敌整编第26师向峄县逃窜，被我第8师截住。", "第8师", "CCP"),
    # An army named before the second member of a list is that member's, not the first's.
    ("1951年2月11日，第42军和人民军第5军团从北面向横城突击。", "第42军", "CN"),
    ("1951年2月，邓华指挥第40军、第66军和人民军第2、第5军团出击。", "第40军", "CN"),
    # A formation governs only as the govern word's subject: past a clause end another one is.
    ("1951年1月，人民军第1军团在汉江南岸抗击，东线则由邓华统一指挥第39军出击。", "第39军", "CN"),
    # A collaborator's side begins when he went over (persons.csv side_from): not before.
    ("1924年9月3日，江浙战争爆发，齐燮元部进攻宜兴。", "齐燮元", ""),
    ("1922年5月4日，张景惠所部奉军在长辛店溃退。", "张景惠", ""),
    ("1938年3月，齐燮元任伪华北治安部总长。", "齐燮元", "JP"),
    ("5月中旬，西北军与晋军东进，孙良诚部进攻归德。", "孙良诚", ""),  # no year, but a warlord war
    ("5月中旬，孙良诚部伪军进攻归德。", "孙良诚", "JP"),  # no year, no war named: the war with Japan
    ("1929年10月12日，中东路事件中苏军第2师进攻同江。", "第2师", ""),  # the Soviet army of 1929 is no ALLIED
    ("1945年8月9日，苏军第1远东方面军进攻牡丹江。", "第1远东方面军", "ALLIED"),
    ("1936年11月15日，德王所部伪蒙军进犯红格尔图。", "德王", "JP"),
    # A text with no year and no campaign: two words only one war's narratives use name the war.
    ("4月28日，直军与奉军在长辛店激战，直军第26师进攻青县。", "直军第26师", ""),
    ("5月中旬，反蒋联军的西北军与晋军沿陇海路东进，第2路军进攻归德。", "第2路军", ""),
    ("2月18日，护国军讨袁，第七师进攻双河场。", "第七师", ""),  # the war against Yuan has no code
    ("10月12日，清军南下，民军在刘家庙迎击，第2军一部进攻大智门。", "第2军", ""),  # nor the revolution
    ("25日拂晓，第一野战军发起总攻，我野战军第6军攻克营盘岭。", "第一野战军", "CCP"),
    # …and a word in use only from a month dates the story: the field armies' numbered 军 of 1949 are the PLA's.
    ("25日拂晓，第一野战军发起总攻。第六军攻克营盘岭，六十五军于黄昏占领古城岭，锁钥已在我野战军手中。",
     "六十五军", "CCP"),
    # A formation named by its place in an advance is the narrator's until a word says whose (陈诚的中路军).
    ("1933年2月，我们红军打的是陈诚的中路军。", "中路军", "KMT"),
    ("1948年9月16日，攻城集团对济南发起攻击，东集团以9纵为主力。", "东集团", "CCP"),
    # A commander leading a unit names which Chinese side a bare designation is on.
    ("1927年8月1日凌晨，南昌起义爆发，贺龙指挥第二十军直扑敌军总指挥部。", "第二十军", "CCP"),
    # One narrator's word in a long text is someone else's, reported (a prisoner's 共军): the PLA memoir stays CCP.
    ("1949年7月，我们一野打扶眉。" + "部队连夜行军，天亮时到了河边，大家趴在麦地里等着天黑。" * 100
     + "俘虏说根本不晓得共军到了他们后头。19兵团攻占宝鸡。", "19兵团", "CCP"),
    # A list under X以 shares X's side past the echelon's guess (1949: a bare 军 is the narrator's).
    ("1949年7月10日，我军发起扶眉战役。胡宗南集团以第38军、第65军、第90军等部布防。", "第90军", "KMT"),
])
def test_the_side_follows_the_conflict_and_the_narrator(text, surface, side):
    assert side_of(text, surface) == side


@pytest.mark.parametrize(("text", "row"), [
    ("1948年11月22日，华东野战军第9纵队攻占碾庄。", ("1948-11-22", "capture", "碾庄", "CCP")),
    ("1948年11月22日，敌第7兵团放弃碾庄。", ("1948-11-22", "withdraw", "碾庄", "KMT")),
    ("1944年5月25日，洛阳失守。", ("1944-05-25", "capture", "洛阳", "JP")),
    # Taken with no taker named (被攻陷): the narrator's enemy takes it.
    ("1939年5月7日，我军后撤，随县、枣阳被同时攻陷。", ("1939-05-07", "capture", "枣阳", "JP")),
    # A translated Soviet history: 我军 again and again, Soviet formations and commanders named far more than
    # China's, 苏军 seldom; its 我军 and the armies it writes the Chinese way (第35集团军) are the Soviet side.
    ("1945年8月9日，我军外贝加尔方面军、远东第1方面军、远东第2方面军同时发起进攻。马林诺夫斯基、梅列茨科夫、"
     "普尔卡耶夫、华西列夫斯基指挥我军。近卫坦克第6集团军越过大兴安岭，第1红旗集团军、第2红旗集团军、"
     "阿穆尔河区舰队、苏蒙骑兵机械化集群协同。同日，第35集团军强渡乌苏里江，我军进展顺利。",
     ("1945-08-09", "cross", "乌苏里江", "ALLIED")),
    # A page that never gives its year but names a Nationalist formation of the civil war (黄杰兵团) tells of it.
    ("25日，第39军攻占柳州。黄杰兵团向南宁逃窜。", ("XXXX-XX-25", "withdraw", "南宁", "KMT")),
    # 刘邓: 刘伯承 and 邓小平's army, the Communist side of the civil war (the clause before names the other side).
    ("1945年10月28日，国民党军第40军被围。刘邓指挥主力向马头镇发起总攻。", ("1945-10-28", "attack", "马头镇", "CCP")),
    # A mainland dispatch calls the Nationalists 匪 (阎匪, 胡匪军): its 我军 is the PLA, 匪 the enemy.
    ("1948年3月7日，我军向阎匪第34军发起攻击。阎匪溃退，胡匪军增援。我军攻占刘村。",
     ("1948-03-07", "capture", "刘村", "CCP")),
    ("1948年3月7日，我军向阎匪第34军发起攻击。阎匪向临汾溃退。我军攻占刘村。",
     ("1948-03-07", "withdraw", "临汾", "KMT")),
    # Its designations opened by 我 (我第3野战军第9兵团) outvote the 匪 of its enemy: a bare 军 of 1949 is the PLA's.
    ("1949年4月21日，我第3野战军第9兵团强渡长江。匪军溃退。我第2野战军第5兵团攻占芜湖，匪部逃窜。第27军攻占繁昌。",
     ("1949-04-21", "capture", "繁昌", "CCP")),
    ("1949年4月21日，我第3野战军第9兵团强渡长江。匪军溃退。我第2野战军第5兵团攻占芜湖，匪部逃窜。第27军攻占繁昌。",
     ("1949-04-21", "withdraw", "长江", "KMT")),
    # December 1927 falls in the Northern Expedition's months too: 赤卫队 and 苏维埃 tell of the civil war.
    ("1927年12月11日，教导团和赤卫队攻占公安局，宣布成立苏维埃政府。敌第5军渡过珠江。",
     ("1927-12-11", "cross", "珠江", "KMT")),
    # ...and so does a reorganized division (整编第8师, 1946-1948), named once and with no side word.
    ("7月10日，许世友指挥部队向莱阳发起进攻。整编第8师向青岛撤退。", ("XXXX-07-10", "withdraw", "青岛", "KMT")),
    ("7月10日，许世友指挥部队向莱阳发起进攻。整编第8师向青岛撤退。", ("XXXX-07-10", "attack", "莱阳", "CCP")),
    # A translated Japanese war history writes 敌第200师 and 敌新编第22师: the narrator is Japanese, 敌 Chinese.
    ("昭和14年12月18日，敌第200师猛攻昆仑关，敌新编第22师亦向九塘进出。同日夕，敌攻占昆仑关。",
     ("1939-12-18", "capture", "昆仑关", "CN")),
    ("1939年12月18日，敌第5师团猛攻昆仑关，敌第21旅团亦向九塘进出。同日夕，敌攻占昆仑关。",
     ("1939-12-18", "capture", "昆仑关", "JP")),
    ("1948年10月10日，我军34团正面的塔山阵地被攻占。", ("1948-10-10", "capture", "塔山", "KMT")),
    # A Communist telegram calls the enemy 匪 too: its columns (我第六纵队) say whose side 我 is.
    ("1948年11月8日，我第六纵队攻占新安镇。匪军向西逃窜。我第一纵队追击，匪部溃退。我第四纵队渡过运河，围歼外围之匪。",
     ("1948-11-08", "capture", "新安镇", "CCP")),
    # A Japanese soldier's diary in translation: 支那军 is the enemy, 我 Japan.
    ("1938年5月9日，我联队攻占蒙城。支那军向西溃退。", ("1938-05-09", "capture", "蒙城", "JP")),
    ("1938年5月9日，我联队攻占蒙城。支那军向西溃退。", ("1938-05-09", "withdraw", "蒙城", "CN")),
    # The 昌都 campaign: the PLA is CCP, the Tibetan army (守敌) has no code and no later clue gives it one.
    ("1950年10月7日，昌都战役开始，我第52师强渡金沙江。守敌弃阵向同普方向逃窜。",
     ("1950-10-07", "cross", "金沙江", "CCP")),
    ("1950年10月7日，昌都战役开始，我第52师强渡金沙江。守敌弃阵向同普方向逃窜。",
     ("1950-10-07", "withdraw", "同普", "")),
    # In its months, two words of the 1929 war (苏俄, 东北边防军) name it: neither army has a code.
    ("1929年10月12日，苏俄军队进攻同江，东北边防军第九旅残部向西撤退。", ("1929-10-12", "withdraw", "同江", "")),
    # 苏军 of 1911 is the Jiangsu army, no Soviet ally: the revolution's armies have no side code.
    ("宣统三年十月初七日，苏军刘之洁部、沪军洪承点部由秣陵关北进，会攻雨花台。",
     ("1911-11-27", "attack", "雨花台", "")),
])
def test_event_sides_follow_the_conflict(text, row):
    events = extract.extract_text(text, "t")["events"]
    assert row in [tuple(r) for r in events[["date", "event_type", "place", "actor_side"]].values]


@pytest.mark.parametrize(("text", "mention"), [
    ("民國三十七年，陳匪毅所部竄擾。", ("陳匪毅", "PERSON", "陈毅", "CCP")),
    ("民國三十七年，劉匪伯承所部竄擾。", ("劉匪伯承", "PERSON", "刘伯承", "CCP")),
    ("1948年11月，华野9纵攻占碾庄。", ("华野9纵", "UNIT", "华东野战军/第9纵队", "CCP")),
    ("1948年11月，8纵队攻占碾庄。", ("8纵队", "UNIT", "第8纵队", "CCP")),
    ("1948年11月，华野1、 8纵队攻占碾庄。", ("1", "UNIT", "第1纵队", "CCP")),   # a bare list member, a padding space
])
def test_forms_of_the_civil_war(text, mention):
    assert mention in mention_rows(text)


@pytest.mark.parametrize(("text", "mention"), [
    ("1940年8月，冀中军区第1军分区攻击任丘。", ("冀中军区第1军分区", "UNIT", "冀中军区/第1军分区", "CN")),
    ("1947年5月，整编第74师进攻孟良崮。", ("整编第74师", "UNIT", "整编第74师", "KMT")),
    ("1947年5月，整编74师被围于孟良崮。", ("整编74师", "UNIT", "整编第74师", "KMT")),
    ("1947年5月，整74师被围于孟良崮。", ("整74师", "UNIT", "整编第74师", "KMT")),   # 整 short for 整编
    ("1950年10月19日，朝鲜人民军第1军团收复平壤。", ("朝鲜人民军第1军团", "UNIT", "朝鲜人民军/第1军团", "KP")),
    ("1948年11月，第3绥靖区副司令何基沣率部起义。", ("第3绥靖区", "UNIT", "第3绥靖区", "KMT")),
    ("1949年4月，第三野战军渡江。", ("第三野战军", "UNIT", "第3野战军", "CCP")),
    # A side word makes a bare one-digit number a designation; a one-character country after 是 is still one.
    ("1951年1月1日，伪1师的江防被突破。", ("1师", "UNIT", "第1师", "ALLIED")),
    ("1951年1月3日，美7师向南撤退。", ("7师", "UNIT", "第7师", "US")),
    ("1950年12月23日，更倒霉的是美第8集团军司令沃克。", ("第8集团军", "UNIT", "第8集团军", "US")),
])
def test_designations_of_other_armies(text, mention):
    assert mention in mention_rows(text)


@pytest.mark.parametrize(("text", "row"), [
    ("1950年10月，美第8集团军越过三八线北犯。", ("1950-10", "cross", "三八线", "US")),      # 美 beats 集团军's CN
    ("1950年11月8日，美远东空军出动B-29轰炸新义州。", ("1950-11-08", "air_raid", "新义州", "US")),  # 空军 in a unit
    ("民國三十七年十一月二十三日，匪向澮河北岸撤退。", ("1948-11-23", "withdraw", "浍河", "CCP")),  # one-character 匪
    ("民國三十七年十二月十日，匪攻陷大王莊。", ("1948-12-10", "capture", "大王庄", "CCP")),
])
def test_event_sides_from_side_words(text, row):
    events = extract.extract_text(text, "t")["events"]
    assert row in [tuple(r) for r in events[["date", "event_type", "place", "actor_side"]].values]


@pytest.mark.parametrize(("text", "surface", "side"), [
    ("国军第74军在上高击退日军。", "第74军", "CN"),       # no year: 日军 shows the war with Japan
    ("共军攻占临沂，国军第74军撤退。", "第74军", "KMT"),  # no year: 共军 and 国军 show the civil war
])
def test_a_text_without_a_year_or_campaign_shows_its_war(text, surface, side):
    assert side_of(text, surface) == side
