"""Scoring against gold annotations, as the Scoring section of SCHEMA.md defines it.

Entities match on (doc_id, start, end, label); norm accuracy is measured on
the matches. Everything is a pandas merge so that a large corpus scores in
seconds. Gold is validated first: a wrong column, an unknown label or an
offset that does not point at the stated text is an error naming the file
and row, never a silently wrong score.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from extract.mention import LABELS
from extract.read import ReadError, read_document
from extract.tables import replace_between_markers, write_csv_atomic, write_text_atomic

GOLD_ENTITY_COLUMNS = ["start", "end", "text", "label", "norm"]
# A gold file is a few lines per mention; one far larger than its text is not gold (and would exhaust memory).
GOLD_BYTES_PER_CHAR, GOLD_MIN_LIMIT = 200, 1 << 20
_DATE_NORM = r"(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?)?"
_GOLD_DATE = rf"{_DATE_NORM}(?:/{_DATE_NORM})?"


def _check_size(path: Path, text: str | None) -> None:
    limit = max(GOLD_MIN_LIMIT, GOLD_BYTES_PER_CHAR * len(text or ""))
    size = path.stat().st_size
    if size > limit:
        raise ValueError(f"{path}: {size:,} bytes is too large for gold of a {len(text or ''):,}-character text "
                         f"(limit {limit:,})")


def load_gold_entities(path: Path, text: str | None) -> pd.DataFrame:
    """Read and check one gold entities file; raise ValueError naming file and row."""
    _check_size(path, text)
    try:
        frame = pd.read_csv(path, dtype={"start": str, "end": str, "text": str, "norm": str, "side": str,
                                         "calendar_norm": str},
                            keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise ValueError(f"{path}: cannot be read as CSV ({exc})") from exc
    missing = [c for c in GOLD_ENTITY_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    for column in ("start", "end"):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        bad = frame.index[numbers.isna() | (numbers != numbers.round()) | (numbers < 0)]
        if len(bad):
            raise ValueError(f"{path}: row {bad[0] + 2}: {column} is not a whole number >= 0 "
                             f"({frame[column][bad[0]]!r})")
        frame[column] = numbers.astype(int)
    backwards = frame.index[frame["start"] >= frame["end"]]
    if len(backwards):
        i = backwards[0]
        raise ValueError(f"{path}: row {i + 2}: start {frame['start'][i]} is not before end {frame['end'][i]}")
    unknown = frame.index[~frame["label"].isin(LABELS)]
    if len(unknown):
        i = unknown[0]
        raise ValueError(f"{path}: row {i + 2}: unknown label {frame['label'][i]!r}")
    if text is not None:
        for i, start, end, surface in zip(frame.index, frame["start"], frame["end"], frame["text"], strict=True):
            if end > len(text):
                raise ValueError(f"{path}: row {i + 2}: end {end} is past the end of the text ({len(text)} "
                                 f"characters)")
            if text[start:end] != surface:
                raise ValueError(f"{path}: row {i + 2}: offsets {start}-{end} give {text[start:end]!r}, "
                                 f"not {surface!r}")
    for column in ("side", "calendar_norm"):
        if column not in frame.columns:
            frame[column] = ""
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
        right = (m["norm_gold"] == m["norm_pred"]) | ((m["calendar_norm"] != "")
                                                     & (m["calendar_norm"] == m["norm_pred"]))
        stats["norm_accuracy"] = round(float(right.mean()), 4) if len(m) else 0.0
        with_side = m[m["side_gold"].fillna("") != ""]
        stats["side_accuracy"] = (round(float((with_side["side_gold"] == with_side["side_pred"]).mean()), 4)
                                  if len(with_side) else None)
        out[label or "overall"] = stats
    return out


GOLD_EVENT_COLUMNS = ["date", "event_type", "place", "actor_side"]
EVENT_KEY = ["doc_id", "date", "event_type", "place"]


def load_gold_events(path: Path, text: str | None = None) -> pd.DataFrame:
    """Read and check one gold events file; raise ValueError naming file and row.

    ``date`` is the date as the text gives it (``XXXX-05-24`` when it never
    states the year; empty for an action the text does not date, kept like a
    year-only row and, like it, not scored); ``calendar_date``, where present,
    the date history gives.
    """
    _check_size(path, text)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise ValueError(f"{path}: cannot be read as CSV ({exc})") from exc
    missing = [c for c in GOLD_EVENT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    if "calendar_date" not in frame.columns:
        frame["calendar_date"] = ""
    for column in ("date", "calendar_date"):
        ok = frame[column].str.fullmatch(_GOLD_DATE) | (frame[column] == "")
        bad = frame.index[~ok]
        if len(bad):
            raise ValueError(f"{path}: row {bad[0] + 2}: {column} {frame[column][bad[0]]!r} is not a date "
                             f"(YYYY[-MM[-DD]], X for what the text leaves open: XXXX-05-24)")
    return frame


def date_accuracy(gold: pd.DataFrame, pred: pd.DataFrame) -> float:
    """Share of gold DATE mentions overlapped by a predicted DATE with the gold norm."""
    g = gold[gold["label"] == "DATE"].reset_index(drop=True).assign(_gid=lambda f: f.index)
    p = pred[pred["label"] == "DATE"]
    if not len(g):
        return 0.0
    pairs = g.merge(p, on="doc_id", suffixes=("_g", "_p"))
    pred_norm = pairs["norm_p"].map(same_date)
    right = (pairs["norm_g"].map(same_date) == pred_norm) | (
        (pairs["calendar_norm"] != "") & (pairs["calendar_norm"].map(same_date) == pred_norm))
    ok = pairs[(pairs["start_p"] < pairs["end_g"]) & (pairs["start_g"] < pairs["end_p"]) & right]
    return round(ok["_gid"].nunique() / len(g), 4)


def scored(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows the scorer counts: dated at least to a month (rows dated only to a year, or not at all, are kept
    in the tables for the reader but not scored)."""
    return frame[frame["date"].str.fullmatch(r"[\dX]{4}-\d{2}.*")].reset_index(drop=True)


