"""Every ``Doc``/``Span`` extension of the pipeline, registered once, stored so that it serializes.

Each stage leaves its layer on the Doc as plain data under one
``doc.user_data`` key (lists of numbers and strings, msgpack-safe), so
``doc.to_bytes()``, ``DocBin(store_user_data=True)`` and
``nlp.pipe(texts, n_process=2)`` carry the whole analysis; the ``._.``
attributes are getters that read those records. Components keep no
per-document state of their own, so one pipeline may serve many threads.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import fields
from typing import Any

from spacy.tokens import Doc, Span

from extract.events import Event, Explained
from extract.mention import Mention
from extract.offsets import OffsetMap
from extract.orbat import OrbatRow
from extract.timeline import Warning

MENTIONS = "extract.mentions"
VIEW = "extract.view"
TEXT = "extract.text"  # the original text: doc.text rebuilds it from every token on each access
EVENTS = "extract.events"
ORBAT = "extract.orbat"
WARNINGS = "extract.warnings"
GIVEN = "extract.given"  # what the caller knows of the document (a reference date), set before the components
NARRATIVE = "extract.narrative"
DISCOURSE = "extract.discourse"  # clause and sentence boundaries, computed once (extract.discourse)
EXPLAIN = "extract.explain"  # what became of every event trigger candidate
DROPS = "extract.drops"  # offsets of the characters the view leaves out (extract.offsets); absent when none

_MENTION_FIELDS = [f.name for f in fields(Mention)]


def _record(obj: Any, names: list[str]) -> list[Any]:
    return [getattr(obj, n) for n in names]


def store_mentions(doc: Doc, mentions: list[Mention]) -> None:
    """Write the mentions (sorted by offset) as plain records, in the field order of ``Mention``."""
    if any(a.start > b.start for a, b in itertools.pairwise(mentions)):
        mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    doc.user_data[MENTIONS] = [[m.start, m.end, m.label, m.norm, m.side, m.side_from, m.source, m.parts, m.group,
                                m.attrs] for m in mentions]


def get_mentions(doc: Doc) -> list[Mention]:
    """The document's mentions as objects over the stored records' values.

    A stage may change them and store them back; their ``parts`` and ``attrs`` are the records' own
    (no copy: every stage that changes them stores them again, and this is the hot path).
    """
    return [Mention(*rec) for rec in doc.user_data.get(MENTIONS, ())]


def view_of(doc: Doc) -> str:
    """The simplified, half-width view the recognizers read (same length as the text)."""
    return doc.user_data.get(VIEW) or doc.text


def text_of(doc: Doc) -> str:
    return doc.user_data.get(TEXT) or doc.text


def offsets_of(doc: Doc) -> OffsetMap:
    """The map from the view's offsets (every stage's) to the text's (every table's)."""
    return OffsetMap(list(doc.user_data.get(DROPS, ())), len(text_of(doc)))


def _store(doc: Doc, key: str, rows: list[Any], cls: type) -> None:
    names = [f.name for f in fields(cls)]
    doc.user_data[key] = [_record(r, names) for r in rows]


def store_events(doc: Doc, events: list[Event]) -> None:
    _store(doc, EVENTS, events, Event)


def store_explained(doc: Doc, rows: list[Explained]) -> None:
    _store(doc, EXPLAIN, rows, Explained)


def store_orbat(doc: Doc, rows: list[OrbatRow]) -> None:
    _store(doc, ORBAT, rows, OrbatRow)


def store_warnings(doc: Doc, warnings: list[Warning]) -> None:
    _store(doc, WARNINGS, warnings, Warning)


def _rows(key: str, cls: type) -> Any:
    def get(doc: Doc) -> list[Any]:
        return [cls(*rec) for rec in doc.user_data.get(key, ())]

    return get


def _mention_value(name: str) -> Any:
    index = _MENTION_FIELDS.index(name) if name in _MENTION_FIELDS else -1

    def get(span: Span) -> Any:
        user_data = span.doc.user_data
        records = user_data.get(MENTIONS, ())
        drops = user_data.get(DROPS, ())
        start = span.start_char - bisect.bisect_left(drops, span.start_char) if drops else span.start_char
        i = bisect.bisect_left(records, start, key=lambda r: r[0])
        if i < len(records) and records[i][0] == start and records[i][2] == span.label_:
            rec = records[i]  # mentions do not overlap: one starts here
            return rec[index] if index >= 0 else rec[_MENTION_FIELDS.index("attrs")].get(name, "")
        return ""

    return get


def register() -> None:
    """Register the extensions (idempotent: every component calls it)."""
    for name in ("norm", "side", "side_from", "source", "part_of_day", "time", "lat", "lon"):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_mention_value(name))
    for name, key, cls in (("events", EVENTS, Event), ("orbat", ORBAT, OrbatRow), ("warnings", WARNINGS, Warning),
                           ("explained", EXPLAIN, Explained)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=_rows(key, cls))
    if not Doc.has_extension("discourse"):
        Doc.set_extension("discourse", getter=lambda doc: doc.user_data.get(DISCOURSE) or {})
    if not Doc.has_extension("narrative"):
        Doc.set_extension("narrative", getter=lambda doc: doc.user_data.get(NARRATIVE) or {})
    if not Doc.has_extension("mentions"):
        Doc.set_extension("mentions", getter=get_mentions)
