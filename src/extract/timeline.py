"""Timeline stage: every DATE mention gets its calendar value from the story.

A chronicle states a full date once and then leans on it (1944年4月17日夜 ...
19日凌晨 ... 当日 ... 29日夜). The resolver walks a document's DATE mentions
in order, keeping the story's running date:

- a mention inherits the year and month it lacks from the running date;
- a bare day goes to the nearest month around the running date that has
  that day (a flashback 29日 after 30日 stays in the month; 3日 told after
  28 May is 3 June; 31日 told in June is 31 May);
- months that run backwards across December roll the year;
- 当日/同日/当夜 are the running day, 次日/翌日 the day after, 3日后 three
  days later; what cannot be known stays ``X``;
- dates inside quotations, plans and orders (预定, 方针, 计划 ...), dates used
  attributively (1944年12月3日的日记) and historical asides (a bare year far
  from the story's) are resolved but do not move the running date.

A date that jumps back within the month with no such cue is kept as written
and reported as a chronology warning for the historian to check.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass

from lunardate import LunarDate

from extract.boundaries import LINE_END_CHARS, LineIndex, Spans
from extract.gazetteer import Gazetteer, longest_first
from extract.mention import Mention

# A text that never states its year is resolved on a stand-in year, printed as XXXX: 次日 after 5月24日 is
# XXXX-05-25 and 3日 after 5月30日 is XXXX-06-03. A leap year, so 2月29日 stays possible.
PROXY_YEAR = 4000
_REAL_YEARS = 3000  # below this a year is the text's (or the user's) own


def _lunar_reading(a: dict[str, object], lunar: tuple[int, int, int], bracketed: bool,
                   back_cost: float) -> tuple[dict[str, object], tuple[int, int, int], bool]:
    """A date of a text counted in lunar months, read in the running lunar date ``lunar``.

    Returns the attributes to resolve, the running lunar date after it, and whether the
    date is the solar one beside a lunar date (marked 阳历, or a month and day in brackets).
    A bare day is the next such day (二十日 after 八月十九日; 初二日 after 九月二十九日 is in
    the tenth month); a month and day is of the running lunar year, or the next when it lies
    half a year back; a month alone is the solar month holding the lunar month's middle.
    """
    keys = {"year", "year_offset", "offset", "month_offset", "lunar_month", "month2", "day2", "range_to"}
    if a.get("solar") or keys & set(a) or ("month" not in a and "day" not in a):
        return a, lunar, bool(a.get("solar"))
    year, month, day = lunar
    if "month" in a and "day" in a and bracketed:
        return a, lunar, True
    rest = {k: v for k, v in a.items() if k not in ("month", "day")}
    if "month" in a:
        m = int(a["month"])  # type: ignore[call-overload]
        if m < month - 6:
            year += 1
        month = m
        if "day" not in a:
            try:
                middle = LunarDate(year, month, 15).to_solar_date()
            except ValueError:
                return a, lunar, False
            return {**rest, "year": middle.year, "month": middle.month}, (year, month, 1), False
        d = int(a["day"])  # type: ignore[call-overload]
    else:
        d = int(a["day"])  # type: ignore[call-overload]
        # 翌晨 (the 19th) … 初，…约以十七日夜: a day a little back is a look back in the same month, as on the
        # solar timeline (a day back costs ``back_cost`` days ahead); 初二日 after the 29th is the next month's.
        if d < day and (day - d) * back_cost >= 30 - day + d:
            month += 1
            if month > 12:
                year, month = year + 1, 1
    return {**rest, "year": year, "lunar_month": month, "lunar_day": d}, (year, month, d), False


def _lunar_to_solar(year: int, month: int, day: int, ref: Reference | None, leap: bool = False) -> dt.date | None:
    """The solar day of a lunar date; with only the running solar date ``ref`` to go by, of the lunar year
    that puts it nearest (腊月二十三 told in January 1940 is of lunar 1939: 1940-01-31). ``leap``: the day is of
    the leap month that repeats ``month`` (閏五月初六日 of 1922 is 1922-06-30)."""
    years = [year] if ref is None else [year - 1, year, year + 1]
    anchor = dt.date(year, ref.month or 6, ref.day or 15) if ref is not None else None
    best: dt.date | None = None
    for y in years:
        try:
            solar = LunarDate(y, month, day, leap).to_solar_date()
        except ValueError:
            continue
        if best is None or (anchor is not None and abs((solar - anchor).days) < abs((best - anchor).days)):
            best = solar
    return best


@dataclass(slots=True)
class Reference:
    """The story's running date, as precise as the text has made it."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def as_date(self) -> dt.date | None:
        if self.year and self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None


@dataclass(slots=True)
class Warning:
    start: int
    end: int
    kind: str
    message: str


# What may stand around a date that heads a line alone (〔九月八日〕, 【十月一日】, ▲十一月).
_HEADING_MARKS = " \t\r\u3000〔〕[]【】()（）<>〈〉《》▲△●○■□◆◇·・-—:："

# How far into its line a dispatch's 电 and day may stand (○汉口电　十四日: the place before them).
_HEADING_CHARS = 40  # the longest line read as a heading whose brackets hold its day
_DATELINE_LEAD = 12

