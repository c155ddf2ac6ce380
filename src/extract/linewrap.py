"""Hard-wrapped lines: the line breaks a reader does not see as breaks.

Forum posts, e-mail copies and text dumps of printed books often break every
paragraph into lines of one fixed width, wherever the width runs out — inside
a sentence and inside a word (砥平\\n里, 10月\\n26日). A line break ends a
sentence everywhere else in the pipeline, so such a text would be read as a
heap of fragments. The signature of a hard wrap is layout, not language: most
lines that continue a paragraph have the same width, and they end in the middle
of a sentence. The breaks with that signature are left out of the reading view
(offsets map back), so the recognizers see 砥平里 and the discourse layer sees
one sentence. Lines of a list or of a text that keeps one paragraph per line
vary in width or end with a sentence mark, and keep their breaks.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from extract.offsets import LIST_MARKS, word_char

_LINE = re.compile(r"[^\n\r]*(?:\r\n?|\n|$)")
_SPACES = " \t\u00a0\u3000"
_CLOSERS = "”’」』）)"  # a sentence mark inside a closing quote or bracket still ends the sentence
# A wrapped line sits at the wrap width, give or take a mark that may not open a line (it hangs at the end, or
# its predecessor moves down with it): most lines of a hard-wrapped text are within _NEAR of one width.
_NEAR = 1
# A wrapped line may fall shorter (a number or a Latin word that did not fit is moved down whole).
_SHORT, _OVER = 3, 1
_MIN_WIDTH = 16  # characters; narrower "paragraphs" are headings and list entries, not wrapped prose
_MIN_WRAPPED = 3  # fewer mid-sentence breaks at one width are chance
_LONGER_SHARE = 0.2  # lines wider than the wrap width (a title, a pasted paragraph) allowed per wrapped line
_SHARE = 0.6  # of the lines that continue a paragraph, this many must sit at the wrap width
# A ragged wrap: this many lines at least, this share of the continuing lines stopping mid-sentence, the
# narrowest tenth of them at least this share of the widest tenth, which is at most this wide.
_RAGGED_MIN, _RAGGED_SHARE, _RAGGED_BAND, _RAGGED_MAX = 5, 0.8, 0.8, 60
# A stray break ends a line of prose this long: a long line that stops without a sentence mark is more often a
# paragraph whose copy lost its last mark than one broken in two.
_STRAY_MIN, _STRAY_MAX = 15, 60
_NUMBERED = 0.5  # more of the lines after the breaks opening with a digit: a chronicle, not a wrap


def _cells(line: str) -> int:
    """Display width: wide (CJK) characters take two cells, others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _width_of(lines: list[str], measure: str) -> tuple[int, int]:
    """The most common width of the lines (by ``measure``) and how many lines sit near it."""
    widths = [len(s) if measure == "chars" else _cells(s) for s in lines]
    counts = Counter(w for w, s in zip(widths, lines, strict=True) if len(s) >= _MIN_WIDTH)
    if not counts:
        return 0, 0
    width = max(counts, key=lambda w: (sum(c for v, c in counts.items() if abs(v - w) <= _NEAR), w))
    return width, sum(1 for w in widths if abs(w - width) <= _NEAR)


def _mid_sentence(body: str, nxt: str, sentence_chars: str) -> bool:
    """A line that stops inside a sentence, before a line that is not indented (a new paragraph is)."""
    last = body.rstrip(_CLOSERS)[-1:] or body[-1]
    return last not in sentence_chars and nxt[0] not in _SPACES


def _fixed_width(lines: list[tuple[int, str]], bodies: list[str], continued: list[int],
                 sentence_chars: str) -> list[int]:
    """The breaks of a wrap at one width (a text dump): most continuing lines sit at that width."""
    stripped = [bodies[i].lstrip(_SPACES) for i in continued]
    best: tuple[int, str] = (0, "chars")
    best_near = 0
    for measure in ("chars", "cells"):
        width, near = _width_of(stripped, measure)
        if near > best_near:
            best, best_near = (width, measure), near
    width, measure = best
    if not width or best_near < _SHARE * len(continued):
        return []
    # No line of a hard-wrapped text is much wider than the wrap width (a paragraph kept whole is).
    longer = sum(1 for b in bodies if (len(b) if measure == "chars" else _cells(b)) > width + _NEAR + 2)
    if longer > _LONGER_SHARE * best_near:
        return []
    breaks = []
    for i in continued:
        body = bodies[i].lstrip(_SPACES)
        w = len(body) if measure == "chars" else _cells(body)
        if width - _SHORT <= w <= width + _OVER and _mid_sentence(body, lines[i + 1][1], sentence_chars):
            breaks.append(i)
    return breaks if len(breaks) >= _MIN_WRAPPED else []


