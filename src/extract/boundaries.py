"""Line boundaries shared by the stages that read context.

Texts come with ``\\n``, ``\\r\\n`` or old-Mac ``\\r`` line ends; all three end a
line alike (the sentence and clause ends of the language are in
``gazetteers/grammar.csv``, which adds the line ends to them).

Stages ask per mention "where does this line start?" and "is a quotation
open here?"; answering by scanning back to the line start costs the line's
length per question, which is quadratic on a long line with many mentions.
``LineIndex`` reads the text once and answers each question with a bisection.
"""

from __future__ import annotations

import bisect
import re

LINE_END_CHARS = "\n\r"
_LINE_END = re.compile(r"\r\n?|\n")
_QUOTE_OR_LINE_END = re.compile("[“”「」\r\n]")


class LineIndex:
    """Line starts and open quotations of one text, each looked up in O(log n)."""

    def __init__(self, view: str) -> None:
        self.line_starts = [0, *(m.end() for m in _LINE_END.finditer(view))]
        # After each quote mark or line end: is a “…” (and a 「…」) quotation open on its line?
        self.mark_at: list[int] = []
        self.double_open: list[bool] = []
        self.corner_open: list[bool] = []
        self.double_from: list[int] = []  # where the open “ quotation began (-1: none open)
        double = corner = 0
        opened = -1
        for m in _QUOTE_OR_LINE_END.finditer(view):
            ch = m.group()
            if ch in LINE_END_CHARS:
                double = corner = 0
            elif ch == "“":
                double += 1
                opened = m.start() if double == 1 else opened
            elif ch == "”":
                double -= 1
            elif ch == "「":
                corner += 1
            else:
                corner -= 1
            self.mark_at.append(m.start())
            self.double_open.append(double > 0)
            self.corner_open.append(corner > 0)
            self.double_from.append(opened if double > 0 else -1)

    def line_start(self, pos: int) -> int:
        """Offset of the start of the line that holds ``pos`` (after the last line end before it)."""
        return self.line_starts[bisect.bisect_right(self.line_starts, pos) - 1]

    def quote_start(self, pos: int) -> int:
        """Offset of the “ that opened the quotation holding ``pos`` on its line, else -1."""
        i = bisect.bisect_left(self.mark_at, pos) - 1
        return self.double_from[i] if i >= 0 else -1

    def in_quote(self, pos: int, corner: bool = True) -> bool:
        """True when the line before ``pos`` opens more “ than it closes (or 「, with ``corner``)."""
        i = bisect.bisect_left(self.mark_at, pos) - 1
        return i >= 0 and (self.double_open[i] or (corner and self.corner_open[i]))


class Spans:
    """Sorted, non-overlapping spans (page furniture), with an O(log n) membership test."""

    def __init__(self, pattern: re.Pattern[str], view: str) -> None:
        self.spans = [(m.start(), m.end()) for m in pattern.finditer(view)]
        self.starts = [s for s, _ in self.spans]

    def __contains__(self, pos: object) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1  # type: ignore[arg-type]
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]  # type: ignore[operator]