# Parts of the day in their order: an early one told after a late one, with no day of its own, is the next day.
_POD_RANK = {"dawn": 1, "early_morning": 0, "morning": 2, "noon": 3, "afternoon": 4, "evening": 5, "night": 6}


def _window(value: object) -> tuple[dt.date, dt.date] | None:
    """A campaign's span as two dates (a YYYY-MM end is the month's last day)."""
    if not value:
        return None
    start, end = value  # type: ignore[misc]

    def day(text: str, last: bool) -> dt.date:
        parts = [int(p) for p in str(text or start)[: 4 if not text else None].split("-")]  # no end: its year
        y, m = parts[0], parts[1] if len(parts) > 1 else (12 if last else 1)
        d = parts[2] if len(parts) > 2 else (calendar.monthrange(y, m)[1] if last else 1)
        return dt.date(y, m, d)

    return day(start, False), day(end, True)


def window_text(narrative: dict[str, object]) -> str:
    start, end = narrative.get("window") or ("", "")  # type: ignore[misc]
    return f"{start} to {end}"


def _month_in_window(ref: Reference, day: int, window: tuple[dt.date, dt.date]) -> Reference:
    """A bare day in a campaign's span with no month yet: the first month of the span that holds it."""
    y, m = window[0].year, window[0].month
    while (y, m) <= (window[1].year, window[1].month):
        if _valid(y, m, day) and window[0] <= dt.date(y, m, day) <= window[1]:
            return Reference(y, m, None)
        y, m = _shift(y, m, 1)
    return ref


def _into_window(ref: Reference, norm: str, window: tuple[dt.date, dt.date]) -> tuple[Reference, str]:
    """Move a date whose year was inferred to the year of the campaign's span that holds it."""
    if not ref.year or not ref.month or ref.year >= _REAL_YEARS:
        return ref, norm

    def distance(year: int) -> int:
        # Days between the month and the span; 0 where they overlap.
        first = dt.date(year, ref.month, 1)  # type: ignore[arg-type]
        last = dt.date(year, ref.month, calendar.monthrange(year, ref.month)[1])  # type: ignore[arg-type]
        return max((window[0] - last).days, (first - window[1]).days, 0)

    # The span's year that holds the month; else the year nearest the span (the months before
    # 芒友会师 of January 1945 are the autumn of 1944, not of 1945). A span that holds the month in more
    # than one year (a war of three years: 朝鲜战争, 10月28日) fixes no year: it stays open.
    years = range(window[0].year - 1, window[1].year + 2)
    if sum(1 for y in years if distance(y) == 0) > 1:
        return Reference(PROXY_YEAR, ref.month, ref.day), "/".join(
            f"XXXX{p[4:]}" if p[:4].isdigit() else p for p in norm.split("/"))
    year = min(years, key=lambda y: (distance(y), y))
    if year == ref.year:
        return ref, norm
    delta = year - ref.year
    shifted = "/".join(f"{int(p[:4]) + delta:04d}{p[4:]}" if p[:4].isdigit() else p for p in norm.split("/"))
    day = ref.day if ref.day is None or _valid(year, ref.month, ref.day) else None
    return Reference(year, ref.month, day), shifted


def thread_pattern(gaz: Gazetteer) -> re.Pattern[str] | None:
    """Thread words (date_context ``thread``) opening a clause: 左翼…；右翼…；中路… narrate columns side by side."""
    threads = [r["value"] for r in gaz.res.rows("date_context.csv") if r["kind"] == "thread"]
    if not threads:
        return None
    return re.compile("(?<=" + gaz.grammar.clause_end.pattern + ")(?:"
                      + "|".join(re.escape(w) for w in longest_first(threads)) + ")")


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _possible(year: int | None, month: int, day: int) -> bool:
    """Can the month have this day? With no year, 29 February can (some year is a leap year)."""
    return _valid(year or 2000, month, day)


# What a date's reading found wrong in the text: (kind, message) pairs, reported as warnings.
Notes = list[tuple[str, str]]


def _shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _iso(year: int | None, month: int | None = None, day: int | None = None, precision: int = 3) -> str:
    y = f"{year:04d}" if year and year < _REAL_YEARS else "XXXX"
    if precision == 1:
        return y
    m = f"{month:02d}" if month else "XX"
    if precision == 2:
        return f"{y}-{m}"
    d = f"{day:02d}" if day else "XX"
    return f"{y}-{m}-{d}"