def _ragged(lines: list[tuple[int, str]], bodies: list[str], continued: list[int], sentence_chars: str) -> list[int]:
    """The breaks of a ragged wrap (an editor's soft wrap saved as line ends, a proportional font's width).

    Nearly every continuing line stops inside a sentence, their widths lie in one narrow band and no line is
    much wider.
    """
    mids = [i for i in continued if _mid_sentence(bodies[i], lines[i + 1][1], sentence_chars)]
    if len(mids) < _RAGGED_MIN or len(mids) < _RAGGED_SHARE * len(continued):
        return []
    widths = sorted(len(bodies[i].lstrip(_SPACES)) for i in mids)
    lo, hi = widths[len(widths) // 10], widths[len(widths) * 9 // 10]
    if lo < _MIN_WIDTH or hi > _RAGGED_MAX or lo < _RAGGED_BAND * hi:
        return []
    if sum(1 for b in bodies if len(b) > hi + _NEAR + 2) > _LONGER_SHARE * len(mids):
        return []
    return [i for i in mids if len(bodies[i].lstrip(_SPACES)) >= lo - _SHORT]


def _stray(lines: list[tuple[int, str]], bodies: list[str], continued: list[int], sentence_chars: str,
           clause_chars: str) -> list[int]:
    """Single breaks inside a sentence of prose (a copy that kept a page's line ends: 占领了省会\n承德。).

    The line is prose of a broken line's length (a clause mark other than the list mark 、 inside it), stops after
    a character or a clause
    mark, not a sentence mark, a colon or a digit (a post's time), and the next line goes on with a character;
    headings, infobox rows and list entries have no such clause mark inside.
    """
    marks = "".join(ch for ch in clause_chars if ch not in LIST_MARKS and ch not in "：:")
    out = []
    for i in continued:
        body, nxt = bodies[i].strip(_SPACES), lines[i + 1][1]
        last = body[-1]
        if (_STRAY_MIN <= len(body) <= _STRAY_MAX and any(ch in marks for ch in body[:-1]) and not last.isdigit()
                and (word_char(last) or last in clause_chars) and last not in "：:" and word_char(nxt[0])
                and not any(ch in _SPACES for ch in body)):
            out.append(i)
    return out


def hard_wraps(view: str, sentence_chars: str, clause_chars: str = "") -> list[int]:
    """Offsets of the line-break characters (and the spaces around them) that a hard wrap put inside a paragraph.

    ``sentence_chars`` are the marks that end a sentence (``grammar.csv`` ``sentence_end``): a line ending with
    one keeps its break, as does a line followed by a blank line or by an indented one (a new paragraph).
    """
    if "\n" not in view and "\r" not in view:
        return []
    lines = [(m.start(), m.group()) for m in _LINE.finditer(view) if m.group()]
    bodies = [raw.rstrip("\r\n").rstrip(_SPACES) for _, raw in lines]
    # A line that continues a paragraph: it has text and so has the next line.
    continued = [i for i in range(len(lines) - 1) if bodies[i].strip(_SPACES) and bodies[i + 1].strip(_SPACES)]
    breaks = (_fixed_width(lines, bodies, continued, sentence_chars)
              or _ragged(lines, bodies, continued, sentence_chars)) if len(continued) >= _MIN_WRAPPED else []
    if not breaks and clause_chars:
        breaks = _stray(lines, bodies, continued, sentence_chars, clause_chars)
    if sum(1 for i in breaks if lines[i + 1][1][:1].isdigit()) > _NUMBERED * len(breaks):
        return []  # the lines open with a number: a chronicle's entries, one a line
    drops: list[int] = []
    for i in breaks:
        start, raw = lines[i]
        content_end = start + len(bodies[i])
        drops.extend(range(content_end, start + len(raw)))  # trailing spaces and the line end itself
    return drops
