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
(guessing unknown names) is *not* identical everywhere: jieba reads
``2019-05-12`` as five words and jieba-rs as one, and they split runs of
rare ideographs (CJK extensions, U+9FD6 and above) differently. A text made
only of the characters where the two agree (:data:`_HMM_AGREE`: common
ideographs, ASCII letters and digits, spaces and ordinary punctuation;
fuzzed over 450,000 texts without a difference) goes to rjieba; any other
to the reference, which is then read on first need (0.5 s, 66 MB), so the
common process never loads it. ``EXTRACT_SEGMENTER=jieba`` runs everything
on the reference (to compare).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import jieba

_LEXICON_FORMAT = b"extract-lexicon-1"


def _lexicon_cache() -> Path:
    """Where the parsed lexicon is kept between runs: beside jieba's own cache, named by its dictionary file."""
    dictionary = Path(jieba.__file__).with_name("dict.txt")
    try:
        st = dictionary.stat()
        stamp = f"{dictionary}:{st.st_size}:{st.st_mtime_ns}".encode()
    except OSError:
        stamp = str(dictionary).encode()
    key = hashlib.sha256(_LEXICON_FORMAT + stamp).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"extract-lexicon-{key}.marshal"


def _parse_lexicon() -> dict[str, tuple[int, str]]:
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


@functools.lru_cache(maxsize=1)
def jieba_lexicon() -> dict[str, tuple[int, str]]:
    """``word -> (frequency, pos tag)`` from jieba's bundled dictionary.

    Parsing 350,000 lines is a third of a second of every start; the table is
    kept as a marshal file in the temporary folder (as jieba keeps its own),
    named by the dictionary's path, size and time, and read back in half the
    time. A file that is missing, unreadable or not a lexicon is rebuilt.
    """
    cache = _lexicon_cache()
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        table = marshal.loads(cache.read_bytes())
        if isinstance(table, dict) and len(table) > 100_000 and isinstance(table.get("的"), tuple):
            return table
    table = _parse_lexicon()
    with contextlib.suppress(OSError):
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".extract-lexicon-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps(table))
            os.replace(tmp, cache)
        finally:
            Path(tmp).unlink(missing_ok=True)
    return table


# Where jieba's HMM cut and jieba-rs's agree: ideographs U+4E00-U+9FD5 (jieba's own range), ASCII letters and
# digits, ASCII whitespace, CJK and general punctuation, ASCII punctuation but the characters jieba joins to
# letters and digits (. + # & _ % -).
_HMM_AGREE = re.compile("[\u4e00-\u9fd5a-zA-Z0-9 \t\n\r\f\v\u3000-\u303f\u2010-\u2027\u00b7"
                        "!-\x22\x24\x27-\x2a,/:-@\\[-\x5e`{-~]*")


def _rust() -> object | None:
    """A private rjieba instance, or None when rjieba is absent or not wanted."""
    if os.environ.get("EXTRACT_SEGMENTER", "").lower() == "jieba":
        return None
    try:
        import rjieba
    except ImportError:  # the reference does the same work, slower
        return None
    # A private instance: rjieba.add_word changes the module's default one, as jieba.add_word does jieba's.
    return rjieba.Jieba()


class Segmenter:
    """jieba's ``cut`` for the pipeline: in Rust wherever it is the reference's cut, else the reference.

    ``reference`` is a private ``jieba.Tokenizer``: ``jieba.add_word`` and
    friends mutate the global tokenizer; the pipeline never touches it, so
    user code that customizes jieba is unaffected.
    """

    def __init__(self) -> None:
        self.rust = _rust()
        self.engine = "rjieba" if self.rust is not None else "jieba"
        self._reference: jieba.Tokenizer | None = None
        self.fast: Callable[[str], list[str]] | None = None
        self.fast_hmm: Callable[[str], list[str]] | None = None
        if self.rust is not None:
            self.fast = functools.partial(self.rust.cut, hmm=False)  # type: ignore[attr-defined]
            self.fast_hmm = functools.partial(self.rust.cut, hmm=True)  # type: ignore[attr-defined]
        else:
            self.reference  # noqa: B018  (no Rust: the reference does everything, so it is read now)

    @property
    def reference(self) -> jieba.Tokenizer:
        """Python jieba, read on first use."""
        if self._reference is None:
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            self._reference = tokenizer
        return self._reference

    def cut(self, text: str, HMM: bool = True) -> list[str]:  # jieba's own keyword
        """The words of ``text``, concatenating to it exactly: the reference's words."""
        if self.fast is not None and not HMM:
            return self.fast(text)
        if self.fast_hmm is not None and _HMM_AGREE.fullmatch(text):
            return self.fast_hmm(text)
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
