"""The one loader of the data under ``gazetteers/``: declared schemas, validation, overlays.

Everything a historian edits (names, variants, triggers, echelon words, date
words, grammar characters) is a data file, so a typo there must be caught
where it is written, not show up as silently missing events. Each file has a
declared schema (columns, the values a column allows, the kinds a ``kind``
column allows and what their values must look like); a file that breaks it
gives a :class:`Problem` naming ``file:line``, the column and what is allowed,
and every problem of a folder is reported at once.

A user's folder (``--gazetteers DIR``) overlays the bundled data: its rows
replace bundled rows with the same key and add the others, so a folder with
one file of two new villages is a complete gazetteer. The bundled data ships
inside the package (``extract.gazetteers``), so a wheel works from anywhere.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

SIDES = ("JP", "CN", "CCP", "KMT", "US", "ALLIED", "KP", "AXIS")
# The sides whose own armies a Chinese text writes only in translation (a Soviet or American history).
FOREIGN_SIDES = ("US", "ALLIED", "KP", "AXIS")
# Side words that name a side relative to the narrator (我军, 敌): resolved per document.
RELATIVE_SIDES = ("NARRATOR", "ENEMY")
EVENT_TYPES = ("attack", "capture", "withdraw", "cross", "breakthrough", "encircle", "link_up", "surrender",
               "counterattack", "recapture", "halt", "air_raid", "death")
PLACE_TYPES = ("airfield", "bay", "bridge", "building", "canal", "city", "country", "county", "district", "fortress",
               "gate", "harbor", "hill", "island", "lake", "mine", "mountain", "pass", "province", "railway",
               "region", "reservoir", "river", "road", "sea", "station", "strait", "town", "valley", "village")
YES_NO = ("yes", "no")
ERRATA_LABELS = ("PERSON", "PLACE", "UNIT")
CONFLICTS = ("revolution_1911", "warlord", "northern_expedition", "civil_war_1927_1937", "war_with_japan",
             "ccp_kmt_clash_1937_1945", "civil_war_1945_1950", "korea", "sino_soviet_1929", "tibet_1950")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def bundled_dir() -> Path:
    """The gazetteer folder shipped with the package (``gazetteers/`` of the checkout when editable)."""
    return Path(str(resources.files("extract.gazetteers")))


# -- schemas -------------------------------------------------------------------
Check = Callable[[str], str]  # returns "" when the value is fine, else what is wrong


def _choice(allowed: Iterable[str], empty: bool = True) -> Check:
    allowed = tuple(allowed)

    def check(value: str) -> str:
        if (value == "" and empty) or value in allowed:
            return ""
        return f"{value!r} is not one of {', '.join(allowed)}" + (" (or empty)" if empty else "")

    return check


def _number(kind: type, empty: bool = False) -> Check:
    def check(value: str) -> str:
        if value == "" and empty:
            return ""
        try:
            kind(value)
        except ValueError:
            return f"{value!r} is not {'an integer' if kind is int else 'a number'}"
        return ""

    return check


def _int_or_x(value: str) -> str:
    """An offset in days, or X where the text leaves it open (数日后)."""
    return "" if value == "X" else _number(int)(value)


def _month_day(value: str) -> str:
    """A day of the year, MM-DD (元旦 01-01)."""
    return "" if re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", value) else f"{value!r} is not MM-DD"


def _nonempty(value: str) -> str:
    return "" if value else "must not be empty"


def _date(value: str) -> str:
    return "" if _DATE.match(value) else f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"


_SIDE = _choice(SIDES)


def _one_char(value: str) -> str:
    return "" if len(value) == 1 else "must be one character"


_SIDE_RULE = _choice(("actor", "opposite", "holder", *SIDES), empty=False)

# The slots a trigger's place may come from (extract.event_slots names them in the rule column).
SLOTS = ("object", "goal", "origin", "locative", "topic", "subject", "near", "agent", "implicit", "focus",
         "locative_after", "holder", "airspace", "arrival")


def _slots(value: str) -> str:
    """Empty (any slot) or slot names separated by |."""
    bad = [v for v in value.split("|") if v not in SLOTS] if value else []
    return f"{'|'.join(bad)!r} is not a slot ({', '.join(SLOTS)})" if bad else ""


@dataclass(frozen=True, slots=True)
class Table:
    """Schema of one CSV file: its columns, the checks per column, the key of a row for overlays.

    ``kinds`` (for ``kind,value`` files) lists the allowed kinds, each with the
    check of its value; a kind in ``single`` holds one value, which a user's
    row replaces.
    """

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ("note",)
    checks: Mapping[str, Check] = field(default_factory=dict)
    key: tuple[str, ...] = ()
    kinds: Mapping[str, Check] | None = None
    single: frozenset[str] = frozenset()
    kind_norms: Mapping[str, Check] = field(default_factory=dict)  # checks of the norm column, per kind
    needed: bool = True  # the bundled folder must have it


@dataclass(frozen=True, slots=True)
class WordList:
    """Schema of a ``.txt`` word list: words separated by white space, ``#`` comments."""

    name: str
    needed: bool = True


