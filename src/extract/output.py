"""The output folder: one run's tables replace the previous set together or not at all.

A run writes every table of its set (CSV, and Parquet or xlsx when asked)
into a staging folder ``OUT/.run-<id>/``. Committing writes a journal
``OUT/.commit-<id>.json`` (itself renamed into place, so it is whole or
absent) that names the files to move and the stale ones to remove (a
previous run's Parquet when this run wrote none), then moves them and
removes the journal. A run killed before the journal exists leaves the
previous set untouched; one killed after it is rolled forward by the next
command that opens the folder (:func:`recover`), so the set a reader finds
is always one run's. ``MANIFEST.json``, moved last, gives the row counts and the
SHA-256 of each table, so a reader can check that the files belong together.
Files are created with the user's umask (shared folders stay readable).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

TABLE_FILES = ("entities", "events", "orbat", "warnings", "errors")
SUFFIXES = (".csv", ".parquet", ".xlsx")
MANIFEST = "MANIFEST.json"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def make_readable(path: Path, directory: bool = False) -> None:
    """Give a file made by mkstemp (0600) the mode a normal ``open`` would (0666 less the umask)."""
    with contextlib.suppress(OSError):
        os.chmod(path, (0o777 if directory else 0o666) & ~_umask())


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class OutputError(Exception):
    """The output folder cannot be used; the message says why."""


def check_out(out: Path) -> None:
    """Fail early, with one clear message, when ``out`` cannot hold the tables."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: --out names a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=out, prefix=".probe-", delete=True)
        probe.close()
    except OSError as exc:
        raise OutputError(f"{out}: cannot write the output folder ({exc.strerror or exc})") from exc


def recover(out: Path) -> None:
    """Finish a commit that a killed run left half done; remove what killed runs left behind."""
    if not out.is_dir():
        return
    for journal in sorted(out.glob(".commit-*.json")):
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            journal.unlink(missing_ok=True)
            continue
        _apply(out, plan)
        journal.unlink(missing_ok=True)
    for stale in out.glob(".run-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for tmp in [*out.glob(".*.tmp"), *out.glob(".probe-*")]:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _plain(name: object) -> bool:
    """A file name inside the folder: a journal names nothing elsewhere (no path, no ..)."""
    return isinstance(name, str) and bool(name) and "/" not in name and "\\" not in name and name not in (".", "..")


def _apply(out: Path, plan: dict[str, object]) -> None:
    if not (_plain(plan.get("staging")) and str(plan["staging"]).startswith(".run-")):
        return
    staging = out / str(plan["staging"])
    for name in plan.get("remove", []):  # type: ignore[attr-defined]
        if _plain(name) and name in {f"{t}{s}" for t in TABLE_FILES for s in SUFFIXES}:
            (out / name).unlink(missing_ok=True)
    moves = [name for name in plan.get("move", []) if _plain(name)]  # type: ignore[attr-defined]
    for n, name in enumerate(moves):
        source = staging / name
        if source.exists():
            os.replace(source, out / name)
        if n == 0:
            _kill_point("moving")
    _fsync_dir(out)
    shutil.rmtree(staging, ignore_errors=True)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class TableSet:
    """A staging folder for one run's tables, committed into ``out`` as one set."""

    def __init__(self, out: Path) -> None:
        self.out = out
        recover(out)
        self.staging = Path(tempfile.mkdtemp(dir=out, prefix=".run-"))
        self.run_id = self.staging.name.removeprefix(".run-")

    def path(self, name: str) -> Path:
        return self.staging / name

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def commit(self, rows: dict[str, int], gazetteers: str = "") -> None:
        """Move the staged set into ``out``: whole, or (if killed midway) completed by :func:`recover`.

        ``gazetteers``: the fingerprint of the gazetteer data the tables were made with, so a reader can
        tell tables of older data from current ones (the data changes more often than the code).
        """
        files = sorted(p.name for p in self.staging.iterdir() if p.is_file())
        # No run id or clock time: the same input gives the same manifest, like every table beside it.
        manifest: dict[str, object] = {"rows": rows,
                                       "files": {name: sha256_file(self.staging / name) for name in files}}
        if gazetteers:
            manifest["gazetteers"] = gazetteers
        (self.staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True),
                                             encoding="utf-8")
        for name in [*files, MANIFEST]:
            make_readable(self.staging / name)
            with (self.staging / name).open("rb") as handle:
                os.fsync(handle.fileno())
        stale = [f"{t}{s}" for t in TABLE_FILES for s in SUFFIXES
                 if f"{t}{s}" not in files and (self.out / f"{t}{s}").exists()]
        plan = {"staging": self.staging.name, "move": [*files, MANIFEST], "remove": stale}
        fd, tmp = tempfile.mkstemp(dir=self.out, prefix=".journal-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(plan, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        journal = self.out / f".commit-{self.run_id}.json"
        os.replace(tmp, journal)
        _fsync_dir(self.out)
        _kill_point("committing")
        _apply(self.out, plan)
        journal.unlink(missing_ok=True)


def _kill_point(name: str) -> None:
    """Tests of interrupted runs set ``EXTRACT_KILL_AT`` to die here, as ``kill -9`` would."""
    if os.environ.get("EXTRACT_KILL_AT") == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)
