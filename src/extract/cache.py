"""Per-document result cache, so regenerating a corpus re-processes only what changed.

A document's tables depend on its bytes, its doc_id (written into every row)
and the pipeline (code, version and gazetteers). Entries live in one folder
per pipeline fingerprint, one JSON file per doc_id: editing a text
overwrites its entry, so edits leave nothing stale behind, and folders of
other fingerprints are removed when a run starts.

The format is JSON, never pickle: loading an entry cannot run code. An entry
is used only when it names the same document key, its digest matches its
content, and its rows fit the document (offsets in bounds, every surface and
evidence equal to the text at its offsets); anything else is a miss. A cache
folder that cannot be written makes the run go on uncached.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from extract.gazetteer import load_gazetteer
from extract.pipeline import PIPELINE_VERSION
from extract.tables import TABLE_COLUMNS, Row

FORMAT = 2


@functools.lru_cache(maxsize=4)
def pipeline_fingerprint(gazetteer_dir: str = "") -> str:
    """Hash of the package version, its source files and the gazetteer files."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(load_gazetteer(gazetteer_dir or None).fingerprint.encode())
    return digest.hexdigest()[:16]


def document_key(doc_id: str, data: bytes, reference_date: str = "") -> str:
    """Cache key of one document within a fingerprint: its id, the reference date it was given, its bytes."""
    digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + reference_date.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()


def _digest(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _fits(tables: dict[str, list[Row]], text: str, doc_id: str) -> bool:
    """True when every row belongs to ``text``: the check a forged entry fails."""
    if set(tables) != set(TABLE_COLUMNS):
        return False
    for name, rows in tables.items():
        width = len(TABLE_COLUMNS[name])
        if any(not isinstance(row, list | tuple) or len(row) != width or row[0] != doc_id for row in rows):
            return False
    n = len(text)
    for name, column in (("entities", "text"), ("events", "evidence")):
        columns = TABLE_COLUMNS[name]
        i, j, k = columns.index("start"), columns.index("end"), columns.index(column)
        for row in tables[name]:
            start, end, surface = row[i], row[j], row[k]
            if not (type(start) is int and type(end) is int and 0 <= start <= end <= n and text[start:end] == surface):
                return False
    return True


class DocumentCache:
    """JSON tables per document under ``root/<fingerprint>/<sha(doc_id)>.json``."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = root
        self.folder = root / fingerprint
        self.fingerprint = fingerprint

    def usable(self) -> str:
        """Empty when the cache folder can be written, else why not (the run then goes uncached)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".probe-"):
                pass
        except OSError as exc:
            return f"{self.folder}: {exc.strerror or exc}"
        return ""

    def prune(self) -> None:
        """Remove the entries of other pipeline fingerprints (they can never hit again)."""
        if not self.root.is_dir():
            return
        for child in self.root.iterdir():
            if child.is_dir() and child != self.folder:
                shutil.rmtree(child, ignore_errors=True)
            elif child.is_file():
                with contextlib.suppress(OSError):
                    child.unlink()

    def _path(self, doc_id: str) -> Path:
        return self.folder / f"{hashlib.sha256(doc_id.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}.json"

    def get(self, doc_id: str, key: str, text: str) -> dict[str, Any] | None:
        """The cached result of this exact document, or None (missing, stale, damaged or forged)."""
        try:
            entry = json.loads(self._path(doc_id).read_text(encoding="utf-8"))
            if not (isinstance(entry, dict) and entry.get("format") == FORMAT and entry.get("key") == key
                    and entry.get("fingerprint") == self.fingerprint and isinstance(entry.get("payload"), str)
                    and entry.get("digest") == _digest(entry["payload"])):
                return None
            payload = json.loads(entry["payload"])
            tables = {name: [tuple(row) for row in payload["tables"][name]] for name in TABLE_COLUMNS}
            if not _fits(tables, text, doc_id):
                return None
            return {"chars": int(payload["chars"]), "tables": tables}
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, doc_id: str, key: str, value: dict[str, Any]) -> bool:
        """Write atomically; False (and no entry) when the folder cannot take it (read-only, full)."""
        tables: dict[str, list[Row]] = value["tables"]
        payload = json.dumps({"chars": value["chars"], "tables": {
            name: [[_plain(v) for v in row] for row in rows] for name, rows in tables.items()}}, ensure_ascii=False)
        entry = json.dumps({"format": FORMAT, "key": key, "fingerprint": self.fingerprint,
                            "digest": _digest(payload), "payload": payload}, ensure_ascii=False)
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(entry)
            os.replace(tmp, self._path(doc_id))
            return True
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            return False


def _plain(value: Any) -> Any:
    """A JSON value for one table cell (NaN becomes None, as an empty cell; numpy numbers plain ones)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
