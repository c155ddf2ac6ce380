"""DATE tagger: temporal expressions on the raw characters, parsed into fields.

A chronicle writes 1944年4月17日夜, 19日凌晨, 当日9时, 六月十五日, 5月2日至4日,
1945年1、2月前后; this module finds each as ONE mention and records what it
says (year, month(s), day(s), offset in days, part of day, clock time). It
does not decide the calendar value: ``extract.timeline`` does that with the
story's running date. Word lists live in ``gazetteers/date_words.csv``.
"""

from __future__ import annotations

import bisect
import functools
import re

from lunardate import LunarDate

from extract.gazetteer import Gazetteer, longest_first
from extract.lexicon import jieba_lexicon, private_jieba
from extract.mention import Mention
from extract.numerals import CHINESE_DIGITS, DIGIT_CHARS, to_int
from extract.read import make_view

_N = r"(?:[0-9]{1,4}|[〇零一二三四五六七八九十廿卅两]{1,4})"
_YEAR = r"(?:[0-9]{4}|[〇零一二三四五六七八九]{4})"


@functools.lru_cache(maxsize=65536)
def _crosses(window: str, at: int) -> bool:
    """Does jieba read a word across offset ``at`` of the window (当|夜壶)? Windows repeat, so cached."""
    pos = 0
    for piece in private_jieba().cut(window, HMM=False):
        if pos < at < pos + len(piece):
            return True
        pos += len(piece)
    return False


_OPEN, _CLOSE = "(（", ")）"  # brackets around a gloss; both widths, for views of any origin
_HAO_REACH = 3000  # how far back a date written with 号 may stand for a bare N号 to follow its style


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in longest_first(words)) or "(?!)"


def _lunar_month_in_solar(year: int | None, month: int) -> tuple[int | None, int | None]:
    """The solar year and month holding the middle of a lunar month (宣统三年九月 -> October 1911)."""
    if year is None:
        return year, month
    try:
        solar = LunarDate(year, month, 15).to_solar_date()
    except ValueError:
        return year, None
    return solar.year, solar.month


def _valid_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _compact(digits: str, month_only: bool) -> dict[str, int] | None:
    """The date a run of digits stands for when a copy lost its 年 and 月 (1939723日 -> 1939-07-23, 713日 ->
    07-13, 19397月 -> 1939-07); None where the run is an ordinary day (23日), a count, or splits two ways
    (111日: 1-11 or 11-1)."""
    year = None
    if len(digits) >= 5 or (month_only and len(digits) >= 4):
        if not 1900 <= int(digits[:4]) <= 1959:
            return None
        year, digits = int(digits[:4]), digits[4:]
    if month_only:
        return {"year": year, "month": int(digits)} if year and digits and 1 <= int(digits) <= 12 \
            and not digits.startswith("0") else None
    if year is None and int(digits) <= 31:
        return None  # 23日 is a day as written
    splits = {(int(digits[:k]), int(digits[k:])) for k in (1, 2) if k < len(digits) and digits[k] != "0"
              and not digits.startswith("0") and _valid_day(int(digits[:k]), int(digits[k:]))}
    if len(splits) != 1:
        return None
    (month, day), = splits
    return {"month": month, "day": day} | ({"year": year} if year else {})


