"""``performance.cost_vs_fund``: the 成本指标 of a project, in 万元, against its fund."""
from __future__ import annotations

from decimal import Decimal

from ..base import Context, check, tolerance
from ..common.amounts import fmt
from ..common.targets import cost_in_wan, is_cost, target_label, target_name, tfinding

FAR_BELOW = Decimal("0.5")


@check("performance.cost_vs_fund", "error",
       "成本指标合计不超过项目资金", "Cost indicators do not exceed the fund",
       "成本指标反映项目预期成本（财预〔2020〕10号附件：成本指标包括经济成本、社会成本、生态环境成本），"
       "以金额表示的成本指标之和不应超过项目资金总额；远低于资金总额时成本指标未覆盖资金用途。")
def cost_vs_fund(ctx: Context):
    d = ctx.d
    for p in d.performance:
        if p.kind != "project" or p.fund_total is None:
            continue
        costs = [(i, cost_in_wan(i)) for i in p.indicators if is_cost(i)]
        counted = [(i, v) for i, v in costs if v is not None]
        skipped = [i for i, v in costs if v is None]
        if not counted:
            continue
        total = sum((v for _, v in counted), Decimal(0))
        terms = "＋".join(f"{fmt(v)}" for _, v in counted)
        listed = "；".join(f"“{i.name}”{i.value_raw}{i.unit}" for i, _ in counted)
        note = ("（未计入：" + "；".join(f"“{i.name}”{i.value_raw}{i.unit}" for i in skipped) + "）") if skipped else ""
        head = f"{target_label(d, p)}“{target_name(p)}”的成本指标合计{fmt(total)}万元（{terms}）"
        if total > p.fund_total + tolerance(len(counted)):
            yield tfinding(ctx, p, (f"{head}超过资金总额{fmt(p.fund_total)}万元，超出{fmt(total - p.fund_total)}万元。"
                                    f"成本指标：{listed}{note}。"),
                           severity="error", expected=p.fund_total, actual=total, difference=total - p.fund_total)
        elif p.fund_total > 0 and total < p.fund_total * FAR_BELOW:
            share = (total / p.fund_total * 100).quantize(Decimal("0.1"))
            yield tfinding(ctx, p, (f"{head}，仅为资金总额{fmt(p.fund_total)}万元的{share}%，"
                                    f"成本指标未覆盖大部分资金。成本指标：{listed}{note}。"),
                           severity="info", expected=p.fund_total, actual=total, difference=total - p.fund_total)
