"""Scoring against gold annotations, as the Scoring section of SCHEMA.md defines it.

Entities match on (doc_id, start, end, label); norm accuracy is measured on
the matches. Everything is a pandas merge so that a large corpus scores in
seconds. Gold is validated first: a wrong column, an unknown label or an
offset that does not point at the stated text is an error naming the file
and row, never a silently wrong score.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from extract.mention import LABELS
from extract.read import ReadError, read_document

GOLD_ENTITY_COLUMNS = ["start", "end", "text", "label", "norm"]


def load_gold_entities(path: Path, text: str | None) -> pd.DataFrame:
    """Read and check one gold entities file; raise ValueError naming file and row."""
    try:
        frame = pd.read_csv(path, dtype={"text": str, "norm": str, "side": str}, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise ValueError(f"{path}: cannot be read as CSV ({exc})") from exc
    missing = [c for c in GOLD_ENTITY_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    for column in ("start", "end"):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        bad = frame.index[numbers.isna()]
        if len(bad):
            raise ValueError(f"{path}: row {bad[0] + 2}: {column} is not a number ({frame[column][bad[0]]!r})")
        frame[column] = numbers.astype(int)
    unknown = frame.index[~frame["label"].isin(LABELS)]
    if len(unknown):
        i = unknown[0]
        raise ValueError(f"{path}: row {i + 2}: unknown label {frame['label'][i]!r}")
    if text is not None:
        for i, start, end, surface in zip(frame.index, frame["start"], frame["end"], frame["text"], strict=True):
            if text[start:end] != surface:
                raise ValueError(f"{path}: row {i + 2}: offsets {start}-{end} give {text[start:end]!r}, "
                                 f"not {surface!r}")
    if "side" not in frame.columns:
        frame["side"] = ""
    return frame


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "pred": n_pred, "gold": n_gold}


def score_entities(gold: pd.DataFrame, pred: pd.DataFrame) -> dict[str, Any]:
    """P/R/F1 per label and overall, norm and side accuracy on the matches."""
    keys = ["doc_id", "start", "end", "label"]
    merged = gold.merge(pred, on=keys, how="inner", suffixes=("_gold", "_pred"))
    out: dict[str, Any] = {}
    for label in [*LABELS, None]:
        g = gold if label is None else gold[gold["label"] == label]
        p = pred if label is None else pred[pred["label"] == label]
        m = merged if label is None else merged[merged["label"] == label]
        stats = _prf(len(m), len(p), len(g))
        stats["norm_accuracy"] = round(float((m["norm_gold"] == m["norm_pred"]).mean()), 4) if len(m) else 0.0
        with_side = m[m["side_gold"].fillna("") != ""]
        stats["side_accuracy"] = (round(float((with_side["side_gold"] == with_side["side_pred"]).mean()), 4)
                                  if len(with_side) else None)
        out[label or "overall"] = stats
    return out


def evaluate_dirs(gold_dir: Path, pred_dir: Path, corpus_dir: Path) -> dict[str, Any]:
    """Score ``pred_dir/entities.csv`` against every ``*.entities.csv`` in ``gold_dir``."""
    gold_files = sorted(gold_dir.glob("*.entities.csv"))
    if not gold_files:
        raise ValueError(f"{gold_dir}: no *.entities.csv gold files")
    frames = []
    for path in gold_files:
        doc_id = path.name.removesuffix(".entities.csv")
        text_path = corpus_dir / f"{doc_id}.txt"
        try:
            text = read_document(text_path).text if text_path.exists() else None
        except ReadError as exc:
            raise ValueError(str(exc)) from exc
        frame = load_gold_entities(path, text)
        frame.insert(0, "doc_id", doc_id)
        frames.append(frame)
    gold = pd.concat(frames, ignore_index=True)
    pred_path = pred_dir / "entities.csv"
    if not pred_path.exists():
        raise ValueError(f"{pred_path}: predictions not found (run `extract run` first)")
    pred = pd.read_csv(pred_path, dtype={"text": str, "norm": str, "side": str, "doc_id": str},
                       keep_default_na=False)
    pred = pred[pred["doc_id"].isin(gold["doc_id"].unique())]
    report: dict[str, Any] = {"overall": {"entities": score_entities(gold, pred)}, "per_document": {}}
    for doc_id in sorted(gold["doc_id"].unique()):
        report["per_document"][doc_id] = score_entities(gold[gold["doc_id"] == doc_id],
                                                        pred[pred["doc_id"] == doc_id])
    return report


def format_report(report: dict[str, Any]) -> str:
    """A plain-text table of the overall entity scores per label."""
    lines = [f"{'label':<8} {'P':>6} {'R':>6} {'F1':>6} {'norm':>6} {'side':>6} {'gold':>6} {'pred':>6}"]
    for label, s in report["overall"]["entities"].items():
        side = "" if s["side_accuracy"] is None else f"{s['side_accuracy']:.3f}"
        lines.append(f"{label:<8} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                     f"{s['norm_accuracy']:6.3f} {side:>6} {s['gold']:6d} {s['pred']:6d}")
    return "\n".join(lines)
