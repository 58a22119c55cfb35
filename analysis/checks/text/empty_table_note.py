"""``text.empty_table_note``: the note an empty table carries names its own fund.

The rules require an empty table (no 政府性基金 or 国有资本经营 money, say) to keep its form and say
why it is empty (``completeness.empty_table_reason`` reports a missing note); a note that names
another fund ("无政府性基金…" under the 国有资本经营 table) was copied from another table and says
nothing of this one: a ``warning``."""
from __future__ import annotations

import re

from ...checklist import is_empty
from ...vocab import TOPICS, topic_of
from ..base import Context, check
from ..common.places import place
from ..common.text import squeeze

REASON = r"无|没有|不涉及|未安排|为零|为0|空表"


def _named_funds(note: str) -> set:
    return {f for f in TOPICS if f in note}


@check("text.empty_table_note", "warning",
       "空表的说明说的是这张表", "An empty table's note names its own fund",
       "没有数据的公开表应在表下说明本表为何为空（财政预决算领域基层政务公开标准目录 E10；财预〔2016〕143号）；"
       "说明写的是另一类资金，等于没有说明本表。")
def empty_table_note(ctx: Context):
    for t in ctx.d.tables:
        note = squeeze(t.note or t.empty_reason)
        if not note or not re.search(REASON, note) or not is_empty(t):
            continue
        own = topic_of(t.role)
        named = _named_funds(note)
        if own and named and own not in named:
            yield ctx.finding(f"{place(t)} 为空表，但表下说明写的是{'、'.join(sorted(named))}（“{note[:60]}”），"
                              f"未说明本表（{own}）为何为空", table=t)
