"""``text.blank_table``: a table printed with blank data rows while the narrative states non-zero
amounts for it (政府性基金, 国有资本经营, “三公”经费, 机关运行经费, 政府采购): the figures the narrative
gives are missing from the table."""
from __future__ import annotations

from ...vocab import metric_zh
from ..base import Context, check
from ..common.amounts import fmt
from ..common.places import place
from ..common.sentences import quote

# a claim's metric -> the table role that must print it
TABLE_OF = {"government_fund_expenditure": "government_fund", "government_fund_income": "government_fund",
            "state_capital_expenditure": "state_capital", "three_public_total": "three_public",
            "operating_costs": "operating_costs", "procurement_total": "procurement"}


def _blank(t) -> bool:
    """Data rows printed without a single figure (blank cells, not zeros)."""
    cells = [(r, k) for r in t.rows for k in r.amounts]
    return bool(t.rows) and all(k in r.blank for r, k in cells)


@check("text.blank_table", "error",
       "表格未留空而说明却列有金额", "No blank table whose amounts the narrative states",
       "公开表应列示说明中所述的金额（财预〔2016〕143号）：说明称有政府性基金、国有资本经营、“三公”经费、"
       "机关运行经费或政府采购的金额，而对应的表格数据行为空白，读者无法核对。")
def blank_table(ctx: Context):
    d = ctx.source
    for c in d.claims:
        role = TABLE_OF.get(c.metric)
        if role is None or not c.value or c.unit != "万元" or c.year not in (None, d.year):
            continue
        tables = [t for t in d.tables if t.role == role]
        if not tables or not all(_blank(t) for t in tables):
            continue
        t = tables[0]
        yield ctx.finding(f"{place(t)} 数据行为空白，而第{c.page}页说明称{metric_zh(c.metric)}为{fmt(c.value)}万元："
                          f"“{quote(c.sentence)}”", table=t, actual=c.value, item=metric_zh(c.metric))
