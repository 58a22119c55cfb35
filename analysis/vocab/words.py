"""The words the reader reads by: row labels (合计, 小计), meta lines (部门：, 单位：万元), notes, title
labels and qualifiers, how organisations' names end, the sides of a two-sided table, the labels
of performance-target tables, and how one department's spellings fall together.

Data: ``analysis/reference/reader_words.csv`` (one named entry a line: a regex, in which
``<<name>>`` stands for another entry's pattern; a list of words; or a map ``label=value``),
``analysis/reference/performance_labels.csv`` and ``analysis/reference/department_spellings.csv``.
Column keys named by header keywords are in ``columns`` (``column_rules.csv``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ._data import rows


@lru_cache(maxsize=1)
def _entries() -> dict:
    return {r["name"]: r for r in rows("reader_words.csv")}


def _entry(name: str, kind: str) -> str:
    r = _entries()[name]
    if r["kind"] != kind:
        raise ValueError(f"reader word {name!r} is a {r['kind']}, not a {kind}")
    return r["value"]


@lru_cache(maxsize=None)
def pattern_text(name: str) -> str:
    """The regex of entry ``name``, with every ``<<other>>`` replaced by that entry's regex."""
    return re.sub(r"<<(\w+)>>", lambda m: pattern_text(m.group(1)), _entry(name, "regex"))


@lru_cache(maxsize=None)
def pattern(name: str) -> re.Pattern:
    """The compiled regex of entry ``name``."""
    return re.compile(pattern_text(name))


@lru_cache(maxsize=None)
def words(name: str) -> tuple:
    """The words of a ``words`` entry, in order."""
    return tuple(_entry(name, "words").split())


@lru_cache(maxsize=None)
def mapping(name: str) -> dict:
    """The ``label=value`` pairs of a ``map`` entry, in order."""
    return dict(pair.split("=", 1) for pair in _entry(name, "map").split())


@lru_cache(maxsize=None)
def performance_labels(part: str) -> dict:
    """Label -> key of one part of the performance-table labels (field, header, level1, operator,
    nature, unit, section), in file order."""
    return {r["label"]: r["key"] for r in rows("performance_labels.csv") if r["part"] == part}


@lru_cache(maxsize=1)
def department_spellings() -> tuple:
    """((compiled pattern, replacement), …): applied in order, they bring the spellings of one
    department's name to one key (中国共产党…委员会办公厅 and 中共…委办公厅 alike)."""
    return tuple((re.compile(r["pattern"]), r["replacement"]) for r in rows("department_spellings.csv"))
