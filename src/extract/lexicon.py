"""jieba's own dictionary as a lexicon: word frequencies and part-of-speech tags.

Context rules for unknown names (a place after 攻占, a person after 军长)
need to tell a name from an ordinary word. jieba ships a 350k-word
dictionary with a frequency and a POS tag per word (``ns`` for place
names, ``nr`` for person names); reading it once gives that judgement
without a model.
"""

from __future__ import annotations

import functools

import jieba


@functools.lru_cache(maxsize=1)
def jieba_lexicon() -> dict[str, tuple[int, str]]:
    """``word -> (frequency, pos tag)`` from jieba's bundled dictionary."""
    table: dict[str, tuple[int, str]] = {}
    with jieba.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 2:
                table[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "")
    return table


@functools.lru_cache(maxsize=1)
def private_jieba() -> jieba.Tokenizer:
    """One initialized jieba.Tokenizer per process, separate from jieba's global one.

    ``jieba.add_word`` and friends mutate the global tokenizer; the pipeline
    never touches it, so user code that customizes jieba is unaffected.
    """
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def is_common_word(word: str, min_freq: int = 50) -> bool:
    """True for a frequent dictionary word that is not a proper name."""
    freq, tag = jieba_lexicon().get(word, (0, ""))
    return freq >= min_freq and tag not in ("ns", "nr", "nrt", "nt", "nz")


def is_place_word(word: str) -> bool:
    """True when jieba's dictionary tags the word as a place name."""
    return jieba_lexicon().get(word, (0, ""))[1] == "ns"
