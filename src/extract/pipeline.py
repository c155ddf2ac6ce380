"""Assemble the spaCy pipeline: blank ``zh``, our tokenizer, then one component per stage.

Each component reads what the one before it left on the Doc and adds its own
layer as plain records (``extract.extensions``): ``extract_narrative`` the
document's reference date, conflict and narrator; ``extract_entities`` the
sides and ``doc.ents``; ``extract_timeline`` the dates' values;
``extract_events`` and ``extract_orbat`` their rows. Components hold only the
gazetteer's tables, never a document's state, so one pipeline serves many
threads, and ``analyse()`` passes what a caller knows (a reference date) on
the Doc rather than on a component.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import sys
from collections.abc import Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extract import extensions as ext
from extract.defections import DefectionResolver
from extract.discourse import Discourse
from extract.events import EventExtractor
from extract.gazetteer import load_gazetteer, longest_first
from extract.lexicon import jieba_lexicon, private_jieba
from extract.mention import Mention
from extract.narrative import NarrativeResolver
from extract.orbat import OrbatExtractor
from extract.place_senses import PlaceSenses
from extract.resources import SIDES
from extract.segment import create_tokenizer  # noqa: F401  (registers the tokenizer named in the config)
from extract.sides import SideFrame, SideResolver
from extract.timeline import TimelineResolver, Warning

PIPELINE_VERSION = "0.2.0"


@Language.factory("extract_narrative", default_config={"gazetteer_dir": ""}, assigns=["doc._.narrative"])
def make_narrative(nlp: Language, name: str, gazetteer_dir: str) -> NarrativeComponent:
    return NarrativeComponent(gazetteer_dir)


class NarrativeComponent:
    """The document's reference date, campaign and conflict (``doc._.narrative``), decided once."""

    def __init__(self, gazetteer_dir: str = "") -> None:
        ext.register()
        gaz = load_gazetteer(gazetteer_dir or None)
        self.resolver = NarrativeResolver(gaz)
        # Side words of two or more characters that name one side for good (日军, 美军; not 我军, 敌).
        self.side_words = [(w, s) for w, s in sorted(gaz.side_words.items()) if len(w) > 1 and s in SIDES]
        # 我第5军, 敌第5师团: the narrator's and the enemy's words written right before a designation.
        self.voice_words = tuple((w, gaz.side_words[w]) for w in longest_first(gaz.side_words)
                                 if gaz.side_words[w] in ("NARRATOR", "ENEMY"))

    def __call__(self, doc: Doc) -> Doc:
        given = doc.user_data.get(ext.GIVEN) or {}
        mentions = ext.get_mentions(doc)
        years = [(int(m.attrs["year"]), m.attrs.get("month") if isinstance(m.attrs.get("month"), int) else None)
                 for m in mentions if m.label == "DATE" and isinstance(m.attrs.get("year"), int)]
        # What the designations, the gazetteer and the side words (日军, 美军) say, before any context.
        view = ext.view_of(doc)
        sides = [m.side for m in mentions if m.side] + [side for word, side in self.side_words if word in view]
        # unit:KMT: what a designation alone shows (黄杰兵团), apart from a person's party (李宗昉 fought Japan too).
        sides += [f"unit:{m.side}" for m in mentions if m.label == "UNIT" and m.side]
        units = [(m.start, m.end) for m in mentions if m.label == "UNIT"]
        doc.user_data[ext.NARRATIVE] = self.resolver.resolve(view, str(given.get("reference_date", "")),
                                                             str(given.get("source", "")), years, sides, units,
                                                             self.voices(view, mentions))
        return doc

    def voices(self, view: str, mentions: list[Mention]) -> list[tuple[str, str, str]]:
        """(NARRATOR or ENEMY, side, norm) for each designation whose own side is known and that the narrator's
        or the enemy's word opens: 我第5军 is the narrator's, 敌第5师团 the enemy's; a translated Japanese war
        history writes 敌第5军 and 我第5师团."""
        out = []
        for m in mentions:
            if m.label == "UNIT" and m.side in SIDES:
                role = next((r for w, r in self.voice_words if view.endswith(w, 0, m.start)), "")
                if role:
                    out.append((role, m.side, m.norm))
        return out


