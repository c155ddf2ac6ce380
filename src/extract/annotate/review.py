"""Review tasks: only the rows an evaluation says to check, as documents the annotation formats can write.

A corrector's time goes to the disagreements: a mention or event that gold
has and the pipeline missed (shown as gold has it), one the pipeline found
and gold lacks, and a norm or side they disagree on (shown as predicted).
Every region carries a ``review`` note saying which, with both values.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extract.annotate.records import ENTITY_COLUMNS, EVENT_COLUMNS, DocAnnotation, read_text
from extract.evaluate import ERROR_ROW_COLUMNS, ERRORS_FILE, evaluate_dirs

NOTES = {"miss": "in gold, not predicted", "false_positive": "predicted, not in gold",
         "norm": "norm differs", "side": "side differs"}


def error_table(pred: Path, corpus: Path, gold: Path | None) -> pd.DataFrame:
    """The rows to check: from evaluating ``pred`` against ``gold``, else from ``pred``'s evaluation_errors.csv."""
    if gold is not None:
        return evaluate_dirs(gold, pred, corpus)["error_rows"]
    path = pred / ERRORS_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path}: not found (run `extract evaluate --gold ...` first, or pass --gold)")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ERROR_ROW_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    return frame


def _note(row: pd.Series) -> str:
    note = f"{row['kind']}: {NOTES.get(row['kind'], '')}"
    if row["kind"] == "norm":
        note += f" (gold {row['norm_gold']!r}, predicted {row['norm_pred']!r})"
    if row["kind"] == "side" or row["side_gold"] != row["side_pred"]:
        note += f" (side: gold {row['side_gold'] or '-'}, predicted {row['side_pred'] or '-'})"
    return note


def review_documents(pred: Path, corpus: Path, gold: Path | None) -> tuple[list[DocAnnotation], dict[str, str]]:
    """One document per doc_id with rows to check, holding only those rows; and a note per document."""
    frame = error_table(pred, corpus, gold).astype(str)
    docs, notes = [], {}
    for doc_id, rows in frame.groupby("doc_id", sort=True):
        ents, events = [], []
        for _, row in rows.iterrows():
            as_gold = row["kind"] == "miss"
            if row["target"] == "entity":
                ents.append({"start": int(row["start"]), "end": int(row["end"]), "text": row["text"],
                             "label": row["label"], "norm": row["norm_gold" if as_gold else "norm_pred"],
                             "side": row["side_gold" if as_gold else "side_pred"], "review": _note(row)})
            else:
                placed = int(row["start"]) >= 0
                events.append({"date": row["date"], "event_type": row["label"], "place": row["place"],
                               "actor_side": row["side_gold" if as_gold else "side_pred"], "actor": "",
                               "part_of_day": "", "time": "", "evidence": row["evidence"],
                               "start": row["start"] if placed else "", "end": row["end"] if placed else "",
                               "review": _note(row)})
        entity_frame = pd.DataFrame(ents, columns=[*ENTITY_COLUMNS, "review"])
        entity_frame[["start", "end"]] = entity_frame[["start", "end"]].astype(int)
        docs.append(DocAnnotation(str(doc_id), read_text(corpus, str(doc_id)), entity_frame,
                                  pd.DataFrame(events, columns=[*EVENT_COLUMNS, "start", "end", "review"]),
                                  list(ENTITY_COLUMNS), [*EVENT_COLUMNS, "start", "end"]))
        counts = rows.groupby(["target", "kind"]).size()
        notes[str(doc_id)] = "review: " + ", ".join(f"{n} {t} {k}" for (t, k), n in counts.items())
    return docs, notes
