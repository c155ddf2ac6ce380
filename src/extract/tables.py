"""Tables stage: Doc -> rows per ``SCHEMA.md`` (and DataFrames at the API), CSV text, atomic writes.

The column lists below are the contract; the project may add columns at the
end but never rename or reorder these.

The batch never builds a DataFrame per document: a document's rows are
plain tuples, already in contract order, formatted as CSV text by the
worker that made them (:func:`csv_text`, the very bytes ``DataFrame.to_csv``
writes), so the parent only appends text. DataFrames are made only where a
caller asks for them (``extract.extract_text``).
"""

from __future__ import annotations

import bisect
import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from extract.extensions import offsets_of, text_of
from extract.output import make_readable

if TYPE_CHECKING:
    import pandas as pd

Row = tuple[Any, ...]

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


def entity_rows(doc: Doc, doc_id: str) -> list[Row]:
    """One row per entity of ``doc``, offsets into the original text, in text order.

    Read from the mentions behind ``doc.ents`` (the same spans, values and
    order) rather than the spans themselves: walking ``doc.ents`` costs a
    pass over every token.
    """
    mentions = doc._.mentions
    text = doc_text(doc)
    o = offsets_of(doc)
    return [(doc_id, s, e, text[s:e], m.label, m.norm, m.side, m.attrs.get("lat"), m.attrs.get("lon"))
            for m in mentions for s, e in [(o.start(m.start), o.end(m.end))]]


def warning_rows(doc: Doc, doc_id: str) -> list[Row]:
    """Statements a historian should check (chronology breaks, ...), in the order the stages give them."""
    o = offsets_of(doc)
    return [(doc_id, o.start(w.start), o.end(w.end), w.kind, w.message) for w in doc._.warnings]


def event_rows(doc: Doc, doc_id: str) -> list[Row]:
    """One row per event; ids count in text order, rows in contract order (:func:`sort_event_rows`).

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
    return sort_event_rows(rows)


def orbat_rows(doc: Doc, doc_id: str) -> list[Row]:
    """One row per unit whose parent or commander the text states, in the order the stage gives them."""
    o = offsets_of(doc)
    return [(doc_id, r.unit, r.side, r.parent, r.commander, o.start(r.start), o.end(r.end)) for r in doc._.orbat]


def _missing_last(value: Any) -> tuple[bool, Any]:
    """A sort key that puts a missing value last, as pandas does, instead of failing to compare it."""
    return (True, "") if value is None else (False, value)


_EVENT_DATE, _EVENT_ID, _EVENT_START = (EVENT_COLUMNS.index(c) for c in ("date", "event_id", "start"))


def sort_event_rows(rows: list[Row]) -> list[Row]:
    """Contract order: doc_id, date, start (event_id keeps text order within ties); stable."""
    return sorted(rows, key=lambda r: (r[0], _missing_last(r[_EVENT_DATE]), r[_EVENT_START],
                                       int(str(r[_EVENT_ID]).rsplit("-", 1)[-1])))


def by_start(rows: list[Row], column: str, columns: list[str]) -> list[Row]:
    """Rows in offset order, ties kept as given (a stable sort, as the tables always were)."""
    i = columns.index(column)
    return sorted(rows, key=lambda r: r[i])


def explain_rows(doc: Doc, doc_id: str) -> list[Row]:
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
    return sorted(rows, key=lambda r: (r[1], r[4]))


def document_rows(doc: Doc, doc_id: str, explain: bool = False) -> dict[str, list[Row]]:
    """Every table of one document, each in contract order (and explain.csv's rows, when asked)."""
    tables = {
        "entities": entity_rows(doc, doc_id),
        "events": event_rows(doc, doc_id),
        "orbat": by_start(orbat_rows(doc, doc_id), "start", ORBAT_COLUMNS),
        "warnings": by_start(warning_rows(doc, doc_id), "start", WARNING_COLUMNS),
    }
    if explain:
        tables["explain"] = explain_rows(doc, doc_id)
    return tables


def _cell(value: Any) -> Any:
    """One value as ``DataFrame.to_csv`` writes it: missing (None, NaN) as an empty cell."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return value


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV text, byte for byte what ``DataFrame(rows).to_csv(index=False, header=False)`` writes.

    pandas writes through the csv module with these settings (minimal quoting, ``\n`` line ends) and
    prints floats as ``repr`` does; ``tests/test_tables_csv.py`` holds the two side by side.
    """
    rows = rows if isinstance(rows, list) else list(rows)
    # The csv module writes None as an empty cell itself; only a NaN (which it writes "nan") needs a
    # pass per cell, and a scan for one costs a tenth of that pass.
    if any(v.__class__ is float and v != v for row in rows for v in row):
        rows = [[_cell(v) for v in row] for row in rows]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _frame(rows: list[Row], columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def entities_frame(doc: Doc, doc_id: str) -> pd.DataFrame:
    """The entity rows as a DataFrame (the API's form)."""
    return _frame(entity_rows(doc, doc_id), ENTITY_COLUMNS)


def warnings_frame(doc: Doc, doc_id: str) -> pd.DataFrame:
    """The warning rows as a DataFrame."""
    return _frame(warning_rows(doc, doc_id), WARNING_COLUMNS)


def events_frame(doc: Doc, doc_id: str) -> pd.DataFrame:
    """The event rows as a DataFrame, in contract order."""
    return _frame(event_rows(doc, doc_id), EVENT_COLUMNS)


def orbat_frame(doc: Doc, doc_id: str) -> pd.DataFrame:
    """The orbat rows as a DataFrame."""
    return _frame(orbat_rows(doc, doc_id), ORBAT_COLUMNS)


def explain_frame(doc: Doc, doc_id: str) -> pd.DataFrame:
    """The explain rows as a DataFrame."""
    return _frame(explain_rows(doc, doc_id), EXPLAIN_COLUMNS)


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


def replace_between_markers(path: Path, name: str, body: str) -> bool:
    """Put ``body`` between a file's ``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` markers, atomically.

    The README's figure tables are regenerated this way by ``evaluate`` and ``bench``; False when the
    markers are missing (the file is then left as it is).
    """
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = path.read_text(encoding="utf-8")
    if start not in text or end not in text:
        return False
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    write_text_atomic(f"{head}{start}\n{body}\n{end}{tail}", path)
    return True


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
