"""``narrative.completion_rate``: a budget completion rate a 决算 narrative states ("完成年初预算的
X%") recomputes from the final and budget amounts of the same sentence."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

from ...model import Claim
from ...vocab import BASIS_ZH, BUDGET_BASES, metric_zh
from ..base import Context, check
from ..common.amounts import fmt
from ..common.claims import pct_matches
from ..common.text import claim_text


def _completion_parts(claims: list, at: int) -> tuple[Optional[Claim], list]:
    """For the completion rate ``claims[at]``: the final amount it is a rate of (the value
    stated just before it in the same sentence) and every budget amount of the same subject
    the sentence states."""
    p = claims[at]
    same = lambda c: c.file == p.file and c.sentence == p.sentence and c.unit == "万元" \
        and c.value is not None  # noqa: E731
    final = next((c for c in reversed(claims[:at]) if same(c) and c.subject == p.subject
                  and c.basis in ("final", None)), None)
    if final is None:
        return None, []
    budgets = [c for c in claims if same(c) and c.metric == final.metric and c.basis in BUDGET_BASES
               and (c.subject == p.subject or c.subject.startswith(p.subject))]
    return final, budgets


def _agrees(p: Claim, final: Claim, named: list) -> bool:
    """The rate is right against one of the budgets it names (or all amounts are zero)."""
    if any(b.value != 0 and pct_matches(p.value, final.value / b.value * 100) for b in named):
        return True
    return all(b.value == 0 for b in named) and final.value == 0


def _why(p: Claim, final: Claim, b: Claim, basis: str) -> tuple:
    """(what is wrong, the rate expected)."""
    if b.value == 0:
        return f"{basis}为0，决算{fmt(final.value)}万元无从计算“完成{basis}的{fmt(p.value, 0)}%”", None
    exact = (final.value / b.value * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return (f"按其本身的数计算，完成率应为{fmt(final.value)}÷{fmt(b.value)}={exact}%，"
            f"与所称{fmt(p.value, 0)}%不符"), exact


def _hint(p: Claim, final: Claim, b: Claim, budgets: list) -> str:
    """The budget the stated rate was computed on, when it is another than the one named."""
    rates = {x.basis: final.value / x.value * 100 for x in budgets if x.value != 0}
    other = next((k for k, r in rates.items() if b.basis != k and pct_matches(p.value, r)), None)
    if not other:
        return ""
    return (f"；所称比率是按{BASIS_ZH.get(other, other)}"
            f"{fmt(next(x.value for x in budgets if x.basis == other))}万元计算的")


@check("narrative.completion_rate", "error",
       "说明中的预算完成率可由其本身的数重算", "Budget completion rates recompute from the narrative's own figures",
       "决算说明以“完成年初（全年）预算的X%”说明预算执行情况：完成率 = 决算数 ÷ 所称预算数 × 100%，"
       "应与同一句中的决算数、预算数一致。")
def completion_rate(ctx: Context):
    claims = list(ctx.d.claims)
    for i, p in enumerate(claims):
        if p.metric != "completion_pct" or p.value is None:
            continue
        final, budgets = _completion_parts(claims, i)
        named = [b for b in budgets if p.basis == "budget" or b.basis == p.basis]
        if final is None or not named or _agrees(p, final, named):
            continue
        b = named[0]
        basis = BASIS_ZH.get(p.basis, "预算")
        why, expected = _why(p, final, b, basis)
        yield ctx.finding(
            (f"说明第{p.page}页称“{final.subject}”{basis}{fmt(b.value)}万元、决算{fmt(final.value)}万元，"
             f"“完成{basis}的{fmt(p.value, 0)}%”（“{claim_text(p)}”）：{why}{_hint(p, final, b, budgets)}。"),
            table="narrative", severity="error", file=p.file, page=p.page,
            item=final.subject or metric_zh(final.metric), expected=expected, actual=p.value,
            difference=None if expected is None else p.value - expected)
