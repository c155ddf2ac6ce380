"""Events stage: typed, dated, sided, placed military actions with evidence, and why each was kept.

For each clause of the discourse layer, the predicate frames
(``extract.event_frames``) find the trigger words; each trigger is checked
against the scopes that say it is not told as fact (negation, background,
an order or plan, a reference back, a noun use); its place(s) come from its
slots (``extract.event_slots``), its actor and side from
``extract.event_actors``, its date from the nearest resolved DATE before
it (so chains like 21日荥阳失守,23日密县失守 work). Every candidate leaves
a record of what became of it (``Explained``), which ``extract run
--explain`` writes as explain.csv. A row names the frame and slot that gave
it (``rule``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from extract.discourse import Discourse, Scopes
from extract.event_actors import UNCODED, Chain, DocumentActors
from extract.event_context import EventWords, MentionIndex, list_with
from extract.event_frames import Found, Frames, Trigger
from extract.event_slots import Slots
from extract.gazetteer import Gazetteer
from extract.mention import Mention
from extract.sides import SideFrame
from extract.timeline import thread_pattern

# How far into its line a dispatch's place of origin may start (○汉口电: a mark before it).
_DATELINE_LEAD = 4


def _dateline_origin(d: Discourse, place: Mention) -> bool:
    """○汉口电　十日: the place a dispatch was sent from, at the start of its line before 电, is where the
    news came from, not where anything it tells happened."""
    line = d.view.rfind("\n", 0, place.start) + 1
    return place.start - line <= _DATELINE_LEAD and d.view.startswith(d.grammar.dateline_words or ("\x00",),
                                                                        place.end)


def _one_of_each_gloss(view: str, places: list[Mention], openers: tuple[str, ...]) -> list[Mention]:
    """A place and the gloss of its modern name are one place, so one target.

    吴兴（今湖州）: the row names it as it is called today (湖州); 腾冲县城(今腾冲市): the gloss only adds an
    ending to the same name, so the place told is kept.
    """
    drop: set[int] = set()
    for i, m in enumerate(places):
        opener = next((o for o in openers if view.endswith(o, 0, m.start)), "")
        if not opener or i == 0:
            continue
        before = places[i - 1]
        if len(view[before.end: m.start - len(opener)].strip()) > 2:
            continue  # the gloss is of something else (腾冲县城(今…): the town word may stand between)
        drop.add(i if m.norm.startswith(before.norm) else i - 1)
    return [m for i, m in enumerate(places) if i not in drop]


@dataclass(slots=True)
class Event:
    """One row of events.csv (before numbering)."""

    date: str
    part_of_day: str
    time: str
    event_type: str
    actor: str
    actor_side: str
    place: str
    trigger: str
    start: int
    end: int
    trigger_start: int
    # The place's coordinates from the gazetteer (None where it has none).
    lat: float | None = None
    lon: float | None = None
    # The frame, slot and actor reading that produced the row (lexicon/object/clause, frame:克/goal/chain).
    rule: str = ""


@dataclass(slots=True)
class Explained:
    """What became of one trigger candidate: a row, or the filter that dropped it."""

    start: int
    end: int
    trigger: str
    event_type: str
    outcome: str
    detail: str = ""


class EventExtractor:
    """Frames, slots, scopes and actor readings of one gazetteer directory; one serves every thread."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.g = gaz.grammar
        self.w = EventWords.from_gazetteer(gaz)
        self.frames = Frames(gaz, self.w)
        self.slots = Slots(gaz, self.w)
        self.scopes = Scopes(self.w)
        self.thread = thread_pattern(gaz)

    def extract(self, view: str, mentions: list[Mention], frame: SideFrame | None = None,
                discourse: Discourse | None = None, words: list[tuple[int, int]] | None = None) -> list[Event]:
        """All events of one document, in text order, deduplicated; sides in the ``frame``'s codes."""
        return self.explain(view, mentions, frame, discourse, words)[0]

    def explain(self, view: str, mentions: list[Mention], frame: SideFrame | None = None,
                discourse: Discourse | None = None,
                words: list[tuple[int, int]] | None = None) -> tuple[list[Event], list[Explained]]:
        """The events, and a record for every trigger candidate of what became of it."""
        d = discourse or Discourse.build(view, self.g)
        actors = DocumentActors(self.gaz, self.w, view, mentions, frame)
        return _Reading(self, d, actors, mentions, words or []).run()


