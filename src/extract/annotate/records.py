"""One document's mentions and events as the contract's tables, read from gold or predictions and written as gold.

Both annotation formats convert to and from :class:`DocAnnotation`, so the
rules of the contract (which columns gold has, in which order, how a row is
checked against the text) live here once. A gold file's own column order is
kept (``columns``) so that gold -> export -> import gives the same tables;
predictions get the contract's gold columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from extract.read import ReadError, read_document
from extract.tables import write_csv_atomic

ENTITY_COLUMNS = ["start", "end", "text", "label", "norm", "side"]
EVENT_COLUMNS = ["date", "event_type", "place", "actor_side", "actor", "part_of_day", "time", "evidence"]
# Columns gold may add (SCHEMA.md, Gold annotations) that the formats carry: calendar_* where world knowledge
# fixes the year; the trigger and clause offsets a prediction has.
ENTITY_OPTIONAL = ["calendar_norm"]
EVENT_OPTIONAL = ["calendar_date", "trigger", "start", "end"]


class AnnotationError(Exception):
    """An export that cannot become gold; ``problems`` lists every task and span at fault."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(slots=True)
class DocAnnotation:
    """The mentions and events of one document, with the text their offsets index (code points)."""

    doc_id: str
    text: str
    entities: pd.DataFrame
    events: pd.DataFrame
    entity_columns: list[str] = field(default_factory=lambda: list(ENTITY_COLUMNS))
    event_columns: list[str] = field(default_factory=lambda: list(EVENT_COLUMNS))

    def event_span(self, i: int) -> tuple[int, int] | None:
        """Offsets of event row ``i``'s evidence clause: its start/end when given, else where the evidence
        first occurs in the text; None when the text does not contain it."""
        row = self.events.iloc[i]
        start, end = str(row.get("start", "")), str(row.get("end", ""))
        if start.isdigit() and end.isdigit() and self.text[int(start):int(end)] == row.get("evidence", ""):
            return int(start), int(end)
        evidence = str(row.get("evidence", ""))
        at = self.text.find(evidence) if evidence else -1
        return (at, at + len(evidence)) if at >= 0 else None


