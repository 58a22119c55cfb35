"""``completeness.required_tables``: the tables a budget (or 决算) must publish are printed, and
from 2020 the general-budget table prints 基本支出 and 项目支出 apart (T09).

Reported from the disclosure's checklist (``ctx.checklist``: ``analysis.checklist``, built from the
vocabulary's required items): a table item that is missing is one error; a general-budget table
without the two columns is one error each."""
from __future__ import annotations

from ...checklist import MISSING
from ...vocab import item as required_item
from ...vocab import kind_zh
from ..base import Context, check
from ..common.places import place
from ..common.rules import LAW


@check("completeness.required_tables", "error",
       "必须公开的预算表齐全", "The required budget tables are present",
       "部门预算应公开：部门收支总表、部门收入总表、部门支出总表、财政拨款收支总表、一般公共预算支出表、"
       "一般公共预算基本支出表、“三公”经费支出表、政府性基金预算支出表（财政预决算领域基层政务公开标准目录（部门预算）；"
       + LAW + "）。")
def required_tables(ctx: Context):
    files = [f.path for f in ctx.source.files]
    tables = {t.id: t for t in ctx.d.tables}
    for status in ctx.checklist:
        if status.status != MISSING:
            continue
        rule = required_item(status.id)
        if rule.is_table:
            name = kind_zh(rule.tables[0])
            yield ctx.finding(f"未找到《{name}》（{rule.item}）。依据：{rule.source_title}（{rule.id}）",
                              file=files[0] if files else "", item=name)
        elif rule.detect == "columns":
            for tid in status.tables:
                t = tables[tid]
                yield ctx.finding(f"{place(t)} 未分列基本支出和项目支出（{rule.item}）。依据：{rule.source_title}（{rule.id}）",
                                  table=t)
