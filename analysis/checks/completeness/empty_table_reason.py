"""``completeness.empty_table_reason``: a table printed without a figure says why it is empty
(below the table or in the narrative).

Reported from the disclosure's checklist (``ctx.checklist``, item E10): one warning per empty
table that says nowhere why."""
from __future__ import annotations

from ...checklist import MISSING, empty_topic
from ..base import Context, check
from ..common.places import place


@check("completeness.empty_table_reason", "warning",
       "空表须说明原因", "An empty table says why it is empty",
       "没有数据的公开表应保留表样并说明无数据的原因（财政预决算领域基层政务公开标准目录 E10；"
       "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：部门没有相关收支的，应在公开时作出说明）。")
def empty_table_reason(ctx: Context):
    tables = {t.id: t for t in ctx.d.tables}
    for status in ctx.checklist:
        if status.id != "E10" or status.status != MISSING:
            continue
        for tid in status.tables:
            t = tables[tid]
            yield ctx.finding(f"{place(t)} 无数据，但表下和情况说明中均未说明原因（如“本单位无{empty_topic(t)}收支”）",
                              table=t)
