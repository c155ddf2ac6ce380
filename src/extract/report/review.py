"""Review pages: each text with its mentions highlighted by displaCy, the events' clauses marked and the
warnings beside their line, so a historian can check the machine's reading against the source.

displaCy (``manual=True``) renders our own spans, not a model's; its entity template is given the
mention's norm and side as a hover title. Event clauses overlap mentions, which displaCy's entity
style cannot nest, so the text is cut at the clauses' ends (never inside a mention) and each piece is
rendered by displaCy and wrapped in a clause marker.
"""

from __future__ import annotations

import html
import itertools
from bisect import bisect_right

import pandas as pd
from spacy import displacy

LABEL_COLOURS = {"UNIT": "#ffd68a", "PERSON": "#b5e3ff", "PLACE": "#c4f0b8", "DATE": "#f3c6f0"}
_TEMPLATE = ('<mark class="entity ent-{label}" title="{title}" style="background:{bg}">{text}'
             '<span class="lbl">{label}</span></mark>')
_WRAPPER_END = "</div>"


def _displacy(text: str, spans: list[dict]) -> str:
    """displaCy's markup of one piece of text, without its block wrapper (the pieces run inline)."""
    markup = displacy.render({"text": text, "ents": spans, "title": None}, style="ent", manual=True, page=False,
                             minify=True, options={"colors": LABEL_COLOURS, "template": _TEMPLATE})
    return markup[markup.index(">") + 1: -len(_WRAPPER_END)] if markup.endswith(_WRAPPER_END) else markup


def _title(row: dict) -> str:
    """The hover title of a mention: label, norm and (for units and persons) side."""
    parts = [row["label"], f"norm: {row['norm'] or '—'}"]
    if row["label"] in ("UNIT", "PERSON"):
        parts.append(f"side: {row['side'] or '—'}")
    return html.escape(" · ".join(parts), quote=True)


def _cuts(text: str, mentions: pd.DataFrame, points: set[int]) -> list[int]:
    """Sorted cut points (line starts, clause bounds) that fall outside every mention."""
    inside = sorted(zip(mentions["start"], mentions["end"], strict=True))
    starts = [s for s, _ in inside]

    def within(point: int) -> bool:
        i = bisect_right(starts, point - 1) - 1  # the last mention starting before point
        return any(s < point < e for s, e in inside[max(0, i - 3): i + 1])

    return sorted(p for p in points | {0, len(text)} if 0 <= p <= len(text) and (p in (0, len(text))
                                                                                 or not within(p)))


def review_html(doc_id: str, text: str, entities: pd.DataFrame, events: pd.DataFrame,
                warnings: pd.DataFrame) -> str:
    """One document's review section: the text line by line, mentions, clauses and warnings."""
    e = html.escape
    mentions = entities[(entities["start"] >= 0) & (entities["end"] <= len(text))].sort_values("start")
    clauses = [(int(r["start"]), int(r["end"]), r["event_id"], r) for _, r in events.iterrows()
               if 0 <= r["start"] < r["end"] <= len(text)]
    line_starts = {i + 1 for i, ch in enumerate(text) if ch == "\n"}
    cuts = _cuts(text, mentions, line_starts | {c[0] for c in clauses} | {c[1] for c in clauses})
    lines: list[list[str]] = [[]]
    m_starts = mentions["start"].tolist()
    anchored: set[str] = set()
    for a, b in itertools.pairwise(cuts):
        if a in line_starts and lines[-1]:
            lines.append([])
        piece_text = text[a:b].rstrip("\r\n") if b in line_starts else text[a:b]
        lo, hi = bisect_right(m_starts, a - 1), bisect_right(m_starts, b - 1)
        spans = [{"start": r["start"] - a, "end": r["end"] - a, "label": r["label"], "params": {"title": _title(r)}}
                 for r in mentions.iloc[lo:hi].to_dict("records") if r["end"] - a <= len(piece_text)]
        piece = _displacy(piece_text, spans)
        covering = [c for c in clauses if c[0] < b and a < c[1]]
        if covering:
            anchors = "".join(f'<a class="anchor" id="ev-{e(c[2])}"></a>' for c in covering
                              if c[2] not in anchored)
            anchored.update(c[2] for c in covering)
            tip = e("; ".join(f"{c[3]['event_type']} {c[3]['place']} {c[3]['date']} ({c[3]['actor_side'] or '—'})"
                              for c in covering), quote=True)
            piece = (f'{anchors}<span class="clause" data-ev="{e(" ".join(c[2] for c in covering))}" '
                     f'title="event: {tip}">{piece}</span>')
        lines[-1].append(piece)
    starts_of_lines = [0, *sorted(s for s in line_starts if s in cuts)]
    notes: dict[int, list[str]] = {}
    for _, w in warnings.iterrows():
        n = max(0, bisect_right(starts_of_lines, int(w["start"])) - 1) if w["start"] >= 0 else 0
        notes.setdefault(n, []).append(f'<aside class="warn" title="{e(w["kind"])}">⚠ {e(w["kind"])}: '
                                       f'{e(w["message"])}</aside>')
    body = "".join(f'<div class="line"><div class="txt">{"".join(parts)}</div>'
                   f'<div class="notes">{"".join(notes.get(n, []))}</div></div>'
                   for n, parts in enumerate(lines))
    table = "".join(
        f'<tr><td><a href="#ev-{e(r["event_id"])}">{e(r["event_id"].rsplit("-", 1)[-1])}</a></td>'
        f'<td>{e(r["date"])}</td><td>{e(r["event_type"])}</td><td>{e(r["actor"])}</td>'
        f'<td>{e(r["actor_side"])}</td><td>{e(r["place"])}</td><td>{e(r["trigger"])}</td></tr>'
        for _, r in events.iterrows())
    counts = mentions["label"].value_counts()
    summary = ", ".join(f"{counts.get(label, 0)} {label}" for label in LABEL_COLOURS)
    return (f'<details class="review" id="doc-{e(doc_id)}"><summary><b>{e(doc_id)}</b> — {summary}, '
            f'{len(events)} events, {len(warnings)} warnings</summary>'
            f'<div class="reviewtext" lang="zh">{body}</div>'
            f'<details class="evtable"><summary>events of {e(doc_id)}</summary><table><tr><th>#</th><th>date</th>'
            f'<th>type</th><th>actor</th><th>side</th><th>place</th><th>trigger</th></tr>{table}</table>'
            f'</details></details>')
