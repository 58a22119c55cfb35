"""“三公”经费 checks against what the projects plan.

* ``three_public.zero_budget_but_planned`` – a 三公 item budgeted at zero (因公出国（境）费,
  公务用车购置费, 公务接待费, 公务用车运行维护费) while a project's performance target plans
  spending of that kind (a cost indicator, a count, its goal or 项目概况).
* ``three_public.reception_in_projects`` – project cost indicators that budget 接待 (receiving
  delegations, visitors) outside the 三公 公务接待费 (info: 公务接待费 covers all official
  reception, 外宾接待 included, so the reader should see where such money sits).
"""
from __future__ import annotations

import re
from decimal import Decimal

from ...model import Disclosure, Indicator, PerformanceTarget
from ..base import Context, check
from .narrative import _totals, fmt, usable, where
from .performance import cost_in_wan, is_cost, nfkc, target_label, target_name, target_texts, tfinding

ITEMS = {
    # key: (Chinese name, claim metric, pattern of planned spending)
    "overseas": ("因公出国（境）费", "three_public_overseas",
                 r"因公出国|出国\(境\)|出国（境）|出访|出国考察|出国培训|赴境外|出境考察|境外考察|境外培训"),
    "vehicle_purchase": ("公务用车购置费", "three_public_vehicle_purchase",
                         r"(?:购置|购买|采购|新购|更新)(?:公务|执法执勤|业务)?(?:用)?车(?:辆)?|购车|车辆购置|公务用车购置"),
    "vehicle_operation": ("公务用车运行维护费", "three_public_vehicle_operation",
                          r"公务用车运行|车辆运行维护|公务用车(?:的)?(?:燃油|维修|保险)|车辆(?:燃油|维修|保养)费"),
    "reception": ("公务接待费", "three_public_reception", r"公务接待|接待(?!室|大厅|中心)"),
}


def three_public_budget(d: Disclosure) -> dict:
    """key -> (value, table, row) of the current-year 三公 items; from the 三公 table, else
    from the narrative (table None)."""
    out: dict = {}
    for t in d.tables_of("three_public"):
        rows = _totals(t) or t.rows[:1]
        if not rows:
            continue
        for key in ITEMS:
            if key in t.column_keys():
                v = usable(rows[0], key)
                if v is not None:
                    out[key] = (v, t, rows[0])
        break
    for key, (_, metric, _) in ITEMS.items():
        if key in out:
            continue
        c = next((c for c in d.claims if c.metric == metric and c.value is not None and c.unit == "万元"
                  and (c.year is None or c.year == d.year)), None)
        if c is not None:
            out[key] = (c.value, None, c)
    return out


def _source(entry, zh: str) -> str:
    """'“三公”经费表（附件4《…》第9页）公务接待费预算为15万元'."""
    value, t, row = entry
    if t is not None:
        return f"“三公”经费表（{where(t, row)}）{zh}预算为{fmt(value)}万元"
    return f"说明第{row.page}页{zh}预算为{fmt(value)}万元"


def _planned(d: Disclosure, p: PerformanceTarget, pattern: str) -> tuple:
    """(cost indicators, other indicators, texts) of ``p`` that mention ``pattern``."""
    rx = re.compile(pattern)
    costs, others, texts = [], [], []
    for ind in p.indicators:
        if rx.search(nfkc(ind.name)):
            if is_cost(ind) and (cost_in_wan(ind) or Decimal(0)) > 0:
                costs.append(ind)
            elif not is_cost(ind):
                others.append(ind)
    extra = target_texts(d, p)
    for label, text in (("当年绩效目标", p.goal), ("项目概况", extra.get("overview", ""))):
        m = rx.search(nfkc(text or ""))
        if m:
            s = nfkc(text)
            texts.append(f"{label}“…{s[max(0, m.start() - 15):m.end() + 15]}…”")
    return costs, others, texts


