"""Reference data: 政府收支分类科目 codes with their names by year, and the disclosure rules.

Files (package data, see ``SOURCES.md`` for where every row comes from):

* ``function_codes.csv`` – 支出功能分类 codes (类/款/项 = level 1/2/3, 3/5/7 digits).
* ``economic_codes.csv`` – 部门预算支出经济分类 codes (类/款 = level 1/2, 3/5 digits), with
  ``verified`` false for candidate pairings no source confirms.
* ``disclosure_rules.csv`` – the tables and explanations a department budget disclosure must hold.

A row is valid from ``valid_from`` to ``valid_to`` inclusive. An empty ``valid_to`` means the
name is current as far as the sources show; an empty ``valid_from`` means no dated source shows
the pairing, and the row then applies to any year no dated row of the same code covers better.
When several rows fit a year, a verified row wins over an unverified one, a dated row over an
undated one, and the later ``valid_from`` over the earlier.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal, Optional

__all__ = [
    "Match",
    "disclosure_rules",
    "economic_name",
    "economic_names",
    "economic_verified",
    "function_class_names",
    "function_name",
    "function_names",
    "lookup",
    "names_match",
]

Kind = Literal["function", "economic"]
_FILES = {"function": "function_codes.csv", "economic": "economic_codes.csv"}


@dataclass(frozen=True)
class _Row:
    code: str
    name: str
    level: int
    valid_from: Optional[int]
    valid_to: Optional[int]
    source: str
    verified: bool

    def covers(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to)

    def distance(self, year: int) -> int:
        """Years between ``year`` and this row's range (0 inside it)."""
        if self.valid_from is not None and year < self.valid_from:
            return self.valid_from - year
        if self.valid_to is not None and year > self.valid_to:
            return year - self.valid_to
        return 0


@dataclass(frozen=True)
class Match:
    """What the reference says about one printed code in one year.

    ``status`` is ``"known"`` when the code has an official name for the year (and, when a
    printed name was given, that name is not the code's name of another year),
    ``"name_for_other_year"`` when the code is known but its name for the year is not (the
    sources show the code only in other years, or the printed name is the code's name in
    another year), and ``"unknown"`` when the reference does not hold the code at all.
    ``official_name`` is the name for the year, or else the name of the nearest year.
    """
    status: Literal["known", "unknown", "name_for_other_year"]
    official_name: Optional[str] = None
    source: Optional[str] = None
    valid_from: Optional[int] = None
    valid_to: Optional[int] = None
    verified: bool = False


def _records(filename: str) -> list:
    """The rows of a reference CSV as dicts of strings (the standard library: a process that
    reads codes never loads pandas)."""
    with resources.files(__name__).joinpath(filename).open("r", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _read(filename: str):
    """A reference CSV as a pandas DataFrame of strings."""
    import pandas as pd  # lazy: only the disclosure rules' table and the tests want a frame

    with resources.files(__name__).joinpath(filename).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@lru_cache(maxsize=None)
def _rows(kind: Kind) -> dict:
    if kind not in _FILES:
        raise ValueError(f"kind must be 'function' or 'economic', not {kind!r}")
    by_code: dict[str, list[_Row]] = {}
    for rec in _records(_FILES[kind]):
        row = _Row(
            code=rec["code"],
            name=rec["name"],
            level=int(rec["level"]),
            valid_from=int(rec["valid_from"]) if rec["valid_from"] else None,
            valid_to=int(rec["valid_to"]) if rec["valid_to"] else None,
            source=rec["source"],
            verified=rec.get("verified", "true") == "true",
        )
        by_code.setdefault(row.code, []).append(row)
    return by_code


def _rank(row: _Row) -> tuple:
    return (row.verified, row.valid_from is not None, row.valid_from or 0)


def _pick(kind: Kind, code: str, year: Optional[int], verified_only: bool = False) -> Optional[_Row]:
    rows = [r for r in _rows(kind).get(str(code).strip(), []) if r.verified or not verified_only]
    if year is None:
        current = [r for r in rows if r.valid_to is None]
        return max(current or rows, key=_rank, default=None)
    return max((r for r in rows if r.covers(year)), key=_rank, default=None)


def _names(kind: Kind, code: str) -> list:
    rows = sorted(_rows(kind).get(str(code).strip(), []),
                  key=lambda r: (r.valid_from is None, r.valid_from or 0, r.name))
    return [(r.name, r.valid_from, r.valid_to) for r in rows]


def function_name(code: str, year: Optional[int] = None) -> Optional[str]:
    """The official name of a function code in ``year`` (the current name when ``year`` is None);
    None when the reference does not know the code for that year."""
    row = _pick("function", code, year)
    return row.name if row else None


def function_class_names() -> list:
    """``[(code, name), …]`` of every 3-digit function class (类) row, in file order (all years)."""
    return [(r.code, r.name) for rows in _rows("function").values() for r in rows if len(r.code) == 3]


def function_names(code: str) -> list:
    """All known names of a function code: ``[(name, valid_from, valid_to), …]`` oldest first."""
    return _names("function", code)


def economic_name(code: str, year: Optional[int] = None, verified_only: bool = False) -> Optional[str]:
    """The name of a 部门预算支出经济分类 code in ``year``; unverified candidates count unless
    ``verified_only`` (check ``economic_verified``)."""
    row = _pick("economic", code, year, verified_only)
    return row.name if row else None


def economic_names(code: str) -> list:
    """All known names of an economic code: ``[(name, valid_from, valid_to), …]`` oldest first."""
    return _names("economic", code)


def economic_verified(code: str, year: Optional[int] = None) -> bool:
    """Whether a source confirms the pairing ``economic_name(code, year)`` returns."""
    row = _pick("economic", code, year)
    return bool(row and row.verified)


def lookup(kind: Kind, code: str, year: Optional[int], printed: Optional[str] = None) -> Match:
    """Check one printed code (and optionally its printed name) against the reference."""
    rows = _rows(kind).get(str(code).strip(), [])
    if not rows:
        return Match("unknown")
    row = _pick(kind, code, year)
    if row is None:  # known code, but no name for this year: report the nearest one
        row = min(rows, key=lambda r: (r.distance(year), not r.verified, -(r.valid_from or 0)))
        status = "name_for_other_year"
    elif printed is not None and not names_match(printed, row.name) and any(
            names_match(printed, r.name) for r in rows if r is not row):
        status = "name_for_other_year"
    else:
        status = "known"
    return Match(status, row.name, row.source, row.valid_from, row.valid_to, row.verified)


_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、])")
_MARKER = re.compile(r"\((?:类|款|项)\)")


def _fold(name: str) -> str:
    s = unicodedata.normalize("NFKC", name)        # full-width brackets and digits -> ASCII
    s = re.sub(r"\s+", "", s)
    s = _ORDINAL.sub("", s)
    s = _MARKER.sub("", s)
    if s.endswith("支出") and len(s) > 2:
        s = s[:-2]
    return s


def names_match(printed: str, official: str) -> bool:
    """Whether a printed name is the official one, ignoring whitespace (also inside the name,
    as wrapped cells leave it), full/half-width brackets, a leading ordinal (``一、`` ``（一）``),
    ``（类）``/``（款）``/``（项）`` markers and a trailing ``支出``."""
    if not printed or not official:
        return False
    return _fold(printed) == _fold(official)


@lru_cache(maxsize=None)
def _rules():
    return _read("disclosure_rules.csv")


def disclosure_rules():
    """The disclosure requirements, one row per required table or explanation (a copy)."""
    return _rules().copy()
