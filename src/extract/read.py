"""Reading stage: bytes on disk -> document text, plus a matching view.

Offsets in every table refer to the text exactly as decoded, so nothing here
rewrites the text. Recognizers instead run on a *view*: the same number of
characters, converted to simplified characters and half-width digits/letters,
so a match at ``view[i:j]`` is the mention ``text[i:j]``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import opencc
from charset_normalizer import from_bytes

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")


class ReadError(Exception):
    """A file that cannot become a document; the message names file and problem."""

    def __init__(self, path: Path | str, kind: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.kind = kind
        self.message = message


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    text: str
    path: str = ""


def _text_share(text: str) -> float:
    """Share of characters a chronicle is made of: ASCII text, CJK ideographs and punctuation, full-width forms."""
    if not text:
        return 0.0
    good = sum(1 for ch in text if ("\x20" <= ch <= "\x7e") or ch in "\r\n\t" or "\u4e00" <= ch <= "\u9fff"
               or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or "\u2010" <= ch <= "\u2027"
               or "\u3400" <= ch <= "\u4dbf" or "\u00b7" == ch)
    return good / len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark, if the bytes read as text."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _text_share(text[:4096]) > 0.9:
            return text
    return None


def decode(data: bytes, path: Path | str = "<bytes>") -> str:
    """Decode file bytes, detecting the encoding; raise ReadError if impossible."""
    if not data:
        raise ReadError(path, "empty", "the file is empty")
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8")
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise ReadError(path, "undecodable", f"the byte-order mark promises an encoding the bytes break ({exc.reason} "
                                             f"at byte {exc.start})") from exc
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        raise ReadError(path, "binary", "the file looks binary (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ReadError(path, "undecodable", "no text encoding fits the file's bytes")
    text = str(best)
    if _text_share(text[:4096]) < 0.5:
        raise ReadError(path, "undecodable", f"decoded as {best.encoding}, the bytes give no readable text")
    return text


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, shown: str = "") -> bytes:
    """The file's bytes, refusing (before reading) a file over ``max_bytes``.

    ``shown`` is the path as messages print it (a name that is not UTF-8 is shown decoded).
    """
    name = shown or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(name, "too_large", f"the file has {size} bytes, over the limit of {max_bytes}")
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(name, "unreadable", f"cannot read the file ({exc.strerror or exc})") from exc


def document_from_bytes(path: Path, data: bytes, doc_id: str = "", shown: str = "") -> Document:
    """Decode one corpus file's bytes; its doc_id is the file name without extension unless given."""
    name = shown or str(path)
    text = decode(data, name)
    if not text.strip():
        raise ReadError(name, "empty", "the file holds no text")
    return Document(doc_id=doc_id or path.stem, text=text, path=name)


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and decode one corpus file."""
    return document_from_bytes(path, read_bytes(path, max_bytes))


def replace_surrogates(text: str) -> str:
    """``text`` with U+FFFD for each lone surrogate (half of a broken UTF-16 pair).

    Such a character cannot be encoded as UTF-8, which OpenCC and spaCy's string
    store both do; a file never decodes to one, but an API caller may pass it.
    One character stands for one, so offsets stay exact. Returns ``text`` itself
    when it holds none.
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _halfwidth(ch: str) -> str:
    if "\uff01" <= ch <= "\uff5e":
        return chr(ord(ch) - 0xFEE0)
    if ch == "\u3000":
        return " "
    return ch


def make_view(text: str) -> str:
    """Simplified-character, half-width view of ``text`` with the same length.

    OpenCC converts phrase by phrase; where a phrase changes length the
    characters are converted one at a time instead, so offsets stay exact.
    """
    conv = _t2s()
    text = replace_surrogates(text)
    simplified = conv.convert(text)
    if len(simplified) != len(text):
        simplified = "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in text)
    return "".join(_halfwidth(ch) for ch in simplified)
