"""``arithmetic.column_parts``: identities between the columns of one row (总计 = 基本 + 项目 …)."""
from __future__ import annotations

from ...model import Row, Table
from ...vocab import BASIC_KINDS, FUND_COLUMNS, FUNCTION_KINDS, PERFORMANCE_KINDS, TWO_SIDED
from ..base import Context, check, tolerance
from ..common.amounts import D0, INFERRED_NOTE, fmt, has, inferred, val
from ..common.places import col_label, place, row_label

FUNCTION_PARTS = ("basic", "project", "reserve", "carry_forward", "remit_superior", "operating_expenditure",
                  "subsidy_affiliated")
SOURCE_KEYS = ("carryover", "fiscal", "general_budget", "government_fund", "state_capital", "special_account",
               "business", "superior_subsidy", "affiliated", "operating", "other")
PREFIXES = ("", "prior_", "budget_")   # this year's, last year's, and (决算) the budget's columns


def _function_identities(r: Row) -> list:
    """总计 = 基本支出 + 项目支出 (+ 预留 + 结转 …)."""
    out = []
    for p in PREFIXES:
        parts = [p + k for k in FUNCTION_PARTS if has(r, p + k)]
        if has(r, p + "total") and has(r, p + "basic") and has(r, p + "project"):
            out.append((p + "total", parts))
    return out


def _basic_identities(r: Row) -> list:
    """合计 = 人员经费 + 公用经费."""
    return [(p + "total", [p + "personnel", p + "public"]) for p in PREFIXES
            if has(r, p + "total") and has(r, p + "personnel") and has(r, p + "public")]


def _three_public_identities(r: Row, p: str) -> list:
    """公务用车小计 = 购置 + 运行; 三公小计 = 出国 + 用车 + 接待; 合计 = 三公 + 会议 + 培训."""
    out = []
    if has(r, p + "vehicle_total") and has(r, p + "vehicle_purchase") and has(r, p + "vehicle_operation"):
        out.append((p + "vehicle_total", [p + "vehicle_purchase", p + "vehicle_operation"]))
    vehicle = [p + "vehicle_total"] if has(r, p + "vehicle_total") else \
        [p + k for k in ("vehicle_purchase", "vehicle_operation") if has(r, p + k)]
    items = [k for k in [p + "overseas"] + vehicle + [p + "reception"] if has(r, k)]
    extras = [p + k for k in ("meeting", "training") if has(r, p + k)]
    if has(r, p + "three_public"):
        if len(items) >= 2:
            out.append((p + "three_public", items))
        if has(r, p + "total") and extras:
            out.append((p + "total", [p + "three_public"] + extras))
    elif has(r, p + "total") and len(items) >= 2:
        out.append((p + "total", items + extras))
    return out


def _source_identities(t: Table, r: Row) -> list:
    """合计 = the sources of funds (income tables, procurement, the spending side of a 收支总表). A row
    printing 财政拨款 (its subtotal) and the budgets under it adds the budgets, and its 财政拨款 is
    their sum."""
    if not (t.role in ("department_income", "procurement")
            or (t.role in TWO_SIDED and (r.section or "").startswith("expenditure"))):
        return []
    fiscal_parts = [k for k in FUND_COLUMNS if has(r, k)]   # 财政拨款: its budgets
    split = has(r, "fiscal") and bool(fiscal_parts)
    parts = [k for k in SOURCE_KEYS if has(r, k) and not (split and k == "fiscal")]
    out = [("total", parts)] if has(r, "total") and len(parts) >= 2 else []
    if split and len(fiscal_parts) >= 2:
        out.append(("fiscal", fiscal_parts))
    return out


def _identities(t: Table, r: Row) -> list:
    """(whole key, [part keys]) identities that apply to one row of a table."""
    out = []
    if t.role in FUNCTION_KINDS and t.role != "department_income":
        out += _function_identities(r)
    if t.role in BASIC_KINDS:
        out += _basic_identities(r)
    if t.role == "three_public":
        for p in PREFIXES:
            out += _three_public_identities(r, p)
    return out + _source_identities(t, r)


def _disagreement(ctx: Context, t: Table, r: Row, whole: str, parts: list):
    actual = val(r, whole)
    vals = [val(r, k) for k in parts]
    if actual is None or any(v is None for v in vals):
        return None
    expected = sum(vals, D0)
    diff = actual - expected
    if abs(diff) <= tolerance(len(parts), t):
        return None
    guess = inferred(r)
    terms = " + ".join(f"{col_label(t, k)} {fmt(v)}" for k, v in zip(parts, vals))
    msg = (f"{place(t, r)} {row_label(r)}：{col_label(t, whole)} {fmt(actual)} 万元，而 {terms} = "
           f"{fmt(expected)} 万元，相差 {fmt(diff)} 万元")
    if guess:
        msg += INFERRED_NOTE
    return ctx.finding(msg, table=t, row=r, column=whole, severity="warning" if guess else "error",
                       expected=expected, actual=actual, difference=diff,
                       related=[{"table": t.kind, "table_id": t.id, "page": r.page, "column": k, "value": str(v),
                                 **({"place": r.refs[k]} if k in r.refs else {})} for k, v in zip(parts, vals)])


@check("arithmetic.column_parts", "error",
       "分列金额之和等于合计列", "Column parts add up to the row total",
       "表内同一行各分列之和应等于合计列：总计 = 基本支出 + 项目支出（+ 单位预留机动经费）；人员经费 + 公用经费 = 合计；"
       "“三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费，公务用车购置及运行维护费 = 购置费 + 运行维护费"
       "（财政部《地方预决算公开操作规程》财预〔2016〕143号 所附公开表样）。")
def column_parts(ctx: Context):
    for t in ctx.tables():
        if t.role in PERFORMANCE_KINDS or t.role == "project_expenditure":
            continue
        for r in t.rows:
            for whole, parts in _identities(t, r):
                f = _disagreement(ctx, t, r, whole, parts)
                if f is not None:
                    yield f
