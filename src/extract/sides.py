"""Document-level side resolution for UNIT and PERSON mentions.

The same designation can name formations of both sides in one text (日军第12军
and the Chinese 第12军), so a per-number lookup is wrong; evidence is read in
order of trust:

1. a side word written right before the mention (日军第12军, 守军第89军);
2. what the designation itself says (师团 is Japanese, 师 Chinese), the
   gazetteer for named formations and known persons;
3. the other members of the same elliptical list, the unit a commander in
   parentheses belongs to, the governing unit of a 辖/所属 statement;
4. the same norm earlier in the document with a side from 1-3 (nearest
   before wins), then anywhere in the document when only one side was seen;
5. the gazetteer's most frequent side for an ambiguous numbered army.
"""

from __future__ import annotations

import bisect
import copy
import itertools
import re
from collections.abc import Callable

from extract.gazetteer import Gazetteer
from extract.lexicon import jieba_lexicon
from extract.mention import Mention
from extract.resources import FOREIGN_SIDES

# Characters that make a one-character side word part of something else:
# 19日第3师团 is a date, not 日 (Japan); 当日/同日/是日 are dates too.
_STRONG = ("explicit", "prefix", "echelon", "gazetteer", "title")
# The two Chinese sides a commander can name where a designation only says "Chinese" (CN).
_CHINESE_FACTIONS = ("CCP", "KMT")


class SideFrame:
    """The side codes of one document: the narrator's side, its enemy, and the conflict's mapping.

    Side words may name a side relative to the narrator (我军 NARRATOR, 敌 ENEMY); faction codes become the
    codes of the conflict narrated (``conflict_sides.csv``: a Communist unit is CN against Japan and CCP in
    the civil war; a bare Chinese designation is KMT in the civil war, a 纵队 CCP). Built per document
    from ``doc._.narrative``, so every stage reads the same frame and no component holds it.
    """

    def __init__(self, gaz: Gazetteer, narrative: dict[str, object] | None = None) -> None:
        narrative = narrative or {}
        self.conflict = str(narrative.get("conflict") or "")
        # A conflict the contract has no Chinese codes for (the warlord wars) has no narrator's side either;
        # with no conflict at all, the narrator is China against Japan.
        self.narrator = str(narrative.get("narrator") or "") if self.conflict else "CN"
        self.enemy = (str(narrative.get("enemy") or "") or ("JP" if self.narrator == "CN" else "")
                      if self.narrator else "")
        # The month the story is told in (narrative.py): a rule with a ``from`` after it does not hold.
        period = str(narrative.get("period") or "")
        self.period = period
        rules: dict[str, list[tuple[str, str, str]]] = {}
        for row in gaz.res.rows("conflict_sides.csv"):
            if row["conflict"] == self.conflict:
                becomes = self.narrator if row["becomes"] == "NARRATOR" else row["becomes"]
                rules.setdefault(row["side"], []).append((row["echelon"], becomes, row.get("from", "")[:7]))
        # Rules with an echelon are tried before the side's catch-all (longest echelon first); of two rules
        # for one echelon, the one that holds from the later month.
        self.rules = {side: sorted(sorted(r, key=lambda ebs: ebs[2], reverse=True),
                                   key=lambda ebs: (-len(ebs[0]), ebs[0]))
                      for side, r in rules.items()}

    def code(self, side: str, norm: str = "", month: str = "") -> str:
        """The document's code for a side word's or a mention's side, as of ``month`` (YYYY-MM).

        A rule that holds ``from`` a month (from January 1949 the PLA's field armies are numbered like the
        government's) is read against the month the mention is told in, else the month of the story: a
        campaign told from July 1948 to April 1949 has both halves.
        """
        if side == "NARRATOR":
            side = self.narrator
        elif side == "ENEMY":
            side = self.enemy
        month = month or self.period
        # Any part of a nested run tells: 第1纵队/第1旅 is a Communist column's brigade.
        parts = norm.split("/")
        for echelon, becomes, since in self.rules.get(side, ()):
            if since and not (month and since <= month):
                continue
            if not echelon or any(part.endswith(echelon) for part in parts):
                return becomes
        return side

    def opposite(self, side: str) -> str:
        """The side an action against ``side`` is by (X失守: the other side takes X)."""
        if side == self.narrator:
            return self.enemy
        if side == self.enemy:
            return self.narrator
        return ""


