"""Label Studio: tasks with predictions to correct, the label config they need, and exports read back as gold.

Why it is built this way:

- offsets: Label Studio stores ``value.start``/``value.end`` of a Text
  region in code points since HumanSignal/label-studio#1559 (2021), as
  Python and our tables do, so they pass through unconverted; the importer
  still checks every span against the text, so an export from an older
  version that counted UTF-16 units fails loudly instead of shifting spans;
- a mention is a region of the ``label`` control (UNIT, PERSON, PLACE,
  DATE); its norm and side travel as per-region controls linked to it by the
  region id (a TextArea ``norm``, a Choices ``side``, a TextArea
  ``calendar_norm``), which the annotator sees and edits beside the region;
- an event is a region of the ``event`` control over its evidence clause,
  labelled with the event type, and its date, place, actor, side, part of
  day, time and trigger are per-region controls of that region (neither a
  relation, which needs a date and a place mention in the clause that gold
  events often lack, nor a per-document choice, which cannot hold a date);
- predictions go in ``predictions`` (shown for correction); the importer
  reads ``annotations`` (what people submitted), the last one not cancelled.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lxml import etree

from extract.annotate.records import AnnotationError, CorpusTexts, DocAnnotation, new_document
from extract.mention import LABELS
from extract.resources import EVENT_TYPES, SIDES

TEXT, LABEL, EVENT = "text", "label", "event"
MENTION_FIELDS = {"norm": "norm", "calendar_norm": "calendar_norm"}  # control name -> gold column
EVENT_FIELDS = {"date": "date", "place": "place", "actor": "actor", "time": "time", "trigger": "trigger",
                "calendar_date": "calendar_date"}
PARTS_OF_DAY = ("dawn", "early_morning", "morning", "noon", "afternoon", "evening", "night")
COLOURS = {"UNIT": "#e15759", "PERSON": "#4e79a7", "PLACE": "#59a14f", "DATE": "#f28e2b"}
MODEL_VERSION = "extract"


def label_config() -> str:
    """The labelling interface: our four labels and the event types over one Text, and the per-region fields."""
    view = etree.Element("View")
    labels = etree.SubElement(view, "Labels", name=LABEL, toName=TEXT)
    for label in LABELS:
        etree.SubElement(labels, "Label", value=label, background=COLOURS[label])
    events = etree.SubElement(view, "Labels", name=EVENT, toName=TEXT)
    for kind in EVENT_TYPES:
        etree.SubElement(events, "Label", value=kind, background="#bab0ac")
    etree.SubElement(view, "Text", name=TEXT, value="$text", granularity="symbol")

    def choices(parent: etree._Element, name: str, values: Iterable[str]) -> None:
        box = etree.SubElement(parent, "Choices", name=name, toName=TEXT, perRegion="true", choice="single",
                               showInline="true")
        for value in values:
            etree.SubElement(box, "Choice", value=value)

    def textarea(parent: etree._Element, name: str) -> None:
        etree.SubElement(parent, "Header", value=name)
        etree.SubElement(parent, "TextArea", name=name, toName=TEXT, perRegion="true", maxSubmissions="1",
                         editable="true", rows="1")

    mention = etree.SubElement(view, "View", visibleWhen="region-selected", whenTagName=LABEL)
    textarea(mention, "norm")
    etree.SubElement(mention, "Header", value="side")
    choices(mention, "side", SIDES)
    textarea(mention, "calendar_norm")
    event = etree.SubElement(view, "View", visibleWhen="region-selected", whenTagName=EVENT)
    for name in ("date", "place", "actor"):
        textarea(event, name)
    etree.SubElement(event, "Header", value="actor_side")
    choices(event, "actor_side", SIDES)
    etree.SubElement(event, "Header", value="part_of_day")
    choices(event, "part_of_day", PARTS_OF_DAY)
    for name in ("time", "trigger", "calendar_date"):
        textarea(event, name)
    return etree.tostring(view, pretty_print=True, encoding="unicode")


def _region(rid: str, control: str, start: int, end: int, text: str, label: str, note: str = "") -> dict[str, Any]:
    region: dict[str, Any] = {"id": rid, "from_name": control, "to_name": TEXT, "type": "labels",
                              "value": {"start": start, "end": end, "text": text, "labels": [label]}}
    if note:  # the region's meta text, shown in its panel: why a review task holds it
        region["meta"] = {"text": [note]}
    return region


def _field(rid: str, control: str, start: int, end: int, value: str, kind: str) -> dict[str, Any]:
    key = "text" if kind == "textarea" else "choices"
    return {"id": rid, "from_name": control, "to_name": TEXT, "type": kind,
            "value": {"start": start, "end": end, key: [value]}}


def results(doc: DocAnnotation) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The regions (with their per-region fields) of a document, and the events whose clause is not in the
    text (kept as task data, unchanged)."""
    out: list[dict[str, Any]] = []
    for n, row in enumerate(doc.entities.itertuples(index=False)):
        rec = row._asdict()
        rid, start, end = f"e{n + 1}", int(rec["start"]), int(rec["end"])
        out.append(_region(rid, LABEL, start, end, doc.text[start:end], rec["label"], rec.get("review", "")))
        for control, column in MENTION_FIELDS.items():
            if rec.get(column, ""):
                out.append(_field(rid, control, start, end, rec[column], "textarea"))
        if rec.get("side", ""):
            out.append(_field(rid, "side", start, end, rec["side"], "choices"))
    unplaced = []
    for i in range(len(doc.events)):
        rec = {k: str(v) for k, v in doc.events.iloc[i].items()}
        span = doc.event_span(i)
        if span is None:
            unplaced.append({k: v for k, v in rec.items() if k in doc.event_columns})
            continue
        rid, (start, end) = f"v{i + 1}", span
        out.append(_region(rid, EVENT, start, end, doc.text[start:end], rec["event_type"], rec.get("review", "")))
        for control, column in EVENT_FIELDS.items():
            if rec.get(column, ""):
                out.append(_field(rid, control, start, end, rec[column], "textarea"))
        for control in ("actor_side", "part_of_day"):
            if rec.get(control, ""):
                out.append(_field(rid, control, start, end, rec[control], "choices"))
    return out, unplaced


