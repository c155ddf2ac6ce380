"""The one record every tagger produces: a labelled span of the original text.

Taggers work on plain strings and return ``Mention`` objects so that each of
them can be tested without spaCy; the pipeline turns the final set into
``doc.ents``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LABELS = ("UNIT", "PERSON", "PLACE", "DATE")
SIDES = ("JP", "CN", "US", "ALLIED", "AXIS")


@dataclass(slots=True)
class Mention:
    """A mention with exact offsets into the original document text.

    ``side_from`` records how the side was decided (``explicit`` for a side word
    written next to it, ``echelon``/``prefix`` for a designation that only one
    side uses, ``gazetteer``, ``context``...), because the side resolver trusts
    some kinds of evidence more than others.
    """

    start: int
    end: int
    label: str
    norm: str
    side: str = ""
    side_from: str = ""
    source: str = ""
    # Norms of nested parts for a UNIT (第37师团/第225联队 -> two parts); the
    # side resolver reads sides of the parts.
    parts: list[str] = field(default_factory=list)
    # Group id shared by members of one elliptical list (第22、第29师、暂55师).
    group: int = -1
    # Parsed fields a later stage needs (a DATE's year/month/day/offset, part
    # of day and clock time), filled by the tagger and read by the timeline.
    attrs: dict[str, object] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start
