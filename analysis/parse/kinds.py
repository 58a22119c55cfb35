"""The kind of a table, decided by its title, its header and its rows together.

A title names the kind; the rows can overrule it within one family: a table titled as a
function-class table (一般公共预算支出表) whose rows carry economic codes (301, 30201 …) is the
economic (基本支出) table of the same money, and the other way round. A table printed without a
title gets a kind only where its content leaves no doubt (三公 columns, procurement columns);
otherwise it stays ``unknown`` and is a reading problem. A grid without any amount is not a
budget table at all (a list of subordinate units, a contact box): its text is narrative.
"""
from __future__ import annotations

from typing import Optional

from ..model import Table
from ..settings import DEFAULT, ReaderSettings
from ..vocab import ECONOMIC_TO_FUNCTION, FUNCTION_TO_ECONOMIC, PROCUREMENT_KEYS, THREE_PUBLIC_KEYS, UNKNOWN


def code_families(t: Table) -> tuple:
    """(function-class codes, economic-class codes) among the table's rows."""
    fn = sum(1 for r in t.rows if r.code and r.code.startswith("2"))
    ec = sum(1 for r in t.rows if r.code and r.code[0] in "35")
    return fn, ec


def has_amounts(t: Table) -> bool:
    """Whether any amount cell prints a number (blanks do not count)."""
    return any(k not in r.blank for r in t.rows for k in r.amounts)


def resolve_kind(t: Table, title_kind: str, s: ReaderSettings = DEFAULT) -> tuple:
    """(kind, reading issue or None); kind None when the grid is not a budget table."""
    fn, ec = code_families(t)
    if title_kind != UNKNOWN:
        if title_kind in FUNCTION_TO_ECONOMIC and ec >= s.kind_rows_min and ec > s.kind_rows_ratio * fn:
            return FUNCTION_TO_ECONOMIC[title_kind], "kind_from_rows"
        if title_kind in ECONOMIC_TO_FUNCTION and fn >= s.kind_rows_min and fn > s.kind_rows_ratio * ec:
            return ECONOMIC_TO_FUNCTION[title_kind], "kind_from_rows"
        return title_kind, None
    if not t.columns or not has_amounts(t):
        return None, None
    keys = {c.key.removeprefix("prior_").removeprefix("budget_") for c in t.columns}
    extras = {k for r in t.rows for k in r.extra}
    if len(keys & set(THREE_PUBLIC_KEYS)) >= s.kind_columns_min:
        return "three_public", "kind_from_columns"
    if len(extras & set(PROCUREMENT_KEYS)) >= s.kind_columns_min:
        return "procurement", "kind_from_columns"
    return UNKNOWN, "untitled_table"


def apply_kind(t: Table, title_kind: str, s: ReaderSettings = DEFAULT) -> Optional[Table]:
    """Set the table's kind from title and content; None when it is not a budget table."""
    kind, issue = resolve_kind(t, title_kind, s)
    if kind is None:
        return None
    if kind != t.kind:
        t.kind = kind
    if issue:
        t.reading = sorted(set(t.reading) | {issue})
        if issue == "untitled_table":
            t.confidence = min(t.confidence if t.confidence is not None else 1.0, s.untitled_confidence)
    return t
