"""PLACE tagger for names that no gazetteer lists, found from their context.

Villages, hills and strongpoints (马驹岭, 白鹤铺, 新安店) are too many for any
gazetteer; a historian recognizes them from the words around them: a verb
of movement or capture before (攻占X, 进至X, 集结于X), a position word after
(X失守, X以北, X一带), an ending that names a kind of place (镇, 铺, 街, 山,
河, 机场), and membership in a list with a known place (瓮江、浯口). The
context words live in ``gazetteers/place_context.csv``.
"""

from __future__ import annotations

import functools
import re

from extract.gazetteer import Gazetteer, longest_first
from extract.lexicon import is_common_word, is_place_word, private_jieba
from extract.mention import Mention

_NAME_CHARS = re.compile(r"[\u4e00-\u9fff]+")
@functools.lru_cache(maxsize=65536)
def _word_spans(window: str) -> tuple[tuple[int, int], ...]:
    """jieba's words of a short window as (start, end) pairs; windows repeat, so they are cached."""
    spans, pos = [], 0
    for piece in private_jieba().cut(window, HMM=False):
        spans.append((pos, pos + len(piece)))
        pos += len(piece)
    return tuple(spans)


@functools.lru_cache(maxsize=65536)
def _words_hmm(chunk: str) -> tuple[str, ...]:
    """jieba's words with its HMM guesses for unknown names (马驹|岭); contexts repeat, so cached."""
    return tuple(private_jieba().cut(chunk, HMM=True))