def _is_word(text: str) -> bool:
    """A frequent dictionary word (集中, 其中): a side character at its end is no side word."""
    return jieba_lexicon().get(text, (0, ""))[0] >= 100


class SideResolver:
    """Sides for the mentions of one document (state lives in the call)."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.g = gaz.grammar
        # A commander's title right before the name (第12军,其编成为:军司令官为内山英太郎): orbat_context.csv.
        titles = gaz.res.values("orbat_context.csv", "commander_title")
        self.title_before = re.compile(f"(?:{'|'.join(map(re.escape, sorted(titles, key=len, reverse=True)))})$"
                                       if titles else "(?!)")
        self.title_chars = max(map(len, titles), default=0)
        self.words = sorted(gaz.side_words.items(), key=lambda kv: -len(kv[0]))
        # One-character side words that are no part of another word before a designation (伪第2军团).
        self.strong_chars = frozenset(gaz.res.values("name_context.csv", "strong_side_char"))
        self.conflict_ends = {r["conflict"]: r["end"][:7] for r in gaz.res.rows("conflicts.csv")}
        self.echelons_by_canonical = sorted(gaz.echelons, key=lambda e: (-len(e.canonical), e.canonical))

    def side_word_before(self, view: str, start: int) -> str:
        """The side of a side word ending right at ``start`` (日军|第12军)."""
        for word, side in self.words:
            s = start - len(word)
            if s < 0 or view[s:start] != word:
                continue
            if len(word) == 1 and s > 0 and ((view[s - 1] in self.g.not_side_before and word in self.g.date_chars)
                                             or _is_word(view[s - 1: start])):
                continue  # 19日第3师团, 是日第3师团, 集中第2师团: the character ends another word (not 是美第8集团军)
            return side
        if start > 0 and view[start - 1] == "的":
            # 南韩的第七师, 美国的第1骑兵师: a side word of two characters or more owns the unit across 的.
            return next((side for word, side in self.words
                         if len(word) > 1 and view.startswith(word, start - 1 - len(word))), "")
        return ""

    def _word_before(self, view: str, start: int) -> str:
        return next((w for w, _ in self.words if view.startswith(w, start - len(w))), "")

    def resolve(self, view: str, mentions: list[Mention], frame: SideFrame | None = None) -> None:
        """Set ``side``/``side_from`` on every UNIT and PERSON mention, in place, in the document's codes."""
        if frame is not None:
            # A copy for this document, its side words in the document's codes (我军 -> the narrator's side).
            per_doc = copy.copy(self)
            # A side that begins after the month the story is told in is no side yet: 齐燮元 of 1924 is a
            # Zhili general, not the collaborator of 1938.
            # With no month told, the war narrated bounds it: a warlord war ended before any collaborator's side.
            told = frame.period or self.conflict_ends.get(frame.conflict, "")
            for m in mentions:
                since = self.gaz.person_side_from.get(m.norm, "") if m.label == "PERSON" else ""
                if since and told and told < since[:7] and m.side_from == "gazetteer":
                    m.side, m.side_from = "", ""
            if frame.narrator in FOREIGN_SIDES:
                # A translated Soviet or American history writes its own armies in the Chinese way (第35集团军):
                # a designation only its Chinese echelon word sides is the narrator's, unless 敌 opens it.
                for m in mentions:
                    if m.label == "UNIT" and m.side == "CN" and m.side_from == "echelon":
                        m.side, m.side_from = "NARRATOR", "narrator"
            per_doc.words = [(w, frame.code(side)) for w, side in self.words]
            per_doc._resolve(view, mentions)
            told_at = self._months(mentions)
            for m in mentions:
                if m.label in ("UNIT", "PERSON") and m.side:
                    m.side = frame.code(m.side, m.norm, told_at(m.start))
            return
        self._resolve(view, mentions)

    @staticmethod
    def _months(mentions: list[Mention]) -> Callable[[int], str]:
        """The month (YYYY-MM) of the last date with a year stated before an offset, or "" before any."""
        dated = [(m.start, f"{m.attrs['year']:04d}-{m.attrs.get('month') or 1:02d}") for m in mentions
                 if m.label == "DATE" and isinstance(m.attrs.get("year"), int)
                 and isinstance(m.attrs.get("month") or 1, int)]
        starts = [s for s, _ in dated]

        def told_at(pos: int) -> str:
            i = bisect.bisect_right(starts, pos) - 1
            return dated[i][1] if i >= 0 else ""
        return told_at

    def _resolve(self, view: str, mentions: list[Mention]) -> None:
        units = [m for m in mentions if m.label == "UNIT"]
        persons = [m for m in mentions if m.label == "PERSON"]
        for m in units:
            explicit = self.side_word_before(view, m.start)
            word = self._word_before(view, m.start)
            # 中第3师团: a one-character 中 or 日 is too often part of another word to beat what the
            # designation says; a country's character (美第8集团军) does beat it.
            if explicit and not (m.side and m.side_from in ("prefix", "echelon") and explicit != m.side
                                 and len(word) == 1 and self.gaz.side_words.get(word) in ("JP", "CN")
                                 and word not in self.strong_chars):
                m.side, m.side_from = explicit, "explicit"
        # Members of one list share the side of the best-evidenced member.
        groups: dict[int, list[Mention]] = {}
        for m in units:
            if m.group >= 0:
                groups.setdefault(m.group, []).append(m)
        for members in groups.values():
            best = next((m for m in members if m.side_from == "explicit"), None) or next(
                (m for m in members if m.side_from in _STRONG), None)
            if best is None:
                continue
            for m in members:
                # A side word before the list (南朝鲜一、二、五、六师) beats what the echelon alone says.
                weak = m.side_from not in _STRONG or (best.side_from == "explicit" and m.side_from == "echelon")
                if m.side_from not in ("explicit",) and m.side != best.side and weak:
                    m.side, m.side_from = best.side, "list"
        # A commander in parentheses: 第12军(内山英太郎) is the Japanese 12th Army.
        by_end = {m.end: m for m in units}
        for p in persons:
            unit = by_end.get(p.start - 1)
            if unit is None or not p.side or p.side_from not in ("gazetteer", "title"):
                continue
            if unit.side_from not in ("explicit", "prefix", "echelon"):
                unit.side, unit.side_from = p.side, "commander"
        self._focus_commanders(view, mentions)
        self._governed(view, units)
        self._ordered_by(view, mentions)
        self._coordinated(view, units)
        self._memory(units)
        # 第43军、第40军: once memory gives 第43军 its side, the unit beside it shares it before any default.
        # 南韩的第七师和第八师: a side word's unit gives its side to the one beside it that only the echelon guessed.
        self._coordinated(view, units, also=("memory", "coordinated", "explicit", "governed"),
                          weak=("echelon", "narrator"))
        for m in units:
            if not m.side:
                m.side, m.side_from = self.default_side(m), "default"
        self._persons(view, mentions)

    def _focus_commanders(self, view: str, mentions: list[Mention]) -> None:
        """重组第12军,其编成为:军司令官为内山英太郎 -> the unit in focus is on the commander's side."""
        # Reading the whole stretch from the focus to each person was quadratic when a
        # long clause names many persons after one unit; the clause ends are bisected
        # and the title is read in the few characters before the name.
        ends = [e.start() for e in self.g.statement_end.finditer(view)]
        focus: Mention | None = None
        for m in mentions:
            if m.label == "UNIT":
                focus = m
            elif (m.label == "PERSON" and focus is not None and m.side and m.side_from in ("gazetteer", "title")
                  and focus.side_from not in ("explicit", "prefix", "echelon", "gazetteer")
                  and bisect.bisect_left(ends, focus.end) == bisect.bisect_left(ends, m.start)
                  and self.title_before.search(view, max(focus.end, m.start - self.title_chars), m.start)):
                focus.side, focus.side_from = m.side, "commander"

    def _governed(self, view: str, units: list[Mention]) -> None:
        """Units listed under a governing unit (X,辖Y、Z / X所属部队有Y) share its side."""
        for i, m in enumerate(units):
            if m.side_from in _STRONG or m.side_from == "commander":
                continue
            for prev in reversed(units[max(0, i - 12): i]):
                between = view[prev.end: m.start]
                if self.g.statement_end.search(between):
                    break
                govern = self.g.govern.search(between)
                # The formation governs when it is the govern word's subject: a clause end may only follow it
                # right away (第5军，辖…); past one (…节节抗击，东线…由邓华统一指挥Y) the subject is another.
                if (prev.side and prev.side_from in (*_STRONG, "commander") and govern
                        and not self.g.clause_end.search(between, 1, govern.start())):
                    m.side, m.side_from = prev.side, "governed"
                    break

    def _ordered_by(self, view: str, mentions: list[Mention]) -> None:
        """冈村宁次令第6方面军 / 第23军以第104师团: the one who orders, or whose means are named, shares the side.

        An order goes down one chain of command, so the unit ordered is on the
        side of the commander or formation that orders it; 'X以Y' (X uses Y)
        names Y as X's own subordinate, so X is on the side Y's echelon shows.
        """
        trusted = (*_STRONG, "commander", "governed")
        for a, b in itertools.pairwise(mentions):
            between = view[a.end: b.start]
            if b.label != "UNIT" or not (self.g.orders.fullmatch(between) or self.g.means.fullmatch(between)):
                continue
            refines = (a.label == "PERSON" and b.side_from == "echelon" and b.side == "CN"
                       and a.side in _CHINESE_FACTIONS)  # the echelon says Chinese; 贺龙指挥第二十军 says whose
            if (b.side_from not in trusted or refines) and a.side and (a.side_from in trusted or a.label == "PERSON"):
                b.side, b.side_from = a.side, "governed"  # 冈村宁次令第6方面军, 畑俊六以第2军
            # A formation named by its place in an advance (东集团以9纵) keeps the narrator's side: the echelon's
            # side of its column is not yet in the conflict's codes.
            elif (a.label == "UNIT" and a.side_from not in (*trusted, "narrator")
                  and b.side_from in ("prefix", "echelon") and self.g.means.fullmatch(between)):
                a.side, a.side_from = b.side, "governed"  # 第23军以第104师团, 第2军所属第10师团

    def _coordinated(self, view: str, units: list[Mention], also: tuple[str, ...] = (),
                     weak: tuple[str, ...] = ()) -> None:
        """Units joined by 、/及/和 (第11军及第13军) share a side where one lacks it.

        ``weak``: sides that are only a guess (the echelon's) and yield to a neighbour's remembered one
        (美第24师 ... 第24师、第25师: both American).
        """
        trusted = (*_STRONG, "commander", "governed", "list", *also)
        for _ in range(2):
            for a, b in itertools.pairwise(units):
                if not self.g.coordination.fullmatch(view[a.end: b.start]):
                    continue
                if a.side_from in trusted and (not b.side or (b.side_from in weak and a.side_from in also)):
                    b.side, b.side_from = a.side, "coordinated"
                # Backwards only from a side the unit did not get from its own words: in 第42军和人民军第5军团 the
                # army named (人民军, a listed name, or a side word) is the second unit's, not the list's.
                elif (b.side_from in trusted and (not a.side or (a.side_from in weak and b.side_from in also))
                      and b.side_from not in ("explicit", "gazetteer")):
                    a.side, a.side_from = b.side, "coordinated"

    def default_side(self, m: Mention) -> str:
        """Last resort: the gazetteer's side for the number, else the echelon's default side (echelons.csv).

        Chinese chronicles name Japanese armies with a side word at least once
        (日军第11军) and Chinese armies usually without one.
        """
        last = m.parts[-1] if m.parts else m.norm
        echelon = next((e for e in self.echelons_by_canonical if last.endswith(e.canonical)), None)
        default = echelon.default_side if echelon is not None else ""
        entry = self.gaz.units.get(m.parts[0] if m.parts else m.norm)
        if entry is not None and entry.side and not default:
            return entry.side
        return default

    @staticmethod
    def _memory(units: list[Mention]) -> None:
        """Same norm, no local evidence: nearest earlier evidenced side, else the only one seen.

        A nested run names its last part too: after 美7师31团 a bare 31团 is the American regiment.
        """
        trusted = (*_STRONG, "commander", "governed", "list")

        def names(m: Mention) -> tuple[str, ...]:
            last_part = m.norm.rsplit("/", 1)[-1]
            return (m.norm, last_part) if last_part != m.norm else (m.norm,)

        seen: dict[str, set[str]] = {}
        for m in units:
            if m.side and m.side_from in trusted:
                for name in names(m):
                    seen.setdefault(name, set()).add(m.side)
        last: dict[str, str] = {}
        nested: dict[str, str] = {}  # the last part of a nested run with strong evidence -> its side
        marked: dict[str, str] = {}  # a norm last written with a side word (美第24师) -> that side
        for m in units:
            if m.side_from == "echelon" and nested.get(m.norm, m.side) != m.side and "/" not in m.norm:
                # The echelon says 团 is Chinese, but this 31团 was last named as the American 7师's.
                m.side, m.side_from = nested[m.norm], "memory"
                continue
            if m.side_from == "echelon" and marked.get(m.norm, m.side) != m.side:
                # 美第24师 ... 第24师: the side word named this division; the echelon's guess does not undo it.
                m.side, m.side_from = marked[m.norm], "memory"
                continue
            if m.side_from == "explicit":
                marked[m.norm] = m.side
            if m.side and m.side_from in trusted:
                for name in names(m):
                    last[name] = m.side
                if "/" in m.norm and m.side_from in ("explicit", "prefix", "gazetteer"):
                    nested[names(m)[-1]] = m.side
                elif m.norm in nested and m.side_from != "echelon":
                    nested[m.norm] = m.side
                continue
            if m.norm in last:
                m.side, m.side_from = last[m.norm], "memory"
            elif len(seen.get(m.norm, ())) == 1:
                m.side, m.side_from = next(iter(seen[m.norm])), "memory"
        # One sense per document: a designation a side word marks with one side only (被我第8师) is that side
        # where only its echelon guessed before the mark too (第8师攻占尚岩 ... 被我第8师截住).
        marks: dict[str, set[str]] = {}
        for m in units:
            if m.side_from == "explicit":
                marks.setdefault(m.norm, set()).add(m.side)
        for m in units:
            sides = marks.get(m.norm, set())
            if m.side_from == "echelon" and len(sides) == 1 and m.side not in sides:
                m.side, m.side_from = next(iter(sides)), "memory"

    def _persons(self, view: str, mentions: list[Mention]) -> None:
        """Person side: gazetteer/title, else the unit named just before (第4军军长X)."""
        last_unit: Mention | None = None
        for m in mentions:
            if m.label == "UNIT":
                last_unit = m
                continue
            if m.label != "PERSON":
                continue
            near = (last_unit is not None and last_unit.side and m.start - last_unit.end <= 8
                    and not self.g.statement_end.search(view[last_unit.end: m.start]))
            if m.side and m.side_from == "title" and near and last_unit is not None:
                # 红4团团长王开湘: a title says only that a Chinese officer is named; the unit he
                # heads says for which side (in a civil war, not always the government's).
                m.side, m.side_from = last_unit.side, "unit"
                continue
            if m.side:
                continue
            explicit = self.side_word_before(view, m.start)
            if explicit:
                m.side, m.side_from = explicit, "explicit"
            elif near and last_unit is not None:
                m.side, m.side_from = last_unit.side, "unit"
            elif (len(m.norm) >= 4 and m.norm[:2] not in self.gaz.compound_surnames and "·" not in m.norm
                  and not set(m.norm) <= self.gaz.foreign_chars):  # 契斯佳科夫: a transliteration, not Japanese
                m.side, m.side_from = "JP", "name_shape"
