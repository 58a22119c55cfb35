"""``performance.weights_sum``: the weights of the overall table sum to 100%."""
from __future__ import annotations

from decimal import Decimal

from ..base import Context, check
from ..common.amounts import fmt
from ..common.targets import target_label, tfinding


@check("performance.weights_sum", "error",
       "整体绩效目标指标权重合计为100%", "Overall target weights sum to 100%",
       "部门整体绩效目标表为每项指标设定权重，各指标权重之和应为100%。")
def weights_sum(ctx: Context):
    for p in ctx.d.performance:
        weighted = [i for i in p.indicators if i.weight is not None]
        if not weighted:
            continue
        total = sum((i.weight for i in weighted), Decimal(0))
        if abs(total - 100) <= Decimal("0.01") * len(weighted):
            continue
        missing = [i for i in p.indicators if i.weight is None]
        terms = "＋".join(f"{fmt(i.weight, 0)}%" for i in weighted)
        note = f"（另有{len(missing)}项指标未填权重或未能读出）" if missing else ""
        # weights short of 100 beside indicators without one: those may hold the rest (a weight
        # column the reader lost on one page), so the sum is not known to be wrong
        short = bool(missing) and total < 100
        yield tfinding(ctx, p, (f"{target_label(ctx.d, p)}{len(weighted)}项指标的权重合计为{terms}={fmt(total, 0)}%，"
                                f"不等于100%{note}。"),
                       severity="warning" if short else "error", item="指标权重", expected=Decimal(100),
                       actual=total, difference=total - 100)
