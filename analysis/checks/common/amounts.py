"""Amounts: readable cell values, tolerances beyond rounding, and the one number formatter."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ...numbers import fmt  # noqa: F401  (the one number formatter, re-exported for the checks)
from ...model import Row, Table
from ..base import tolerance

D0 = Decimal(0)

# Appended to a message whose figures sit in columns the text reader had to infer.
INFERRED_NOTE = "（注：该行数字所在的列由文本推断，原文未印出空列，请对照原表核实）"


def val(r: Row, key: str) -> Optional[Decimal]:
    """The readable amount of a cell (0 for a blank), None for a placeholder, unreadable text
    or a column the row does not have."""
    if key in r.placeholders or key in r.unreadable:
        return None
    return r.amounts.get(key)


def has(r: Row, key: str) -> bool:
    """The row prints the column, readable or not."""
    return key in r.amounts or key in r.placeholders or key in r.unreadable


def inferred(*rows: Row) -> bool:
    """The reader guessed the column placement of one of ``rows``."""
    return any("columns_inferred" in r.flags for r in rows if r is not None)


def amount_keys(t: Table) -> list:
    """The distinct amount columns of a table, in printed order."""
    return list(dict.fromkeys(c.key for c in t.columns))


def unit_slack(*tables: Table) -> Decimal:
    """Extra tolerance for tables printed in a unit coarser than 万元 (half a printed cent)."""
    out = D0
    for t in tables:
        if t is not None and t.scale and t.scale > 1:
            out += Decimal("0.005") * t.scale
    return out


def decimals(v: Decimal) -> int:
    """The number of decimals a figure is printed with."""
    exp = v.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def claim_tolerance(value: Decimal) -> Decimal:
    """A narrative figure may round the table figure to its own precision."""
    d = decimals(value)
    half = Decimal(5).scaleb(-(d + 1)) if d < 2 else Decimal(0)
    return max(tolerance(1), half)