class TimelineResolver:
    """Resolves the DATE mentions of one document (state lives in ``resolve``)."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.g = gaz.grammar
        rows = gaz.res.rows("date_context.csv")
        self.plan_words = [r["value"] for r in rows if r["kind"] == "plan"]
        self.not_plan = [r["value"] for r in rows if r["kind"] == "not_plan"]
        self.background = tuple(r["value"] for r in rows if r["kind"] == "background_after")
        self.story_year = tuple(r["value"] for r in rows if r["kind"] == "story_year")
        self.aside_years = int(next((r["value"] for r in rows if r["kind"] == "aside_years"), "1"))
        self.warn_days = int(next((r["value"] for r in rows if r["kind"] == "warn_back_days"), "10"))
        self.back_cost = float(next((r["value"] for r in rows if r["kind"] == "bare_day_back_cost"), "2"))
        # 7月底…14日, 7月下旬…5日: the bare days before which the next month is meant, by the month part.
        self.late_parts = {**{r["value"]: 11 for r in rows if r["kind"] == "late_month_part"},
                           **{r["value"]: 21 for r in rows if r["kind"] == "month_end_part"}}
        self.roll_days = int(next((r["value"] for r in rows if r["kind"] == "range_roll_days"), "10"))
        self.story_until = int(next((r["value"] for r in rows if r["kind"] == "story_until"), "9999"))
        self.span_open = tuple(r["value"] for r in rows if r["kind"] == "span_open")
        self.span_open_after = tuple(r["value"] for r in rows if r["kind"] == "span_open_after")
        self.background_before = tuple(r["value"] for r in rows if r["kind"] == "background_before")
        self.background_next = tuple(r["value"] for r in rows if r["kind"] == "background_next")
        # 1944年12月3日的日记: the date of a record quoted, not a time of the story (1938年4月的一个雨夜 is one).
        self.record_after = tuple(r["value"] for r in rows if r["kind"] == "record_after")
        self.year_end = frozenset(r["value"] for r in rows if r["kind"] == "year_end")
        # A dispatch's dateline (【上海二十二日电】) is the writer's own day: 今晨, 昨日 count from it, not
        # from the last day the story told.
        self.dispatch_marks = tuple(r["value"] for r in rows if r["kind"] == "dispatch_mark")
        self.now_words = tuple(longest_first(r["value"] for r in rows if r["kind"] == "now_word"))
        self.diary_marks = tuple(longest_first(r["value"] for r in rows if r["kind"] == "diary_mark"))
        # A thread word opening a clause (…:左翼第3师团…；右翼…；中路…): each column's dates run from the same start.
        self.thread = thread_pattern(gaz)
        self.span_close = tuple(r["value"] for r in gaz.res.rows("date_words.csv") if r["kind"] == "range_separator")
        # A short year with no era named (16年8月): the era Chinese texts of the period count in, if its
        # years reach that far (民国 1-42 for 1912-1953); a warning says the era was assumed.
        eras = {r["value"]: int(r["norm"]) for r in gaz.res.rows("date_words.csv") if r["kind"] == "era"}
        default = next((r["value"] for r in rows if r["kind"] == "default_era"), "")
        self.default_era = (default, eras[default]) if default in eras else None
        self.default_era_years = int(next((r["value"] for r in rows if r["kind"] == "default_era_years"), "42"))

    # -- context ---------------------------------------------------------------
    # Every question below is asked once per DATE mention. Scanning to the line or
    # sentence start each time was quadratic on a long line full of dates (a 50k
    # line of 一月一月...); the line index, the sentence ends and the per-sentence
    # plan memo make each question O(log n), and each sentence is read once.
    @staticmethod
    def _line_start(view: str, start: int) -> bool:
        """Only whitespace between the line start and ``start``: walks back over the
        whitespace before one mention, and mentions do not overlap, so linear in total."""
        i = start
        while i > 0 and view[i - 1].isspace() and view[i - 1] not in LINE_END_CHARS:
            i -= 1
        return i == 0 or view[i - 1] in LINE_END_CHARS

    @staticmethod
    def _in_aside(view: str, ends: list[int], start: int) -> bool:
        """True when a bracket opened earlier in the sentence is still open at ``start``."""
        i = bisect.bisect_left(ends, start)
        left = ends[i - 1] + 1 if i > 0 else 0
        before = view[max(left, start - 200):start]  # sentences are cut well below this; keeps it linear
        return before.count("(") > before.count(")")

    @staticmethod
    def _after_midnight(a: dict[str, object], pod_rank: int) -> bool:
        """An early-hours time with no day of its own, told after the afternoon or later of the running day."""
        own_day = any(k in a for k in ("day", "offset", "month", "year", "year_offset", "month_offset"))
        return not own_day and a.get("part_of_day") in ("early_morning", "dawn") and pod_rank >= _POD_RANK["afternoon"]

    def _sentence_start(self, view: str, start: int) -> bool:
        i = start
        while i > 0 and view[i - 1] in " \u3000":
            i -= 1
        return i == 0 or bool(self.g.statement_end.match(view, i - 1))

    def _plan_sentence(self, view: str, ends: list[int], start: int, end: int, memo: dict[int, int]) -> bool:
        """Is ``view[start:end]`` told after a plan word of its sentence (预定, 方针, 计划 ...)?

        A date before the plan word is what was done (5月中旬强渡黄河…，企图西犯兰封): it moves the story.
        The first plan word's offset is memoized per sentence (-1: none).
        """
        i = bisect.bisect_left(ends, start)
        left = ends[i - 1] + 1 if i > 0 else 0
        if left not in memo:
            j = bisect.bisect_left(ends, end)
            sentence = view[left: ends[j] if j < len(ends) else len(view)]
            for done in self.not_plan:  # 按预定计划撤离: carried out, not planned
                sentence = sentence.replace(done, "\x00" * len(done))
            found = [k for word in self.plan_words if (k := sentence.find(word)) >= 0]
            memo[left] = left + min(found) if found else -1
        return memo[left] >= 0 and start > memo[left]

    def _moves_story(self, view: str, m: Mention, lines: LineIndex, ends: list[int], memo: dict[int, int],
                     furniture: Spans) -> bool:
        """False for dates in quotes, plans, attributive use (…的日记) and page furniture (headings, captions)."""
        attributive = bool(self.record_after) and view.startswith(self.record_after, m.end)
        heading = self._heading_day(view, m, lines)
        if lines.in_quote(m.start) or attributive or (
                m.start in furniture and not self._date_line(view, m, lines) and not heading):
            return False
        if int(m.attrs.get("year", 0)) > self.story_until:  # type: ignore[call-overload]
            return False  # 2016-10-18 under a page's title: when it was posted, not when the story happened
        if self._background(view, m.end):
            return False  # 1932年"一二八"淞沪抗战期间: the time of another story, recalled
        if self.background_before and view[max(0, m.start - 4): m.start].endswith(self.background_before):
            return False  # 第四战区成立于1937年12月: when something began, not where the story is
        if self.background_next and view.startswith(self.background_next, m.end):
            return False  # 朱德,1886年生: a life's dates are no time of the story
        if self._line_start(view, m.start):
            return True  # a paragraph or chronicle line opening with a date resets the story
        if heading:
            return True  # 第一　號外（六月十六日午後發行）: the day heads what follows
        if self._in_aside(view, ends, m.start):
            return False  # 黄维兵团（十一月八日起自确山…东援）: a date in brackets recalls, it does not move
        return not self._plan_sentence(view, ends, m.start, m.end, memo)

    def _heading_day(self, view: str, m: Mention, lines: LineIndex) -> bool:
        """第一　號外（六月十六日午後發行）, 第三　七月十一日（舊曆閏五月十七日）: a month and day on a short heading
        line (no sentence end in it), in its brackets or not, is the day of the issue or report it heads: the
        writer's day."""
        if "day" not in m.attrs or "month" not in m.attrs or "year" in m.attrs or "range_to" in m.attrs \
                or "day2" in m.attrs or m.start == 0:
            return False  # (a whole date under a page's title, [1937年8月24日], is when it was posted)
        line = _line_of(view, m, lines)
        return len(line) <= _HEADING_CHARS and not self.g.statement_end.search(line)

    @staticmethod
    def _date_line(view: str, m: Mention, lines: LineIndex) -> bool:
        """〔九月八日〕: a line that holds the date alone, in brackets or not, heads what follows (an issue's or
        a diary's day): furniture that still moves the story."""
        return _line_of(view, m, lines).strip(_HEADING_MARKS) == view[m.start:m.end]

    def _background(self, view: str, end: int) -> bool:
        """Does the clause the date stands in end with a background word (…期间, …之际)?"""
        if not self.background:
            return False
        m = self.g.clause_end.search(view, end, end + 40)
        stretch = view[end: m.start() if m else min(len(view), end + 40)].rstrip()
        return stretch.endswith(self.background)

    def _far_year(self, a: dict[str, object], ref: Reference, stated: bool,
                  window: tuple[dt.date, dt.date] | None, narrative: dict[str, object], start: int) -> bool:
        """Is this a year alone, far from the story's year (the text's own, else that of the campaign named
        before it: one named only later may be another story's)?"""
        if "year" not in a or "month" in a or "season" in a or int(a["year"]) == narrative.get("year"):  # type: ignore
            return False
        year = int(a["year"])  # type: ignore[call-overload]
        if stated and ref.year:
            return abs(year - ref.year) > self.aside_years
        at = narrative.get("at")
        if window is not None and isinstance(at, list) and at[0] < start:
            return not window[0].year - self.aside_years <= year <= window[1].year + self.aside_years
        return False

    # -- resolution --------------------------------------------------------------
    def resolve(self, view: str, dates: list[Mention], narrative: dict[str, object] | None = None) -> list[Warning]:
        """Set ``norm`` (and ``attrs['date']``) on every DATE mention; return warnings.

        ``narrative`` (``extract.narrative``) seeds the running date: a reference date the user gave, or the
        year of the campaign the text names, whose dates then fall inside the campaign's span (淮海战役:
        11月 is 1948, 1月 is 1949) until the text states a year of its own.
        """
        narrative = narrative or {}
        seed_year = narrative.get("year")
        ref = Reference(int(seed_year) if seed_year else PROXY_YEAR,  # type: ignore[call-overload]
                        narrative.get("month"), narrative.get("day"))  # type: ignore[arg-type]
        window = _window(narrative.get("window"))
        inferred = 0
        pod_rank = -1  # how late in the running day the story is (parts of day in order)
        era_base: int | None = None  # the offset of the era the text last named (民国: 1911)
        # Whether the running year is the text's or the user's own (a campaign's year only stands in for it).
        stated = bool(seed_year) and narrative.get("source") != "campaign"
        latest: dt.date | None = None
        warnings: list[Warning] = []
        lines = LineIndex(view)
        ends = [e.start() for e in self.g.sentence_end.finditer(view)]
        plans: dict[int, int] = {}
        furniture = Spans(self.g.furniture, view)
        open_span = -1  # the sentence whose date opened a span (从1950年10月…): its 至 date only closes it
        threads = [t.start() for t in self.thread.finditer(view)] if self.thread else []
        thread_at = 0  # the next thread word not yet passed
        root: tuple[int, Reference, int, dt.date | None] | None = None  # sentence, reference, pod rank, latest
        aside: int | None = None  # the year of the aside just told (1927年参加南昌起义，同年…，次年…)
        now: Reference | None = None  # the day of the last dispatch's dateline
        late: tuple[int | None, int, int] | None = None  # a month's end the story reached (7月底) and its first day
        # The running lunar date (year, month, day) once a lunar era dates the text (宣统三年八月十九日):
        # its bare days and months are lunar ones until a solar year is stated.
        lunar: tuple[int, int, int] | None = None
        for m in sorted(dates, key=lambda x: x.start):
            a = m.attrs
            moves = self._moves_story(view, m, lines, ends, plans, furniture)
            sentence = bisect.bisect_left(ends, m.start)
            while thread_at < len(threads) and threads[thread_at] < m.start:
                at = bisect.bisect_left(ends, threads[thread_at])
                if root is None or at != root[0]:
                    root = (at, ref, pod_rank, latest)  # the sentence's first column: where it starts is the root
                else:
                    _, ref, pod_rank, latest = root  # a later column of the same sentence starts again from it
                thread_at += 1
            if view[max(0, m.start - 2): m.start].endswith(self.span_open or ("\x00",)) \
                    or view.startswith(self.span_open_after or ("\x00",), m.end):
                open_span = sentence
            elif (open_span == sentence and self.span_close
                  and view[max(0, m.start - 2): m.start].endswith(self.span_close)):
                moves = False  # 从1950年10月入朝至1951年6月: the story goes on from the span's start
            notes: Notes = []
            if "era_base" in a:
                era_base = int(a["era_base"])  # type: ignore[call-overload]
            if "era_year" in a:  # 卅七年十一月 after 民國三十七年: the era's year, or unknown with no era named
                a = {k: v for k, v in a.items() if k != "era_year"}
                short = int(m.attrs["era_year"])  # type: ignore[call-overload]
                if era_base is not None:
                    a["year"] = era_base + short
                elif self.default_era is not None and 1 <= short <= self.default_era_years:
                    a["year"] = self.default_era[1] + short
                    notes.append(("era_assumed", f"no era is named: read as {self.default_era[0]}{short}年 "
                                  f"= {a['year']}"))
            if a.get("lunar_era"):  # 宣统三年八月十九日; 宣统三年 alone opens its lunar year
                lunar = (int(a["year"]), int(a.get("lunar_month", 1)), int(a.get("lunar_day", 1)))  # type: ignore
            elif "year" in a and not a.get("solar") and not (
                    lunar is not None and "month" not in a and int(a["year"]) == lunar[0]):  # type: ignore
                # 1912年1月1日, 民国元年: the text counts solar years from here (not 宣统三年（公元一九一一年）,
                # the era's year glossed)
                lunar = None
            elif lunar is not None:
                a, lunar, aside_date = _lunar_reading(a, lunar, view[max(0, m.start - 1): m.start] in "(（",
                                                      self.back_cost)
                if aside_date:
                    moves = False  # 二十七日（十月十八日）: the solar date beside the lunar one
            if window is not None and "day" in a and "month" not in a and not ref.month:
                ref = _month_in_window(ref, int(a["day"]), window)  # type: ignore[call-overload]
            if moves and self._after_midnight(a, pod_rank):
                a = {**a, "offset": 1}  # 25日下午4时 ... 凌晨5时: the early hours of the next day
            if now is not None and ("offset" in a or "month_offset" in a) \
                    and view.startswith(self.now_words or ("\x00",), m.start):
                new_ref, norm = self._value(a, now, notes)  # 【上海二十二日电】…昨日…今晨突破: the 22nd
            elif aside is not None and "year_offset" in a and "year" not in a \
                    and not view.startswith(self.story_year or ("\x00",), m.start):
                # 同年, 次年 right after an aside count from the aside's year, and stay in the aside.
                moves = False
                new_ref, norm = self._value(a, Reference(aside), notes)
                aside = new_ref.year
            else:
                new_ref, norm = self._value(a, ref, notes)
                if late is not None and _bare_day(a) and (ref.year, ref.month) == late[:2] \
                        and int(a["day"]) < late[2]:  # type: ignore[call-overload]
                    # 1937年7月底，…；…于14日收复: the story has passed the 14th of July, so it is August's.
                    y, mo = _shift(ref.year or PROXY_YEAR, late[1], 1)
                    new_ref, norm = self._value(a, Reference(y if ref.year else None, mo), notes)
                elif latest is not None and _bare_day(a) and ref.day is None and ref.month and ref.year \
                        and (ref.year, ref.month) < (latest.year, latest.month):
                    new_ref, norm = self._back_or_story(a, ref, latest, (new_ref, norm), notes)
            if self._far_year(a, ref, stated, window, narrative, m.start):
                # 1905年 in a 1944 story: a historical aside. Not a season (到1941年春天: the story moves on)
                # nor the year of the campaign the text names; with a campaign named and no year of the
                # text's own yet, a year far outside the campaign (a commander born 1886) is one too.
                moves = False
                aside = int(a["year"])  # type: ignore[call-overload]
            elif moves and aside is not None and "year_offset" not in a:
                aside = None  # the story goes on
            if "year" in a and moves:
                if window is not None and inferred and not window[0].year <= int(a["year"]) <= window[1].year:
                    notes.append(("campaign_year", f"the text's year {a['year']} is outside "
                                  f"{narrative.get('campaign')} ({window[0]} to {window[1]}), whose year the "
                                  "dates before it took; check them"))
                window = None  # the text's own year from here on
            elif window is not None and "year_offset" not in a and "month" in a and "year" not in a:
                new_ref, norm = _into_window(new_ref, norm, window)
            if "year" not in a and "year_offset" not in a and seed_year and window is not None \
                    and not norm.startswith("X"):
                inferred += 1  # (a span that holds the month in several years gave none: XXXX)
            surface = view[m.start:m.end]
            if a.get("compact"):
                notes.append(("compact_date", f"read as {norm}: the copy lost the 年 or 月 between its digits"))
            warnings.extend(Warning(m.start, m.end, kind, f"{surface}: {message}") for kind, message in notes)
            if int(a.get("year_offset", 0)) < 0 or int(a.get("month_offset", 0)) < 0:  # type: ignore[call-overload]
                moves = False  # 去年冬天, 上月二十日: a look back, not the story's year or month
                if int(a.get("year_offset", 0)) < 0 and new_ref.year:  # type: ignore[call-overload]
                    aside = new_ref.year  # 去年四月…；同年十二月: the year looked back to
            m.norm = norm
            m.attrs["date"] = norm
            if (self.dispatch_marks and view.startswith(self.dispatch_marks, m.end)) or self._diary_heading(view, m) \
                    or self._dateline_after_mark(view, m, lines) or (moves and self._heading_day(view, m, lines)):
                now = new_ref
            elif (now is not None and moves and _bare_day(a) and self._line_start(view, m.start)
                    and (reached := new_ref.as_date()) is not None and (told := now.as_date()) is not None
                    and reached > told):
                now = new_ref  # 十二日　屯留城已于今晨为我攻克: a later day opening a line is the next report's
            day = new_ref.as_date()
            if (moves and day is not None and latest is not None and "month" in a and "year" not in a
                    and not self._sentence_start(view, m.start)):
                back = (latest - day).days
                if day.month == latest.month and back > self.warn_days:
                    # Kept as written (the text's own chain follows it), but reported.
                    told = _iso(latest.year, latest.month, latest.day)
                    warnings.append(Warning(m.start, m.end, "chronology",
                                            f"{norm} is told after {told} with no flashback cue; check the source"))
            if moves and ("day" in a or "month" in a or "offset" in a):
                part = str(a.get("month_part", ""))
                late = (new_ref.year, new_ref.month, self.late_parts[part]) if (  # type: ignore[assignment]
                    new_ref.month and new_ref.day is None and part in self.late_parts) else None
            if moves:
                pod = str(a.get("part_of_day", ""))
                if "day" in a or "lunar_day" in a or "offset" in a or "month" in a:
                    pod_rank = _POD_RANK.get(pod, -1)  # a new day starts with what it says of its hour
                elif pod in _POD_RANK:
                    pod_rank = max(pod_rank, _POD_RANK[pod])
                if "year" in a:
                    latest = None
                    stated = True
                ref = new_ref
                if day is not None:
                    latest = day if latest is None or day > latest else latest
            elif (not stated and "year" in a and "year_offset" not in a
                  and int(a["year"]) <= self.story_until):  # type: ignore[call-overload]
                # (no year of the text's own yet: none at all, or only a campaign's standing in for it)
                if m.start in furniture or self._in_aside(view, ends, m.start):
                    # 第一兵团兰封附近战斗详报（自民国二十七年五月二十一日至二十八日）: a heading's or a subtitle's
                    # year is the year of a text that states none in its narrative; its day does not move the story.
                    ref = Reference(int(a["year"]))  # type: ignore[call-overload]
                    stated = True
                    if window is not None and not window[0].year <= int(a["year"]) <= window[1].year:  # type: ignore
                        window = None  # a year of the text's own outside the campaign it names (北伐 in 1922)
                elif lines.in_quote(m.start) and "month" in a and "offset" not in a:
                    # “一九四八年九月十二日，…战役首先在北宁线打响”，十三日…: a page that opens by quoting
                    # the histories gives the year and month its own bare days run in; the quoted day is not
                    # the story's.
                    ref = Reference(int(a["year"]), int(a["month"]))  # type: ignore[call-overload]
                    stated = True
        _months_back(dates)
        at = narrative.get("at")
        if inferred and narrative.get("source") == "campaign" and at:
            start, end = at  # type: ignore[misc]
            warnings.append(Warning(start, end, "year_from_campaign",
                                    f"the text does not state the year; {inferred} date(s) take it from "
                                    f"{narrative.get('campaign')} ({window_text(narrative)})"))
        return sorted(warnings, key=lambda w: (w.start, w.end, w.kind))

    def _dateline_after_mark(self, view: str, m: Mention, lines: LineIndex) -> bool:
        """○汉口电　十四日, 南昌电　齐: a day right after a dispatch mark near a line's start is the dispatch's day
        (a newspaper's order: place, 电, day)."""
        start = lines.line_start(m.start)
        return (m.start - start <= _DATELINE_LEAD and bool(self.dispatch_marks)
                and any(view.endswith(mark, start, m.start) for mark in self.dispatch_marks))

    def _diary_heading(self, view: str, m: Mention) -> bool:
        """八月九日　晴: a day that heads a diary entry (alone on its line, or with the weather after it), or a whole
        date that opens a heading line (a communique's: 一九五一年一月二十六日　…报道).

        Like a dispatch's dateline it is the writer's day: 今晨, 昨日 in the entry count from it.
        """
        if "day" not in m.attrs or (m.start > 0 and view[m.start - 1] not in "\n\r"):
            return False
        line_end = view.find("\n", m.end)
        rest = view[m.end: line_end if line_end >= 0 else len(view)].strip(" \t\r\u3000")
        if "year" in m.attrs and "month" in m.attrs and rest and not self.g.statement_end.search(rest):
            return True  # 一九五一年一月二十六日　朝鲜人民军最高司令部报道（第二〇一号）: a dated heading
        return not rest or rest.startswith(self.diary_marks or ("\x00",))

    def _back_or_story(self, a: dict[str, object], ref: Reference, latest: dt.date,
                       back: tuple[Reference, str], notes: Notes) -> tuple[Reference, str]:
        """A bare day after a month told as a step back (十二月十日… 十一月中旬，…翻了脸 … 十二日): in that month,
        or in the month the story had reached, whichever puts it nearer the latest day told (the back month on a
        tie).

        A month alone recalls the background as often as it opens a flashback; the day that follows says which:
        十月下旬…二十八日 after 11月4日 goes back, 十一月中旬… 十二日 after 12月10日 is the story's 12th.
        """
        story = self._value(a, Reference(latest.year, latest.month), [])
        there, here = back[0].as_date(), story[0].as_date()
        if there is None or here is None or abs((latest - here).days) >= abs((latest - there).days):
            return back
        return story

    def _value(self, a: dict[str, object], ref: Reference, notes: Notes) -> tuple[Reference, str]:
        """The mention's reference date after it, and its norm (a range: both ends)."""
        if "range_to" in a:
            first = {k: v for k, v in a.items() if k != "range_to"}
            ref1, norm1 = self._single(first, ref, notes)
            _, norm2 = self._single(dict(a["range_to"]), ref1, notes)  # type: ignore[call-overload]
            return ref1, f"{norm1.split('/')[0]}/{norm2.split('/')[-1]}"
        return self._single(a, ref, notes)

    def _day_norm(self, a: dict[str, object], year: int | None, month: int, day: int, notes: Notes) -> str:
        """A day's norm, or the range to ``day2`` when the text gives one (7日至8日, 7、8两日).

        A range that ends on an earlier day runs into the next month when that makes
        it short (29日至2日: the 29th to the 2nd of the next month); else it is kept
        as written and reported. An end day the month does not have is ``XX``.
        """
        norm = _iso(year, month, day)
        if "day2" not in a:
            return norm
        day2 = int(a["day2"])  # type: ignore[call-overload]
        if day2 < day:
            y2, m2 = _shift(year or 2000, month, 1)
            length = calendar.monthrange(year or 2000, month)[1] - day + day2
            if length <= self.roll_days:
                return f"{norm}/{_iso(y2 if year else None, m2, day2)}"
            notes.append(("backwards_range", f"the range ends on day {day2}, before it starts; check the source"))
        if not _possible(year, month, day2):
            notes.append(("impossible_date", f"{_iso(year, month, precision=2)} has no day {day2}; kept as XX"))
            return f"{norm}/{_iso(year, month, None)}"
        return f"{norm}/{_iso(year, month, day2)}"

    def _single(self, a: dict[str, object], ref: Reference, notes: Notes) -> tuple[Reference, str]:
        if "month_offset" in a:  # 同月下旬, 次月: a month counted from the running one
            if not ref.month:
                return Reference(ref.year), _iso(ref.year, None, precision=2)
            y, mo = _shift(ref.year or PROXY_YEAR, ref.month, int(a["month_offset"]))  # type: ignore[call-overload]
            if "day" in a:  # 同月25日
                d = int(a["day"])  # type: ignore[call-overload]
                if not _possible(y, mo, d):
                    notes.append(("impossible_date", f"{_iso(y, mo, precision=2)} has no day {d}; kept as XX"))
                    return Reference(y, mo), _iso(y, mo, None)
                return Reference(y, mo, d), _iso(y, mo, d)
            return Reference(y, mo), _iso(y, mo, precision=2)
        if "lunar_month" in a:  # 旧历正月初一: converted in the running year
            year = int(a["year"]) if "year" in a else ref.year  # type: ignore[call-overload]
            if not year or year >= _REAL_YEARS:
                return Reference(ref.year, ref.month, None), _iso(None, None, None)
            solar = _lunar_to_solar(year, int(a["lunar_month"]), int(a["lunar_day"]),  # type: ignore[call-overload]
                                    None if "year" in a else ref, bool(a.get("lunar_leap")))
            if solar is None:
                notes.append(("impossible_date", "no such day in the lunar calendar; kept as XX"))
                return Reference(ref.year), _iso(ref.year, None, None)
            return Reference(solar.year, solar.month, solar.day), _iso(solar.year, solar.month, solar.day)
        if "offset" in a:
            offset = str(a["offset"])
            base = ref.as_date()
            if offset == "X" or base is None:
                return Reference(ref.year, ref.month, None), _iso(ref.year, ref.month, None)
            day = base + dt.timedelta(days=int(offset))
            return Reference(day.year, day.month, day.day), _iso(day.year, day.month, day.day)
        year = a.get("year")
        if "year_offset" in a and ref.year:
            year = ref.year + int(a["year_offset"])  # type: ignore[call-overload]  # 翌年, 同年, 去年
        month = a.get("month")
        day = a.get("day")
        if "year_offset" in a and month is None and day is None:  # 翌年夏: a year, known or not
            return (Reference(int(year)) if year else ref), _iso(int(year) if year else None, precision=1)
        if year is None and month is None and day is None:  # 拂晓, 22时许: the running day
            return ref, _iso(ref.year, ref.month, ref.day)
        if year is not None and month is None:
            # 1932年底: the story stands at the year's end, so a 2月 told next is the next year's.
            at_end = 12 if a.get("season") in self.year_end else None
            return Reference(int(year), at_end), _iso(int(year), precision=1)
        if month is not None:
            m = int(month)
            y = int(year) if year is not None else ref.year
            if year is None and ref.year and ref.month and ref.month >= 10 and m <= 3:
                y = ref.year + 1  # 12月24日 ... 1月3日: the next year
            if "month2" in a:
                m2 = int(a["month2"])  # type: ignore[arg-type]
                return Reference(y, m), f"{_iso(y, m, precision=2)}/{_iso(y, m2, precision=2)}"
            if day is None:
                return Reference(y, m), _iso(y, m, precision=2)
            d = int(day)
            if not _possible(y, m, d):  # 1944年2月30日, 9月31日: the text is wrong, the day stays unknown
                notes.append(("impossible_date", f"{_iso(y, m, precision=2)} has no day {d}; kept as XX"))
                return Reference(y, m, None), _iso(y, m, None)
            return Reference(y, m, d if y else None), self._day_norm(a, y, m, d, notes)
        d = int(day)  # type: ignore[arg-type]
        if not ref.year or not ref.month:  # the day is known, its month is not: keep the day for 黄昏, 当夜
            return Reference(ref.year, ref.month, d), _iso(ref.year, ref.month, d)
        if ref.day is None:
            # The story is at month precision (5月下旬): a bare day is in that month.
            if _valid(ref.year, ref.month, d):
                return Reference(ref.year, ref.month, d), self._day_norm(a, ref.year, ref.month, d, notes)
            return Reference(ref.year, ref.month, None), _iso(ref.year, ref.month, None)
        base = ref.as_date() or dt.date(ref.year, ref.month, 1)
        best: tuple[int, int, int, int] | None = None
        for delta in (0, 1, -1):
            y, mo = _shift(ref.year, ref.month, delta)
            if not _valid(y, mo, d):
                continue
            distance = (dt.date(y, mo, d) - base).days
            if distance < 0 and a.get("until"):
                continue  # 战至23日: lasted until then, never a day gone by
            # Narratives move forward: a step back costs twice a step ahead, so after
            # 9月10日 a bare 30日 is 9月30日, while after 10月2日 a bare 29日 is 9月29日.
            cost = distance if distance >= 0 else -distance * self.back_cost
            key = (cost, 0 if distance >= 0 else 1, y, mo)
            if best is None or key < best:
                best = key
        if best is None:
            return Reference(ref.year, ref.month, None), _iso(ref.year, ref.month, None)
        _, _, y, mo = best
        return Reference(y, mo, d), self._day_norm(a, y, mo, d, notes)