def task(doc: DocAnnotation, as_annotation: bool = False, note: str = "") -> dict[str, Any]:
    """One task: the text, its doc_id and gold columns as data, the regions as a prediction (or annotation)."""
    regions, unplaced = results(doc)
    data: dict[str, Any] = {"text": doc.text, "doc_id": doc.doc_id,
                            "columns": {"entities": doc.entity_columns, "events": doc.event_columns}}
    if unplaced:
        data["unplaced_events"] = unplaced
    if note:
        data["review"] = note
    key = "annotations" if as_annotation else "predictions"
    entry: dict[str, Any] = {"result": regions}
    entry.update({"model_version": MODEL_VERSION} if not as_annotation else {"was_cancelled": False})
    return {"data": data, key: [entry]}


def write_tasks(docs: Iterable[DocAnnotation], out: Path, as_annotation: bool = False,
                notes: dict[str, str] | None = None) -> Path:
    """``labelstudio_tasks.json`` and ``labelstudio_config.xml`` in ``out``; returns the tasks file.
    ``notes`` (doc_id -> text) go into each task's ``data.review``."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "labelstudio_tasks.json"
    tasks = [task(d, as_annotation, (notes or {}).get(d.doc_id, "")) for d in docs]
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "labelstudio_config.xml").write_text(label_config(), encoding="utf-8")
    return path


# -- import ------------------------------------------------------------------------------------------


def _chosen(entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The annotation to take: the last one submitted and not cancelled."""
    kept = [a for a in entries if isinstance(a, dict) and not a.get("was_cancelled")]
    return kept[-1] if kept else None


def _value(item: dict[str, Any]) -> str:
    value = item.get("value", {})
    got = value.get("text") if item.get("type") == "textarea" else value.get("choices")
    if isinstance(got, list):
        return "\n".join(str(v) for v in got).strip()
    return str(got or "").strip()


