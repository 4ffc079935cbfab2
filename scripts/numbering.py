"""Article numbers in the two numeral systems readers use.

>>> article_label("670"), article_label_zh("670"), article_label_zh("293-1")
('第670条', '第六百七十条', '第二百九十三条之一')
"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_UNITS = [(1000, "千"), (100, "百"), (10, "十")]


def chinese_numeral(n: int) -> str:
    """Write 1–9999 the way statutes do: 十, 十五, 一百零五, 一千二百六十."""
    if not 0 < n < 10000:
        raise ValueError(f"article numbers run from 1 to 9999, got {n}")
    parts: list[str] = []
    rest = n
    zero_pending = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            # 10–19 read 十, 十一 … on their own, but 一百一十 inside larger numbers
            parts.append(
                unit if (value == 10 and digit == 1 and not parts) else _DIGITS[digit] + unit
            )
        elif parts:
            zero_pending = True
    if rest:
        if zero_pending:
            parts.append("零")
        parts.append(_DIGITS[rest])
    return "".join(parts)


def split_number(number: str) -> tuple[int, int]:
    base, _, suffix = number.partition("-")
    return int(base), int(suffix or 0)


def article_label(number: str) -> str:
    base, suffix = split_number(number)
    return f"第{base}条之{chinese_numeral(suffix)}" if suffix else f"第{base}条"


def article_label_zh(number: str) -> str:
    base, suffix = split_number(number)
    label = f"第{chinese_numeral(base)}条"
    return f"{label}之{chinese_numeral(suffix)}" if suffix else label


def anchor(number: str) -> str:
    return f"art-{number}"


_ZH_VALUES = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_chinese_numeral(text: str) -> int:
    """Inverse of `chinese_numeral`, for queries such as 第六百七十条."""
    if not text or not re.fullmatch(r"[零〇一二两三四五六七八九十百千]+", text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for char in text:
        if char in _ZH_UNITS:
            total += (1 if digit is None else digit) * _ZH_UNITS[char]
            digit = None
        else:
            digit = _ZH_VALUES[char]
    return total + (digit or 0)
