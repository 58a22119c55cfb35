"""``completeness.empty_table_reason``: a table printed without a figure says why it is empty
(below the table or in the narrative)."""
from __future__ import annotations

import re

from ...vocab import PERFORMANCE_KINDS, kind_zh
from ..base import Context, check
from ..common.places import place
from ..common.rows import cname
from ..common.text import NarrativeText

REASON_WORDS = r"无|没有|不涉及|未安排|未发生|为零|为0|0万元|空表"
TOPIC = {
    "government_fund": "政府性基金", "state_capital": "国有资本经营", "procurement": "政府采购",
    "three_public": "三公", "operating_costs": "机关运行经费", "project_expenditure": "项目支出",
}


def _is_empty(t) -> bool:
    if any(r.placeholders or r.unreadable for r in t.rows):
        return False
    return not any(v for r in t.rows for v in r.amounts.values())


@check("completeness.empty_table_reason", "warning",
       "空表须说明原因", "An empty table says why it is empty",
       "没有数据的公开表应保留表样并说明无数据的原因（财政预决算领域基层政务公开标准目录 E10；"
       "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：部门没有相关收支的，应在公开时作出说明）。")
def empty_table_reason(ctx: Context):
    n = NarrativeText(ctx.d.narrative)
    sentences = re.split(r"[。；;]", n.text)
    for t in ctx.tables():
        if t.role in PERFORMANCE_KINDS or not _is_empty(t):
            continue
        if t.empty_reason or re.search(REASON_WORDS, cname(t.note)):
            continue
        topic = TOPIC.get(t.kind, kind_zh(t.kind).replace("表", ""))
        if topic and any(topic in s and re.search(REASON_WORDS, s) for s in sentences if len(s) < 200):
            continue
        yield ctx.finding(f"{place(t)} 无数据，但表下和情况说明中均未说明原因（如“本单位无{topic}收支”）", table=t)