def read_tasks(path: Path) -> list[dict[str, Any]]:
    """An export's tasks (JSON: a list of tasks, or one task); AnnotationError when it is not such a file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AnnotationError([f"{path}: not a Label Studio JSON export ({exc})"]) from exc
    tasks = data if isinstance(data, list) else [data]
    if not all(isinstance(t, dict) for t in tasks):
        raise AnnotationError([f"{path}: not a Label Studio JSON export (expected a list of tasks)"])
    return tasks


def import_task(item: dict[str, Any], n: int, texts: CorpusTexts, problems: list[str],
                notes: list[str]) -> DocAnnotation | None:
    """One exported task as a document; every problem is appended to ``problems`` naming task and span."""
    data = item.get("data") if isinstance(item.get("data"), dict) else {}
    doc_id = str(data.get("doc_id", "") or "")
    where = f"task {item.get('id', n)}" + (f" ({doc_id})" if doc_id else "")
    text = texts.checked(where, doc_id, data.get("text"), "data.text", problems)
    if text is None:
        return None
    chosen = _chosen(item.get("annotations") or [])
    if chosen is None:
        notes.append(f"{where}: no submitted annotation; skipped")
        return None
    regions: dict[str, dict[str, Any]] = {}
    fields: dict[str, dict[str, str]] = {}
    for k, res in enumerate(chosen.get("result") or []):
        if not isinstance(res, dict):
            continue
        rid = str(res.get("id", f"#{k + 1}"))
        if res.get("type") == "labels":
            regions[rid] = res
        elif res.get("type") in ("textarea", "choices"):
            fields.setdefault(rid, {})[str(res.get("from_name", ""))] = _value(res)
    entity_rows, event_rows, order = [], [], []
    for rid, res in regions.items():
        value = res.get("value", {})
        labels = value.get("labels") or []
        start, end, surface = value.get("start"), value.get("end"), value.get("text")
        span = f"{where}, region {rid} [{start}-{end} {surface!r}]"
        control = res.get("from_name")
        known = LABELS if control == LABEL else EVENT_TYPES if control == EVENT else ()
        if not known:
            problems.append(f"{span}: unknown control {control!r} (expected {LABEL!r} or {EVENT!r})")
            continue
        if len(labels) != 1 or labels[0] not in known:
            problems.append(f"{span}: unknown label {labels!r} (expected one of {', '.join(known)})")
            continue
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{span}: offsets out of range (the text has {len(text)} characters)")
            continue
        if surface is not None and text[start:end] != surface:
            problems.append(f"{span}: the text there is {text[start:end]!r}, not {surface!r}")
            continue
        extra = fields.get(rid, {})
        if control == LABEL:
            side = extra.get("side", "")
            if side and side not in SIDES:
                problems.append(f"{span}: unknown side {side!r}")
                continue
            entity_rows.append({"start": start, "end": end, "text": text[start:end], "label": labels[0],
                                "norm": extra.get("norm", ""), "side": side,
                                "calendar_norm": extra.get("calendar_norm", "")})
        else:
            row = {column: extra.get(control_name, "") for control_name, column in EVENT_FIELDS.items()}
            row.update(event_type=labels[0], actor_side=extra.get("actor_side", ""),
                       part_of_day=extra.get("part_of_day", ""), evidence=text[start:end],
                       start=str(start), end=str(end))
            event_rows.append(row)
            order.append((0, int(rid[1:]), 0) if rid[:1] == "v" and rid[1:].isdigit() else (1, start, end))
    event_rows = [r for _, r in sorted(zip(order, event_rows, strict=True), key=lambda p: p[0])]
    unplaced = data.get("unplaced_events") or []
    columns = data.get("columns") if isinstance(data.get("columns"), dict) else {}
    return new_document(doc_id, text, entity_rows, [*event_rows, *unplaced],
                        columns.get("entities"), columns.get("events"))


def import_tasks(path: Path, texts: CorpusTexts) -> tuple[list[DocAnnotation], list[str]]:
    """Every annotated task of an export as a document, and notes (tasks skipped); AnnotationError lists all
    problems at once."""
    problems: list[str] = []
    notes: list[str] = []
    docs = [d for n, t in enumerate(read_tasks(path), 1) if (d := import_task(t, n, texts, problems, notes))]
    if problems:
        raise AnnotationError([f"{path}: {p}" for p in problems])
    return docs, notes