class _Reading:
    """One document's pass over its clauses (per call: nothing of a document stays on the extractor)."""

    def __init__(self, ex: EventExtractor, d: Discourse, actors: DocumentActors, mentions: list[Mention],
                 words: list[tuple[int, int]]) -> None:
        self.ex, self.w, self.d, self.actors = ex, ex.w, d, actors
        # A date the text leaves partly open (XXXX-05-24) still dates an event: such rows are kept.
        self.dates = MentionIndex([m for m in mentions if m.label == "DATE" and any(ch.isdigit() for ch in m.norm)])
        self.units = MentionIndex([m for m in mentions if m.label == "UNIT"])
        places = [m for m in mentions if m.label == "PLACE" and not _dateline_origin(d, m)]
        self.places = MentionIndex(_one_of_each_gloss(d.view, places, ex.w.gloss_before))
        self.persons = MentionIndex([m for m in mentions if m.label == "PERSON"])
        self.threads = [m.start() for m in ex.thread.finditer(d.view)] if ex.thread is not None else []
        self.covered = bytearray(len(d.view) + 1)
        for m in mentions:
            self.covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        self.words = sorted(words)
        self.word_starts = [s for s, _ in self.words]
        self.events: list[Event] = []
        self.explained: list[Explained] = []
        self.seen: set[tuple[str, str, str, str, str]] = set()
        self.chain = Chain()
        # The place the narrative is about: the places of the last row, and the paragraph it stands in.
        self.focus: tuple[int, list[Mention]] = (-1, [])
        # The town the narrative last told an action at, in any paragraph: 攻城, 突入城内 and 收复该城
        # name no place, and mean that town even when the paragraph has told nothing yet.
        self.town: Mention | None = None

    def run(self) -> tuple[list[Event], list[Explained]]:
        for c_start, c_end in self.d.clauses:
            i = bisect.bisect_left(self.word_starts, c_start)
            j = bisect.bisect_left(self.word_starts, c_end)
            found = self.ex.frames.find(self.d.view, c_start, c_end, self.covered,
                                        [w for w in self.words[i:j] if w[1] <= c_end])
            if not found:
                continue
            if self.d.is_furniture(c_start):
                for f in found:
                    self._drop(f, f.readings[0].event_type, "furniture", "a heading, caption or page metadata")
                continue
            for k, f in enumerate(found):
                # An active trigger governs the places up to the next trigger (放弃长沙退走永丰).
                next_start = found[k + 1].start if k + 1 < len(found) else c_end
                for trig in f.readings:  # 放弃X: a withdrawal and a capture
                    self._read(trig, f, c_start, c_end, next_start)
        return self.events, self.explained

    def _drop(self, f: Found, event_type: str, outcome: str, detail: str = "") -> None:
        self.explained.append(Explained(f.start, f.end, f.word, event_type, outcome, detail))

    def _read(self, trig: Trigger, f: Found, c_start: int, c_end: int, next_start: int) -> None:
        d, view, w, sc = self.d, self.d.view, self.w, self.ex.scopes
        t_start, t_end = f.start, f.end
        before, after = view[c_start:t_start], view[t_end:c_end]
        event_type = self._event_type(trig, view[c_start:c_end])
        if event_type in w.again_type and view.endswith(w.again_word or ("\x00",), c_start, t_start):
            event_type = "recapture"  # 重新攻占昆仑关, 敌复入宾阳: taken again, by the side that held it before
        if sc.negated(before, after, lambda at: self._only_place(t_end, t_end + at)):
            return self._drop(f, event_type, "negated", "a negation before it or a plan word after it")
        if sc.background(before, after):
            return self._drop(f, event_type, "background", "a time clause recalling it (当…时, …期间)")
        head_at = t_end + (event_type == "cross" and view[t_end: t_end + 1] in w.river_word)  # 渡|江时刻
        if any(view.startswith(h, head_at) for h in w.noun_head):
            # 渡江时刻, 进攻出发地域: the action word qualifies a noun that follows it.
            return self._drop(f, event_type, "noun", "the action word qualifies a noun after it")
        if (event_type != "halt" and view[t_start - 1: t_start] == "的"
                and self.ex.slots.mark(view, c_start, t_start, self.places, w.goal_word) < 0):
            # 他的殉国: the action named as a noun, recalled (but 完成对常德的包围 is told).
            return self._drop(f, event_type, "noun", "the action named as a noun (X的…)")
        scope = sc.governing(d, self.dates, event_type, c_start, t_start)
        if scope:
            return self._drop(f, event_type, scope, "in the scope of an order, plan or quotation" if scope == "order"
                              else "in the scope of a condition (若, 一旦: what would happen)")
        if sc.refers_back(view, t_end, c_end) and not self.dates.within(c_start, t_start):
            return self._drop(f, event_type, "reference_back", "recalled to date what follows (…后, …之后)")
        # The nearest date before the trigger; with none, or only a year, the row is still written
        # (date_precision says so; the scorer leaves such rows out, a reader still sees the action).
        date = self._date_before(t_start)
        s_start = d.sentence_start(c_start)
        p_start = d.paragraph_start(c_start)
        if p_start != self.chain.paragraph:
            self.chain = Chain(p_start)
        focus = self.focus[1] if self.focus[0] >= p_start else []
        actors = self.actors
        by = actors.agent_marker(before)
        recent_from = max(p_start, d.sentence_start(s_start - 1, back=w.implicit_sentences - 1))
        targets, actor_units, slot = self.ex.slots.targets(
            trig, d, self.places, self.units, c_start, next_start, t_start, t_end, by, recent_from,
            lambda u: actors.is_object(view, u), focus, self.town, self.persons)
        if not targets:
            return self._drop(f, event_type, "no_place", "no place in any slot")
        if trig.slots and slot not in trig.slots:
            return self._drop(f, event_type, "no_place", f"the {slot} slot is not one of this word's")
        if slot in ("topic", "implicit") and any(word in after for word in w.describer_after):
            # 炮兵隔江轰击突入之敌: the target is troops a verb describes; a place told before is no target.
            return self._drop(f, event_type, "no_place", "the object is troops, the place before is no target")
        others = [p for p in self.ex.slots.also(view, event_type, slot, self.places, c_start, t_start)
                  if p not in targets]
        last = targets[-1]
        if (trig.voice == "active" and targets[0].start == t_end and view.startswith("的", last.end)
                and list_with(view, targets, 0)[-1] is last):
            return self._drop(f, event_type, "qualifies_noun", "the action qualifies a noun (空袭X的机场)")
        same_sentence = date is not None and date.start >= s_start
        date_norm = date.norm.split("/")[0] if date is not None else ""
        if len(date_norm) < 7 and date_norm[:4].isdigit():
            date_norm = date_norm[:4]  # dated to a year
        elif len(date_norm) < 7:
            date_norm = ""  # XXXX: no more than the text gives
        # The goal word as the slots read it (not the 朝 of 南朝鲜军): side words after it are the target's.
        goal = self.ex.slots.mark(view, c_start, t_start, self.places, w.goal_word, self.persons)
        actor_units, side, came_from = actors.actor_and_side(
            d, trig, event_type, before, by, actor_units, self.units, self.persons,
            (s_start, c_start, t_start, recent_from), self.chain, goal)
        actor = ";".join(dict.fromkeys(u.norm for u in actor_units))
        if trig.voice == "active" and not by and trig.side_rule != "opposite":
            self.chain.units, self.chain.side = tuple(actor_units), side
        side = "" if side == UNCODED else side
        rule = f"{trig.source}/{slot}/{came_from or 'none'}"
        if not side and by and event_type in w.taken_type:
            # 随县、枣阳被同时攻陷, no taker named: the narrator tells his own side's losses so.
            side = actors.opposite(actors.narrator) if actors.narrator else ""
        kept = 0
        for place in [*targets, *others]:
            norm = self._crossed(place.norm) if event_type == "cross" else place.norm
            # Two commanders killed at one place on one day are two deaths: a death's key holds who died.
            key = (date_norm, event_type, norm, side, actor if event_type == "death" else "")
            if key in self.seen:
                continue
            self.seen.add(key)
            kept += 1
            self.events.append(Event(
                date=date_norm,
                part_of_day=str(date.attrs.get("part_of_day", "")) if date is not None and same_sentence else "",
                time=str(date.attrs.get("time", "")) if date is not None and same_sentence else "",
                # The actor named with 失守/放弃 is the loser, not the side that captures.
                event_type=event_type, actor="" if trig.side_rule == "opposite" else actor,
                actor_side=side, place=norm, trigger=f.word,
                start=c_start, end=c_end, trigger_start=t_start,
                rule=rule if place in targets else f"{trig.source}/also/{came_from or 'none'}"))
        places = "、".join(p.norm for p in targets)
        self.focus = (p_start, targets[:1])
        town = next((p for p in targets if self.ex.slots.place_kind(p.norm) in w.town_kind), None)
        if town is not None:
            self.town = town
        if kept:
            self._drop(f, event_type, "row", f"{rule}: {places}")
        else:
            self._drop(f, event_type, "duplicate", f"the same date, type, place and side as an earlier row: {places}")

    def _only_place(self, start: int, end: int) -> bool:
        """Whether ``view[start:end]`` is only a place with its direction (庙行以北), or a locative phrase.

        被围于广德东北山区之敌: after a locative word the stretch up to the describer is where the troops are.
        """
        view = self.d.view
        if any(view.startswith(word, start) for word in self.w.locative_word):
            return any(p.start > start for p in self.places.within(start, end))
        place = next(iter(self.places.within(start, end)), None)
        if place is None or place.start != start:
            return False
        return self.ex.g.qualifier(view, place.end, end)[0] == end  # the 之 of 之敌 belongs to the describer

    def _crossed(self, norm: str) -> str:
        """四渡赤水: a crossing of a place that shares its name with a river (赤水, the county) is of the river."""
        if self.ex.slots.place_kind(norm) in self.w.river_kind:
            return norm
        for ending in self.w.river_word:
            river = norm + ending
            if self.ex.slots.place_kind(river) in self.w.river_kind:
                return river
        return norm

    def _date_before(self, t_start: int) -> Mention | None:
        """The nearest DATE before the trigger, passing over one in an aside closed before it (3月24日（一说25日）)."""
        view, brackets = self.d.view, self.d.brackets
        date = self.dates.last_ending_by(t_start)
        while date is not None:
            j = bisect.bisect_left(brackets, date.end)
            closes = j < len(brackets) and brackets[j] < t_start and view[brackets[j]] in ")）"
            opened = j > 0 and brackets[j - 1] < date.start and view[brackets[j - 1]] in "(（"
            if not (closes and opened):
                return self._thread_root(self._first_of_list(date), t_start)
            date = self.dates.last_ending_by(brackets[j - 1])
        return None

    def _thread_root(self, date: Mention, t_start: int) -> Mention:
        """左翼…于6月14日攻占浏阳；右翼…由华容地区进攻: a column's undated action starts when the columns set out.

        The date before the trigger was told in a sibling column (a thread word before it, another
        between it and the trigger, in one paragraph): the date in force before the first column is
        the one this column runs from (the timeline does the same for the columns' bare days).
        """
        threads, p_start = self.threads, self.d.paragraph_start(t_start)
        k = bisect.bisect_left(threads, t_start) - 1
        if k < 0 or threads[k] < date.end or threads[k] < p_start:
            return date  # no column opened since the date
        if not self.d.view[date.end: threads[k]].strip(" ,，、\u3000"):
            return date  # 同日,东路直军…: the date heads this column's own clause
        first = bisect.bisect_left(threads, p_start)
        if first >= k or threads[first] > date.start:
            return date  # the date was told before the columns set out: it is their start
        root = self.dates.last_ending_by(threads[first])
        # The columns' start is told in their paragraph (…1944年5月27日拂晓,日军分3路南下:左翼…); a date of
        # another paragraph is no start of theirs (▲叙州复失: 左翼孤军苦战月余…；中路亦…).
        return root if root is not None and root.start >= p_start else date

    def _first_of_list(self, date: Mention) -> Mention:
        """5月22日、23日先后占领…: of days of one month listed together, the action starts on the first.

        Only a bare day after the first (23日): 1939年9月和1941年9月两度进犯 names two actions, not one.
        """
        view = self.d.view
        while set(date.attrs) & {"month", "year"} == set() and "day" in date.attrs:
            prev = self.dates.last_ending_by(date.start)
            if prev is None or prev is date or not self.ex.g.coordination.fullmatch(view[prev.end: date.start]):
                return date
            date = prev
        return date

    def _event_type(self, trig: Trigger, clause: str) -> str:
        """停止/暂停 with an attack word make it a halt; aircraft make an attack an air raid."""
        if trig.event_type in self.w.halt_type and any(w in clause for w in self.w.halt_word):
            return "halt"  # 停止向长沙进攻, 向郑州的进攻被迫停止, 在原州以北停止了反击
        if (trig.event_type == "attack" and any(w in clause for w in self.w.air_word)
                and not any(w in clause for w in self.w.air_support)):
            return "air_raid"  # aircraft attack; 在第1飞行团支援下 is ground attack with air support
        return trig.event_type
