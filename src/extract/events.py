"""Events stage: typed, dated, sided, placed military actions with evidence.

Each clause (text between , ; : and sentence ends) is searched for trigger
words from ``gazetteers/event_triggers.csv``; a word may give more than one
row (放弃X: a withdrawal and a capture). A trigger's places are looked for
in turn: after an active trigger (攻占漯河和郾城); after 向/对/将/把 (向登封
进攻); right after 由/自 (由华容地区进攻); after 在/于 (在德山附近激战);
before it when the clause opens with them (德山于11日收复, 荥阳失守); before
被/遭 (在龙潭司被第100军包围); else the place the narrative is about (开始
攻城, 突入城内). The date is the nearest resolved DATE before the trigger,
so chains like 21日荥阳失守,23日密县失守 work. The actor is the unit(s)
named before the trigger in the clause, else the sentence's subject, the
paragraph's chain of actions, a commander, or the side named last; the
side comes from the actor, a side word (日军, 守军) or the trigger's rule.
Negations, plans, orders, background clauses and references back (未能,
企图, 命令, 当…时, …之后) give no row. Every word list involved lives in
``gazetteers/event_context.csv``.
"""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass

from extract.boundaries import LineIndex, Spans
from extract.gazetteer import Gazetteer
from extract.lexicon import jieba_lexicon
from extract.mention import Mention
from extract.sides import SideFrame

# Every trigger reads its clause and sentence (and the sentences before it), so
# a 50k-character "clause" full of triggers (进攻进攻…) was quadratic. Clauses
# and sentences are cut into pieces no real one reaches (the corpora's longest
# clause has 80 characters, the longest sentence 322), which keeps each
# trigger's reading bounded and the stage linear in the document's length.
_MAX_CLAUSE = 200
_BRACKET = re.compile("[()（）]")
_MAX_SENTENCE = 1000
_OPPOSITE = {"JP": "CN", "CN": "JP"}


@dataclass(slots=True)
class Trigger:
    word: str
    event_type: str
    voice: str
    side_rule: str


@dataclass(slots=True)
class Event:
    """One row of events.csv (before numbering)."""

    date: str
    part_of_day: str
    time: str
    event_type: str
    actor: str
    actor_side: str
    place: str
    trigger: str
    start: int
    end: int
    trigger_start: int
    # The place's coordinates from the gazetteer (None where it has none).
    lat: float | None = None
    lon: float | None = None


class _Sorted:
    """Mentions sorted by start, with the lookups the extractor needs in O(log n)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]

    def within(self, lo: int, hi: int) -> list[Mention]:
        """Mentions wholly inside ``[lo, hi)``."""
        i = bisect.bisect_left(self.starts, lo)
        j = bisect.bisect_left(self.starts, hi)
        return [m for m in self.items[i:j] if m.end <= hi]

    def last_ending_by(self, pos: int) -> Mention | None:
        """The last mention that ends at or before ``pos`` (mentions do not overlap)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        while i >= 0 and self.items[i].end > pos:
            i -= 1
        return self.items[i] if i >= 0 else None


