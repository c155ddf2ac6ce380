"""Per-document result cache, so regenerating a corpus re-processes only what changed.

A document's tables depend on three things: its bytes, its doc_id (which is
written into every row) and the pipeline that processed it (code, version and
gazetteers). The cache key hashes all three, so editing one text re-runs that
text, and editing a gazetteer or a rule re-runs everything. Entries live in
one folder per pipeline fingerprint; folders of other fingerprints are stale
and removed when a run starts, so the cache never grows without bound.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Any

from extract.gazetteer import load_gazetteer
from extract.pipeline import PIPELINE_VERSION


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


def document_key(doc_id: str, data: bytes) -> str:
    """Cache key of one document within a fingerprint: its id and its bytes."""
    digest = hashlib.sha256(doc_id.encode("utf-8"))
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


class DocumentCache:
    """Pickled per-document tables under ``root/<fingerprint>/<key>.pkl``."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = root
        self.folder = root / fingerprint

    def prune(self) -> None:
        """Remove the entries of other pipeline fingerprints (they can never hit again)."""
        if not self.root.is_dir():
            return
        for child in self.root.iterdir():
            if child.is_dir() and child != self.folder:
                shutil.rmtree(child, ignore_errors=True)

    def get(self, key: str) -> Any | None:
        path = self.folder / f"{key}.pkl"
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except FileNotFoundError:
            return None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None  # a damaged entry is a miss; it is overwritten below

    def put(self, key: str, value: Any) -> None:
        """Write atomically, so a crash never leaves a truncated entry behind."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".pkl")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"{key}.pkl")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
