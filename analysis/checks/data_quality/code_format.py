"""``data_quality.code_format``: a 款/项 code part printed without its leading zero (301 2)."""
from __future__ import annotations

from ..base import Context, check
from ..common.places import place
from ..common.rules import ACCURACY


@check("data_quality.code_format", "warning",
       "科目编码印刷不规范", "A classification code printed in a non-standard form",
       "《政府收支分类科目》的款、项编码各为两位（如 301 02）；少印前导零的编码（301 2）需读者自行推断。"
       + ACCURACY)
def code_format(ctx: Context):
    for t in ctx.tables():
        for r in t.rows:
            printed = r.extra.get("code_as_printed")
            if printed and r.code and " " in str(printed):
                yield ctx.finding(f"{place(t, r)} 科目“{r.name}”的编码印作“{printed}”，按类/款/项各位数应为"
                                  f"“{r.code}”（款、项编码少印了前导零）", table=t, row=r)
