"""``reading.unreadable_cell``: an amount cell whose text the reader could not take as a number."""
from __future__ import annotations

from ..base import Context, check
from ..common.places import col_label, place, row_label
from ..common.rules import READING


@check("reading.unreadable_cell", "info",
       "本工具未能识别的金额单元格", "An amount cell the tool could not read as a number",
       READING)
def unreadable_cell(ctx: Context):
    for t in ctx.source.tables:
        for r in t.rows:
            for key, raw in r.unreadable.items():
                yield ctx.finding(f"{place(t, r)} {row_label(r)}：{col_label(t, key)} 印作“{raw.strip()[:40]}”，"
                                  "本工具未能识别为数字，该格未参与核对。", table=t, row=r, column=key)
