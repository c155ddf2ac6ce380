"""Order-of-battle stage: unit -> parent and commander, as the text states them.

Chronicles give the order of battle in a compact style:
``所属部队有第37师团(长野佑一郎)、第62师团(本乡义夫)`` (members with their
commanders in parentheses), ``第28集团军(李仙州),辖第85军(吴绍周,预11师、
第110、第23师)`` (nested lists) and ``军司令官为内山英太郎`` (a commander
named for the unit in focus). One pass over each sentence with a bracket
depth and two list levels (members of the whole sentence; subordinates up
to the next ``;``) reads all three. Cue words live in
``gazetteers/orbat_context.csv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.gazetteer import Gazetteer
from extract.mention import Mention


@dataclass(slots=True)
class OrbatRow:
    unit: str
    side: str
    parent: str
    commander: str
    start: int
    end: int


def _alternation(words: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


def _match(pattern: re.Pattern[str] | None, view: str, pos: int) -> str:
    m = pattern.match(view, pos) if pattern is not None else None
    return m.group() if m else ""


class OrbatExtractor:
    def __init__(self, gaz: Gazetteer) -> None:
        self.sentence_end = gaz.grammar.sentence_end
        rows = gaz.res.rows("orbat_context.csv")
        self.members = sorted((r["value"] for r in rows if r["kind"] == "members"), key=len, reverse=True)
        self.subordinates = sorted((r["value"] for r in rows if r["kind"] == "subordinates"), key=len, reverse=True)
        self.titles = sorted((r["value"] for r in rows if r["kind"] == "commander_title"), key=len, reverse=True)
        # One alternation per word list, longest first: a C-speed match per character.
        self._members_re = _alternation(self.members)
        self._subordinates_re = _alternation(self.subordinates)
        self._titles_re = _alternation(self.titles)

    def extract(self, view: str, mentions: list[Mention]) -> list[OrbatRow]:
        rows: dict[tuple[str, str], OrbatRow] = {}
        order: list[tuple[str, str]] = []

        def record(unit: Mention, parent: Mention | None, commander: str, end: int) -> None:
            # The statement ends past the name's closing bracket or 部, which a text cut short lacks.
            end = min(end, len(view))
            key = (unit.norm, unit.side)
            row = rows.get(key)
            if row is None:
                row = OrbatRow(unit.norm, unit.side, "", "", unit.start, max(end, unit.end))
                rows[key] = row
                order.append(key)
            if parent is not None and not row.parent and parent.norm != unit.norm:
                row.parent = parent.norm
            if commander and not row.commander:
                row.commander = commander

        relevant = sorted((m for m in mentions if m.label in ("UNIT", "PERSON")), key=lambda m: m.start)
        s_start, k = 0, 0
        for s_end in [*(m.start() for m in self.sentence_end.finditer(view)), len(view)]:
            while k < len(relevant) and relevant[k].start < s_start:
                k += 1
            inside = []
            j = k
            while j < len(relevant) and relevant[j].start < s_end:
                if relevant[j].end <= s_end:
                    inside.append(relevant[j])
                j += 1
            if any(m.label == "UNIT" for m in inside):  # no unit, no order of battle
                self._sentence(view, s_start, s_end, inside, record)
            s_start = s_end + 1
        return [rows[k] for k in order if rows[k].parent or rows[k].commander]

    def _appointed(self, view: str, pos: int) -> str:
        """任/兼 + a commander's title right after a name (何应钦任总司令), else ''."""
        if view[pos: pos + 1] not in ("任", "兼"):
            return ""
        title = _match(self._titles_re, view, pos + 1)
        return view[pos: pos + 1] + title if title else ""

    def _sentence(self, view: str, start: int, end: int, mentions: list[Mention], record) -> None:
        by_start = {m.start: m for m in mentions}
        # The unit a bracket follows, by its end: a scan of the sentence's mentions
        # per bracket was quadratic in a long sentence of 第9师(…)第9师(….
        unit_by_end = {m.end: m for m in reversed(mentions) if m.label == "UNIT"}
        depth = 0
        focus: Mention | None = None          # last unit named at depth 0
        members_of: Mention | None = None     # parent of the sentence's member list
        subs_of: Mention | None = None        # parent of the current sub-list (to the next ;)
        bracket_unit: list[Mention | None] = []
        pending_title = False
        pos = start
        while pos < end:
            ch = view[pos]
            m = by_start.get(pos)
            if m is not None:
                if m.label == "UNIT":
                    if depth == 0:
                        parent = subs_of or members_of
                        if parent is not None:
                            record(m, parent, "", m.end)
                        focus = m
                    elif bracket_unit and bracket_unit[-1] is not None:
                        record(m, bracket_unit[-1], "", m.end)
                elif m.label == "PERSON":
                    if depth > 0 and bracket_unit and bracket_unit[-1] is not None and view[m.start - 1] in "(（":
                        record(bracket_unit[-1], None, m.norm, m.end + 1)
                    elif pending_title and focus is not None:
                        record(focus, None, m.norm, m.end)
                    elif focus is not None and depth == 0 and m.start == focus.end and view.startswith("部", m.end):
                        record(focus, None, m.norm, m.end + 1)  # 第29军孙元良部: the army of 孙元良
                    elif focus is not None and depth == 0 and (title := self._appointed(view, m.end)):
                        record(focus, None, m.norm, m.end + len(title))  # …成立，何应钦任总司令
                    pending_title = False
                pos = m.end
                continue
            if ch in "(（":
                depth += 1
                before = pos
                bracket_unit.append(focus if focus is not None and focus.end == before else
                                    unit_by_end.get(before))
            elif ch in ")）":
                depth = max(0, depth - 1)
                if bracket_unit:
                    bracket_unit.pop()
            elif ch in ";；" and depth == 0:
                subs_of = None
            elif depth == 0:
                word = _match(self._members_re, view, pos)
                if word:
                    members_of, subs_of = focus, None
                    pos += len(word)
                    continue
                word = _match(self._subordinates_re, view, pos)
                if word and focus is not None:
                    subs_of = focus
                    pos += len(word)
                    continue
                word = _match(self._titles_re, view, pos)
                if word:
                    pending_title = True
                    pos += len(word)
                    continue
            pos += 1
