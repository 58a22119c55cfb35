"""``three_public.zero_budget_but_planned``: a 三公 item budgeted at zero (因公出国（境）费,
公务用车购置费, 公务接待费, 公务用车运行维护费) while a project's performance target plans spending
of that kind (a cost indicator, a count, its goal or 项目概况)."""
from __future__ import annotations

import re
from decimal import Decimal

from ...model import Disclosure, PerformanceTarget
from ...vocab import column_zh, keyword_rules
from ..base import Context, check
from ..common.amounts import fmt
from ..common.lookup import THREE_PUBLIC_ITEM_METRICS, budget_source, three_public_budget
from ..common.targets import cost_in_wan, indicator_text, is_cost, target_label, target_name, target_texts, tfinding
from ..common.text import nfkc


def _planned(d: Disclosure, p: PerformanceTarget, rx: re.Pattern) -> tuple:
    """(cost indicators, other indicators, texts) of ``p`` that mention ``rx``."""
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


def _zero_items(d: Disclosure) -> list:
    """(key, budget entry, planned-spending pattern) of the 三公 items budgeted at zero by every
    place that states them (a narrative stating another amount makes the table's zero doubtful:
    narrative.claim_matches_table reports it)."""
    budget = three_public_budget(d)
    out = []
    for key, rx in keyword_rules("three_public_planned"):
        entry = budget.get(key)
        if entry is None or entry[0] != 0:
            continue
        metric = THREE_PUBLIC_ITEM_METRICS[key]
        if any(c.metric == metric and c.value not in (None, 0) and c.unit == "万元" for c in d.claims):
            continue
        out.append((key, entry, rx))
    return out


def _plan_finding(ctx: Context, p: PerformanceTarget, key: str, entry, planned: tuple):
    costs, others, texts = planned
    zh = column_zh(key)
    money = sum((cost_in_wan(i) for i in costs), Decimal(0))
    evidence = "；".join([f"成本指标{indicator_text(i)}" for i in costs] + [f"指标{indicator_text(i)}" for i in others] + texts)
    t, row = entry[1], entry[2]
    related = [{"table": t.kind, "table_id": t.id, "page": row.page}] if t is not None else \
        [{"table": "narrative", "page": row.page}]
    first = (costs or others or [None])[0]
    return tfinding(ctx, p, (f"{budget_source(entry, zh)}，而{target_label(ctx.d, p, first.page if first else None)}"
                             f"“{target_name(p)}”安排了此类支出："
                             f"{evidence}" + (f"（成本合计{fmt(money)}万元）" if costs else "") + "。"),
                    ind=first, severity="error" if costs else "warning", item=zh,
                    expected=Decimal(0), actual=money if costs else None, related=related)


@check("three_public.zero_budget_but_planned", "error",
       "“三公”经费为零的项目无相应支出安排", "A 三公 item budgeted at zero is not planned by a project",
       "“三公”经费预算应完整反映因公出国（境）、公务用车购置及运行、公务接待支出（财预〔2016〕143号）；"
       "三公表中为零而项目绩效目标安排此类支出，说明三公经费预算不完整或项目目标不实。")
def zero_budget_but_planned(ctx: Context):
    d = ctx.d
    projects = [p for p in d.performance if p.kind == "project"]
    for key, entry, rx in _zero_items(d):
        for p in projects:
            planned = _planned(d, p, rx)
            if any(planned):
                yield _plan_finding(ctx, p, key, entry, planned)
