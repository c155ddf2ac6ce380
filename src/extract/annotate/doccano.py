"""doccano: sequence-labelling JSONL to correct, and its export read back as gold.

One line per document: ``{"text": ..., "label": [[start, end, "LABEL"], ...]}``
(the sequence-labelling import format), plus ``doc_id`` and an ``extract``
object that doccano keeps as the document's metadata and writes back on
export. Why:

- offsets: doccano counts as the browser does, in UTF-16 code units
  (doccano/doccano#2290, unless the project counts grapheme clusters), so
  every offset is converted both ways (:mod:`extract.annotate.units`);
- doccano's spans carry a label only, so a mention's norm and side travel in
  the metadata (``extract.norms``, keyed ``"start-end-LABEL"`` in doccano's
  units): a span the annotator kept keeps its norm and side; a span added or
  relabelled in doccano has none (the import names them, to fill in);
- doccano has no place for event attributes, so events travel unchanged in
  the metadata (``extract.events``): correct events in Label Studio.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extract.annotate.records import AnnotationError, CorpusTexts, DocAnnotation, new_document
from extract.annotate.units import OffsetMap
from extract.mention import LABELS
from extract.resources import SIDES

# Keys an export may use for the spans: "label" (current doccano), "labels" and "entities" (older versions).
SPAN_KEYS = ("label", "labels", "entities")


def line(doc: DocAnnotation, note: str = "") -> dict[str, Any]:
    """One document as a doccano JSONL record."""
    units = OffsetMap.of(doc.text)
    spans, norms = [], {}
    for row in doc.entities.itertuples(index=False):
        rec = row._asdict()
        start, end = units.to_utf16(int(rec["start"])), units.to_utf16(int(rec["end"]))
        spans.append([start, end, rec["label"]])
        norms[f"{start}-{end}-{rec['label']}"] = {k: rec[k] for k in ("norm", "side", "calendar_norm", "review")
                                                  if rec.get(k, "")}
    meta: dict[str, Any] = {"norms": norms, "events": doc.events[doc.event_columns].to_dict(orient="records"),
                            "columns": {"entities": doc.entity_columns, "events": doc.event_columns}}
    if note:
        meta["review"] = note
    return {"text": doc.text, "label": spans, "doc_id": doc.doc_id, "extract": meta}


def write_jsonl(docs: Iterable[DocAnnotation], out: Path, notes: dict[str, str] | None = None) -> Path:
    """``doccano.jsonl`` in ``out``; ``notes`` (doc_id -> text) go into each line's ``extract.review``."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "doccano.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(line(doc, (notes or {}).get(doc.doc_id, "")), ensure_ascii=False) + "\n")
    return path


def _span(item: Any) -> tuple[Any, Any, Any]:
    if isinstance(item, dict):  # {"start_offset": .., "end_offset": .., "label": ..}
        return item.get("start_offset"), item.get("end_offset"), item.get("label")
    if isinstance(item, list | tuple) and len(item) == 3:
        return item[0], item[1], item[2]
    return None, None, None


def import_record(record: Any, n: int, texts: CorpusTexts, problems: list[str],
                  notes: list[str]) -> DocAnnotation | None:
    """One exported line as a document; problems name the line, the document and the span."""
    if not isinstance(record, dict):
        problems.append(f"line {n}: not a JSON object")
        return None
    meta = record.get("extract") or (record.get("meta") or {}).get("extract") or {}
    doc_id = str(record.get("doc_id") or (record.get("meta") or {}).get("doc_id") or "")
    where = f"line {n}" + (f" ({doc_id})" if doc_id else "")
    text = texts.checked(where, doc_id, record.get("text"), "its text", problems)
    if text is None:
        return None
    key = next((k for k in SPAN_KEYS if k in record), None)
    if key is None:
        problems.append(f"{where}: no spans (expected a 'label' list of [start, end, label])")
        return None
    units = OffsetMap.of(text)
    norms = meta.get("norms") or {}
    rows, bare = [], []
    for item in record[key]:
        start16, end16, label = _span(item)
        span = f"{where}, span {item!r}"
        if label not in LABELS:
            problems.append(f"{span}: unknown label {label!r} (expected one of {', '.join(LABELS)})")
            continue
        if not (isinstance(start16, int) and isinstance(end16, int)
                and 0 <= start16 < end16 <= units.utf16_length):
            problems.append(f"{span}: offsets out of range (the text has {units.utf16_length} UTF-16 units)")
            continue
        try:
            start, end = units.to_codepoint(start16), units.to_codepoint(end16)
        except ValueError as exc:
            problems.append(f"{span}: {exc}")
            continue
        given = norms.get(f"{start16}-{end16}-{label}", {})
        side = given.get("side", "")
        if side and side not in SIDES:
            problems.append(f"{span}: unknown side {side!r}")
            continue
        if not given:
            bare.append(f"{start}-{end} {text[start:end]!r} {label}")
        rows.append({"start": start, "end": end, "text": text[start:end], "label": label,
                     "norm": given.get("norm", ""), "side": side, "calendar_norm": given.get("calendar_norm", "")})
    if bare:
        notes.append(f"{where}: {len(bare)} span(s) added or relabelled in doccano have no norm or side yet: "
                     f"{'; '.join(bare[:5])}{' ...' if len(bare) > 5 else ''}")
    columns = meta.get("columns") or {}
    events = [{k: str(v) for k, v in e.items()} for e in meta.get("events") or [] if isinstance(e, dict)]
    return new_document(doc_id, text, rows, events, columns.get("entities"), columns.get("events"))


def import_jsonl(path: Path, texts: CorpusTexts) -> tuple[list[DocAnnotation], list[str]]:
    """Every line of a doccano JSONL export as a document, and notes; AnnotationError lists all problems."""
    problems: list[str] = []
    notes: list[str] = []
    docs = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationError([f"{path}: cannot be read ({exc})"]) from exc
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc})")
            continue
        doc = import_record(record, n, texts, problems, notes)
        if doc is not None:
            docs.append(doc)
    if problems:
        raise AnnotationError([f"{path}: {p}" for p in problems])
    return docs, notes