def same_date(norm: str) -> str:
    """The date as compared: a day the text leaves open is its month (1939-12-XX says what 1939-12 says)."""
    return norm.removesuffix("-XX")


def match_events(gold: pd.DataFrame, pred: pd.DataFrame) -> list[tuple[int, int]]:
    """Pairs (gold row, pred row) of matched events: equal event_type and place, and a date equal to the gold
    ``date`` or ``calendar_date`` (an open day counts as its month); each row matched at most once, in table
    order."""
    free: dict[tuple[str, str, str, str], list[int]] = {}
    for j, (doc, date, kind, place) in enumerate(zip(pred["doc_id"], pred["date"], pred["event_type"],
                                                     pred["place"], strict=True)):
        free.setdefault((doc, same_date(date), kind, place), []).append(j)
    pairs = []
    calendar = gold["calendar_date"] if "calendar_date" in gold.columns else [""] * len(gold)
    for i, (doc, date, cal, kind, place) in enumerate(zip(gold["doc_id"], gold["date"], calendar,
                                                           gold["event_type"], gold["place"], strict=True)):
        for d in (date, cal):
            candidates = free.get((doc, same_date(d), kind, place)) if d else None
            if candidates:
                pairs.append((i, candidates.pop(0)))
                break
    return pairs


def score_events(gold: pd.DataFrame, pred: pd.DataFrame) -> dict[str, Any]:
    """Events match on (date or calendar_date, event_type, place), each gold event at most once."""
    g, p = scored(gold), scored(pred)
    pairs = match_events(g, p)
    stats = _prf(len(pairs), len(p), len(g))
    same = [g["actor_side"][i] == p["actor_side"][j] for i, j in pairs]
    stats["side_accuracy"] = round(sum(same) / len(same), 4) if same else 0.0
    return stats


