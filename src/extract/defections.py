"""Defections: a unit that goes over (起义, 投诚, 反正, 倒戈) carries the other side from that point on.

The side resolver gives each mention the side its evidence shows, which for
a KMT army that 起义 in 1948 is KMT everywhere; but from the clause that
states the defection on, the same army fights for the narrator's side (in a
Communist history: CCP; a puppet 伪军 unit that 反正 against Japan: CN). This
stage reads the whole document once after the sides are known:

1. each defection word (``defections.csv``, kind ``defect``) outside any
   mention, in a conflict where the words mean going over (kind
   ``conflict``; in 1911 起义 is an uprising);
2. the units that defect: those of a side other than the narrator's in the
   word's clause before it, else in the nearest clause before it within the
   sentence (第60军军长曾泽生,于17日在长春率部起义);
3. nothing when the stretch from those units to the word urges, plans or
   denies it (争取第X军起义, 拒绝投诚: kind ``not_before``), or a word after
   it undoes it (起义未遂: ``not_after``);
4. every later mention of a defecting norm (and of its nested parts,
   第59军/第38师) with the old side, unless a side word is written before
   it, takes the narrator's side; a ``defection`` warning says where.

The mentions in the defection clause itself keep the side they had: they
are the unit as it was when it went over.
"""

from __future__ import annotations

import bisect
import re

from extract.gazetteer import Gazetteer, longest_first
from extract.mention import Mention
from extract.sides import SideFrame
from extract.timeline import Warning


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in longest_first(words)) or "(?!)")


class DefectionResolver:
    """The defection words of one gazetteer, compiled once; the document's state lives in the call."""

    def __init__(self, gaz: Gazetteer) -> None:
        res = gaz.res
        self.defect = _alternation(res.values("defections.csv", "defect"))
        self.not_before = _alternation(res.values("defections.csv", "not_before"))
        self.not_after = tuple(longest_first(res.values("defections.csv", "not_after")))
        self.led_own = frozenset(res.values("defections.csv", "led_own"))
        self.led = _alternation([*res.values("defections.csv", "led"), *self.led_own])
        self.same_clause = frozenset(res.values("defections.csv", "same_clause"))
        self.conflicts = frozenset(res.values("defections.csv", "conflict"))
        self.g = gaz.grammar

    def apply(self, view: str, mentions: list[Mention], frame: SideFrame) -> list[Warning]:
        """Change the sides of the mentions after each defection, in place; one warning per defecting unit."""
        if frame.conflict not in self.conflicts or not frame.narrator:
            return []
        units = [m for m in mentions if m.label == "UNIT"]
        if not units:
            return []
        starts = [m.start for m in mentions]
        unit_starts = [m.start for m in units]
        by_norm: dict[str, list[Mention]] = {}
        for m in units:  # a mention under its norm and under each formation it is nested in
            parts = m.norm.split("/")
            for n in range(1, len(parts) + 1):
                by_norm.setdefault("/".join(parts[:n]), []).append(m)
        clause_ends = [m.start() for m in self.g.clause_end.finditer(view)]
        sentence_ends = [m.start() for m in self.g.statement_end.finditer(view)]
        # Where the words that urge or deny are, found once (a search per defection word was quadratic).
        denials = [(m.start(), m.end()) for m in self.not_before.finditer(view)]
        leads = [(m.start(), m.end(), m.group() in self.led_own) for m in self.led.finditer(view)]
        done: set[int] = set()  # a mention goes over once (起义起义起义… names one defection)
        previous = 0  # the end of the last defection word: units before it were its own
        warnings: list[Warning] = []
        for found in self.defect.finditer(view):
            at, end = found.start(), found.end()
            i = bisect.bisect_right(starts, at) - 1
            if (i >= 0 and mentions[i].end > at) or view.startswith(self.not_after, end):
                continue  # inside a name, or undone (起义未遂)
            defectors = [m for m in self._defectors(units, unit_starts, at, clause_ends, sentence_ends, denials,
                                                    leads, frame.narrator, found.group() in self.same_clause,
                                                    previous)
                         if id(m) not in done]
            previous = end
            done.update(id(m) for m in defectors)
            k = bisect.bisect_left(clause_ends, end)
            clause_end = clause_ends[k] if k < len(clause_ends) else len(view)
            for unit in defectors:
                if unit.side == frame.narrator and frame.enemy:
                    # Only the default made it the narrator's: until it goes over it is the enemy's.
                    for m in by_norm.get(unit.norm, []):
                        if m.start > unit.start:
                            break
                        if m.side == frame.narrator and m.side_from == "default":
                            m.side, m.side_from = frame.enemy, "defection"
                old, later = unit.side, by_norm.get(unit.norm, [])
                changed = 0
                for m in later[bisect.bisect_left(later, clause_end, key=lambda x: x.start):]:
                    if m.side == old and m.side_from != "explicit":
                        m.side, m.side_from = frame.narrator, "defection"
                        changed += 1
                warnings.append(Warning(unit.start, unit.end, "defection",
                                        f"{unit.norm} goes over from {old} to {frame.narrator} here "
                                        f"({found.group()}): its later mentions are {frame.narrator} "
                                        f"({changed} changed)"))
        return warnings

    def _defectors(self, units: list[Mention], unit_starts: list[int], at: int, clause_ends: list[int],
                   sentence_ends: list[int], denials: list[tuple[int, int]],
                   leads: list[tuple[int, int, bool]], narrator: str, same_clause: bool = False,
                   previous: int = 0) -> list[Mention]:
        """The units of the other side that the defection word at ``at`` is said of (none when only urged).

        They are in the nearest clause before the word, within its sentence, that names units: the
        word's own clause (第59军、第77军在贾汪起义), else an earlier one (第60军军长曾泽生,于长春率部起义).
        """
        j = bisect.bisect_left(unit_starts, at) - 1
        while j >= 0 and units[j].end > at:
            j -= 1
        sentence_start = _after_boundary(sentence_ends, at)
        limit = max(_after_boundary(clause_ends, at), sentence_start) if same_clause else sentence_start
        if j < 0 or units[j].start < max(limit, previous):
            return []
        clause_start = max(_after_boundary(clause_ends, units[j].start), sentence_start, previous)
        k = bisect.bisect_left(denials, (clause_start, -1))
        if k < len(denials) and denials[k][1] <= at:
            return []  # 争取…起义, 拒绝投诚: urged or refused, not done
        stretch = units[bisect.bisect_left(unit_starts, clause_start): j + 1]
        # The last word of leading in the stretch (率第59军): only what it leads goes over, unless it leads
        # the commander's own troops (率部).
        i = bisect.bisect_right(leads, (at, -1, False)) - 1
        while i >= 0 and leads[i][1] > at:
            i -= 1
        if i >= 0 and leads[i][0] >= clause_start and not leads[i][2]:
            stretch = [m for m in stretch if m.start >= leads[i][1]]
        # A unit the narrator's side only by default (a bare 第85军 of 1949) goes over too: it was the other's.
        return [m for m in stretch if m.side and (m.side != narrator or m.side_from == "default")]


def _after_boundary(ends: list[int], at: int) -> int:
    """The offset just after the last boundary before ``at`` (0 when there is none)."""
    i = bisect.bisect_left(ends, at) - 1
    return ends[i] + 1 if i >= 0 else 0