def _all_offsets(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def _listed(view: str, a: Mention, b: Mention) -> bool:
    """Are places ``a`` and ``b`` neighbours in one list (X、Y: only separators between them)?"""
    return a.start < b.start and all(ch in "、,，和及与" for ch in view[a.end:b.start])


def _clauses(view: str, clause_end: re.Pattern[str]) -> list[tuple[int, int]]:
    """Non-empty spans between clause ends, none longer than ``_MAX_CLAUSE``."""
    spans, pos = [], 0
    for end, after in [*((m.start(), m.end()) for m in clause_end.finditer(view)), (len(view), len(view))]:
        while end - pos > _MAX_CLAUSE:
            spans.append((pos, pos + _MAX_CLAUSE))
            pos += _MAX_CLAUSE
        if end > pos:
            spans.append((pos, end))
        pos = after
    return spans


def _sentence_ends(view: str, sentence_end: re.Pattern[str]) -> list[int]:
    """Offsets just after each sentence end, with a cut every ``_MAX_SENTENCE`` characters of a longer one."""
    ends, prev = [], 0
    for end in [*(m.end() for m in sentence_end.finditer(view)), len(view)]:  # the text's end bounds the last
        while end - prev > _MAX_SENTENCE:
            prev += _MAX_SENTENCE
            ends.append(prev)
        ends.append(end)
        prev = end
    ends.pop()  # the text's end is no sentence end
    return ends


def _is_side_free_word(text: str) -> bool:
    """A frequent word that a one-character side word begins (美国 is a side word of its own; 美丽 no side)."""
    return jieba_lexicon().get(text, (0, ""))[0] >= 100


class EventExtractor:
    """Trigger lexicon and context words of one gazetteer directory."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.g = gaz.grammar
        self._masked = ""  # the view of the document being read, mentions masked (set on a per-call copy)
        # A word may state two facts at once (放弃X: the holder withdraws, the other side captures X).
        self.triggers: dict[str, list[Trigger]] = {}
        for r in gaz.res.rows("event_triggers.csv"):
            self.triggers.setdefault(r["trigger"], []).append(
                Trigger(r["trigger"], r["event_type"], r["voice"], r["side_rule"]))
        ctx = gaz.res.rows("event_context.csv")
        self.negations = [r["value"] for r in ctx if r["kind"] == "negation"]
        self.defenders = [r["value"] for r in ctx if r["kind"] == "defender"]
        self.orders = [r["value"] for r in ctx if r["kind"] == "order"]
        self.object_verbs = [r["value"] for r in ctx if r["kind"] == "object_verb"]
        self.narrator = next((r["value"] for r in ctx if r["kind"] == "narrator_side"), "")
        # Compounds in which a marker word (未, 计划, 被, 向, 令 ...) is not that marker:
        # 未经战斗, 依预定计划, 被迫, 方向, 司令.
        self.not_markers = [r["value"] for r in ctx if r["kind"] == "not_marker"]
        self._order_re = re.compile("|".join(map(re.escape, self.orders))) if self.orders else None
        self._negation_re = re.compile("|".join(map(re.escape, self.negations))) if self.negations else None
        self.negations_after = [r["value"] for r in ctx if r["kind"] == "negation_after"]
        self.halt_words = [r["value"] for r in ctx if r["kind"] == "halt_word"]
        self.air_words = [r["value"] for r in ctx if r["kind"] == "air_word"]
        self.agent_markers = [r["value"] for r in ctx if r["kind"] == "agent_marker"]
        self.goal_words = [r["value"] for r in ctx if r["kind"] == "goal_word"]
        self.locative_words = [r["value"] for r in ctx if r["kind"] == "locative_word"]
        self.origin_words = [r["value"] for r in ctx if r["kind"] == "origin_word"]
        self.first_person = [r["value"] for r in ctx if r["kind"] == "first_person"]
        self.implicit_types = {r["value"] for r in ctx if r["kind"] == "implicit_place_type"}
        self.implicit_objects = [r["value"] for r in ctx if r["kind"] == "implicit_object"]
        self.implicit_object_ends = [r["value"] for r in ctx if r["kind"] == "implicit_object_end"]
        self.narrator_types = {r["value"] for r in ctx if r["kind"] == "narrator_type"}
        self.pronouns = [r["value"] for r in ctx if r["kind"] == "pronoun"]
        self.not_crossed = {r["value"] for r in ctx if r["kind"] == "not_crossed"}
        self.order_exempt = {r["value"] for r in ctx if r["kind"] == "order_exempt"}
        self.not_event_places = {r["value"] for r in ctx if r["kind"] == "not_event_place"}
        self.reference_back = tuple(r["value"] for r in ctx if r["kind"] == "reference_back")
        self.background_after = [r["value"] for r in ctx if r["kind"] == "background_after"]
        self.air_support = [r["value"] for r in ctx if r["kind"] == "air_support"]
        self.recent_sentences = int(next((r["value"] for r in ctx if r["kind"] == "implicit_sentences"), "2"))
        self.side_words = sorted(gaz.side_words.items(), key=lambda kv: -len(kv[0]))
        words = sorted(self.triggers, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(w) for w in words)) if words else None

    def _side_word(self, lo: int, hi: int) -> str:
        """The side named by a side word in ``view[lo:hi]``, unless the word is an object (与日军激战).

        Units and persons are masked out first (空军 inside 远东空军 names no side). A one-character word (匪, 敌,
        美) counts only where the stretch begins with it and it does not begin a longer word: elsewhere
        such a character is too often part of another word.
        """
        text = self._masked[lo:hi]
        for word, side in self.side_words:
            if len(word) < 2:
                if text.startswith(word) and not (len(text) > 1 and _is_side_free_word(text[:2])):
                    return side
                continue
            i = text.find(word)
            while i >= 0:
                if i == 0 or text[i - 1] not in self.g.object_marks:
                    return side
                i = text.find(word, i + 1)
        return ""

    def extract(self, view: str, mentions: list[Mention], frame: SideFrame | None = None) -> list[Event]:
        """All events of one document, in text order, deduplicated; sides in the ``frame``'s codes."""
        # A copy for this document, so nothing of it stays on the shared extractor: its side words,
        # narrator and opposites in the document's codes, and the view with the mentions masked out.
        per_doc = copy.copy(self)
        if frame is not None:
            per_doc.side_words = [(w, frame.code(side)) for w, side in self.side_words]
            per_doc.narrator = frame.narrator
            per_doc.opposite = frame.opposite  # type: ignore[method-assign]
        masked = list(view)
        for m in mentions:  # units and persons only: 中国军队 is a side word around the place 中国
            if m.label in ("UNIT", "PERSON"):
                masked[m.start:m.end] = "\u25a1" * (m.end - m.start)
        per_doc._masked = "".join(masked)
        return per_doc._extract(view, mentions)

    def opposite(self, side: str) -> str:
        return _OPPOSITE.get(side, "")

    def _extract(self, view: str, mentions: list[Mention]) -> list[Event]:
        if self.pattern is None:
            return []
        # A date the text leaves partly open (XXXX-05-24) still dates an event: such rows are kept.
        dates = _Sorted([m for m in mentions if m.label == "DATE" and any(ch.isdigit() for ch in m.norm)])
        units = _Sorted([m for m in mentions if m.label == "UNIT"])
        places = _Sorted([m for m in mentions if m.label == "PLACE"])
        persons = _Sorted([m for m in mentions if m.label == "PERSON"])
        covered = bytearray(len(view) + 1)
        for m in mentions:
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        # Per call, not on the extractor: one extractor serves every thread.
        ends = _sentence_ends(view, self.g.sentence_end)
        lines = LineIndex(view)
        brackets = [m.start() for m in _BRACKET.finditer(view)]
        events: list[Event] = []
        paragraph, last_actor, last_side = -1, [], ""
        seen: set[tuple[str, str, str, str]] = set()
        furniture = Spans(self.g.furniture, view)  # headings, captions, page metadata state no event
        for c_start, c_end in _clauses(view, self.g.clause_end):
            if c_start in furniture:
                continue
            clause = view[c_start:c_end]
            # Trigger words inside a name (占 in a place name) are no triggers.
            found = [t for t in self.pattern.finditer(clause)
                     if covered.find(1, c_start + t.start(), c_start + t.end()) < 0
                     and self._occurrences(clause, t.group(), t.start(), t.end())]  # not 陷 of 陷于
            for k, t in enumerate(found):
                t_start, t_end = c_start + t.start(), c_start + t.end()
                # An active trigger governs the places up to the next trigger (放弃长沙退走永丰).
                next_start = c_start + found[k + 1].start() if k + 1 < len(found) else c_end
                for trig in self.triggers[t.group()]:  # 放弃X: a withdrawal and a capture
                    before = view[c_start:t_start]
                    event_type = self._event_type(trig, before, clause)
                    if self._negated(before, view[t_end:c_end]) or self._background(before, view[t_end:c_end]):
                        continue
                    if (event_type != "halt" and view[t_start - 1: t_start] == "的"
                            and self._goal_mark(view, c_start, t_start, places, self.goal_words) < 0):
                        continue  # 他的殉国: the action named as a noun, recalled (but 完成对常德的包围 is told)
                    order_at = self._ordered(view, ends, lines, c_start, t_start)
                    if (event_type not in self.order_exempt and order_at >= 0
                            and not dates.within(max(order_at, self._dated_from(view, c_start)), t_start)):
                        # An order or plan; an order to halt is the halt itself, and a clause
                        # with its own date after the order (…令X反击,6月28日收复萍乡) reports the result.
                        continue
                    if ((view.startswith("后", t_end) or view[t_end:c_end].endswith(self.reference_back))
                            and not dates.within(c_start, t_start)):
                        continue  # 衡阳失守后, 攻占金华、兰溪之后: a reference back, not a new event
                    date = dates.last_ending_by(t_start)
                    if date is None or len(date.norm) < 7:
                        continue  # no date, or only a year: not a dated action
                    s_start = self._sentence_start(ends, c_start)
                    p_start = lines.line_start(c_start)
                    if p_start != paragraph:
                        paragraph, last_actor, last_side = p_start, [], ""
                    by = self._agent_marker(before)
                    recent_from = max(p_start, self._sentence_start(ends, s_start - 1, back=self.recent_sentences - 1))
                    targets, actor_units = self._targets(trig, view, places, units, c_start, next_start, t_start, t_end,
                                                         by, recent_from, brackets)
                    if not targets:
                        continue
                    last = targets[-1]
                    if (trig.voice == "active" and targets[0].start == t_end and view.startswith("的", last.end)
                            and self._list_with(view, targets, 0)[-1] is last):
                        continue  # 空袭重庆的前进机场: the action qualifies a noun, it is not told
                    same_sentence = date.start >= s_start
                    actor_units, side = self._actor_and_side(
                        view, trig, event_type, before, by, actor_units, units, persons,
                        (s_start, c_start, t_start, recent_from), (last_actor, last_side))
                    actor = ";".join(dict.fromkeys(u.norm for u in actor_units))
                    if trig.voice == "active" and not by and trig.side_rule != "opposite":
                        last_actor, last_side = actor_units, side
                    for place in targets:
                        key = (date.norm, event_type, place.norm, side)
                        if key in seen:
                            continue
                        seen.add(key)
                        events.append(Event(
                            date=date.norm.split("/")[0],
                            part_of_day=str(date.attrs.get("part_of_day", "")) if same_sentence else "",
                            time=str(date.attrs.get("time", "")) if same_sentence else "",
                            # The actor named with 失守/放弃 is the loser, not the side that captures.
                            event_type=event_type, actor="" if trig.side_rule == "opposite" else actor,
                            actor_side=side, place=place.norm, trigger=t.group(),
                            start=c_start, end=c_end, trigger_start=t_start))
        return events

    def _actor_and_side(self, view: str, trig: Trigger, event_type: str, before: str,
                        by: tuple[int, int] | None, actor_units: list[Mention], units: _Sorted, persons: _Sorted,
                        spans: tuple[int, int, int, int],
                        chain: tuple[list[Mention], str]) -> tuple[list[Mention], str]:
        """Who acts and for which side: the clause, the sentence's subject, the paragraph's chain
        of actions, a commander, the side named last; a death's actor is the dead commander."""
        s_start, c_start, t_start, recent_from = spans
        last_actor, last_side = chain
        word_side = self._side_word(c_start + (by[1] if by else 0), t_start)
        if by and not actor_units and not word_side:
            word_side = self.narrator if any(w in before[by[1]:] for w in self.first_person) else ""
        if not actor_units and not word_side and trig.voice != "passive" and not by and c_start > s_start:
            # The sentence's subject: the first clause with content.
            actor_units, word_side = self._subject(view, units, s_start, c_start)
        # Who gives a place up (放弃X) is the holder: named in the sentence, else the
        # narrator's side, never the chain of the other side's advance.
        chains = (trig.voice != "passive" and not by and trig.side_rule not in ("holder", "opposite")
                  and event_type not in self.narrator_types)
        if not actor_units and not word_side and chains:
            actor_units, word_side = last_actor, last_side  # the chain goes on
        if not actor_units and not word_side and chains:
            # Still nobody: a commander before the trigger (冈村宁次下令停止…), then the
            # side named last in the preceding sentences (日军…进至新郑。拂晓开始攻城).
            word_side = next((m.side for m in reversed(persons.within(s_start, t_start)) if m.side), "")
            word_side = word_side or self._last_side(view, units, persons, recent_from, s_start)
        if event_type == "death":
            # 师长彭士量中弹阵亡: the dead commander is the actor and gives the side.
            dead = persons.within(s_start, t_start)[-1:]
            if dead:
                actor_units, word_side = dead, dead[0].side
        side = self._side(trig, before, actor_units, word_side) if not by else (
            word_side or next((u.side for u in actor_units if u.side), ""))
        return actor_units, side

    # -- the parts of one trigger's reading ---------------------------------------
    def _occurrences(self, text: str, word: str, lo: int = 0, hi: int | None = None) -> list[int]:
        """Offsets of ``word`` in ``text[lo:hi]`` that are not inside one of the not-marker compounds."""
        hi = len(text) if hi is None else hi
        found = []
        i = text.find(word, lo, hi)
        while i >= 0:
            if not any(text.startswith(x, i - k) for x in self.not_markers if word in x
                       for k in _all_offsets(x, word) if i - k >= 0):
                found.append(i)
            i = text.find(word, i + 1, hi)
        return found

    def _dated_from(self, view: str, c_start: int) -> int:
        """Start of the trigger's clause, or of the clause before it when that one is only a date (；翌晨，松江失守)."""
        prev_end = c_start - 1
        prev_start = prev_end
        floor = max(0, prev_end - _MAX_CLAUSE)  # clauses are cut at that length
        while prev_start > floor and not self.g.clause_end.match(view, prev_start - 1):
            prev_start -= 1
        if prev_end > prev_start and self.g.date_only.fullmatch(view[prev_start:prev_end]):
            return prev_start
        return c_start

    def _subject(self, view: str, units: _Sorted, s_start: int, c_start: int) -> tuple[list[Mention], str]:
        """The sentence's subject for a clause that names no actor.

        The nearest earlier clause that opens with a side word or a unit (…，中国军队沿途尾追，
        于10月30日收复南宁) is the subject; else the sentence's first clause with content
        (clauses of only a date, and 当…时, are skipped): later clauses name objects
        (击退守军第X军) more often than subjects.
        """
        clauses = [(s_start + lo, s_start + hi) for lo, hi in _clauses(view[s_start:c_start], self.g.clause_end)]
        for lo, hi in reversed(clauses):
            head = view[lo:hi]
            stripped = head.lstrip(self.g.date_chars + "于至")
            offset = lo + len(head) - len(stripped)
            side = next((side for word, side in self.side_words if len(word) > 1 and stripped.startswith(word)), "")
            opening = units.within(offset, offset + 12)[:1]
            if side or (opening and opening[0].start == offset):
                found = [u for u in units.within(lo, hi) if not self._is_object(view, u)]
                return found, side
        for lo, hi in clauses:
            text = view[lo:hi]
            if self.g.date_only.fullmatch(text) or (text.startswith("当") and text.endswith("时")):
                continue
            found = [u for u in units.within(lo, hi) if not self._is_object(view, u)]
            return found, self._side_word(lo, hi)
        return [], ""

    def _last_side(self, view: str, units: _Sorted, persons: _Sorted, lo: int, hi: int) -> str:
        """The side named last in ``view[lo:hi]``: a side word, a sided unit or commander, whichever is later."""
        text = view[lo:hi]
        best_pos, best = -1, ""
        for word, side in self.side_words:
            i = text.rfind(word) if len(word) > 1 else -1
            if i > best_pos:
                best_pos, best = i, side
        for group in (units, persons):
            m = next((u for u in reversed(group.within(lo, hi)) if u.side), None)
            if m is not None and m.start - lo > best_pos:
                best_pos, best = m.start - lo, m.side
        return best

    def _event_type(self, trig: Trigger, before: str, clause: str) -> str:
        """停止/暂停 with an attack word make it a halt; aircraft make an attack an air raid."""
        if trig.event_type == "attack" and any(w in clause for w in self.halt_words):
            return "halt"  # 停止向长沙进攻, 向郑州的进攻被迫停止
        if (trig.event_type == "attack" and any(w in clause for w in self.air_words)
                and not any(w in clause for w in self.air_support)):
            return "air_raid"  # aircraft attack; 在第1飞行团支援下 is ground attack with air support
        return trig.event_type

    def _negated(self, before: str, after: str) -> bool:
        """A negation before the trigger (未能攻占), or a plan word right after it (进攻长沙企图)."""
        if self._negation_re is not None and self._negation_re.search(before) and any(
                self._occurrences(before, word) for word in self.negations):
            return True
        return any(w in after for w in self.negations_after)

    def _background(self, before: str, after: str) -> bool:
        """当日军进攻衡阳时, 日军占领X期间: a time clause that recalls an action as background."""
        if any(after.endswith(w) for w in self.background_after):
            return True
        i = before.find("当")
        if i < 0 or "时" not in after:
            return False
        # 当日/当夜 are dates; 当日军… is 当 + 日军.
        return before[i + 1: i + 2] not in ("日", "夜", "晚", "天", "") or before[i + 1: i + 3] == "日军"

    def _agent_marker(self, before: str) -> tuple[int, int] | None:
        """Span of 被/遭 in the clause before the trigger: the agent follows it, the place precedes it."""
        for word in self.agent_markers:
            found = self._occurrences(before, word)
            if found:
                return found[-1], found[-1] + len(word)
        return None

    def _targets(self, trig: Trigger, view: str, places: _Sorted, units: _Sorted, c_start: int, c_end: int,
                 t_start: int, t_end: int, by: tuple[int, int] | None,
                 recent_from: int, brackets: list[int]) -> tuple[list[Mention], list[Mention]]:
        """The places the trigger governs, and the acting units found on the way."""
        goal = -1
        if by is not None:
            # 在龙潭司附近被第100军包围: place before 被, agent between 被 and the trigger.
            targets = places.within(c_start, c_start + by[0])
            actor_units = units.within(c_start + by[1], t_start)
        else:
            actor_units = [u for u in units.within(c_start, t_start) if not self._is_object(view, u)]
            if trig.voice == "active":
                targets, goal, actor_units = self._active_targets(view, places, actor_units, c_start, c_end,
                                                                  t_start, t_end)
            elif trig.voice == "near":
                # 在扶绥南之绥渌会合: the place nearest before the trigger.
                targets = places.within(c_start, t_start)[-1:]
            else:
                targets = places.within(c_start, t_start)
        # 将该镇夺回: the object before the verb refers back to the place the narrative is about.
        # …right before the verb: 将其遗骸夺回 recovers a body, not a place.
        refers_back = goal >= 0 and any(view.startswith(w, goal + 1) and goal + 1 + len(w) == t_start
                                        for w in self.pronouns)
        if not targets and by is None and (goal < 0 or refers_back) and (
                refers_back or self._implicit_place(trig, view, t_end, c_end)):
            # 开始攻城, 突入城内, 全部撤走: the place is the one the narrative is about.
            # Not from the trigger's own clause (a place there belongs to another verb), except
            # before 将该镇/将其, which points back into it (突入老河口机场并将其占领).
            upto = t_start if trig.voice == "passive" else (goal if refers_back else c_start)
            recent = self._recent_list(view, places.within(recent_from, upto), t_start, brackets)
            targets = recent if trig.voice == "passive" else recent[-1:]
        # A country or a sea is no place of one action (轰炸日本本土, 在太平洋节节进攻).
        targets = [p for p in targets if not self._qualifier(view, p, places)
                   and self._place_kind(p.norm) not in self.not_event_places
                   and not (trig.event_type == "cross" and self._place_kind(p.norm) in self.not_crossed)]
        return targets, actor_units

    def _active_targets(self, view: str, places: _Sorted, actor_units: list[Mention], c_start: int, c_end: int,
                        t_start: int, t_end: int) -> tuple[list[Mention], int, list[Mention]]:
        """Places of an active trigger, tried in order; also the goal word's offset (-1: none)."""
        targets = places.within(t_end, c_end)
        if targets:
            return targets, -1, actor_units
        # 向登封进攻, 对长沙形成包围: the goal stands between 向/对 and the trigger.
        goal = self._goal_mark(view, c_start, t_start, places, self.goal_words)
        if goal >= 0:
            targets = places.within(goal, t_start)
            # 对登封地区之汤恩伯集团进行包围: units after the goal word are the target.
            actor_units = [u for u in actor_units if u.end <= goal]
        if goal >= 0 and not targets and view[goal + 1: goal + 2] in self.g.directions:
            goal = -1  # 向南突围: a direction, not a goal place
        origin = self._goal_mark(view, c_start, t_start, places, self.origin_words)
        if not targets and origin >= 0:
            # 由奉新、靖安一线向西进犯: with no goal place, the place(s) set out from.
            found = places.within(origin, goal if goal > origin else t_start)
            # Only a place right after 由/自 (由华容地区进攻, not 由东南角徒涉洛阳河突围).
            targets = self._first_list(view, found) if found and found[0].start - origin <= 2 else []
        locative = self._goal_mark(view, c_start, t_start, places, self.locative_words)
        if not targets and goal < 0 and origin < 0 and locative >= 0:
            # 第10军在德山附近与日军激战: where the action takes place.
            targets = self._first_list(view, places.within(locative, t_start))
            if targets and "的" in view[targets[-1].end:t_start]:
                targets = []  # 在对马海峡战胜沙俄海军的5月27日: the place belongs to another verb
        if not targets and goal < 0 and origin < 0 and not actor_units:
            # 德山于11日收复, 澧县、津市等地相继光复: an active verb read passively,
            # when the clause opens with the place(s) as its topic.
            found = places.within(c_start, t_start)
            if found and self.g.date_only.fullmatch(view[c_start:found[0].start]):
                targets = self._first_list(view, found)
        return targets, goal, actor_units

    def _first_list(self, view: str, found: list[Mention]) -> list[Mention]:
        """The first place of ``found`` and those listed with it (奉新、靖安; not 沿洞庭湖 after it).

        Places that only locate the next one (长江南岸的白茆口) are passed over.
        """
        sorted_found = _Sorted(found)
        found = [p for p in found if not self._qualifier(view, p, sorted_found)]
        return self._list_with(view, found, 0) if found else []

    def _goal_mark(self, view: str, c_start: int, t_start: int, places: _Sorted, words: list[str]) -> int:
        """Offset of the first of ``words`` (向, 对; 由, 自) before the trigger that is a word of its own.

        Not inside a name (对马海峡) and not the 向 of 方向 (向麦市、渣津方向进攻).
        """
        best = -1
        for word in words:
            for i in self._occurrences(view, word, c_start, t_start):
                if not any(p.start <= i < p.end for p in places.within(max(0, i - 8), i + 9)):
                    best = i if best < 0 else min(best, i)
                    break
        return best

    def _implicit_place(self, trig: Trigger, view: str, t_end: int, c_end: int) -> bool:
        if trig.event_type not in self.implicit_types:
            return False
        after = view[t_end:c_end]
        return (not after or len(after) <= 2 or any(after.startswith(w) for w in self.implicit_objects)
                or (trig.event_type in ("attack", "breakthrough", "capture")
                    and any(after.endswith(w) for w in self.implicit_object_ends)))

    def _recent_list(self, view: str, found: list[Mention], t_start: int, brackets: list[int]) -> list[Mention]:
        """The last place of ``found`` not in an aside that closes before ``t_start``, and those listed before it.

        Walks back from the trigger once, keeping the brackets' balance as it goes
        (a test of the whole stretch from each place to the trigger was quadratic).
        """
        j = bisect.bisect_left(brackets, t_start)
        lowest = 1  # the lowest balance of ( minus ) read from the current place to the trigger, if below 1
        group: list[Mention] = []
        for p in reversed(found):
            while j > 0 and brackets[j - 1] >= p.end:
                j -= 1
                lowest = (1 if view[brackets[j]] in "(（" else -1) + min(0, lowest)
            if lowest < 0:  # a bracket opened before the place closes before the trigger
                if group:
                    break
                continue
            if group and not _listed(view, p, group[-1]):
                break
            group.append(p)
        return group[::-1]

    @staticmethod
    def _list_with(view: str, items: list[Mention], k: int) -> list[Mention]:
        """``items[k]`` and the items listed with it (X、Y、Z: only separators between neighbours).

        ``items`` are sorted and do not overlap, so the list is the run of neighbours
        around ``items[k]``; testing every pair instead was cubic in the places of a
        sentence (a 衡阳、衡阳、… line took minutes per trigger).
        """
        lo = hi = k
        while lo > 0 and _listed(view, items[lo - 1], items[lo]):
            lo -= 1
        while hi + 1 < len(items) and _listed(view, items[hi], items[hi + 1]):
            hi += 1
        return items[lo: hi + 1]

    def _place_kind(self, norm: str) -> str:
        entry = self.gaz.places.get(norm)
        return entry.kind.split(":")[-1] if entry is not None else ""

    def _qualifier(self, view: str, p: Mention, places: _Sorted) -> bool:
        """贵州独山, 台湾的高雄, 洛阳南方的龙门: a place written to locate the next one."""
        i = bisect.bisect_left(places.starts, p.end)
        return i < len(places.items) and bool(self.g.qualifies.fullmatch(view[p.end:places.items[i].start]))

    def _ordered(self, view: str, ends: list[int], lines: LineIndex, c_start: int, t_start: int) -> int:
        """Offset of the last order, decision or plan word governing the trigger, else -1.

        An open quotation on the line (a plan quoted from an order) counts as
        governing from the start of the clause.
        """
        s_start = self._sentence_start(ends, c_start)
        before = view[s_start:t_start]
        if lines.in_quote(t_start, corner=False):
            return c_start
        if self._order_re is None or not self._order_re.search(before):
            return -1
        found = [s_start + i for word in self.orders for i in self._occurrences(before, word)]
        return max(found, default=-1)

    @staticmethod
    def _sentence_start(ends: list[int], pos: int, back: int = 0) -> int:
        """Offset just after the last sentence end at or before ``pos`` (``back`` more sentences back)."""
        i = bisect.bisect_right(ends, pos) - 1 - back
        return ends[i] if i >= 0 else 0

    def _is_object(self, view: str, unit: Mention) -> bool:
        head = view[max(0, unit.start - 4): unit.start]
        return any(head.endswith(v) or head[:-1].endswith(v) for v in self.object_verbs)

    def _side(self, trig: Trigger, before: str, actor_units: list[Mention], word_side: str) -> str:
        if trig.side_rule in ("JP", "CN", "US", "ALLIED"):
            return trig.side_rule
        unit_sides = [u.side for u in actor_units if u.side]
        if any(d in before for d in self.defenders):
            word_side = word_side or self.narrator
        holder = word_side or (unit_sides[0] if unit_sides else "")
        if trig.side_rule == "opposite":
            return self.opposite(holder or self.narrator)
        if trig.side_rule == "holder" or trig.event_type in self.narrator_types:
            return holder or self.narrator
        return holder
