"""``text.contents_vs_tables``: the tables the table of contents (目录) lists are the tables printed.

A table the 目录 lists and the files do not print is an ``error`` when the tool read every table it
found (a table it could not recognise may be the one listed: then a ``warning``); a table printed but
not listed is a ``warning`` (the 目录 is what a reader navigates by). Tables are matched by kind
(a 决算 table by the budget kind it plays)."""
from __future__ import annotations

from ...vocab import PERFORMANCE_KINDS, UNKNOWN, kind_zh, role_of
from ..base import Context, check
from ..common.places import place

MIN_ENTRIES = 3      # a list of fewer tables is not a table of contents


def _kinds(kinds) -> set:
    return {k for k in kinds} | {role_of(k) for k in kinds}


@check("text.contents_vs_tables", "error",
       "目录所列表格与文件中的表格一致", "The table of contents lists the tables printed",
       "公开文件的目录应与正文一致（财预〔2016〕143号：公开内容完整、准确）：目录列出而文件中没有的表，是缺少的公开表；"
       "文件中有而目录未列的表，读者难以查找。")
def contents_vs_tables(ctx: Context):
    d = ctx.source
    listed = [e for e in d.contents if e.kind != UNKNOWN]
    if len(listed) < MIN_ENTRIES:
        return
    printed = _kinds(t.kind for t in d.tables)
    unknown = [t for t in d.tables if t.kind == UNKNOWN]
    for e in listed:
        if e.kind in printed or role_of(e.kind) in printed:
            continue
        maybe = f"（本工具有 {len(unknown)} 张表格未能识别，其中可能有该表）" if unknown else ""
        yield ctx.finding(f"目录（第{e.page}页）列有“{e.title}”，文件中未见《{kind_zh(e.kind)}》{maybe}",
                          table="narrative", file=e.file, page=e.page, item=kind_zh(e.kind),
                          severity="warning" if unknown else "error")
    listed_kinds = _kinds(e.kind for e in listed)
    for t in d.tables:   # performance-target tables are listed as a part (绩效目标), one per project
        if t.kind != UNKNOWN and t.role not in PERFORMANCE_KINDS and t.kind not in listed_kinds \
                and t.role not in listed_kinds:
            yield ctx.finding(f"{place(t)} 未列入目录（目录列有 {len(listed)} 张表）", table=t, severity="warning")
