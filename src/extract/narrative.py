"""Narrative stage: what a document is about, decided once for the whole text.

Many real pages never state their year (it is in a book's title or an
earlier chapter). What fixes it, strongest first:

1. a reference date the user gives for the document (``corpora/metadata.csv``)
   or for the whole run (``--reference-date 1944-04-01``, ``--year 1944``);
2. the campaigns the text names (``gazetteers/campaigns.csv``: 豫中会战 ran
   1944-04-18 to 1944-05-25), the most often named first, so that
   ``5月24日`` on a page about 豫中会战 is 1944-05-24 and ``1月6日`` on a
   page about 淮海战役 (1948-11-06 to 1949-01-10) is 1949-01-06;
3. nothing: the dates keep ``XXXX`` and the rows are still written.

The campaign also names the conflict (war with Japan, civil war, Korea),
which the side codes of later stages follow. The result is a plain dict on
the Doc (``doc._.narrative``), so it serializes with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from extract.gazetteer import Gazetteer
from extract.read import make_view

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_reference(value: str) -> tuple[int, int | None, int | None]:
    """``1944``, ``1944-04`` or ``1944-04-01`` as (year, month, day); ValueError otherwise."""
    m = _ISO.match(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a reference date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    return year, int(month) if month else None, int(day) if day else None


@dataclass(frozen=True, slots=True)
class Campaign:
    name: str
    start: str
    end: str
    conflict: str


class NarrativeResolver:
    """Campaign names of one gazetteer, matched in one automaton pass."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.automaton: ahocorasick.Automaton | None = None
        automaton = ahocorasick.Automaton()
        for row in gaz.res.rows("campaigns.csv"):
            campaign = Campaign(row["name"], row["start"], row["end"], row.get("conflict", ""))
            ambiguous = "ambiguous" in row.get("note", "")
            for key in [row["name"], *(v.strip() for v in row.get("variants", "").split("|") if v.strip())]:
                key = make_view(key)
                # An ambiguous short form (第一次战役) names this campaign only beside an unambiguous name.
                if len(key) >= 2 and key not in automaton:
                    automaton.add_word(key, (key, campaign, ambiguous))
        if len(automaton):
            automaton.make_automaton()
            self.automaton = automaton

    def campaigns(self, view: str) -> list[tuple[int, int, Campaign, bool]]:
        """Every campaign name in the view, longest match at each end position."""
        if self.automaton is None:
            return []
        found: dict[int, tuple[int, int, Campaign, bool]] = {}
        for end, (key, campaign, ambiguous) in self.automaton.iter(view):
            start = end + 1 - len(key)
            old = found.get(end + 1)
            if old is None or old[0] > start:
                found[end + 1] = (start, end + 1, campaign, ambiguous)
        # Drop names inside a longer one (长沙会战 inside 第三次长沙会战).
        spans = sorted(found.values(), key=lambda s: (s[0], -s[1]))
        out: list[tuple[int, int, Campaign, bool]] = []
        for span in spans:
            if out and span[0] < out[-1][1]:
                continue
            out.append(span)
        return out

    def resolve(self, view: str, given: str = "", given_source: str = "") -> dict[str, object]:
        """The document's reference date and campaign: a user's date first, else the campaign named most."""
        found = self.campaigns(view)
        clear = [c for c in found if not c[3]]
        counted: dict[str, list[tuple[int, int, Campaign, bool]]] = {}
        for c in (clear or []):
            counted.setdefault(c[2].name, []).append(c)
        best = min(counted.values(), key=lambda cs: (-len(cs), cs[0][0]), default=None)
        out: dict[str, object] = {"year": None, "month": None, "day": None, "source": "", "campaign": "",
                                  "window": None, "conflict": "", "at": None}
        if best is not None:
            campaign = best[0][2]
            out.update(campaign=campaign.name, window=[campaign.start, campaign.end], conflict=campaign.conflict,
                       at=[best[0][0], best[0][1]], year=int(campaign.start[:4]), source="campaign")
        if given:
            year, month, day = parse_reference(given)
            out.update(year=year, month=month, day=day, source=given_source or "given", window=None)
        return out