class DateTagger:
    """Compiled date patterns for one gazetteer directory."""

    def __init__(self, gaz: Gazetteer) -> None:
        rows = gaz.res.rows("date_words.csv")
        by_kind: dict[str, list[dict[str, str]]] = {}
        for row in rows:
            by_kind.setdefault(row["kind"], []).append(row)
        self.pod = {r["value"]: r["norm"] for r in by_kind.get("part_of_day", [])}
        self.standalone = {r["value"] for r in by_kind.get("standalone", [])}
        self.relative = {r["value"]: r["norm"] for r in by_kind.get("relative", [])}
        self.relative_pod = {r["value"]: r["norm"] for r in by_kind.get("relative_pod", [])}
        # A lunar era (the Qing reigns) counts lunar years, months and days: 宣统三年八月十九日 is 1911-10-10.
        self.lunar_era = {r["value"] for r in by_kind.get("lunar_era", [])}
        self.era = {r["value"]: int(r["norm"]) for r in [*by_kind.get("era", []), *by_kind.get("lunar_era", [])]}
        self.relative_year = {r["value"]: int(r["norm"]) for r in by_kind.get("relative_year", [])}
        self.range_separators = [r["value"] for r in by_kind.get("range_separator", [])]
        self.not_after_day = {r["value"] for r in by_kind.get("not_after_day", [])}
        self.not_after_date = tuple(r["value"] for r in by_kind.get("not_after_date", []))
        self.not_before_date = tuple(r["value"] for r in by_kind.get("not_before_date", []))
        marks = "|".join(re.escape(r["value"]) for r in by_kind.get("item_mark", []))
        # 3、10月10日 at a line's start: the number of a list item, then the date; so is 二、12月31日, a
        # heading's Chinese number before Arabic digits (a list of months keeps one script: 三、四月), or before
        # a whole month and day (五、一月四日: a list of months is not followed by a day).
        cn = DIGIT_CHARS.replace("〇", "") + "十"  # 一 to 十: a heading's numbers and a month's
        # A one-character number before a day of two or more (一、十一日) numbers an item too: two days listed so
        # are near each other (三、四日, 二十、二十一日).
        self.item = re.compile(rf"(?:(?<=\n)|^)[ \t\u3000]*(?:[0-9]{{1,3}}(?:{marks})|[{cn}]{{1,3}}"
                               rf"(?:{marks})(?=[ \t\u3000]*(?:[0-9]|[{cn}]{{1,2}}月[{cn}]{{1,3}}[日号]))"
                               rf"|[{cn}](?:{marks})(?=[ \t\u3000]*[{cn}]{{2,3}}[日号]))"
                               ) if marks else None
        self.bare_hao_days = longest_first([*self.pod, *(r["value"] for r in by_kind.get("after_bare_hao", []))])
        self.not_after_hao = longest_first(r["value"] for r in by_kind.get("not_after_hao", []))
        # A text that dates with 号 (5月7号, 28号晚上): a later bare 8号 follows that style.
        self.hao_date = re.compile(rf"{_N}月{_N}号|{_N}号(?:{_alt(self.bare_hao_days)})")
        self.year_needs_month = {r["value"] for r in by_kind.get("year_needs_month", [])}
        self.clock_suffixes = [r["value"] for r in by_kind.get("clock_suffix", [])]
        self.ambiguous_clock = {r["value"] for r in by_kind.get("ambiguous_clock", [])}
        self.until_words = tuple(r["value"] for r in by_kind.get("until", []))
        self.year_links = "".join(r["value"] for r in by_kind.get("year_link", []))
        self.duration_before = longest_first(r["value"] for r in by_kind.get("duration_before", []))
        self.duration_after = longest_first(r["value"] for r in by_kind.get("duration_after", []))
        self.relative_month = {r["value"]: int(r["norm"]) for r in by_kind.get("relative_month", [])}
        self.holidays = {r["value"]: r["norm"] for r in by_kind.get("holiday", [])}
        self.lunar_holidays = {r["value"]: r["norm"] for r in by_kind.get("lunar_holiday", [])}
        # 蒋委员长灰电: a telegram dated by the code of its day (韵目代日), read only between a sender and 电.
        # Read in the view's form: the older 篠 is 筿 there.
        self.telegraph_days = {make_view(r["value"]): int(r["norm"]) for r in by_kind.get("telegraph_day", [])}
        # 腊月二十三, 正月初八: months named only in the lunar calendar make a lunar date without a mark.
        self.lunar_month_names = {r["value"]: int(r["norm"]) for r in by_kind.get("lunar_month_name", [])}
        named = _alt(list(self.lunar_month_names)) if self.lunar_month_names else "(?!)"
        tele_after = re.escape("".join(r["value"] for r in by_kind.get("telegraph_after", [])))
        tele_not = re.escape("".join(r["value"] for r in by_kind.get("telegraph_not_next", [])))
        # 虞辰: a code may carry the hour it was sent, an earthly branch (telegraph_hour).
        hours = "".join(r["value"] for r in by_kind.get("telegraph_hour", []))
        hour = f"[{re.escape(hours)}]?" if hours else ""
        tele = (rf"(?P<tele>(?:(?<=[{tele_after}])|(?<=\n))(?P<tele_day>{_alt(list(self.telegraph_days))}){hour}"
                rf"(?=电{f'(?![{tele_not}])' if tele_not else ''}))" if self.telegraph_days and tele_after else "(?!)")
        codes = _alt(list(self.telegraph_days)) if self.telegraph_days else "(?!)"
        # 粟裕　陈士榘　张震\n虞辰\n: the code alone on the line after the signature, closing the telegram.
        tele_line = (rf"(?P<tele_line>(?<=\n)(?P<line_day>{codes}){hour}(?=[ \t]*(?:\n|$)))"
                     if self.telegraph_days else "(?!)")
        # 林虎叩。真。: the code standing alone after the signature's verb (telegraph_sign), ending the telegram.
        signs = [r["value"] for r in by_kind.get("telegraph_sign", [])]
        behind = "|".join(f"(?<={re.escape(w)}{p})" for w in signs for p in ("。", ".", ""))
        tele_sign = (rf"(?P<tele_sign>(?:{behind})(?P<sign_day>{codes})(?=[。.\s]|$))" if signs and self.telegraph_days
                     else "(?!)")
        # 文日逆军突犯沙河, 于寒日抵宁: a code and 日 in the body of a telegram; kept only in a text that signs its
        # telegrams with codes (tag), and, where code and 日 make a word (冬日, 有日), only with a part of day after.
        # The view's punctuation is half-width (，-> ,): the leads are compared in the view's form.
        lead = re.escape(make_view("".join(r["value"] for r in by_kind.get("telegraph_day_lead", []))))
        tele_body = (rf"(?P<tele_body>(?:(?<=[{lead}])|(?<=^)|(?<=\n))(?P<body_day>{codes})日)"
                     if lead and self.telegraph_days else "(?!)")
        self.telegraph_words = frozenset(r["value"] for r in by_kind.get("telegraph_word", []))
        not_date = [r["value"] for r in by_kind.get("not_date", [])]
        self.not_date = re.compile(_alt(not_date)) if not_date else None
        habitual = [r["value"] for r in by_kind.get("habitual", [])]
        self.habitual = re.compile(_alt(habitual)) if habitual else None
        pod = _alt(list(self.pod))
        season = _alt([r["value"] for r in by_kind.get("season", [])])
        mpart = _alt([r["value"] for r in by_kind.get("month_part", [])])
        era = _alt(list(self.era))
        # An era year follows its era word (民国三十七年, 昭和19年): the characters an era word ends with.
        era_ends = re.escape("".join(sorted({w[-1] for w in self.era})) or "\x00")
        rel = _alt(list(self.relative))
        rel_year = _alt(list(self.relative_year))
        rel_month = _alt(list(self.relative_month))
        bracket = _alt([r["value"] for r in by_kind.get("bracket_day", [])])
        holiday = _alt([*self.holidays, *self.lunar_holidays])
        lunar = _alt([r["value"] for r in by_kind.get("lunar_mark", [])])
        # 阳历十月十日 in a text dated by a lunar era: the solar date, given beside the lunar one.
        solar = _alt([r["value"] for r in by_kind.get("solar_mark", [])] or ["\x00"])
        ranges = _alt(self.range_separators)
        suffix = _alt(self.clock_suffixes)
        clock = rf"(?P<hour>{_N})(?P<clock_word>时|点)(?:(?P<minute>{_N})分|(?P<half>半))?(?P<clock_suffix>{suffix})?"
        # What may follow any date head: a part of day and/or a clock time.
        # 18号那天, 二十日那天夜里: a day word after the date is part of it.
        anchor = _alt([r["value"] for r in by_kind.get("day_anchor", [])])
        self.tail = re.compile(rf"(?:{anchor})?(?P<pod>{pod})?(?:{clock})?")
        self.pattern = re.compile(
            "|".join([
                # 1939723日, 19397月, 713日, 83日: a web copy that lost the 年 and 月 between the numbers; only where
                # the digits cannot be a day as written (more than 31) and split one way alone (_compact).
                r"(?P<compact>(?<![\d.:/-])(?:(?P<compact_digits>\d{3,8}|3[2-9]|[4-9]\d)日"
                r"|(?P<compact_month>19[0-5]\d[1-9]|19[0-5]\d1[0-2])月(?!份?[\d〇零一二三四五六七八九十])))",
                rf"(?P<clock_only>(?={_N}(?:时|点)))",
                # [year] month[、month][份] [part] | [year] [month] day [至 day] [pod] [clock]
                # Only where a number is followed by a date word (or an era / relative year
                # begins): most numbers in a chronicle are designations and counts.
                rf"(?P<abs>(?:(?P<solar>{solar})(?={_N}月))?(?={_N}(?:年|月|日|号|[、和至到]{_N}月|、{_N}[两二]?日)"
                rf"|初{_N}日|{era}|{rel_year})"
                rf"(?:(?P<era>{era})?(?P<year>{_YEAR}|(?<=[{era_ends}])(?:{_N}|元))年|(?P<rel_year>{rel_year})"
                rf"|(?P<era_year>(?<![0-9{CHINESE_DIGITS}])[0-9{CHINESE_DIGITS}]{{1,3}})年(?={_N}月))?"
                rf"(?:(?P<month>{_N})(?:月份?)?[、和至到](?P<month2>{_N})月份?|(?P<month1>{_N})月份?)?"
                rf"(?:(?P<day>(?:初(?={_N}日))?{_N})(?:[日号](?:(?:{ranges})(?P<day2>{_N})[日号])?|(?:{ranges})(?P<day4>{_N})[日号]"
                rf"|、(?P<day3>{_N})[两二]?日))?)"
                rf"(?:(?<=年)(?P<season>{season})|(?<=[月份])(?P<mpart>{mpart}))?",
                # 1937.8.13 and 1937.12 anywhere; 8.23 only where a chronicle line or heading begins.
                r"(?P<dot>(?<![\d.])(?P<dot_year>1[89]\d\d|20\d\d)\.(?P<dot_month>\d{1,2})(?:\.(?P<dot_day>\d{1,2}))?"
                r"(?![\d.]))",
                # 2016-10-18, 2012-3-5: a web page's date stamp (or a modern writer's date).
                r"(?P<dash>(?<![\d-])(?P<dash_year>1[89]\d\d|20\d\d)-(?P<dash_month>\d{1,2})-(?P<dash_day>\d{1,2}?)"
                # The view drops spaces: 2016-10-18 09:32 reads 2016-10-1809:32, 2015-12-3 17:22 reads 2015-12-317:22.
                r"(?:(?=\d{2}:\d)|(?![\d-])))",
                # 2/13/1951, 2/12日下午, 2/13-2/14夜: month/day as an American source writes it; a bare 1/3 is a
                # fraction, so only with its year, 日, a part of day or a range to another such date after it.
                rf"(?P<slash>(?<![\d/.])(?P<slash_month>\d{{1,2}})/(?P<slash_day>\d{{1,2}})"
                rf"(?:/(?P<slash_year>1[89]\d\d|20\d\d)|日|(?=(?:{pod}|[{re.escape(''.join(self.range_separators))}]"
                rf"\d{{1,2}}/\d)))(?![\d/]))",
                r"(?P<sdot>(?<![^\n\r\[【(\s])(?P<sdot_month>\d{1,2})\.(?P<sdot_day>\d{1,2})(?![\d.%]))",
                rf"(?P<bracket>(?:{bracket})\((?P<bracket_day>{_N})\)日)",
                tele,
                tele_sign,
                tele_line,
                tele_body,
                rf"(?P<rel_month>{rel_month})(?:(?P<rel_mpart>{mpart})|(?P<rel_day>{_N})[日号])?",
                # 舊曆閏五月初六日: a leap month (闰) repeats the month before it.
                rf"(?P<lunar>{lunar})(?:(?P<lunar_year>{_YEAR})年)?(?P<leap>闰)?(?P<lunar_month>{named}|{_N})月"
                rf"(?P<lunar_day>初{_N}|{_N})日?",
                rf"(?P<lunar_named>(?P<named_month>{named})月(?P<named_day>初{_N}|{_N})日?)",
                rf"(?P<holiday>{holiday})",
                rf"(?P<rel>{rel})",
                rf"(?P<pod_only>{pod})",
            ])
        )

    # -- guards ----------------------------------------------------------------
    def _is_duration(self, view: str, start: int, end: int) -> bool:
        before = view[max(0, start - 3): start]
        after = view[end: end + 3]
        return any(before.endswith(w) for w in self.duration_before) or any(
            after.startswith(w) for w in self.duration_after)

    def _hao_style(self, view: str, start: int, end: int) -> bool:
        """A bare N号 is a day in a text that writes its dates with 号 (5月7号, 28号晚上 ... 8号，), unless a
        designation's noun follows (3号阵地, 1号作战)."""
        if any(view.startswith(w, end) for w in self.not_after_hao) or view[end: end + 1].isdigit():
            return False
        return self.hao_date.search(view, max(0, start - _HAO_REACH), start) is not None

    def tag(self, view: str) -> list[Mention]:
        """All DATE mentions of the view, with parsed fields in ``attrs``; none inside a not_date phrase."""
        mentions = self._tag(view)
        if not mentions:
            return mentions
        if not any(m.attrs.get("telegraph") == "signed" for m in mentions):
            mentions = [m for m in mentions if m.attrs.get("telegraph") != "body"]  # no telegram is dated by code
        # A date inside a not_date phrase (一时, 三月亡华), or right after a habitual word (每日拂晓), is none.
        inside = [(m.start(), m.end()) for m in self.not_date.finditer(view)] if self.not_date else []
        after = {m.end() for m in self.habitual.finditer(view)} if self.habitual else set()
        starts = [s for s, _ in inside]
        kept = []
        for m in mentions:
            i = bisect.bisect_right(starts, m.start) - 1
            if (i >= 0 and inside[i][1] >= m.end) or m.start in after:
                continue
            if any(view.startswith(w, m.end) for w in self.not_after_date):
                continue  # 朝云新闻社,1983年版: a book's edition in a citation, no date of the story
            if any(view.endswith(w, 0, m.start) for w in self.not_before_date):
                continue  # D+1日: a day counted from an operation's D-day, no day of the month
            kept.append(m)
        return kept

    def _tag(self, view: str) -> list[Mention]:
        out: list[Mention] = []
        pos = 0
        while True:
            m = self.pattern.search(view, pos) if pos <= len(view) else None
            if m is None:
                break
            pos = max(m.end(), m.start() + 1)
            item = self.item.match(view, m.start()) if self.item is not None else None
            if item is not None and item.end() < m.end():
                pos = item.end()  # read the date after the item's number
                continue
            mention = self._build(view, m)
            if mention is not None:
                out.append(mention)
                pos = mention.end
        return self._merge_ranges(view, out)

    def _merge_ranges(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """1944年12月—1945年6月: two dates joined by a range mark are ONE mention (norm A/B).

        A year written right before a holiday or a lunar date is part of it (1944年元旦, 1938年中秋节).
        """
        out: list[Mention] = []
        for m in mentions:
            prev = out[-1] if out else None
            if (prev is not None and set(prev.attrs) == {"year"} and "year" in m.attrs and "month" not in m.attrs
                    and view[prev.end: prev.end + 1] in _OPEN and view[m.end: m.end + 1] in _CLOSE
                    and m.start == prev.end + 1):
                # 1939年(民国二十八年)5月: the era's year in brackets glosses the year, one mention with what follows
                out[-1] = Mention(prev.start, m.end + 1, "DATE", "", attrs=dict(prev.attrs), source="glossed")
                continue
            if (prev is not None and set(prev.attrs) == {"year"} and m.start == prev.end + 1
                    and view[prev.end] in self.year_links and "month" in m.attrs and "year" not in m.attrs):
                prev = Mention(prev.start, prev.end + 1, "DATE", "", attrs=dict(prev.attrs), source="glossed")
                out[-1] = prev  # 1950年的3月: one date
            if (prev is not None and prev.end == m.start and set(prev.attrs) == {"year"}
                    and ("lunar_month" in m.attrs or ("month" in m.attrs and "year" not in m.attrs and (
                        view[m.start:m.start + 1] not in "0123456789" or prev.source == "glossed")))):
                out[-1] = Mention(prev.start, m.end, "DATE", "", attrs={**m.attrs, "year": prev.attrs["year"]},
                                  source="date")
                continue
            if (prev is not None and view[prev.end:m.start] in self.range_separators
                    and prev.source == "date" and m.source == "date"
                    and ("year" in m.attrs or "month" in m.attrs
                         or (set(m.attrs) <= {"day", "part_of_day", "time"} and "day" in prev.attrs
                             and "day" in m.attrs))
                    and "range_to" not in prev.attrs):
                # 21日晚至22日: a day range whose first day carries its part of day (7日至8日 is read whole)
                out[-1] = Mention(prev.start, m.end, "DATE", "", attrs={**prev.attrs, "range_to": m.attrs},
                                  source="date")
                continue
            out.append(m)
        return out

    def _build(self, view: str, m: re.Match[str]) -> Mention | None:
        g = m.groupdict()
        start = m.start()
        head_end = m.end()
        part = g["mpart"] or g["season"]
        if part and head_end < len(view) and jieba_lexicon().get(view[head_end - len(part): head_end + 1],
                                                                 (0, ""))[0] >= 50:
            # 1945年6月中国战场: the 中 begins 中国, it is no part of the month.
            head_end -= len(part)
            g["mpart"] = g["season"] = None
        t = self.tail.match(view, head_end)
        assert t is not None  # the tail pattern can match the empty string
        end = t.end()
        if g["pod_only"] and t.group("pod"):
            return None
        g.update({"pod": t.group("pod") or g["pod_only"], "hour": t.group("hour"), "minute": t.group("minute"),
                  "half": t.group("half"), "clock_suffix": t.group("clock_suffix"),
                  "clock_word": t.group("clock_word")})
        if start == end:
            return None
        attrs: dict[str, object] = {}
        if g["pod"]:
            attrs["part_of_day"] = self.pod[g["pod"]]
        if g["hour"] is not None:
            hour, minute = to_int(g["hour"]), to_int(g["minute"]) if g["minute"] else (30 if g["half"] else 0)
            if hour is not None and hour > 24 and len(g["hour"]) == 4 and g["clock_word"] == "时" and not g["minute"]:
                hour, minute = divmod(hour, 100)  # 〇二〇〇时, 1500时: a staff report's four-digit clock
            if hour is None or hour > 24 or minute is None or minute > 59:
                return None
            # 下午4时 is 16:00, 晚8时 20:00, 夜11时 23:00 (but 夜1时 is 1:00, after midnight).
            if (hour < 12 and attrs.get("part_of_day") in ("afternoon", "evening")) or (
                    attrs.get("part_of_day") == "night" and 6 <= hour < 12):
                hour += 12
            attrs["time"] = f"{hour:02d}:{minute:02d}"
        if g["dot"] or g["sdot"] or g["dash"] or g["slash"]:
            year_text = g["dot_year"] or g["dash_year"] or g["slash_year"]
            year = int(year_text) if year_text else None
            month = int(g["dot_month"] or g["sdot_month"] or g["dash_month"] or g["slash_month"])
            day_text = g["dot_day"] or g["sdot_day"] or g["dash_day"] or g["slash_day"]
            day = int(day_text) if day_text else None
            if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                return None
            attrs.update({k: v for k, v in (("year", year), ("month", month), ("day", day)) if v is not None})
            return Mention(start, end, "DATE", "", attrs=attrs, source="date")
        if g["compact"]:
            fields = _compact(g["compact_digits"] or g["compact_month"], g["compact_month"] is not None)
            if fields is None or self._is_duration(view, start, head_end):
                return None
            attrs.update(fields)
            attrs["compact"] = True
            return Mention(start, end, "DATE", "", attrs=attrs, source="date")
        if g["tele"] or g["tele_sign"] or g["tele_line"] or g["tele_body"]:
            code = g["tele_day"] or g["sign_day"] or g["line_day"] or g["body_day"]
            attrs["day"] = self.telegraph_days[code]
            attrs["telegraph"] = "body" if g["tele_body"] else "signed"
            if g["tele_body"] and code in self.telegraph_words and "part_of_day" not in attrs:
                return None  # 冬日, 有日: a winter's day, "one day", unless a part of day follows (有日午后)
            return Mention(start, end, "DATE", "", attrs=attrs, source="date")
        if g["bracket"]:
            day = to_int(g["bracket_day"])
            if day is None or not 1 <= day <= 31:
                return None
            attrs["day"] = day
            return Mention(start, end, "DATE", "", attrs=attrs, source="date")
        if g["rel_month"]:
            attrs["month_offset"] = self.relative_month[g["rel_month"]]
            if g["rel_day"]:  # 同月25日, 是月二十日: a day of the month counted from the running one
                day = to_int(g["rel_day"])
                if day is None or not 1 <= day <= 31:
                    return None
                attrs["day"] = day
            if g["rel_mpart"]:
                attrs["month_part"] = g["rel_mpart"]
            return Mention(start, end, "DATE", "", attrs=attrs, source="relative")
        if g["lunar"] or g["lunar_named"]:
            month_text = g["lunar_month"] or g["named_month"]
            month = self.lunar_month_names.get(month_text) or to_int(month_text)
            day = to_int((g["lunar_day"] or g["named_day"]).removeprefix("初"))
            if month is None or day is None or not 1 <= month <= 12 or not 1 <= day <= 30:
                return None
            attrs.update({"lunar_month": month, "lunar_day": day})
            if g["lunar"] and g["leap"]:
                attrs["lunar_leap"] = True
            if g["lunar"] and g["lunar_year"]:  # 农历1939年4月6日: the lunar date of that year
                attrs["year"] = to_int(g["lunar_year"])
            return Mention(start, end, "DATE", "", attrs=attrs, source="date")
        if g["holiday"]:
            word = g["holiday"]
            month_day = self.holidays.get(word) or self.lunar_holidays[word]
            month, day = (int(p) for p in month_day.split("-"))
            attrs.update({"month": month, "day": day} if word in self.holidays
                         else {"lunar_month": month, "lunar_day": day})
            return Mention(start, end, "DATE", "", attrs=attrs, source="date")
        if g["rel"]:
            word = g["rel"]
            if word.endswith("日") and view[head_end: head_end + 1] in self.not_after_day:
                return None  # 当日军: 当 + 日军
            if not t.group("pod") and _crosses(view[start: head_end + 3], head_end - start):
                return None  # 当夜壶, 当天下大雨: the last character begins the next word (not 是日夜: 是日 + 夜)
            attrs["offset"] = self.relative[word]
            if word in self.relative_pod and "part_of_day" not in attrs:
                attrs["part_of_day"] = self.relative_pod[word]
            return Mention(start, end, "DATE", "", attrs=attrs, source="relative")
        if g["pod_only"]:
            word = g["pod_only"]
            if word not in self.standalone and "time" not in attrs:
                return None
            attrs.setdefault("part_of_day", self.pod[word])
            return Mention(start, end, "DATE", "", attrs=attrs, source="time_of_day")
        if g["clock_only"] is not None:
            if start > 0 and view[start - 1] in "0123456789小第个":
                return None
            if (g["clock_word"] == "点" and g["hour"] in self.ambiguous_clock and g["minute"] is None
                    and not g["half"] and not g["clock_suffix"]):
                return None  # 一点, 两点: "a little", "two points"; the clock says 一点钟, 一点半 (四点 is a time)
            return Mention(start, end, "DATE", "", attrs=attrs, source="clock")
        if not g["abs"]:
            return None
        year = None
        if g["rel_year"]:
            attrs["year_offset"] = self.relative_year[g["rel_year"]]
        if g["era_year"]:
            # 卅七年十一月, 37年12月 with no era word: a year of the era the text last named (timeline.py).
            short = to_int(g["era_year"])
            if short is None or not 1 <= short <= 99:
                return None
            attrs["era_year"] = short
        if g["year"]:
            year = 1 if g["year"] == "元" else to_int(g["year"])  # 民国元年: an era's first year
            if year is None:
                return None
            if g["era"]:
                attrs["era_base"] = self.era[g["era"]]
                year += self.era[g["era"]]
            if not 1800 <= year <= 2100:
                return None  # 民国9999年 is no year either (and no datetime could hold it)
        month_text = g["month"] or g["month1"]
        month = to_int(month_text) if month_text else None
        month2 = to_int(g["month2"]) if g["month2"] else None
        # 初六日: a lunar day of the first ten, in a text dated by a lunar era (the timeline reads it so).
        day = to_int(g["day"].removeprefix("初")) if g["day"] else None
        if g["solar"]:
            attrs["solar"] = True
        day2_text = g["day2"] or g["day3"] or g["day4"]  # 7日至8日, 7、8两日, 11~13日: one mention for both days
        day2 = to_int(day2_text) if day2_text else None
        if (month is not None and not 1 <= month <= 12) or (month2 is not None and not 1 <= month2 <= 12):
            return None
        if (day is not None and not 1 <= day <= 31) or (day2 is not None and not 1 <= day2 <= 31):
            return None
        if year is None and month is None and day is None and "year_offset" not in attrs:
            return None
        if g["rel_year"] in self.year_needs_month and month is None:
            return None  # 当年 alone is "back then"; 当年10月 is a date
        if g["day"] == "两" or g["month"] == "两" or g["month1"] == "两":
            return None  # 两日, 两月: a count
        if day is not None and month is None and year is None:
            if view[head_end - 1] == "号" and not any(view.startswith(w, head_end) for w in self.bare_hao_days) \
                    and not self._hao_style(view, start, head_end):
                return None  # 1号作战: an operation's name; a date says 月N号 (or 18号那天, 19号晚上)
            # A bare day: 19日. Not 第13日, 作战17日, 3日后 (an offset), 日军.
            if view[head_end: head_end + 1] in self.not_after_day:
                return None
            if self._is_duration(view, start, head_end):
                return None
            if view.startswith("后", head_end):
                attrs = {"offset": str(day)}
                return Mention(start, head_end + 1, "DATE", "", attrs=attrs, source="relative")
            if any(view.endswith(w, 0, start) for w in self.until_words):
                attrs["until"] = True  # 战至23日: the fighting lasted until a day after the running one
        if year is None and month is not None and day is None and view[head_end - 1] in "月份" and \
                self._is_duration(view, start, head_end):
            return None
        if g["era"] in self.lunar_era and month is not None and month2 is None and day2 is None:
            if day is not None:  # converted on the timeline, as a 农历 date of that year
                attrs.update({"year": year, "lunar_month": month, "lunar_day": day, "lunar_era": True})
                return Mention(start, end, "DATE", "", attrs=attrs, source="date")
            year, month = _lunar_month_in_solar(year, month)  # 宣统三年十二月 falls in January 1912
        elif g["era"] in self.lunar_era and month is None and year is not None:
            attrs["lunar_era"] = True  # 宣统三年 alone: the months and days told after it are lunar ones
        attrs.update({k: v for k, v in (("year", year), ("month", month), ("month2", month2), ("day", day),
                                        ("day2", day2)) if v is not None})
        if g["season"]:
            attrs["season"] = g["season"]
        if g["mpart"]:
            attrs["month_part"] = g["mpart"]
        return Mention(start, end, "DATE", "", attrs=attrs, source="date")
