"""``reading.unknown_table``: a table printed without a title the reader recognises, whose content
does not say which standard table it is."""
from __future__ import annotations

from ..base import Context, check
from ..common.rules import READING, reading_reasons


@check("reading.unknown_table", "warning",
       "本工具未能识别的表格", "A table the tool could not identify",
       READING)
def unknown_table(ctx: Context):
    for t in ctx.source.tables:
        if t.kind != "unknown":
            continue
        pages = "、".join(str(p) for p in t.pages)
        yield ctx.finding(f"第{pages}页有一张表格，本工具未能识别它是哪一张公开表（{reading_reasons(t.reading)}），"
                          "未用于核对。", table=t)
