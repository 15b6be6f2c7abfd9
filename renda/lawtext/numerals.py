"""Convert between Chinese numerals and integers (第一百零三条 = 103)."""

from __future__ import annotations

import re
from functools import lru_cache

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

#: A character class matching any character of a numeral (Chinese or Arabic).
NUMERAL_CHARS = "零〇○Ｏ一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟0-9０-９"
NUMERAL_RE = re.compile(f"[{NUMERAL_CHARS}]+")

_CN_DIGITS = "零一二三四五六七八九"


@lru_cache(maxsize=8192)
def cn_to_int(text: str) -> int:
    """Return the integer value of a Chinese or Arabic numeral; raise ValueError if invalid."""
    s = "".join(text.split()).translate(FULLWIDTH_DIGITS)
    if not s:
        raise ValueError("empty numeral")
    if s.isdigit():
        return int(s)
    if all(ch in DIGITS for ch in s):
        # Digit by digit, as in years: 二〇二一 = 2021.
        return int("".join(str(DIGITS[ch]) for ch in s))
    total = 0
    section = 0
    digit: int | None = None
    for ch in s:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch.isdigit():
            digit = (digit or 0) * 10 + int(ch)
        elif ch in UNITS:
            section += (1 if digit is None else digit) * UNITS[ch]
            digit = None
        elif ch in BIG_UNITS:
            section += digit or 0
            total += (section or 1) * BIG_UNITS[ch]
            section = 0
            digit = None
        else:
            raise ValueError(f"not a numeral: {text!r}")
    return total + section + (digit or 0)


def int_to_cn(number: int) -> str:
    """Write a non-negative integer below 100,000,000 as a Chinese numeral (103 = 一百零三)."""
    if number < 0 or number >= 100_000_000:
        raise ValueError(f"out of range: {number}")
    if number == 0:
        return "零"
    if number >= 10_000:
        high, low = divmod(number, 10_000)
        rest = "" if low == 0 else ("零" if low < 1000 else "") + _below_10k(low, short_ten=False)
        return _below_10k(high) + "万" + rest
    return _below_10k(number)


def _below_10k(number: int, *, short_ten: bool = True) -> str:
    """Write 1–9999 in Chinese; 10–19 begin with 十 rather than 一十 when short_ten."""
    parts: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, unit)
        if digit:
            if zero:
                parts.append("零")
                zero = False
            parts.append(_CN_DIGITS[digit] + name)
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if short_ten and text.startswith("一十") else text
