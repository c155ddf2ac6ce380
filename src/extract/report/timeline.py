"""The report's timeline: an SVG drawn here, one row per document, events coloured by side.

plotly was tried first and measured: its inlined plotly.js is 4.8 MB and added about 1.3 s to the
report's opening in headless Chromium on the 20-document corpus, for a chart that needs no more than
dots on a date axis. This SVG is a few kB, needs no script, and places dates by their day number
(``date.toordinal``), so dates before 1970 (or before 1900) are no special case. Each dot links to its
event's clause in the review text; a date range (``a/b``, a month) is drawn as a bar over its days.
Events whose year is unknown cannot be placed; their number is said under the figure.
"""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd

from extract.report.data import date_bounds
from extract.report.mapview import side_colour

ROW, LEFT, RIGHT, TOP = 22, 220, 20, 28


def _day(key: int) -> int:
    return dt.date(key // 10000, key // 100 % 100, key % 100).toordinal()


def _ticks(lo: int, hi: int) -> list[tuple[int, str]]:
    """Year ticks for a long span, month ticks for a short one (day numbers and labels)."""
    first, last = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
    if hi - lo > 3 * 365:
        step = max(1, (last.year - first.year) // 12)
        return [(dt.date(y, 1, 1).toordinal(), str(y)) for y in range(first.year + 1, last.year + 1, step)]
    ticks, (y, m) = [], (first.year, first.month)
    months = (last.year - y) * 12 + last.month - m
    step = 1 if months <= 14 else 3
    while (y, m) <= (last.year, last.month):
        day = dt.date(y, m, 1).toordinal()
        if day >= lo:
            ticks.append((day, f"{y}-{m:02d}"))
        m += step
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return ticks


def timeline_svg(events: pd.DataFrame, width: int = 1200) -> str:
    """The timeline as an inline <svg> (rows: documents in order of their first event) and a note."""
    e = html.escape
    placed = []
    for _, row in events.iterrows():
        bounds = date_bounds(row["date"])
        if bounds:
            placed.append((_day(bounds[0]), _day(bounds[1]), row))
    undated = len(events) - len(placed)
    note = (f"<p class='note'>{undated} event(s) without a known year are not on the timeline "
            f"(they are on the map and in the review texts).</p>") if undated else ""
    if not placed:
        return "<p class='note'>No event has a known year.</p>" + note
    lo, hi = min(p[0] for p in placed), max(p[1] for p in placed)
    lo, hi = lo - 1, max(hi + 1, lo + 30)
    first_day: dict[str, int] = {}
    for a, _, row in placed:
        first_day[row["doc_id"]] = min(a, first_day.get(row["doc_id"], a))
    docs = sorted(first_day, key=lambda d: (first_day[d], d))
    rows = {d: i for i, d in enumerate(docs)}
    plot = width - LEFT - RIGHT

    def x(day: float) -> float:
        return LEFT + (day - lo) / (hi - lo) * plot

    height = TOP + ROW * len(docs) + 10
    parts = [f'<svg class="timeline" id="timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" font-size="11">']
    for day, label in _ticks(lo, hi):
        parts.append(f'<line x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{TOP - 6}" y2="{height - 8}" stroke="#e3e3e3"/>'
                     f'<text x="{x(day):.1f}" y="{TOP - 10}" text-anchor="middle" fill="#666">{label}</text>')
    for doc, i in rows.items():
        y = TOP + ROW * i + ROW / 2
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end"><a href="#doc-{e(doc)}">{e(doc)}</a>'
                     f'</text><line x1="{LEFT}" x2="{width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#f2f2f2"/>')
    for a, b, row in placed:
        y = TOP + ROW * rows[row["doc_id"]] + ROW / 2
        colour = side_colour(row["actor_side"])
        tip = e(f"{row['date']} {row['event_type']} {row['place']} · {row['actor'] or '—'} "
                f"({row['actor_side'] or 'side unknown'})")
        mark = (f'<rect x="{x(a):.1f}" y="{y - 3:.1f}" width="{max(2.0, x(b + 1) - x(a)):.1f}" height="6" '
                f'fill="{colour}" opacity="0.55"/>' if b > a else
                f'<circle cx="{x(a):.1f}" cy="{y:.1f}" r="4" fill="{colour}" stroke="#333" stroke-width="0.5"/>')
        parts.append(f'<a class="tl-ev" href="#ev-{e(row["event_id"])}" data-type="{e(row["event_type"])}">'
                     f'<title>{tip}</title>{mark}</a>')
    parts.append("</svg>")
    return "".join(parts) + note