def event_errors(gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    """Missed and spurious events (and matched ones with the wrong side), with their evidence clauses."""
    g, p = scored(gold), scored(pred)
    pairs = match_events(g, p)
    got, used = {i for i, _ in pairs}, {j for _, j in pairs}
    rows = [("miss", g["doc_id"][i], g["date"][i], g["event_type"][i], g["place"][i], g["actor_side"][i], "",
             g["evidence"][i] if "evidence" in g.columns else "") for i in range(len(g)) if i not in got]
    rows += [("false_positive", p["doc_id"][j], p["date"][j], p["event_type"][j], p["place"][j], "",
              p["actor_side"][j], p["evidence"][j] if "evidence" in p.columns else "")
             for j in range(len(p)) if j not in used]
    rows += [("side", g["doc_id"][i], g["date"][i], g["event_type"][i], g["place"][i], g["actor_side"][i],
              p["actor_side"][j], p["evidence"][j] if "evidence" in p.columns else "")
             for i, j in pairs if g["actor_side"][i] != p["actor_side"][j]]
    frame = pd.DataFrame(rows, columns=["kind", "doc_id", "date", "event_type", "place", "side_gold", "side_pred",
                                        "evidence"])
    return frame.sort_values(["kind", "doc_id", "date"], kind="mergesort").reset_index(drop=True)


def event_type_scores(gold: pd.DataFrame, pred: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Event P/R/F1 and side accuracy per event type (the types either side has), so a corrector sees which
    kinds of action the lexicons miss."""
    kinds = sorted(set(scored(gold)["event_type"]) | set(scored(pred)["event_type"]))
    return {kind: score_events(gold[gold["event_type"] == kind].reset_index(drop=True),
                               pred[pred["event_type"] == kind].reset_index(drop=True)) for kind in kinds}


def format_event_types(report: dict[str, Any]) -> str:
    """Markdown table of the per event type scores (empty when the report has none)."""
    types = report.get("per_event_type") or {}
    if not types:
        return ""
    lines = ["", "", "| event type | P | R | F1 | side acc. | gold | pred |", "|---|---|---|---|---|---|---|"]
    for kind, s in types.items():
        lines.append(f"| {kind} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                     f"{s['side_accuracy']:.3f} | {s['gold']} | {s['pred']} |")
    return "\n".join(lines)


ERRORS_FILE = "evaluation_errors.csv"
ERROR_ROW_COLUMNS = ["target", "kind", "doc_id", "start", "end", "label", "text", "norm_gold", "norm_pred",
                     "side_gold", "side_pred", "date", "place", "evidence"]


def error_rows(gold: pd.DataFrame, pred: pd.DataFrame, gold_events: pd.DataFrame, pred_events: pd.DataFrame,
               texts: dict[str, str]) -> pd.DataFrame:
    """Every row to check, machine-readable, with offsets: entity misses, false positives, wrong norms and
    sides (target ``entity``); event misses, false positives and sides (target ``event``, offsets of the
    evidence clause, found in the text for gold events that give none; -1 where it is not there).
    ``extract annotate export --only-errors`` turns these rows into review tasks."""
    keys = ["doc_id", "start", "end", "label"]
    merged = gold.merge(pred, on=keys, how="outer", suffixes=("_gold", "_pred"), indicator=True)
    merged = merged.assign(kind=merged["_merge"].map({"left_only": "miss", "right_only": "false_positive",
                                                      "both": "norm"}).astype(str))
    for column in ("norm_gold", "norm_pred", "side_gold", "side_pred", "text_gold", "text_pred"):
        merged[column] = merged[column].fillna("") if column in merged.columns else ""
    both = merged["kind"] == "norm"
    side_wrong = both & (merged["side_gold"] != "") & (merged["side_gold"] != merged["side_pred"])
    merged.loc[side_wrong & (merged["norm_gold"] == merged["norm_pred"]), "kind"] = "side"
    wrong = merged[~both | (merged["norm_gold"] != merged["norm_pred"]) | side_wrong]
    entities = pd.DataFrame({
        "target": "entity", "kind": wrong["kind"], "doc_id": wrong["doc_id"], "start": wrong["start"],
        "end": wrong["end"], "label": wrong["label"],
        "text": wrong["text_gold"].where(wrong["text_gold"] != "", wrong["text_pred"]),
        "norm_gold": wrong["norm_gold"], "norm_pred": wrong["norm_pred"], "side_gold": wrong["side_gold"],
        "side_pred": wrong["side_pred"], "date": "", "place": "", "evidence": ""})
    g, p = scored(gold_events), scored(pred_events)
    pairs = match_events(g, p)
    got, used = {i for i, _ in pairs}, {j for _, j in pairs}

    def located(frame: pd.DataFrame, i: int) -> tuple[int, int]:
        start, end = str(frame["start"][i]) if "start" in frame else "", str(frame["end"][i]) if "end" in frame \
            else ""
        if start.isdigit() and end.isdigit():
            return int(start), int(end)
        evidence = str(frame["evidence"][i]) if "evidence" in frame else ""
        at = texts.get(str(frame["doc_id"][i]), "").find(evidence) if evidence else -1
        return (at, at + len(evidence)) if at >= 0 else (-1, -1)

    def event_row(kind: str, frame: pd.DataFrame, i: int, side_gold: str, side_pred: str) -> dict[str, Any]:
        start, end = located(frame, i)
        evidence = str(frame["evidence"][i]) if "evidence" in frame else ""
        return {"target": "event", "kind": kind, "doc_id": frame["doc_id"][i], "start": start, "end": end,
                "label": frame["event_type"][i], "text": evidence, "norm_gold": "", "norm_pred": "",
                "side_gold": side_gold, "side_pred": side_pred, "date": frame["date"][i],
                "place": frame["place"][i], "evidence": evidence}

    events = [event_row("miss", g, i, g["actor_side"][i], "") for i in range(len(g)) if i not in got]
    events += [event_row("false_positive", p, j, "", p["actor_side"][j]) for j in range(len(p)) if j not in used]
    events += [event_row("side", p, j, g["actor_side"][i], p["actor_side"][j]) for i, j in pairs
               if g["actor_side"][i] != p["actor_side"][j]]
    frame = pd.concat([entities, pd.DataFrame(events, columns=ERROR_ROW_COLUMNS)], ignore_index=True)
    frame = frame[ERROR_ROW_COLUMNS].fillna("")
    frame["start"], frame["end"] = frame["start"].astype(int), frame["end"].astype(int)
    return frame.sort_values(["doc_id", "target", "start", "kind"], kind="mergesort").reset_index(drop=True)


def _read_pred(path: Path, what: str) -> pd.DataFrame:
    if not path.exists():
        raise ValueError(f"{path}: predicted {what} not found (run `extract run` first)")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("start", "end"):
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column]).astype(int)
    return frame


def errors_table(gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    """Every false positive, miss and wrong norm, grouped by label."""
    keys = ["doc_id", "start", "end", "label"]
    merged = gold.merge(pred, on=keys, how="outer", suffixes=("_gold", "_pred"), indicator=True)
    kind = merged["_merge"].map({"left_only": "miss", "right_only": "false_positive", "both": "norm"})
    merged = merged.assign(kind=kind)
    wrong = merged[(merged["kind"] != "norm") | (merged["norm_gold"] != merged["norm_pred"])]
    wrong = wrong.assign(text=wrong["text_gold"].where(wrong["text_gold"].notna(), wrong["text_pred"]))
    return (wrong[["label", "kind", "doc_id", "start", "end", "text", "norm_gold", "norm_pred"]]
            .fillna("").sort_values(["label", "kind", "doc_id", "start"], kind="mergesort").reset_index(drop=True))


def evaluate_dirs(gold_dir: Path, pred_dir: Path, corpus_dir: Path) -> dict[str, Any]:
    """Score the tables in ``pred_dir`` against every gold file in ``gold_dir``."""
    gold_files = sorted(gold_dir.glob("*.entities.csv"))
    if not gold_files:
        raise ValueError(f"{gold_dir}: no *.entities.csv gold files")
    frames, event_frames = [], []
    texts: dict[str, str] = {}
    for path in gold_files:
        doc_id = path.name.removesuffix(".entities.csv")
        text_path = corpus_dir / f"{doc_id}.txt"
        if not text_path.exists():
            raise ValueError(f"{path}: no text {text_path} to check its offsets against")
        try:
            text = read_document(text_path).text
        except ReadError as exc:
            raise ValueError(str(exc)) from exc
        texts[doc_id] = text
        frame = load_gold_entities(path, text)
        frames.append(frame.assign(doc_id=doc_id))
        events_path = gold_dir / f"{doc_id}.events.csv"
        if events_path.exists():
            event_frames.append(load_gold_events(events_path, text).assign(doc_id=doc_id))
    gold = pd.concat(frames, ignore_index=True)
    doc_ids = sorted(gold["doc_id"].unique())
    pred = _read_pred(pred_dir / "entities.csv", "entities")
    warnings = [f"{doc_id}: gold, but no predicted row (was it in the corpus that was run?)"
                for doc_id in doc_ids if doc_id not in set(pred["doc_id"])]
    extra = sorted(set(pred["doc_id"]) - set(doc_ids))
    if extra:
        warnings.append(f"{len(extra)} predicted document(s) have no gold and are not scored: "
                        f"{', '.join(extra[:5])}{' ...' if len(extra) > 5 else ''}")
    pred = pred[pred["doc_id"].isin(doc_ids)]
    gold_events = pd.concat(event_frames, ignore_index=True) if event_frames else pd.DataFrame(
        columns=[*GOLD_EVENT_COLUMNS, "calendar_date", "doc_id"])
    pred_events = _read_pred(pred_dir / "events.csv", "events") if event_frames else gold_events.iloc[0:0]
    pred_events = pred_events[pred_events["doc_id"].isin(doc_ids)]

    def summary(g: pd.DataFrame, p: pd.DataFrame, ge: pd.DataFrame, pe: pd.DataFrame) -> dict[str, Any]:
        ents = score_entities(g, p)
        overall = ents.pop("overall")
        return {"entities": {k: overall[k] for k in ("precision", "recall", "f1", "norm_accuracy", "tp", "pred",
                                                      "gold")},
                "date_accuracy": date_accuracy(g, p),
                "events": score_events(ge, pe)}, ents

    overall, per_label = summary(gold, pred, gold_events, pred_events)
    report: dict[str, Any] = {"overall": overall, "per_label": per_label, "per_document": {}}
    for doc_id in doc_ids:
        doc_summary, doc_labels = summary(gold[gold["doc_id"] == doc_id], pred[pred["doc_id"] == doc_id],
                                          gold_events[gold_events["doc_id"] == doc_id],
                                          pred_events[pred_events["doc_id"] == doc_id])
        report["per_document"][doc_id] = {**doc_summary, "per_label": doc_labels}
    report["errors"] = errors_table(gold, pred)
    report["event_errors"] = event_errors(gold_events, pred_events)
    report["per_event_type"] = event_type_scores(gold_events, pred_events)
    report["error_rows"] = error_rows(gold, pred, gold_events, pred_events, texts)
    report["warnings"] = warnings
    return report


def format_report(report: dict[str, Any]) -> str:
    """Markdown tables: per label, then per document headline figures."""
    lines = ["| label | P | R | F1 | norm acc. | side acc. | gold | pred |", "|---|---|---|---|---|---|---|---|"]
    for label, s in report["per_label"].items():
        side = "" if s["side_accuracy"] is None else f"{s['side_accuracy']:.3f}"
        lines.append(f"| {label} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                     f"{s['norm_accuracy']:.3f} | {side} | {s['gold']} | {s['pred']} |")
    lines += ["", "| document | entity F1 | norm acc. | date acc. | event P | event R | event F1 | event side acc. |",
              "|---|---|---|---|---|---|---|---|"]
    for doc_id, s in [*report["per_document"].items(), ("**all**", report["overall"])]:
        e, v = s["entities"], s["events"]
        lines.append(f"| {doc_id} | {e['f1']:.3f} | {e['norm_accuracy']:.3f} | {s['date_accuracy']:.3f} | "
                     f"{v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['side_accuracy']:.3f} |")
    return "\n".join(lines)


def write_report(report: dict[str, Any], out_dir: Path) -> None:
    """evaluation.json (for scripts) and evaluation.md (for people) beside the predictions."""
    data = {k: v for k, v in report.items() if k not in ("errors", "event_errors", "error_rows")}
    write_text_atomic(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                      out_dir / "evaluation.json")
    write_text_atomic(format_report(report) + format_event_types(report) + "\n", out_dir / "evaluation.md")
    if "error_rows" in report:
        write_csv_atomic(report["error_rows"], out_dir / ERRORS_FILE)


# -- baseline: the headline figures the regression test holds the pipeline to ----
HEADLINES = {"entity_f1": ("entities", "f1"), "date_accuracy": ("date_accuracy", None),
             "event_f1": ("events", "f1")}


def headline_figures(report: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Entity F1, date accuracy and event F1, overall and per document."""
    def pick(summary: dict[str, Any]) -> dict[str, float]:
        out = {}
        for name, (key, sub) in HEADLINES.items():
            value = summary[key] if sub is None else summary[key][sub]
            out[name] = float(value)
        return out

    figures = {"overall": pick(report["overall"])}
    figures.update({doc_id: pick(s) for doc_id, s in sorted(report["per_document"].items())})
    return figures


def below_baseline(report: dict[str, Any], baseline: dict[str, dict[str, float]],
                   tolerance: float = 1e-4) -> list[str]:
    """Every headline figure that fell below the recorded baseline, as readable lines."""
    figures = headline_figures(report)
    problems = []
    for scope, expected in baseline.items():
        got = figures.get(scope)
        if got is None:
            problems.append(f"{scope}: no longer evaluated (baseline {expected})")
            continue
        for name, value in expected.items():
            if got.get(name, 0.0) + tolerance < value:
                problems.append(f"{scope}: {name} {got.get(name, 0.0):.4f} < baseline {value:.4f}")
    return problems


def write_baseline(report: dict[str, Any], path: Path) -> None:
    write_text_atomic(json.dumps(headline_figures(report), indent=2, sort_keys=True) + "\n", path)


def update_readme(report: dict[str, Any], readme: Path) -> bool:
    """Replace the figures table between the README's markers; False when the markers are missing."""
    return replace_between_markers(readme, "figures", format_report(report))
