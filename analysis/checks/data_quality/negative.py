"""``data_quality.negative``: a negative amount."""
from __future__ import annotations

from ..base import Context, check
from ..common.amounts import fmt
from ..common.places import col_label, place, row_label
from ..common.rules import ACCURACY
from ..common.tables import amount_tables


@check("data_quality.negative", "warning",
       "预算金额为负数", "A negative budget amount",
       "部门预算安排数一般不为负；负数多为录入或排版错误，需要说明。" + ACCURACY)
def negative(ctx: Context):
    for t in amount_tables(ctx):
        for r in t.rows:
            for key, v in r.amounts.items():
                if v is not None and v < 0 and key not in r.placeholders and key not in r.unreadable:
                    yield ctx.finding(f"{place(t, r)} {row_label(r)} 的{col_label(t, key)}为负数 {fmt(v)} 万元",
                                      table=t, row=r, actual=v)