def _words(*kinds: str) -> dict[str, Check]:
    return dict.fromkeys(kinds, _nonempty)


_CONTEXT = ("kind", "value")
SCHEMAS: dict[str, Table | WordList] = {s.name: s for s in (
    # ``side_from``: the month a person's side begins (a collaborator went over to Japan in 1937-38): in a
    # story told before it the gazetteer says nothing of his side (齐燮元 in the warlord wars).
    Table("persons.csv", ("name",), ("variants", "side", "side_from", "romanization", "role", "note"),
          {"name": _nonempty, "side": _SIDE, "side_from": lambda v: _date(v) if v else ""}, key=("name",)),
    Table("places.csv", ("name",), ("variants", "type", "lat", "lon", "admin", "note"),
          {"name": _nonempty, "type": _choice(PLACE_TYPES), "lat": _number(float, True),
           "lon": _number(float, True)}, key=("name",)),
    Table("places_admin.csv", ("name",), ("variants", "type", "lat", "lon", "admin", "note"),
          {"name": _nonempty, "type": _choice(PLACE_TYPES), "lat": _number(float, True),
           "lon": _number(float, True)}, key=("name",)),
    # Korean places (the Korean War): a name a Chinese place shares (安州, 定州, 汉江) is Korean only in a
    # document that narrates the Korean War; ``elsewhere`` word: a common word elsewhere (县里, 球场).
    Table("places_korea.csv", ("name",), ("variants", "type", "lat", "lon", "admin", "elsewhere", "note"),
          {"name": _nonempty, "type": _choice(PLACE_TYPES), "lat": _number(float, True),
           "lon": _number(float, True), "elsewhere": _choice(("word",))}, key=("name",)),
    # A unit's side may be NARRATOR: a formation named by its place in the advance (右纵队, 东集团) is, unless a
    # side word says otherwise, the narrator's own.
    Table("units.csv", ("name",), ("variants", "side", "echelon", "parent", "note"),
          {"name": _nonempty, "side": _choice((*SIDES, "NARRATOR"))}, key=("name",)),
    Table("echelons.csv", ("word", "canonical", "side", "level"), ("nests", "default_side", "bare", "note"),
          {"word": _nonempty, "canonical": _nonempty, "side": _SIDE, "level": _number(int),
           "nests": _choice(YES_NO), "default_side": _SIDE, "bare": _choice(YES_NO)}, key=("word",)),
    Table("unit_prefixes.csv", ("word", "canonical", "side", "keeps_di"), ("note",),
          {"word": _nonempty, "side": _SIDE, "keeps_di": _choice(YES_NO, empty=False)}, key=("word",)),
    Table("unit_abbreviations.csv", ("prefix", "echelon", "side", "full_prefix", "full_echelon"), ("note",),
          {"prefix": _nonempty, "echelon": _nonempty, "side": _SIDE}, key=("prefix", "echelon")),
    Table("side_words.csv", ("word", "side"), ("note",),
          {"word": _nonempty, "side": _choice((*SIDES, *RELATIVE_SIDES), empty=False)}, key=("word",)),
    Table("conflicts.csv", ("conflict", "start", "end", "narrator", "enemy"), ("evidence", "note"),
          {"conflict": _choice(CONFLICTS, empty=False), "start": _date, "end": _date, "narrator": _SIDE,
           "enemy": _SIDE}, key=("conflict",)),
    # ``from``: the rule holds for a story told from that month on (the PLA's armies of 1949 are numbered
    # 军 and 兵团 like the government's); ``becomes`` NARRATOR: the side of the text's narrator.
    Table("conflict_sides.csv", ("conflict", "side", "echelon", "becomes"), ("from", "note"),
          {"conflict": _choice(CONFLICTS, empty=False), "side": _choice(SIDES, empty=False),
           "becomes": _choice((*SIDES, "NARRATOR")), "from": lambda v: _date(v) if v else ""},
          key=("conflict", "side", "echelon", "from")),
    # ``from``: the month the word came into use; a text that states no date is told from then (第一野战军: 1949).
    Table("conflict_words.csv", ("word", "conflict"), ("from", "note"),
          {"word": _nonempty, "conflict": _choice(CONFLICTS, empty=False),
           "from": lambda v: _date(v) if v else ""}, key=("word",)),
    Table("narrator_words.csv", ("word", "narrator"), ("note",), {"word": _nonempty, "narrator": _SIDE},
          key=("word",)),
    Table("person_titles.csv", ("title",), ("note",), {"title": _nonempty}, key=("title",)),
    Table("event_triggers.csv", ("trigger", "event_type", "voice", "side_rule"), ("slots", "note"),
          {"trigger": _nonempty, "event_type": _choice(EVENT_TYPES, empty=False),
           "voice": _choice(("active", "passive", "near"), empty=False), "side_rule": _SIDE_RULE,
           "slots": _slots},
          key=("trigger", "event_type")),
    Table("event_frames.csv", ("morpheme", "event_type", "voice", "side_rule", "rank", "alone"), ("slots", "note"),
          {"morpheme": _one_char, "event_type": _choice(EVENT_TYPES, empty=False),
           "voice": _choice(("active", "passive", "near"), empty=False), "side_rule": _SIDE_RULE, "slots": _slots,
           "rank": _number(int), "alone": _choice(("yes", "no"), empty=False)},
          key=("morpheme",)),
    Table("event_context.csv", _CONTEXT, key=_CONTEXT, kinds={
        **_words("negation", "negation_after", "describer_after", "scheduled_after", "no_trigger_inside",
                 "person_pronoun", "contrast_word", "resume_word", "troops_word",
                 "arrival_word", "arrival_type", "halt_type",
                 "defender", "order", "object_verb", "repulse_verb", "again_word", "again_type", "not_marker",
                 "halt_word",
                 "air_word", "agent_marker", "goal_word", "locative_word", "origin_word", "first_person",
                 "implicit_place_type", "implicit_object", "implicit_object_end", "narrator_type", "patient_type",
                 "origin_also_type", "locative_also_type", "town_kind", "town_word", "river_kind", "river_word",
                 "noun_head", "between_word", "outskirts_type", "outskirts_word", "pronoun", "not_crossed",
                 "order_exempt", "not_event_place", "reference_back", "background_after", "air_support", "not_action",
                 "verb_tag", "condition", "plan_heading", "holder_also_type", "holder_after", "holder_before",
                 "issued_order_type", "issued_order", "target_noun", "airspace_word", "flight_word", "speech_word",
                 "perception_word", "gloss_before", "experience_after", "purpose_opening", "siege_word",
                 "office_word"),
        "named_campaign_type": _choice(EVENT_TYPES, empty=False),
        "implicit_place_type": _choice(EVENT_TYPES, empty=False), "arrival_type": _choice(EVENT_TYPES, empty=False),
        "halt_type": _choice(EVENT_TYPES, empty=False),
        "order_exempt": _choice(EVENT_TYPES, empty=False),
        "patient_type": _choice(EVENT_TYPES, empty=False), "origin_also_type": _choice(EVENT_TYPES, empty=False),
        "locative_also_type": _choice(EVENT_TYPES, empty=False),
        "holder_also_type": _choice(EVENT_TYPES, empty=False),
        "issued_order_type": _choice(EVENT_TYPES, empty=False), "outskirts_type": _choice(EVENT_TYPES, empty=False),
        "not_crossed": _choice(PLACE_TYPES, empty=False),
        "taken_type": _choice(EVENT_TYPES, empty=False),
        "not_event_place": _choice(PLACE_TYPES, empty=False),
        "peer_kind": _choice(PLACE_TYPES, empty=False),
        "narrator_side": _choice(SIDES, empty=False), "implicit_sentences": _number(int),
        "between_list": _number(int), "quoted_term_chars": _number(int)},
          single=frozenset({"narrator_side", "quoted_term_chars", "implicit_sentences", "between_list"})),
    Table("name_context.csv", _CONTEXT, key=_CONTEXT, kinds=_words(
        "strong_side_char", "terminator", "jp_title", "cn_title", "person_formation", "region_formation", "connector",
        "named_echelon",
        "foreign_char", "rank", "derogatory_infix", "list_separator", "troops_word",
        "not_troops_word", "not_after_troops", "named_echelon_cn", "not_after_named", "lead_word", "name_intro",
        "name_closer", "jp_name_char")),
    Table("defections.csv", _CONTEXT, key=_CONTEXT, kinds={
        **_words("defect", "not_before", "not_after", "led", "led_own", "same_clause"),
        "conflict": _choice(CONFLICTS, empty=False)}),
    Table("orbat_context.csv", _CONTEXT, key=_CONTEXT, kinds=_words("members", "subordinates", "commander_title")),
    Table("place_context.csv", _CONTEXT, key=_CONTEXT, kinds={**_words(
        "before", "after", "after_strong", "ending", "county_ending", "pass_ending", "county_town", "separator",
        "name_lead",
        "noun_lead", "direction",
        "not_place", "inside_word", "campaign", "numbered", "locative_ending", "count_word", "locative_before",
        "aspect",
        "locative_suffix", "district_word", "direction_before", "direction_after", "measure_word", "city_part"),
        "no_point_type": _choice(PLACE_TYPES, empty=False), "object_type": _choice(EVENT_TYPES, empty=False),
        "object_type_strict": _choice(EVENT_TYPES, empty=False)}),
    Table("date_context.csv", _CONTEXT, key=_CONTEXT, kinds={
        **_words("plan", "not_plan", "default_era", "background_after", "span_open", "thread",
                 "background_before", "background_next", "year_end", "dispatch_mark", "now_word", "diary_mark",
                 "record_after", "story_year", "late_month_part", "month_end_part", "anniversary_word",
                 "span_open_after"),
        "aside_years": _number(int),
        "story_until": _number(int),
        "warn_back_days": _number(int),
        "default_era_years": _number(int),
        "range_roll_days": _number(int),
        "bare_day_back_cost": _number(float)},
          single=frozenset({"aside_years", "story_until", "warn_back_days", "bare_day_back_cost", "range_roll_days",
                            "default_era", "default_era_years"})),
    Table("date_words.csv", ("kind", "value"), ("norm", "note"), key=("kind", "value"), kinds=_words(
        "standalone", "range_separator", "not_after_day", "not_after_date", "not_before_date", "after_bare_hao",
        "day_anchor",
        "not_after_hao", "year_needs_month", "clock_suffix", "ambiguous_clock", "year_link", "until",
        "duration_before", "duration_after", "season",
        "month_part", "part_of_day", "era", "lunar_era", "relative", "relative_year", "relative_pod", "relative_month",
        "bracket_day", "not_date", "habitual", "holiday", "lunar_holiday", "lunar_mark", "solar_mark", "item_mark",
        "telegraph_day", "telegraph_after", "telegraph_not_next", "lunar_month_name", "telegraph_sign",
        "telegraph_hour", "telegraph_day_lead", "telegraph_word"),
        kind_norms={
        "part_of_day": _choice(("dawn", "early_morning", "morning", "noon", "afternoon", "evening", "night"),
                               empty=False),
        # an era's first year, an offset in days or in years
        "era": _number(int), "lunar_era": _number(int),
        "relative": _int_or_x, "relative_year": _number(int), "relative_pod": _nonempty,
        "relative_month": _number(int), "telegraph_day": _number(int),
        "lunar_month_name": _number(int), "holiday": _month_day,
        "lunar_holiday": _month_day}),
    Table("grammar.csv", _CONTEXT, key=_CONTEXT, kinds=_words(
        "sentence_end", "semicolon", "clause_end", "order_verb", "order_adverb", "govern_word", "means_word",
        "list_word", "not_side_before", "object_mark", "qualifier_direction", "qualifier_part", "qualifier_link",
        "locator_link",
        "qualifier_lead", "qualifier_position", "qualifier_near", "qualifier_apposition", "date_char", "numeral_char",
        "not_in_place_name",
        "after_place_ending", "drop_category", "heading_open", "heading_close", "caption_word", "chapter_word",
        "dateline_word", "digit_lookalike", "day_lookalike",
        "zero_lookalike", "one_lookalike", "not_after_campaign")),
    Table("campaigns.csv", ("name", "start", "end"), ("variants", "conflict", "theatre", "note"),
          {"name": _nonempty, "start": _date, "end": lambda v: _date(v) if v else "",
           "conflict": _choice(CONFLICTS)}, key=("name",)),
    # Misprints of one printed source (烟俊六 for 畑俊六), applied only to the documents that opt into that
    # source (metadata.csv's errata column, ``extract run --errata``): elsewhere 沉江 is no river.
    Table("errata.csv", ("source", "wrong", "right", "label"), ("note",),
          {"source": _nonempty, "wrong": _nonempty, "right": _nonempty,
           "label": _choice(ERRATA_LABELS, empty=False)}, key=("source", "wrong")),
    WordList("surnames.txt"),
    WordList("jp_surnames.txt"),
    WordList("places_stoplist.txt"),
)}
# Not a gazetteer: the per-document metadata of a corpus (corpora/metadata.csv), read by the same loader.
# ``errata``: the errata sources (errata.csv) the document opts into, separated by ``|`` or spaces.
METADATA = Table("metadata.csv", ("doc_id",), ("reference_date", "source", "title", "author", "url", "errata",
                                               "note"),
                 {"doc_id": _nonempty, "reference_date": lambda v: _date(v) if v else ""}, key=("doc_id",))


