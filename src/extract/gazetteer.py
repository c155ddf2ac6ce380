"""Curated knowledge, loaded once per process from the files in ``gazetteers/``.

Every name a historian may want to add (persons, places, named formations,
echelon and prefix words, side words, titles) lives in a data file; this
module only reads them into lookup tables and one Aho-Corasick automaton, so
that matching all names against a text is a single linear scan.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from extract.offsets import LIST_MARKS
from extract.read import make_view
from extract.resources import Resources, load_resources


def _chars(res: Resources, kind: str) -> str:
    """The characters of a character-class kind of grammar.csv (its rows add up)."""
    return "".join(dict.fromkeys("".join(res.values("grammar.csv", kind))))


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """One regex for a word list, longest word first; a list with no word matches nothing."""
    return re.compile("|".join(re.escape(w) for w in longest_first(words)) or "(?!)")


def _furniture(res: Resources) -> re.Pattern[str]:
    """One pattern for the lines that are page furniture: headings, captions, chapter titles, page metadata."""
    opens, closes = re.escape(_chars(res, "heading_open")), re.escape(_chars(res, "heading_close"))
    captions = _alternation(res.values("grammar.csv", "caption_word")).pattern
    chapters = _alternation(res.values("grammar.csv", "chapter_word")).pattern
    numerals = re.escape("0123456789" + _chars(res, "numeral_char"))
    alternatives = [f"(?:{captions})[^\n\r]*"]
    if opens and closes:
        alternatives.append(f"[{opens}][^\n\r]*[{closes}]")
    if chapters:
        alternatives.append(f"第[{numerals}]+(?:{chapters})[^\n\r]{{0,30}}")
    # A numbered section heading (六、强渡大渡河、飞夺泸定桥): a short line with no sentence end.
    ends = re.escape(_chars(res, "sentence_end"))
    alternatives.append(f"[{numerals}]{{1,3}}[、.．][^\n\r{ends}]{{1,30}}")
    headline = _headline(res)
    if headline:
        alternatives.append(headline)
    return re.compile(f"(?m)^[ \t\u3000]*(?:{'|'.join(alternatives)})[ \t\u3000]*(?=[\n\r]|$)")


def _headline(res: Resources) -> str:
    """A news headline (我军控制临汾机场): one or two short lines with no sentence end, right before a dispatch's
    dateline (【新华社晋南前线十三日电】); the dispatch says it again, and its words (计划破产) open no section."""
    opens, closes = re.escape(_chars(res, "heading_open")), re.escape(_chars(res, "heading_close"))
    datelines = _alternation(res.values("grammar.csv", "dateline_word")).pattern
    if not (opens and closes) or datelines == "(?!)":
        return ""
    ends = re.escape(_chars(res, "sentence_end"))
    numerals = re.escape("0123456789" + _chars(res, "numeral_char"))
    # (not a line that names a month or a day, ▲十一月: the dispatches under it are dated by it)
    short = f"(?![^\n\r]*[{numerals}][年月日])[^\n\r{ends}{opens}]{{2,30}}"
    return (f"{short}(?=[ \t\u3000]*(?:[\n\r]+[ \t\u3000]*{short}[ \t\u3000]*)?[\n\r]+"
            f"[ \t\u3000]*[{opens}][^{closes}\n\r]{{0,30}}(?:{datelines})[{closes}])")


@dataclass(frozen=True, slots=True)
class Grammar:
    """Compiled character classes and function words of ``grammar.csv``, shared by every stage.

    Line breaks (any of ``\\n``, ``\\r``) always end a sentence: that is layout, not language.
    """

    sentence_end: re.Pattern[str]
    sentence_end_chars: str
    clause_chars: str
    clause_end: re.Pattern[str]
    statement_end: re.Pattern[str]
    orders: re.Pattern[str]
    govern: re.Pattern[str]
    means: re.Pattern[str]
    coordination: re.Pattern[str]
    not_side_before: frozenset[str]
    object_marks: frozenset[str]
    qualifies: re.Pattern[str]
    qualifier_links: str
    apposition: tuple[str, ...]
    locator_links: str
    directions: frozenset[str]
    date_chars: str
    date_only: re.Pattern[str]
    numeral_chars: str
    not_in_place_name: frozenset[str]
    after_place_ending: frozenset[str]
    drop_categories: frozenset[str]
    joining_spaces: str
    furniture: re.Pattern[str]
    headline: re.Pattern[str]
    dateline_words: tuple[str, ...]
    lookalike_one: re.Pattern[str] | None
    lookalike_day: re.Pattern[str] | None = None
    lookalike_zero: re.Pattern[str] | None = None
    lookalike_digit_one: re.Pattern[str] | None = None

    def qualifier(self, view: str, pos: int, endpos: int | None = None) -> tuple[int, int]:
        """Where the direction or position written after a place at ``pos`` ends, before and after its link.

        庙行以北之敌 -> the ends of 以北 and of 以北之; no qualifier gives (pos, pos). Both the locator phrase
        (山海关外的万家屯) and the describer (进犯庙行以北之敌) read a place this way.
        """
        q = self.qualifies.match(view, pos, len(view) if endpos is None else endpos)
        end = q.end() if q else pos
        stop = end
        while stop > pos and view[stop - 1] in self.qualifier_links:
            stop -= 1
        return stop, end

    @classmethod
    def from_resources(cls, res: Resources) -> Grammar:
        ends = _chars(res, "sentence_end") + "\n\r"
        semicolons = _chars(res, "semicolon")
        clause = ends + semicolons + _chars(res, "clause_end")
        orders = _alternation(res.values("grammar.csv", "order_verb")).pattern
        adverbs = _alternation(res.values("grammar.csv", "order_adverb")).pattern
        govern = _alternation(res.values("grammar.csv", "govern_word"))
        means = res.values("grammar.csv", "means_word")
        directions = _chars(res, "qualifier_direction")
        part, link = _chars(res, "qualifier_part"), _chars(res, "qualifier_link")
        lead = _chars(res, "qualifier_lead")
        # Between a place and the next: nothing, 的/之, or a direction and 的/之 (洛阳南方的龙门, 阳泉以西的芦家庄).
        lead_re = f"[{re.escape(lead)}]?" if lead else ""
        qualifies = (f"(?:{lead_re}[{re.escape(directions)}]{{1,2}}[{re.escape(part)}]?)?" if directions else "") + (
            f"[{re.escape(link)}]?" if link else "")
        # 长城线上之1390高地, 公路上的X: a position word and a link make the first place a locator too.
        positions = res.values("grammar.csv", "qualifier_position")
        if positions and link:
            # The position branch first: the directional one matches the empty string and would end the match.
            qualifies = f"(?:(?:{_alternation(positions).pattern})[{re.escape(link)}]|{qualifies})"
        near = res.values("grammar.csv", "qualifier_near")
        if near:  # 镇江附近下蜀车站: a word of nearness alone makes the first place a locator of the next
            qualifies = f"(?:{_alternation(near).pattern}|{qualifies})"
        date_chars = " \u3000\t" + _chars(res, "date_char")
        return cls(
            sentence_end=re.compile(f"[{re.escape(ends)}]"),
            sentence_end_chars=ends,
            clause_chars=semicolons + _chars(res, "clause_end") + LIST_MARKS,
            clause_end=re.compile(f"[{re.escape(clause)}]"),
            statement_end=re.compile(f"[{re.escape(ends + semicolons)}]"),
            orders=re.compile(f"(?:{adverbs})?(?:{orders})"),
            govern=govern,
            means=_alternation([*means, *res.values("grammar.csv", "govern_word")]),
            coordination=_alternation(res.values("grammar.csv", "list_word")),
            not_side_before=frozenset(_chars(res, "not_side_before")),
            object_marks=frozenset(_chars(res, "object_mark")),
            qualifies=re.compile(qualifies),
            qualifier_links=link,
            apposition=tuple(res.values("grammar.csv", "qualifier_apposition")),
            locator_links=_chars(res, "locator_link"),
            directions=frozenset(directions),
            date_chars=date_chars,
            date_only=re.compile(f"[{re.escape(date_chars)}]*"),
            numeral_chars=_chars(res, "numeral_char"),
            not_in_place_name=frozenset(_chars(res, "not_in_place_name")),
            after_place_ending=frozenset(_chars(res, "after_place_ending")),
            drop_categories=frozenset(res.values("grammar.csv", "drop_category")),
            # White space is layout, not language: a run of it between two word characters joins them.
            joining_spaces=" \u00a0\t\u3000",
            furniture=_furniture(res),
            headline=re.compile(f"(?m)^[ \t\u3000]*(?:{_headline(res) or '(?!)'})"),
            dateline_words=tuple(res.values("grammar.csv", "dateline_word")),
            lookalike_one=(re.compile(f"(?<=第)[{re.escape(_chars(res, 'digit_lookalike'))}]"
                                      f"(?=[{re.escape(_chars(res, 'numeral_char'))}])")
                           if _chars(res, "digit_lookalike") else None),
            # 25曰下午, 5月10曰: an OCR's 曰 for 日 right after a day's number.
            lookalike_day=(re.compile(f"(?<=[0-9{re.escape(_chars(res, 'numeral_char'))}])"
                                      f"[{re.escape(_chars(res, 'day_lookalike'))}]")
                           if _chars(res, "day_lookalike") else None),
            # 192o年, 19o4: an OCR's letter o for a zero inside a run of digits (or ending a year's four).
            lookalike_zero=(re.compile(f"(?<=[0-9])[{re.escape(_chars(res, 'zero_lookalike'))}](?=[0-9])|"
                                       f"(?<=[0-9]{{3}})[{re.escape(_chars(res, 'zero_lookalike'))}]")
                            if _chars(res, "zero_lookalike") else None),
            # 3月l日, 1l日: an OCR's letter l for a one inside a run of digits, or as a date's day or month
            # between 月 or a digit and the date's next mark.
            lookalike_digit_one=(re.compile(f"(?<=[0-9])[{re.escape(_chars(res, 'one_lookalike'))}](?=[0-9])|"
                                            f"(?<=[0-9月年])[{re.escape(_chars(res, 'one_lookalike'))}]"
                                            "(?=[0-9]?[日号月])")
                                 if _chars(res, "one_lookalike") else None),
        )


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
    # Whether a bare one-digit number names a unit of this echelon (9纵队, 8纵: never a count).
    bare: bool = False


@dataclass(frozen=True, slots=True)
class Prefix:
    word: str
    canonical: str
    side: str
    keeps_di: bool


@dataclass(slots=True, eq=False)
class Gazetteer:
    """All lookup tables of one gazetteer directory."""

    res: Resources
    grammar: Grammar
    names: dict[str, list[Entry]] = field(default_factory=dict)
    echelons: list[Echelon] = field(default_factory=list)
    prefixes: list[Prefix] = field(default_factory=list)
    side_words: dict[str, str] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    surnames: set[str] = field(default_factory=set)
    compound_surnames: set[str] = field(default_factory=set)
    place_stoplist: set[str] = field(default_factory=set)
    persons: dict[str, Entry] = field(default_factory=dict)
    # The month a listed person's side begins (persons.csv side_from), by norm.
    person_side_from: dict[str, str] = field(default_factory=dict)
    places: dict[str, Entry] = field(default_factory=dict)
    units: dict[str, Entry] = field(default_factory=dict)
    # Coordinates of a place norm (lat, lon), for the tables' lat/lon columns.
    coordinates: dict[str, tuple[float, float]] = field(default_factory=dict)
    # Korean senses of names Chinese places share (places_korea.csv), for documents that narrate the
    # Korean War: name (view) -> the Korean entry; the Korean coordinates of norms spelled like a Chinese
    # place's; and the names that are a common word elsewhere (县里, 球场), places only in such documents.
    korea_senses: dict[str, Entry] = field(default_factory=dict)
    korea_coordinates: dict[str, tuple[float, float]] = field(default_factory=dict)
    korea_only: set[str] = field(default_factory=set)
    # Misprints of printed sources: source -> {misprint (view) -> the entry of the right name}. A document
    # opts into a source's errata; they are never part of the automaton every text is matched against.
    errata: dict[str, dict[str, Entry]] = field(default_factory=dict)
    # Surnames of Japanese commanders (those of the listed ones and jp_surnames.txt): a detachment named after
    # one (奈良支队), a reference by one and a title (中村旅团长).
    jp_surnames: frozenset[str] = frozenset()
    # The characters of transliterated Western names (name_context.csv foreign_char): 麦克莱恩, 契斯佳科夫.
    foreign_chars: frozenset[str] = frozenset()
    fingerprint: str = ""
    automaton: ahocorasick.Automaton | None = None
    # One automaton per combination of errata sources, built on first use (data, never a document's state).
    _errata_automata: dict[tuple[str, ...], ahocorasick.Automaton | None] = field(default_factory=dict)
    _coordinates_by_conflict: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)

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


    def coordinates_for(self, conflict: str) -> dict[str, tuple[float, float]]:
        """The coordinates of place norms in a document of ``conflict``: Korean ones win in the Korean War."""
        if conflict != "korea" or not self.korea_coordinates:
            return self.coordinates
        if "korea" not in self._coordinates_by_conflict:
            self._coordinates_by_conflict["korea"] = {**self.coordinates, **self.korea_coordinates}
        return self._coordinates_by_conflict["korea"]

    def errata_matches(self, view: str, sources: Iterable[str]) -> list[tuple[int, int, Entry]]:
        """``(start, end, entry)`` for every misprint of the given sources in the view (unknown sources: none)."""
        key = tuple(sorted(set(sources)))
        if key not in self._errata_automata:
            automaton = ahocorasick.Automaton()
            for source in key:
                for wrong, entry in sorted(self.errata.get(source, {}).items()):
                    if wrong not in automaton:
                        automaton.add_word(wrong, (wrong, entry))
            if len(automaton):
                automaton.make_automaton()
            self._errata_automata[key] = automaton if len(automaton) else None
        automaton = self._errata_automata[key]
        if automaton is None:
            return []
        return [(end + 1 - len(wrong), end + 1, entry) for end, (wrong, entry) in automaton.iter(view)]


def longest_first(words: Iterable[str]) -> list[str]:
    """Distinct words, longest first, ties in code-point order: one order in every process.

    Alternations and prefix tests try the longest word first (师团长 before 师团);
    sets iterate in a per-process hash order, so ties need an order of their own.
    """
    return sorted(set(words), key=lambda w: (-len(w), w))


def _without_side_word(name: str, side_words: list[str], prefixes: tuple[str, ...]) -> str:
    """美陆战第1师 -> 陆战第1师, 英军第27旅 -> 第27旅: a norm holds no side word (SCHEMA).

    Only where what is left is a designation (第…, a unit prefix): 美国志愿航空队 and
    中国远征军 are names and stay whole.
    """
    for word in side_words:
        rest = name[len(word):]
        if name.startswith(word) and rest and (rest.startswith("第") or rest.startswith(prefixes)):
            return rest
    return name


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


def _load_korea(gaz: Gazetteer, rows: list[dict[str, str]], place_keys: dict[str, Entry]) -> None:
    """Korean places: a name no Chinese place has is matched everywhere; one a Chinese place shares keeps
    the Chinese sense in the automaton and gets its Korean one in ``korea_senses`` (one sense per document,
    chosen by the conflict it narrates); a common word (stoplisted, or marked ``elsewhere`` word) counts
    only in a Korean War document."""
    for row in rows:
        entry = Entry("PLACE", make_view(row["name"]), "", row.get("type", ""))
        point = (float(row["lat"]), float(row["lon"])) if row.get("lat") and row.get("lon") else None
        if entry.norm in gaz.places:  # 安州 of Sichuan and of Korea: the same spelling, two points
            if point:
                gaz.korea_coordinates[entry.norm] = point
        else:
            gaz.places[entry.norm] = entry
            if point:
                gaz.coordinates[entry.norm] = point
        for key in [row["name"], *_split_variants(row.get("variants", ""))]:
            key = make_view(key)
            if key in place_keys:
                gaz.korea_senses[key] = entry
                continue
            place_keys[key] = entry
            if row.get("elsewhere") == "word" or key in gaz.place_stoplist:
                gaz.korea_only.add(key)


def load_gazetteer(directory: Path | str | None = None) -> Gazetteer:
    """The bundled gazetteer overlaid with ``directory`` (a user's folder), loaded once per process.

    Raises :class:`extract.resources.GazetteerError` listing every problem of the data files.
    """
    return _load(Path(directory).resolve() if directory else None)


@functools.lru_cache(maxsize=4)
def _load(overlay: Path | None) -> Gazetteer:
    res = load_resources(overlay)
    gaz = Gazetteer(res=res, grammar=Grammar.from_resources(res), fingerprint=res.fingerprint)
    for row in res.rows("echelons.csv"):
        gaz.echelons.append(Echelon(row["word"], row["canonical"], row["side"], int(row["level"] or 0),
                                   row.get("nests", "yes") != "no", row.get("default_side", ""),
                                   row.get("bare", "") == "yes"))
    gaz.echelons.sort(key=lambda e: -len(e.word))
    for row in res.rows("unit_prefixes.csv"):
        gaz.prefixes.append(Prefix(row["word"], row["canonical"], row["side"], row["keeps_di"] == "yes"))
    gaz.prefixes.sort(key=lambda p: -len(p.word))
    gaz.side_words = {row["word"]: row["side"] for row in res.rows("side_words.csv")}
    gaz.titles = sorted((row["title"] for row in res.rows("person_titles.csv")), key=len, reverse=True)
    for word in res.words.get("surnames.txt", []):
        (gaz.surnames if len(word) == 1 else gaz.compound_surnames).add(word)
    gaz.place_stoplist = set(res.words.get("places_stoplist.txt", []))

    infixes = res.values("name_context.csv", "derogatory_infix")
    for row in res.rows("persons.csv"):
        # The norm is the name as the gazetteer writes it: OpenCC's t2s turns some simplified names into
        # others (韩复榘 -> 韩复矩, 乾县 -> 干县); the view form is a key beside it.
        entry = Entry("PERSON", row["name"], row.get("side", ""), "person")
        gaz.persons[entry.norm] = gaz.persons[make_view(entry.norm)] = entry
        if row.get("side_from"):
            gaz.person_side_from[entry.norm] = row["side_from"]
        for key in [row["name"], *_split_variants(row.get("variants", ""))]:
            _add(gaz, key, entry)
        if 2 <= len(entry.norm) <= 3:  # 陈匪毅, 刘匪伯承: the surname, the infix, the given name
            for infix in infixes:
                _add(gaz, entry.norm[0] + infix + entry.norm[1:], entry)
    gaz.jp_surnames = frozenset({p.norm[:2] for p in gaz.persons.values() if p.side == "JP" and len(p.norm) >= 3}
                                | {w for w in res.words.get("jp_surnames.txt", []) if len(w) >= 2})
    gaz.foreign_chars = frozenset("".join(res.values("name_context.csv", "foreign_char")))
    side_first = sorted(gaz.side_words, key=len, reverse=True)
    prefixes = tuple(make_view(r["word"]) for r in res.rows("unit_prefixes.csv"))
    for row in res.rows("units.csv"):
        name = make_view(row["name"])
        entry = Entry("UNIT", _without_side_word(name, side_first, prefixes), row.get("side", ""),
                      row.get("echelon", ""))
        gaz.units[name] = entry
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
        for row in res.rows(file_name):
            # Generated administrative names are marked: the recognizer checks short ones against jieba.
            kind = ("admin:" if file_name == "places_admin.csv" else "") + row.get("type", "")
            entry = Entry("PLACE", row["name"], "", kind)
            gaz.places[entry.norm] = gaz.places[make_view(entry.norm)] = entry
            if row.get("lat") and row.get("lon"):
                gaz.coordinates[entry.norm] = (float(row["lat"]), float(row["lon"]))
            if file_name == "places_admin.csv" and entry.norm in gaz.place_stoplist:
                continue
            for key in [row["name"], *_split_variants(row.get("variants", ""))]:
                if make_view(key) not in gaz.place_stoplist:
                    place_keys[make_view(key)] = entry
    _load_korea(gaz, res.rows("places_korea.csv"), place_keys)
    for key, entry in place_keys.items():
        _add(gaz, key, entry)

    tables = {"PERSON": gaz.persons, "PLACE": gaz.places, "UNIT": gaz.units}
    for row in res.rows("errata.csv"):
        right = make_view(row["right"])
        # The right name's own entry (its side, its place type); a name no gazetteer lists is still its norm.
        entry = tables[row["label"]].get(right) or Entry(row["label"], right, "", row["label"].lower())
        gaz.errata.setdefault(row["source"], {})[make_view(row["wrong"])] = entry

    automaton = ahocorasick.Automaton()
    for key, entries in gaz.names.items():
        automaton.add_word(key, (key, tuple(entries)))
    if len(automaton):
        automaton.make_automaton()
        gaz.automaton = automaton
    return gaz
