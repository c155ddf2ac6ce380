"""Assemble the spaCy pipeline: blank ``zh`` + our tokenizer + tagging components.

Stages after segmentation are spaCy components that read what the previous
one left on the Doc: ``extract_entities`` resolves sides and sets
``doc.ents`` (with ``._.norm`` and ``._.side``); dates, events and the order
of battle add their own components after it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.events import EventExtractor
from extract.gazetteer import load_gazetteer
from extract.mention import Mention
from extract.orbat import OrbatExtractor
from extract.segment import MENTIONS_KEY, VIEW_KEY
from extract.sides import SideResolver
from extract.timeline import TimelineResolver

PIPELINE_VERSION = "0.1.0"
WARNINGS_KEY = "extract.warnings"
EVENTS_KEY = "extract.events"
ORBAT_KEY = "extract.orbat"


BY_SPAN_KEY = "extract.by_span"


def _span_getter(name: str) -> Callable[[Span], str]:
    """A span's value read from its Mention: no per-span writes, so long texts stay fast."""

    def get(span: Span) -> str:
        by_span = span.doc.user_data.get(BY_SPAN_KEY) or {}
        m = by_span.get((span.start_char, span.end_char))
        if m is None:
            return ""
        return getattr(m, name) if name in ("norm", "side") else str(m.attrs.get(name, ""))

    return get


def _register_extensions() -> None:
    for name in ("norm", "side", "part_of_day", "time"):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_span_getter(name))
    if not Doc.has_extension("warnings"):
        Doc.set_extension("warnings", getter=lambda doc: doc.user_data.get(WARNINGS_KEY, []))
    if not Doc.has_extension("events"):
        Doc.set_extension("events", getter=lambda doc: doc.user_data.get(EVENTS_KEY, []))
    if not Doc.has_extension("orbat"):
        Doc.set_extension("orbat", getter=lambda doc: doc.user_data.get(ORBAT_KEY, []))
    if not Doc.has_extension("mentions"):
        Doc.set_extension("mentions", getter=lambda doc: doc.user_data.get(MENTIONS_KEY, []))


@Language.factory("extract_entities", default_config={"gazetteer_dir": ""})
def make_entities(nlp: Language, name: str, gazetteer_dir: str) -> EntitiesComponent:
    return EntitiesComponent(gazetteer_dir)


class EntitiesComponent:
    """Sides for the recognized mentions, then ``doc.ents`` from them."""

    def __init__(self, gazetteer_dir: str = "") -> None:
        _register_extensions()
        self.sides = SideResolver(load_gazetteer(gazetteer_dir or None))

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = doc.user_data.get(MENTIONS_KEY, [])
        view: str = doc.user_data.get(VIEW_KEY) or doc.text
        self.sides.resolve(view, mentions)
        spans = []
        for m in mentions:
            span = doc.char_span(m.start, m.end, label=m.label)
            if span is None:  # cannot happen: the tokenizer keeps mentions whole
                raise ValueError(f"mention {m} does not align with tokens")
            spans.append(span)
        doc.ents = spans
        doc.user_data[BY_SPAN_KEY] = {(m.start, m.end): m for m in mentions}
        return doc


@Language.factory("extract_timeline", default_config={"gazetteer_dir": ""})
def make_timeline(nlp: Language, name: str, gazetteer_dir: str) -> TimelineComponent:
    return TimelineComponent(gazetteer_dir)


class TimelineComponent:
    """Resolve every DATE entity on the story's timeline (norm, part of day, time)."""

    def __init__(self, gazetteer_dir: str = "") -> None:
        _register_extensions()
        self.resolver = TimelineResolver(load_gazetteer(gazetteer_dir or None))

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = doc.user_data.get(MENTIONS_KEY, [])
        view: str = doc.user_data.get(VIEW_KEY) or doc.text
        dates = [m for m in mentions if m.label == "DATE"]
        doc.user_data[WARNINGS_KEY] = self.resolver.resolve(view, dates)
        return doc  # the spans read norm, part_of_day and time from the resolved mentions


@Language.factory("extract_events", default_config={"gazetteer_dir": ""})
def make_events(nlp: Language, name: str, gazetteer_dir: str) -> EventsComponent:
    return EventsComponent(gazetteer_dir)


class EventsComponent:
    """Typed, dated, sided, placed actions with their evidence clause (``doc._.events``)."""

    def __init__(self, gazetteer_dir: str = "") -> None:
        _register_extensions()
        self.extractor = EventExtractor(load_gazetteer(gazetteer_dir or None))

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = doc.user_data.get(MENTIONS_KEY, [])
        view: str = doc.user_data.get(VIEW_KEY) or doc.text
        doc.user_data[EVENTS_KEY] = self.extractor.extract(view, mentions)
        return doc


@Language.factory("extract_orbat", default_config={"gazetteer_dir": ""})
def make_orbat(nlp: Language, name: str, gazetteer_dir: str) -> OrbatComponent:
    return OrbatComponent(gazetteer_dir)


class OrbatComponent:
    """Unit -> parent and commander as the text states them (``doc._.orbat``)."""

    def __init__(self, gazetteer_dir: str = "") -> None:
        _register_extensions()
        self.extractor = OrbatExtractor(load_gazetteer(gazetteer_dir or None))

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = doc.user_data.get(MENTIONS_KEY, [])
        view: str = doc.user_data.get(VIEW_KEY) or doc.text
        doc.user_data[ORBAT_KEY] = self.extractor.extract(view, mentions)
        return doc


@functools.lru_cache(maxsize=4)
def load(gazetteer_dir: str = "") -> Language:
    """The full pipeline (cached per gazetteer directory; empty = bundled)."""
    _register_extensions()
    config = {"nlp": {"tokenizer": {"@tokenizers": "extract.protected_jieba.v1",
                                    "gazetteer_dir": gazetteer_dir}}}
    nlp = spacy.blank("zh", config=config)
    nlp.add_pipe("extract_entities", config={"gazetteer_dir": gazetteer_dir})
    nlp.add_pipe("extract_timeline", config={"gazetteer_dir": gazetteer_dir})
    nlp.add_pipe("extract_events", config={"gazetteer_dir": gazetteer_dir})
    nlp.add_pipe("extract_orbat", config={"gazetteer_dir": gazetteer_dir})
    return nlp
