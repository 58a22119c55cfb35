"""Data quality: cells and rows that are not what a budget table should print.

* ``data_quality.placeholder`` – a mark such as ``.`` or ``,.`` printed where an amount belongs;
* ``data_quality.negative`` – a negative amount;
* ``data_quality.duplicate_row`` – the same code printed twice in one table;
* ``data_quality.child_repeats_parent`` – a single child row carries exactly its parent's amount
  while siblings with amounts exist (a copied figure);
* ``data_quality.code_format`` – a 款/项 code part printed without its leading zero (301 2).

Cells and content the tool could not read are reading problems (``analysis.checks.families.
reading``), never findings about the disclosure.
"""
from __future__ import annotations


from ..base import Context, check
from .arithmetic import (CODED_KINDS, D0, children_of, coded_rows, col_label, fmt, place, related,
                         row_label, val)

TABLES_WITH_AMOUNTS_EXCLUDED = ("overall_performance", "project_performance")
SOURCE_RULE = ("财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容真实、准确；"
               "中华人民共和国预算法 第十四条：经批准的预算应当公开，并对重要事项作出说明。")


def _amount_tables(ctx: Context):
    return [t for t in ctx.tables() if t.kind not in TABLES_WITH_AMOUNTS_EXCLUDED]


@check("data_quality.placeholder", "warning",
       "金额栏印有占位符号", "A placeholder printed where an amount belongs",
       "金额栏应印数字或留空；“.”“,.”“-”等符号不是金额，读者无法确定其含义（是零还是缺数）。" + SOURCE_RULE)
def placeholder(ctx: Context):
    cid = "data_quality.placeholder"
    for t in _amount_tables(ctx):
        for r in t.rows:
            for key, raw in r.placeholders.items():
                yield ctx.finding(cid, f"{place(t, r)} {row_label(r)} 的{col_label(t, key)}栏印为“{raw.strip()}”，"
                                       f"不是金额（应填数字，无数应留空或填 0）", table=t, row=r)


@check("data_quality.negative", "warning",
       "预算金额为负数", "A negative budget amount",
       "部门预算安排数一般不为负；负数多为录入或排版错误，需要说明。" + SOURCE_RULE)
def negative(ctx: Context):
    cid = "data_quality.negative"
    for t in _amount_tables(ctx):
        for r in t.rows:
            for key, v in r.amounts.items():
                if v is not None and v < 0 and key not in r.placeholders and key not in r.unreadable:
                    yield ctx.finding(cid, f"{place(t, r)} {row_label(r)} 的{col_label(t, key)}为负数 {fmt(v)} 万元",
                                      table=t, row=r, actual=v)


@check("data_quality.duplicate_row", "warning",
       "同一科目在表中重复出现", "The same code printed twice in a table",
       "按《政府收支分类科目》编列的表中每个科目只应出现一次；重复的科目使合计无法核对。" + SOURCE_RULE)
def duplicate_row(ctx: Context):
    cid = "data_quality.duplicate_row"
    for t in ctx.tables(*CODED_KINDS):
        seen: dict = {}
        for r in coded_rows(t):
            key = (r.section or "", r.code)
            if key in seen:
                first = seen[key]
                same = all(val(first, k) == val(r, k) for k in set(first.amounts) | set(r.amounts))
                yield ctx.finding(cid, f"{place(t, r)} 科目 {r.code} 重复出现：第{first.page}页“{row_label(first)}”与"
                                       f"第{r.page}页“{row_label(r)}”" + ("（金额相同）" if same else "（金额不同）"),
                                  table=t, row=r, related=[related(t, first)])
            else:
                seen[key] = r


@check("data_quality.child_repeats_parent", "info",
       "下级科目照抄上级科目金额", "A child row repeats its parent's amount",
       "当上级科目下有多个有金额的下级科目时，某一下级科目金额恰好等于上级合计，通常是误抄了上级金额。"
       "功能分类、经济分类逐级汇总规则见《政府收支分类科目》。")
def child_repeats_parent(ctx: Context):
    cid = "data_quality.child_repeats_parent"
    for t in ctx.tables(*CODED_KINDS):
        rows = coded_rows(t)
        for parent in rows:
            if len(parent.code) not in (3, 5):
                continue
            kids = children_of(rows, parent)
            if len(kids) < 2:
                continue
            pv = val(parent, "total")
            if pv is None or pv == 0:
                continue
            for k in kids:
                if val(k, "total") != pv:
                    continue
                siblings = [s for s in kids if s is not k and (val(s, "total") or D0) != 0]
                if not siblings:
                    continue
                yield ctx.finding(cid, f"{place(t, k)} {row_label(k)} {fmt(pv)} 万元，与上级科目 {row_label(parent)} "
                                       f"的金额完全相同，而同级还有 {len(siblings)} 个科目有金额，疑似照抄上级金额",
                                  table=t, row=k, actual=pv, related=[related(t, parent, "total", pv)])


@check("data_quality.code_format", "warning",
       "科目编码印刷不规范", "A classification code printed in a non-standard form",
       "《政府收支分类科目》的款、项编码各为两位（如 301 02）；少印前导零的编码（301 2）需读者自行推断。"
       + SOURCE_RULE)
def code_format(ctx: Context):
    cid = "data_quality.code_format"
    for t in ctx.tables():
        for r in t.rows:
            printed = r.extra.get("code_as_printed")
            if printed and r.code and " " in str(printed):
                yield ctx.finding(cid, f"{place(t, r)} 科目“{r.name}”的编码印作“{printed}”，按类/款/项各位数应为"
                                       f"“{r.code}”（款、项编码少印了前导零）", table=t, row=r)
