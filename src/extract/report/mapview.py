"""The report's map: folium (Leaflet) markers for the placed events, per side, and the units' routes.

folium writes the Leaflet code; this module only chooses what goes on the map and hands the page's
script (report.js) the layers it filters: every marker with its type, side and day bounds, every route.
No tiles: a tile server is a network fetch, and the report must open offline, so the reference layer
is the provinces' names from the gazetteers.
"""

from __future__ import annotations

import csv
import html
import json
from importlib import resources

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from extract.report.data import Itinerary, coordinates, date_bounds

SIDE_COLOURS = {"JP": "#d62728", "CN": "#1f77b4", "CCP": "#e6550d", "KMT": "#17becf", "US": "#2ca02c",
                "ALLIED": "#9467bd", "KP": "#8c564b", "AXIS": "#525252"}
NO_SIDE_COLOUR = "#9e9e9e"


def side_colour(side: str) -> str:
    """The colour of a side on the map and the timeline (grey where the side is unknown)."""
    return SIDE_COLOURS.get(side, NO_SIDE_COLOUR)


def popup_html(row: pd.Series) -> str:
    """A marker's popup: what a historian checks first, and a link to the clause in the review text."""
    e = html.escape
    fields = [("date", row["date"] or "(no date)"), ("type", row["event_type"]), ("actor", row["actor"] or "—"),
              ("side", row["actor_side"] or "—"), ("place", row["place"]), ("document", row["doc_id"])]
    rows = "".join(f"<tr><th>{e(k)}</th><td>{e(str(v))}</td></tr>" for k, v in fields)
    return (f"<table class='pop'>{rows}</table><blockquote>{e(row['evidence'])}</blockquote>"
            f"<a href='#ev-{e(row['event_id'])}' class='evlink'>show in the text</a>").replace("`", "&#96;")


def _provinces() -> list[tuple[str, float, float]]:
    """Province names and points from the gazetteers, the map's only background."""
    path = resources.files("extract.gazetteers") / "places_admin.csv"
    with path.open(encoding="utf-8") as handle:
        return [(r["name"], float(r["lat"]), float(r["lon"])) for r in csv.DictReader(handle)
                if r["type"] == "province" and r["lat"] and r["lon"]]


class _Script(MacroElement):
    """Raw script code rendered after every layer folium wrote (so it may name them)."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "ReportScript"
        self.code = code


def build_map(events: pd.DataFrame, routes: list[Itinerary], page_script: str) -> folium.Map:
    """A folium Map with one CircleMarker per placed event and a hidden PolyLine per route.

    ``page_script`` (report.js) runs after folium's code, with ``REPORT_MAP`` naming the map, the
    markers and the routes.
    """
    m = folium.Map(location=[32, 114], zoom_start=5, tiles=None, height="560px", width="100%",
                   control_scale=True, prefer_canvas=False)
    m.default_js, m.default_css = [], []  # inlined by the page instead (assets.py)
    reference = folium.FeatureGroup(name="provinces (reference)", show=True)
    for name, lat, lon in _provinces():
        folium.CircleMarker([lat, lon], radius=1, color="#b0b0b0", weight=1, class_name="ref",
                            tooltip=folium.Tooltip(name, permanent=True, direction="center",
                                                   class_name="ref-label")).add_to(reference)
    reference.add_to(m)
    groups: dict[str, folium.FeatureGroup] = {}
    markers, points = [], []
    for _, row in events.iterrows():
        point = coordinates(row)
        if point is None:
            continue
        side = row["actor_side"]
        if side not in groups:
            groups[side] = folium.FeatureGroup(name=f"<span style='color:{side_colour(side)}'>●</span> "
                                               f"{side or 'side unknown'}", show=True)
        marker = folium.CircleMarker(
            list(point), radius=6, color="#333", weight=1, fill=True, fill_color=side_colour(side),
            fill_opacity=0.85, class_name=f"ev ev-{row['event_type']} side-{side or 'none'}",
            popup=folium.Popup(popup_html(row), max_width=420),
            tooltip=f"{row['date']} {row['event_type']} {row['place']}")
        marker.add_to(groups[side])
        bounds = date_bounds(row["date"])
        markers.append((marker.get_name(), groups[side].get_name(), row["event_type"], side,
                        bounds[0] if bounds else 0, bounds[1] if bounds else 0, row["event_id"]))
        points.append(point)
    for side in sorted(groups, key=lambda s: (s == "", s)):
        groups[side].add_to(m)
    route_names = []
    for k, route in enumerate(routes):
        line = folium.PolyLine([[s.lat, s.lon] for s in route.stops], color=side_colour(route.side), weight=4,
                               opacity=0.9, dash_array="8 6", class_name=f"route route-{k}",
                               tooltip=f"{route.unit} ({route.side}): {len(route.stops)} events")
        group = folium.FeatureGroup(name=f"route {route.unit}", show=False, control=False)
        line.add_to(group)
        for n, stop in enumerate(route.stops, 1):
            folium.CircleMarker([stop.lat, stop.lon], radius=3, color=side_colour(route.side), fill=True,
                                class_name="stop", tooltip=f"{n}. {stop.date} {stop.place}").add_to(group)
        group.add_to(m)
        route_names.append(group.get_name())
    folium.LayerControl(collapsed=False).add_to(m)
    if points:
        # The view frames the middle 96% of the events: one raid on 珍珠港 should not shrink 湖南 to a dot.
        lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
        lo, hi = int(len(points) * 0.02), max(0, int(len(points) * 0.98) - 1)
        m.fit_bounds([[lats[lo], lons[lo]], [lats[hi], lons[hi]]], padding=(20, 20))
    marker_js = ",".join(f"{{m:{name},g:{group},t:{json.dumps(t)},s:{json.dumps(s)},a:{a},b:{b},"
                         f"id:{json.dumps(i, ensure_ascii=False)}}}"
                         for name, group, t, s, a, b, i in markers)
    data = (f"var REPORT_MAP = {{map: {m.get_name()}, markers: [{marker_js}], "
            f"routes: [{','.join(route_names)}]}};\n")
    _Script(data + page_script).add_to(m)
    return m
