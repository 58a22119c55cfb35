"""Classification checks: 政府收支分类科目 codes, their names, their tree, and the places where
the function and the economic classification must tell the same story.

* ``classification.code_name`` – each printed code exists in the reference for the budget
  year and carries its official name (``analysis.reference``).
* ``classification.hierarchy`` – a 7-digit 项 sits under its 5-digit 款, which sits under its
  3-digit 类 (economic: a 5-digit 款 under its 3-digit 类), in the same table.
* ``classification.function_economic_agree`` – the function items that pay one kind of
  personnel cost equal the economic item of that cost in the basic-expenditure table.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ... import reference
from ...model import Row, Table
from ..base import Context, check, tolerance
from .narrative import FUNCTION_KINDS, column_zh, fmt, usable, where

CODED_FUNCTION_KINDS = FUNCTION_KINDS
CODED_ECONOMIC_KINDS = ("general_budget_basic_expenditure", "fiscal_basic_expenditure", "operating_costs")

_FUNCTION_CODE = re.compile(r"^2\d{2}(?:\d{2}){0,2}$")
_ECONOMIC_CODE = re.compile(r"^[35]\d{2}(?:\d{2})?$")


def code_kind(t: Table, code: str) -> Optional[str]:
    """'function' / 'economic' for a code printed in table ``t`` (None when the code has
    neither shape, e.g. a department code in the 三公 table)."""
    if t.role in CODED_FUNCTION_KINDS and _FUNCTION_CODE.match(code):
        return "function"
    if t.role in CODED_ECONOMIC_KINDS and _ECONOMIC_CODE.match(code):
        return "economic"
    return None


def coded_rows(ctx: Context):
    for t in ctx.tables(*CODED_FUNCTION_KINDS, *CODED_ECONOMIC_KINDS):
        for r in t.rows:
            if r.code:
                kind = code_kind(t, r.code)
                if kind:
                    yield t, r, kind


_KIND_ZH = {"function": "功能分类", "economic": "经济分类"}


# ---------------------------------------------------------------------------
# classification.code_name
# ---------------------------------------------------------------------------
@check("classification.code_name", "error",
       "科目代码存在且名称与当年《政府收支分类科目》一致",
       "Codes exist and carry the official name for the year",
       "部门预算按《政府收支分类科目》的功能分类（类/款/项）和部门预算支出经济分类（类/款）编列；"
       "科目代码与名称须与当年科目表一致（参考表见 analysis/reference/SOURCES.md）。")
def code_name(ctx: Context):
    year = ctx.d.year
    groups: dict = {}
    for t, r, kind in coded_rows(ctx):
        key = (kind, r.code, re.sub(r"\s+", "", r.name or ""))
        groups.setdefault(key, []).append((t, r))
    for (kind, code, _), places in groups.items():
        t, r = places[0]
        printed = r.name
        if not printed:
            continue
        m = reference.lookup(kind, code, year, printed)
        elsewhere = "、".join(f"{x.label or x.title}第{y.page}页" for x, y in places[1:4])
        also = f"（同见{elsewhere}）" if elsewhere else ""
        related = [{"table": x.kind, "table_id": x.id, "page": y.page} for x, y in places[1:]]
        if m.status == "unknown":
            yield ctx.finding(
                "", f"{where(t, r)}{_KIND_ZH[kind]}科目“{code} {printed}”：代码不在参考表中，无法核对名称{also}。",
                table=t, row=r, severity="info", related=related)
            continue
        official = m.official_name or ""
        if m.status == "name_for_other_year":
            span = _span(m)
            yield ctx.finding(
                "", (f"{where(t, r)}{_KIND_ZH[kind]}科目“{code} {printed}”：参考表中该代码在{year}年的名称为"
                     f"“{official}”，所印名称属于其他年度{span}{also}。"),
                table=t, row=r, severity="warning", related=related)
            continue
        if reference.names_match(printed, official):
            continue
        verified = m.verified
        other = _code_of_name(kind, printed, year)
        hint = f"；“{printed}”在参考表中的代码为{other}" if other and other != code else ""
        yield ctx.finding(
            "", (f"{where(t, r)}{_KIND_ZH[kind]}科目代码{code}印作“{printed}”，而{year}年该代码的名称为"
                 f"“{official}”{hint}{also}"
                 + ("。" if verified else "（参考表此对应关系尚未经来源证实）。")),
            table=t, row=r, severity="error" if verified else "warning", related=related)


def _span(m) -> str:
    if m.valid_from and m.valid_to:
        return f"（参考表：{m.valid_from}–{m.valid_to}年）"
    if m.valid_from:
        return f"（参考表：{m.valid_from}年起）"
    return ""


def _code_of_name(kind: str, name: str, year: Optional[int]) -> Optional[str]:
    """The code the reference gives ``name`` in ``year`` (a hint for the reader), if one."""
    try:
        rows = reference._rows(kind)  # noqa: SLF001 - read-only use of the loaded reference
    except Exception:  # noqa: BLE001 - a hint only
        return None
    hits = []
    for code, versions in rows.items():
        for v in versions:
            if v.covers(year) if year else True:
                if reference.names_match(name, v.name):
                    hits.append(code)
                    break
    return hits[0] if len(hits) == 1 else None


# ---------------------------------------------------------------------------
# classification.hierarchy
# ---------------------------------------------------------------------------
def _parent(code: str, kind: str) -> Optional[str]:
    if kind == "function":
        return {7: code[:5], 5: code[:3]}.get(len(code))
    return code[:3] if len(code) == 5 else None


@check("classification.hierarchy", "warning",
       "下级科目列在其上级科目之下", "A child code sits under its parent",
       "功能分类按类（3位）、款（5位）、项（7位）逐级列示，经济分类按类（3位）、款（5位）列示："
       "下级科目应紧随其所属的上级科目列出。")
def hierarchy(ctx: Context):
    for t in ctx.tables(*CODED_FUNCTION_KINDS, *CODED_ECONOMIC_KINDS):
        rows = [r for r in t.rows if r.code and code_kind(t, r.code)]
        if not rows:
            continue
        kind = code_kind(t, rows[0].code)
        printed = {r.code for r in rows}
        lengths = {len(c) for c in printed}
        # a parent the parser could not label: an uncoded, unnamed row right before a child
        previous = {id(b): a for a, b in zip(t.rows, t.rows[1:])}
        unlabelled_parent: set = set()
        for r in rows:
            p = _parent(r.code, kind)
            a = previous.get(id(r))
            if p and a is not None and not a.code and not a.is_total and not (a.name or "").strip():
                unlabelled_parent.add(p)
        last_at: dict = {}     # code length -> last row of that length seen
        for r in rows:
            parent = _parent(r.code, kind)
            if parent is not None:
                above = last_at.get(len(parent))
                if parent in printed:
                    if above is None or above.code != parent:
                        under = f"却列在“{above.code} {above.name}”之下" if above is not None else "却列在其前面"
                        yield ctx.finding(
                            "", (f"{where(t, r)}科目“{r.code} {r.name}”的上级科目为{parent}（表中第"
                                 f"{_row_of(rows, parent).page}页“{_row_of(rows, parent).name}”），{under}。"),
                            table=t, row=r, severity="error")
                elif len(parent) in lengths and parent not in unlabelled_parent:
                    yield ctx.finding(
                        "", (f"{where(t, r)}科目“{r.code} {r.name}”的上级科目{parent}未在本表列示"
                             f"（本表列有同级的其他上级科目）。"),
                        table=t, row=r)
            last_at[len(r.code)] = r
            for n in list(last_at):
                if n > len(r.code):
                    del last_at[n]


def _row_of(rows: list, code: str) -> Row:
    return next(r for r in rows if r.code == code)


# ---------------------------------------------------------------------------
# classification.function_economic_agree
# ---------------------------------------------------------------------------
# (function codes, economic codes by year, what it is). Economic codes: (from_year, codes).
PAIRS = (
    (("2080505",), ((2018, ("30108",)),), "机关事业单位基本养老保险缴费"),
    (("2080506",), ((2018, ("30109",)),), "职业年金缴费"),
    (("2101101", "2101102"), ((2018, ("30110",)),), "职工基本医疗保险缴费（行政/事业单位医疗）"),
    (("2101103",), ((2018, ("30111",)),), "公务员医疗补助缴费"),
    (("2210201",), ((2018, ("30113",)), (0, ("30311",))), "住房公积金"),
)
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


@check("classification.function_economic_agree", "warning",
       "功能分类与经济分类对应科目金额一致", "Function and economic classes agree where they must",
       "养老保险、职业年金、职工医疗保险、公务员医疗补助、住房公积金在功能分类有专门的项"
       "（2080505、2080506、21011x、2210201），在经济分类有专门的款（30108、30109、30110/30111、"
       "30113，2017年为30311）：同一口径的基本支出中两者应相等。部分单位的此类支出也可能由"
       "项目支出或其他资金安排，故不一致时列为警告，请对照说明核实。")
def function_economic_agree(ctx: Context):
    year = ctx.d.year
    for fkind, ekinds in SCOPES:
        ftabs = ctx.tables(fkind)
        etabs = [t for k in ekinds for t in ctx.tables(k)]
        ftabs = [t for t in ftabs if any(r.code for r in t.rows)]
        etabs = [t for t in etabs if any(r.code for r in t.rows)]
        if not ftabs or not etabs:
            continue
        ft, et = ftabs[0], etabs[0]
        fkey = "basic" if "basic" in ft.column_keys() else "total"
        for fcodes, espec, what in PAIRS:
            ecodes = _economic_codes(espec, year)
            frows = [r for r in ft.rows if r.code in fcodes]
            erows = [r for r in et.rows if r.code in ecodes]
            if not frows and not erows:
                continue
            fsum = sum((usable(r, fkey) or Decimal(0) for r in frows), Decimal(0))
            esum = sum((usable(r, "total") or Decimal(0) for r in erows), Decimal(0))
            if fsum == 0 and esum == 0:
                continue
            if abs(fsum - esum) <= tolerance(len(frows) + len(erows)):
                continue
            fdesc = "＋".join(f"{r.code} {r.name} {fmt(usable(r, fkey))}" for r in frows) or \
                f"{'/'.join(fcodes)}（未列示，视为0）"
            edesc = "＋".join(f"{r.code} {r.name} {fmt(usable(r, 'total'))}" for r in erows) or \
                f"{'/'.join(ecodes)}（未列示，视为0）"
            col = column_zh(ft, fkey)
            note = "" if fkey == "basic" else "（该表未分基本/项目支出，按合计比较）"
            anchor_t, anchor_r = (ft, frows[0]) if frows else (et, erows[0])
            yield ctx.finding(
                "", (f"{what}：{where(ft, frows[0] if frows else None)}功能分类“{col}”为{fdesc}万元{note}，"
                     f"而{where(et, erows[0] if erows else None)}经济分类为{edesc}万元，相差{fmt(fsum - esum)}万元。"),
                table=anchor_t, row=anchor_r, expected=esum, actual=fsum, difference=fsum - esum,
                related=[{"table": et.kind, "table_id": et.id, "page": (erows[0].page if erows else None)}])
        return  # one scope is enough: the others restate the same amounts
