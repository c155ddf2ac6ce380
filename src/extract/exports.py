"""Exports for GIS and gazetteer tools: ``events.geojson`` and a Linked Places Format file.

QGIS, geojson.io and the like read GeoJSON (RFC 7946: longitude first, WGS84); the World Historical
Gazetteer and the Pelagios tools read Linked Places Format (LPF), a GeoJSON FeatureCollection in JSON-LD
whose features carry ``@id``, ``properties.title``, ``names`` and, where known, ``when``. Both are
written from the tables alone, so a hand-corrected table exports as corrected.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from extract.report.data import Tables, coordinates, date_bounds

LPF_CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
# A place's @id: the corpus's own namespace, as WHG asks each contributed dataset to give its places one.
PLACE_ID_BASE = "urn:extract:place:"


def _cell(value: object) -> object:
    """A table cell as JSON: offsets as numbers, empty cells as null, the rest as text."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def events_geojson(events: pd.DataFrame) -> dict:
    """One Point Feature per event with coordinates; its properties are the events.csv columns."""
    features = []
    for _, row in events.iterrows():
        point = coordinates(row)
        if point is None:
            continue
        properties = {column: _cell(row[column]) for column in events.columns}
        for column in ("lat", "lon"):
            properties[column] = float(row[column])
        features.append({"type": "Feature", "id": row["event_id"],
                         "geometry": {"type": "Point", "coordinates": [point[1], point[0]]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def _timespan(keys: list[tuple[int, int]]) -> dict:
    """LPF ``when`` for the days the events at a place cover (ISO 8601 days, so any year works)."""
    first, last = min(k[0] for k in keys), max(k[1] for k in keys)

    def iso(key: int) -> str:
        return f"{key // 10000:04d}-{key // 100 % 100:02d}-{key % 100:02d}"

    return {"timespans": [{"start": {"earliest": iso(first)}, "end": {"latest": iso(last)}}]}


def places_lpf(tables: Tables) -> dict:
    """An LPF FeatureCollection of the places the corpus mentions (every PLACE norm, placed or not).

    ``names`` holds the canonical name and each other surface form the texts write (衡陽 for 衡阳), each
    citing the documents it occurs in; ``when`` spans the dates of the events at the place, where any has
    a known year; ``geometry`` is null for a place the gazetteer cannot place (LPF allows it).
    """
    entities = tables.entities
    places = entities[entities["label"] == "PLACE"] if len(entities) else entities
    dates: dict[str, list[tuple[int, int]]] = {}
    for _, row in tables.events.iterrows():
        bounds = date_bounds(row["date"])
        if bounds:
            dates.setdefault(row["place"], []).append(bounds)
    features = []
    for norm, group in places.groupby("norm", sort=True):
        if not norm:
            continue
        point = next((p for p in (coordinates(r) for _, r in group.iterrows()) if p), None)
        names = []
        for toponym, mentions in group.groupby("text", sort=True):
            docs = sorted(set(mentions["doc_id"]))
            names.append({"toponym": toponym, "lang": "zh",
                          "citations": [{"label": doc_id, "@id": f"urn:extract:doc:{quote(doc_id)}"}
                                        for doc_id in docs]})
        if norm not in set(group["text"]):
            names.insert(0, {"toponym": norm, "lang": "zh"})
        feature = {
            "@id": PLACE_ID_BASE + quote(norm),
            "type": "Feature",
            "properties": {"title": norm, "ccodes": [], "mentions": len(group),
                           "documents": sorted(set(group["doc_id"]))},
            "names": names,
            "geometry": ({"type": "Point", "coordinates": [point[1], point[0]]} if point else None),
        }
        if norm in dates:
            feature["when"] = _timespan(dates[norm])
        features.append(feature)
    return {"@context": LPF_CONTEXT, "type": "FeatureCollection", "features": features}


def write_exports(tables: Tables, out: Path) -> list[Path]:
    """Write OUT/events.geojson and OUT/places.lpf.json; return their paths."""
    written = []
    for name, data in (("events.geojson", events_geojson(tables.events)), ("places.lpf.json", places_lpf(tables))):
        path = out / name
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    return written
