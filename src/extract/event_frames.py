"""Predicate frames: which words of a clause state a military action, and of what type.

Two sources, both data:

- the lexicon (``gazetteers/event_triggers.csv``): words with their type,
  voice (where the place stands) and side rule, tried first and longest first;
- action morphemes (``gazetteers/event_frames.csv``): a word nobody listed
  that contains 攻, 克, 撤, 渡, 围, 歼 ... and that the segmenter reads as a
  verb (jieba's part-of-speech tag, ``verb_tag`` in event_context.csv) is
  still read as an action, of the type of its strongest morpheme (击溃: 击
  outranks 溃; 连克: 克). Words that contain a morpheme but state no action
  (克服, 围绕, 撤销) are listed as ``not_action``.

Each found trigger says which source and morpheme gave it (the ``rule``
column of events.csv), so a historian can see why a row exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.event_context import EventWords, occurrences
from extract.gazetteer import Gazetteer
from extract.lexicon import jieba_lexicon


@dataclass(frozen=True, slots=True)
class Trigger:
    """How one trigger word is read: its type, where its place stands, whose side it is."""

    word: str
    event_type: str
    voice: str
    side_rule: str
    source: str = "lexicon"
    # The slots its place may come from (empty: any): 西犯X takes its object or goal, never the
    # place it sets out from.
    slots: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Found:
    """A trigger word found in a clause (offsets into the view)."""

    start: int
    end: int
    word: str
    readings: tuple[Trigger, ...]


@dataclass(frozen=True, slots=True)
class Morpheme:
    char: str
    event_type: str
    voice: str
    side_rule: str
    rank: int
    alone: bool
    slots: frozenset[str] = frozenset()


class Frames:
    """The trigger lexicon and the morpheme frames of one gazetteer directory."""

    def __init__(self, gaz: Gazetteer, words: EventWords) -> None:
        self.w = words
        self.lexicon: dict[str, tuple[Trigger, ...]] = {}
        for r in gaz.res.rows("event_triggers.csv"):
            slots = frozenset(r.get("slots", "").split("|")) - {""}
            self.lexicon[r["trigger"]] = (*self.lexicon.get(r["trigger"], ()),
                                          Trigger(r["trigger"], r["event_type"], r["voice"], r["side_rule"],
                                                  slots=slots))
        ordered = sorted(self.lexicon, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(w) for w in ordered)) if ordered else None
        self.morphemes = {r["morpheme"]: Morpheme(r["morpheme"], r["event_type"], r["voice"], r["side_rule"],
                                                  int(r["rank"]), r["alone"] == "yes",
                                                  frozenset(r.get("slots", "").split("|")) - {""})
                          for r in gaz.res.rows("event_frames.csv")}

    def find(self, view: str, c_start: int, c_end: int, covered: bytearray,
             words: list[tuple[int, int]]) -> list[Found]:
        """Triggers of the clause ``view[c_start:c_end]`` in text order.

        ``covered`` marks the characters inside mentions (占 of a place name is no trigger);
        ``words`` are the segmenter's words of the clause, for the morpheme frames.
        """
        clause = view[c_start:c_end]
        found: list[Found] = []
        if self.pattern is not None:
            for t in self._lexicon_matches(clause, c_start, words):
                s, e = c_start + t.start(), c_start + t.end()
                if covered.find(1, s, e) < 0 and occurrences(clause, t.group(), self.w.not_marker, t.start(), t.end()):
                    found.append(Found(s, e, t.group(), self.lexicon[t.group()]))
        if self.morphemes:
            taken = [(f.start, f.end) for f in found]
            for s, e in words:
                if any(a < e and s < b for a, b in taken) or covered.find(1, s, e) >= 0:
                    continue
                reading = self.reading(view[s:e])
                if reading is not None and occurrences(view, view[s:e], self.w.not_marker, s, e):
                    found.append(Found(s, e, view[s:e], (reading,)))
            found.sort(key=lambda f: f.start)
        return found

    def _lexicon_matches(self, clause: str, c_start: int, words: list[tuple[int, int]]) -> list[re.Match[str]]:
        """The lexicon's words in the clause, where two overlap the one the segmenter's words align with.

        接连攻取: the leftmost match 连攻 straddles 接连|攻取; 攻取, which the words begin and end, is read.
        A match that begins inside a word listed as holding none (``no_trigger_inside``: 军委会|于, no 会于) is
        none.
        """
        assert self.pattern is not None
        matches = list(self.pattern.finditer(clause))
        if not matches or not words:
            return matches
        starts = {s - c_start for s, _ in words}
        ends = {e - c_start for _, e in words}
        out: list[re.Match[str]] = []
        for t in matches:
            if t.start() not in starts and any(s - c_start < t.start() < e - c_start
                                               and clause[s - c_start:e - c_start] in self.w.no_trigger_inside
                                               for s, e in words):
                continue
            if (t.start() not in starts or t.end() not in ends) and t.end() - t.start() >= 2:
                # Straddling: is there a word-aligned match that starts inside it?
                better = next((b for i in range(t.start() + 1, t.end())
                               if i in starts and (b := self.pattern.match(clause, i)) and b.end() in ends), None)
                if better is not None:
                    out.append(better)
                    continue
            if not out or t.start() >= out[-1].end():
                out.append(t)
        return out

    def reading(self, word: str) -> Trigger | None:
        """The frame of a word nobody listed: its strongest action morpheme, if the word is a verb."""
        if word in self.w.not_action or word in self.lexicon:
            return None
        best: Morpheme | None = None
        for ch in word:
            m = self.morphemes.get(ch)
            if m is not None and (best is None or m.rank > best.rank):
                best = m
        if best is None:
            return None
        if len(word) == 1:
            if not best.alone:
                return None
        elif jieba_lexicon().get(word, (0, ""))[1] not in self.w.verb_tag:
            return None
        return Trigger(word, best.event_type, best.voice, best.side_rule, f"frame:{best.char}", best.slots)
