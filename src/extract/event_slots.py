"""Slots: the place(s) a trigger acts on, read from the words around it.

A trigger's places are looked for slot by slot, and the slot that gave them
is named in the row's ``rule`` column:

- ``object``: after an active trigger (攻占漯河和郾城);
- ``goal``: after 向/对/朝 and before the trigger (向登封进攻);
- ``origin``: right after 由/自 when no goal is named (由华容地区进攻);
- ``locative``: after 在/于 (在德山附近激战);
- ``topic``: before an active trigger when the clause opens with the place
  (德山于11日收复);
- ``subject``: before a passive trigger (荥阳失守);
- ``near``: the place nearest before a link-up (在扶绥南之绥渌会合);
- ``agent``: before 被/遭 (在龙潭司被第100军包围);
- ``holder``: a withdrawal's place its troops held, named with them (驻南市的守军撤出, 唐山守敌弃城);
- ``airspace``: an air raid's place whose sky the aircraft are in (飞临秦皇岛上空投弹);
- ``implicit``: the place the narrative is about, from the sentences before
  (开始攻城, 突入城内, 将该镇夺回);
- ``focus``: else the place of the last event told in the paragraph
  (发动第二次总攻 in a paragraph on the siege of 衡阳; carried across
  paragraphs it cost more precision than it gave, so it stops at one);
- ``town``: else, when the word or its object names a town (攻城, 突入城内,
  收复该城), the town of the last event told anywhere before;
- ``river``: a crossing word that says only "the river" (渡江, 渡河): the
  river named last before it.

Places that only locate the next one (长江南岸的白茆口), countries and seas,
and rivers named with a non-crossing (not_crossed) are never an event's place.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from extract.discourse import Discourse
from extract.event_context import EventWords, MentionIndex, list_with, listed, occurrences
from extract.event_frames import Trigger
from extract.gazetteer import Gazetteer
from extract.mention import Mention

# How far back a bare 渡江 looks for the river named last (a layout bound, not a word list).
RIVER_LOOKBACK = 5000


class Slots:
    """Reads a trigger's places; one instance serves every document."""

    def __init__(self, gaz: Gazetteer, words: EventWords) -> None:
        self.gaz = gaz
        self.g = gaz.grammar
        self.w = words

    def targets(self, trig: Trigger, d: Discourse, places: MentionIndex, units: MentionIndex, c_start: int,
                c_end: int, t_start: int, t_end: int, by: tuple[int, int] | None, recent_from: int,
                is_object: Callable[[Mention], bool],
                focus: list[Mention] | None = None,
                town: Mention | None = None,
                names: MentionIndex | None = None) -> tuple[list[Mention], list[Mention], str]:
        """The places the trigger governs, the acting units found on the way, and the slot's name.

        ``focus`` is the place the narrative is about (the place of the last event told, in this
        paragraph): the implicit place when the sentences before name none.
        """
        view = d.view
        goal = -1
        slot = ""
        if by is not None:
            # 在龙潭司附近被第100军包围: place before 被, agent between 被 and the trigger (a country there is a
            # side word's: 南朝鲜军第8师…被我包围在X).
            targets = [p for p in places.within(c_start, c_start + by[0])
                       if self.place_kind(p.norm) not in self.w.not_event_place]
            actor_units = units.within(c_start + by[1], t_start)
            slot = "agent"
            if not targets:
                # 被我军阻于浍河以南, 第180师被围于驾德山地区: the place after the verb's 于/在.
                targets, slot = self._locative_after(view, trig, places, t_end, c_end), "locative_after"
        else:
            actor_units = [u for u in units.within(c_start, t_start) if not is_object(u)]
            if trig.voice == "active":
                targets, goal, actor_units, slot = self._active(view, places, actor_units, c_start, c_end,
                                                                t_start, t_end, trig.event_type, names,
                                                                goal_place=not trig.slots or "goal" in trig.slots)
            elif trig.voice == "near":
                targets = places.within(c_start, t_start)[-1:]
                slot = "near"
            else:
                targets = places.within(c_start, t_start)
                slot = "subject"
                if not targets:
                    targets, slot = self._locative_after(view, trig, places, t_end, c_end), "locative_after"
        if not targets and by is None and trig.event_type in self.w.holder_also_type:
            # 南市守军撤出: with no other place, the one its troops held is where the withdrawal left.
            targets = self._held(view, places, c_start, t_start)
            slot = "holder" if targets else slot
        if not targets and by is None and trig.event_type == "air_raid":
            # 敌机在孟良崮上空盘旋，轰炸扫射: the place whose sky the aircraft are in, earlier in the sentence.
            targets = self._airspace(view, places, d.sentence_start(c_start), t_start)
            slot = "airspace" if targets else slot
        # 将该镇夺回: the object before the verb refers back to the place the narrative is about.
        # …right before the verb: 将其遗骸夺回 recovers a body, not a place.
        refers_back = goal >= 0 and any(view.startswith(w, goal + 1) and goal + 1 + len(w) == t_start
                                        for w in self.w.pronoun)
        # 对城中心堡垒群俯冲轰炸: a goal that opens with a word for the town (城中心, 城内; not 城郊, 城门) is the town.
        town_goal = goal >= 0 and any(len(w) > 1 and view.startswith(w, goal + 1) for w in self.w.implicit_object)
        if not targets and by is None and (goal < 0 or refers_back or town_goal) and (
                refers_back or town_goal or self._implicit_place(trig, view, t_end, c_end)):
            # 开始攻城, 突入城内, 全部撤走: the place is the one the narrative is about.
            # Not from the trigger's own clause (a place there belongs to another verb), except
            # before 将该镇/将其, which points back into it (突入老河口机场并将其占领).
            upto = t_start if trig.voice == "passive" else (goal if refers_back else c_start)
            recent = self._recent_list(view, places.within(recent_from, upto), t_start, d.brackets)
            targets = recent if trig.voice == "passive" else recent[-1:]
            slot = "implicit"
            if not targets and town is not None and any(w in trig.word for w in self.w.siege_word):
                # 发动第二次总攻: a general assault is on the town besieged, not on the hill last fought for.
                targets, slot = [town], "town"
            elif not targets and focus:
                targets, slot = list(focus), "focus"
            elif not targets and town is not None and self._names_the_town(trig, view, t_end, c_end):
                targets, slot = [town], "town"
        bare_river = trig.event_type == "cross" and (any(w in trig.word for w in self.w.river_word)
                                                     or view[t_end: t_end + 1] in self.w.river_word)
        if bare_river and slot == "object":
            targets = []  # 旋渡江走汉口: the place after 渡江 belongs to the next verb
        if not targets and by is None and bare_river:
            # 渡江, 渡河 with no river named: the river named last before it, in any paragraph.
            # (within the last RIVER_LOOKBACK characters: a document with no river stays linear).
            river = next((p for p in reversed(places.within(max(0, t_start - RIVER_LOOKBACK), t_start))
                          if self.place_kind(p.norm) in self.w.river_kind), None)
            if river is not None:
                targets, slot = [river], "river"
            else:
                # 分由望亭、大河口、龙潭渡江 with no river named anywhere: the crossing points are the places.
                origin = self.mark(view, c_start, t_start, places, self.w.origin_word, names)
                found = places.within(origin, t_start) if origin >= 0 else []
                if found:
                    targets, slot = list_with(view, found, 0), "origin"
        # A country or a sea is no place of one action (轰炸日本本土, 在太平洋节节进攻).
        targets = [p for p in targets if not self.qualifier(view, p, places)
                   and self.place_kind(p.norm) not in self.w.not_event_place
                   and not (trig.event_type == "cross" and self.place_kind(p.norm) in self.w.not_crossed)
                   and not (trig.event_type in self.w.outskirts_type and self._outskirts(view, p))]
        return targets, actor_units, slot

    def _outskirts(self, view: str, p: Mention) -> bool:
        """桂林外围据点, 常德周围重镇: what was taken lies around the place, not the place itself."""
        for word in self.w.outskirts_word:
            if view.startswith(word, p.end):
                nxt = view[p.end + len(word): p.end + len(word) + 1]
                return bool(nxt) and "\u4e00" <= nxt <= "\u9fff"  # a noun (or 的) follows: 外围据点
        return False

    def _active(self, view: str, places: MentionIndex, actor_units: list[Mention], c_start: int, c_end: int,
                t_start: int, t_end: int, event_type: str = "",
                names: MentionIndex | None = None,
                goal_place: bool = True) -> tuple[list[Mention], int, list[Mention], str]:
        """Places of an active trigger, slot by slot; also the goal word's offset (-1: none).

        ``goal_place`` False: the word's 向X names whom it is done to, never where (向伪警务厅投降), so the
        other slots are read as before a unit goal.
        """
        # A country after the verb is no object place (突破南朝鲜军第6师的防线: the side word of a unit);
        # the other slots are read as if it were not there.
        targets = [p for p in places.within(t_end, c_end) if self.place_kind(p.norm) not in self.w.not_event_place]
        if targets:
            return targets, -1, actor_units, "object"
        # 向登封进攻, 对长沙形成包围: the goal stands between 向/对 and the trigger.
        goal = self.mark(view, c_start, t_start, places, self.w.goal_word, names)
        if goal >= 0:
            # 经温藻向印度转进: a country as the goal leaves the other slots open, as after the verb.
            targets = [p for p in places.within(goal, t_start) if self.place_kind(p.norm) not in self.w.not_event_place]
            # 对登封地区之汤恩伯集团进行包围: units after the goal word are the target.
            actor_units = [u for u in actor_units if u.end <= goal]
            if targets and goal_place:
                return targets, goal, actor_units, "goal"
        goal_unit = goal >= 0  # 在南阳车站一带向日军发起攻击: the goal is a unit, the locative the place
        if goal >= 0 and view[goal + 1: goal + 2] in self.g.directions:
            goal, goal_unit = -1, False  # 向南突围: a direction, not a goal place
        origin = self.mark(view, c_start, t_start, places, self.w.origin_word, names)
        if origin >= 0:
            # 由奉新、靖安一线向西进犯: with no goal place, the place(s) set out from.
            found = places.within(origin, goal if goal > origin else t_start)
            # Only a place right after 由/自 (由华容地区进攻, not 由东南角徒涉洛阳河突围).
            targets = self.first_list(view, found) if found and found[0].start - origin <= 2 else []
            if targets:
                return targets, goal, actor_units, "origin"
        locative = self.mark(view, c_start, t_start, places, self.w.locative_word, names)
        if (goal < 0 or (goal_unit and locative < goal)) and origin < 0 and locative >= 0:
            # 第10军在德山附近与日军激战: where the action takes place.
            targets = self.first_list(view, places.within(locative, goal if goal > locative else t_start))
            # The stretch up to the goal word only: 在加平以东把伪2师的一个团打垮 (the 的 is the object's).
            tail = view[targets[-1].end:goal if goal > locative else t_start] if targets else ""
            if ("的" in tail and not self.g.qualifies.fullmatch(tail[: tail.index("的") + 1])
                    and not (any(v in tail[: tail.index("的")] for v in self.w.repulse_verb)
                             and not view.startswith(tuple(self.w.purpose_opening), c_start))):
                # (在八土桥粉碎了日伪军的数路进攻: the attack repulsed there is told there, its 的 is the object's;
                # not in a purpose, 为…粉碎国民党军的重点进攻创造了条件)
                # 在对马海峡战胜沙俄海军的5月27日: the place belongs to another verb
                # (but 在仁安羌以北的掩护阵地上激战 is told there).
                targets = []
            if targets:
                return targets, goal, actor_units, "locative"
        arrival = (self.mark(view, c_start, t_start, places, self.w.arrival_word, names)
                   if goal < 0 and event_type in self.w.arrival_type else -1)
        if arrival >= 0 and any(view.startswith(w, arrival, t_start) for w in self.w.arrival_word):
            # 进至宜城东北罐子口地区与日军展开激战: the clash is where the troops arrived, the last place reached.
            reached = places.within(arrival, t_start)
            if reached:
                return self.first_list(view, reached[-1:]), goal, actor_units, "arrival"
        if goal < 0 and origin < 0 and not actor_units:
            # 德山于11日收复, 澧县、津市等地相继光复: an active verb read passively,
            # when the clause opens with the place(s) as its topic.
            found = places.within(c_start, t_start)
            if found and self.g.date_only.fullmatch(view[c_start:found[0].start]):
                topic = self.first_list(view, found)
                # 热河省主席汤玉麟…弃城, 辽北省政府…撤离: a place before a title or an office is the
                # office's, not the clause's topic.
                if not any(view.startswith(t, topic[-1].end) for t in (*self.gaz.titles, *self.w.office_word)):
                    return topic, goal, actor_units, "topic"
        return [], goal, actor_units, ""

    def _locative_after(self, view: str, trig: Trigger, places: MentionIndex, t_end: int,
                        c_end: int) -> list[Mention]:
        """The place(s) right after a locative word that ends the verb or follows it (阻于X, 围于X, 困在X)."""
        at = t_end - 1 if trig.word[-1:] in self.w.locative_word else t_end
        if view[at: at + 1] not in self.w.locative_word:
            return []
        found = places.within(at + 1, c_end)
        index = MentionIndex(found)
        found = [p for p in found if not self.qualifier(view, p, index)]
        return list_with(view, found, 0) if found and found[0].start - at <= 6 else []

    def also(self, view: str, event_type: str, slot: str, places: MentionIndex, c_start: int,
             t_start: int) -> list[Mention]:
        """The action's other places, each a row of its own (SCHEMA: one row per place of the action).

        A crossing names the river and where it was crossed (在宜昌附近南渡长江); a withdrawal where it
        set out from and the place its troops held (从军隅里向安州突围, 唐山守敌撤往塘沽). Only for the
        types listed in event_context.csv (``locative_also_type``, ``origin_also_type``,
        ``holder_also_type``; measured on the gold of round 9, a crossing's starting point, 由垣曲渡黄河,
        cost more precision than it gave), and only beside an object or goal place, or the river a
        bare 渡江 stands for.
        """
        if slot not in ("object", "goal", "river"):
            return []
        found: list[Mention] = []
        if event_type in self.w.holder_also_type:
            found.extend(self._held(view, places, c_start, t_start))
        marks = []
        if event_type in self.w.origin_also_type:
            marks.append(self.w.origin_word)
        if event_type in self.w.locative_also_type:
            marks.append(self.w.locative_word)
        for words in marks:
            at = self.mark(view, c_start, t_start, places, words)
            if at < 0:
                continue
            near = places.within(at, t_start)
            if near and near[0].start - at <= 2:
                found.extend(self.first_list(view, near))
        return found

    def _airspace(self, view: str, places: MentionIndex, s_start: int, t_start: int) -> list[Mention]:
        """The last place before the trigger, in its sentence, right before an airspace word (上空) or right
        after a word of flying there (复飞延平投弹, 飞临漳州，在机场投弹)."""
        for p in reversed(places.within(s_start, t_start)):
            if any(view.startswith(w, p.end) for w in self.w.airspace_word):
                return [p]
            if any(view.endswith(w, s_start, p.start) for w in self.w.flight_word):
                return [p]
        return []

    def _held(self, view: str, places: MentionIndex, c_start: int, t_start: int) -> list[Mention]:
        """唐山守敌…撤往塘沽, 驻全州的桂军撤往灌阳: the place the troops held, named with them before the verb.

        A place right before a holder word (守敌, 之敌, 的) or right after 驻, in the clause before the
        trigger and before any goal or origin word: where the withdrawal set out from.
        """
        marks = [self.mark(view, c_start, t_start, places, words) for words in (self.w.goal_word, self.w.origin_word)]
        upto = min([m for m in marks if m >= 0], default=t_start)
        for p in places.within(c_start, upto):
            if (any(view.startswith(w, p.end) for w in self.w.holder_after)
                    or any(view.endswith(w, c_start, p.start) for w in self.w.holder_before)):
                return [p]
        return []

    def first_list(self, view: str, found: list[Mention]) -> list[Mention]:
        """The first place of ``found`` and those listed with it (奉新、靖安; not 沿洞庭湖 after it).

        Places that only locate the next one (长江南岸的白茆口) are passed over.
        """
        index = MentionIndex(found)
        found = [p for p in found if not self.qualifier(view, p, index)]
        return list_with(view, found, 0) if found else []

    def mark(self, view: str, c_start: int, t_start: int, places: MentionIndex, words: tuple[str, ...],
             names: MentionIndex | None = None) -> int:
        """Offset of the first of ``words`` (向, 对; 由, 自) before the trigger that is a word of its own.

        Not inside a place's name (对马海峡) or a person's (``names``: the 自 of 张自忠), and not the 向 of
        方向 (向麦市、渣津方向进攻).
        """
        best = -1
        for word in words:
            for i in occurrences(view, word, self.w.not_marker, c_start, t_start):
                inside = [*places.within(max(0, i - 8), i + 9), *(names.within(max(0, i - 8), i + 9) if names else [])]
                if not any(p.start <= i < p.end for p in inside):
                    best = i if best < 0 else min(best, i)
                    break
        return best

    def _names_the_town(self, trig: Trigger, view: str, t_end: int, c_end: int) -> bool:
        """攻城, 围城, 城破; 突入城内, 收复该城: the word or its object says the town itself."""
        after = view[t_end:c_end]
        return any(w in trig.word for w in self.w.town_word) or any(after.startswith(w) for w in self.w.town_word)

    def _implicit_place(self, trig: Trigger, view: str, t_end: int, c_end: int) -> bool:
        if trig.event_type not in self.w.implicit_place_type:
            return False
        after = view[t_end:c_end]
        return (not after or len(after) <= 2 or any(after.startswith(w) for w in self.w.implicit_object)
                or (trig.event_type in ("attack", "breakthrough", "capture")
                    and any(after.endswith(w) for w in self.w.implicit_object_end)))

    @staticmethod
    def _recent_list(view: str, found: list[Mention], t_start: int, brackets: list[int]) -> list[Mention]:
        """The last place of ``found`` not in an aside that closes before ``t_start``, and those listed before it.

        Walks back from the trigger once, keeping the brackets' balance as it goes
        (a test of the whole stretch from each place to the trigger was quadratic).
        """
        j = bisect.bisect_left(brackets, t_start)
        lowest = 1  # the lowest balance of ( minus ) read from the current place to the trigger, if below 1
        group: list[Mention] = []
        for p in reversed(found):
            while j > 0 and brackets[j - 1] >= p.end:
                j -= 1
                lowest = (1 if view[brackets[j]] in "(（" else -1) + min(0, lowest)
            if lowest < 0:  # a bracket opened before the place closes before the trigger
                if group:
                    break
                continue
            if group and not listed(view, p, group[-1]):
                break
            group.append(p)
        return group[::-1]

    def place_kind(self, norm: str) -> str:
        entry = self.gaz.places.get(norm)
        return entry.kind.split(":")[-1] if entry is not None else ""

    def qualifier(self, view: str, p: Mention, places: MentionIndex) -> bool:
        """贵州独山, 台湾的高雄, 洛阳南方的龙门: a place written to locate the next one.

        涿州、高碑店之间的松林店: the places listed before 之间 locate the next one together.
        """
        i = bisect.bisect_left(places.starts, p.end)
        if i >= len(places.items):
            return False
        gap = view[p.end:places.items[i].start]
        if not gap and {self.place_kind(p.norm), self.place_kind(places.items[i].norm)} <= self.w.peer_kind:
            # 攻占江陵沙市当阳: counties side by side are a list that lost its 、, not one locating the next.
            return False
        if self.g.qualifies.fullmatch(gap):
            return True
        # 山西省会太原: the word in apposition may begin with the place's own suffix (山西省 + 省会).
        if any(gap == w or (gap and view[p.end - 1] == w[0] and gap == w[1:]) for w in self.g.apposition):
            return True
        # Walk a short list to its last member (bounded: a 300-place list must stay linear).
        last, j, steps = p, i, 0
        while j < len(places.items) and steps < self.w.between_list and listed(view, last, places.items[j]):
            last, j, steps = places.items[j], j + 1, steps + 1
        if j >= len(places.items):
            return False
        gap = view[last.end:places.items[j].start]
        # 临高、澄迈的马袅港: a list whose last member locates the next place locates it as a whole;
        # 涿州、高碑店之间的松林店: so do the places before 之间, one or a list.
        return bool(steps and self.g.qualifies.fullmatch(gap)) or any(
            gap.startswith(w) and self.g.qualifies.fullmatch(gap[len(w):]) for w in self.w.between_word)
