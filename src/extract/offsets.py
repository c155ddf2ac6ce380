"""The reading view without page junk, and the map from its offsets back to the file's.

Web copies put characters inside words that no reader sees as part of them:
zero-width spaces, private-use glyphs, emoji (方\u200b先觉, 第十\ue000军), and
spaces inside numbers and designations (``9 月6 日``, ``第 68 师团``). The
recognizers read a *compact* view with those characters left out; every
offset found there is mapped back, so a mention that had junk inside spans it
in the original text (``text[start:end]`` is still the surface) and junk at
its edges stays outside. Which characters are left out is data
(``grammar.csv``: Unicode categories, and the spaces that join two word
characters). Most texts have none, and then the view and the text share
offsets and no map is kept.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Iterable

from extract.numerals import CHINESE_DIGITS

# After a list mark a space only pads the next member (1、 8纵队).
LIST_MARKS = "、"
_NUMERALS = frozenset(CHINESE_DIGITS + "0123456789")


def word_char(ch: str) -> bool:
    """A CJK ideograph or a digit: a space between two of them joins a word (9 月 -> 9月)."""
    return ch.isdigit() or "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# Characters of ordinary Chinese prose, never left out: a regex skips them at C speed, so only the rare
# others are looked up (unicodedata.category per character made the view the slowest step).
_COMMON = re.compile("[^\u0000-\u007f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2010-\u2027]")


def dropped(view: str, categories: Iterable[str], spaces: str) -> list[int]:
    """Offsets of the view's characters the recognizers should not see, in order."""
    cats = frozenset(categories)
    drops = [m.start() for m in _COMMON.finditer(view) if unicodedata.category(m.group()) in cats]
    if not spaces:
        return drops
    skip = set(drops)
    for run in re.finditer(f"[{re.escape(spaces)}]+", view):
        i, j = run.start(), run.end()
        while j < len(view) and j in skip:  # junk right after the spaces is left out too
            j += 1
        k = i - 1
        while k >= 0 and k in skip:
            k -= 1
        if k >= 0 and j < len(view) and view[k] in _NUMERALS and view[j] in _NUMERALS:
            continue  # 第二　六月十七日: a space between two numbers keeps them two (an item's, a date's)
        if k >= 0 and j < len(view) and (word_char(view[k]) or view[k] in LIST_MARKS) and word_char(view[j]):
            drops.extend(range(run.start(), run.end()))
    return sorted(set(drops))


class OffsetMap:
    """Compact-view offsets <-> original offsets, for a text with ``drops`` left out of the view."""

    def __init__(self, drops: list[int], length: int) -> None:
        self.drops = drops
        self.length = length
        self.kept: array[int] | None = None
        if drops:
            # The kept offsets are the runs between drops: extended run by run at C speed (a membership
            # test per character was a tenth of a web copy's time; every stage builds this map).
            kept = array("l")
            prev = 0
            for d in sorted(set(drops)):
                if d >= length:
                    break
                kept.extend(range(prev, d))
                prev = d + 1
            kept.extend(range(prev, length))
            self.kept = kept

    def start(self, c: int) -> int:
        """The original offset of the view's character ``c`` (the text's end for the view's end)."""
        if self.kept is None:
            return c
        return self.kept[c] if c < len(self.kept) else self.length

    def end(self, c_end: int) -> int:
        """The original end of a span ending at view offset ``c_end``: just after its last character."""
        if self.kept is None:
            return c_end
        return self.kept[c_end - 1] + 1 if c_end > 0 else 0

    def to_view(self, o: int) -> int:
        """The view offset of the original character ``o`` (of the next kept one when ``o`` was left out)."""
        return o - bisect.bisect_left(self.drops, o) if self.drops else o


def compact(view: str, drops: list[int]) -> str:
    """The view without the dropped characters."""
    if not drops:
        return view
    dropset = set(drops)
    return "".join(ch for i, ch in enumerate(view) if i not in dropset)
