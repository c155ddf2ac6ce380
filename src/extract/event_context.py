"""What every part of the events stage shares: the context words and a sorted index of mentions.

The events stage is split by job (``discourse``, ``event_frames``,
``event_slots``, ``event_actors``, ``events``); each part reads the same
word lists from ``gazetteers/event_context.csv``, loaded once here so that
a historian edits one file and every part sees the change.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from extract.gazetteer import Gazetteer
from extract.mention import Mention

# Characters that join the members of one list (X、Y和Z).
LIST_JOINERS = "、,，和及与"


@dataclass(frozen=True, slots=True)
class EventWords:
    """The word lists of ``event_context.csv``, by kind (one attribute per kind)."""

    negation: tuple[str, ...]
    negation_after: tuple[str, ...]
    describer_after: tuple[str, ...]
    scheduled_after: tuple[str, ...]
    no_trigger_inside: frozenset[str]
    person_pronoun: tuple[str, ...]
    contrast_word: tuple[str, ...]
    resume_word: tuple[str, ...]
    troops_word: tuple[str, ...]
    arrival_word: tuple[str, ...]
    arrival_type: frozenset[str]
    halt_type: frozenset[str]
    defender: tuple[str, ...]
    order: tuple[str, ...]
    condition: tuple[str, ...]
    object_verb: tuple[str, ...]
    repulse_verb: tuple[str, ...]
    again_word: tuple[str, ...]
    again_type: frozenset[str]
    not_marker: tuple[str, ...]
    halt_word: tuple[str, ...]
    air_word: tuple[str, ...]
    air_support: tuple[str, ...]
    agent_marker: tuple[str, ...]
    goal_word: tuple[str, ...]
    locative_word: tuple[str, ...]
    origin_word: tuple[str, ...]
    first_person: tuple[str, ...]
    implicit_place_type: frozenset[str]
    implicit_object: tuple[str, ...]
    implicit_object_end: tuple[str, ...]
    narrator_type: frozenset[str]
    patient_type: frozenset[str]
    origin_also_type: frozenset[str]
    town_kind: frozenset[str]
    noun_head: tuple[str, ...]
    between_word: tuple[str, ...]
    river_kind: frozenset[str]
    river_word: tuple[str, ...]
    outskirts_type: frozenset[str]
    outskirts_word: tuple[str, ...]
    town_word: tuple[str, ...]
    locative_also_type: frozenset[str]
    holder_also_type: frozenset[str]
    issued_order_type: frozenset[str]
    issued_order: tuple[str, ...]
    holder_after: tuple[str, ...]
    target_noun: tuple[str, ...]
    airspace_word: tuple[str, ...]
    flight_word: tuple[str, ...]
    speech_word: tuple[str, ...]
    perception_word: tuple[str, ...]
    gloss_before: tuple[str, ...]
    experience_after: tuple[str, ...]
    purpose_opening: frozenset[str]
    siege_word: tuple[str, ...]
    office_word: tuple[str, ...]
    holder_before: tuple[str, ...]
    pronoun: tuple[str, ...]
    not_crossed: frozenset[str]
    order_exempt: frozenset[str]
    not_event_place: frozenset[str]
    peer_kind: frozenset[str]
    reference_back: tuple[str, ...]
    background_after: tuple[str, ...]
    not_action: frozenset[str]
    verb_tag: frozenset[str]
    taken_type: frozenset[str]
    plan_heading: tuple[str, ...]
    narrator_side: str
    implicit_sentences: int
    between_list: int
    quoted_term_chars: int

    @classmethod
    def from_gazetteer(cls, gaz: Gazetteer) -> EventWords:
        by_kind: dict[str, list[str]] = {}
        for r in gaz.res.rows("event_context.csv"):
            by_kind.setdefault(r["kind"], []).append(r["value"])
        sets = {"implicit_place_type", "narrator_type", "patient_type", "origin_also_type", "town_kind", "river_kind",
                "outskirts_type", "locative_also_type", "holder_also_type", "issued_order_type", "not_crossed",
                "order_exempt", "not_event_place", "not_action", "verb_tag", "taken_type", "no_trigger_inside",
                "arrival_type", "halt_type", "peer_kind", "purpose_opening", "again_type"}
        values: dict[str, object] = {}
        for name in cls.__dataclass_fields__:
            found = by_kind.get(name, [])
            values[name] = frozenset(found) if name in sets else tuple(found)
        # 南昌起义, 武昌起义: a campaign named by a word of these types names the rising; no unit goes over there.
        named = frozenset(by_kind.get("named_campaign_type", []))
        words = [r["trigger"] for r in gaz.res.rows("event_triggers.csv") if r["event_type"] in named]
        campaigns = sorted({name for r in gaz.res.rows("campaigns.csv")
                            for name in (r["name"], *filter(None, r["variants"].split("|")))
                            if any(w in name for w in words)} - set(values["not_marker"]))  # type: ignore[arg-type]
        values["not_marker"] = (*values["not_marker"], *campaigns)  # type: ignore[misc]
        values["narrator_side"] = next(iter(by_kind.get("narrator_side", [])), "")
        values["implicit_sentences"] = int(next(iter(by_kind.get("implicit_sentences", [])), "2"))
        values["between_list"] = int(next(iter(by_kind.get("between_list", [])), "3"))
        values["quoted_term_chars"] = int(next(iter(by_kind.get("quoted_term_chars", [])), "5"))
        return cls(**values)  # type: ignore[arg-type]


class MentionIndex:
    """Mentions sorted by start, with the lookups the extractor needs in O(log n)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]

    def within(self, lo: int, hi: int) -> list[Mention]:
        """Mentions wholly inside ``[lo, hi)``."""
        i = bisect.bisect_left(self.starts, lo)
        j = bisect.bisect_left(self.starts, hi)
        return [m for m in self.items[i:j] if m.end <= hi]

    def last_ending_by(self, pos: int) -> Mention | None:
        """The last mention that ends at or before ``pos`` (mentions do not overlap)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        while i >= 0 and self.items[i].end > pos:
            i -= 1
        return self.items[i] if i >= 0 else None

    def next_after(self, pos: int) -> Mention | None:
        """The first mention that starts at or after ``pos``."""
        i = bisect.bisect_left(self.starts, pos)
        return self.items[i] if i < len(self.items) else None


def all_offsets(text: str, word: str) -> list[int]:
    """Every offset of ``word`` in ``text``."""
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def occurrences(text: str, word: str, not_markers: tuple[str, ...], lo: int = 0, hi: int | None = None) -> list[int]:
    """Offsets of ``word`` in ``text[lo:hi]`` that are not inside one of the ``not_markers`` compounds.

    A marker word is often part of a compound that means something else (未 of 未经战斗, 被 of 被迫,
    向 of 方向, 令 of 司令): those compounds are listed as data and skipped here.
    """
    hi = len(text) if hi is None else hi
    found = []
    i = text.find(word, lo, hi)
    while i >= 0:
        if not any(text.startswith(x, i - k) for x in not_markers if word in x
                   for k in all_offsets(x, word) if i - k >= 0):
            found.append(i)
        i = text.find(word, i + 1, hi)
    return found


def listed(view: str, a: Mention, b: Mention) -> bool:
    """Are ``a`` and ``b`` neighbours in one list (X、Y: only separators between them)?"""
    return a.start < b.start and all(ch in LIST_JOINERS for ch in view[a.end:b.start])


def list_with(view: str, items: list[Mention], k: int) -> list[Mention]:
    """``items[k]`` and the items listed with it (X、Y、Z: only separators between neighbours).

    ``items`` are sorted and do not overlap, so the list is the run of neighbours
    around ``items[k]``; testing every pair instead was cubic in the places of a
    sentence (a 衡阳、衡阳、… line took minutes per trigger).
    """
    lo = hi = k
    while lo > 0 and listed(view, items[lo - 1], items[lo]):
        lo -= 1
    while hi + 1 < len(items) and listed(view, items[hi], items[hi + 1]):
        hi += 1
    return items[lo: hi + 1]
