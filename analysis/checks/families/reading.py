"""Reading problems: what the tool could not read with confidence. Never errors of the disclosure.

* ``reading.low_confidence`` – a table the reader could not read with confidence (its columns or
  rows are uncertain): its figures are withheld from every other check, and this warning says so;
* ``reading.unknown_table`` – a table printed without a title the reader recognises, whose content
  does not say which standard table it is;
* ``reading.unreadable_cell`` – an amount cell whose text the reader could not take as a number;
* ``reading.problems`` – everything else the parser recorded while reading the source (a cell outside
  the header columns, a table that failed to read …).

Each finding is a warning (``reading.unreadable_cell``: info, one per cell) and says 本工具未能识别
(the tool could not read), so that a reader checks the page instead of doubting the publisher.
"""
from __future__ import annotations

from ...model import CONFIDENCE_THRESHOLD
from ..base import Context, check
from .arithmetic import col_label, place, row_label

RULE = ("本工具读取表格时把握不足的地方，不是披露本身的错误；相关数字未用于核对，请对照原文阅读。")

ISSUE_ZH = {
    "unnamed_column": "有金额的列没有可识别的表头",
    "duplicate_key": "两列表头含义相同，无法区分",
    "unreadable_cells": "部分金额单元格无法识别为数字",
    "unlabelled_rows": "部分有金额的行没有科目名称或编码",
    "no_header": "未找到表头",
    "continuation_columns": "续页的列与首页表头对不齐",
    "unplaced_cells": "部分单元格落在表头各列之外",
    "no_amount_column": "未找到金额列",
    "untitled_table": "表格没有可识别的标题，内容也不足以判断是哪张表",
    "kind_from_rows": "表题所示表种与各行科目编码不一致，已按科目编码判断",
    "kind_from_columns": "表格没有可识别的标题，已按列名判断表种",
}
PROBLEM_ZH = {
    "unplaced_cell": "单元格落在表头各列之外",
    "table_failed": "表格读取失败",
    "unknown_table": "未能识别的表格",
    "extra_values": "一行中的数字多于表头的列数",
    "unreadable_amount": "金额单元格无法识别为数字",
}


def reasons(issues: list) -> str:
    return "、".join(ISSUE_ZH.get(i, i) for i in issues) or "读取结果不一致"


@check("reading.low_confidence", "warning",
       "本工具未能可靠识别的表格", "A table the tool could not read with confidence",
       RULE + f"置信度低于 {CONFIDENCE_THRESHOLD:.2f} 的表格不参与金额核对。")
def low_confidence(ctx: Context):
    cid = "reading.low_confidence"
    for t in ctx.source.tables:
        if t.readable or t.kind == "unknown":
            continue
        yield ctx.finding(cid, f"本工具未能可靠识别{place(t)}（置信度 {t.confidence:.2f}：{reasons(t.reading)}），"
                               "该表的数字未用于本报告的核对，请对照原表阅读。", table=t)


@check("reading.unknown_table", "warning",
       "本工具未能识别的表格", "A table the tool could not identify",
       RULE)
def unknown_table(ctx: Context):
    cid = "reading.unknown_table"
    for t in ctx.source.tables:
        if t.kind != "unknown":
            continue
        pages = "、".join(str(p) for p in t.pages)
        yield ctx.finding(cid, f"第{pages}页有一张表格，本工具未能识别它是哪一张公开表（{reasons(t.reading)}），"
                               "未用于核对。", table=t)


@check("reading.unreadable_cell", "info",
       "本工具未能识别的金额单元格", "An amount cell the tool could not read as a number",
       RULE)
def unreadable_cell(ctx: Context):
    cid = "reading.unreadable_cell"
    for t in ctx.source.tables:
        for r in t.rows:
            for key, raw in r.unreadable.items():
                yield ctx.finding(cid, f"{place(t, r)} {row_label(r)}：{col_label(t, key)} 印作“{raw.strip()[:40]}”，"
                                       "本工具未能识别为数字，该格未参与核对。", table=t, row=r)


@check("reading.problems", "warning",
       "读取时遇到的其他问题", "Other content the tool could not read",
       RULE + "逐条列出，以便对照原文。")
def problems(ctx: Context):
    cid = "reading.problems"
    for p in ctx.source.problems:
        if p.what in ("unreadable_amount", "unknown_table"):
            continue  # reported cell by cell, and table by table, above
        raw = f"（原文：{p.raw.strip()[:80]}）" if p.raw and p.raw.strip() else ""
        yield ctx.finding(cid, f"第{p.page}页 本工具未能读取：{PROBLEM_ZH.get(p.what, p.what)}（{p.detail}）{raw}",
                          file=p.file, page=p.page)