@Language.factory("extract_entities", default_config={"gazetteer_dir": ""},
                  requires=["doc._.narrative"], assigns=["doc.ents", "span._.norm", "span._.side", "span._.lat",
                                                         "span._.lon"])
def make_entities(nlp: Language, name: str, gazetteer_dir: str) -> EntitiesComponent:
    return EntitiesComponent(gazetteer_dir)


class EntitiesComponent:
    """Sides for the recognized mentions, then ``doc.ents`` from them."""

    def __init__(self, gazetteer_dir: str = "") -> None:
        ext.register()
        self.gaz = gaz = load_gazetteer(gazetteer_dir or None)
        self.sides = SideResolver(gaz)
        self.defections = DefectionResolver(gaz)
        self.places = PlaceSenses(gaz)
        # Places drawn as lines or areas have no point to give (place_context.csv); others are reported.
        self.no_point = frozenset(gaz.res.values("place_context.csv", "no_point_type"))

    def __call__(self, doc: Doc) -> Doc:
        mentions = ext.get_mentions(doc)
        frame = SideFrame(self.gaz, doc.user_data.get(ext.NARRATIVE))
        self.sides.resolve(ext.view_of(doc), mentions, frame)
        # A unit that defects (起义, 投诚) carries the narrator's side after the clause that says so.
        defections = self.defections.apply(ext.view_of(doc), mentions, frame)
        # One sense per document for names Korea and China share (定州), then every place's point.
        mentions = self.places.apply(ext.view_of(doc), mentions, frame.conflict)
        ext.store_mentions(doc, mentions)
        ext.store_warnings(doc, sorted([*defections, *two_sides(mentions), *self._unplaced(mentions)],
                                       key=lambda w: w.start))
        spans = []
        offsets = ext.offsets_of(doc)
        for m in mentions:
            span = doc.char_span(offsets.start(m.start), offsets.end(m.end), label=m.label)
            if span is None:  # cannot happen: the tokenizer keeps mentions whole
                raise ValueError(f"mention {m} does not align with tokens")
            spans.append(span)
        doc.ents = spans
        return doc

    def _unplaced(self, mentions: list[Mention]) -> list[Warning]:
        """The first mention of each place the gazetteers cannot put on a map (a village found from context)."""
        seen: set[str] = set()
        out = []
        for m in mentions:
            if m.label != "PLACE" or "lat" in m.attrs or m.norm in seen:
                continue
            seen.add(m.norm)
            entry = self.gaz.places.get(m.norm)
            if entry is not None and entry.kind.removeprefix("admin:") in self.no_point:
                continue
            out.append(Warning(m.start, m.end, "unresolved_place", f"{m.norm}: no coordinates in the gazetteers "
                                                                   "(add it to places.csv to map its events)"))
        return out


def two_sides(mentions: list[Mention]) -> list[Warning]:
    """A unit given two sides in one text (第5军 of 1939 and of 1948, a defection, or a misreading): to check."""
    first: dict[str, Mention] = {}
    out = []
    for m in mentions:
        if m.label != "UNIT" or not m.side or m.side_from == "defection":
            continue  # a defection has its own warning
        seen = first.setdefault(m.norm, m)
        if seen.side != m.side:
            out.append(Warning(m.start, m.end, "two_sides", f"{m.norm} is {m.side} here but {seen.side} earlier "
                                                            "in the text; check the source"))
            first[m.norm] = m
    return out


@Language.factory("extract_timeline", default_config={"gazetteer_dir": ""}, requires=["doc.ents"],
                  assigns=["span._.norm", "span._.part_of_day", "span._.time", "doc._.warnings"])
