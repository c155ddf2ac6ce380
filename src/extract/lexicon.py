"""jieba's dictionary twice over: the segmenter of the text, and a lexicon of frequencies and tags.

Context rules for unknown names (a place after 攻占, a person after 军长)
need to tell a name from an ordinary word. jieba ships a 350k-word
dictionary with a frequency and a POS tag per word (``ns`` for place
names, ``nr`` for person names); reading it once gives that judgement
without a model.

Segmenting is most of the tokenizer's time, so the dictionary-only cut
(``HMM=False``, what the pipeline uses between recognized names) runs in
``rjieba``, the Python binding of jieba-rs: the same algorithm and the same
bundled dictionary compiled in Rust, about ten times faster on our gaps.
Python ``jieba`` stays the reference: ``tests/test_segmenter.py`` checks
that both cut every gap of the bundled corpora identically. The HMM cut
(guessing unknown names) is *not* identical on ASCII runs (jieba reads
``2019-05-12`` as five words, jieba-rs as one), so it stays on jieba.
``EXTRACT_SEGMENTER=jieba`` runs everything on the reference (to compare).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable

import jieba


@functools.lru_cache(maxsize=1)
def jieba_lexicon() -> dict[str, tuple[int, str]]:
    """``word -> (frequency, pos tag)`` from jieba's bundled dictionary.

    Decoded and split in one pass over the whole file (a decode per line
    doubled the time of the first document, which paid for it).
    """
    table: dict[str, tuple[int, str]] = {}
    tags: dict[str, str] = {"": ""}  # one string per tag, not one per word (about 15 MB less per process)
    with jieba.get_dict_file() as handle:
        data = handle.read().decode("utf-8")
    for line in data.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            tag = parts[2] if len(parts) > 2 else ""
            table[parts[0]] = (int(parts[1]), tags.setdefault(tag, tag))
    return table


def _fast_cut() -> Callable[[str], list[str]] | None:
    """rjieba's dictionary-only cut on a private instance, or None when rjieba is absent or not wanted."""
    if os.environ.get("EXTRACT_SEGMENTER", "").lower() == "jieba":
        return None
    try:
        import rjieba
    except ImportError:  # the reference does the same work, slower
        return None
    # A private instance: rjieba.add_word changes the module's default one, as jieba.add_word does jieba's.
    fast = rjieba.Jieba()
    return functools.partial(fast.cut, hmm=False)


class Segmenter:
    """jieba's ``cut`` for the pipeline: the dictionary cut in Rust, the HMM cut on the reference.

    ``reference`` is a private ``jieba.Tokenizer``: ``jieba.add_word`` and
    friends mutate the global tokenizer; the pipeline never touches it, so
    user code that customizes jieba is unaffected.
    """

    def __init__(self) -> None:
        self.reference = jieba.Tokenizer()
        self.reference.initialize()
        self.fast = _fast_cut()
        self.engine = "rjieba" if self.fast is not None else "jieba"

    def cut(self, text: str, HMM: bool = True) -> list[str]:  # jieba's own keyword
        """The words of ``text``, concatenating to it exactly."""
        if not HMM and self.fast is not None:
            return self.fast(text)
        return list(self.reference.cut(text, HMM=HMM))


@functools.lru_cache(maxsize=1)
def private_jieba() -> Segmenter:
    """One initialized segmenter per process (loaded by ``extract.load()``, before any fork)."""
    return Segmenter()


def is_common_word(word: str, min_freq: int = 50) -> bool:
    """True for a frequent dictionary word that is not a proper name."""
    freq, tag = jieba_lexicon().get(word, (0, ""))
    return freq >= min_freq and tag not in ("ns", "nr", "nrt", "nt", "nz")


def is_place_word(word: str) -> bool:
    """True when jieba's dictionary tags the word as a place name."""
    return jieba_lexicon().get(word, (0, ""))[1] == "ns"
