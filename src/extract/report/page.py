"""``extract report``: one self-contained HTML page from a run's tables and the texts they came from.

The page is assembled here; each part comes from its own module (map, timeline, review, tree) and the
libraries' code is inlined (assets.py), so the file can be mailed, archived or opened from a USB stick
with no network. Sections: map with filters, timeline, units' routes, order of battle, places without
coordinates, evaluation figures (when OUT/evaluation.json exists), review texts.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

import pandas as pd

from extract.report import assets
from extract.report.data import Itinerary, Tables, coordinates, itineraries, read_tables
from extract.report.mapview import SIDE_COLOURS, build_map, side_colour
from extract.report.review import LABEL_COLOURS, review_html
from extract.report.timeline import timeline_svg
from extract.report.tree import orbat_tree_html

e = html.escape


def _read_texts(corpus: Path, doc_ids: set[str]) -> dict[str, str]:
    """The texts of the documents the tables hold, decoded as ``extract run`` decoded them."""
    from extract.batch import corpus_files
    from extract.read import ReadError, read_document

    if not corpus.exists():
        return {}
    texts = {}
    for item in corpus_files(corpus)[0]:
        if item.doc_id in doc_ids:
            try:
                texts[item.doc_id] = read_document(item.path).text
            except ReadError:
                continue
    return texts


def _controls(events: pd.DataFrame, routes: list[Itinerary]) -> str:
    types = sorted(set(events["event_type"])) if len(events) else []
    options = "".join(f'<option value="{e(t)}">{e(t)}</option>' for t in types)
    route_options = "".join(f'<option value="{k}">{e(r.unit)} ({e(r.side or "—")}), {len(r.stops)} events</option>'
                            for k, r in enumerate(routes))
    legend = "".join(f'<span><b style="color:{c}">●</b> {s}</span>' for s, c in SIDE_COLOURS.items()
                     if len(events) and s in set(events["actor_side"]))
    legend += f'<span><b style="color:{side_colour("")}">●</b> side unknown</span>'
    return (f'<div class="controls"><label>event type <select id="f-type"><option value="all">all</option>'
            f'{options}</select></label>'
            f'<label>from <input type="range" id="f-from" min="0" value="0"> <span id="f-from-label"></span></label>'
            f'<label>to <input type="range" id="f-to" min="0" value="0"> <span id="f-to-label"></span></label>'
            f'<label><input type="checkbox" id="f-undated" checked> events without a known year</label>'
            f'<label>unit route <select id="f-route"><option value="">none</option>{route_options}</select></label>'
            f'<span id="f-count" class="note"></span></div><div class="legend note">{legend}</div>')


def _routes_html(routes: list[Itinerary]) -> str:
    if not routes:
        return "<p class='note'>No unit acts in dated events at two or more placed places.</p>"
    parts = []
    for k, r in enumerate(routes):
        rows = "".join(f'<tr><td>{n}</td><td>{e(s.date)}</td><td>{e(s.place)}</td><td>{e(s.event_type)}</td>'
                       f'<td><a href="#ev-{e(s.event_id)}">{e(s.event_id)}</a></td></tr>'
                       for n, s in enumerate(r.stops, 1))
        docs = ", ".join(sorted({s.doc_id for s in r.stops}))
        parts.append(f'<details class="itin" data-route-row="{k}"><summary><b>{e(r.unit)}</b> ({e(r.side or "—")}):'
                     f' {len(r.stops)} events, {r.stops[0].date} → {r.stops[-1].date} '
                     f'<span class="docs">{e(docs)}</span> <button data-route="{k}">show on map</button></summary>'
                     f'<table><tr><th>#</th><th>date</th><th>place</th><th>type</th><th>event</th></tr>{rows}'
                     f'</table></details>')
    return "".join(parts)


def _unplaced_html(tables: Tables) -> str:
    ents = tables.entities
    places = ents[ents["label"] == "PLACE"] if len(ents) else ents
    missing = places[[coordinates(r) is None for _, r in places.iterrows()]] if len(places) else places
    events_missing = sum(coordinates(r) is None for _, r in tables.events.iterrows())
    head = (f"<p class='note'>{events_missing} of {len(tables.events)} events are not on the map: their place has no "
            f"coordinates in the gazetteers (add them to gazetteers/places.csv).</p>")
    if missing.empty:
        return head + "<p class='note'>Every place mention has coordinates.</p>"
    rows = "".join(f'<tr><td>{e(norm)}</td><td>{len(g)}</td><td>{e(", ".join(sorted(set(g["doc_id"]))))}</td></tr>'
                   for norm, g in sorted(missing.groupby("norm"), key=lambda x: (-len(x[1]), x[0])))
    return (head + f'<table id="unplaced"><tr><th>place</th><th>mentions</th><th>documents</th></tr>{rows}'
            f'</table>')


def _evaluation_html(evaluation: dict | None) -> str:
    if not evaluation:
        return ""

    def f(value: object) -> str:
        return f"{value:.3f}" if isinstance(value, float) else ("" if value is None else e(str(value)))

    labels = "".join(f"<tr><td>{e(k)}</td><td>{f(v.get('precision'))}</td><td>{f(v.get('recall'))}</td>"
                     f"<td>{f(v.get('f1'))}</td><td>{f(v.get('norm_accuracy'))}</td><td>{f(v.get('gold'))}</td>"
                     f"<td>{f(v.get('pred'))}</td></tr>" for k, v in sorted(evaluation.get("per_label", {}).items()))
    docs = "".join(f"<tr><td>{e(k)}</td><td>{f(v['entities'].get('f1'))}</td><td>{f(v.get('date_accuracy'))}</td>"
                   f"<td>{f(v['events'].get('precision'))}</td><td>{f(v['events'].get('recall'))}</td>"
                   f"<td>{f(v['events'].get('f1'))}</td><td>{f(v['events'].get('side_accuracy'))}</td></tr>"
                   for k, v in sorted(evaluation.get("per_document", {}).items()))
    o = evaluation.get("overall", {})
    if o:
        docs += (f"<tr><td><b>all</b></td><td>{f(o['entities'].get('f1'))}</td><td>{f(o.get('date_accuracy'))}</td>"
                 f"<td>{f(o['events'].get('precision'))}</td><td>{f(o['events'].get('recall'))}</td>"
                 f"<td>{f(o['events'].get('f1'))}</td><td>{f(o['events'].get('side_accuracy'))}</td></tr>")
    return (f'<section id="evaluation"><h2>Evaluation against gold</h2><table><tr><th>label</th><th>P</th><th>R</th>'
            f'<th>F1</th><th>norm acc.</th><th>gold</th><th>pred</th></tr>{labels}</table><br>'
            f'<table><tr><th>document</th><th>entity F1</th><th>date acc.</th><th>event P</th><th>event R</th>'
            f'<th>event F1</th><th>event side acc.</th></tr>{docs}</table></section>')


def render_report(tables: Tables, texts: dict[str, str]) -> str:
    """The whole report page as one HTML string."""
    events = tables.events
    routes = itineraries(events)
    page_js = resources.files("extract.report").joinpath("report.js").read_text(encoding="utf-8")
    css = resources.files("extract.report").joinpath("report.css").read_text(encoding="utf-8")
    fmap = build_map(events, routes, page_js)
    figure = fmap.get_root()
    for child in figure._children.values():
        child.render()
    doc_ids = sorted(set(events["doc_id"]) | set(tables.entities.get("doc_id", pd.Series(dtype=str))))
    reviews = []
    for doc_id in doc_ids:
        def of(frame: pd.DataFrame, doc: str = doc_id) -> pd.DataFrame:
            return frame[frame["doc_id"] == doc] if len(frame) else frame.reindex(columns=["doc_id", "start", "end"])
        if doc_id not in texts:
            reviews.append(f'<p class="note" id="doc-{e(doc_id)}">{e(doc_id)}: the text is not in the corpus '
                           f'folder, so it cannot be shown.</p>')
            continue
        warnings = of(tables.warnings)
        if warnings.empty:
            warnings = pd.DataFrame(columns=["doc_id", "start", "end", "kind", "message"])
        reviews.append(review_html(doc_id, texts[doc_id], of(tables.entities), of(events), warnings))
    placed = sum(coordinates(r) is not None for _, r in events.iterrows())
    labels = " ".join(f'<mark class="entity" style="background:{c}">{k}</mark>' for k, c in LABEL_COLOURS.items())
    nav = "".join(f'<a href="#{k}">{v}</a>' for k, v in (("map-section", "map"), ("timeline-section", "timeline"),
                                                          ("routes", "unit routes"), ("orbat", "order of battle"),
                                                          ("unplaced", "places without coordinates"),
                                                          ("evaluation", "evaluation"), ("reviews", "review texts")))
    body = (
        f'<header><b>extract report</b> — {len(doc_ids)} documents, {len(events)} events ({placed} on the map), '
        f'{len(tables.entities)} mentions, {len(tables.warnings)} warnings · {nav}</header>'
        f'<section id="map-section"><h2>Map of the events</h2>{_controls(events, routes)}'
        f'{figure.html.render()}<p class="note">Click a marker for its evidence; the layer box turns sides on and '
        f'off. No background tiles (the report works offline): grey names are the provinces.</p></section>'
        f'<section id="timeline-section"><h2>Timeline</h2><div class="tlwrap">{timeline_svg(events)}</div></section>'
        f'<section id="routes"><h2>Unit routes</h2>{_routes_html(routes)}</section>'
        f'<section id="orbat"><h2>Order of battle</h2>{orbat_tree_html(tables.orbat)}</section>'
        f'<section id="unplaced-section"><h2>Places without coordinates</h2>{_unplaced_html(tables)}</section>'
        f'{_evaluation_html(tables.evaluation)}'
        f'<section id="reviews"><h2>Review texts</h2><p class="note">Mentions by label: {labels}; hover a mention '
        f'for its norm and side; an event\'s clause is underlined (hover: the event); warnings stand beside their '
        f'line.</p>{"".join(reviews)}</section>')
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>extract report</title>'
            + assets.style(assets.leaflet_css()) + assets.script(assets.jquery_js())
            + assets.script(assets.leaflet_js())
            + figure.header.render() + assets.style(css) + "</head><body>" + body
            + assets.script(figure.script.render()) + "</body></html>")


def write_report(out: Path, corpus: Path) -> Path:
    """Read OUT's tables and CORPUS's texts, write OUT/report.html; return its path."""
    tables = read_tables(out)
    doc_ids = set(tables.events.get("doc_id", [])) | set(tables.entities.get("doc_id", []))
    path = out / "report.html"
    path.write_text(render_report(tables, _read_texts(corpus, doc_ids)), encoding="utf-8")
    return path
