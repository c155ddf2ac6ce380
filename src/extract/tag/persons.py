"""PERSON tagger for names that no gazetteer lists, found from their context.

Gazetteer names are matched elsewhere (one automaton for all labels). This
module adds the names a historian would still recognize: a name after a
title (军长X, 师团长X, 司令长官为X) and a name in parentheses right after a
unit (第85军(吴绍周,预11师...)). The boundary of an unknown name is the hard
part in unsegmented Chinese; we cut at punctuation, at characters that start
the next word (率, 于, 放弃...) and at the usual length of Chinese or
Japanese names.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Callable

from extract.gazetteer import Gazetteer
from extract.lexicon import is_common_word, jieba_lexicon, private_jieba
from extract.mention import Mention

_CJK = re.compile(r"[\u4e00-\u9fff·]")


class PersonContextTagger:
    """Names after titles and in parentheses after units."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        rows = gaz.res.rows("name_context.csv")
        self.terminators = {r["value"] for r in rows if r["kind"] == "terminator"}
        self.jp_titles = {r["value"] for r in rows if r["kind"] == "jp_title"}
        self.cn_titles = {r["value"] for r in rows if r["kind"] == "cn_title"}
        self.formation_words = sorted((r["value"] for r in rows if r["kind"] == "person_formation"),
                                      key=len, reverse=True)
        connectors = [r["value"] for r in rows if r["kind"] == "connector"]
        self.foreign_chars = gaz.foreign_chars
        self.ranks = sorted((r["value"] for r in rows if r["kind"] == "rank"), key=len, reverse=True)
        titles = "|".join(re.escape(t) for t in gaz.titles)
        conn = "|".join(re.escape(c) for c in connectors) or "(?!)"
        self.title_re = re.compile(rf"(?P<title>{titles})(?:{conn})?")
        # A single surname right before a title (葛师长): a reference to a person named elsewhere.
        surnames = "".join(sorted(w for w in gaz.surnames if len(w) == 1))
        self.title_ref = re.compile(rf"(?P<surname>[{re.escape(surnames)}])(?:{titles})") if surnames else None
        self.surname_chars = frozenset(surnames)
        self.echelon_chars = frozenset(e.word for e in gaz.echelons if len(e.word) == 1)
        self.jp_surnames = frozenset(w for w in gaz.res.words.get("jp_surnames.txt", []) if len(w) >= 2)
        self.titles_alt = titles
        self.title_after = re.compile(rf"(?:{titles})") if titles else re.compile("(?!)")
        self.list_separators = frozenset(r["value"] for r in rows if r["kind"] == "list_separator")
        self.troops_words = sorted((r["value"] for r in rows if r["kind"] == "troops_word"), key=len, reverse=True)
        self.not_troops_words = tuple(r["value"] for r in rows if r["kind"] == "not_troops_word")
        self.not_after_troops = frozenset(r["value"] for r in rows if r["kind"] == "not_after_troops")
        self.lead_words = sorted((r["value"] for r in rows if r["kind"] == "lead_word"), key=len, reverse=True)
        self.name_intros = sorted((r["value"] for r in rows if r["kind"] == "name_intro"), key=len, reverse=True)
        self.name_closers = frozenset(r["value"] for r in rows if r["kind"] == "name_closer")
        self.jp_name_chars = frozenset("".join(r["value"] for r in rows if r["kind"] == "jp_name_char"))
        # 契斯佳科夫上将, 马莫诺夫少将: a run of transliteration characters right before a rank is a name.
        foreign = re.escape("".join(sorted(self.foreign_chars)))
        ranks = "|".join(re.escape(r) for r in self.ranks)
        self.foreign_rank = re.compile(rf"(?<![{foreign}])[{foreign}]{{3,8}}(?=(?:{ranks}))") \
            if foreign and ranks else None

    def _is_common_word(self, text: str) -> bool:
        """True when the candidate starts with an ordinary word (相继, 亲自...)."""
        return is_common_word(text) or is_common_word(text[:2])

    def _trim(self, text: str, japanese: bool) -> str:
        for i in range(1, len(text)):  # 费斯中校, 樱田武少将: the name ends before the rank (将 ends no name there)
            if not _CJK.match(text[i]):
                break
            if any(text.startswith(rank, i) for rank in self.ranks):
                text = text[:i]
                break
        out = ""
        for ch in text:
            if not _CJK.match(ch) or (not out and ch in self.terminators) or (
                    len(out) >= 2 and ch in self.terminators and not (japanese and ch in self.jp_name_chars)):
                break  # 三木吉之助: 之 of a Japanese given name is no terminator
            out += ch
        if not out:
            return ""
        if japanese:
            limit = 5
        elif out[:2] in self.gaz.compound_surnames:
            limit = 4
        elif out[0] in self.gaz.surnames:
            limit = 3
        else:
            limit = 0
        foreign = 0
        while foreign < len(out) and out[foreign] in self.foreign_chars:
            foreign += 1
        if not japanese and foreign > max(limit, 2):
            return out[:foreign]  # 麦克莱恩, 阿尔蒙德: a transliterated name is as long as its run
        return out[:limit]

    def _referring_title(self, view: str, start: int) -> bool:
        """，湯軍長原擬…: a surname opening the clause before the title makes it a reference (湯軍長 = 汤恩伯).

        Such a title is the end of a name already, so what follows it is the clause's verb, not a second
        name. A surname character inside a longer word (新任军长X: 任 of 新任) leaves the title leading a name.
        """
        for size in (3, 2):  # 中村旅团长闻报: a Japanese surname opening the clause refers just the same
            if (start >= size and view[start - size: start] in self.gaz.jp_surnames
                    and (start == size or not _CJK.match(view[start - size - 1]))):
                return True
        if start < 1 or view[start - 1] not in self.surname_chars or view[start - 1] in self.echelon_chars:
            return False  # 第70师师长陈颐鼎, 师参谋长杜中美: 师 is the unit's echelon there, not a surname
        return start < 2 or not _CJK.match(view[start - 2])

    @staticmethod
    def _unglued(name: str, nxt: str) -> str:
        """军长丁盛没有…, 刘棱扼守…: a name's third character that begins a verb with the next is the verb's.

        A common noun or adverb does the same (师长李明身负重伤, 旋即): from a higher frequency, as a
        rare one (成军) may be the end of a name and a noun after it.
        """
        word = name[2] + nxt
        freq, tag = jieba_lexicon().get(word, (0, ""))
        glued = (tag in ("v", "vn") and freq >= 50) or (tag in ("n", "d") and freq >= 100)
        return name[:2] if nxt and glued else name

    def _known_prefix(self, name: str, rest: str) -> str:
        """Cut a candidate back to the gazetteer name it starts with when a word follows it.

        薛岳判明 -> 薛岳 and 横山勇集结 -> 横山勇 (判明 and 集结 are words), but 黄维纲率部
        stays 黄维纲 though 黄维 is a known name: 纲率 is no word, nor is 纲 a function
        character (薛岳则 -> 薛岳: 则 is one).
        """
        for k in range(len(name), 1, -1):
            if self.gaz.lookup(name[:k], "PERSON") is not None:
                after = name[k:] + rest
                if k == len(name) or after[:1] in self.terminators or is_common_word(after[:2], min_freq=1):
                    return name[:k]
                # 粟裕原计划: jieba's own reading ends the first word with the known name (粟裕|原|计划),
                # where it keeps a longer name whole (黄维纲|率部).
                if private_jieba().cut(name + rest)[0] == name[:k]:
                    return name[:k]
        return name

    def listed(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """师长张发奎、陈铭枢: a name listed right after a person is a person too, on that person's side.

        ``mentions`` are sorted and do not overlap; a listed candidate must be free, start with a
        surname (or be Japanese after a Japanese name) and not be an ordinary word.
        """
        taken = bytearray(len(view) + 1)
        for m in mentions:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        out: list[Mention] = []
        queue = deque(m for m in mentions if m.label == "PERSON")
        while queue:
            m = queue.popleft()
            if view[m.end: m.end + 1] not in self.list_separators:
                continue
            start = m.end + 1
            japanese = m.side == "JP" and len(m.norm) > 3
            name = self._trim(view[start: start + 8], japanese)
            end = start + len(name)
            if (len(name) < 2 or self._is_common_word(name) or taken.find(1, start, end) >= 0
                    or (not japanese and name[0] not in self.gaz.surnames
                        and name[:2] not in self.gaz.compound_surnames)):
                continue
            nxt = view[end: end + 1]
            if nxt and _CJK.match(nxt) and nxt not in self.terminators and nxt not in self.list_separators:
                continue  # the name runs on into a word: not a clean list member
            taken[start:end] = b"\x01" * len(name)
            member = Mention(start, end, "PERSON", name, m.side, m.side_from if m.side else "", source="list")
            out.append(member)
            queue.appendleft(member)
        return out

    def troops_of(self, view: str, mentions: list[Mention], splits: Callable[[str, int, int], bool]) -> list[Mention]:
        """余荫森部, 陈嘉谟部一部, 宋大霈、董政国、余荫森诸部: the commander named before 部 (his troops).

        The name is the two or three characters before the word (troops_word in name_context.csv,
        not 部队/部署: not_troops_word), starting with a surname, not an ordinary word, not glued by
        jieba to what stands before it; the names listed before it with 、 are commanders too.
        """
        taken = bytearray(len(view) + 1)
        for m in mentions:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        out: list[Mention] = []
        for word in self.troops_words:
            i = view.find(word)
            while i >= 0:
                after = i + len(word)
                # 部队, 部署 after 部; after 诸部/各部 only 部队 (诸部分守岳州 is 诸部 + 分守).
                runs_on = (any(view.startswith(w, i) for w in self.not_troops_words) if len(word) == 1
                           else view[after: after + 1] in self.not_after_troops)
                if not runs_on:
                    end = i
                    while True:
                        name = self._name_before(view, end, taken, splits)
                        if not name:
                            break
                        start = end - len(name)
                        taken[start:end] = b"\x01" * len(name)
                        out.append(Mention(start, end, "PERSON", name, source="troops"))
                        if view[start - 1: start] not in self.list_separators:
                            break
                        end = start - 1
                i = view.find(word, i + len(word))
        return out

    def leaders(self, view: str, mentions: list[Mention], splits: Callable[[str, int, int], bool]) -> list[Mention]:
        """林修梅率左翼攻筻口: the name that opens a clause right before a verb of leading (lead_word).

        The name is two or three characters starting with a surname, not an ordinary word, free of
        other mentions, and it opens its clause: punctuation, a line's start or a date stands before it
        (该师率先 and 军长率部 name nobody: no surname, or a title before).
        """
        taken = bytearray(len(view) + 1)
        for m in mentions:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        date_ends = {m.end for m in mentions if m.label == "DATE"}
        out: list[Mention] = []
        for word in self.lead_words:
            i = view.find(word)
            while i >= 0:
                name = self._name_before(view, i, taken, splits)
                start = i - len(name)
                if name and (start == 0 or not _CJK.match(view[start - 1]) or start in date_ends):
                    taken[start:i] = b"\x01" * len(name)
                    out.append(Mention(start, i, "PERSON", name, source="leader"))
                i = view.find(word, i + len(word))
        for word in self.name_intros:
            # 一个叫赵廷喜的劝他: the name a word of naming introduces, closed by 的 or punctuation.
            i = view.find(word)
            while i >= 0:
                end = i + len(word)
                for size in (3, 2):
                    name = view[end: end + size]
                    if (len(name) == size and view[end + size: end + size + 1] in self.name_closers
                            and self._name_before(view, end + size, taken, splits) == name):
                        taken[end:end + size] = b"\x01" * size
                        out.append(Mention(end, end + size, "PERSON", name, source="leader"))
                        break
                i = view.find(word, end)
        return out

    def _name_before(self, view: str, end: int, taken: bytearray,
                     splits: Callable[[str, int, int], bool]) -> str:
        for size in (3, 2):
            start = end - size
            name = view[start:end]
            if (start < 0 or len(name) < size or not all(_CJK.match(c) for c in name)
                    or taken.find(1, start, end) >= 0):
                continue
            if name[0] not in self.gaz.surnames and name[:2] not in self.gaz.compound_surnames:
                continue
            if any(c in self.terminators for c in name) or self._is_common_word(name) or splits(view, start, end):
                continue
            if size == 2 and name[1] in self.echelon_chars:
                continue  # 陆军部: a surname's character before an echelon's is a word (陆军), no commander
            return name
        return ""

    def unknown_words(self, view: str, mentions: list[Mention], endings: frozenset[str]) -> list[Mention]:
        """Names no gazetteer lists, from jieba's guess of unknown words between the mentions.

        jieba's HMM joins the characters of a name it has never seen into one new word
        (梁钟汉、王守愚在汉川起事). Such a word of three characters is a name when it starts
        with a surname, stands free (punctuation, a separator, a terminator, a title or a rank
        on each side), is no dictionary word and does not end like a place (高家庄). Measured
        on 155 documents it pays only on real pages (about five names for four false ones).
        The HMM reading is the same in both engines (``Segmenter.cut``), so the tables stay
        byte-identical.
        """
        lexicon = jieba_lexicon()
        cut = private_jieba().cut
        out: list[Mention] = []
        bounds = [(0, 0), *sorted((m.start, m.end) for m in mentions), (len(view), len(view))]
        # 鄒芬代之 beside 鄒芬所部: a name the document already gives in two characters is not three.
        known = {m.norm for m in mentions if m.label == "PERSON" and len(m.norm) == 2}
        for (_, gap_start), (gap_end, _) in itertools.pairwise(bounds):
            if gap_end - gap_start < 2:
                continue
            pos = gap_start
            for word in cut(view[gap_start:gap_end], True):
                start, pos = pos, pos + len(word)
                # Three characters only: a two-character guess is as often a numeral and a noun (万人)
                # or a direction and a verb (南撤) as a name. Neither half may be a dictionary word
                # (原打算, 薛岳先, 江以南), and a place's ending may not close it (高家庄).
                if not (len(word) == 3 and word not in lexicon and word[0] in self.surname_chars
                        and word[1:] not in lexicon and word[:2] not in lexicon
                        and not any(ch in self.terminators for ch in word[1:])  # 冯部始: 冯部 + 始
                        and all(_CJK.match(ch) for ch in word) and word[-1] not in endings):
                    continue
                # 李明身负重伤, 鄒芬旋即: the last character begins a dictionary word with the next one.
                if word[:2] in known or view[pos - 1: pos + 1] in lexicon:
                    continue
                if self._free(view, start, pos):
                    out.append(Mention(start, pos, "PERSON", word, source="segmenter"))
        return out

    def _free(self, view: str, start: int, end: int) -> bool:
        """A boundary on each side of a name: not CJK, a separator or terminator, a title or a rank."""
        prev, nxt = view[start - 1: start], view[end: end + 1]
        left = (not prev or not _CJK.match(prev) or prev in self.list_separators or prev in self.terminators
                or any(view.endswith(t, 0, start) for t in self.cn_titles))
        right = (not nxt or not _CJK.match(nxt) or nxt in self.terminators or nxt in self.list_separators
                 or any(view.startswith(w, end) for w in (*self.ranks, *self.cn_titles)))
        return left and right

    def propagate(self, view: str, mentions: list[Mention], splits: Callable[[str, int, int], bool]) -> list[Mention]:
        """One sense per document: a name found from its context (a title, a list) is that person everywhere.

        蒋光鼐 after 军长 once, then 蒋光鼐率部 later: the later bare occurrence is the same
        person. It must stand free (no mention over it, not inside a longer word by jieba's
        reading, a boundary or a terminator on each side), like a propagated place.
        """
        found = {m.norm: m for m in mentions if m.label == "PERSON"
                 and m.source in ("title", "parenthesis", "list", "troops")
                 and view[m.start:m.end] == m.norm and len(m.norm) >= 2}
        if not found:
            return mentions
        def free(i: int, end: int) -> bool:
            prev, nxt = view[i - 1: i], view[end: end + 1]
            return ((not prev or not _CJK.match(prev) or prev in self.list_separators or prev in self.terminators)
                    and (not nxt or not _CJK.match(nxt) or nxt in self.terminators or nxt in self.list_separators
                         or any(view.startswith(w, end) for w in self.ranks)) and not splits(view, i, end))

        return _repeat(view, mentions, {name: (m, name) for name, m in found.items()}, free, "propagated")

    def given_names(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """烈钧忝受国民付托: a telegram's signer, or a memoir's friend, named by his given name alone.

        Only a person the document names in full (李烈钧), whose surname is one character and whose given name
        is no common word, and where the given name opens a clause (after punctuation or a line break).
        """
        full = {m.norm: m for m in mentions if m.label == "PERSON" and len(m.norm) == 3
                and view[m.start:m.end] == m.norm and m.norm[0] in self.gaz.surnames}
        if not full:
            return mentions
        given = {norm[1:]: (m, norm) for norm, m in full.items()
                 if not self._is_common_word(norm[1:]) and norm[1:] not in self.gaz.surnames}
        return _repeat(view, mentions, given, lambda i, _end: i == 0 or not _CJK.match(view[i - 1]), "given")

    def by_title(self, view: str, mentions: list[Mention]) -> list[Mention]:
        """葛师长, 杜军长: a surname and a title refer to the person of the document with that surname (刘营长峙:
        with his given name after the title).

        The person named nearest before (else first after) whose name begins with the surname is the
        referent, and the mention takes his norm and side; with no such person in the document the
        words stay unread (a surname and a title alone name nobody the tables can hold). Resolved
        across the document, after the taggers and one-sense propagation have named everyone.
        """
        if self.title_ref is None:
            return mentions
        people = [m for m in mentions if m.label == "PERSON" and 2 <= len(m.norm) <= 4]
        if not people:
            return mentions
        covered = bytearray(len(view) + 1)
        for m in mentions:
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        added: list[Mention] = []
        # A rare surname the list lacks (寸性奇 … 寸师长) counts once the document names someone of it.
        rare = sorted({p.norm[0] for p in people} - self.surname_chars)
        pattern = self.title_ref if not rare else re.compile(
            rf"(?P<surname>[{re.escape(''.join(sorted(self.surname_chars)) + ''.join(rare))}])(?:{self.titles_alt})")
        for t in pattern.finditer(view):
            surname, start, end = t.group("surname"), t.start(), t.end()
            if covered.find(1, start, end) >= 0:
                continue
            same = [p for p in people if p.norm.startswith(surname)]
            if not same:
                continue
            before = [p for p in same if p.end <= start]
            referent = before[-1] if before else same[0]
            given = referent.norm[len(surname):]
            if given and view.startswith(given, end) and covered.find(1, end, end + len(given)) < 0:
                end += len(given)  # 刘营长峙, 梁旅长忠甲: the given name after the title is part of the mention
            added.append(Mention(start, end, "PERSON", referent.norm, referent.side, referent.side_from,
                                 source="title_ref"))
            covered[start:end] = b"\x01" * (end - start)
        return sorted([*mentions, *added], key=lambda m: (m.start, m.end)) if added else mentions

    def by_surname(self, view: str, mentions: list[Mention],
                   splits_a_word: Callable[[str, int, int], bool]) -> list[Mention]:
        """白川 after 白川义则: a Japanese commander is named by his surname once the document has named him.

        The surname is the first two characters of a name of three or four (three where jp_surnames.txt
        lists them: 佐久间; 关根彰 is 关根 and 彰); it must stand between jieba's word boundaries, and one
        surname shared by two named Japanese leaves both unread. A title right after the surname is part of
        the mention (今村师团长), as it is of 傅军长.
        """
        full: dict[str, set[str]] = {}
        sides: dict[str, str] = {}
        for m in mentions:
            if m.label == "PERSON" and m.side == "JP" and len(m.norm) >= 3:
                surname = m.norm[:3] if m.norm[:3] in self.jp_surnames else m.norm[:2]
                full.setdefault(surname, set()).add(m.norm)
                sides[m.norm] = m.side
        unique = {s: next(iter(n)) for s, n in full.items() if len(n) == 1}
        if not unique:
            return mentions
        covered = bytearray(len(view) + 1)
        for m in mentions:
            if m.label != "PLACE" or m.source == "gazetteer":  # a place read from context gives way; 松山 stays
                covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        added: list[Mention] = []
        for found in re.finditer("|".join(map(re.escape, sorted(unique, key=len, reverse=True))), view):
            start, end = found.span()
            if covered.find(1, start, end) >= 0 or splits_a_word(view, start, end) \
                    or (start > 0 and splits_a_word(view, start - 1, start + 1)):
                continue
            norm = unique[found.group()]
            title = self.title_after.match(view, end)
            if title is not None and covered.find(1, end, title.end()) < 0:
                end = title.end()  # 今村师团长, 中村旅团长: the surname and the title are one mention, as 傅军长 is
            added.append(Mention(start, end, "PERSON", norm, sides[norm], "gazetteer", source="surname"))
            covered[start:end] = b"\x01" * (end - start)
        if not added:
            return mentions
        kept = [m for m in mentions if m.label != "PLACE" or m.source == "gazetteer"
                or covered.find(1, m.start, m.end) < 0]
        return sorted([*kept, *added], key=lambda m: (m.start, m.end))

    def tag(self, view: str, units: list[Mention]) -> list[Mention]:
        found: list[Mention] = []
        for m in self.title_re.finditer(view):
            if self._referring_title(view, m.start()):
                continue
            japanese = m.group("title") in self.jp_titles
            trimmed = self._trim(view[m.end(): m.end() + 8], japanese)
            name = self._known_prefix(trimmed, view[m.end() + len(trimmed): m.end() + len(trimmed) + 2])
            if not japanese and len(name) == 3 and self.gaz.lookup(name, "PERSON") is None:
                name = self._unglued(name, view[m.end() + 3: m.end() + 4])
            if len(name) < 2 or self._is_common_word(name):
                continue
            side = "JP" if japanese else "CN" if m.group("title") in self.cn_titles else ""
            found.append(Mention(m.end(), m.end() + len(name), "PERSON", name, side,
                                 "title" if side else "", source="title"))
        if self.foreign_rank is not None:
            for m in self.foreign_rank.finditer(view):
                name = m.group()
                if not self._is_common_word(name) and jieba_lexicon().get(name, (0, ""))[0] < 50:
                    found.append(Mention(m.start(), m.end(), "PERSON", name, "", "", source="rank"))
        by_end = {u.end: u for u in units}
        for pos, ch in enumerate(view):
            if ch not in "(（" or pos not in by_end:
                continue
            unit = by_end[pos]
            start = pos + 1
            end = start
            while end < len(view) and end - start <= 6 and view[end] not in ",，、)）;；。":
                end += 1
            name = view[start:end]
            if end - start > 5 or len(name) < 2 or not all(_CJK.match(c) for c in name):
                continue
            if len(name) == 2 and self._is_common_word(name):
                continue
            if any(e.word in name for e in self.gaz.echelons):
                continue  # (相当旅团): a remark on the unit, not its commander
            if self.title_re.match(name):
                continue  # (司令长官 …): the title before the name, or a text cut short after it
            is_jp = unit.side == "JP"
            if not is_jp and len(name) > 4:
                continue
            if not is_jp and name[0] not in self.gaz.surnames and name[:2] not in self.gaz.compound_surnames:
                continue
            found.append(Mention(start, end, "PERSON", name, unit.side, "commands" if unit.side else "",
                                 source="parenthesis"))
        return found


def _repeat(view: str, mentions: list[Mention], names: dict[str, tuple[Mention, str]],
            free: Callable[[int, int], bool], source: str) -> list[Mention]:
    """Every further occurrence of each written name (``names``: written form -> (the mention it repeats, norm))
    that no mention covers and ``free`` accepts, as a PERSON with that mention's side; the names in sorted order,
    so the outcome never depends on dict order."""
    if not names:
        return mentions
    covered = bytearray(len(view) + 1)
    for m in mentions:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    added: list[Mention] = []
    for name in sorted(names):
        src, norm = names[name]
        i = view.find(name)
        while i >= 0:
            end = i + len(name)
            if covered.find(1, i, end) < 0 and free(i, end):
                added.append(Mention(i, end, "PERSON", norm, src.side, src.side_from, source=source))
                covered[i:end] = b"\x01" * len(name)
            i = view.find(name, end)
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end)) if added else mentions
