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

from extract.boundaries import LineIndex
from extract.gazetteer import Gazetteer, longest_first
from extract.numerals import CHINESE_DIGITS, to_int
from extract.read import make_view
from extract.resources import FOREIGN_SIDES

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _within_longer(span: tuple[int, int], units: list[tuple[int, int]]) -> bool:
    """Does a unit mention hold ``span`` in the middle of its name (晋军 inside 冀晋军区; not 野战军 ending
    晋察冀野战军, which is that word's own use)?"""
    s, e = span
    return any(a <= s and e < b for a, b in units)


def parse_reference(value: str) -> tuple[int, int | None, int | None]:
    """``1944``, ``1944-04`` or ``1944-04-01`` as (year, month, day); ValueError otherwise."""
    m = _ISO.match(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a reference date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    return year, int(month) if month else None, int(day) if day else None


# A narrator's word said once in a long text may be another's, reported (俘虏说…不晓得共军到了他们后头, in a PLA
# memoir); the narrator's own voice uses its words again and again: once in every so many characters at least.
_NARRATOR_VOICE_CHARS = 1200
_VOICE_VOTES = 2  # designations opened by 我 or 敌 that turn the conflict's usual narrator round
_FOREIGN_NAMED = 10  # an ally's formations and commanders named at least so often before its 我军 is the ally's
_CHINESE = ("CN", "CCP", "KMT")


@dataclass(frozen=True, slots=True)
class Campaign:
    name: str
    start: str
    end: str
    conflict: str


def _median(dates: list[tuple[int, int | None]]) -> tuple[int, int | None]:
    """The median of the (year, month) dates a text states: what its years say of the conflict it narrates."""
    return sorted(dates, key=lambda d: (d[0], d[1] or 0))[len(dates) // 2]


class NarrativeResolver:
    """Campaign names of one gazetteer, matched in one automaton pass; conflicts and narrator words."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.conflicts = [(r["conflict"], r["start"], r["end"], r["narrator"], r["enemy"])
                          for r in gaz.res.rows("conflicts.csv")]
        # The conflict's code for a side by echelon alone (civil war: a CN 纵队 is CCP), for the voices.
        self.echelon_sides = [(r["conflict"], r["side"], r["echelon"], r["becomes"])
                              for r in gaz.res.rows("conflict_sides.csv")
                              if r["echelon"] and r["becomes"] and r["becomes"] != "NARRATOR"]
        # A conflict whose evidence is ``campaign`` is only ever named by a campaign (皖南事变): its years
        # overlap another's, so neither a text's years nor its sides choose it.
        self.by_campaign_only = {r["conflict"] for r in gaz.res.rows("conflicts.csv")
                                 if "campaign" in r["evidence"].split()}
        self.evidence = [(r["conflict"], set(r["evidence"].split())) for r in gaz.res.rows("conflicts.csv")
                         if r["evidence"]]
        self.not_before_campaign = tuple(gaz.res.values("grammar.csv", "not_after_campaign"))
        # 纪念平江起义两周年: a campaign remembered on its anniversary dates the story that many years after it.
        words = "|".join(map(re.escape, gaz.res.values("date_context.csv", "anniversary_word")))
        self.anniversary = re.compile(rf"(?P<n>[0-9]{{1,2}}|[{CHINESE_DIGITS}]{{1,3}})(?:{words})") if words else None
        # 我军, 我方: the narrator's own army; 苏军, 美军: an army named by its country (side_words.csv).
        self.first_person = tuple(w for w, side in sorted(gaz.side_words.items()) if side == "NARRATOR" and len(w) > 1)
        self.country_words = [(w, side) for w, side in sorted(gaz.side_words.items()) if len(w) > 1
                              and side in FOREIGN_SIDES]
        self.narrator_words = [(make_view(r["word"]), r["narrator"]) for r in gaz.res.rows("narrator_words.csv")
                               if r["narrator"]]
        self.narrator_side = dict(self.narrator_words)
        # 日军, 美军: side words of two characters or more, counted where they stand (conflict_among).
        side_words = {make_view(w): side for w, side in gaz.side_words.items() if len(w) > 1}
        self.side_word_pattern = (re.compile("|".join(map(re.escape, longest_first(side_words))))
                                  if side_words else None)
        self.side_word_side = side_words
        self.narrator_pattern = (re.compile("|".join(map(re.escape, longest_first(self.narrator_side))))
                                 if self.narrator_side else None)
        words: dict[str, list[str]] = {}
        # Words that also date a story they are in from a month (第一野战军 was named in 1949).
        self.dating_words: list[tuple[str, str, str]] = []
        for r in gaz.res.rows("conflict_words.csv"):
            words.setdefault(r["conflict"], []).append(make_view(r["word"]))
            if r.get("from"):
                self.dating_words.append((make_view(r["word"]), r["conflict"], r["from"][:7]))
        # One pattern per conflict, longest word first: 第一野战军 is one word of evidence, not three
        # (野战军 and 一野 inside it).
        self.conflict_words = {c: re.compile("|".join(map(re.escape, longest_first(ws)))) for c, ws in words.items()}
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

    def conflict_of_years(self, dates: list[tuple[int, int | None]]) -> str:
        """The conflict of the dates a text states (their median), where only one conflict's span holds it.

        A date two conflicts share (1937 with no month, 1950 with no month) decides nothing.
        """
        holding = self.conflicts_of_years(dates)
        return holding[0] if len(holding) == 1 else ""

    def conflicts_of_years(self, dates: list[tuple[int, int | None]]) -> list[str]:
        """Every conflict whose span holds the median of the dates a text states (the narrowest of nested ones):
        1932 is both the civil war's and the war with Japan's (一二八淞沪抗战, 长城抗战)."""
        if not dates:
            return []
        year, month = _median(dates)
        # A month is read at its middle (1937年7月 is the war with Japan's, not the civil war's last days).
        lo, hi = (f"{year:04d}-{month:02d}-15",) * 2 if month else (f"{year:04d}-01", f"{year:04d}-12-31")
        holding = [(c, start, end) for c, start, end, _, _ in self.conflicts
                   if start <= hi and lo[:len(end)] <= end and c not in self.by_campaign_only]
        # A conflict whose span holds another one that holds the date is the wider frame (the warlord
        # era around the Northern Expedition): the narrower one is meant.
        return [c for c, start, end in holding
                if not any((s, e) != (start, end) and start <= s and e <= end for _, s, e in holding)]

    def worded_of_years(self, view: str, dates: list[tuple[int, int | None]]) -> str:
        """A conflict named by its campaign whose span holds the median of the text's dates and whose own
        words the text uses twice (苏俄 … 东北边防军 in October 1929: the Sino-Soviet war, not the civil war whose
        years hold it too)."""
        year, month = _median(dates) if dates else (0, None)
        if not month:
            return ""
        at = f"{year:04d}-{month:02d}-15"
        for conflict, start, end, _, _ in self.conflicts:
            pattern = self.conflict_words.get(conflict)
            if conflict in self.by_campaign_only and pattern is not None and start <= at and at[:len(end)] <= end \
                    and len(pattern.findall(view)) >= 2:
                return conflict
        return ""

    def conflict_among(self, view: str, sides: list[str], among: list[str]) -> str:
        """Of the conflicts a text's years fall in, the one its sides show at least twice (a 1932 text with
        日军 and 师团 is the war with Japan), else the first in file order (one passing 日本 in a 1934 account
        of the Long March does not make it the war with Japan)."""
        # 日军 said twice is shown twice (the sides list holds each side word once, so each further time counts).
        said = [self.side_word_side[m.group()] for m in self.side_word_pattern.finditer(view)] \
            if self.side_word_pattern else []
        for conflict, evidence in self.evidence:
            if conflict in among and sum(sides.count(e) + max(0, said.count(e) - 1) for e in evidence) >= 2:
                return conflict
            # 赤卫队 … 苏维埃 in December 1927: the civil war, not the Northern Expedition its months share.
            pattern = self.conflict_words.get(conflict) if "conflict_words" in evidence else None
            if conflict in among and pattern is not None and len(pattern.findall(view)) >= 2:
                return conflict
        return next(c for c, *_ in self.conflicts if c in among)

    def conflict_of_sides(self, view: str, sides: list[str], units: list[tuple[int, int]] | None = None) -> str:
        """With no campaign and no year: the conflict whose evidence the text holds most (file order breaks ties).

        Evidence is a side its designations and names show (师团: JP; ``unit:KMT``: a side its designations alone
        show, 黄杰兵团, not a person's party), ``conflict_words`` (two words of
        conflict_words.csv only that war's narratives use: 直军, 奉军; 野战军), or ``narrator_words``
        (共军, 解放军: the civil war); the conflict marked ``default`` decides when nothing does.
        """
        named = set(sides)
        narrators = {side for word, side in self.narrator_words if word in view}
        # Where the sides shown are evidence of more than one conflict, the one shown most often wins (a Korean
        # War page with 美军 and 韩军 throughout is not the war with Japan for one 韩伪 or 从日本空运); a tie
        # falls to file order, and a conflict before them whose words the text holds (直军, 西北军) still wins.
        shown = [(sum(sides.count(e) for e in evidence), conflict) for conflict, evidence in self.evidence
                 if evidence & named]
        for conflict, evidence in self.evidence:
            if evidence & named:
                return max(shown, key=lambda pair: pair[0])[1]
            # 直军 … 奉军: two words only this war's narratives use (a page that never states its year).
            pattern = self.conflict_words.get(conflict) if "conflict_words" in evidence else None
            # A word inside a longer unit's name is not that word (the 晋军 of 冀晋军区).
            if pattern is not None and sum(not _within_longer(m.span(), units or [])
                                           for m in pattern.finditer(view)) >= 2:
                return conflict
            if "narrator_words" in evidence:
                pair = next(((n, e) for c, _, _, n, e in self.conflicts if c == conflict), ("", ""))
                if narrators & set(pair):
                    return conflict
        return next((conflict for conflict, evidence in self.evidence if "default" in evidence), "")

    def _foreign_narrator(self, view: str, default: tuple[str, str], sides: list[str]) -> str:
        """A translated Soviet or American history: the text says 我军 again and again, names that ally's
        formations and commanders far more often than China's, and seldom names that army by its country (苏军).
        Its 我军 is that ally's."""
        first = sum(view.count(w) for w in self.first_person)
        if first < max(_VOICE_VOTES, len(view) // _NARRATOR_VOICE_CHARS):
            return ""
        chinese = sum(sides.count(s) for s in _CHINESE)
        for side in sorted({s for s in sides if s in FOREIGN_SIDES} - set(default)):
            named = sides.count(side)
            country = sum(view.count(w) for w, s in self.country_words if s == side)
            if named >= _FOREIGN_NAMED and named >= 2 * chinese and 2 * country < first:
                return side
        return ""

    def narrator(self, view: str, conflict: str, voices: list[tuple[str, str, str]] | None = None,
                 sides_seen: list[str] | None = None) -> tuple[str, str]:
        """The narrator's side and its enemy: the designations its own and its enemy's words open (我第5师团,
        敌第5军: a translated Japanese war history), else the words the text uses of the two sides, else the
        conflict's own."""
        default = next(((n, e) for c, _, _, n, e in self.conflicts if c == conflict), ("", ""))
        if not default[0]:
            return default
        sides = {default[0], default[1]}
        # Each designation after 我 votes for its side as the narrator, each after 敌 for the other side.
        votes = dict.fromkeys(default, 0)
        for role, side, norm in voices or ():
            # 我第六纵队: a column is China's by its echelon, and the civil war's columns are the PLA's.
            side = next((b for c, s, e, b in self.echelon_sides if c == conflict and s == side
                         and any(part.endswith(e) for part in norm.split("/"))), side)
            if side in sides:
                votes[side if role == "NARRATOR" else next(iter(sides - {side}))] += 1
        if votes[default[1]] >= _VOICE_VOTES and votes[default[1]] > 2 * votes[default[0]]:
            return default[1], default[0]
        foreign = self._foreign_narrator(view, default, sides_seen or [])
        if foreign:
            return foreign, default[1]
        if votes[default[0]] >= _VOICE_VOTES and votes[default[0]] > 2 * votes[default[1]]:
            return default  # 我晋冀鲁豫野战军第四纵队, 我太岳军区部队: whatever 阎匪 and 胡匪 call the enemy
        counts: dict[str, int] = {}
        # Longest word first, each character counted once: 阎匪 (a mainland dispatch's word for 阎锡山's army) is
        # not also the 匪 of a Taiwan history.
        for m in self.narrator_pattern.finditer(view) if self.narrator_pattern else ():
            side = self.narrator_side[m.group()]
            if side in sides:
                counts[side] = counts.get(side, 0) + 1
        best = max(sorted(counts), key=lambda s: counts[s], default="")
        if best and counts[best] >= max(1, len(view) // _NARRATOR_VOICE_CHARS) and best != default[0]:
            return best, default[0]
        return default

    def resolve(self, view: str, given: str = "", given_source: str = "",
                years: list[tuple[int, int | None]] | None = None, sides: list[str] | None = None,
                units: list[tuple[int, int]] | None = None,
                voices: list[tuple[str, str, str]] | None = None) -> dict[str, object]:
        """The document's reference date, campaign, conflict and narrator.

        The date: a user's first, else the campaign named most. The conflict: the campaign's, else the one the
        text's years fall in. The narrator: the side whose own words the text uses (国军, 共军, 匪 for a
        Nationalist narrator; 解放军, 蒋军 for a Communist one), else the conflict's usual narrator.
        """
        # A campaign's name inside a unit's (四野西路军) or running on into an army's (北伐军排长) is no campaign.
        inside = bytearray(len(view) + 1)
        for a, b in units or ():
            inside[a:b] = b"\x01" * (b - a)
        # One named inside a quotation (他说:"回想当年北伐出师…") is a speaker's memory, not the text's campaign;
        # a quotation mark that opens the name itself (“一二八”淞沪抗战) does not count.
        lines = LineIndex(view)
        found = [c for c in self.campaigns(view) if inside.find(1, c[0], c[1]) < 0
                 and not view.startswith(self.not_before_campaign or ("\x00",), c[1])
                 and (view[c[0] - 1: c[0]] == "“" or not lines.in_quote(c[0], corner=False))]
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
            after = self.anniversary.match(view, best[0][1]) if self.anniversary else None
            years_on = to_int(after.group("n")) if after else None
            if years_on:
                # The story is the anniversary's, outside the campaign's own span (its months no longer fall in it).
                out.update(year=int(campaign.start[:4]) + years_on, window=None)
        if given:
            year, month, day = parse_reference(given)
            out.update(year=year, month=month, day=day, source=given_source or "given", window=None)
        if not out["conflict"]:
            stated = [*(years or []), *([(out["year"], out["month"])] if given else [])]
            holding = self.conflicts_of_years(stated)  # type: ignore[arg-type]
            out["conflict"] = (self.worded_of_years(view, stated) or (  # type: ignore[arg-type]
                holding[0] if len(holding) == 1 else self.conflict_among(view, sides or [], holding)
                if holding else self.conflict_of_sides(view, sides or [], units or [])))
        out["narrator"], out["enemy"] = self.narrator(view, str(out["conflict"]), voices,
                                                      [s for s in (sides or []) if not s.startswith("unit:")])
        out["period"] = self.period(out, years or []) or max(
            (since for word, conflict, since in self.dating_words if conflict == out["conflict"] and word in view),
            default="")
        return out

    @staticmethod
    def period(out: dict[str, object], years: list[tuple[int, int | None]]) -> str:
        """The month the story is told in (YYYY-MM): the campaign's start, else the given date, else the
        median of the dates the text states (conflict_sides.csv rules that hold ``from`` a month)."""
        if out["source"] == "campaign" and out["window"]:
            return str(out["window"][0])[:7]  # type: ignore[index]
        if out["year"]:
            return f"{out['year']:04d}-{out['month'] or 1:02d}"
        if not years:
            return ""
        year, month = sorted(years, key=lambda d: (d[0], d[1] or 0))[len(years) // 2]
        return f"{year:04d}-{month or 1:02d}"
