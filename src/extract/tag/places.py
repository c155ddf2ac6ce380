"""PLACE tagger for names that no gazetteer lists, found from their context.

Villages, hills and strongpoints (马驹岭, 白鹤铺, 新安店) are too many for any
gazetteer; a historian recognizes them from the words around them: a verb
of movement or capture before (攻占X, 进至X, 集结于X), a position word after
(X失守, X以北, X一带), an ending that names a kind of place (镇, 铺, 街, 山,
河, 机场), and membership in a list with a known place (瓮江、浯口). The
context words live in ``gazetteers/place_context.csv``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from extract.gazetteer import Gazetteer, longest_first
from extract.lexicon import is_common_word, is_place_word, jieba_lexicon, private_jieba
from extract.mention import Mention
from extract.numerals import DIGIT_CHARS, to_int

_NAME_CHARS = re.compile(r"[\u4e00-\u9fff]+")
@functools.lru_cache(maxsize=65536)
def _word_spans(window: str) -> tuple[tuple[int, int], ...]:
    """jieba's words of a short window as (start, end) pairs; windows repeat, so they are cached."""
    spans, pos = [], 0
    for piece in private_jieba().cut(window, HMM=False):
        spans.append((pos, pos + len(piece)))
        pos += len(piece)
    return tuple(spans)


@functools.lru_cache(maxsize=65536)
def _words_hmm(chunk: str) -> tuple[str, ...]:
    """jieba's words with its HMM guesses for unknown names (马驹|岭); contexts repeat, so cached."""
    return tuple(private_jieba().cut(chunk, HMM=True))


# jieba's part-of-speech tags of verbs and prepositions: a character so tagged before a name does not begin it.
_VERB_TAGS = frozenset({"v", "vd", "vn", "p"})
# jieba's tags of one-character words that stand before a name without being part of it: adverbs (又),
# conjunctions (而) and time words (当).
_FUNCTION_TAGS = frozenset({"d", "c", "t"})
# jieba's tags of position and place words (周围 f, 城郊 s): what follows a city is its outskirts, not a name.
_POSITION_TAGS = frozenset({"f", "s"})
# jieba dictionary frequency from which a verb glued across a context word and a name is read as one word.
_GLUED_VERB_FREQ = 1000
_GLUED_NOUN_FREQ = 500  # a noun at least this frequent in jieba's dictionary that runs into a name cuts it (淡水|城)
# jieba's tags of the words that may stand right beside a name repeated in a document (往悬山去, 埋在悬山上,
# 打轿岩山的): verbs, prepositions, locatives (上), particles (的, 了), conjunctions and adverbs.
_BESIDE_NAME_TAGS = frozenset({"v", "vd", "vn", "p", "f", "uj", "ul", "c", "d", "zg"})


_ARABIC = frozenset("0123456789")  # digits never stand in a name found from context (1072高地 is numbered)


@functools.lru_cache(maxsize=65536)
def _last_word(name: str) -> str:
    """jieba's last word of ``name`` when it has two words or more; names repeat, so cached."""
    pieces = private_jieba().cut(name, HMM=False)
    return pieces[-1] if len(pieces) >= 2 else ""


