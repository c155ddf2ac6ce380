"""Chinese and Arabic numerals to integers.

Designations and dates are written with either kind (第七十四军, 第74军,
廿七日); cn2an does the Chinese numeral arithmetic, we only add the forms it
does not know (廿, 卅, 〇 as a digit, full-width digits).
"""

from __future__ import annotations

import functools

import cn2an

CHINESE_DIGITS = "零〇一二三四五六七八九十百千两廿卅"
_EXTRA = {"廿": "二十", "卅": "三十", "两": "二"}
_DIGIT_MAP = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
DIGIT_CHARS = "".join(_DIGIT_MAP)  # the characters a number written digit by digit uses (一三九〇)
# No designation, date or count in a chronicle needs more characters than this; a
# longer "numeral" is junk (a 5,000-digit run would also exceed Python's limit on
# int-from-string conversion and raise), so it is no number at all.
MAX_NUMERAL_CHARS = 12


@functools.lru_cache(maxsize=4096)  # numerals repeat (days, designations) and cn2an is slow per call
def to_int(text: str) -> int | None:
    """Return the integer a numeral string stands for, or None if it is not one.

    A run of bare digit characters (一九四四) is read digit by digit, as years
    are written; anything with 十/百/千 is read as a Chinese number. A
    string longer than ``MAX_NUMERAL_CHARS`` is no number.
    """
    if not text or len(text) > MAX_NUMERAL_CHARS:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if text.isdigit():  # full-width or other Unicode digits
        try:
            return int(text)
        except ValueError:
            return None
    if all(ch in _DIGIT_MAP for ch in text) and len(text) > 1:
        return int("".join(_DIGIT_MAP[ch] for ch in text))
    if "两" in text[1:]:
        return None  # 两 only leads a number (两百, 两千); 二十两师 is the 20th and a count of two
    expanded = "".join(_EXTRA.get(ch, ch) for ch in text)
    try:
        value = cn2an.cn2an(expanded, "strict")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None
