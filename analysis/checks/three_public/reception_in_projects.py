"""``three_public.reception_in_projects``: project cost indicators that budget 接待 (receiving
delegations, visitors) outside the 三公 公务接待费 (info: 公务接待费 covers all official reception,
外宾接待 included, so the reader should see where such money sits)."""
from __future__ import annotations

from decimal import Decimal

from ...vocab import column_zh, keyword
from ..base import Context, check
from ..common.amounts import fmt
from ..common.lookup import budget_source, three_public_budget
from ..common.targets import cost_in_wan, indicator_text, is_cost, target_label, target_name, tfinding
from ..common.text import nfkc


def _budget_text(entry, total: Decimal) -> str:
    if entry is None:
        return "未见“三公”经费公务接待费预算"
    text = budget_source(entry, column_zh("reception"))
    if total > entry[0]:
        text += f"，小于各项目接待成本合计{fmt(total)}万元，项目中的接待费用至少有一部分未计入“三公”经费"
    return text


@check("three_public.reception_in_projects", "info",
       "项目中的接待费用", "Reception costs budgeted in projects",
       "公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出，属“三公”经费；"
       "项目成本指标中单列的接待费用应计入“三公”经费的公务接待费，列出供核对。")
def reception_in_projects(ctx: Context):
    d = ctx.d
    entry = three_public_budget(d).get("reception")
    rx = keyword("three_public_planned", "reception")
    found = []
    for p in d.performance:
        if p.kind != "project":
            continue
        costs = [i for i in p.indicators if is_cost(i) and rx.search(nfkc(i.name)) and cost_in_wan(i)]
        if costs:
            found.append((p, costs))
    total = sum((cost_in_wan(i) for _, cs in found for i in cs), Decimal(0))
    for p, costs in found:
        money = sum((cost_in_wan(i) for i in costs), Decimal(0))
        counts = [i for i in p.indicators if not is_cost(i) and rx.search(nfkc(i.name))]
        listed = "；".join(indicator_text(i) for i in costs)
        also = ("；相关数量指标：" + "；".join(indicator_text(i) for i in counts)) if counts else ""
        yield tfinding(ctx, p, (f"{target_label(d, p, costs[0].page)}“{target_name(p)}”的成本指标安排接待费用：{listed}"
                                f"（{fmt(money)}万元）{also}；{_budget_text(entry, total)}。"),
                       ind=costs[0], severity="info", item="公务接待", actual=money,
                       expected=entry[0] if entry is not None else None)
