"""Shared fixtures: the pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import extract

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "yu_xiang_gui_1944.txt"
# The printed source the sample was taken from shares misprints (烟俊六, 郾域): corpora/metadata.csv opts it in.
SAMPLE_ERRATA = ("yu_xiang_gui_1944_print",)


@pytest.fixture(scope="session")
def nlp():
    return extract.load()


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_entities(sample_text: str) -> pd.DataFrame:
    return extract.extract_text(sample_text, "yu_xiang_gui_1944", errata=SAMPLE_ERRATA)["entities"]


def rows(frame: pd.DataFrame, text: str, label: str | None = None) -> pd.DataFrame:
    """Entity rows whose surface is ``text`` (and label, if given)."""
    hit = frame[frame["text"] == text]
    return hit if label is None else hit[hit["label"] == label]
