"""``narrative.comparison_year``: a year-on-year change is measured against the year before the one it
describes. "2026年…比2025年增加" is right in a 2026 budget; "2025年“三公”经费预算13.85万元，比2025年减少"
compares a year with itself (one of the two years is misprinted) and "2026年…比2024年增加" skips a year.
Either is said, never passed over in silence (a claim whose own year is not the budget year is left
out of the other narrative checks)."""
from __future__ import annotations

from ...vocab import metric_zh
from ..base import Context, check
from ..common.amounts import fmt
from ..common.claims import describe_change
from ..common.text import claim_text


def _problem(year, own, compared) -> str:
    """What is wrong with comparing a claim about ``own`` (its printed year, else the budget year)
    with ``compared``; "" when nothing is."""
    if own is not None and compared == own:
        if year is not None and own != year:
            return f"所述年度{own}年与比较年度相同，而本文件为{year}年度，{own}年或为{year}年之误"
        return f"所述年度与比较年度同为{own}年"
    base = own if own is not None else year
    if base is not None and compared != base - 1:
        return f"与{compared}年比较，而所述为{base}年，上一年度应为{base - 1}年"
    return ""


@check("narrative.comparison_year", "warning",
       "说明中的增减与上一年度比较", "Changes are measured against the year before",
       "预算说明对增减变化的表述应为本年度与上一年度的比较（《地方预决算公开操作规程》要求对本年度预算与上年度"
       "相比的增减变化作出说明）；比较的年份印错会使读者无法核对。")
def comparison_year(ctx: Context):
    seen = set()
    for c in ctx.d.claims:
        if c.compared_year is None or c.change is None:
            continue
        problem = _problem(ctx.d.year, c.year, c.compared_year)
        key = (c.page, c.subject, c.compared_year)
        if not problem or key in seen:
            continue
        seen.add(key)
        amount = f"{fmt(c.value)}{c.unit}" if c.value is not None and c.unit == "万元" else ""
        yield ctx.finding(
            (f"说明第{c.page}页称“{c.subject or metric_zh(c.metric)}”{amount}比{c.compared_year}年"
             f"{describe_change(c).replace('与上年持平', '持平')}（“{claim_text(c)}”）：{problem}。"),
            table="narrative", severity="warning", file=c.file, page=c.page,
            item=c.subject or metric_zh(c.metric))
