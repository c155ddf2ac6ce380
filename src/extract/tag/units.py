"""UNIT tagger: numbered designations, named formations, nested runs, lists.

Designations are matched with one compiled regular expression over the
simplified view, built from the echelon and prefix tables in ``gazetteers/``.
A run of designations written back to back (第37师团第225联队第1大队) becomes
one mention whose norm joins the parts with ``/``; an elliptical list
(第22、第29师、暂55师) gives one mention per member, each completed with the
echelon (and leading prefix) of the list.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from extract.gazetteer import Echelon, Entry, Gazetteer, Prefix
from extract.lexicon import is_common_word, jieba_lexicon
from extract.mention import Mention
from extract.numerals import CHINESE_DIGITS, to_int

# A designation number has a few digits (美军第5307混成支队 is the longest); the
# bounds and the look-arounds keep a run of digits from being matched at each of
# its positions, backtracking to its end each time (a 50k-digit line was quadratic),
# and an absurd number (第99999999师) is no designation at all.
_NUM = (rf"(?:(?<![0-9])[0-9]{{1,5}}(?![0-9])"
        rf"|(?<![{CHINESE_DIGITS}])[{CHINESE_DIGITS}]{{1,8}}(?![{CHINESE_DIGITS}]))")
# A number that may run into a count written right after it (七十八三个师).
_NUM_RUN = rf"(?:[0-9]{{1,6}}|[{CHINESE_DIGITS}]{{1,9}})"
# Characters before a bare number that mean it is a count, not a designation.
_COUNT_BEFORE = set("0123456789.个约余每第" + CHINESE_DIGITS)
# Characters before a number in words that make a short-form column a count (分为四纵队, 编成三纵).
_SPLIT_INTO = set("为成分")
_NUMERAL_CHARS = set("0123456789" + CHINESE_DIGITS)


# Characters that never begin or end a formation's proper name (该支队, 两个支队, 第3支队).
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_NOT_NAME = set("第各该两个一二三四五六七八九十百此其本我敌日军师团旅营部队的之等和及与在于向由从为将被把0123456789")
_FULL_BRIGADE = re.compile(r"(独立混成|独立步兵)第(\d+)旅团")
_SHORT_BRIGADE = re.compile(r"(?:独立)?第(\d+)旅团?")


_CHINESE_SIDES = frozenset({"CN", "KMT", "CCP"})


def _foreign_to(side: str, other: str) -> bool:
    """Two sides a prefix and an echelon cannot share: a Chinese prefix (整编, 暂编) and a Japanese echelon (师团)."""
    return bool(side and other) and (side in _CHINESE_SIDES) != (other in _CHINESE_SIDES)


@dataclass(slots=True)
class Part:
    """One designation inside a run: prefix + number + echelon, or a named formation."""

    start: int
    end: int
    prefix: Prefix | None
    number: int | None
    echelon: Echelon | None
    named: Entry | None = None
    # A listed unit written like a designation (新四军): the designation's norm, the list's side.
    listed: Entry | None = None

    def norm(self) -> str:
        if self.named is not None:
            return self.named.norm
        assert self.echelon is not None
        prefix = self.prefix.canonical if self.prefix else ""
        keeps_di = self.prefix.keeps_di if self.prefix else True
        return f"{prefix}{'第' if keeps_di else ''}{self.number}{self.echelon.canonical}"

    def side(self) -> tuple[str, str]:
        for entry in (self.named, self.listed):
            if entry is not None and entry.side:
                # 中路军, 右纵队: named by its place in an advance, the narrator's only until a word says whose.
                return entry.side, "narrator" if entry.side == "NARRATOR" else "gazetteer"
        if self.prefix is not None and self.prefix.side:
            return self.prefix.side, "prefix"
        if self.echelon is not None and self.echelon.side:
            return self.echelon.side, "echelon"
        return "", ""


def _count_words(count: int) -> tuple[str, ...]:
    """How a count of list members is written after them: 3, 三, and 两 for two."""
    chinese = "一二三四五六七八九十"[count - 1] if 1 <= count <= 10 else ""
    return tuple(w for w in (str(count), chinese, "两" if count == 2 else "") if w)


class UnitTagger:
    """Compiled patterns for one gazetteer; ``tag(view, named)`` finds the mentions."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.echelons = {e.word: e for e in gaz.echelons}
        self.prefixes = {p.word: p for p in gaz.prefixes}
        # Side words that make a bare one-digit number a designation (伪1师, 美7师): no count follows them
        # (but a date's character does: 5日1师 is no side word's).
        self.side_before = tuple(sorted((w for w in gaz.side_words if len(w) > 1 or w not in gaz.grammar.date_chars),
                                        key=len, reverse=True))
        ech = "|".join(re.escape(e.word) for e in gaz.echelons)
        pfx = "|".join(re.escape(p.word) for p in gaz.prefixes)
        self.designation = re.compile(
            rf"(?P<pfx>{pfx})?(?P<di>第)?(?P<num>{_NUM})(?P<ech>{ech})"
        )
        sep = gaz.grammar.coordination.pattern
        # 第六十、第六十一、第七十八三个师, 第八十七、第八十八两师: a list whose members drop the echelon, then
        # their count and the echelon they share (the count's digits run on from the last member's); or 等
        # and the echelon (第三、第十三、第一一六等师团).
        self.counted_list = re.compile(
            rf"第{_NUM_RUN}(?:(?:{sep})第?{_NUM_RUN})+(?P<count>[0-9]{{1,2}}|[两二三四五六七八九十])?(?P<mark>[个等])?(?P<ech>{ech})")
        self.member_number = re.compile(rf"第?{_NUM_RUN}")
        # A bare list member right before a separator: 第22、 / 暂1、 / 独立步兵第5、
        self.member_before = re.compile(rf"(?P<pfx>{pfx})?(?P<di>第)?(?P<num>{_NUM})(?P<sep>{sep})$")
        named = [r["value"] for r in gaz.res.rows("name_context.csv") if r["kind"] == "named_echelon"]
        named_cn = [r["value"] for r in gaz.res.rows("name_context.csv") if r["kind"] == "named_echelon_cn"]
        # 吴佩孚旅, 陈礼门团, 孙渡纵队: a Chinese commander's full name before an echelon names his unit.
        self.named_echelon_cn = re.compile("|".join(map(re.escape, sorted(named_cn, key=len, reverse=True)))) \
            if named_cn else None
        # Japanese detachments are named after their commander: the surnames of known commanders.
        self.jp_surnames = gaz.jp_surnames
        # 奈良支队, 上村支队: a two-character name (a commander's surname, a place) + the echelon.
        self.named_echelon = re.compile("|".join(map(re.escape, named))) if named else None
        self.name_terminators = frozenset(r["value"] for r in gaz.res.rows("name_context.csv")
                                          if r["kind"] == "terminator")
        self.not_after_named = frozenset(r["value"] for r in gaz.res.rows("name_context.csv")
                                         if r["kind"] == "not_after_named")
        self.abbreviations = {
            (row["prefix"], row["echelon"]): (row["full_prefix"], row["full_echelon"])
            for row in gaz.res.rows("unit_abbreviations.csv")
        }

    # -- single designations -------------------------------------------------
    def _parts(self, view: str) -> list[Part]:
        parts: list[Part] = []
        # A bare one-digit number that could be a count (3军, 四军) is a designation when another designation
        # runs on from it (四军十师三十团) or it is listed with another one (3军、6军): counts are not written so.
        doubtful: list[Part] = []
        for m in self.designation.finditer(view):
            pfx, di, num = m.group("pfx"), m.group("di"), m.group("num")
            start = m.start()
            if not di and not pfx:
                # 三十七军 / 74军: a bare number only when it cannot be a count.
                if start > 0 and view[start - 1] in _COUNT_BEFORE:
                    continue
                if (num.isdigit() and len(num) < 2 and not self.echelons[m.group("ech")].bare
                        and not any(view.startswith(w, start - len(w)) for w in self.side_before)):
                    self._doubt(doubtful, start, m, num)
                    continue
                # 一、二、五、六师: the last of numbers joined by a list word (grammar coordination) is a designation.
                listed_after = (view[start - 2: start - 1] in _NUMERAL_CHARS
                                and self.gaz.grammar.coordination.fullmatch(view[start - 1: start]) is not None)
                # 一四四师, 一〇八师: a number read digit by digit is a designation (the count is 一百四十四).
                digitwise = (not num.isdigit() and (len(num) >= 3 or "〇" in num or "零" in num)
                             and not set(num) & set("十百千"))
                if (not num.isdigit() and "十" not in num and "百" not in num and not listed_after and not digitwise
                        and (not self.echelons[m.group("ech")].bare or view[start - 1: start] in _SPLIT_INTO)):
                    if view[start - 1: start] not in _SPLIT_INTO:
                        self._doubt(doubtful, start, m, num)
                    continue  # 四军 is four armies, 分为四纵队 four columns; 四纵 and 九纵 are designations
                    # (but the last of a list of numbers, 一、二、五、六师, names a division)
            number = to_int(num)
            if number is None or number == 0:
                continue
            prefix = self.prefixes[pfx] if pfx else None
            echelon, end = self.echelons[m.group("ech")], m.end()
            if prefix is not None and _foreign_to(prefix.side, echelon.side):
                # 整编第57师团团围住: a Chinese prefix never opens a Japanese 师团; the echelon is 师 and 团团
                # begins the next word.
                shorter = next((e for w, e in self.echelons.items() if w != echelon.word
                                and echelon.word.startswith(w) and not _foreign_to(prefix.side, e.side)), None)
                if shorter is not None:
                    echelon, end = shorter, m.end() - len(echelon.word) + len(shorter.word)
            parts.append(Part(start, end, prefix, number, echelon))
        if doubtful:
            parts = self._resolve_doubts(view, parts, doubtful)
        return parts

    def _doubt(self, doubtful: list[Part], start: int, m: re.Match[str], num: str) -> None:
        number = to_int(num)
        if number and self.gaz.lookup(m.group(), "UNIT") is None:  # 八路军 is a name, not an 8th 路军
            doubtful.append(Part(start, m.end(), None, number, self.echelons[m.group("ech")]))

    def _resolve_doubts(self, view: str, parts: list[Part], doubtful: list[Part]) -> list[Part]:
        """Keep the doubtful bare numbers that run on into a designation or are listed with one."""
        every = sorted([*parts, *doubtful], key=lambda p: p.start)
        sure = {id(p) for p in parts}
        changed = True
        while changed:
            changed = False
            for a, b in itertools.pairwise(every):
                between = view[a.end: b.start]
                joined = between == "" or self.gaz.grammar.coordination.fullmatch(between) is not None
                if not joined or (id(a) in sure and id(b) in sure):
                    continue
                if between == "" and not (a.echelon and b.echelon and a.echelon.level > b.echelon.level):
                    continue  # a run nests downwards only (四军十师)
                if between or id(a) in sure or id(b) in sure:  # two doubtful ones nest only under a sure one
                    sure.update((id(a), id(b)))
                    changed = True
        return [p for p in every if id(p) in sure]

    def _proper(self, name: str) -> bool:
        """A surname of a known Japanese commander, a name jieba does not know, or one it tags as a name."""
        if name in self.jp_surnames:
            return True
        if len(name) != 2:
            return False  # three-character names only from the surname list
        freq, tag = jieba_lexicon().get(name, (0, ""))
        return freq == 0 or (tag in ("ns", "nr", "nrt", "nrfg") and freq < 1000)

    def _named_echelons(self, view: str) -> list[tuple[int, int, Entry]]:
        """Formations named by a word plus an echelon (奈良支队, 佐久间支队), when the word can be a name."""
        if self.named_echelon is None:
            return []
        out = []
        for m in self.named_echelon.finditer(view):
            i = m.start()
            for k in (3, 2):
                name = view[max(0, i - k): i]
                if (len(name) == k and not any(ch in _NOT_NAME or not _CJK_CHAR.match(ch) for ch in name)
                        and name not in self.gaz.side_words and self._proper(name)):
                    echelon = self.echelons.get(m.group())
                    side = "JP" if name in self.jp_surnames else ""
                    out.append((i - k, m.end(), Entry("UNIT", name + m.group(), side, echelon.word if echelon else "")))
                    break
        return out

    def _commanders_units(self, view: str) -> list[tuple[int, int, Entry]]:
        """吴佩孚旅, 刘存厚师, 董鸿勋支队: a three-character name (a surname first, not a word) plus an echelon.

        Not where the echelon runs on into a title (陈礼门团长) or a word (师部); the two characters
        before the echelon must not be a word either (炮兵团, 教导团, 特务团 are kinds of unit).
        """
        if self.named_echelon_cn is None:
            return []
        out = []
        for m in self.named_echelon_cn.finditer(view):
            i, end = m.start(), m.end()
            name = view[max(0, i - 3): i]
            nxt = view[end: end + 1]
            if (len(name) < 3 or any(ch in _NOT_NAME or not _CJK_CHAR.match(ch) for ch in name)
                    or name in self.gaz.side_words
                    or (name[0] not in self.gaz.surnames and name[:2] not in self.gaz.compound_surnames)
                    or is_common_word(name) or is_common_word(name[1:]) or nxt in self.not_after_named
                    or any(ch in self.name_terminators for ch in name[1:])  # 奉令移师: 令 ends a name
                    or is_common_word(name[-1] + m.group())):  # 移师, 回师, 全团: a word, no name
                continue
            out.append((i - 3, end, Entry("UNIT", name + m.group(), "", m.group())))
        return out

    def tag(self, view: str, named: list[tuple[int, int, Entry]]) -> list[Mention]:
        """All UNIT mentions in ``view``; ``named`` are gazetteer UNIT matches."""
        parts = self._parts(view)
        named = [*named, *self._named_echelons(view), *self._commanders_units(view)]
        numbered = bytearray(len(view) + 1)
        for p in parts:
            numbered[p.start:p.end] = b"\x01" * (p.end - p.start)
        by_span = {(p.start, p.end): p for p in parts}
        for start, end, entry in named:
            same = by_span.get((start, end))
            if same is not None and same.named is None:
                same.listed = entry  # 新四军: a listed unit written like a designation keeps its listed side
                continue
            if numbered.find(1, start, end) >= 0:
                inside = [p for p in parts if p.named is None and p.start < end and start < p.end]
                # 远东第1方面军: a listed name that wraps a designation in words of its own (not a side word, as
                # in 英军第27旅, whose designation keeps its norm) is the formation.
                if not inside or any(p.start < start or p.end > end for p in inside) or \
                        view[start:inside[0].start] in self.gaz.side_words or inside[0].start == start:
                    continue
                parts = [p for p in parts if p not in inside]
            parts.append(Part(start, end, None, None, None, named=entry))
        parts.sort(key=lambda p: (p.start, -p.end))
        runs: list[list[Part]] = []
        for part in parts:
            if runs and part.start < runs[-1][-1].end:
                continue  # overlapping named match inside a designation
            if runs and part.start == runs[-1][-1].end and self._nests(runs[-1][-1], part):
                runs[-1].append(part)
            else:
                runs.append([part])
        mentions: list[Mention] = []
        group = 0
        for run in runs:
            self._inherit_prefix(run)
            members = self._list_members(view, run[0], mentions)
            mention = self._run_mention(run)
            if members:
                group += 1
                mention.group = group
                for member in members:
                    member.group = group
                mentions.extend(members)
            mentions.append(mention)
        mentions.sort(key=lambda m: m.start)
        mentions = self._counted_lists(view, mentions, group)
        mentions = self._named_lists(view, mentions)
        self._expand_in_document(mentions)
        return mentions

    def _named_lists(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """太行、太岳纵队: a word listed before a named formation is one too when the word and its echelon are listed.

        The echelon is written once, on the last member; each earlier word must be a formation of
        units.csv with that echelon (太行纵队), so 冀中、晋察冀军区 names two regions and 长治、太岳纵队 none.
        """
        added: list[Mention] = []
        taken = {(m.start, m.end) for m in mentions}
        for m in mentions:
            if m.source == "list":
                continue
            text = view[m.start:m.end]
            echelon = next((e for e in sorted(self.echelons, key=len, reverse=True) if text.endswith(e)), "")
            if not echelon or len(text) == len(echelon) or text[0] == "第":
                continue
            at = m.start
            while at > 0 and self.gaz.grammar.coordination.fullmatch(view[at - 1]):
                entry = next(((k, e) for k in (4, 3, 2) if (e := self.gaz.units.get(view[at - 1 - k: at - 1] + echelon))
                              and e.label == "UNIT"), None)
                if entry is None or (at - 1 - entry[0], at - 1) in taken:
                    break
                k, e = entry
                added.append(Mention(at - 1 - k, at - 1, "UNIT", e.norm, e.side, source="list", parts=[e.norm]))
                at -= 1 + k
        return sorted([*mentions, *added], key=lambda x: x.start) if added else mentions

    def surname_forms(self, view: str, mentions: list[Mention], formation_words: tuple[str, ...] = ()) -> list[Mention]:
        """邱兵团 after 邱清泉兵团: a formation named after its commander, by his surname alone.

        Only where the document names the formation in full and no other formation of that echelon has
        a commander of the same surname, or names one of them at least twice as often as the other (黄兵团 is
        黄百韬's or 黄维's by the text, not by the world).
        A commander the document names (邱清泉部…邱兵团) gives his formation too, by ``formation_words``.
        Returns the new mentions; they overlap no UNIT of ``mentions`` (a PERSON 区兵团 gives way).
        """
        forms: dict[str, set[str]] = {}
        sides: dict[str, str] = {}
        for m in mentions:
            if m.label == "PERSON" and 2 <= len(m.norm) <= 3:
                pairs = [(m.norm, w) for w in formation_words]
            elif m.label == "UNIT":
                pairs = [self._commander_and_echelon(m.norm)]
            else:
                continue
            for name, echelon in pairs:
                if name:
                    surname = name[:2] if name[:2] in self.gaz.compound_surnames else name[0]
                    forms.setdefault(surname + echelon, set()).add(name + echelon)
                    sides.setdefault(name + echelon, m.side)
        # Of two commanders of one surname, the one the document names at least twice as often (黄百韬兵团
        # three times, 黄维兵团 once, in a telegram of the campaign's first phase) is the one 黄兵团 means.
        named = Counter(m.norm for m in mentions if m.label == "UNIT")
        unique = {}
        for form, norms in forms.items():
            ranked = sorted(norms, key=lambda n: (-named[n], n))
            if len(ranked) == 1 or named[ranked[0]] >= 2 * max(1, named[ranked[1]]):
                unique[form] = ranked[0]
        if not unique:
            return []
        pattern = re.compile("|".join(map(re.escape, sorted(unique, key=len, reverse=True))))
        taken = bytearray(len(view) + 1)
        for m in mentions:
            if m.label == "UNIT":
                taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        added = []
        for found in pattern.finditer(view):
            if taken.find(1, found.start(), found.end()) >= 0 or view[found.end(): found.end() + 1] in \
                    self.not_after_named:
                continue  # 邱兵团长, 李集团军: a title or another word
            if found.start() > 0 and _CJK_CHAR.match(view[found.start() - 1]) and \
                    is_common_word(view[found.start() - 1: found.start() + 1]):
                continue  # the surname character ends a word before it
            norm = unique[found.group()]
            side = sides.get(norm, "")
            added.append(Mention(found.start(), found.end(), "UNIT", norm, side, "gazetteer" if side else "",
                                 source="surname", parts=[norm]))
        return added

    def _commander_and_echelon(self, norm: str) -> tuple[str, str]:
        """黄百韬兵团 -> (黄百韬, 兵团): a formation's norm that is a commander's full name and an echelon."""
        if "/" in norm:
            return "", ""
        for echelon in self.echelons:
            name = norm[: -len(echelon)]
            if norm.endswith(echelon) and 2 <= len(name) <= 3 and (
                    name in self.gaz.persons or (len(name) == 3 and name[0] in self.gaz.surnames)):
                return name, echelon
        return "", ""

    def _counted_lists(self, view: str, mentions: list[Mention], group: int) -> list[Mention]:
        """第八十七、第八十八两师: each member is a unit of the echelon after the count (norm 第87师)."""
        added: list[Mention] = []
        for m in self.counted_list.finditer(view):
            echelon = self.echelons[m.group("ech")]
            stop = m.start("count") if m.group("count") else m.start("mark") if m.group("mark") else m.start("ech")
            members = [(x.start(), x.end()) for x in self.member_number.finditer(view, m.start(), stop)]
            count = len(members)
            if m.group("count"):
                if m.group("count") not in _count_words(count):
                    continue
            elif m.group("mark") == "等":
                pass  # no count: the members end where 等 begins
            else:
                start, end = members[-1]
                last = view[start:end]
                tail = next((c for c in _count_words(count) if last.endswith(c) and len(last) > len(c)), "")
                if not tail:
                    continue
                members[-1] = (start, end - len(tail))
            if any(x.start < m.end() and m.start() < x.end for x in mentions):
                continue
            group += 1
            for a, b in members:
                number = to_int(view[a:b].removeprefix("第"))
                if number is None:
                    break
                part = Part(a, b, None, number, echelon)
                side, side_from = part.side()
                norm = self._expand(part)
                added.append(Mention(a, b, "UNIT", norm, side, side_from, source="list", parts=[norm],
                                     group=group))
        return sorted([*mentions, *added], key=lambda x: x.start) if added else mentions

    @staticmethod
    def _expand_in_document(mentions: list[Mention]) -> None:
        """Short forms of a brigade the document also names in full.

        Chronicles write 独立混成第7旅团 once and then 第7旅团 or 独立第7旅;
        when the document has exactly one full brigade designation with that
        number, the short form is that brigade (and on its side). A brigade
        nested under a division (第64师团第69旅团) is the division's own, and a
        short form written before the full one is not its abbreviation (a
        Communist 独立第2旅 long before the Japanese 独立混成第2旅团).
        """
        full: dict[int, set[str]] = {}
        first: dict[int, int] = {}
        for m in mentions:
            for part in m.parts:
                hit = _FULL_BRIGADE.fullmatch(part)
                if hit:
                    full.setdefault(int(hit.group(2)), set()).add(part)
                    first.setdefault(int(hit.group(2)), m.start)
        if not full:
            return
        for m in mentions:
            changed = False
            for i, part in enumerate(m.parts):
                hit = _SHORT_BRIGADE.fullmatch(part)
                if (not hit or (i > 0 and m.parts[i - 1].endswith("师团"))
                        or m.start < first.get(int(hit.group(1)), m.start)):
                    continue
                candidates = full.get(int(hit.group(1)), set())
                # Both kinds with one number: the independent mixed brigade is
                # the one chronicles shorten (it is a brigade in its own right).
                mixed = [c for c in candidates if c.startswith("独立混成")]
                if len(candidates) == 1 or len(mixed) == 1:
                    m.parts[i] = mixed[0] if mixed else next(iter(candidates))
                    changed = True
            if changed:
                m.norm = "/".join(m.parts)
                if m.side_from != "explicit":
                    m.side, m.side_from = "JP", "prefix"

    def _level(self, part: Part) -> tuple[int, bool]:
        listed = self.echelons.get(part.listed.kind) if part.listed is not None else None
        if listed is not None:  # 新四军 is an army in name with columns under it: the list says how high
            return listed.level, listed.nests
        if part.echelon is not None:
            return part.echelon.level, part.echelon.nests
        echelon = self.echelons.get(part.named.kind if part.named else "")
        return (echelon.level, echelon.nests) if echelon else (10, True)

    def _nests(self, parent: Part, child: Part) -> bool:
        """A designation written right after another is its subunit only when smaller."""
        parent_level, nests = self._level(parent)
        child_level, _ = self._level(child)
        return nests and child_level < parent_level

    @staticmethod
    def _inherit_prefix(run: list[Part]) -> None:
        # A tank division's regiments are tank regiments: 战车第3师团第13联队.
        for parent, child in itertools.pairwise(run):
            if (parent.prefix and parent.prefix.canonical == "战车" and child.prefix is None
                    and child.named is None and child.echelon and child.echelon.word == "联队"):
                child.prefix = parent.prefix

    def _run_mention(self, run: list[Part]) -> Mention:
        # The strongest evidence of the run decides, the first part on a tie: a listed unit (骑一师 is
        # the US 1st Cavalry) over a side prefix (日, 伪) over an echelon's default (团 is Chinese).
        strength = {"gazetteer": 3, "prefix": 2, "echelon": 1}
        side, side_from = "", ""
        for part in run:
            s, f = part.side()
            if s and (not side or strength.get(f, 0) > strength.get(side_from, 0)):
                side, side_from = s, f
        norms = [self._expand(p) for p in run]
        return Mention(run[0].start, run[-1].end, "UNIT", "/".join(norms), side, side_from,
                       source="designation", parts=norms)

    def _expand(self, part: Part) -> str:
        if part.named is None and part.echelon is not None:
            key = (part.prefix.word if part.prefix else "", part.echelon.word)
            if key in self.abbreviations:
                full_prefix, full_echelon = self.abbreviations[key]
                return f"{full_prefix}第{part.number}{full_echelon}"
        return part.norm()

    def _list_members(self, view: str, head: Part, done: list[Mention]) -> list[Mention]:
        """Bare members written before ``head`` and sharing its echelon."""
        if head.named is not None or head.echelon is None:
            return []
        found: list[tuple[int, int, Prefix | None, int, bool]] = []
        cursor = head.start
        while True:
            window_start = max(0, cursor - 16)
            m = self.member_before.search(view, window_start, cursor)
            if not m:
                break
            if any(d.start < m.end() and m.start() < d.end for d in done[-32:]):  # done is in text order
                break
            number = to_int(m.group("num"))
            if number is None:
                break
            prefix = self.prefixes[m.group("pfx")] if m.group("pfx") else None
            found.append((m.start(), m.end() - len(m.group("sep")), prefix, number, bool(m.group("di"))))
            cursor = m.start()
        if not head.echelon.bare:
            # A bare number is a member only before an echelon whose bare numbers name units (1、8纵队), or
            # in a list led by a designation (第60、61、78师): up to the leftmost member written with 第.
            led = [i for i, f in enumerate(found) if f[4] or f[2] is not None]
            if led:
                found = found[: led[-1] + 1]
            elif head.prefix is not None or view.startswith("第", head.start):
                found = []  # (but a list of bare numbers before a bare one, 二十四、二十五师, names divisions)
        if not found:
            return []
        found.reverse()
        lead_prefix = found[0][2]
        members: list[Mention] = []
        def inherits(has_di: bool) -> bool:
            # 新42、第43师: a member written with 第 is a plain division, since
            # 新/暂/预 drop the 第; 独立步兵第5、第7旅团 keep it and share the prefix.
            return lead_prefix is not None and (not has_di or lead_prefix.keeps_di)

        for start, end, prefix, number, has_di in found:
            use = prefix or (lead_prefix if inherits(has_di) else None)
            part = Part(start, end, use, number, head.echelon)
            side, side_from = part.side()
            norm = self._expand(part)
            members.append(Mention(start, end, "UNIT", norm, side, side_from, source="list", parts=[norm]))
        if head.prefix is None and inherits(view.startswith("第", head.start)):
            head.prefix = lead_prefix
        return members