def read_metadata(path: Path) -> dict[str, Row]:
    """``doc_id -> row`` of a corpus metadata file; raise :class:`GazetteerError` naming file:line."""
    problems: list[Problem] = []
    rows = read_table(path, METADATA, problems)
    if problems:
        raise GazetteerError(problems)
    return {row["doc_id"]: row for row in rows}


def split_sources(value: str) -> tuple[str, ...]:
    """Errata source names written in one cell or option (``a|b``, ``a b``, ``a,b``), in order, once each."""
    return tuple(dict.fromkeys(v for v in re.split(r"[|,\s]+", value) if v))


def unknown_errata(metadata: Mapping[str, Row], sources: Iterable[str]) -> list[Problem]:
    """Problems for metadata rows (``file:line``) naming an errata source that errata.csv does not hold."""
    known = set(sources)
    problems = []
    for row in metadata.values():
        for name in split_sources(row.get("errata", "")):
            if name not in known:
                path, _, line = row.origin.rpartition(":")
                problems.append(Problem(path, int(line or 0), f"unknown errata source {name!r}; errata.csv has "
                                                              f"{', '.join(sorted(known)) or 'none'}", "errata"))
    return problems


# -- rows and problems -----------------------------------------------------------
class Row(dict[str, str]):
    """One data row; ``origin`` is ``file:line``, for messages about it."""

    __slots__ = ("origin",)

    def __init__(self, values: Mapping[str, str], origin: str) -> None:
        super().__init__(values)
        self.origin = origin


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a data file, where it is and what is allowed."""

    path: str
    line: int
    message: str
    column: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.column + ': ' if self.column else ''}{self.message}"


class GazetteerError(ValueError):
    """Data files that cannot be used; the message lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the gazetteer data:\n{shown}{more}")


