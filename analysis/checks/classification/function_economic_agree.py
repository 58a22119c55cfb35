"""``classification.function_economic_agree``: the function items that pay one kind of personnel
cost equal the economic item of that cost in the basic-expenditure table."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ...model import Table
from ..base import Context, check, tolerance
from ..common.amounts import fmt, val
from ..common.places import col_label, where

# (function codes, economic codes by year, what it is). Economic codes: (from_year, codes).
PAIRS = (
    (("2080505",), ((2018, ("30108",)),), "机关事业单位基本养老保险缴费"),
    (("2080506",), ((2018, ("30109",)),), "职业年金缴费"),
    (("2101101", "2101102"), ((2018, ("30110",)),), "职工基本医疗保险缴费（行政/事业单位医疗）"),
    (("2101103",), ((2018, ("30111",)),), "公务员医疗补助缴费"),
    (("2210201",), ((2018, ("30113",)), (0, ("30311",))), "住房公积金"),
)
# a function table and the basic-expenditure tables of the same money
SCOPES = (
    ("general_budget_expenditure", ("general_budget_basic_expenditure",)),
    ("fiscal_expenditure", ("fiscal_basic_expenditure",)),
    ("department_expenditure", ("general_budget_basic_expenditure", "fiscal_basic_expenditure")),
)


def _economic_codes(spec: tuple, year: Optional[int]) -> tuple:
    for start, codes in spec:
        if year is None or year >= start:
            return codes
    return spec[-1][1]


def _coded(tables: list) -> list:
    return [t for t in tables if any(r.code for r in t.rows)]


def _listed(rows: list, key: str, codes: tuple) -> str:
    return "＋".join(f"{r.code} {r.name} {fmt(val(r, key))}" for r in rows) or f"{'/'.join(codes)}（未列示，视为0）"


def _pair(ctx: Context, ft: Table, et: Table, fkey: str, fcodes: tuple, ecodes: tuple, what: str):
    """A finding when the function rows ``fcodes`` and the economic rows ``ecodes`` differ."""
    frows = [r for r in ft.rows if r.code in fcodes]
    erows = [r for r in et.rows if r.code in ecodes]
    if not frows and not erows:
        return None
    fsum = sum((val(r, fkey) or Decimal(0) for r in frows), Decimal(0))
    esum = sum((val(r, "total") or Decimal(0) for r in erows), Decimal(0))
    if (fsum == 0 and esum == 0) or abs(fsum - esum) <= tolerance(len(frows) + len(erows)):
        return None
    note = "" if fkey == "basic" else "（该表未分基本/项目支出，按合计比较）"
    anchor_t, anchor_r = (ft, frows[0]) if frows else (et, erows[0])
    return ctx.finding(
        (f"{what}：{where(ft, frows[0] if frows else None)}功能分类“{col_label(ft, fkey)}”为"
         f"{_listed(frows, fkey, fcodes)}万元{note}，而{where(et, erows[0] if erows else None)}经济分类为"
         f"{_listed(erows, 'total', ecodes)}万元，相差{fmt(fsum - esum)}万元。"),
        table=anchor_t, row=anchor_r, expected=esum, actual=fsum, difference=fsum - esum,
        related=[{"table": et.kind, "table_id": et.id, "page": (erows[0].page if erows else None)}])


@check("classification.function_economic_agree", "warning",
       "功能分类与经济分类对应科目金额一致", "Function and economic classes agree where they must",
       "养老保险、职业年金、职工医疗保险、公务员医疗补助、住房公积金在功能分类有专门的项"
       "（2080505、2080506、21011x、2210201），在经济分类有专门的款（30108、30109、30110/30111、"
       "30113，2017年为30311）：同一口径的基本支出中两者应相等。部分单位的此类支出也可能由"
       "项目支出或其他资金安排，故不一致时列为警告，请对照说明核实。")
def function_economic_agree(ctx: Context):
    for fkind, ekinds in SCOPES:
        ftabs = _coded(ctx.tables(fkind))
        etabs = _coded([t for k in ekinds for t in ctx.tables(k)])
        if not ftabs or not etabs:
            continue
        ft, et = ftabs[0], etabs[0]
        fkey = "basic" if "basic" in ft.column_keys() else "total"
        for fcodes, espec, what in PAIRS:
            f = _pair(ctx, ft, et, fkey, fcodes, _economic_codes(espec, ctx.d.year), what)
            if f is not None:
                yield f
        return  # one scope is enough: the others restate the same amounts
