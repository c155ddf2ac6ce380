"""Run every raw-text recognizer over one text and choose one reading per span.

Strong candidates (gazetteer names, unit designations, names after a title)
are chosen longest first, then leftmost, so 桂林方面军 beats 桂林 and
中国派遣军 beats 中国. Weak candidates (places from context) only fill the
gaps the strong ones leave. The result never has overlapping mentions,
which is what spaCy's ``doc.ents`` and the segmenter need.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from extract.gazetteer import Entry, Gazetteer
from extract.lexicon import jieba_lexicon
from extract.mention import Mention
from extract.read import make_view
from extract.tag.dates import DateTagger
from extract.tag.persons import PersonContextTagger
from extract.tag.places import PlaceContextTagger
from extract.tag.units import UnitTagger


def choose(candidates: Iterable[Mention], taken: list[Mention] | None = None) -> list[Mention]:
    """Non-overlapping subset: longest first, then leftmost, then a listed unit; ``taken`` stay.

    An occupancy map of the characters keeps this linear in the text length
    (a pairwise overlap test was quadratic in the number of mentions).
    """
    chosen = list(taken or [])
    # A member of a list a unit closes (太岳 of 太行、太岳、冀南纵队) wins a tie with a place of that name.
    ordered = sorted(candidates, key=lambda m: (-m.length, m.start, m.source != "list" or m.label != "UNIT", m.label))
    size = max((m.end for m in [*chosen, *ordered]), default=0)
    occupied = bytearray(size)
    for m in chosen:
        occupied[m.start:m.end] = b"\x01" * m.length
    for cand in ordered:
        if occupied.find(1, cand.start, cand.end) < 0:
            chosen.append(cand)
            occupied[cand.start:cand.end] = b"\x01" * cand.length
    return sorted(chosen, key=lambda m: m.start)


class Recognizer:
    """All taggers of one gazetteer, compiled once."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.units = UnitTagger(gaz)
        self.persons = PersonContextTagger(gaz)
        self.places = PlaceContextTagger(gaz)
        self.dates = DateTagger(gaz)
        self.side_words = sorted(gaz.side_words, key=lambda w: (-len(w), w))
        self.echelons = sorted(gaz.echelons, key=lambda e: (-len(e.word), e.word))
        self.region_words = sorted((r["value"] for r in gaz.res.rows("name_context.csv")
                                    if r["kind"] == "region_formation"), key=lambda w: (-len(w), w))

    def gazetteer_matches(self, view: str) -> list[tuple[int, int, Entry]]:
        out = []
        for start, end, entries in self.gaz.iter_matches(view):
            for entry in entries:
                if entry.label == "UNIT" and self._inside_side_word(view, start, end):
                    continue  # 南朝鲜军第6师: no Japanese 朝鲜军 inside the side word 南朝鲜军
                out.append((start, end, entry))
        return out

    def _inside_side_word(self, view: str, start: int, end: int) -> bool:
        """True when a longer side word ends at ``end`` and begins before ``start``."""
        return any(len(w) > end - start and view.startswith(w, end - len(w)) for w in self.side_words)

    def recognize(self, text: str, view: str | None = None, errata: tuple[str, ...] = ()) -> list[Mention]:
        """UNIT, PERSON and PLACE mentions of ``text``, non-overlapping, sorted.

        ``errata`` names the printed sources whose misprints (errata.csv) this text shares: each misprint
        is then a name of the right one, and wins over a real name spelled the same (a source's 桂阳 for 桂林).
        """
        view = view if view is not None else make_view(text)
        matches = self.gazetteer_matches(view)
        if errata:
            fixes = self.gaz.errata_matches(view, errata)
            spans = {(start, end) for start, end, _ in fixes}
            matches = sorted([*(m for m in matches if (m[0], m[1]) not in spans), *fixes],
                             key=lambda m: (m[1], m[0], m[2].label))  # the automaton's order: by end
        unit_names = [(s, e, en) for s, e, en in matches if en.label == "UNIT" and not self._inside_word(view, s, e)]
        units = self.units.tag(view, unit_names)
        strong: list[Mention] = list(units)
        for start, end, entry in matches:
            if entry.label == "UNIT":
                continue
            if entry.kind.startswith("admin") and end - start == 2 and self.places.splits_a_word(view, start, end):
                continue  # 据城固守: the county 城固 is an accident of two ordinary words
            if entry.kind.startswith("admin") and end - start == 2 and self.places.noun_led(view, start, end):
                continue  # 向淡水城疾进: 淡水 is one word, the county 水城 an accident
            if entry.kind.startswith("admin") and end - start == 2 and self.places.preposition_led(view, start, end):
                continue  # 包围于田肚里: 于 is the clause's preposition, the county 于田 an accident
            if entry.label == "PLACE" and self.places.cuts_a_district(view, start, end):
                continue  # 突入牡丹江市区: 市区 is the city's urban district; the city is 牡丹江 (matched too)
            strong.append(Mention(start, end, entry.label, entry.norm, entry.side,
                                  "gazetteer" if entry.side else "", source="gazetteer"))
        strong.extend(self.persons.tag(view, units))
        strong.extend(self.dates.tag(view))
        chosen = self.places.extend_prefix(view, self._region_formations(view, self._person_formations(
            view, choose(strong))))
        short = self.units.surname_forms(view, chosen, tuple(self.persons.formation_words))
        if short:  # 邱兵团 after 邱清泉兵团: what the short forms overlap (a PERSON 区兵团) gives way
            cover = bytearray(len(view) + 1)
            for m in short:
                cover[m.start:m.end] = b"\x01" * (m.end - m.start)
            chosen = choose(short, [m for m in chosen if cover.find(1, m.start, m.end) < 0])
            chosen.sort(key=lambda m: (m.start, m.end))
        extensions = self.places.extensions(view, chosen)
        if extensions:
            ext_ids = {(m.start, m.end) for m in extensions}
            inside = bytearray(len(view) + 1)
            for e in extensions:
                inside[e.start:e.end] = b"\x01" * (e.end - e.start)
            # Drop what an extension swallows (新安 inside 新安店), keep the extensions themselves.
            kept = [m for m in chosen if (m.start, m.end) in ext_ids
                    or inside.find(0, m.start, m.end) >= 0]
            chosen = choose(extensions, kept)
        weak = self.places.tag(view, chosen)
        chosen = choose(weak, chosen)
        chosen = self.places.drop_directions(view, self.places.drop_campaign_names(view, chosen))
        chosen = choose(self.persons.troops_of(view, chosen, self.places.splits_a_word), chosen)
        chosen = choose(self.persons.listed(view, chosen), chosen)
        chosen = choose(self.persons.unknown_words(view, chosen, self.places.ending_chars), chosen)
        chosen = self.persons.by_title(view, self.persons.propagate(view, chosen, self.places.splits_a_word))
        chosen = self.persons.given_names(view, self.persons.by_surname(view, chosen, self.places.splits_a_word))
        # Last: a name any other reading finds (the gazetteer's, one propagated with its side) is taken first.
        chosen = choose(self.persons.leaders(view, chosen, self.places.splits_a_word), chosen)
        return self.places.propagate(view, chosen)


    def _inside_word(self, view: str, start: int, end: int) -> bool:
        """中央军 in 中央军委: a listed name that begins a longer, commoner word of jieba's is that word's part.

        The longer word must not be a listed name itself (八路军总部 is a unit of its own).
        """
        lexicon = jieba_lexicon()
        own = lexicon.get(view[start:end], (0, ""))[0]
        for k in (1, 2):
            word = view[start: end + k]
            if end + k <= len(view) and lexicon.get(word, (0, ""))[0] > max(own, 0) and word not in self.gaz.names:
                return True
        return False

    def _person_formations(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """汤恩伯 + 集团 -> the UNIT 汤恩伯集团 (a formation named after its commander).

        ``mentions`` are sorted and do not overlap, so the word is free when the next
        mention starts after it (testing every mention was quadratic on 薛岳集团薛岳集团…).
        """
        out = []
        for i, m in enumerate(mentions):
            word = next((w for w in self.persons.formation_words if view.startswith(w, m.end)), "")
            free = i + 1 == len(mentions) or mentions[i + 1].start >= m.end + len(word)
            if m.label == "PERSON" and word and free:
                # 土肥原师团 keeps the name as written when it is the surname of the norm (土肥原贤二).
                said = view[m.start:m.end]
                norm = (said if m.norm.startswith(said) else m.norm) + word
                m = Mention(m.start, m.end + len(word), "UNIT", norm, m.side,
                            "gazetteer" if m.side else "", source="person_formation", parts=[norm])
            out.append(m)
        return out

    def _region_formations(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """鲁南 + 军区 -> the UNIT 鲁南军区: a formation named after its region, not the place inside it.

        Listed formations (冀中军区, units.csv) are matched whole already; this reads the ones nobody listed.
        Its side is its echelon's, in the conflict's codes later (a 军区 of the civil war is the PLA's); a
        designation written right after it is its subordinate, one nested mention (鲁南军区第10师).
        """
        out: list[Mention] = []
        skip = -1
        for i, m in enumerate(mentions):
            if i == skip:
                continue
            word_end = self._region_word_end(view, m) if m.label == "PLACE" else -1
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if word_end > 0 and (nxt is None or nxt.start >= word_end):
                norm = view[m.start:word_end]
                echelon = next((e for e in self.echelons if norm.endswith(e.word)), None)
                side = echelon.side if echelon is not None else ""
                end, parts = word_end, [norm]
                if nxt is not None and nxt.label == "UNIT" and nxt.start == end and nxt.source == "designation":
                    end, parts, skip = nxt.end, [norm, *nxt.parts], i + 1
                m = Mention(m.start, end, "UNIT", "/".join(parts), side, "echelon" if side else "",
                            source="region_formation", parts=parts)
            out.append(m)
        return out

    def _region_word_end(self, view: str, m: Mention) -> int:
        """Where a region-formation word after the place ``m`` ends, or -1.

        The word may share the place's last character: 安平县 + 县大队 is 安平县大队, as 献县 + 县大队 is.
        """
        for w in self.region_words:
            if view.startswith(w, m.end):
                return m.end + len(w)
            if len(w) > 1 and view[m.end - 1] == w[0] and view.startswith(w, m.end - 1):
                return m.end - 1 + len(w)
        return -1


@functools.lru_cache(maxsize=4)
def recognizer_for(gaz: Gazetteer) -> Recognizer:
    return Recognizer(gaz)
