"""Events stage: typed, dated, sided, placed military actions with evidence.

Each clause (text between , ; : and sentence ends) is searched for trigger
words from ``gazetteers/event_triggers.csv``. A trigger gives one event per
place it governs: the places after an active trigger (攻占漯河和郾城) or
before a passive one (荥阳失守). The date is the nearest resolved DATE
before the trigger (so chains like 21日荥阳失守,23日密县失守 work); the
actor is the unit(s) named before the trigger in the clause, else in the
sentence's first clause (its subject); the side comes from the actor, a
side word (日军, 守军) or the trigger's rule. Clauses that state a plan,
order or failure (未能, 企图, 命令 ...) give no event.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extract.gazetteer import Gazetteer, _rows
from extract.mention import Mention

_CLAUSE_END = re.compile(r"[,，;；:：。！？!?\n]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
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


def _clauses(view: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _CLAUSE_END.finditer(view):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(view):
        spans.append((pos, len(view)))
    return spans


class EventExtractor:
    """Trigger lexicon and context words of one gazetteer directory."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.triggers = {r["trigger"]: Trigger(r["trigger"], r["event_type"], r["voice"], r["side_rule"])
                         for r in _rows(gaz.directory / "event_triggers.csv")}
        ctx = _rows(gaz.directory / "event_context.csv")
        self.negations = [r["value"] for r in ctx if r["kind"] == "negation"]
        self.defenders = [r["value"] for r in ctx if r["kind"] == "defender"]
        self.orders = [r["value"] for r in ctx if r["kind"] == "order"]
        self.object_verbs = [r["value"] for r in ctx if r["kind"] == "object_verb"]
        self.narrator = next((r["value"] for r in ctx if r["kind"] == "narrator_side"), "")
        self.side_words = sorted(gaz.side_words.items(), key=lambda kv: -len(kv[0]))
        words = sorted(self.triggers, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(w) for w in words)) if words else None

    def _side_word(self, text: str) -> str:
        for word, side in self.side_words:
            if len(word) > 1 and word in text:
                return side
        return ""

    def extract(self, view: str, mentions: list[Mention]) -> list[Event]:
        """All events of one document, in text order, deduplicated."""
        if self.pattern is None:
            return []
        dates = _Sorted([m for m in mentions if m.label == "DATE" and m.norm and not m.norm.startswith("X")])
        units = _Sorted([m for m in mentions if m.label == "UNIT"])
        places = _Sorted([m for m in mentions if m.label == "PLACE"])
        covered = bytearray(len(view) + 1)
        for m in mentions:
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        self._sentence_ends = [m.end() for m in _SENTENCE_END.finditer(view)]
        events: list[Event] = []
        paragraph, last_actor, last_side = -1, [], ""
        seen: set[tuple[str, str, str, str]] = set()
        for c_start, c_end in _clauses(view):
            clause = view[c_start:c_end]
            for t in self.pattern.finditer(clause):
                t_start, t_end = c_start + t.start(), c_start + t.end()
                if covered.find(1, t_start, t_end) >= 0:
                    continue  # inside a name (占 in a place name)
                trig = self.triggers[t.group()]
                before = view[c_start:t_start]
                if any(n in before for n in self.negations) or self._ordered(view, c_start, t_start):
                    continue
                if view.startswith("后", t_end) and not dates.within(c_start, t_start):
                    continue  # 衡阳失守后: a reference back, not a new event
                if trig.voice == "active":
                    targets = places.within(t_end, c_end)
                else:
                    targets = places.within(c_start, t_start)
                if not targets:
                    continue
                date = dates.last_ending_by(t_start)
                if date is None or len(date.norm) < 7:
                    continue  # no date, or only a year: not a dated action
                s_start = self._sentence_start(c_start)
                p_start = view.rfind("\n", 0, c_start) + 1
                if p_start != paragraph:
                    paragraph, last_actor, last_side = p_start, [], ""
                same_sentence = date.start >= s_start
                actor_units = [u for u in units.within(c_start, t_start) if not self._is_object(view, u)]
                word_side = self._side_word(before)
                if not actor_units and not word_side and trig.voice == "active" and c_start > s_start:
                    # The sentence's subject: the first clause's side word or units.
                    f_end = _CLAUSE_END.search(view, s_start)
                    first = view[s_start: f_end.start() if f_end else c_start]
                    word_side = self._side_word(first)
                    if not word_side:
                        actor_units = units.within(s_start, s_start + len(first))
                if not actor_units and not word_side and trig.voice == "active":
                    actor_units, word_side = last_actor, last_side  # the chain goes on
                side = self._side(trig, before, actor_units, word_side)
                actor = ";".join(dict.fromkeys(u.norm for u in actor_units))
                if trig.voice == "active":
                    last_actor, last_side = actor_units, side
                for place in targets:
                    key = (date.norm, trig.event_type, place.norm, side)
                    if key in seen:
                        continue
                    seen.add(key)
                    events.append(Event(
                        date=date.norm.split("/")[0],
                        part_of_day=str(date.attrs.get("part_of_day", "")) if same_sentence else "",
                        time=str(date.attrs.get("time", "")) if same_sentence else "",
                        event_type=trig.event_type, actor=actor if trig.event_type != "capture"
                        or trig.voice == "active" else "",
                        actor_side=side, place=place.norm, trigger=t.group(),
                        start=c_start, end=c_end, trigger_start=t_start))
        return events

    def _ordered(self, view: str, c_start: int, t_start: int) -> bool:
        """An order, decision or quotation governs the trigger: not an event (yet)."""
        s_start = self._sentence_start(c_start)
        before = view[s_start:t_start]
        line = view[view.rfind("\n", 0, t_start) + 1: t_start]
        if line.count("“") > line.count("”"):
            return True
        for word in self.orders:
            i = before.find(word)
            while i >= 0:
                if not (word == "令" and i > 0 and before[i - 1] == "司"):
                    return True
                i = before.find(word, i + 1)
        return False

    def _sentence_start(self, pos: int) -> int:
        """Offset just after the last sentence end at or before ``pos``."""
        i = bisect.bisect_right(self._sentence_ends, pos) - 1
        return self._sentence_ends[i] if i >= 0 else 0

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
            return _OPPOSITE.get(holder or self.narrator, "")
        return holder
