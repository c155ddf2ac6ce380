"""extract: evidence-linked tables from Chinese military-history narrative.

The public API is small: ``load()`` gives the spaCy pipeline
(``nlp(text).ents`` carry ``._.norm`` and ``._.side``) and
``extract_text(text, doc_id)`` gives the contract's tables as DataFrames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract.pipeline import PIPELINE_VERSION, analyse, load
from extract.read import replace_surrogates
from extract.tables import entities_frame, events_frame, orbat_frame, warnings_frame

if TYPE_CHECKING:  # pandas is imported by the frames themselves: `extract run` starts without it
    import pandas as pd

__all__ = ["PIPELINE_VERSION", "analyse", "extract_text", "load"]
__version__ = PIPELINE_VERSION


def extract_text(text: str, doc_id: str = "text", gazetteer_dir: str = "",
                 reference_date: str = "", errata: tuple[str, ...] = ()) -> dict[str, pd.DataFrame]:
    """Run the pipeline on one text and return ``{"entities": DataFrame, ...}``.

    ``reference_date`` (``1944``, ``1944-04-01``) dates a text that never states its year; ``errata``
    names the printed sources whose misprints it shares (``gazetteers/errata.csv``: 烟俊六 -> 畑俊六). A lone
    surrogate (which neither spaCy nor pandas can store) becomes U+FFFD, one character for one, so the
    offsets are those of ``text`` as given.
    """
    doc = analyse(load(gazetteer_dir), replace_surrogates(text), reference_date, errata=tuple(errata))
    return {"entities": entities_frame(doc, doc_id), "warnings": warnings_frame(doc, doc_id),
            "events": events_frame(doc, doc_id), "orbat": orbat_frame(doc, doc_id)}
