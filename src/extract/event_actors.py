"""Actors and sides: who acts in an event, and for which side, in the document's side codes.

The actor is the unit(s) named before the trigger in its clause, else the
sentence's subject, the paragraph's chain of actions, a commander, or the
side named last; the side comes from the actor, a side word (日军, 守军, 敌,
匪) or the trigger's side rule (X失守: the other side takes X). Side words
name sides relative to the narrator (我军, 敌), which the document's
``SideFrame`` turns into codes (CN/JP against Japan, CCP/KMT in a civil war).
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.discourse import Discourse, clauses_of
from extract.event_context import LIST_JOINERS, EventWords, MentionIndex, occurrences
from extract.event_frames import Trigger
from extract.gazetteer import Gazetteer
from extract.lexicon import jieba_lexicon
from extract.mention import Mention
from extract.sides import SideFrame

# The two sides of the war with Japan, for callers that pass no side frame.
_OPPOSITE = {"JP": "CN", "CN": "JP"}

# The joiners of a list of places (X、Y): a comma ends the goal phrase instead.
_LIST_MARKS = LIST_JOINERS.replace(",", "").replace("，", "")


def _is_side_free_word(text: str) -> bool:
    """A frequent word that a one-character side word begins (美国 is a side word of its own; 美丽 no side)."""
    return jieba_lexicon().get(text, (0, ""))[0] >= 100


@dataclass
class Chain:
    """The paragraph's running actor: an active trigger with a named actor passes it to the next."""

    paragraph: int = -1
    units: tuple[Mention, ...] = ()
    side: str = ""


UNCODED = "?"  # a side named by the text that the contract has no code for; written as an empty side


