"""The pipeline is plain spaCy: its Docs serialize, it runs in processes and threads, its config round-trips."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import extract
from extract.tables import entities_frame, events_frame, orbat_frame

ROOT = Path(__file__).resolve().parents[1]
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").glob("*.txt"))}


def tables(doc: Doc, doc_id: str = "d") -> tuple[str, str, str]:
    return (entities_frame(doc, doc_id).to_csv(index=False), events_frame(doc, doc_id).to_csv(index=False),
            orbat_frame(doc, doc_id).to_csv(index=False))


@pytest.fixture(scope="module")
def sample_doc(nlp):
    return nlp(TEXTS["yu_xiang_gui_1944"])


def test_doc_bytes_round_trip_keeps_every_layer(nlp, sample_doc):
    again = Doc(nlp.vocab).from_bytes(sample_doc.to_bytes())
    assert tables(again) == tables(sample_doc)
    assert [(e.start_char, e.end_char, e.label_, e._.norm, e._.side) for e in again.ents] == \
        [(e.start_char, e.end_char, e.label_, e._.norm, e._.side) for e in sample_doc.ents]


def test_docbin_with_user_data_round_trips(nlp, sample_doc):
    data = DocBin(docs=[sample_doc], store_user_data=True).to_bytes()
    (again,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert tables(again) == tables(sample_doc)
    assert len(again._.events) == len(sample_doc._.events) > 100


def test_two_processes_give_the_same_tables(nlp):
    texts = list(TEXTS.values())[:4]
    one = [tables(d) for d in nlp.pipe(texts)]
    two = [tables(d) for d in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert one == two


def test_twelve_threads_give_the_same_tables(nlp):
    ids = list(TEXTS)
    alone = {i: tables(nlp(TEXTS[i]), i) for i in ids}
    with ThreadPoolExecutor(max_workers=12) as pool:
        threaded = dict(zip(ids, pool.map(lambda i: tables(nlp(TEXTS[i]), i), ids), strict=True))
    assert threaded == alone


def test_the_config_rebuilds_the_same_pipeline(nlp, sample_doc):
    rebuilt = spacy.util.load_model_from_config(nlp.config, auto_fill=True)
    assert rebuilt.pipe_names == nlp.pipe_names == ["extract_narrative", "extract_entities", "extract_timeline",
                                                    "extract_discourse", "extract_events", "extract_orbat"]
    assert tables(rebuilt(sample_doc.text)) == tables(sample_doc)


@pytest.mark.parametrize(("component", "attribute", "kind"), [
    ("extract_entities", "doc.ents", "assigns"),
    ("extract_entities", "span._.norm", "assigns"),
    ("extract_timeline", "doc._.warnings", "assigns"),
    ("extract_timeline", "doc.ents", "requires"),
    ("extract_events", "doc._.events", "assigns"),
    ("extract_events", "span._.norm", "requires"),
    ("extract_discourse", "doc._.discourse", "assigns"),
    ("extract_events", "doc._.discourse", "requires"),
    ("extract_events", "doc._.explained", "assigns"),
    ("extract_orbat", "doc._.orbat", "assigns"),
])
def test_each_component_declares_what_it_assigns_and_requires(nlp, component, attribute, kind):
    meta = nlp.get_pipe_meta(component)
    assert attribute in getattr(meta, kind)


def test_no_component_requires_what_nothing_before_it_assigns(nlp):
    assert nlp.analyze_pipes()["problems"] == {name: [] for name in nlp.pipe_names}


@pytest.mark.parametrize(("surface", "label", "norm", "side"), [
    ("第37师团第225联队", "UNIT", "第37师团/第225联队", "JP"),
    ("汤恩伯", "PERSON", "汤恩伯", "CN"),
    ("郑州", "PLACE", "郑州", ""),
])
def test_ents_carry_norm_and_side(sample_doc, surface, label, norm, side):
    hits = [(e.label_, e._.norm, e._.side) for e in sample_doc.ents if e.text == surface]
    assert (label, norm, side) in hits


def test_the_api_gives_the_tables():
    frames = extract.extract_text("1944年4月18日，日军第37师团攻占郑州。", "t")
    assert list(frames["events"][["date", "event_type", "place", "actor_side"]].itertuples(index=False, name=None)) \
        == [("1944-04-18", "capture", "郑州", "JP")]
