"""Discourse layer: clauses, sentences, paragraphs and the scopes that say a clause is not told as fact.

Computed once per document (``extract_discourse`` stores it on the Doc) and
read by the events stage: which clause and sentence a trigger stands in,
where its paragraph starts, whether it sits in an aside, a heading, a
quotation, and whether an order, a plan or a condition governs it (令…进攻,
企图攻占, 若…夹击), or a negation (未能攻占) or a time clause recalling an
action as background (当日军进攻衡阳时). The words are data
(``gazetteers/event_context.csv`` and ``grammar.csv``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from extract.boundaries import LineIndex, Spans
from extract.event_context import EventWords, MentionIndex, occurrences
from extract.gazetteer import Grammar
from extract.mention import Mention

# Every trigger reads its clause and sentence (and the sentences before it), so
# a 50k-character "clause" full of triggers (进攻进攻…) was quadratic. Clauses
# and sentences are cut into pieces no real one reaches (the corpora's longest
# clause has 80 characters, the longest sentence 322), which keeps each
# trigger's reading bounded and the stage linear in the document's length.
MAX_CLAUSE = 200
MAX_SENTENCE = 1000
_BRACKET = re.compile("[()（）]")
# How far after the start of an order word a date is the order's own (定于下月一日, 拟于五日: the word and 于).
_ORDER_TO_DATE = 3


def clauses_of(view: str, clause_end: re.Pattern[str]) -> list[tuple[int, int]]:
    """Non-empty spans between clause ends, none longer than ``MAX_CLAUSE``."""
    spans, pos = [], 0
    for end, after in [*((m.start(), m.end()) for m in clause_end.finditer(view)), (len(view), len(view))]:
        while end - pos > MAX_CLAUSE:
            spans.append((pos, pos + MAX_CLAUSE))
            pos += MAX_CLAUSE
        if end > pos:
            spans.append((pos, end))
        pos = after
    return spans


def sentence_ends_of(view: str, sentence_end: re.Pattern[str]) -> list[int]:
    """Offsets just after each sentence end, with a cut every ``MAX_SENTENCE`` characters of a longer one."""
    ends, prev = [], 0
    for end in [*(m.end() for m in sentence_end.finditer(view)), len(view)]:  # the text's end bounds the last
        while end - prev > MAX_SENTENCE:
            prev += MAX_SENTENCE
            ends.append(prev)
        ends.append(end)
        prev = end
    ends.pop()  # the text's end is no sentence end
    return ends


@dataclass
class Discourse:
    """The boundaries of one document's view, each looked up in O(log n)."""

    view: str
    grammar: Grammar
    clauses: list[tuple[int, int]] = field(default_factory=list)
    sentence_ends: list[int] = field(default_factory=list)
    lines: LineIndex | None = None
    brackets: list[int] = field(default_factory=list)
    furniture: Spans | None = None

    @classmethod
    def build(cls, view: str, grammar: Grammar) -> Discourse:
        return cls(view, grammar, clauses_of(view, grammar.clause_end), sentence_ends_of(view, grammar.sentence_end),
                   LineIndex(view), [m.start() for m in _BRACKET.finditer(view)], Spans(grammar.furniture, view))

    @classmethod
    def from_record(cls, view: str, grammar: Grammar, record: dict[str, list[int]]) -> Discourse:
        """Rebuild from the plain record stored on the Doc (clauses and sentence ends are not computed again)."""
        flat = record["clauses"]
        return cls(view, grammar, list(zip(flat[::2], flat[1::2], strict=True)), list(record["sentence_ends"]),
                   LineIndex(view), [m.start() for m in _BRACKET.finditer(view)], Spans(grammar.furniture, view))

    def record(self) -> dict[str, list[int]]:
        """Plain lists, so the Doc serializes with them (``doc.to_bytes``, DocBin)."""
        return {"clauses": [x for span in self.clauses for x in span], "sentence_ends": self.sentence_ends}

    def sentence_start(self, pos: int, back: int = 0) -> int:
        """Offset just after the last sentence end at or before ``pos`` (``back`` more sentences back)."""
        i = bisect.bisect_right(self.sentence_ends, pos) - 1 - back
        return self.sentence_ends[i] if i >= 0 else 0

    def paragraph_start(self, pos: int) -> int:
        assert self.lines is not None
        return self.lines.line_start(pos)

    def is_furniture(self, pos: int) -> bool:
        """Headings, captions, page metadata: they state no event."""
        return self.furniture is not None and pos in self.furniture

    def heading_before(self, pos: int) -> str:
        """The text of the last heading line (furniture) that starts before ``pos``, else ""."""
        if self.furniture is None:
            return ""
        i = bisect.bisect_right(self.furniture.starts, pos) - 1
        if i < 0:
            return ""
        start, end = self.furniture.spans[i]
        if self.grammar.headline.match(self.view, self.lines.line_start(start) if self.lines else start):
            return ""  # a news headline heads one dispatch, not a section (胡宗南空运匪部计划破产)
        return self.view[start:end]

    def in_quote(self, pos: int) -> bool:
        assert self.lines is not None
        return self.lines.in_quote(pos, corner=False)

    def dated_from(self, c_start: int) -> int:
        """Start of the clause, or of the clause before it when that one is only a date (；翌晨，松江失守)."""
        view, g = self.view, self.grammar
        prev_end = c_start - 1
        prev_start = prev_end
        floor = max(0, prev_end - MAX_CLAUSE)  # clauses are cut at that length
        while prev_start > floor and not g.clause_end.match(view, prev_start - 1):
            prev_start -= 1
        if prev_end > prev_start and g.date_only.fullmatch(view[prev_start:prev_end]):
            return prev_start
        return c_start