def _decode(path: Path, problems: list[Problem]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(str(path), 0, f"cannot read the file ({exc.strerror})"))
        return None
    try:
        return data.decode("utf-8-sig")  # Excel writes a byte-order mark
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), data.count(b"\n", 0, exc.start) + 1,
                                f"not UTF-8 (byte {exc.start}); save the file as UTF-8"))
        return None


def _check_row(schema: Table, row: Row, path: str, line: int, problems: list[Problem]) -> None:
    for column, check in schema.checks.items():
        if column in row and (message := check(row[column])):
            problems.append(Problem(path, line, message, column))
    if schema.kinds is None:
        return
    kind = row.get("kind", "")
    if kind not in schema.kinds:
        problems.append(Problem(path, line, f"unknown kind {kind!r}; allowed: {', '.join(sorted(schema.kinds))}",
                                "kind"))
        return
    if message := schema.kinds[kind](row["value"]):
        problems.append(Problem(path, line, message, "value"))
    norm_check = schema.kind_norms.get(kind)
    if norm_check is not None and (message := norm_check(row.get("norm", ""))):
        problems.append(Problem(path, line, f"{message} (kind {kind})", "norm"))


def read_table(path: Path, schema: Table, problems: list[Problem]) -> list[Row]:
    """The rows of one CSV file, validated; problems are appended, bad rows dropped."""
    text = _decode(path, problems)
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    name = str(path)
    known = (*schema.required, *schema.optional)
    missing = [c for c in schema.required if c not in header]
    unknown = [c for c in header if c not in known]
    if missing or unknown:
        if missing:
            problems.append(Problem(name, 1, f"missing column(s) {', '.join(missing)}; the columns are "
                                             f"{', '.join(known)}"))
        if unknown:
            problems.append(Problem(name, 1, f"unknown column(s) {', '.join(unknown)}; the columns are "
                                             f"{', '.join(known)}"))
        return []
    rows: list[Row] = []
    seen: dict[tuple[str, ...], int] = {}
    for fields in reader:
        line = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            problems.append(Problem(name, line, f"{len(fields)} field(s), the header has {len(header)}"))
            continue
        row = Row({c: f.strip() for c, f in zip(header, fields, strict=True)}, f"{path.name}:{line}")
        for column in known:
            row.setdefault(column, "")
        before = len(problems)
        _check_row(schema, row, name, line, problems)
        if len(problems) > before:
            continue
        key = _key(schema, row)
        if key in seen:
            problems.append(Problem(name, line, f"the same row as line {seen[key]} ({', '.join(key)})"))
            continue
        seen[key] = line
        rows.append(row)
    return rows