def _as_text(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        if column not in frame.columns:
            frame[column] = ""
    return frame[columns].astype(object).fillna("").astype(str).reset_index(drop=True)


def _entity_frame(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = _as_text(frame, columns)
    for column in ("start", "end"):
        out[column] = pd.to_numeric(out[column]).astype(int)
    return out


def read_text(corpus: Path, doc_id: str) -> str:
    """The text a document's offsets index, decoded as the pipeline decodes it."""
    path = corpus / f"{doc_id}.txt"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no text for document {doc_id!r}")
    try:
        return read_document(path).text
    except ReadError as exc:
        raise ValueError(str(exc)) from exc


def gold_documents(gold: Path, corpus: Path) -> Iterator[DocAnnotation]:
    """Every gold document of ``gold`` (``<doc_id>.entities.csv`` and, if present, ``.events.csv``)."""
    for path in sorted(gold.glob("*.entities.csv")):
        doc_id = path.name.removesuffix(".entities.csv")
        entities = pd.read_csv(path, dtype=str, keep_default_na=False)
        events_path = gold / f"{doc_id}.events.csv"
        events = (pd.read_csv(events_path, dtype=str, keep_default_na=False) if events_path.exists()
                  else pd.DataFrame(columns=EVENT_COLUMNS))
        entity_columns, event_columns = list(entities.columns), list(events.columns)
        yield DocAnnotation(doc_id, read_text(corpus, doc_id), _entity_frame(entities, entity_columns),
                            _as_text(events, event_columns), entity_columns, event_columns)


def predicted_documents(pred: Path, corpus: Path, doc_ids: list[str] | None = None) -> Iterator[DocAnnotation]:
    """The documents of a run's ``entities.csv``/``events.csv`` (all, or those of ``doc_ids``) in gold columns."""
    entities = pd.read_csv(pred / "entities.csv", dtype=str, keep_default_na=False)
    events_path = pred / "events.csv"
    events = (pd.read_csv(events_path, dtype=str, keep_default_na=False) if events_path.exists()
              else pd.DataFrame(columns=["doc_id", *EVENT_COLUMNS]))
    wanted = doc_ids if doc_ids is not None else sorted(set(entities["doc_id"]) | set(events["doc_id"]))
    entity_columns = [*ENTITY_COLUMNS, *[c for c in ENTITY_OPTIONAL if c in entities.columns]]
    event_columns = [*EVENT_COLUMNS, *[c for c in EVENT_OPTIONAL if c in events.columns]]
    by_doc_e = dict(tuple(entities.groupby("doc_id", sort=False)))
    by_doc_v = dict(tuple(events.groupby("doc_id", sort=False)))
    for doc_id in wanted:
        yield DocAnnotation(doc_id, read_text(corpus, doc_id),
                            _entity_frame(by_doc_e.get(doc_id, entities.iloc[0:0]), entity_columns),
                            _as_text(by_doc_v.get(doc_id, events.iloc[0:0]), event_columns),
                            entity_columns, event_columns)


def new_document(doc_id: str, text: str, entity_rows: list[dict[str, object]], event_rows: list[dict[str, str]],
                 entity_columns: list[str] | None = None, event_columns: list[str] | None = None) -> DocAnnotation:
    """A document from imported rows; columns default to the contract's, plus the optional ones any row fills."""
    def columns(given: list[str] | None, base: list[str], optional: list[str], rows: list) -> list[str]:
        if given:
            return list(given)
        return [*base, *[c for c in optional if any(str(r.get(c, "")) for r in rows)]]

    e_cols = columns(entity_columns, ENTITY_COLUMNS, ENTITY_OPTIONAL, entity_rows)
    v_cols = columns(event_columns, EVENT_COLUMNS, EVENT_OPTIONAL, event_rows)
    entities = _entity_frame(pd.DataFrame(entity_rows, columns=e_cols), e_cols)
    entities = entities.sort_values(["start", "end", "label"], kind="mergesort").reset_index(drop=True)
    return DocAnnotation(doc_id, text, entities, _as_text(pd.DataFrame(event_rows, columns=v_cols), v_cols),
                         e_cols, v_cols)


def write_gold(doc: DocAnnotation, out: Path) -> list[Path]:
    """``<doc_id>.entities.csv`` and ``<doc_id>.events.csv`` in ``out``, each replaced whole."""
    entities, events = out / f"{doc.doc_id}.entities.csv", out / f"{doc.doc_id}.events.csv"
    write_csv_atomic(doc.entities[doc.entity_columns], entities)
    write_csv_atomic(doc.events[doc.event_columns], events)
    return [entities, events]


class CorpusTexts:
    """The corpus's texts by doc_id, read when first asked for (an import touches only the documents it has)."""

    def __init__(self, corpus: Path) -> None:
        self.corpus = corpus
        self._texts: dict[str, str | None] = {}

    def get(self, doc_id: str) -> str | None:
        if doc_id not in self._texts:
            try:
                self._texts[doc_id] = read_text(self.corpus, doc_id)
            except (FileNotFoundError, ValueError):
                self._texts[doc_id] = None
        return self._texts[doc_id]

    def checked(self, where: str, doc_id: str, stated: object, field: str, problems: list[str]) -> str | None:
        """The text of ``doc_id`` for one exported task or line, or None with the problem appended.

        Every import asks the same three things: is a doc_id there, is its text in the corpus, and is
        the text the export carries (``field``) still that text.
        """
        if not doc_id:
            problems.append(f"{where}: {field.rsplit('.', 1)[0] + '.' if '.' in field else ''}doc_id is missing "
                            "(it must come from `extract annotate export`)")
            return None
        text = self.get(doc_id)
        if text is None:
            problems.append(f"{where}: no text {doc_id}.txt in the corpus")
            return None
        if stated is not None and stated != text:
            problems.append(f"{where}: {field} is not the text of {doc_id}.txt in the corpus")
            return None
        return text
