"""A wheel install works as well as an editable one: the gazetteers ship inside the package."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a copy of what a clean clone holds: setuptools reuses a build/ folder in the tree, whose
    # stale files would end up in the wheel.
    source = tmp_path_factory.mktemp("source")
    for name in ("src", "gazetteers"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                   check=True, capture_output=True, timeout=300)
    (path,) = out.glob("extract-*.whl")
    return path


def test_the_wheel_holds_the_gazetteers(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"extract/gazetteers/event_triggers.csv", "extract/gazetteers/grammar.csv",
            "extract/gazetteers/places_admin.csv", "extract/gazetteers/surnames.txt"} <= names


def test_the_installed_wheel_runs_from_anywhere(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    corpus = tmp_path / "texts"
    corpus.mkdir()
    (corpus / "a.txt").write_text("1944年4月18日，日军第37师团攻占郑州。", encoding="utf-8")
    # -S: no site processing, so the checkout's editable install is out of the way; the dependencies come
    # from this environment's site-packages, the package itself only from the wheel.
    deps = [p for p in [*site.getsitepackages(), sysconfig.get_paths()["purelib"]] if "site-packages" in p]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), *dict.fromkeys(deps)])}
    done = subprocess.run([sys.executable, "-S", "-c", "import extract, sys; from extract.cli import app; "
                           "assert extract.__file__.startswith(sys.argv[1]), extract.__file__; "
                           "sys.argv = ['extract', 'run', 'texts', '--out', 'out', '-q']; app()", str(target)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    events = pd.read_csv(tmp_path / "out" / "events.csv")
    assert list(zip(events["date"], events["event_type"], events["place"], strict=True)) == [
        ("1944-04-18", "capture", "郑州")]
