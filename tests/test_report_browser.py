"""The report in a real browser: headless Chromium (Debian's ``chromium``) with the network cut off.

What a unit test cannot see: that the inlined Leaflet draws one marker per placed event, that the
filters in the URL hash hide markers, that a link to an event opens its review text, and that nothing
is fetched. Chromium's ``--dump-dom`` after a virtual-time budget gives the DOM once the scripts ran.
The runs go in parallel (each with its own profile) to keep the test short. Set
EXTRACT_UPDATE_SCREENSHOT=1 to refresh docs/report.png, the README's screenshot.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from extract.batch import BatchOptions, run_batch
from extract.exports import write_exports
from extract.report import write_report
from extract.report.data import coordinates, date_bounds, read_tables

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it: "
                                "apt-get install chromium)")
OFFLINE = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000"]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    run_batch(ROOT / "corpora", out, BatchOptions(workers=2))
    write_exports(read_tables(out), out)
    return write_report(out, ROOT / "corpora")


def _browse(page: Path, tmp: Path, views: dict[str, list[str]]) -> dict[str, str]:
    """Run one Chromium per view at once; return each view's stdout (the dumped DOM)."""
    procs = {}
    for name, args in views.items():
        profile = tmp / f"profile-{name}"
        procs[name] = subprocess.Popen([CHROMIUM, *OFFLINE, f"--user-data-dir={profile}", *args],
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=tmp)
    return {name: p.communicate(timeout=120)[0].decode("utf-8", "replace") for name, p in procs.items()}


def _markers(dom: str) -> list[str]:
    return re.findall(r'<path class="ev ev-(\w+) side-\w+ leaflet-interactive"', dom)


def test_report_in_chromium(report, tmp_path):
    events = read_tables(report.parent).events
    placed = events[[coordinates(r) is not None for _, r in events.iterrows()]]
    in_1944 = [r for _, r in placed.iterrows()
               if (b := date_bounds(r["date"])) and b[1] >= 19440101 and b[0] <= 19441231]
    event = placed.iloc[0]
    url = report.as_uri()
    shot = tmp_path / "report.png"
    doms = _browse(report, tmp_path, {
        "all": [f"--log-net-log={tmp_path / 'net.json'}", "--dump-dom", url],
        "capture": ["--dump-dom", url + "#type=capture"],
        "1944": ["--dump-dom", url + "#from=1944-01-01&to=1944-12-31&undated=0"],
        "evidence": ["--dump-dom", url + f"#ev-{event['event_id']}"],
        "shot": [f"--screenshot={shot}", "--window-size=1400,1000", url],
    })
    assert 'data-report-ready="1"' in doms["all"], "the report's script did not run"
    # The map: one marker per placed event; the filters hide the others.
    assert len(_markers(doms["all"])) == len(placed) > 100
    assert _markers(doms["capture"]) == ["capture"] * int((placed["event_type"] == "capture").sum())
    assert 0 < len(_markers(doms["1944"])) == len(in_1944) < len(placed)
    assert f'data-shown="{len(in_1944)}"' in doms["1944"]
    # The timeline is drawn; the link to an event opens its review text and marks its clause.
    assert len(re.findall(r'<a class="tl-ev"', doms["all"])) > 100
    review = re.search(rf'<details class="review" id="doc-{event["doc_id"]}"[^>]*>', doms["evidence"])[0]
    assert "open" in review
    assert re.search(rf'<span class="clause flash" data-ev="[^"]*{event["event_id"]}\b', doms["evidence"])
    assert doms["evidence"].count('<mark class="entity') > 1000
    # Nothing but the file itself was loaded (Chromium's own services are off or unreachable).
    net = json.loads((tmp_path / "net.json").read_text(encoding="utf-8"))
    urls = {p[k] for ev in net["events"] for p in [ev.get("params", {})] for k in ("url", "original_url") if k in p}
    fetched = {u for u in urls if u.startswith(("http:", "https:", "ws:", "wss:"))
               and not re.match(r"https?://([\w-]+\.)*(google\.com|googleapis\.com|gvt1\.com)/", u)}
    assert not fetched, f"the report fetched {sorted(fetched)}"
    assert shot.stat().st_size > 10_000
    if os.environ.get("EXTRACT_UPDATE_SCREENSHOT"):
        shutil.copy(shot, ROOT / "docs" / "report.png")
