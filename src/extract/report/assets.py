"""The libraries' JS and CSS, read from the PyPI packages that ship them, to inline into the report.

The report must open from disk with no network: folium's Map links Leaflet, jQuery, Bootstrap and the
awesome-markers plugin from CDNs. The report uses Leaflet (its CircleMarkers and PolyLines need no icon
images) and jQuery (folium's popups parse their HTML with ``$``), so only those two are inlined, from
XStatic-Leaflet and XStatic-jQuery; Leaflet's CSS images become data: URIs.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


@cache
def leaflet_js() -> str:
    """Leaflet's minified script."""
    return (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")


@cache
def leaflet_css() -> str:
    """Leaflet's stylesheet with its images inlined as data: URIs."""
    base = _leaflet_dir()

    def inline(match: re.Match[str]) -> str:
        data = base64.b64encode((base / match[1]).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", inline, (base / "leaflet.css").read_text(encoding="utf-8"))


@cache
def jquery_js() -> str:
    """jQuery's minified script."""
    import xstatic.pkg.jquery as jquery

    return (Path(jquery.BASE_DIR) / "jquery.min.js").read_text(encoding="utf-8")


def script(code: str) -> str:
    """An inline <script> that a library's own text cannot close early."""
    return "<script>" + code.replace("</script", "<\\/script") + "</script>"


def style(css: str) -> str:
    """An inline <style>."""
    return "<style>" + css.replace("</style", "<\\/style") + "</style>"