class DocumentActors:
    """The actor and side readings of one document: side words in its codes, mentions masked."""

    def __init__(self, gaz: Gazetteer, words: EventWords, view: str, mentions: list[Mention],
                 frame: SideFrame | None) -> None:
        self.g = gaz.grammar
        self.w = words
        side_words = sorted(gaz.side_words.items(), key=lambda kv: -len(kv[0]))
        if frame is not None:
            # A side word the conflict has no code for (敌 for the Tibetan army of 1950) still names who acts:
            # it reads as UNCODED, so no later clue (the chain, the side named last) puts another side there.
            self.side_words = [(w, frame.code(side) or UNCODED) for w, side in side_words]
            self.narrator = frame.narrator
            self.opposite = frame.opposite
        else:
            self.side_words = side_words
            self.narrator = words.narrator_side
            self.opposite = lambda side: _OPPOSITE.get(side, "")
        masked = list(view)
        for m in mentions:  # units and persons only: 中国军队 is a side word around the place 中国
            if m.label in ("UNIT", "PERSON"):
                masked[m.start:m.end] = "\u25a1" * (m.end - m.start)
        self.masked = "".join(masked)
        # Where a date ends, by its start (次日敌…: the one-character side word opens the clause after it),
        # and where a place starts, by its end (向闸北我军防线猛扑: the side word after the goal is its owner).
        self.date_end = {m.start: m.end for m in mentions if m.label == "DATE"}
        self.place_start = {m.end: m.start for m in mentions if m.label == "PLACE"}

    def side_word(self, lo: int, hi: int) -> str:
        """The side named by a side word in ``view[lo:hi]``, unless the word is an object (与日军激战).

        Units and persons are masked out first (空军 inside 远东空军 names no side). A one-character word (匪, 敌,
        美) counts only where the stretch begins with it and it does not begin a longer word: elsewhere
        such a character is too often part of another word.
        """
        text = self.masked[lo:hi]
        head = self._head(lo, hi)
        opening = self.masked[head:hi]
        # The first side word of the stretch names the subject (我右纵队…对X一线之敌发起攻击): of two, the earlier.
        best, best_at = "", hi - lo + 1
        for word, side in self.side_words:
            if len(word) < 2:
                if (opening.startswith(word) and not (len(opening) > 1 and _is_side_free_word(opening[:2]))
                        and head - lo < best_at):
                    best, best_at = side, head - lo
                continue
            i = text.find(word)
            while 0 <= i < best_at:
                if (i == 0 or (text[i - 1] not in self.g.object_marks and not self._after_goal(lo + i, lo))) \
                        and not self._owns_position(text, i + len(word)):
                    best, best_at = side, i
                    break
                i = text.find(word, i + 1)
        return best

    def _owns_position(self, text: str, at: int) -> bool:
        """…一带的“联合国军”阵地发起进攻: a side word before a position (阵地, 防线) names whose it is, the target."""
        rest = text[at:].lstrip("”\"’'」』")
        nouns = (*self.w.implicit_object_end, *self.w.target_noun)
        if rest.startswith("的"):  # 冒着敌人的(猛烈)炮火: the enemy's fire, not the enemy acting
            return any(rest.startswith(w, k) for k in range(1, 4) for w in nouns)
        # 守军核心阵地, 敌前沿阵地: a two-character qualifier may stand between the side and its position.
        return any(rest.startswith(w, k) for k in (0, 2) for w in nouns)

    def _head(self, lo: int, hi: int) -> int:
        """Where the stretch's content begins: after the dates and a dateline (【上海四日电】) it opens with."""
        p = lo
        lexicon = jieba_lexicon()
        while p < hi:
            lead = next((self.masked[p:p + k] for k in (2, 1) if p + k <= hi
                         and lexicon.get(self.masked[p:p + k], (0, ""))[1] in ("d", "c", "t")
                         and lexicon.get(self.masked[p:p + k], (0, ""))[0] >= 100), "")
            if p in self.date_end:
                p = self.date_end[p]
            elif lead and not any(self.masked.startswith(w, p) for w, _ in self.side_words):
                p += len(lead)  # 同时敌陆战队…, 随即敌…: an adverb or conjunction before the side word
            elif self.masked[p] in "【[" and (close := self.masked.find("】" if self.masked[p] == "【" else "]",
                                                                    p, hi)) > 0:
                p = close + 1
            else:
                break
        return p

    def _after_goal(self, at: int, lo: int) -> bool:
        """向闸北我军防线: a side word right after a place that an object mark introduces names the target.

        The place may close a list the mark opens (向枣庄、峄县日军侧背攻击).
        """
        start = self.place_start.get(at)
        while start is not None and start > lo and self.masked[start - 1] in _LIST_MARKS:
            start = self.place_start.get(start - 1)
        return start is not None and start > lo and self.masked[start - 1] in self.g.object_marks

    def agent_marker(self, before: str) -> tuple[int, int] | None:
        """Span of 被/遭 in the clause before the trigger: the agent follows it, the place precedes it."""
        for word in self.w.agent_marker:
            found = occurrences(before, word, self.w.not_marker)
            if found:
                return found[-1], found[-1] + len(word)
        return None

    def is_object(self, view: str, unit: Mention) -> bool:
        """击退守军第X军: a unit right after an object verb is acted on, not acting."""
        at = unit.start - (view[unit.start - 1: unit.start] == "的")
        # 击溃南韩的第七师: a side word (and 的) between the verb and the unit leaves it the object.
        at -= len(next((w for w, _ in self.side_words if len(w) > 1 and view.endswith(w, 0, at)), "")) \
            if at < unit.start else 0
        head = view[max(0, at - 4): at]
        return any(head.endswith(v) or head[:-1].endswith(v) for v in self.w.object_verb)

    def actor_and_side(self, d: Discourse, trig: Trigger, event_type: str, before: str,
                       by: tuple[int, int] | None, actor_units: list[Mention], units: MentionIndex,
                       persons: MentionIndex, spans: tuple[int, int, int, int],
                       chain: Chain, goal: int = -1) -> tuple[list[Mention], str, str]:
        """Who acts and for which side, and where that came from (clause, subject, chain, commander, last).

        ``goal``: the offset of the clause's goal word (向, 对), as the slots read it, or -1.
        """
        view = d.view
        s_start, c_start, t_start, recent_from = spans
        if by and event_type in self.w.patient_type:
            # 黄百韬兵团被我军阻于浍河以南: the one halted is the subject before 被, not the agent.
            patients = [u for u in units.within(c_start, c_start + by[0]) if not self.is_object(view, u)]
            side = self.side_word(c_start, c_start + by[0])
            came_from = "clause" if patients or side else ""
            if not patients and not side and c_start > s_start:
                patients, side = self._subject(d, units, s_start, c_start, persons)
                came_from = "subject" if patients or side else ""
            return patients, side or next((u.side for u in patients if u.side), ""), came_from
        seen = max((c_start + i + len(w) for w in self.w.perception_word
                    for i in occurrences(view[c_start:t_start], w, self.w.not_marker)), default=-1)
        if seen >= 0 and not by:
            # 华东野战军发现整编74师南撤: who saw it is no actor; the one seen doing it is.
            actor_units = [u for u in actor_units if u.start >= seen]
            c_start = seen
        came_from = "clause" if actor_units else ""
        # 对占领关家垴的日军进行围攻: a side word after the goal word is the target's, not the actor's.
        word_side = self.side_word(c_start + (by[1] if by else 0), goal if 0 <= goal and not by else t_start)
        if word_side:
            came_from = came_from or "side_word"
        if by and not actor_units and not word_side:
            word_side = self.narrator if any(w in before[by[1]:] for w in self.w.first_person) else ""
        if by and not actor_units and not word_side:
            # 美7师31团在新兴里被全歼, no agent named: the side that acts is the one the sufferer fought.
            patients = [u for u in units.within(c_start, c_start + by[0]) if not self.is_object(view, u)]
            suffered = self.side_word(c_start, c_start + by[0]) or next((u.side for u in patients if u.side), "")
            word_side = self.opposite(suffered) if suffered else ""
            came_from = "opposite" if word_side else came_from
        if not actor_units and not word_side and not by:
            # 黄维以电话下令各军分路突围: a commander opening the clause acts before any chain of the other side,
            # and before a subject of an earlier clause (日军又…增调援兵，5月9日，蒋介石下令停止攻击南昌).
            word_side = (self._opening_commander(view, persons, c_start, t_start)
                         or self._commanders_troops(view, persons, c_start, t_start))
            came_from = "commander" if word_side else came_from
        if not actor_units and not word_side and trig.voice != "passive" and not by and c_start > s_start:
            # The sentence's subject: the first clause with content.
            actor_units, word_side = self._subject(d, units, s_start, c_start, persons)
            came_from = "subject" if actor_units or word_side else ""
        # Who gives a place up (放弃X) is the holder: named in the sentence, else the
        # narrator's side, never the chain of the other side's advance.
        chains = (trig.voice != "passive" and not by and trig.side_rule not in ("holder", "opposite")
                  and event_type not in self.w.narrator_type)
        if not actor_units and not word_side and chains:
            actor_units, word_side = list(chain.units), chain.side  # the chain goes on
            came_from = "chain" if actor_units or word_side else ""
        if not actor_units and not word_side and chains:
            # Still nobody: a commander before the trigger (冈村宁次下令停止…), then the
            # side named last in the preceding sentences (日军…进至新郑。拂晓开始攻城).
            word_side = next((m.side for m in reversed(persons.within(s_start, t_start)) if m.side), "")
            came_from = "commander" if word_side else ""
            if not word_side:
                word_side = self._last_side(view, units, persons, recent_from, s_start)
                came_from = "last_named" if word_side else ""
        if event_type == "death":
            # 师长彭士量中弹阵亡: the dead commander is the actor and gives the side.
            dead = persons.within(s_start, t_start)[-1:]
            if dead:
                actor_units, word_side, came_from = dead, dead[0].side, "dead"
        side = self._side(trig, before, actor_units, word_side) if not by else (
            word_side or next((u.side for u in actor_units if u.side), ""))
        if trig.side_rule not in ("actor", "holder", "opposite") or (not came_from and side):
            came_from = "rule"
        return actor_units, side, came_from

    def _subject(self, d: Discourse, units: MentionIndex, s_start: int, c_start: int,
                 persons: MentionIndex | None = None) -> tuple[list[Mention], str]:
        """The sentence's subject for a clause that names no actor.

        The nearest earlier clause that opens with a side word or a unit (…，中国军队沿途尾追，
        于10月30日收复南宁) is the subject; else the sentence's first clause with content
        (clauses of only a date, and 当…时, are skipped): later clauses name objects
        (击退守军第X军) more often than subjects.
        """
        view = d.view
        clauses = [(s_start + lo, s_start + hi) for lo, hi in clauses_of(view[s_start:c_start], self.g.clause_end)]
        # 守军弹药殆尽，…，日军战车已突入城内，遂…突围撤走: 遂 resumes the sentence's subject, not the nearest one.
        resumes = view.startswith(self.w.resume_word, c_start)
        for lo, hi in ([] if resumes else reversed(clauses)):
            head = view[lo:hi]
            stripped = head.lstrip(self.g.date_chars + "于至“\"「『")
            # 日 and 敌's neighbours are date characters too: 日军借…掩护 opens with 日军, not with 军.
            quoted = head.lstrip(" \u3000“\"「『")
            if any(len(word) > 1 and quoted.startswith(word) for word, _ in self.side_words):
                stripped = quoted
            offset = lo + len(head) - len(stripped)
            if stripped.startswith(self.w.person_pronoun):
                return [], ""  # 日军追上来，他知道突不出去了，…举枪自杀: the clause nearer names its own subject
            side = next((side for word, side in self.side_words if stripped.startswith(word) and (
                len(word) > 1 or not _is_side_free_word(stripped[:2]))), "")  # 敌3个师又发起攻击, not 日本
            opening = units.within(offset, hi)[:1]  # a long chain (太岳纵队第386旅第20团) opens it too
            if side or (opening and opening[0].start == offset):
                found = [u for u in units.within(lo, hi) if not self.is_object(view, u)]
                return found, side
        for lo, hi in clauses:
            text = view[lo:hi]
            if self.g.date_only.fullmatch(text) or (text.startswith("当") and text.endswith("时")):
                continue
            # 傅作义发现人民解放军骤然逼近…，于是匆忙放弃南口: a commander opening the clause is its subject;
            # the units after his verb are what he saw or fought.
            side = self._opening_commander(view, persons, lo, hi) if persons is not None else ""
            if side:
                return [], side
            # 该兵团向张家口以北我第143师阵地猛攻: the unit whose position is attacked is the target.
            found = [u for u in units.within(lo, hi)
                     if not self.is_object(view, u) and not self._owns_position(view[u.end:hi], 0)]
            return found, self.side_word(lo, hi)
        return [], ""

    def _opening_commander(self, view: str, persons: MentionIndex, lo: int, hi: int) -> str:
        """The side of a person who opens ``view[lo:hi]`` (after its dates), the clause's subject; else ""."""
        # Only dates before him: the date characters may begin his name too (夏威, 许世友, 下村定).
        opener = persons.within(lo, hi)[:1]
        return opener[0].side if opener and self.g.date_only.fullmatch(view, lo, opener[0].start) else ""

    def _commanders_troops(self, view: str, persons: MentionIndex, lo: int, hi: int) -> str:
        """张部进抵方家集: a surname and a troops word (部) opening the clause, after dates, name the troops of the
        commander of that surname told last before it; his side is theirs. Else ""."""
        head = self.g.date_only.match(view, lo, hi)
        at = head.end() if head else lo
        at += len(view[at:hi]) - len(view[at:hi].lstrip("，,、 \u3000"))
        if not any(view.startswith(w, at + 1) for w in self.w.troops_word):
            return ""
        surname = view[at: at + 1]
        named = [m for m in persons.within(0, at) if view[m.start: m.start + 1] == surname and m.end - m.start > 1]
        return named[-1].side if named else ""

    def _last_side(self, view: str, units: MentionIndex, persons: MentionIndex, lo: int, hi: int) -> str:
        """The side named last in ``view[lo:hi]``: a side word, a sided unit or commander, whichever is later."""
        text = view[lo:hi]
        best_pos, best = -1, ""
        for word, side in self.side_words:
            i = text.rfind(word) if len(word) > 1 else -1
            if i > best_pos:
                best_pos, best = i, side
        for group in (units, persons):
            m = next((u for u in reversed(group.within(lo, hi)) if u.side), None)
            if m is not None and m.start - lo > best_pos:
                best_pos, best = m.start - lo, m.side
        return best

    def _side(self, trig: Trigger, before: str, actor_units: list[Mention], word_side: str) -> str:
        if trig.side_rule in ("JP", "CN", "US", "ALLIED"):
            return trig.side_rule
        unit_sides = [u.side for u in actor_units if u.side]
        if any(d in before for d in self.w.defender):
            word_side = word_side or self.narrator
        holder = word_side or (unit_sides[0] if unit_sides else "")
        if trig.side_rule == "opposite":
            return self.opposite(holder or self.narrator)
        if trig.side_rule == "holder" or trig.event_type in self.w.narrator_type:
            return holder or self.narrator
        return holder