def read_words(path: Path, problems: list[Problem]) -> list[str]:
    """The words of a ``.txt`` list (white-space separated, ``#`` starts a comment)."""
    text = _decode(path, problems)
    if text is None:
        return []
    words: list[str] = []
    for line in text.splitlines():
        words.extend(line.split("#", 1)[0].split())
    return words


def _key(schema: Table, row: Mapping[str, str]) -> tuple[str, ...]:
    if schema.kinds is not None and row.get("kind") in schema.single:
        return (row["kind"],)
    return tuple(row.get(c, "") for c in schema.key)


def _overlay(base: list[Row], extra: list[Row], schema: Table) -> list[Row]:
    """``base`` with ``extra``'s rows replacing those of the same key, the rest appended."""
    position = {_key(schema, r): i for i, r in enumerate(base)}
    out = list(base)
    for row in extra:
        i = position.get(_key(schema, row))
        if i is None:
            position[_key(schema, row)] = len(out)
            out.append(row)
        else:
            out[i] = row
    return out


@dataclass(slots=True)
class Resources:
    """Every data file of a gazetteer, validated and overlaid, keyed by file name."""

    layers: tuple[Path, ...]
    tables: dict[str, list[Row]] = field(default_factory=dict)
    words: dict[str, list[str]] = field(default_factory=dict)
    fingerprint: str = ""

    def rows(self, name: str) -> list[Row]:
        return self.tables.get(name, [])

    def values(self, name: str, kind: str) -> list[str]:
        """The values of one kind of a ``kind,value`` file, in file order."""
        return [r["value"] for r in self.tables.get(name, []) if r.get("kind") == kind]

    def value(self, name: str, kind: str, default: str) -> str:
        """The one value of a single-valued kind (``implicit_sentences``), or ``default``."""
        return next(iter(self.values(name, kind)), default)


