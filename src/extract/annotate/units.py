"""Offsets in code points (Python, our tables) and in UTF-16 code units (JavaScript, doccano).

doccano's sequence labelling stores offsets as the browser counts them: a
character outside the Basic Multilingual Plane (𠮷, an emoji) is two UTF-16
code units, so every offset after it is one more than Python's
(doccano/doccano#2290). Label Studio stores code points since its 2021 fix
(HumanSignal/label-studio#1559), as our tables do. A converter is built once
per text, so a document with thousands of mentions converts in linear time.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Code point <-> UTF-16 offsets of one text, from the positions of its astral characters."""

    astral: tuple[int, ...]  # code point index of every character above U+FFFF, ascending
    length: int  # the text's length in code points

    @classmethod
    def of(cls, text: str) -> OffsetMap:
        return cls(tuple(i for i, ch in enumerate(text) if ord(ch) > 0xFFFF), len(text))

    @property
    def utf16_length(self) -> int:
        return self.length + len(self.astral)

    def to_utf16(self, index: int) -> int:
        """The UTF-16 offset of code point offset ``index`` (0..len(text))."""
        return index + bisect_right(self.astral, index - 1)

    def to_codepoint(self, index: int) -> int:
        """The code point offset of UTF-16 offset ``index``; ValueError when it falls inside a surrogate pair."""
        lo, hi = 0, len(self.astral)
        while lo < hi:  # astral characters whose UTF-16 start lies before index
            mid = (lo + hi) // 2
            if self.astral[mid] + mid < index:
                lo = mid + 1
            else:
                hi = mid
        if lo and self.astral[lo - 1] + lo - 1 + 1 == index:
            raise ValueError(f"UTF-16 offset {index} falls inside a character outside the BMP")
        return index - lo