def _line_of(view: str, m: Mention, lines: LineIndex) -> str:
    """The whole line the mention stands in."""
    end = view.find("\n", m.end)
    return view[lines.line_start(m.start): end if end >= 0 else len(view)]


def _bare_day(a: dict[str, object]) -> bool:
    """A day with no month, year or offset of its own (十二日, 28日夜)."""
    return "day" in a and not any(k in a for k in ("month", "year", "offset", "month_offset", "year_offset",
                                                   "range_to", "lunar_month"))


_NO_MONTH = re.compile(r"(\d{4}|XXXX)-XX-(\d{2})")
_WHOLE_DAY = re.compile(r"(\d{4}|XXXX)-\d{2}-\d{2}")


def _months_back(dates: list[Mention]) -> None:
    """14日…10月15日: bare days told before any month take the month of the first date that states one.

    A page that opens in the middle of a story (14日，日军增兵…) names its month a line later; the day
    before that date's is in its month, a later one in the month before. Resolved across the document,
    after the running timeline (which cannot look ahead).
    """
    ordered = sorted(dates, key=lambda x: x.start)
    first = next((m for m in ordered if _WHOLE_DAY.fullmatch(m.norm or "")), None)
    if first is None:
        return
    year, month, day = first.norm.split("-")
    for m in ordered:
        if m.start >= first.start:
            break
        hit = _NO_MONTH.fullmatch(m.norm or "")
        if hit is None:
            continue
        mon = int(month) if int(hit.group(2)) <= int(day) else int(month) - 1
        if mon < 1:
            continue  # the month before January: the year is open, leave it
        y = hit.group(1) if hit.group(1) != "XXXX" else year
        m.norm = f"{y}-{mon:02d}-{hit.group(2)}"
        m.attrs["date"] = m.norm
