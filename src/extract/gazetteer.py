"""Curated knowledge, loaded once per process from the files in ``gazetteers/``.

Every name a historian may want to add (persons, places, named formations,
echelon and prefix words, side words, titles) lives in a data file; this
module only reads them into lookup tables and one Aho-Corasick automaton, so
that matching all names against a text is a single linear scan.
"""

from __future__ import annotations

import csv
import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from extract.read import make_view

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "gazetteers"


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer name: what label it gives, its canonical norm and side."""

    label: str
    norm: str
    side: str = ""
    kind: str = ""


@dataclass(frozen=True, slots=True)
class Echelon:
    word: str
    canonical: str
    side: str
    level: int
    nests: bool = True
    # The side a designation with this echelon gets when nothing in the text says
    # (a Chinese chronicle's bare 第23军 is Chinese); the side above is stronger.
    default_side: str = ""


@dataclass(frozen=True, slots=True)
class Prefix:
    word: str
    canonical: str
    side: str
    keeps_di: bool


@dataclass(slots=True, eq=False)
class Gazetteer:
    """All lookup tables of one gazetteer directory."""

    directory: Path
    names: dict[str, list[Entry]] = field(default_factory=dict)
    echelons: list[Echelon] = field(default_factory=list)
    prefixes: list[Prefix] = field(default_factory=list)
    side_words: dict[str, str] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    surnames: set[str] = field(default_factory=set)
    compound_surnames: set[str] = field(default_factory=set)
    place_stoplist: set[str] = field(default_factory=set)
    persons: dict[str, Entry] = field(default_factory=dict)
    places: dict[str, Entry] = field(default_factory=dict)
    units: dict[str, Entry] = field(default_factory=dict)
    fingerprint: str = ""
    automaton: ahocorasick.Automaton | None = None

    def lookup(self, key: str, label: str) -> Entry | None:
        """The entry of ``label`` for a simplified name or variant, if any."""
        for entry in self.names.get(key, ()):
            if entry.label == label:
                return entry
        return None

    def iter_matches(self, view: str):
        """Yield ``(start, end, entries)`` for every gazetteer name in the view."""
        if self.automaton is None:
            return
        for end_index, (key, entries) in self.automaton.iter(view):
            yield end_index + 1 - len(key), end_index + 1, entries


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = []
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            if None in row or any(v is None for v in row.values()):
                raise ValueError(f"{path}:{line_no}: wrong number of fields")
            rows.append({k: (v or "").strip() for k, v in row.items()})
        return rows


def longest_first(words: Iterable[str]) -> list[str]:
    """Distinct words, longest first, ties in code-point order: one order in every process.

    Alternations and prefix tests try the longest word first (师团长 before 师团);
    sets iterate in a per-process hash order, so ties need an order of their own.
    """
    return sorted(set(words), key=lambda w: (-len(w), w))


def _word_list(path: Path) -> list[str]:
    if not path.exists():
        return []
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        words.extend(line.split())
    return words


def _split_variants(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _add(gaz: Gazetteer, key: str, entry: Entry) -> None:
    key = make_view(key)
    if len(key) < 2:
        return
    bucket = gaz.names.setdefault(key, [])
    # One entry per label and key: the first file read wins.
    if any(old.label == entry.label for old in bucket):
        return
    bucket.append(entry)


def _fingerprint(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_gazetteer(directory: Path | str | None = None) -> Gazetteer:
    """Load (once per process and directory) the gazetteer tables."""
    return _load(Path(directory) if directory else DEFAULT_DIR)


@functools.lru_cache(maxsize=4)
def _load(directory: Path) -> Gazetteer:
    if not directory.is_dir():
        raise FileNotFoundError(f"gazetteer directory not found: {directory}")
    gaz = Gazetteer(directory=directory)
    gaz.fingerprint = _fingerprint(directory)
    for row in _rows(directory / "echelons.csv"):
        gaz.echelons.append(Echelon(row["word"], row["canonical"], row["side"], int(row["level"] or 0),
                                   row.get("nests", "yes") != "no", row.get("default_side", "")))
    gaz.echelons.sort(key=lambda e: -len(e.word))
    for row in _rows(directory / "unit_prefixes.csv"):
        gaz.prefixes.append(Prefix(row["word"], row["canonical"], row["side"], row["keeps_di"] == "yes"))
    gaz.prefixes.sort(key=lambda p: -len(p.word))
    gaz.side_words = {row["word"]: row["side"] for row in _rows(directory / "side_words.csv")}
    gaz.titles = sorted((row["title"] for row in _rows(directory / "person_titles.csv")), key=len, reverse=True)
    for word in _word_list(directory / "surnames.txt"):
        (gaz.surnames if len(word) == 1 else gaz.compound_surnames).add(word)
    gaz.place_stoplist = set(_word_list(directory / "places_stoplist.txt"))

    for row in _rows(directory / "persons.csv"):
        entry = Entry("PERSON", make_view(row["name"]), row.get("side", ""), "person")
        gaz.persons[entry.norm] = entry
        for key in [row["name"], *_split_variants(row.get("variants", ""))]:
            _add(gaz, key, entry)
    for row in _rows(directory / "units.csv"):
        entry = Entry("UNIT", make_view(row["name"]), row.get("side", ""), row.get("echelon", ""))
        gaz.units[entry.norm] = entry
        ambiguous = row.get("note", "").startswith("ambiguous")
        if ambiguous:
            continue  # numbered designations are found by rule; the row is only weak side evidence
        for key in [row["name"], *_split_variants(row.get("variants", ""))]:
            _add(gaz, key, entry)
    # places.csv (curated) is read after places_admin.csv (generated) and
    # overrides it key by key; a stoplisted name keeps none of its keys, so
    # 南山 never matches 南山区 either.
    place_keys: dict[str, Entry] = {}
    for file_name in ("places_admin.csv", "places.csv"):
        for row in _rows(directory / file_name):
            # Generated administrative names are marked: the recognizer checks short ones against jieba.
            kind = ("admin:" if file_name == "places_admin.csv" else "") + row.get("type", "")
            entry = Entry("PLACE", make_view(row["name"]), "", kind)
            gaz.places[entry.norm] = entry
            if file_name == "places_admin.csv" and entry.norm in gaz.place_stoplist:
                continue
            for key in [row["name"], *_split_variants(row.get("variants", ""))]:
                if make_view(key) not in gaz.place_stoplist:
                    place_keys[make_view(key)] = entry
    for key, entry in place_keys.items():
        _add(gaz, key, entry)

    automaton = ahocorasick.Automaton()
    for key, entries in gaz.names.items():
        automaton.add_word(key, (key, tuple(entries)))
    if len(automaton):
        automaton.make_automaton()
        gaz.automaton = automaton
    return gaz
