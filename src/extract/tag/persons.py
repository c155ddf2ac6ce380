"""PERSON tagger for names that no gazetteer lists, found from their context.

Gazetteer names are matched elsewhere (one automaton for all labels). This
module adds the names a historian would still recognize: a name after a
title (军长X, 师团长X, 司令长官为X) and a name in parentheses right after a
unit (第85军(吴绍周,预11师...)). The boundary of an unknown name is the hard
part in unsegmented Chinese; we cut at punctuation, at characters that start
the next word (率, 于, 放弃...) and at the usual length of Chinese or
Japanese names.
"""

from __future__ import annotations

import re

from extract.gazetteer import Gazetteer
from extract.lexicon import is_common_word
from extract.mention import Mention

_CJK = re.compile(r"[\u4e00-\u9fff·]")


class PersonContextTagger:
    """Names after titles and in parentheses after units."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        rows = gaz.res.rows("name_context.csv")
        self.terminators = {r["value"] for r in rows if r["kind"] == "terminator"}
        self.jp_titles = {r["value"] for r in rows if r["kind"] == "jp_title"}
        self.cn_titles = {r["value"] for r in rows if r["kind"] == "cn_title"}
        self.formation_words = sorted((r["value"] for r in rows if r["kind"] == "person_formation"),
                                      key=len, reverse=True)
        connectors = [r["value"] for r in rows if r["kind"] == "connector"]
        self.foreign_chars = frozenset("".join(r["value"] for r in rows if r["kind"] == "foreign_char"))
        self.ranks = sorted((r["value"] for r in rows if r["kind"] == "rank"), key=len, reverse=True)
        titles = "|".join(re.escape(t) for t in gaz.titles)
        conn = "|".join(re.escape(c) for c in connectors) or "(?!)"
        self.title_re = re.compile(rf"(?P<title>{titles})(?:{conn})?")

    def _is_common_word(self, text: str) -> bool:
        """True when the candidate starts with an ordinary word (相继, 亲自...)."""
        return is_common_word(text) or is_common_word(text[:2])

    def _trim(self, text: str, japanese: bool) -> str:
        out = ""
        for ch in text:
            if not _CJK.match(ch) or (len(out) >= 2 and ch in self.terminators) or (not out and ch in self.terminators):
                break
            out += ch
        if not out:
            return ""
        for i in range(1, len(out)):  # 费斯中校: the name ends before the rank
            if any(out.startswith(rank, i) for rank in self.ranks):
                out = out[:i]
                break
        if japanese:
            limit = 5
        elif out[:2] in self.gaz.compound_surnames:
            limit = 4
        elif out[0] in self.gaz.surnames:
            limit = 3
        else:
            limit = 0
        foreign = 0
        while foreign < len(out) and out[foreign] in self.foreign_chars:
            foreign += 1
        if not japanese and foreign > max(limit, 2):
            return out[:foreign]  # 麦克莱恩, 阿尔蒙德: a transliterated name is as long as its run
        return out[:limit]

    def _known_prefix(self, name: str, rest: str) -> str:
        """Cut a candidate back to the gazetteer name it starts with when a word follows it.

        薛岳判明 -> 薛岳 and 横山勇集结 -> 横山勇 (判明 and 集结 are words), but 黄维纲率部
        stays 黄维纲 though 黄维 is a known name: 纲率 is no word, nor is 纲 a function
        character (薛岳则 -> 薛岳: 则 is one).
        """
        for k in range(len(name), 1, -1):
            if self.gaz.lookup(name[:k], "PERSON") is not None:
                after = name[k:] + rest
                if k == len(name) or after[:1] in self.terminators or is_common_word(after[:2], min_freq=1):
                    return name[:k]
        return name

    def tag(self, view: str, units: list[Mention]) -> list[Mention]:
        found: list[Mention] = []
        for m in self.title_re.finditer(view):
            japanese = m.group("title") in self.jp_titles
            trimmed = self._trim(view[m.end(): m.end() + 8], japanese)
            name = self._known_prefix(trimmed, view[m.end() + len(trimmed): m.end() + len(trimmed) + 2])
            if len(name) < 2 or self._is_common_word(name):
                continue
            side = "JP" if japanese else "CN" if m.group("title") in self.cn_titles else ""
            found.append(Mention(m.end(), m.end() + len(name), "PERSON", name, side,
                                 "title" if side else "", source="title"))
        by_end = {u.end: u for u in units}
        for pos, ch in enumerate(view):
            if ch not in "(（" or pos not in by_end:
                continue
            unit = by_end[pos]
            start = pos + 1
            end = start
            while end < len(view) and end - start <= 6 and view[end] not in ",，、)）;；。":
                end += 1
            name = view[start:end]
            if end - start > 5 or len(name) < 2 or not all(_CJK.match(c) for c in name):
                continue
            if len(name) == 2 and self._is_common_word(name):
                continue
            if any(e.word in name for e in self.gaz.echelons):
                continue  # (相当旅团): a remark on the unit, not its commander
            if self.title_re.match(name):
                continue  # (司令长官 …): the title before the name, or a text cut short after it
            is_jp = unit.side == "JP"
            if not is_jp and len(name) > 4:
                continue
            if not is_jp and name[0] not in self.gaz.surnames and name[:2] not in self.gaz.compound_surnames:
                continue
            found.append(Mention(start, end, "PERSON", name, unit.side, "commands" if unit.side else "",
                                 source="parenthesis"))
        return found
