"""``data_quality.placeholder``: a mark such as ``.`` or ``,.`` printed where an amount belongs."""
from __future__ import annotations

from ..base import Context, check
from ..common.places import col_label, place, row_label
from ..common.rules import ACCURACY
from ..common.tables import amount_tables


@check("data_quality.placeholder", "warning",
       "金额栏印有占位符号", "A placeholder printed where an amount belongs",
       "金额栏应印数字或留空；“.”“,.”“-”等符号不是金额，读者无法确定其含义（是零还是缺数）。" + ACCURACY)
def placeholder(ctx: Context):
    for t in amount_tables(ctx):
        for r in t.rows:
            for key, raw in r.placeholders.items():
                yield ctx.finding(f"{place(t, r)} {row_label(r)} 的{col_label(t, key)}栏印为“{raw.strip()}”，"
                                  f"不是金额（应填数字，无数应留空或填 0）", table=t, row=r)