def _layer_files(directory: Path, problems: list[Problem], bundled: bool) -> dict[str, Path]:
    files: dict[str, Path] = {}
    if not directory.is_dir():
        problems.append(Problem(str(directory), 0, "gazetteer folder not found"))
        return files
    for path in sorted(directory.iterdir()):
        if path.name.startswith((".", "_")) or path.suffix.lower() not in (".csv", ".txt") or not path.is_file():
            continue
        if path.name not in SCHEMAS:
            problems.append(Problem(str(path), 0, f"unknown gazetteer file; the files are "
                                                  f"{', '.join(sorted(SCHEMAS))}"))
            continue
        files[path.name] = path
    if bundled:
        for name, schema in SCHEMAS.items():
            if schema.needed and name not in files:
                problems.append(Problem(str(directory / name), 0, "required gazetteer file is missing"))
    return files


def collect(overlay: Path | None = None) -> tuple[Resources, list[Problem]]:
    """Read the bundled data and an optional overlay folder; return the data and every problem."""
    problems: list[Problem] = []
    base = bundled_dir()
    layers = (base,) if overlay is None or overlay.resolve() == base.resolve() else (base, overlay)
    res = Resources(layers=layers)
    digest = hashlib.sha256()
    for n, layer in enumerate(layers):
        for name, path in _layer_files(layer, problems, bundled=n == 0).items():
            schema = SCHEMAS[name]
            digest.update(f"{n}/{name}".encode())
            digest.update(path.read_bytes() if path.is_file() else b"")
            if isinstance(schema, WordList):
                res.words[name] = [*res.words.get(name, []), *read_words(path, problems)]
            else:
                res.tables[name] = _overlay(res.tables.get(name, []), read_table(path, schema, problems), schema)
    res.fingerprint = digest.hexdigest()[:16]
    return res, problems


def load_resources(overlay: Path | None = None) -> Resources:
    """Validated data of the bundled folder plus ``overlay``; raise :class:`GazetteerError` on any problem."""
    res, problems = collect(overlay)
    if problems:
        raise GazetteerError(problems)
    return res