def _ind(i: Indicator) -> str:
    return f"“{i.name}”{i.operator}{i.value_raw}{i.unit}"


@check("three_public.zero_budget_but_planned", "error",
       "“三公”经费为零的项目无相应支出安排", "A 三公 item budgeted at zero is not planned by a project",
       "“三公”经费预算应完整反映因公出国（境）、公务用车购置及运行、公务接待支出（财预〔2016〕143号）；"
       "三公表中为零而项目绩效目标安排此类支出，说明三公经费预算不完整或项目目标不实。")
def zero_budget_but_planned(ctx: Context):
    d = ctx.d
    budget = three_public_budget(d)
    projects = [p for p in d.performance if p.kind == "project"]
    for key, (zh, metric, pattern) in ITEMS.items():
        entry = budget.get(key)
        if entry is None or entry[0] != 0:
            continue
        # zero only when every place that states the item says zero (a narrative stating
        # another amount makes the table's zero doubtful: narrative.claim_matches_table reports it)
        if any(c.metric == metric and c.value not in (None, 0) and c.unit == "万元" for c in d.claims):
            continue
        for p in projects:
            costs, others, texts = _planned(d, p, pattern)
            if not (costs or others or texts):
                continue
            money = sum((cost_in_wan(i) for i in costs), Decimal(0))
            evidence = "；".join([f"成本指标{_ind(i)}" for i in costs] + [f"指标{_ind(i)}" for i in others] + texts)
            severity = "error" if costs else "warning"
            t, row = entry[1], entry[2]
            related = [{"table": t.kind, "table_id": t.id, "page": row.page}] if t is not None else \
                [{"table": "narrative", "page": row.page}]
            first = (costs or others or [None])[0]
            yield tfinding(d, p, (f"{_source(entry, zh)}，而{target_label(d, p, first.page if first else None)}"
                                  f"“{target_name(p)}”安排了此类支出："
                                  f"{evidence}" + (f"（成本合计{fmt(money)}万元）" if costs else "") + "。"),
                           ind=(costs or others or [None])[0], severity=severity, item=zh,
                           expected=Decimal(0), actual=money if costs else None, related=related)


@check("three_public.reception_in_projects", "info",
       "项目中的接待费用", "Reception costs budgeted in projects",
       "公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出，属“三公”经费；"
       "项目成本指标中单列的接待费用应计入“三公”经费的公务接待费，列出供核对。")
def reception_in_projects(ctx: Context):
    d = ctx.d
    budget = three_public_budget(d)
    entry = budget.get("reception")
    rx = re.compile(ITEMS["reception"][2])
    found = []
    for p in d.performance:
        if p.kind != "project":
            continue
        costs = [i for i in p.indicators if is_cost(i) and rx.search(nfkc(i.name)) and cost_in_wan(i)]
        if costs:
            found.append((p, costs))
    if not found:
        return
    total = sum((cost_in_wan(i) for _, cs in found for i in cs), Decimal(0))
    for p, costs in found:
        money = sum((cost_in_wan(i) for i in costs), Decimal(0))
        counts = [i for i in p.indicators if not is_cost(i) and rx.search(nfkc(i.name))]
        listed = "；".join(_ind(i) for i in costs)
        also = ("；相关数量指标：" + "；".join(_ind(i) for i in counts)) if counts else ""
        if entry is not None:
            budget_text = _source(entry, "公务接待费")
            if total > entry[0]:
                budget_text += f"，小于各项目接待成本合计{fmt(total)}万元，项目中的接待费用至少有一部分未计入“三公”经费"
        else:
            budget_text = "未见“三公”经费公务接待费预算"
        yield tfinding(d, p, (f"{target_label(d, p, costs[0].page)}“{target_name(p)}”的成本指标安排接待费用：{listed}"
                              f"（{fmt(money)}万元）{also}；{budget_text}。"),
                       ind=costs[0], severity="info", item="公务接待", actual=money,
                       expected=entry[0] if entry is not None else None)
