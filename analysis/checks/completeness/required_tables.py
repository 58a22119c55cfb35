"""``completeness.required_tables``: the tables a budget (or 决算) must publish are printed, and
from 2020 the general-budget table prints 基本支出 and 项目支出 apart (T09).

Reported from the disclosure's checklist (``ctx.checklist``: ``analysis.checklist``, built from the
vocabulary's required items). Missing is a claim that needs evidence: a required table is reported
missing as an ``error`` only when the document holds no table the tool did not recognise (which
could be it) and the narrative does not say it is published elsewhere; otherwise it is a
``warning`` that says what was looked for. When the files given hold no table at all (a narrative
published apart from its tables), that is said once, as a warning."""
from __future__ import annotations

from ...checklist import MISSING, NOT_GIVEN
from ...vocab import item as required_item
from ...vocab import kind_zh
from ..base import Context, check
from ..common.places import place
from ..common.rules import LAW


def _missing_table(ctx: Context, status, rule, files: list):
    name = kind_zh(rule.tables[0])
    if status.tables:   # unrecognised tables, or published elsewhere: missing as far as the tool can tell
        return ctx.finding(f"{status.detail}（{rule.item}）。依据：{rule.source_title}（{rule.id}）",
                           file=files[0] if files else "", item=name, severity="warning")
    return ctx.finding(f"未找到《{name}》（{rule.item}）。依据：{rule.source_title}（{rule.id}）",
                       file=files[0] if files else "", item=name)


@check("completeness.required_tables", "error",
       "必须公开的预算表齐全", "The required budget tables are present",
       "部门预算应公开：部门收支总表、部门收入总表、部门支出总表、财政拨款收支总表、一般公共预算支出表、"
       "一般公共预算基本支出表、“三公”经费支出表、政府性基金预算支出表（财政预决算领域基层政务公开标准目录（部门预算）；"
       + LAW + "）。")
def required_tables(ctx: Context):
    files = [f.path for f in ctx.source.files]
    tables = {t.id: t for t in ctx.d.tables}
    not_given = [s for s in ctx.checklist if s.status == NOT_GIVEN and required_item(s.id).is_table]
    if not_given:
        yield ctx.finding(f"所给文件中没有公开表格（只有情况说明），{len(not_given)} 张应公开的表无法核对；"
                          "如表格另行发布，请一并提供", file=files[0] if files else "", severity="warning",
                          item="公开表格")
    for status in ctx.checklist:
        if status.status != MISSING:
            continue
        rule = required_item(status.id)
        if rule.is_table:
            yield _missing_table(ctx, status, rule, files)
        elif rule.detect == "columns":
            for tid in status.tables:
                t = tables[tid]
                yield ctx.finding(f"{place(t)} 未分列基本支出和项目支出（{rule.item}）。依据：{rule.source_title}（{rule.id}）",
                                  table=t)
