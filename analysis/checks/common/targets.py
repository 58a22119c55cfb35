"""Performance targets (整体/项目绩效目标表): where they are printed, their names, their cost
indicators in 万元, and a finding located at one of them."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ...model import Disclosure, Indicator, PerformanceTarget, Table
from ...vocab import keyword
from ..base import Context, Finding
from .text import squeeze

MONEY_UNITS = {"万元": Decimal(1), "元": Decimal("0.0001"), "千元": Decimal("0.1"), "亿元": Decimal(10000),
               "万元/年": Decimal(1), "元/年": Decimal("0.0001"), "万": Decimal(1)}


def target_table(d: Disclosure, p: PerformanceTarget) -> Optional[Table]:
    return next((t for t in d.tables if t.id == p.table_id), None)


def target_label(d: Disclosure, p: PerformanceTarget, page: Optional[int] = None) -> str:
    """'附件12《…绩效目标表-5》第24页' (``page``: the page of the row cited, else the first)."""
    t = target_table(d, p)
    title = (t.title if t is not None else p.title) or p.title
    page = page or (p.pages[0] if p.pages else None)
    label = (t.label + " ") if t is not None and t.label else ""
    return f"{label}《{title}》" + (f"第{page}页" if page else "")


def target_name(p: PerformanceTarget) -> str:
    if p.kind == "overall":
        return "部门整体绩效目标"
    return p.project_name or p.project_code or p.title


def target_texts(d: Disclosure, p: PerformanceTarget) -> dict:
    """{'overview': 项目概况, 'basis': 立项依据} of a target, as the parser read them from the
    target table (checks never go back to the source file)."""
    return {"overview": p.overview or "", "basis": p.basis or ""}


def tfinding(ctx: Context, p: PerformanceTarget, message: str, *, ind: Optional[Indicator] = None,
             severity: str = "", **kw) -> Finding:
    """A finding located at a target (at indicator ``ind`` when given)."""
    d = ctx.d
    t = target_table(d, p)
    page = ind.page if ind is not None and ind.page else (p.pages[0] if p.pages else None)
    kind = t.kind if t is not None else ("overall_performance" if p.kind == "overall" else "project_performance")
    return ctx.finding(message, table=kind, severity=severity, table_id=p.table_id, file=p.file, page=page,
                       item=kw.pop("item", None) or (ind.name if ind is not None else target_name(p)),
                       code=kw.pop("code", None) or (p.project_code or None), **kw)


def indicator_text(i: Indicator) -> str:
    """'“出访次数”≤3次': an indicator as its table prints it."""
    return f"“{i.name}”{i.operator}{i.value_raw}{i.unit}"


def is_cost(ind: Indicator) -> bool:
    """A 成本指标."""
    return "成本" in (ind.level1 or "") or "成本" in (ind.level2 or "")


def cost_in_wan(ind: Indicator) -> Optional[Decimal]:
    """A cost indicator's amount in 万元 (None for rates, per-unit costs, percentages)."""
    if ind.value is None:
        return None
    unit = squeeze(ind.unit)
    if unit not in MONEY_UNITS:
        return None
    if keyword("indicator", "not_a_cost").search(squeeze(ind.name)):
        return None
    return ind.value * MONEY_UNITS[unit]