class PlaceContextTagger:
    """Weak PLACE candidates from context; the caller keeps them only in gaps."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.not_in_name = gaz.grammar.not_in_place_name
        self.after_ending = gaz.grammar.after_place_ending
        self.digits = frozenset("0123456789" + gaz.grammar.numeral_chars)
        self.echelon_chars = frozenset(e.word[0] for e in gaz.echelons)
        rows = gaz.res.rows("place_context.csv")
        # The action words whose object is a place (攻陷X, 收复X, 北犯X, 窜向X: event_triggers.csv,
        # active, of the types in place_context.csv ``object_type``) are context words too: the
        # tagger reads the verbs the events stage reads, so 北犯水东 makes 水东 a place.
        # An attack word (object_type_strict) is weaker evidence: 激战竟夜, 连攻不克 name no place, so
        # a name after it needs a place ending or a place word.
        def verbs(kind: str) -> set[str]:
            types = {r["value"] for r in rows if r["kind"] == kind}
            return {r["trigger"] for r in gaz.res.rows("event_triggers.csv")
                    if r["event_type"] in types and r["voice"] == "active" and len(r["trigger"]) >= 2
                    and (not r.get("slots") or "object" in r["slots"].split("|"))}

        listed = {r["value"] for r in rows if r["kind"] == "before"}
        self.weak_before = verbs("object_type_strict") - verbs("object_type") - listed
        self.before = longest_first({*listed, *verbs("object_type"), *self.weak_before})
        self.after = longest_first(r["value"] for r in rows if r["kind"] == "after")
        self.after_strong = frozenset(r["value"] for r in rows if r["kind"] == "after_strong")
        self.endings = longest_first(r["value"] for r in rows if r["kind"] == "ending")
        self.ending_chars = frozenset(e[-1] for e in self.endings)  # the last character of a place's ending
        self.action_words = frozenset(r["trigger"] for r in gaz.res.rows("event_triggers.csv"))
        self.action_morphemes = frozenset(r["morpheme"] for r in gaz.res.rows("event_frames.csv"))
        self.count_words = frozenset(r["value"] for r in rows if r["kind"] == "count_word")
        self.locative_endings = frozenset(r["value"] for r in rows if r["kind"] == "locative_ending")
        # The word a place's own kind adds to its name (临江县, 冷口关): part of the mention, not of the norm.
        self.own_endings = {ending: kinds for kind, kinds in (("county_ending", ("county", "city")),
                                                               ("pass_ending", ("pass",)))
                            for ending in longest_first(r["value"] for r in rows if r["kind"] == kind)}
        self.county_towns = tuple(r["value"] for r in rows if r["kind"] == "county_town")
        self.separators = {r["value"] for r in rows if r["kind"] == "separator"}
        # 的, 了: after them a name may begin (前沿的米花山, 攻占了老东坡); after 的 even one that reads as a verb.
        self.name_leads = frozenset(r["value"] for r in rows if r["kind"] in ("name_lead", "noun_lead"))
        self.noun_leads = frozenset(r["value"] for r in rows if r["kind"] == "noun_lead")
        self.locative_before = {r["value"] for r in rows if r["kind"] == "locative_before"}
        self.locative_suffixes = tuple(r["value"] for r in rows if r["kind"] == "locative_suffix")
        self.district_words = tuple(r["value"] for r in rows if r["kind"] == "district_word")
        self.aspect = tuple(r["value"] for r in rows if r["kind"] == "aspect") or ("\x00",)
        self.action_re = re.compile("|".join(re.escape(w) for w in longest_first(
            w for w in self.action_words if len(w) >= 2)))
        self.directions = {r["value"] for r in rows if r["kind"] == "direction"}
        self.direction_chars = frozenset(ch for word in self.directions for ch in word)
        self.city_parts = {r["value"] for r in rows if r["kind"] == "city_part"}
        self.measure_words = tuple(r["value"] for r in rows if r["kind"] == "measure_word") or ("\x00",)
        self.between_words = tuple(gaz.res.values("event_context.csv", "between_word"))
        self.qualifier_leads = frozenset("".join(gaz.res.values("grammar.csv", "qualifier_lead")))
        self.direction_before = tuple(r["value"] for r in rows if r["kind"] == "direction_before") or ("\x00",)
        self.direction_after = tuple(r["value"] for r in rows if r["kind"] == "direction_after") or ("\x00",)
        self.not_places = {r["value"] for r in rows if r["kind"] == "not_place"}
        self.inside_words = frozenset(r["value"] for r in rows if r["kind"] == "inside_word")
        self.campaigns = longest_first(r["value"] for r in rows if r["kind"] == "campaign")
        numbered = longest_first(r["value"] for r in rows if r["kind"] == "numbered")
        # 1072高地: a hill named by its height (a match starts only where a run of digits does, so a
        # long run of digits is read once, not once per digit).
        heights = "|".join(map(re.escape, numbered))
        # A height may have a decimal: 597.9高地, 199.4高地.
        # Web copies write the point as a middle dot and set the word apart (597·9 高地).
        self.numbered_re = re.compile(rf"(?<![0-9.·])[0-9]+(?:[.·．][0-9]+)? ?(?:{heights})") if numbered else None
        # 一三九〇高地, 五九七点九高地: a height written digit by digit in Chinese numerals (norm 1390高地).
        self.numbered_cn_re = re.compile(
            rf"(?<![{DIGIT_CHARS}十百千])(?P<whole>[{DIGIT_CHARS}]{{3,4}})(?:点(?P<frac>[{DIGIT_CHARS}]))?"
            rf"(?P<word>{heights})") if numbered else None
        self.before_re = re.compile("|".join(re.escape(w) for w in self.before))
        self.after_re = re.compile("|".join(re.escape(w) for w in self.after))

    # -- shape of a candidate -------------------------------------------------
    def _ending(self, name: str) -> str:
        for ending in self.endings:
            if name.endswith(ending) and len(name) > len(ending):
                return ending
        return ""

    def _echelon_in_name(self, name: str, i: int) -> bool:
        """东团堡, 龙团圩: an echelon character inside a name, not after a number, a place ending right after it."""
        return (name[i] in self.echelon_chars and i > 0 and name[i - 1] not in self.digits
                and bool(self._ending(name[: i + 2])) and len(name) >= i + 2)

    def _counted(self, name: str) -> bool:
        """三处, 两路, 四面: a numeral in words with a count word after it, or a name of numerals only.

        Other numerals in words belong to names (八卦洲, 五马峙, 二郎庙, 十二圩港).
        """
        if all(ch in self.digits for ch in name[: -len(self._ending(name)) or None]):
            return True
        return any(ch in self.digits and name[i + 1: i + 2] in self.count_words
                   and name[i + 1: i + 2] not in self.digits for i, ch in enumerate(name))

    def _plausible(self, name: str, strict: bool, listed: bool = False) -> bool:
        """Could ``name`` be a place name? ``strict`` asks for positive evidence.

        ``listed``: the name is a member of a 、-list of places, where a county whose name is also a
        word (长子 of 分驻长子、屯留、潞城) is the county: the stoplist keeps it from matching alone.
        """
        if listed and name in self.gaz.place_stoplist and name in self.gaz.places:
            return True
        ending = self._ending(name)
        # A two-character ending (机场, 车站, 码头) leaves room for a longer name: 克永冈机场.
        longest = 4 + max(0, len(ending) - 1)
        if not 2 <= len(name) <= longest or any(
                (ch in self.not_in_name and not self._echelon_in_name(name, i)) or ch in _ARABIC
                for i, ch in enumerate(name)) or self._counted(name):
            return False
        if name.endswith("城") and len(name) >= 3:
            return False  # 衢州城: the city is 衢州; the caller tries the stem
        if (name in self.gaz.place_stoplist or name in self.not_places or name in self.directions
                or name in self.gaz.side_words or is_common_word(name)):  # 向国民党方面投降: a side
            return False
        if len(name) >= 4 and not ending:
            return False
        if ending and name[: -len(ending)] in self.directions:
            return False  # 上庄子东北高地: the height north-east of a place, no name of its own
        if len(name) == 2 and name[1] in self.inside_words and not self.gaz.lookup(name, "PLACE"):
            return False  # 冲入庙内, 城外: inside or outside a place told before (尧庙), no name of its own
        if ending in self.locative_endings and is_common_word(name[: -len(ending)]):
            return False  # 回忆录里, 山沟里: a common noun and 里 "inside"; 柳潭里 is a village
        if is_place_word(name) or self._ending(name):
            return True
        return not strict

    def _cut(self, view: str, start: int, limit: int = 6) -> str:
        """The name starting at ``start``: up to the next boundary word or punctuation."""
        m = _NAME_CHARS.match(view, start, start + limit)
        if not m:
            return ""
        name = m.group()
        after = self.after_re.search(name)
        if after and after.start() >= 2:
            name = name[: after.start()]
        for i, ch in enumerate(name):
            if (ch in self.not_in_name and not self._echelon_in_name(name, i)) or ch in self.separators:
                name = name[:i]
                break
        # Cut a trailing verb that starts the next clause (进至X进攻 ..., 划子口渡江).
        before = self.before_re.search(name, 2)
        if before:
            name = name[: before.start()]
        if len(name) >= 3 and name[-1] in self.digits and name[-2] not in self.digits:
            name = name[:-1]  # 尧庙、贾得两据点: a count after the name (two strongpoints), no part of it
        return self._without_locative(self._without_trailing_verb(name))

    def cuts_a_district(self, view: str, start: int, end: int) -> bool:
        """牡丹江市|区: a name whose end begins a district word (市区, the city's urban district) that runs on."""
        return any(view.startswith(w[k:], end) and view.endswith(w[:k], start, end)
                   for w in self.district_words for k in range(1, len(w)))

    def _without_locative(self, name: str) -> str:
        """开封、兰封间: a known place and a locative after it (间 "between") is the place."""
        for suffix in self.locative_suffixes:
            stem = name[: -len(suffix)]
            if name.endswith(suffix) and len(stem) >= 2 and self.gaz.lookup(stem, "PLACE") is not None:
                return stem
        return name

    def _without_trailing_verb(self, name: str) -> str:
        """划子口渡江 -> 划子口: a last word that is a verb (by jieba's tag) or an action word (an event
        trigger, or a word that begins with an action morpheme: 渡江, which jieba tags as a place) is the
        next clause's, when two characters or more are left before it and it is no place ending (渡口)."""
        last = _last_word(name)
        if len(last) < 2 or len(name) - len(last) < 2 or last in self.endings:
            return name
        if (jieba_lexicon().get(last, (0, ""))[1] in _VERB_TAGS or last in self.action_words
                or last[0] in self.action_morphemes):
            return name[: len(name) - len(last)]
        return name

    def _ending_prefix(self, view: str, start: int) -> str:
        """向石井坑发起猛攻: the longest name after ``start`` that ends in a place ending where a word ends.

        The boundary-based cut fails when the next word is a verb no context list holds (发起);
        a place ending (坑) at a word boundary of jieba's reading, with a whole word after it
        (not a single character that could continue the name), ends the name there.
        """
        window = view[start:start + 8]
        if not _NAME_CHARS.match(window):
            return ""
        spans = _word_spans(window)
        ends = {e: i for i, (_, e) in enumerate(spans)}
        for size in (4, 3, 2):
            name = window[:size]
            i = ends.get(size)
            if i is None or i + 1 >= len(spans) or not self._ending(name):
                continue
            s, e = spans[i + 1]
            if (_NAME_CHARS.fullmatch(name) and (e - s >= 2 or not _NAME_CHARS.match(window[s:e]))
                    and self._plausible(name, strict=True)):
                return name
        return ""

    def _tail(self, view: str, end: int) -> str:
        """The name ending at ``end``: jieba's last word, joined to the one before
        when it is a single character (马驹|岭 -> 马驹岭, 命|西江 -> 西江)."""
        chunk = view[max(0, end - 8): end]
        words = _words_hmm(chunk)
        if not words:
            return ""
        name = words[-1]
        if len(name) == 1 and len(words) > 1:
            name = words[-2] + name
        elif (len(name) == 2 and len(words) > 1 and len(words[-2]) == 1 and _NAME_CHARS.fullmatch(words[-2])
              and words[-2] not in self.not_in_name and words[-2] not in self.separators
              and jieba_lexicon().get(words[-2], (0, ""))[1] not in _VERB_TAGS | {"zg", "d", "c", "uj", "f"}):
            name = words[-2] + name  # 陈|小楼: a lone character before the last word begins the name
        return name if all(_NAME_CHARS.fullmatch(c) and c not in self.not_in_name for c in name) else ""

    # -- candidates -----------------------------------------------------------
    def tag(self, view: str, known: list[Mention]) -> list[Mention]:
        """Candidates after/before context words and in lists of known places."""
        found: dict[tuple[int, int], Mention] = {}

        def add(start: int, name: str, source: str) -> None:
            if name:
                found.setdefault((start, start + len(name)),
                                 Mention(start, start + len(name), "PLACE", name, source=source))

        for m in self._before(view):
            # 占领了二青洞, 拿下了北亭岭: the aspect particle after a verb stands between it and the name.
            aspect = next((a for a in self.aspect if view.startswith(a, m.end())), "") if len(m.group()) >= 2 else ""
            at = m.end() + len(aspect)
            name = self._cut(view, at)
            nxt = view[at + len(name): at + len(name) + 2]
            closed = bool(self.after_re.match(view, at + len(name)))
            boundary = not nxt or not _NAME_CHARS.match(nxt[0]) or nxt[0] in self.separators or closed
            # A one-character word before (在, 向) is weak evidence alone; with a context word
            # after the name as well (在高坦以北) the two together are enough.
            # After an attack word a name jieba does not know (北犯水东, 窜向林厝) is evidence enough;
            # a word it knows (激战竟夜, 连攻不克) is not.
            weak = len(m.group()) == 1 or (m.group() in self.weak_before and name in jieba_lexicon())
            if self._opens_with_verb(name) or self._ends_with_verb(name):
                continue  # 轰炸涉水过江, 向南转移阵地: an action, not a name
            if not aspect and self._glued_verb(view, at):
                continue  # 下总攻击令: 攻 and 击 are one common verb, 击令 no name
            if boundary and self._plausible(name, strict=weak and not closed):
                add(at, name, "context")
            elif self._locative_frame(view, m, name):
                add(at, name, "context")
            else:
                add(at, self._ending_prefix(view, at), "context")
        for m in self.after_re.finditer(view):
            name = self._tail(view, m.start())
            # 银坊一带, 石佛附近: a strong locator after a name jieba does not know is evidence enough.
            strict = not (m.group() in self.after_strong and 2 <= len(name) <= 3 and name not in jieba_lexicon()
                          and self._opens_alone(view, m.start() - len(name)))
            if self._plausible(name, strict=strict) and not self._opens_with_verb(name) \
                    and not self._ends_with_verb(name):  # 转移阵地
                add(m.start() - len(name), name, "context")
        if self.numbered_re is not None:
            for m in self.numbered_re.finditer(view):
                norm = re.sub("[·．]", ".", m.group()).replace(" ", "")
                if norm == m.group():
                    add(m.start(), m.group(), "context")
                else:
                    found.setdefault((m.start(), m.end()), Mention(m.start(), m.end(), "PLACE", norm, source="context"))
        if self.numbered_cn_re is not None:
            for m in self.numbered_cn_re.finditer(view):
                frac = f".{to_int(m.group('frac'))}" if m.group("frac") else ""
                norm = f"{to_int(m.group('whole'))}{frac}{m.group('word')}"
                found.setdefault((m.start(), m.end()), Mention(m.start(), m.end(), "PLACE", norm, source="context"))
        # A locator phrase (山海关外的万家屯, 洛阳南方的龙门): after a known place, its direction or position and
        # 的/之, a name ending in a place ending is the place located.
        g = self.gaz.grammar
        for k in known:
            if k.label != "PLACE":
                continue
            stop, at = g.qualifier(view, k.end)
            # (a bare 的 is no locator: 空袭重庆的前进机场 names an airfield of the raid, not of 重庆; a bare 之
            # is: 蕴藻浜之纪家桥)
            if at > stop and (stop > k.end or view[k.end] in g.locator_links) and not any(
                    view.startswith(w, stop) for w in self.between_words):  # 镇江、扬中之间渡江
                name = self._cut(view, at)
                if not (self._ending(name) and self._plausible(name, strict=True)):
                    name = self._ending_prefix(view, at)
                add(at, name, "context")
            elif at == stop > k.end and view[k.end] in self.qualifier_leads:
                # 睢县以南宋庄: after 以 and a direction with no link, only a name with a place's ending is one.
                name = self._cut(view, at)
                if not (self._ending(name) and self._plausible(name, strict=True)):
                    name = self._ending_prefix(view, at)  # 雁门关以南黑石头沟公路: the name before the road's
                if self._ending(name) and self._plausible(name, strict=True) and not self._opens_with_verb(name):
                    add(at, name, "context")
            elif at == k.end and self._is_town_of(k.norm):
                # 荔波黎明关, 都匀茅草坪: right after a county or city, a name with a place's ending is a place in
                # it (a two-character one, 临汾东关, is the city's own gate suburb).
                name = self._cut(view, at)
                lead = jieba_lexicon().get(view[at: at + 1], (0, ""))[1]
                if jieba_lexicon().get(view[at: at + 2], (0, ""))[1] in _POSITION_TAGS:
                    continue  # 常德周围重镇, 长沙城郊: a position around the city, no name
                if (len(name) >= 3 and self._ending(name) and self._plausible(name, strict=True)
                        and not self._opens_with_verb(name) and not self._ends_with_verb(name)
                        and lead not in _FUNCTION_TAGS and view[at: at + 1] not in self.before
                        and name[-2:] not in self.action_words and name[-2] not in self.action_morphemes
                        and not any(ch in self.digits for ch in name)):
                    add(at, name, "context")  # (not 经龙团圩 "via", 约六十里 "about sixty li", 凤凰嘴渡江)
        # Lists: a name after a separator that follows a place is a place too.
        places = sorted([*(k for k in known if k.label == "PLACE"), *found.values()], key=lambda x: x.start)
        known_starts = {k.start for k in known}
        separators = longest_first(self.separators)
        i = 0
        while i < len(places):
            place = places[i]
            i += 1
            pos = place.end
            sep = next((s for s in separators if view.startswith(s, pos)), "")
            if not sep:
                continue
            start = pos + len(sep)
            name = self._cut(view, start)
            if (start, start + len(name)) in found or start in known_starts:
                continue
            strict = sep in (",", "，", "和", "与", "及")
            if self._plausible(name, strict=strict, listed=not strict):
                add(start, name, "list")
                places.insert(i, found[(start, start + len(name))])
        self._lists_backward(view, known, found, add)
        return sorted(found.values(), key=lambda x: (x.start, x.end))

    def _opens_alone(self, view: str, start: int) -> bool:
        """Does a name start at ``start`` with nothing glued before it (punctuation, a list separator or a context
        word before it), and not with a verb (退据附近: 退 moves, no name)?"""
        lead = jieba_lexicon().get(view[start: start + 1], (0, ""))[1]
        if lead in _VERB_TAGS:
            return False
        return (start == 0 or not _NAME_CHARS.match(view[start - 1]) or view[start - 1] in self.separators
                or any(view.endswith(w, 0, start) for w in self.before))

    @staticmethod
    def _opens_with_verb(name: str) -> bool:
        """涉水过江: a candidate whose first word is a verb of jieba's (two characters or more) names no place."""
        first = _words_hmm(name)[0] if name else ""
        return len(first) >= 2 and len(first) < len(name) and jieba_lexicon().get(first, (0, ""))[1] in ("v", "vd")

    @staticmethod
    def _ends_with_verb(name: str) -> bool:
        """南转移: a candidate whose last word is a verb of jieba's (two characters or more) names no place."""
        last = _last_word(name) if name else ""
        return len(last) >= 2 and jieba_lexicon().get(last, (0, ""))[1] in ("v", "vd")

    def _locative_frame(self, view: str, m: re.Match[str], name: str) -> bool:
        """红军在霍源围歼第59师: a name between a locative (在, 于) and an action word is where it happened.

        The name must be one jieba does not know as a common word and the action word one of the event
        triggers (two characters or more), so 在此围歼, 在夜间突围 and 在指挥下 name no place.
        """
        if m.group() not in self.locative_before or not 2 <= len(name) <= 3:
            return False
        if not self.action_re.match(view, m.end() + len(name)):
            return False
        if len(name) == 3 and name[:2] in jieba_lexicon() and not self._ending(name):
            return False  # 在绝望中突围, 在抗战中: a word jieba knows and a locative (中, 内)
        if jieba_lexicon().get(name[-1], (0, ""))[1] == "f":
            return False  # 向关前总攻: a position word (前, 后, 内) ends a phrase, not a name
        return self._plausible(name, strict=False) and jieba_lexicon().get(name, (0, ""))[1] not in _VERB_TAGS

    def _lists_backward(self, view: str, known: list[Mention], found: dict[tuple[int, int], Mention],
                        add: Callable[[int, str, str], None]) -> None:
        """X、Y一带 with Y a place: the names listed before a place are places too (right to left)."""
        taken = bytearray(len(view) + 1)
        for k in [*known, *found.values()]:
            taken[k.start:k.end] = b"\x01" * (k.end - k.start)
        places = sorted([*(k for k in known if k.label == "PLACE"), *found.values()], key=lambda x: -x.start)
        separators = longest_first(self.separators)
        while places:
            place = places.pop(0)
            sep = next((s for s in separators if view.endswith(s, 0, place.start)), "")
            if not sep:
                continue
            end = place.start - len(sep)
            name = self._tail(view, end)
            start = end - len(name)
            if not name or taken.find(1, start, end) >= 0:
                continue
            strict = sep in (",", "，", "和", "与", "及")
            if self._plausible(name, strict=strict, listed=not strict):
                add(start, name, "list")
                taken[start:end] = b"\x01" * len(name)
                places.insert(0, found[(start, end)])

    def _before(self, view: str) -> Iterator[re.Match[str]]:
        """The context words before a name, where the name begins: 守 of 守卫台儿庄 begins the word 守卫.

        Only the character after is asked: 方面向湖尾 and 先于泉头 still read 向 and 于.
        """
        lexicon = jieba_lexicon()
        for m in self.before_re.finditer(view):
            if lexicon.get(view[m.start(): m.end() + 1], (0, ""))[0] >= 50:
                continue  # 轰炸机多架, 占领区: the context word begins a longer, common word
            if m.end() - m.start() > 1 and lexicon.get(view[m.end() - 1: m.end() + 1], (0, ""))[0] >= 1000:
                continue  # 夜袭击七塘: its last character begins a common word (袭击) with the next one
            yield m

    def extend_prefix(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """天马山, 白茅山, 黄鹿寨: a listed name (马山, 茅山, 鹿寨) that ends a longer place name is that name.

        The longer name must begin at a boundary (punctuation, a separator, a context word such as
        进攻 or 在) while the listed one does not: 攻占马山 keeps 马山, 进攻天马山 reads 天马山.
        """
        before_ends = {m.end() for m in self._before(view)}
        out: list[Mention] = []
        for m in mentions:
            prev_end = out[-1].end if out else 0
            if (m.label == "PLACE" and m.source == "gazetteer" and self._ending(view[m.start:m.end])
                    and m.start not in before_ends and m.start > prev_end):
                for k in (1, 2):
                    start = m.start - k
                    if (start < prev_end or not _NAME_CHARS.fullmatch(view[start:m.start])
                            or any(ch in self.digits for ch in view[start:m.start])):
                        break  # 四保临江: a numeral before a listed name counts, it does not name
                    boundary = (start == 0 or not _NAME_CHARS.match(view[start - 1])
                                or view[start - 1] in self.separators or start in before_ends
                                or view[start - 1] in self.name_leads)  # 前沿的米花山
                    name = view[start:m.end]
                    # 讲张家山: a verb before the listed name is the clause's, not the name's (but after 的 or
                    # a context word a name begins: 以南的驾德山).
                    # 当南口激战之际: nor does a one-character adverb, conjunction or time word (当, 又, 而).
                    tag = jieba_lexicon().get(view[start:m.start], (0, ""))[1]
                    verb = ((tag in _VERB_TAGS or (k == 1 and tag in _FUNCTION_TAGS))
                            and view[start - 1: start] not in self.noun_leads and start not in before_ends)
                    if boundary and not verb and self._plausible(name, strict=False):
                        m = Mention(start, m.end, "PLACE", name, source="context")
                        break
            out.append(m)
        return out

    def _is_town_of(self, norm: str) -> bool:
        """A county or a city, which a smaller place written right after it lies in."""
        entry = self.gaz.places.get(norm)
        return entry is not None and entry.kind.split(":")[-1] in ("county", "city")

    def _is_county(self, norm: str) -> bool:
        entry = self.gaz.places.get(norm)
        return entry is not None and entry.kind.endswith("county")

    def extensions(self, view: str, known: list[Mention]) -> list[Mention]:
        """A known place followed by an ending (新安+店, 浏阳+河, 新竹+机场)."""
        out: list[Mention] = []
        for k in known:
            if k.label != "PLACE":
                continue
            entry = self.gaz.places.get(k.norm)
            own = next((e for e in self.own_endings if view.startswith(e, k.end)), "")
            if (own and entry is not None and entry.kind.split(":")[-1] in self.own_endings[own]
                    and not k.norm.endswith(own) and not view.startswith(self.county_towns, k.end)):
                out.append(Mention(k.start, k.end + len(own), "PLACE", k.norm, source="extension"))
                continue  # 临江县, 冷口关: the place's own word, so the norm stays 临江, 冷口
            for ending in self.endings:
                if not view.startswith(ending, k.end) or view[k.start:k.end] in self.directions:
                    continue  # (东北高地 after a place is its height to the north-east, not 东北's)
                if ending == "市" and not self._is_county(k.norm):
                    continue  # 长沙市 is the city; after a county name, X市 is a market town (永安市)
                end = k.end + len(ending)
                nxt = view[end: end + 1]
                if (len(ending) == 1 and nxt and _NAME_CHARS.match(nxt) and nxt not in self.after_ending
                        and (ending in self.locative_endings
                             or jieba_lexicon().get(view[end: end + 2], (0, ""))[1] not in _VERB_TAGS)):
                    continue  # 建昌营坚守: a verb after the ending does not continue the name (中条山里反复: "in")
                name = view[k.start:end]
                if is_common_word(name) or name in self.not_places:
                    continue  # 打开城门: 开城 (Kaesong) and a gate make no place
                norm = name if name != k.norm + ending else k.norm + ending
                out.append(Mention(k.start, end, "PLACE", norm, source="extension"))
                break
        return out

    def drop_campaign_names(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """Remove places that only name a campaign or war (长沙会战, 长沙、衡阳会战, 太平洋战争).

        A historian reads 长沙会战 as the name of an operation, not as a
        mention of the city; a list of places before the word (长沙、衡阳会战)
        is one campaign name too. Read right to left so the list inherits.
        """
        dropped: set[int] = set()
        for i in range(len(mentions) - 1, -1, -1):
            m = mentions[i]
            if m.label != "PLACE":
                continue
            if any(view.startswith(w, m.end) for w in self.campaigns):
                dropped.add(i)
                continue
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if (nxt is not None and i + 1 in dropped and nxt.label == "PLACE"
                    and (nxt.start == m.end or (nxt.start - m.end == 1 and view[m.end] in self.separators
                                                and view[m.end] not in ",，"))):
                # 长沙、衡阳会战 and 豫西鄂北会战 are one campaign name each; a comma ends the clause
                # (收复灵宝，豫中会战至此结束: 灵宝 is a place).
                dropped.add(i)
        return [m for i, m in enumerate(mentions) if i not in dropped]

    def propagate(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """One sense per document: a name read as a place from its context is a place wherever it stands alone.

        Once 碾庄 is a place (攻占碾庄), the 碾庄 of 碾庄以东 and of a bare 碾庄 in a later clause
        is the same place. A later occurrence must stand between boundaries (punctuation, a
        context word, a list separator) and not inside a longer word, so 鹿寨 found once does not
        cut 黄鹿寨.
        """
        names = {view[m.start:m.end] for m in mentions if m.label == "PLACE" and m.source in ("context", "list")}
        # A county whose name is also a word (高台, 长子) once the text shows it is the county (分驻临泽、高台;
        # 高台县城): its bare name, too, is that county in this document.
        names |= {m.norm for m in mentions if m.label == "PLACE" and m.norm in self.gaz.place_stoplist
                  and m.norm in self.gaz.places and view.startswith(m.norm, m.start)}
        mentions = self._bare_heights(view, mentions)
        if not names:
            return mentions
        covered = bytearray(len(view) + 1)
        for m in mentions:
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        before_ends = {m.end() for m in self._before(view)}
        added: list[Mention] = []
        for name in sorted(names):
            i = view.find(name)
            while i >= 0:
                end = i + len(name)
                if covered.find(1, i, end) < 0 and self._stands_alone(view, i, end, before_ends):
                    added.append(Mention(i, end, "PLACE", name, source="propagated"))
                    covered[i:end] = b"\x01" * len(name)
                i = view.find(name, end)
        return sorted([*mentions, *added], key=lambda m: (m.start, m.end)) if added else mentions

    def _bare_heights(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """After 597.9高地, a bare 597.9 is that hill (打597.9, 597.9的表面阵地).

        Only a height with a decimal is read so: a bare whole number is a count as often as a hill.
        """
        hills = {view[m.start:m.end]: m.norm for m in mentions if m.label == "PLACE"}
        heights: dict[str, str] = {}
        for surface, norm in hills.items():
            hit = self.numbered_re.fullmatch(surface) if self.numbered_re is not None else None
            if hit and "." in surface:
                heights[re.match(r"[0-9.]+", surface).group().rstrip(".")] = norm
        if not heights:
            return mentions
        covered = bytearray(len(view) + 1)
        for m in mentions:
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        added: list[Mention] = []
        for height, norm in sorted(heights.items()):
            for hit in re.finditer(rf"(?<![0-9.]){re.escape(height)}(?![0-9.])", view):
                i, end = hit.span()
                if covered.find(1, i, end) < 0 and not view.startswith(self.measure_words, end):
                    added.append(Mention(i, end, "PLACE", norm, source="propagated"))
        return sorted([*mentions, *added], key=lambda m: (m.start, m.end)) if added else mentions

    def _stands_alone(self, view: str, start: int, end: int, before_ends: set[int]) -> bool:
        prev, nxt = view[start - 1: start], view[end: end + 1]
        left = not prev or not _NAME_CHARS.match(prev) or prev in self.separators or start in before_ends
        # A character no place name holds (是, 被, 已) also ends it: 石井坑是一个小村.
        # (but not an echelon's first character: 西路军 is a unit).
        right = (not nxt or not _NAME_CHARS.match(nxt) or nxt in self.separators
                 or (nxt in self.not_in_name and nxt not in self.echelon_chars)
                 or bool(self.after_re.match(view, end)))
        # 往悬山去, 把悬山围得水泄不通: where jieba's words begin and end at the name, it stands alone too.
        if not (left and right) and self._word_edges(view, start, end, left, right):
            left = right = True
        return left and right and not self.splits_a_word(view, start, end)

    def _word_edges(self, view: str, start: int, end: int, left: bool, right: bool) -> bool:
        """往悬山去: jieba's words begin at ``start`` and end at ``end``, none running across, and the words
        beside it are a verb or preposition (往, 把, 去) rather than more of a longer name (西山|万寿宫, 官桥|街)."""
        name = view[start:end]
        if is_common_word(name) or jieba_lexicon().get(name, (0, "ns"))[1] not in ("ns", "nr", "nz", "nt"):
            return False  # 在山洞中: a common noun of jieba's is no name, however it was read once
        lo, hi = max(0, start - 4), min(len(view), end + 4)
        spans = _word_spans(view[lo:hi])
        a, b = start - lo, end - lo
        if any(s < a < e or s < b < e for s, e in spans):
            return False
        before = next((view[lo + s: lo + e] for s, e in spans if e == a), None)
        after = next((view[lo + s: lo + e] for s, e in spans if s == b), None)
        lexicon = jieba_lexicon()

        def function_word(word: str | None, edge: bool) -> bool:
            if word is None:
                return edge  # the text begins or ends there
            return lexicon.get(word, (0, ""))[1] in _BESIDE_NAME_TAGS and word not in self.endings

        return (left or function_word(before, lo == start)) and (right or function_word(after, hi == end))

    @staticmethod
    def _glued_verb(view: str, at: int) -> bool:
        """Do the context word's last character and the name's first make one common verb (攻|击令: 攻击)?

        Only a frequent verb of jieba's dictionary counts (攻击, 进攻): a rare one (攻下) may be a
        context word before a name that starts with its second character (进攻下关).
        """
        freq, tag = jieba_lexicon().get(view[at - 1: at + 1], (0, "")) if at > 0 else (0, "")
        return tag == "v" and freq >= _GLUED_VERB_FREQ

    def preposition_led(self, view: str, start: int, end: int) -> bool:
        """Is a two-character county's first character a preposition after a word, with the name running on
        (被我第1师包围于田肚里: 于|田肚里, no 于田)? Its own ending (于田县), a context word or a direction after
        it (自从化北上) or a boundary keeps it."""
        nxt = view[end:end + 1]
        return (start > 0 and bool(_NAME_CHARS.match(view[start - 1])) and bool(nxt) and bool(_NAME_CHARS.match(nxt))
                and jieba_lexicon().get(view[start], (0, ""))[1] == "p"
                and not any(view.startswith(e, end) for e in self.own_endings)
                and not any(view.startswith(w, end) for w in self.after) and nxt not in self.direction_chars)

    def noun_led(self, view: str, start: int, end: int) -> bool:
        """Does a common noun jieba reads run into a two-character county from the left (淡水|城: no 水城)?

        The county's first character is then the noun's last. Only a frequent noun counts: a rare word of
        jieba's (a name it learned, 从金华) is no evidence against the name.
        """
        lo, hi = max(0, start - 4), min(len(view), end + 4)
        lexicon = jieba_lexicon()
        for s, e in _word_spans(view[lo:hi]):
            if s + lo < start < e + lo < end:
                freq, tag = lexicon.get(view[lo + s: lo + e], (0, ""))
                return tag == "n" and freq >= _GLUED_NOUN_FREQ
        return False

    def splits_a_word(self, view: str, start: int, end: int) -> bool:
        """Does jieba read a word that starts inside ``view[start:end]`` and runs past it (据城固守)?

        Administrative names are many and short; a two-character county name
        often appears inside ordinary words (城固 in 据城固守: 据|城|固守).
        A word that only glues a preposition on the left (从金华, 向上|高)
        or a suffix on the right (洛阳城) leaves the name intact.
        """
        lo, hi = max(0, start - 4), min(len(view), end + 4)
        # 宿县城: jieba's 宿|县城 glues the city's suffix to the last character; the name stays whole.
        # 放弃新泰北撤: jieba's 新|泰北|撤 glues a direction of movement to it the same way.
        # But not where the glued word is itself a place (从江北: 从|江北, the county 从江 is no name there, its
        # first character is a preposition), unless that place is a stoplisted word (自独山南撤: 山南 is none).
        # 轰炸宾阳城 (宾|阳城): a first character that is no function word keeps the listed name, 阳城 is none.
        tail = view[end - 1:end + 1]
        lead_function = jieba_lexicon().get(view[start:start + 1], (0, ""))[1] in (*_FUNCTION_TAGS, "p", "v")
        glued = (end - 1 - lo, end + 1 - lo) if (view[end:end + 1] in ("城", "东", "南", "西", "北") and (
            tail not in self.gaz.places or not lead_function or (
                tail in self.gaz.place_stoplist and not view.startswith(self.direction_before, start)))) else None
        spans = _word_spans(view[lo:hi])
        a, b = start - lo, end - lo
        if any(a < s < b < e and (s, e) != glued for s, e in spans):
            return True
        # 扫清|城南: glued on the left and on the right at once, the name is two other words' halves.
        return glued in spans and any(s < a < e <= b for s, e in spans)

    def drop_directions(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """Remove a direction word read as a region where it names a direction.

        东北 is the region of Manchuria (进入东北, 东北全境) but a direction right
        after a place or unit (许昌东北), after a word of movement (向东北溃退) and
        before a word of position (东北角, 东北郊, 东北方向).
        """
        out: list[Mention] = []
        for m in mentions:
            prev = out[-1] if out else None
            after_place = prev is not None and prev.end == m.start and prev.label in ("PLACE", "UNIT")
            if m.label == "PLACE" and view[m.start:m.end] in self.city_parts and after_place and prev.label == "PLACE":
                continue  # 长治南关: the city's gate suburb; the place is the city
            if m.label == "PLACE" and m.norm in self.directions and (
                    after_place
                    or view.endswith(self.direction_before, 0, m.start)
                    or view.startswith(self.direction_after, m.end)):
                continue
            out.append(m)
        return out
