"""The report's reading of the tables: dates as sortable day bounds, and units' itineraries.

The report and the exports read the CSVs that ``extract run`` wrote, never the pipeline, so a historian
can edit a table by hand and re-draw the report. Dates are kept as ``YYYYMMDD`` integers, not as
timestamps: browsers' and plotting libraries' timestamp code is where dates before 1970 go wrong, and
an integer compares the same in Python and in the page's script.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

TABLES = ("entities", "events", "orbat", "warnings", "errors")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass
class Tables:
    """The tables of one run, read as text (empty cells are empty strings, offsets are ints)."""

    entities: pd.DataFrame
    events: pd.DataFrame
    orbat: pd.DataFrame
    warnings: pd.DataFrame
    errors: pd.DataFrame
    evaluation: dict | None = None


def read_tables(out: Path) -> Tables:
    """Read OUT's tables; a missing optional table is an empty one, a missing events.csv is an error."""
    import json

    if not (out / "events.csv").is_file():
        raise FileNotFoundError(f"{out}/events.csv not found: run `extract run` first")
    frames: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        path = out / f"{name}.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else pd.DataFrame()
        for column in ("start", "end"):
            if column in frame.columns:
                frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(-1).astype(int)
        frames[name] = frame
    evaluation_path = out / "evaluation.json"
    evaluation = json.loads(evaluation_path.read_text(encoding="utf-8")) if evaluation_path.is_file() else None
    return Tables(**frames, evaluation=evaluation)


def coordinates(row: pd.Series) -> tuple[float, float] | None:
    """(lat, lon) of a table row, or None where the gazetteer has none."""
    try:
        lat, lon = float(row.get("lat", "")), float(row.get("lon", ""))
    except (TypeError, ValueError):
        return None
    return (lat, lon) if lat == lat and lon == lon else None  # NaN is not a place


def date_bounds(norm: str) -> tuple[int, int] | None:
    """First and last day a date norm covers, as YYYYMMDD integers; None where the year is unknown.

    ``1944-05`` covers 19440501-19440531, a range ``a/b`` runs from a's first day to b's last.
    """
    norm = (norm or "").strip()
    if "/" in norm:
        first, _, last = norm.partition("/")
        a, b = date_bounds(first), date_bounds(last)
        return (a[0], b[1]) if a and b else None
    match = _DATE.match(norm)
    if not match:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    if month is None:
        return year * 10000 + 101, year * 10000 + 1231
    m = int(month)
    if not 1 <= m <= 12:
        return None
    if day is None:
        return year * 10000 + m * 100 + 1, year * 10000 + m * 100 + calendar.monthrange(year, m)[1]
    key = year * 10000 + m * 100 + int(day)
    return key, key


def key_to_iso(key: int) -> str:
    """19440501 -> ``1944-05-01``."""
    return f"{key // 10000:04d}-{key // 100 % 100:02d}-{key % 100:02d}"


@dataclass
class Stop:
    """One dated, placed event on a unit's route."""

    date: str
    first: int
    place: str
    lat: float
    lon: float
    event_type: str
    event_id: str
    doc_id: str
    start: int = 0


@dataclass
class Itinerary:
    """A unit's dated, placed events in date order (its route on the map)."""

    unit: str
    side: str
    stops: list[Stop] = field(default_factory=list)


def itineraries(events: pd.DataFrame, min_places: int = 2) -> list[Itinerary]:
    """Routes of the units that act in several dated, placed events at ``min_places`` places or more.

    A unit is its norm and side (第5军 CN at 昆仑关 and 第5军 KMT at 淮海 are two routes); each actor of a
    ``;``-separated list moves with the event. Rows without a known year or coordinates are left out, as
    they cannot be ordered or drawn.
    """
    routes: dict[tuple[str, str], Itinerary] = {}
    for _, row in events.iterrows():
        bounds, point = date_bounds(row["date"]), coordinates(row)
        if bounds is None or point is None or not row["actor"]:
            continue
        for unit in filter(None, (a.strip() for a in row["actor"].split(";"))):
            route = routes.setdefault((unit, row["actor_side"]), Itinerary(unit, row["actor_side"]))
            route.stops.append(Stop(row["date"], bounds[0], row["place"], point[0], point[1], row["event_type"],
                                    row["event_id"], row["doc_id"], int(row["start"])))
    result = []
    for route in routes.values():
        route.stops.sort(key=lambda s: (s.first, s.doc_id, s.start))
        if len({s.place for s in route.stops}) >= min_places:
            result.append(route)
    return sorted(result, key=lambda r: (-len(r.stops), r.side, r.unit))
