"""``data_quality.duplicate_row``: the same code printed twice in one table."""
from __future__ import annotations

from ...vocab import CODED_KINDS
from ..base import Context, check
from ..common.amounts import val
from ..common.places import place, related, row_label
from ..common.rules import ACCURACY


@check("data_quality.duplicate_row", "warning",
       "同一科目在表中重复出现", "The same code printed twice in a table",
       "按《政府收支分类科目》编列的表中每个科目只应出现一次；重复的科目使合计无法核对。" + ACCURACY)
def duplicate_row(ctx: Context):
    for t in ctx.tables(*CODED_KINDS):
        seen: dict = {}
        for r in (r for r in t.rows if r.code and not r.is_total):   # a row printed twice in a row too
            key = (r.section or "", r.code)
            if key not in seen:
                seen[key] = r
                continue
            first = seen[key]
            same = all(val(first, k) == val(r, k) for k in set(first.amounts) | set(r.amounts))
            yield ctx.finding(f"{place(t, r)} 科目 {r.code} 重复出现：第{first.page}页“{row_label(first)}”与"
                              f"第{r.page}页“{row_label(r)}”" + ("（金额相同）" if same else "（金额不同）"),
                              table=t, row=r, related=[related(t, first)])
