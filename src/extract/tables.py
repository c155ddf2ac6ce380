"""Tables stage: Doc -> pandas DataFrames per ``SCHEMA.md``, and atomic writes.

The column lists below are the contract; the project may add columns at the
end but never rename or reorder these.
"""

from __future__ import annotations

import bisect
import os
import tempfile
from pathlib import Path

import pandas as pd
from spacy.tokens import Doc

from extract.extensions import offsets_of, text_of
from extract.output import make_readable

# The contract's columns, then the project's own (SCHEMA.md allows columns at the end).
ENTITY_COLUMNS = ["doc_id", "start", "end", "text", "label", "norm", "side", "lat", "lon"]
ERROR_COLUMNS = ["path", "error", "message"]
WARNING_COLUMNS = ["doc_id", "start", "end", "kind", "message"]
ORBAT_COLUMNS = ["doc_id", "unit", "side", "parent", "commander", "start", "end"]
EVENT_COLUMNS = ["doc_id", "event_id", "date", "part_of_day", "time", "event_type", "actor", "actor_side",
                 "place", "trigger", "start", "end", "evidence", "lat", "lon", "date_precision", "rule", "event_key"]
# extract run --explain: one row per trigger candidate, the row it gave or the filter that dropped it.
EXPLAIN_COLUMNS = ["doc_id", "start", "end", "trigger", "event_type", "outcome", "detail", "evidence"]

TABLE_COLUMNS: dict[str, list[str]] = {"entities": ENTITY_COLUMNS, "events": EVENT_COLUMNS, "orbat": ORBAT_COLUMNS,
                                       "warnings": WARNING_COLUMNS}


def doc_text(doc: Doc) -> str:
    """The original text; ``doc.text`` would rebuild it from every token on each access."""
    return text_of(doc)


def entities_frame(doc: Doc, doc_id: str) -> pd.DataFrame:
    """One row per entity of ``doc``, offsets into the original text.

    Read from the mentions behind ``doc.ents`` (the same spans, values and
    order) rather than the spans themselves: walking ``doc.ents`` costs a
    pass over every token.
    """
    mentions = doc._.mentions
    text = doc_text(doc)
    o = offsets_of(doc)
    rows = [(doc_id, s, e, text[s:e], m.label, m.norm, m.side, m.attrs.get("lat"), m.attrs.get("lon"))
            for m in mentions for s, e in [(o.start(m.start), o.end(m.end))]]
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS)


def warnings_frame(doc: Doc, doc_id: str) -> pd.DataFrame:
    """Statements a historian should check (chronology breaks, ...)."""
    o = offsets_of(doc)
    rows = [(doc_id, o.start(w.start), o.end(w.end), w.kind, w.message) for w in doc._.warnings]
    return pd.DataFrame(rows, columns=WARNING_COLUMNS)


def events_frame(doc: Doc, doc_id: str) -> pd.DataFrame:
    """One row per event; ids count in text order, rows sorted by date then start.

    ``event_id`` is the contract's running count; ``event_key`` names the row by what it is
    (``doc:trigger offset:type:place``), so it stays the same when a row elsewhere comes or goes
    (an unrelated gazetteer row, a rule that finds one more event earlier in the text).
    """
    events = sorted(doc._.events, key=lambda e: (e.start, e.trigger_start))
    text = doc_text(doc)
    o = offsets_of(doc)
    rows = [
        (doc_id, f"{doc_id}-{n}", e.date, e.part_of_day, e.time, e.event_type, e.actor, e.actor_side,
         e.place, text[ts:te], s, t, text[s:t], e.lat, e.lon, date_precision(e.date), e.rule,
         f"{doc_id}:{ts}:{e.event_type}:{e.place}")
        for n, e in enumerate(events, start=1)
        for s, t, ts, te in [(o.start(e.start), o.end(e.end), o.start(e.trigger_start),
                              o.end(e.trigger_start + len(e.trigger)))]
    ]
    return sort_events(pd.DataFrame(rows, columns=EVENT_COLUMNS))


def explain_frame(doc: Doc, doc_id: str) -> pd.DataFrame:
    """What became of every trigger candidate: ``row`` (with the rule) or the filter that dropped it."""
    text = doc_text(doc)
    o = offsets_of(doc)
    discourse = doc._.discourse.get("clauses", [])
    clause_starts = discourse[::2]
    rows = []
    for x in doc._.explained:
        i = bisect.bisect_right(clause_starts, x.start) - 1
        c_start, c_end = (discourse[2 * i], discourse[2 * i + 1]) if i >= 0 else (x.start, x.end)
        rows.append((doc_id, o.start(x.start), o.end(x.end), x.trigger, x.event_type, x.outcome, x.detail,
                     text[o.start(c_start):o.end(c_end)]))
    return pd.DataFrame(rows, columns=EXPLAIN_COLUMNS).sort_values(["start", "event_type"], kind="mergesort")


def date_precision(norm: str) -> str:
    """``day``, ``month``, ``year`` or ``none``: the finest part of a date norm the text fixes.

    Unknown parts are ``X`` (``XXXX-05-24`` is still a day: the year is what is open);
    a range is as precise as its first end.
    """
    parts = norm.split("/", 1)[0].split("-") if norm else []
    for name, index in (("day", 2), ("month", 1), ("year", 0)):
        if len(parts) > index and parts[index].isdigit():
            return name
    return "none"


def sort_events(frame: pd.DataFrame) -> pd.DataFrame:
    """Contract order: doc_id, date, start (event_id keeps text order within ties)."""
    order = frame["event_id"].str.rsplit("-", n=1).str[-1].astype(int) if len(frame) else frame["event_id"]
    return (frame.assign(_n=order).sort_values(["doc_id", "date", "start", "_n"], kind="mergesort")
            .drop(columns="_n").reset_index(drop=True))


def orbat_frame(doc: Doc, doc_id: str) -> pd.DataFrame:
    """One row per unit whose parent or commander the text states."""
    o = offsets_of(doc)
    rows = [(doc_id, r.unit, r.side, r.parent, r.commander, o.start(r.start), o.end(r.end)) for r in doc._.orbat]
    return pd.DataFrame(rows, columns=ORBAT_COLUMNS)


def sort_entities(frame: pd.DataFrame) -> pd.DataFrame:
    """Contract order: doc_id, then start (then end, label for a stable tie-break)."""
    return frame.sort_values(["doc_id", "start", "end", "label"], kind="mergesort").reset_index(drop=True)


def write_csv_atomic(frame: pd.DataFrame, path: Path) -> None:
    """Write to a temporary file beside ``path`` and rename it into place.

    A crash or interrupt mid-write leaves the previous table untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            frame.to_csv(handle, index=False, lineterminator="\n")
            handle.flush()
            os.fsync(handle.fileno())
        make_readable(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(content: str, path: Path) -> None:
    """Same guarantee as ``write_csv_atomic`` for a text file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        make_readable(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
