"""Batch stage: every ``*.txt`` of a corpus folder through the pipeline.

A file that cannot be read is reported (stderr and ``errors.csv``) and
skipped; the other documents still produce their rows. Tables are written
once, atomically, at the end.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from extract.pipeline import load
from extract.read import DEFAULT_MAX_BYTES, Document, ReadError, read_document
from extract.tables import (
    ERROR_COLUMNS,
    EVENT_COLUMNS,
    ORBAT_COLUMNS,
    WARNING_COLUMNS,
    entities_frame,
    events_frame,
    orbat_frame,
    sort_entities,
    sort_events,
    warnings_frame,
    write_csv_atomic,
)


@dataclass(slots=True)
class BatchResult:
    entities: pd.DataFrame
    errors: pd.DataFrame
    documents: int = 0
    failed: list[str] = field(default_factory=list)


def corpus_files(corpus: Path) -> list[Path]:
    """Text files of the corpus, recursively, in a stable order."""
    if corpus.is_file():
        return [corpus]
    return sorted(p for p in corpus.rglob("*.txt") if p.is_file())


def iter_documents(files: list[Path], errors: list[tuple[str, str, str]], max_bytes: int,
                   strict: bool = False) -> Iterator[Document]:
    for path in files:
        try:
            yield read_document(path, max_bytes)
        except ReadError as exc:
            print(f"error: {exc}", file=sys.stderr)
            errors.append((exc.path, exc.kind, exc.message))
            if strict:
                return


def run_batch(corpus: Path, out: Path, gazetteer_dir: str = "", max_bytes: int = DEFAULT_MAX_BYTES,
              strict: bool = False) -> BatchResult:
    """Process ``corpus`` and write the tables into ``out``."""
    if not corpus.exists():
        raise FileNotFoundError(f"corpus not found: {corpus}")
    nlp = load(gazetteer_dir)
    errors: list[tuple[str, str, str]] = []
    frames: list[pd.DataFrame] = []
    warning_frames: list[pd.DataFrame] = []
    event_frames: list[pd.DataFrame] = []
    orbat_frames: list[pd.DataFrame] = []
    count = 0
    for document in iter_documents(corpus_files(corpus), errors, max_bytes, strict):
        doc = nlp(document.text)
        frames.append(entities_frame(doc, document.doc_id))
        warning_frames.append(warnings_frame(doc, document.doc_id))
        event_frames.append(events_frame(doc, document.doc_id))
        orbat_frames.append(orbat_frame(doc, document.doc_id))
        count += 1
    entities = sort_entities(pd.concat(frames, ignore_index=True)) if frames else entities_frame(nlp(""), "")
    error_frame = pd.DataFrame(errors, columns=ERROR_COLUMNS)
    write_csv_atomic(entities, out / "entities.csv")
    warnings = (pd.concat(warning_frames, ignore_index=True).sort_values(["doc_id", "start"], kind="mergesort")
                if warning_frames else pd.DataFrame(columns=WARNING_COLUMNS))
    events = (sort_events(pd.concat(event_frames, ignore_index=True)) if event_frames
              else pd.DataFrame(columns=EVENT_COLUMNS))
    write_csv_atomic(events, out / "events.csv")
    orbat = (pd.concat(orbat_frames, ignore_index=True).sort_values(["doc_id", "start"], kind="mergesort")
             if orbat_frames else pd.DataFrame(columns=ORBAT_COLUMNS))
    write_csv_atomic(orbat, out / "orbat.csv")
    write_csv_atomic(warnings, out / "warnings.csv")
    write_csv_atomic(error_frame, out / "errors.csv")
    return BatchResult(entities, error_frame, count, [e[0] for e in errors])