class PlaceContextTagger:
    """Weak PLACE candidates from context; the caller keeps them only in gaps."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.not_in_name = gaz.grammar.not_in_place_name
        self.after_ending = gaz.grammar.after_place_ending
        self.digits = frozenset("0123456789" + gaz.grammar.numeral_chars)
        rows = gaz.res.rows("place_context.csv")
        self.before = longest_first(r["value"] for r in rows if r["kind"] == "before")
        self.after = longest_first(r["value"] for r in rows if r["kind"] == "after")
        self.endings = longest_first(r["value"] for r in rows if r["kind"] == "ending")
        self.separators = {r["value"] for r in rows if r["kind"] == "separator"}
        self.directions = {r["value"] for r in rows if r["kind"] == "direction"}
        self.not_places = {r["value"] for r in rows if r["kind"] == "not_place"}
        self.campaigns = longest_first(r["value"] for r in rows if r["kind"] == "campaign")
        self.before_re = re.compile("|".join(re.escape(w) for w in self.before))
        self.after_re = re.compile("|".join(re.escape(w) for w in self.after))

    # -- shape of a candidate -------------------------------------------------
    def _ending(self, name: str) -> str:
        for ending in self.endings:
            if name.endswith(ending) and len(name) > len(ending):
                return ending
        return ""

    def _plausible(self, name: str, strict: bool) -> bool:
        """Could ``name`` be a place name? ``strict`` asks for positive evidence."""
        if not 2 <= len(name) <= 4 or any(ch in self.not_in_name or ch in self.digits for ch in name):
            return False
        if name.endswith("城") and len(name) >= 3:
            return False  # 衢州城: the city is 衢州; the caller tries the stem
        if (name in self.gaz.place_stoplist or name in self.not_places or name in self.directions
                or is_common_word(name)):
            return False
        if len(name) == 4 and not self._ending(name):
            return False
        if is_place_word(name) or self._ending(name):
            return True
        return not strict

    def _cut(self, view: str, start: int, limit: int = 5) -> str:
        """The name starting at ``start``: up to the next boundary word or punctuation."""
        m = _NAME_CHARS.match(view, start, start + limit)
        if not m:
            return ""
        name = m.group()
        after = self.after_re.search(name)
        if after and after.start() >= 2:
            name = name[: after.start()]
        for i, ch in enumerate(name):
            if ch in self.not_in_name or ch in self.separators:
                name = name[:i]
                break
        # Cut a trailing verb that starts the next clause (进至X进攻 ...).
        before = self.before_re.search(name, 2)
        if before:
            name = name[: before.start()]
        return name

    def _tail(self, view: str, end: int) -> str:
        """The name ending at ``end``: jieba's last word, joined to the one before
        when it is a single character (马驹|岭 -> 马驹岭, 命|西江 -> 西江)."""
        chunk = view[max(0, end - 8): end]
        words = _words_hmm(chunk)
        if not words:
            return ""
        name = words[-1]
        if len(name) == 1 and len(words) > 1:
            name = words[-2] + name
        return name if all(_NAME_CHARS.fullmatch(c) and c not in self.not_in_name for c in name) else ""

    # -- candidates -----------------------------------------------------------
    def tag(self, view: str, known: list[Mention]) -> list[Mention]:
        """Candidates after/before context words and in lists of known places."""
        found: dict[tuple[int, int], Mention] = {}

        def add(start: int, name: str, source: str) -> None:
            if name:
                found.setdefault((start, start + len(name)),
                                 Mention(start, start + len(name), "PLACE", name, source=source))

        for m in self.before_re.finditer(view):
            name = self._cut(view, m.end())
            nxt = view[m.end() + len(name): m.end() + len(name) + 2]
            boundary = (not nxt or not _NAME_CHARS.match(nxt[0]) or nxt[0] in self.separators
                        or bool(self.after_re.match(view, m.end() + len(name))))
            if boundary and self._plausible(name, strict=len(m.group()) == 1):
                add(m.end(), name, "context")
        for m in self.after_re.finditer(view):
            name = self._tail(view, m.start())
            if self._plausible(name, strict=True):
                add(m.start() - len(name), name, "context")
        # Lists: a name after a separator that follows a place is a place too.
        places = sorted([*(k for k in known if k.label == "PLACE"), *found.values()], key=lambda x: x.start)
        known_starts = {k.start for k in known}
        separators = longest_first(self.separators)
        i = 0
        while i < len(places):
            place = places[i]
            i += 1
            pos = place.end
            sep = next((s for s in separators if view.startswith(s, pos)), "")
            if not sep:
                continue
            start = pos + len(sep)
            name = self._cut(view, start)
            if (start, start + len(name)) in found or start in known_starts:
                continue
            strict = sep in (",", "，", "和", "与", "及")
            if self._plausible(name, strict=strict):
                add(start, name, "list")
                places.insert(i, found[(start, start + len(name))])
        return sorted(found.values(), key=lambda x: (x.start, x.end))

    def _is_county(self, norm: str) -> bool:
        entry = self.gaz.places.get(norm)
        return entry is not None and entry.kind.endswith("county")

    def extensions(self, view: str, known: list[Mention]) -> list[Mention]:
        """A known place followed by an ending (新安+店, 浏阳+河, 新竹+机场)."""
        out: list[Mention] = []
        for k in known:
            if k.label != "PLACE":
                continue
            for ending in self.endings:
                if not view.startswith(ending, k.end):
                    continue
                if ending == "市" and not self._is_county(k.norm):
                    continue  # 长沙市 is the city; after a county name, X市 is a market town (永安市)
                end = k.end + len(ending)
                nxt = view[end: end + 1]
                if len(ending) == 1 and nxt and _NAME_CHARS.match(nxt) and nxt not in self.after_ending:
                    continue
                name = view[k.start:end]
                if is_common_word(name):
                    continue
                norm = name if name != k.norm + ending else k.norm + ending
                out.append(Mention(k.start, end, "PLACE", norm, source="extension"))
                break
        return out

    def drop_campaign_names(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """Remove places that only name a campaign or war (长沙会战, 长沙、衡阳会战, 太平洋战争).

        A historian reads 长沙会战 as the name of an operation, not as a
        mention of the city; a list of places before the word (长沙、衡阳会战)
        is one campaign name too. Read right to left so the list inherits.
        """
        dropped: set[int] = set()
        for i in range(len(mentions) - 1, -1, -1):
            m = mentions[i]
            if m.label != "PLACE":
                continue
            if any(view.startswith(w, m.end) for w in self.campaigns):
                dropped.add(i)
                continue
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if (nxt is not None and i + 1 in dropped and nxt.label == "PLACE"
                    and (nxt.start == m.end or (nxt.start - m.end == 1 and view[m.end] in self.separators))):
                dropped.add(i)  # 长沙、衡阳会战 and 豫西鄂北会战 are one campaign name each
        return [m for i, m in enumerate(mentions) if i not in dropped]

    def splits_a_word(self, view: str, start: int, end: int) -> bool:
        """Does jieba read a word that starts inside ``view[start:end]`` and runs past it (据城固守)?

        Administrative names are many and short; a two-character county name
        often appears inside ordinary words (城固 in 据城固守: 据|城|固守).
        A word that only glues a preposition on the left (从金华, 向上|高)
        or a suffix on the right (洛阳城) leaves the name intact.
        """
        lo, hi = max(0, start - 4), min(len(view), end + 4)
        return any(start - lo < s < end - lo < e for s, e in _word_spans(view[lo:hi]))

    def drop_directions(self, mentions: list[Mention]) -> list[Mention]:
        """Remove a direction word read as a region right after a place or unit (许昌西南)."""
        out: list[Mention] = []
        for m in mentions:
            prev = out[-1] if out else None
            if (m.label == "PLACE" and m.norm in self.directions and prev is not None
                    and prev.end == m.start and prev.label in ("PLACE", "UNIT")):
                continue
            out.append(m)
        return out
