"""Two-sided tables printed one side under the other.

A 收支总表 is a table of two sides: what comes in (收入) and what goes out (支出). Most templates
print them side by side, and the grid reader names each row's side from the header. Some print
the income rows first and the expenditure rows under them, in one column of names and one of
amounts: the header names no side. Such a table's sides are read from its own rows: the income
side ends with its last total row that names income (收入总计, or 本年收入合计 where no grand total
is printed) before the first total row that names expenditure; every row after it is the
expenditure side. A table whose rows do not show that order is left as printed.
"""
from __future__ import annotations

from typing import Optional

from ..model import Table
from ..vocab import TWO_SIDED, header_rules
from .rows import TOTAL
from .titles import compact


def _side_of(name: str) -> Optional[str]:
    """The side a total row's name names (收入 income, 支出 expenditure), or None."""
    return next((side for side, rx in header_rules("side", "any") if side in ("income", "expenditure")
                 and rx.search(name)), None)


def stacked_sides(t: Table) -> None:
    """Name the sides of ``t`` (a two-sided table whose header named none) by its rows' order."""
    if t.role not in TWO_SIDED or any(r.section for r in t.rows):
        return
    totals = [(i, _side_of(compact(r.name))) for i, r in enumerate(t.rows)
              if TOTAL.match(compact(r.name)) or r.is_total]
    first_out = next((i for i, side in totals if side == "expenditure"), None)
    if first_out is None:
        return
    last_in = max((i for i, side in totals if side == "income" and i < first_out), default=None)
    if last_in is None or last_in + 1 >= first_out:
        return
    for i, r in enumerate(t.rows):
        r.section = "income" if i <= last_in else "expenditure"
    t.reading = sorted(set(t.reading) | {"sides_stacked"})