def make_timeline(nlp: Language, name: str, gazetteer_dir: str) -> TimelineComponent:
    return TimelineComponent(gazetteer_dir)


class TimelineComponent:
    """Resolve every DATE entity on the story's timeline (norm, part of day, time)."""

    def __init__(self, gazetteer_dir: str = "") -> None:
        ext.register()
        self.resolver = TimelineResolver(load_gazetteer(gazetteer_dir or None))

    def __call__(self, doc: Doc) -> Doc:
        mentions = ext.get_mentions(doc)
        dates = [m for m in mentions if m.label == "DATE"]
        found = self.resolver.resolve(ext.view_of(doc), dates, doc.user_data.get(ext.NARRATIVE))
        ext.store_warnings(doc, sorted([*doc._.warnings, *found], key=lambda w: (w.start, w.end, w.kind)))
        ext.store_mentions(doc, mentions)
        return doc


@Language.factory("extract_discourse", default_config={"gazetteer_dir": ""}, assigns=["doc._.discourse"])
def make_discourse(nlp: Language, name: str, gazetteer_dir: str) -> DiscourseComponent:
    return DiscourseComponent(gazetteer_dir)


class DiscourseComponent:
    """Clause and sentence boundaries of the view, computed once and shared (``doc._.discourse``)."""

    def __init__(self, gazetteer_dir: str = "") -> None:
        ext.register()
        self.grammar = load_gazetteer(gazetteer_dir or None).grammar

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[ext.DISCOURSE] = Discourse.build(ext.view_of(doc), self.grammar).record()
        return doc


@Language.factory("extract_events", default_config={"gazetteer_dir": ""},
                  requires=["doc.ents", "span._.norm", "span._.side", "doc._.discourse"],
                  assigns=["doc._.events", "doc._.explained"])
def make_events(nlp: Language, name: str, gazetteer_dir: str) -> EventsComponent:
    return EventsComponent(gazetteer_dir)


class EventsComponent:
    """Typed, dated, sided, placed actions with their evidence clause (``doc._.events``), and the
    record of what became of every trigger candidate (``doc._.explained``)."""

    def __init__(self, gazetteer_dir: str = "") -> None:
        ext.register()
        self.gaz = gaz = load_gazetteer(gazetteer_dir or None)
        self.extractor = EventExtractor(gaz)

    def __call__(self, doc: Doc) -> Doc:
        frame = SideFrame(self.gaz, doc.user_data.get(ext.NARRATIVE))
        view = ext.view_of(doc)
        record = doc.user_data.get(ext.DISCOURSE)
        discourse = (Discourse.from_record(view, self.gaz.grammar, record) if record
                     else Discourse.build(view, self.gaz.grammar))
        o = ext.offsets_of(doc)
        # The segmenter's words in view offsets: the frames read an unlisted verb by its part of speech
        # (tested in the simplified view: 圍 of 被圍於 is 围), and a listed word must align with them
        # (所占 is read where jieba's 所|占 begin and end it, so every word is passed, not only verbs).
        words = [(o.to_view(t.idx), o.to_view(t.idx + len(t.text))) for t in doc]
        events, explained = self.extractor.explain(view, ext.get_mentions(doc), frame, discourse, words)
        coordinates = self.gaz.coordinates_for(frame.conflict)  # Korean points in a Korean War document
        for event in events:
            event.lat, event.lon = coordinates.get(event.place, (None, None))
        ext.store_events(doc, events)
        ext.store_explained(doc, explained)
        return doc


@Language.factory("extract_orbat", default_config={"gazetteer_dir": ""},
                  requires=["doc.ents", "span._.side"], assigns=["doc._.orbat"])
def make_orbat(nlp: Language, name: str, gazetteer_dir: str) -> OrbatComponent:
    return OrbatComponent(gazetteer_dir)


