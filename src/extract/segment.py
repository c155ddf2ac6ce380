"""Segmentation stage: a spaCy tokenizer that never cuts a recognized name.

jieba alone glues neighbouring characters onto designations (及第|37|师团,
第68|师团长), so entity spans would not align with tokens. This tokenizer
first runs the raw-character recognizers (``extract.tag.recognize``), keeps
each recognized span as one token, and lets a private ``jieba.Tokenizer``
segment only the text between them (rjieba when installed, the same cut
compiled in Rust: ``extract.lexicon``). The private instance matters because
``jieba.add_word`` and friends mutate jieba's process-wide dictionary.

The recognized mentions travel to the components as plain records
(``extract.extensions``), so the Doc serializes with them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import jieba
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extract import extensions as ext
from extract.gazetteer import load_gazetteer
from extract.lexicon import private_jieba
from extract.linewrap import hard_wraps
from extract.mention import Mention
from extract.offsets import OffsetMap, compact, dropped
from extract.read import make_view, replace_surrogates
from extract.tag.recognize import recognizer_for

jieba.setLogLevel(logging.WARNING)


def gaps(view: str, mentions: list[Mention]) -> list[str]:
    """The stretches of the view between the recognized mentions, as ``segment_words`` cuts them."""
    out: list[str] = []
    pos = 0
    for m in sorted(mentions, key=lambda x: x.start):
        if m.start > pos:
            out.append(view[pos:m.start])
        pos = m.end
    if len(view) > pos:
        out.append(view[pos:])
    return out


def segment_words(text: str, view: str, mentions: list[Mention], offsets: OffsetMap | None = None) -> list[str]:
    """Words of ``text``: each mention whole, jieba (on the view) in between.

    jieba's HMM guesses unknown words (names) in what it segments; the names
    are already recognized here and protected, so the gaps are segmented by
    the dictionary alone, several times faster. The view may leave page junk
    out (``extract.offsets``): its words are mapped back to the text, and the
    characters left out between two of them become words of their own.
    """
    cut = private_jieba().cut
    offsets = offsets or OffsetMap([], len(text))
    spans: list[tuple[int, int]] = []
    pos = 0

    def fill(upto: int) -> None:
        nonlocal pos
        if upto > pos:
            for piece in cut(view[pos:upto], False):
                spans.append((offsets.start(pos), offsets.end(pos + len(piece))))
                pos += len(piece)

    for m in sorted(mentions, key=lambda x: x.start):
        fill(m.start)
        spans.append((offsets.start(m.start), offsets.end(m.end)))
        pos = m.end
    fill(len(view))
    words: list[str] = []
    done = 0
    for start, end in spans:
        if start > done:
            words.append(text[done:start])  # characters the view left out
        words.append(text[start:end])
        done = end
    if done < len(text):
        words.append(text[done:])
    return words


class ProtectedJiebaTokenizer:
    """Callable spaCy tokenizer: recognize on raw characters, then segment."""

    def __init__(self, vocab: Vocab, gazetteer_dir: str = "") -> None:
        self.vocab = vocab
        self.gazetteer_dir = gazetteer_dir
        self.gaz = load_gazetteer(gazetteer_dir or None)
        self.recognizer = recognizer_for(self.gaz)

    def prepare(self, text: str, errata: tuple[str, ...] = ()) -> tuple[str, str, list[int], list[Mention]]:
        """The text (surrogates replaced), the view the recognizers read, its drops, and the mentions."""
        text = replace_surrogates(text)  # neither spaCy's string store nor OpenCC can hold a lone surrogate
        full = make_view(text)
        g = self.gaz.grammar
        if g.lookalike_one is not None:
            full = g.lookalike_one.sub("一", full)  # 第—一五师 is 第一一五师 (one character for one)
        if g.lookalike_day is not None:
            full = g.lookalike_day.sub("日", full)  # 25曰 is 25日
        if g.lookalike_zero is not None:
            full = g.lookalike_zero.sub("0", full)  # 192o年 is 1920年
        if g.lookalike_digit_one is not None:
            full = g.lookalike_digit_one.sub("1", full)  # 3月l日 is 3月1日
        drops = dropped(full, g.drop_categories, g.joining_spaces)
        wraps = hard_wraps(full, g.sentence_end_chars, g.clause_chars)
        if wraps:
            drops = sorted({*drops, *wraps})
        view = compact(full, drops)
        return text, view, drops, self.recognizer.recognize(text, view, errata)

    def __call__(self, text: str, errata: tuple[str, ...] = ()) -> Doc:
        """The Doc of ``text``; ``errata`` names the printed sources whose misprints it shares (errata.csv)."""
        text, view, drops, mentions = self.prepare(text, errata)
        words = [w for w in segment_words(text, view, mentions, OffsetMap(drops, len(text))) if w]
        # The words concatenate to the text exactly (whitespace included), so
        # no token carries a trailing space and doc.text == text.
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        ext.store_mentions(doc, mentions)
        doc.user_data[ext.VIEW] = view
        doc.user_data[ext.TEXT] = text
        if drops:
            doc.user_data[ext.DROPS] = drops
        return doc

    # spaCy serializes tokenizers with the pipeline; ours is rebuilt from the
    # gazetteer directory, so there is nothing to save.
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> ProtectedJiebaTokenizer:
        return self

    def to_disk(self, _path: str | Path, **_: object) -> None:
        return None

    def from_disk(self, _path: str | Path, **_: object) -> ProtectedJiebaTokenizer:
        return self


@spacy.registry.tokenizers("extract.protected_jieba.v1")
def create_tokenizer(gazetteer_dir: str = "") -> Callable[[Language], ProtectedJiebaTokenizer]:
    """Registry entry so the tokenizer is named in the pipeline's config."""

    def make(nlp: Language) -> ProtectedJiebaTokenizer:
        return ProtectedJiebaTokenizer(nlp.vocab, gazetteer_dir)

    return make
