"""How detailed the tables are: general-budget spending by function to 项 (7 digits), basic
spending by economic class to 款 (5 digits), 公务用车 purchase and operation apart.

* ``completeness.function_granularity``, ``completeness.economic_granularity``,
  ``completeness.three_public_split``.
"""
from __future__ import annotations

from ...vocab import CODE_LEVEL_ZH, column_zh
from ..base import Context, check
from ..common.amounts import D0, fmt, val
from ..common.places import place, row_label
from ..common.rows import children_of, coded_rows


def _nonzero(r) -> bool:
    return any(v for k, v in r.amounts.items() if not k.startswith("prior_"))


def _short_of_items(r, rows: list) -> bool:
    """A 类 or 款 without 项 below it."""
    return not children_of(rows, r) or (
        len(r.code) == 3 and not any(len(x.code) == 7 and x.code.startswith(r.code) for x in rows))


@check("completeness.function_granularity", "error",
       "一般公共预算支出按功能分类列到项", "General-budget expenditure reaches 项 level (7-digit codes)",
       "一般公共预算支出按其功能分类应当编列到项（中华人民共和国预算法 第四十六条；财政预决算领域基层政务公开标准目录 T05："
       "一般公共预算支出表功能分类到项级，7位编码）。")
def function_granularity(ctx: Context):
    for t in ctx.tables("general_budget_expenditure"):
        rows = coded_rows(t)
        if not rows:
            if any(_nonzero(r) for r in t.rows):
                yield ctx.finding(f"{place(t)} 未印出功能分类科目编码，按名称列示支出，本工具无法据编码核对是否列到项级"
                                  f"（7 位）科目", table=t, severity="info")
            continue
        short = [r for r in rows if len(r.code) != 7 and _nonzero(r) and _short_of_items(r, rows)]
        for r in short:
            if any(x is not r and x.code.startswith(r.code) for x in short):
                continue   # one finding per problem: its 款 that stops short says it
            level = CODE_LEVEL_ZH[len(r.code)]
            yield ctx.finding(f"{place(t, r)} {row_label(r)}（{level}级）{fmt(val(r, 'total') or D0)} 万元 "
                              f"未细化到项级（7 位）科目", table=t, row=r)


@check("completeness.economic_granularity", "error",
       "基本支出按经济分类列到款", "Basic expenditure reaches 款 level (5-digit codes)",
       "一般公共预算基本支出按其经济性质分类应当编列到款（中华人民共和国预算法 第四十六条；财政预决算领域基层政务公开标准目录 T06："
       "一般公共预算基本支出表经济分类到款级，5位编码）。")
def economic_granularity(ctx: Context):
    for t in ctx.tables("general_budget_basic_expenditure"):
        rows = coded_rows(t)
        if not rows:
            if any(_nonzero(r) for r in t.rows):
                yield ctx.finding(f"{place(t)} 未印出经济分类科目编码，按名称列示基本支出，本工具无法据编码核对是否列到款级"
                                  f"（5 位）科目", table=t, severity="info")
            continue
        for r in rows:
            if len(r.code) != 3 or not _nonzero(r):
                continue
            if not children_of(rows, r):
                yield ctx.finding(f"{place(t, r)} {row_label(r)}（类级）{fmt(val(r, 'total') or D0)} 万元 "
                                  f"未细化到款级（5 位）科目", table=t, row=r)


@check("completeness.three_public_split", "warning",
       "公务用车购置费与运行维护费分别列示", "Vehicle purchase and operation printed separately",
       "“三公”经费表应将因公出国（境）费、公务用车购置费、公务用车运行维护费、公务接待费各列一项"
       "（财政预决算领域基层政务公开标准目录 T07；财政部《地方预决算公开操作规程》（财预〔2016〕143号））。")
def three_public_split(ctx: Context):
    for t in ctx.tables("three_public"):
        keys = t.column_keys()
        missing = [column_zh(key) for key in ("vehicle_purchase", "vehicle_operation") if key not in keys]
        if missing:
            yield ctx.finding(f"{place(t)} 未单独列示{'、'.join(missing)}（只列公务用车合计无法区分购置与运行）", table=t)
