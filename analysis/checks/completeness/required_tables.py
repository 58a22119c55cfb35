"""``completeness.required_tables``: the tables a budget (or 决算) must publish are printed, and
from 2020 the general-budget table prints 基本支出 and 项目支出 apart (T09)."""
from __future__ import annotations

from ...vocab import kind_zh
from ..base import Context, check
from ..common.places import place
from ..common.rules import LAW, applies, rules

# rule id of disclosure_rules.csv -> table kind
TABLE_RULES = {
    "T01": "department_summary",
    "T02": "department_income",
    "T03": "department_expenditure",
    "T04": "fiscal_summary",
    "T05": "general_budget_expenditure",
    "T06": "general_budget_basic_expenditure",
    "T07": "three_public",
    "T08": "government_fund",
}
# rule id -> final-accounts table kind (a 部门决算 publishes nine tables of its own)
FINAL_TABLE_RULES = {
    "F01": "final_summary",
    "F02": "final_income",
    "F03": "final_expenditure",
    "F04": "final_fiscal_summary",
    "F05": "final_general_budget_expenditure",
    "F06": "final_general_budget_basic_expenditure",
    "F07": "final_three_public",
    "F08": "final_government_fund",
    "F09": "final_state_capital",
}


@check("completeness.required_tables", "error",
       "必须公开的预算表齐全", "The required budget tables are present",
       "部门预算应公开：部门收支总表、部门收入总表、部门支出总表、财政拨款收支总表、一般公共预算支出表、"
       "一般公共预算基本支出表、“三公”经费支出表、政府性基金预算支出表（财政预决算领域基层政务公开标准目录（部门预算）；"
       + LAW + "）。")
def required_tables(ctx: Context):
    rule_of = rules()
    d = ctx.source   # a table printed but read without confidence is printed all the same
    year = d.year
    files = [f.path for f in d.files]
    final = d.kind == "final"
    for rid, kind in (FINAL_TABLE_RULES if final else TABLE_RULES).items():
        item, since, source = rule_of.get(rid, (kind_zh(kind), 2016, LAW))
        if not applies(since, year):
            continue
        if any(t.kind == kind for t in d.tables) or (not final and d.tables_of(kind)):
            continue
        yield ctx.finding(f"未找到《{kind_zh(kind)}》（{item}）。依据：{source}（{rid}）",
                          table=None, file=files[0] if files else "", item=kind_zh(kind))
    # T09 (预算法实施条例, from 2020): 基本支出与项目支出分别公开
    item, since, source = rule_of.get("T09", ("基本支出与项目支出分别公开", 2020, LAW))
    if applies(since, year) and (year is None or year >= (since or 2020)):
        for t in ctx.tables("general_budget_expenditure"):
            keys = t.column_keys()
            if not ("basic" in keys and "project" in keys):
                yield ctx.finding(f"{place(t)} 未分列基本支出和项目支出（{item}）。依据：{source}（T09）",
                                  table=t)
