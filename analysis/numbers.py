"""Exact parsing of amounts and units as printed in budget disclosures.

A cell is one of:
- a number (``2,218.51``, ``1205``, ``-3.2``, ``−3.2`` (U+2212), ``（3.20）`` for a negative, full-width digits);
- blank (empty or white space): the amount is zero, and the cell is remembered as blank;
- a placeholder (``.``, ``,.``, ``-``, ``—``, ``/``, ``——``): not a number;
- anything else: unreadable, kept as raw text.

A number of more than ``MAX_DIGITS`` digits is not an amount any budget prints (the national
budget is 16 digits in 元 with the cents): it is read as unreadable text, so that every sum
of amounts stays exact within the 28 digits of Decimal arithmetic.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

WAN = Decimal(10000)
MAX_DIGITS = 20

PLACEHOLDERS = frozenset({".", ",.", ".,", ",", "-", "--", "—", "——", "–", "\u2212", "\u2012", "/", "-.", "…", "－", "、"})

_NUM = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")
_MINUS = re.compile(r"^[\u2212\u2012\u2013](?=[\d.])")
"""A minus printed as the mathematical minus sign (U+2212) or a figure or en dash (U+2012, U+2013)
before the digits, as some exporters print it; NFKC keeps them apart from the hyphen-minus."""


@dataclass(frozen=True)
class Cell:
    """A parsed amount cell."""
    kind: str                      # "number" | "blank" | "placeholder" | "unreadable"
    value: Optional[Decimal]       # Decimal for numbers, Decimal(0) for blanks, else None
    raw: str


_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CN_YEAR = re.compile(r"[一二][〇零一二三四五六七八九]{3}(?=年)")
_ZERO_BY_DIGIT = re.compile(r"(?<=\d)〇|〇(?=\d)")


def chinese_years(s: str) -> str:
    """``s`` with a year written in Chinese digits (二〇二六年) and a 〇 printed among digits (2〇26)
    as ASCII digits, character for character (the length stays, so positions in ``s`` still hold)."""
    if "〇" in s or "零" in s:
        s = _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGITS), s)
        while _ZERO_BY_DIGIT.search(s):
            s = _ZERO_BY_DIGIT.sub("0", s)
    return s


def normalize(text: str) -> str:
    """NFKC-normalize (full-width digits and punctuation to ASCII) and trim; a year written in
    Chinese digits (二〇二六年) and a 〇 printed among digits (2〇26) read as digits."""
    return chinese_years(unicodedata.normalize("NFKC", text or "").strip())


def parse_number(text: str) -> Optional[Decimal]:
    """Return the Decimal printed in ``text`` or None when it is not a plain number.

    >>> parse_number("1,337.23")
    Decimal('1337.23')
    >>> parse_number("(3.20)")
    Decimal('-3.20')
    """
    s = _MINUS.sub("-", normalize(text).replace(" ", ""))
    if not s:
        return None
    neg = False
    if s.startswith("(") and s.endswith(")"):
        neg, s = True, s[1:-1]
    s = s.replace("，", ",")
    if not _NUM.match(s):
        return None
    if sum(ch.isdigit() for ch in s) > MAX_DIGITS:
        return None
    try:
        v = Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - guarded by the regex
        return None
    return -v if neg else v


_LOOSE = re.compile(r"^[+-]?\d+(?:,\d{3})+(?:\.\d+)?$")


def loose_number(text: str) -> Optional[Decimal]:
    """The number a cell prints with its thousands separators misplaced or only partly printed
    (``128138,600``, ``1,28138,600`` is not: every group after a separator has three digits), or
    None. Not a reading to take alone: the table's arithmetic must confirm it."""
    s = normalize(text).replace(" ", "").replace("\n", "")
    if parse_number(s) is not None or not _LOOSE.match(s) or sum(ch.isdigit() for ch in s) > MAX_DIGITS:
        return None
    return Decimal(s.replace(",", ""))


def parse_cell(text: Optional[str]) -> Cell:
    raw = text or ""
    s = normalize(raw).replace(" ", "").replace("\n", "")
    if not s:
        return Cell("blank", Decimal(0), raw)
    if s in PLACEHOLDERS:
        return Cell("placeholder", None, raw)
    v = parse_number(s)
    if v is not None:
        return Cell("number", v, raw)
    return Cell("unreadable", None, raw)


CHINESE_DIGITS = "一二三四五六七八九十"


def chinese_numeral(text: str) -> Optional[int]:
    """A small number as printed in labels and headings: "5" -> 5, "五" -> 5, "十二" -> 12, "二十" -> 20
    (1-99); None for anything else."""
    if text.isdigit():
        return int(text)
    if not text or len(text) > 3 or any(c not in CHINESE_DIGITS for c in text):
        return None
    digit = lambda c: CHINESE_DIGITS.index(c) + 1  # noqa: E731
    if "十" not in text:
        return digit(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or (tens and len(tens) != 1) or len(ones) > 1:
        return None
    return (digit(tens) if tens else 1) * 10 + (digit(ones) if ones else 0)


def is_amount_token(token: str) -> bool:
    """True for a token that is a number or a placeholder (a value cell in flattened text)."""
    s = normalize(token)
    return s in PLACEHOLDERS or parse_number(s) is not None


DEFAULT_UNIT = "万元"   # the unit of an amount printed without a unit statement
_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元|千元|亿元)")
UNIT_SCALE = {"元": Decimal(1) / WAN, "千元": Decimal("0.1"), "万元": Decimal(1), "亿元": WAN}


def find_unit(text: str) -> Optional[str]:
    """The unit declared by ``单位：万元`` (or 元, 千元, 亿元) in ``text``."""
    m = _UNIT.search(normalize(text).replace(" ", ""))
    return m.group(1) if m else None


def to_wan(value: Decimal, unit: str) -> Decimal:
    """Convert an amount printed in ``unit`` to 万元, exactly."""
    return value * UNIT_SCALE[unit]


def fmt(v: Optional[Decimal], places: int = 2) -> str:
    """A figure as printed in messages: thousands separators, at least ``places`` decimals (two
    for amounts in 万元; 0 for counts and percentages), more where the figure has them (amounts
    printed in 元 are exact to 0.000001 万元); None as an em dash."""
    if v is None:
        return "—"
    exp = v.normalize().as_tuple().exponent
    shown = max(places, min(6, -exp)) if isinstance(exp, int) and exp < -places else places
    return f"{v:,.{shown}f}"