class Scopes:
    """The words that put a trigger out of the told facts: orders and plans, negations, background."""

    def __init__(self, words: EventWords) -> None:
        self.w = words
        self._order_re = re.compile("|".join(map(re.escape, words.order))) if words.order else None
        self._condition_re = re.compile("|".join(map(re.escape, words.condition))) if words.condition else None
        self._negation_re = re.compile("|".join(map(re.escape, words.negation))) if words.negation else None

    def order_at(self, d: Discourse, c_start: int, t_start: int) -> int:
        """Offset of the last order, decision or plan word governing the trigger, else -1.

        An open quotation on the line (a plan quoted from an order) counts as
        governing from the start of the clause. A semicolon and a word of contrast end the scope as a
        sentence end does (…距离预定防御地区只有90公里；而东线…首都师已占领五老里: the plan word is the other
        half's); a bare semicolon does not (令第29军…接防；第17军…向古北口急进: the order's second part).
        """
        s_start = d.sentence_start(c_start)
        before = d.view[s_start:t_start]
        if d.in_quote(t_start) and self._quote_governs(d, t_start):
            return c_start
        if self._order_re is None or not self._order_re.search(before):
            return -1
        found = [s_start + i for word in self.w.order for i in occurrences(before, word, self.w.not_marker)]
        at = max(found, default=-1)
        half = self._statement_start(d, c_start)
        if 0 <= at < half and d.view.startswith(self.w.contrast_word, half):
            return -1
        return at

    def _quote_governs(self, d: Discourse, pos: int) -> bool:
        """Is the quotation holding ``pos`` an order, a plan or a speech (令…：“…”, 他说：“…”)?

        A document quoted as the source of the facts (a battle report, “整十一师…攻占李圩…”[4]) narrates:
        only an order word before the quotation in its sentence, or a word of saying right before it,
        makes it one. A short term in quotes (报复“扫荡”, quoted_term_chars) names an action and tells none.
        """
        assert d.lines is not None
        opened = d.lines.quote_start(pos)
        if opened < 0:
            return True
        closed = d.view.find("”", pos, opened + self.w.quoted_term_chars + 2)
        if closed >= 0 and closed - opened - 1 <= self.w.quoted_term_chars:
            return True  # 报复“扫荡”, 叫作“受降城”: a term in quotes names an action, it tells none
        lead = d.view[d.sentence_start(opened):opened].rstrip("：:，, ")
        if lead.endswith(self.w.speech_word):
            return True
        return any(occurrences(lead, word, self.w.not_marker) for word in self.w.order)

    @staticmethod
    def _statement_start(d: Discourse, pos: int) -> int:
        """Where the sentence or the semicolon-closed half of it that holds ``pos`` begins."""
        s_start = d.sentence_start(pos)
        return max((m.end() for m in d.grammar.statement_end.finditer(d.view, s_start, pos)), default=s_start)

    def condition_at(self, d: Discourse, t_start: int) -> int:
        """Offset of the last condition word (若, 一旦, 如果) of the sentence before the trigger, else -1.

        A condition spans semicolons (若X；则Y; 如果…；正是由于…才得以歼灭: the reflection it opens).
        """
        s_start = d.sentence_start(t_start)
        before = d.view[s_start:t_start]
        if self._condition_re is None or not self._condition_re.search(before):
            return -1
        found = [s_start + i for word in self.w.condition for i in occurrences(before, word, self.w.not_marker)]
        return max(found, default=-1)

    def governing(self, d: Discourse, dates: MentionIndex, event_type: str, c_start: int, t_start: int) -> str:
        """``order`` or ``condition`` when the trigger is in the scope of one, else empty.

        A scope runs from its word to the end of the sentence, unless a date after the word, in
        the trigger's clause or the date-only clause before it (…令X反击,6月28日收复萍乡), starts
        the report of what was done. An order to halt is the halt itself.
        """
        since = d.dated_from(c_start)
        at = self.condition_at(d, t_start)
        if at >= 0 and not dates.within(max(at, since), t_start):
            return "condition"
        if event_type in self.w.order_exempt:
            return ""
        heading = d.heading_before(t_start)
        if heading and any(w in heading for w in self.w.plan_heading):
            return "order"  # 二、作战方针及部署: the section under a plan's heading lays out what is to be done
        at = self.order_at(d, c_start, t_start)
        if at >= 0 and event_type in self.w.issued_order_type and self._issued(d.view, at):
            return ""  # 下令撤出纳溪: the withdrawal ordered is told as done (决定, 规定 stay plans)
        return "order" if at >= 0 and not self._reported(d, dates, at, max(at, since), t_start) else ""

    def _reported(self, d: Discourse, dates: MentionIndex, at: int, lo: int, hi: int) -> bool:
        """Whether a date between an order word and the trigger starts the report of what was done.

        A date the order itself sets in its own clause (决定从25日晨起…实施突击: a date before 起) is part of
        the plan; in a clause of its own (决定放弃武汉，守军自10月24日起陆续撤离) it reports.
        """
        view = d.view

        def plans_it(m: Mention) -> bool:
            # 决定从25日晨起: a date before 起; 定于下月一日, 拟于5日: a date right after the order word.
            own_clause = not d.grammar.clause_end.search(view, at, m.start)
            return own_clause and (any(view.startswith(w, m.end) for w in self.w.scheduled_after)
                                   or m.start - at <= _ORDER_TO_DATE)

        return any(not plans_it(m) for m in dates.within(lo, hi))

    def _issued(self, view: str, at: int) -> bool:
        """Whether the order word at ``at`` is part of an issued order (下令), not a decision or a plan."""
        for word in self.w.issued_order:
            j = view.rfind(word, max(0, at - len(word) + 1), at + len(word))
            if j >= 0 and j <= at < j + len(word):
                return True
        return False

    def negated(self, before: str, after: str, describes: Callable[[int], bool] | None = None) -> bool:
        """A negation before the trigger (未能攻占), a plan word after it (进攻长沙企图), or a describer.

        A describer (之敌) makes the trigger describe troops (突入之敌, 进犯红格尔图之伪军) when it follows
        right after the trigger or ``describes(i)`` says the ``i`` characters between are only the trigger's
        place. In 伏击来犯之敌 another verb describes the enemy and the ambush is told.
        """
        if self._negation_re is not None and self._negation_re.search(before) and any(
                occurrences(before, word, self.w.not_marker) for word in self.w.negation):
            return True
        if before.strip() in self.w.purpose_opening:
            return True  # 为攻下芷江，…: a clause opening with its purpose states no action
        if any(w in after for w in self.w.negation_after) or after.startswith(self.w.experience_after):
            return True  # …企图: an intention; 打过太原: a past experience recalled, no action told
        for word in self.w.describer_after:
            at = after.find(word)
            if at == 0 or (at > 0 and describes is not None and describes(at)):
                return True
        return False

    def background(self, before: str, after: str) -> bool:
        """当日军进攻衡阳时, 日军占领X期间: a time clause that recalls an action as background."""
        if any(after.endswith(w) for w in self.w.background_after):
            return True
        i = before.find("当")
        if i < 0 or "时" not in after:
            return False
        # 当日/当夜 are dates; 当日军… is 当 + 日军.
        return before[i + 1: i + 2] not in ("日", "夜", "晚", "天", "") or before[i + 1: i + 3] == "日军"

    def refers_back(self, view: str, t_end: int, c_end: int) -> bool:
        """衡阳失守后, 攻占金华、兰溪之后: the action recalled to date what follows."""
        return view.startswith("后", t_end) or view[t_end:c_end].endswith(self.w.reference_back)