class OrbatComponent:
    """Unit -> parent and commander as the text states them (``doc._.orbat``)."""

    def __init__(self, gazetteer_dir: str = "") -> None:
        ext.register()
        self.extractor = OrbatExtractor(load_gazetteer(gazetteer_dir or None))

    def __call__(self, doc: Doc) -> Doc:
        ext.store_orbat(doc, self.extractor.extract(ext.view_of(doc), ext.get_mentions(doc)))
        return doc


@functools.lru_cache(maxsize=4)
def load(gazetteer_dir: str = "") -> Language:
    """The full pipeline (cached per gazetteer directory; empty = bundled)."""
    ext.register()
    config = {"nlp": {"tokenizer": {"@tokenizers": "extract.protected_jieba.v1",
                                    "gazetteer_dir": gazetteer_dir}}}
    nlp = spacy.blank("zh", config=config)
    nlp.add_pipe("extract_narrative", config={"gazetteer_dir": gazetteer_dir})
    nlp.add_pipe("extract_entities", config={"gazetteer_dir": gazetteer_dir})
    nlp.add_pipe("extract_timeline", config={"gazetteer_dir": gazetteer_dir})
    nlp.add_pipe("extract_discourse", config={"gazetteer_dir": gazetteer_dir})
    nlp.add_pipe("extract_events", config={"gazetteer_dir": gazetteer_dir})
    nlp.add_pipe("extract_orbat", config={"gazetteer_dir": gazetteer_dir})
    # spaCy refuses texts over 1,000,000 characters (E088) to protect the memory of its parser and NER,
    # about 1 GB per 100,000 characters; this pipeline has neither, and its memory grows linearly (README,
    # Speed: a 5 MB document), so whatever the reader accepts (--max-bytes) is processed whole.
    nlp.max_length = sys.maxsize
    # Everything the stages read on first use is read now: the first document does not pay for it, and a
    # pool forked after load() shares these tables copy-on-write instead of each worker reading its own.
    # (Python jieba, for the HMM cuts rjieba would make differently, is read on need, or by load_for_fork.)
    private_jieba()
    jieba_lexicon()
    # The dictionaries are millions of long-lived objects: frozen, the collector stops re-scanning them on
    # every full collection, and a forked worker does not dirty their pages by touching their headers.
    gc.collect()
    gc.freeze()
    return nlp


def load_for_fork(gazetteer_dir: str = "") -> Language:
    """``load()``, and also what a process reads only on need (Python jieba for the rare HMM cuts
    rjieba would not make the same), then frozen: read once in the parent, shared copy-on-write by every
    worker forked from it, instead of read again in each."""
    nlp = load(gazetteer_dir)
    private_jieba().reference  # noqa: B018
    gc.freeze()
    return nlp


@contextlib.contextmanager
def tuned_gc() -> Iterator[None]:
    """Higher collector thresholds while a batch runs (the caller's are restored after it).

    A document allocates hundreds of thousands of short-lived objects that reference counting frees;
    the default gen-0 threshold (700) runs the collector thousands of times for almost nothing. Measured
    on top of ``gc.freeze()``, it is worth a few percent only (README, Speed); the freeze is the lever.
    Process-wide, so only the batch engines set it (forked workers inherit it), never ``load()``.
    """
    previous = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def analyse(nlp: Language, text: str, reference_date: str = "", source: str = "",
            errata: tuple[str, ...] = ()) -> Doc:
    """Run the pipeline on one text, with a reference date the text may not state (``1944``, ``1944-04-01``).

    ``errata`` names the printed sources whose misprints the text shares (``gazetteers/errata.csv``).
    ``nlp(text)`` is the same without either; both reach the stages with the Doc, so the pipeline
    itself stays one shared, stateless object.
    """
    doc = nlp.tokenizer(text, errata) if errata else nlp.make_doc(text)
    if reference_date:
        doc.user_data[ext.GIVEN] = {"reference_date": reference_date, "source": source or "given"}
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
