"""The batch writes each document's rows as CSV text itself: the very bytes pandas' ``to_csv`` wrote."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.pipeline import analyse
from extract.tables import TABLE_COLUMNS, csv_text, document_rows

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
TEXTS = sorted(CORPORA.glob("*.txt"))


def _pandas(rows: list[tuple], columns: list[str]) -> str:
    return pd.DataFrame(rows, columns=columns).to_csv(index=False, header=False, lineterminator="\n")


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_document_rows_as_csv_are_what_pandas_writes(path, nlp):
    tables = document_rows(analyse(nlp, path.read_text(encoding="utf-8")), path.stem)
    for name, rows in tables.items():
        assert csv_text(rows) == _pandas(rows, TABLE_COLUMNS[name]), name


@pytest.mark.parametrize("rows", [
    [("d", 1, 2, 'say "hi"', "a,b", None, "", 28.2, 112.9)],
    [("d", 1, 2, "two\nlines", "cr\rhere", "ok", "US", None, None), ("d", 3, 4, "x", "y", "z", "", 30.0, 1e-05)],
    [("d", 5, 6, " padded ", "'", "\u3000", "JP", float("nan"), 120.123456789)],
], ids=["quotes and commas", "line ends and missing coordinates", "spaces and NaN"])
def test_awkward_cells_as_pandas_writes_them(rows):
    assert csv_text(rows) == _pandas(rows, TABLE_COLUMNS["entities"])
