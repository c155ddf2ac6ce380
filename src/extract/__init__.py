"""extract: evidence-linked tables from Chinese military-history narrative.

The public API is small: ``load()`` gives the spaCy pipeline
(``nlp(text).ents`` carry ``._.norm`` and ``._.side``) and
``extract_text(text, doc_id)`` gives the contract's tables as DataFrames.
"""

from __future__ import annotations

import pandas as pd

from extract.pipeline import PIPELINE_VERSION, load
from extract.read import replace_surrogates
from extract.tables import entities_frame, events_frame, orbat_frame, warnings_frame

__all__ = ["PIPELINE_VERSION", "extract_text", "load"]
__version__ = PIPELINE_VERSION


def extract_text(text: str, doc_id: str = "text", gazetteer_dir: str = "") -> dict[str, pd.DataFrame]:
    """Run the pipeline on one text and return ``{"entities": DataFrame, ...}``.

    A lone surrogate (which neither spaCy nor pandas can store) becomes U+FFFD,
    one character for one, so the offsets are those of ``text`` as given.
    """
    doc = load(gazetteer_dir)(replace_surrogates(text))
    return {"entities": entities_frame(doc, doc_id), "warnings": warnings_frame(doc, doc_id),
            "events": events_frame(doc, doc_id), "orbat": orbat_frame(doc, doc_id)}
