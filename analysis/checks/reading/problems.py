"""``reading.problems``: everything else the parser recorded while reading the source (a cell
outside the header columns, a table that failed to read …)."""
from __future__ import annotations

from ...vocab import READING_PROBLEM_ZH
from ..base import Context, check
from ..common.rules import READING


@check("reading.problems", "warning",
       "读取时遇到的其他问题", "Other content the tool could not read",
       READING + "逐条列出，以便对照原文。")
def problems(ctx: Context):
    for p in ctx.source.problems:
        if p.what in ("unreadable_amount", "unknown_table"):
            continue  # reported cell by cell, and table by table, above
        raw = f"（原文：{p.raw.strip()[:80]}）" if p.raw and p.raw.strip() else ""
        yield ctx.finding(f"第{p.page}页 本工具未能读取：{READING_PROBLEM_ZH.get(p.what, p.what)}（{p.detail}）{raw}",
                          file=p.file, page=p.page)
