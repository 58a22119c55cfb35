"""The figure catalogue: where each figure of a disclosure is printed.

One ``Source`` per way a figure appears in a table: the figure (a metric of ``analysis.vocab``,
or a classified row: ``function:<code>``, ``economic:<code>``, ``income:<code>``), the money it
covers (``scope``: ``dept`` 部门 all funds, ``fiscal`` 财政拨款, ``gb`` 一般公共预算, ``gf``
政府性基金, ``sc`` 国有资本经营; ``table`` for the money the table covers, ``analysis.vocab.funds_of``; ``section`` for the fund
a row's section names),
the table roles it is read from, the rows (a selector of ``analysis.figures.locate``) and the
columns. A column that names a fund (一般公共预算 / 政府性基金 / 国有资本经营) gives the figure of
that fund's scope. ``document`` limits a source to budgets or to 决算.

The order of the list is the order of authority: a figure printed in several places is
reported from the first one (``Located.rank``). Adding where a figure is read is one line here.

Row selectors (``rows``, with ``arg``):

* ``total`` – the table's first total row (or an unlabelled first row printed as its 合计);
* ``side_total`` / ``side_current`` – of a two-sided table's ``arg`` side (income / expenditure):
  the grand total (收入总计, or 本年收入合计 when nothing is carried over), the current-year total;
* ``named`` – the first row whose name (without ordinal) matches ``arg`` = "pattern@section[|section]"
  (a later row of the same name is a breakdown, e.g. of 上年结转);
* ``coded`` – every coded row (one figure per code: ``<figure>:<code>``);
* ``class_rows`` – rows of a summary table's expenditure side named after a function class;
* ``side_items`` – the uncoded, non-total rows of a summary table's ``arg`` side (by name only);
* ``fund_subtotals`` – 小计 rows of an income table that head a fund's section;
* ``category`` – procurement rows of one category (货物 / 工程 / 服务);
* ``total_or_first`` – the first total row, else the first row (the 三公 table);
* ``empty_zero`` – a printed table without a single figure states 0;
* ``code_or_name`` – rows printed with one of the codes or names of ``arg`` ("30215|会议费");
* ``class_sum`` – the sum of the class rows of ``arg`` ("301+303"): a figure derived from rows;
* ``targets_sum`` – the funds of all project performance targets, summed.

A source marked ``fallback`` is read only where no source before it found the figure (of the same
scope) at all.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..vocab import BASIC_KINDS, ECONOMIC_KINDS, FUND_COLUMNS, SPENDING_KINDS, TWO_SIDED, three_public_columns

SPENDING = SPENDING_KINDS            # spending by function: 部门支出总表, 财政拨款支出表, 一般公共预算支出表 …
BASIC_TABLES = BASIC_KINDS           # 基本支出 by economic class
SUMMARIES = TWO_SIDED                # 收支总表, 财政拨款收支总表
ECONOMIC = ECONOMIC_KINDS
# the 三公 table's figures other than its total: (metric, column)
THREE_PUBLIC_ITEMS = tuple((m, c) for m, c in three_public_columns().items() if m != "three_public_total")

# income rows of summary tables that name a fund
GB_INCOME = r"^(?:一般公共预算|公共财政)(?:拨款|财政拨款)?(?:收入|资金|\(补助\)资金)?$"
GF_INCOME = r"^政府性基金(?:预算)?(?:拨款|财政拨款)?(?:收入|资金)?$"
SC_INCOME = r"^国有资本经营预算(?:拨款|财政拨款)?(?:收入|资金)?$"
FISCAL_INCOME = r"^财政拨款(?:收入|资金)?$"


@dataclass(frozen=True)
class Source:
    figure: str
    scope: str                  # dept | fiscal | gb | gf | sc | table
    roles: tuple                # table roles, in order
    rows: str                   # a row selector (see the module doc)
    arg: str = ""
    columns: tuple = ("total",)
    document: str = "all"       # budget | final | all
    first_column: bool = False  # only the first of ``columns`` the table prints
    fallback: bool = False      # only when no earlier source found the figure anywhere

    def applies(self, document: str) -> bool:
        return self.document in ("all", document)


def _s(figure, scope, roles, rows, arg="", columns=("total",), document="all", first_column=False,
       fallback=False) -> Source:
    roles = (roles,) if isinstance(roles, str) else tuple(roles)
    columns = (columns,) if isinstance(columns, str) else tuple(columns)
    return Source(figure, scope, roles, rows, arg, columns, document, first_column, fallback)


CATALOGUE = (
    # -- totals: 收入总计 / 支出总计 (budgets), 本年收入合计 / 本年支出合计 ------------------------
    _s("total_income", "table", SUMMARIES, "side_total", "income"),
    _s("total_expenditure", "table", SUMMARIES, "side_total", "expenditure"),
    _s("current_income", "table", SUMMARIES, "side_current", "income"),
    _s("current_expenditure", "table", SUMMARIES, "side_current", "expenditure"),
    # the year's income of one fund: the income rows of a summary that name a fund, the fund columns
    # and fund sections of the income table (上年结转 is apart: it is not this year's income)
    *(_s("current_income", scope, roles, "named", pattern + "@income")
      for scope, roles, pattern in (("fiscal", "department_summary", FISCAL_INCOME), ("gb", SUMMARIES, GB_INCOME),
                                    ("gf", SUMMARIES, GF_INCOME), ("sc", SUMMARIES, SC_INCOME))),
    _s("total_income", "table", "department_income", "total", document="budget"),
    _s("current_income", "table", "department_income", "total", document="final"),
    _s("current_income", "table", "department_income", "total", "", FUND_COLUMNS),
    _s("current_income", "section", "department_income", "fund_subtotals", document="budget"),
    _s("carryover_income", "dept", "department_income", "total", "", "carryover"),
    # a spending table prints the year's spending: a budget's total, a 决算's 本年支出
    _s("total_expenditure", "table", SPENDING, "total", document="budget"),
    _s("current_expenditure", "table", SPENDING, "total", document="final"),
    _s("total_expenditure", "table", "fiscal_summary", "side_total", "expenditure", FUND_COLUMNS),
    _s("current_expenditure", "table", "fiscal_summary", "side_current", "expenditure", FUND_COLUMNS),
    _s("total_expenditure", "gf", "government_fund", "empty_zero", fallback=True),
    # -- basic and project expenditure, reserve ----------------------------------------------
    _s("basic_expenditure", "table", SPENDING, "total", "", "basic"),
    _s("project_expenditure", "table", SPENDING, "total", "", "project"),
    _s("reserve_expenditure", "table", SPENDING, "total", "", "reserve"),
    _s("basic_expenditure", "table", "department_summary", "named", r"^基本支出$@expenditure_purpose|expenditure"),
    _s("project_expenditure", "table", "department_summary", "named", r"^项目支出$@expenditure_purpose|expenditure"),
    _s("reserve_expenditure", "table", "department_summary", "named", r"预留机动|机动经费@expenditure_purpose|expenditure"),
    _s("basic_expenditure", "table", "fiscal_summary", "named", r"^基本支出$@expenditure_purpose"),
    _s("project_expenditure", "table", "fiscal_summary", "named", r"^项目支出$@expenditure_purpose"),
    _s("reserve_expenditure", "table", "fiscal_summary", "named", r"预留机动|机动经费@expenditure_purpose"),
    _s("basic_expenditure", "table", BASIC_TABLES, "total"),
    _s("personnel_expenditure", "table", BASIC_TABLES, "total", "", "personnel"),
    _s("public_expenditure", "table", BASIC_TABLES, "total", "", "public"),
    _s("personnel_expenditure", "table", BASIC_TABLES, "named", r"^人员经费(?:合计|小计)?$@"),
    _s("public_expenditure", "table", BASIC_TABLES, "named", r"^公用经费(?:合计|小计)?$@"),
    _s("personnel_expenditure", "table", BASIC_TABLES, "class_sum", "301+303", fallback=True),
    _s("public_expenditure", "table", BASIC_TABLES, "class_sum", "302", fallback=True),
    # the all-funds 支出总表 that splits 基本支出 into 人员经费 / 公用经费 columns
    _s("personnel_expenditure", "dept", "department_expenditure", "total", "", "personnel"),
    _s("public_expenditure", "dept", "department_expenditure", "total", "", "public"),
    _s("project_expenditure", "dept", "project_expenditure", "total", document="budget"),
    # -- other income and expenditure items of the summary tables -------------------------------
    _s("special_account_income", "table", SUMMARIES, "named", r"财政专户@income"),
    _s("other_income", "table", SUMMARIES, "named", r"^(?:[一二三四五六七八九十]+、|\d\.)?(?:其他资金|其他收入)@income"),
    _s("carryover_income", "table", SUMMARIES, "named", r"上年结转@income"),
    _s("carryforward_expenditure", "table", SUMMARIES, "named", r"结转下年|年末结转@expenditure"),
    _s("business_income", "table", SUMMARIES, "named", r"^(?:[一二三四五六七八九十]+、)?事业收入@income"),
    _s("business_operation_income", "table", SUMMARIES, "named", r"经营收入@income"),
    _s("superior_subsidy_income", "table", SUMMARIES, "named", r"上级补助@income"),
    _s("subsidiary_income", "table", SUMMARIES, "named", r"附属单位@income"),
    _s("state_capital_income", "table", SUMMARIES, "named", r"国有资本经营@income"),
    _s("state_capital_expenditure", "table", SUMMARIES, "named", r"国有资本经营@expenditure"),
    _s("special_account_income", "dept", "department_income", "total", "", "special_account"),
    _s("business_income", "dept", "department_income", "total", "", "business"),
    _s("superior_subsidy_income", "dept", "department_income", "total", "", "superior_subsidy"),
    _s("subsidiary_income", "dept", "department_income", "total", "", "affiliated"),
    _s("business_operation_income", "dept", "department_income", "total", "", "operating"),
    _s("other_income", "dept", "department_income", "total", "", "other"),
    # -- “三公”经费, 机关运行经费 -------------------------------------------------------------
    _s("three_public_total", "table", "three_public", "total_or_first", "", ("three_public", "total"),
       first_column=True),
    *(_s(figure, "table", "three_public", "total_or_first", "", key) for figure, key in THREE_PUBLIC_ITEMS),
    _s("operating_costs", "table", "operating_costs", "total", "", ("operating_costs", "total"), first_column=True),
    _s("operating_costs", "table", "three_public", "total_or_first", "", "operating_costs"),
    _s("meeting_fee", "table", ECONOMIC, "code_or_name", "30215|会议费", ("operating_costs", "total"),
       first_column=True, fallback=True),
    _s("training_fee", "table", ECONOMIC, "code_or_name", "30216|培训费", ("operating_costs", "total"),
       first_column=True, fallback=True),
    # -- 政府采购 ------------------------------------------------------------------------------
    # the 总计 column is all funds; a fund's column (一般公共预算拨款 …) is that fund's procurement
    _s("procurement_total", "dept", "procurement", "total", "", ("total",) + FUND_COLUMNS),
    _s("procurement_total", "dept", "procurement", "empty_zero", fallback=True),
    *(_s(figure, "dept", "procurement", how, word, ("total",) + FUND_COLUMNS, fallback=how == "empty_zero")
      for figure, word in (("procurement_goods", "货物"), ("procurement_works", "工程"), ("procurement_services", "服务"))
      for how in ("category", "empty_zero")),
    # -- 项目支出 funds of the performance targets ----------------------------------------------
    # the funds of the projects the targets list first: a narrative's 涉及资金 is theirs
    _s("performance_funds", "dept", "project_performance", "targets_sum"),
    _s("performance_funds", "dept", "project_expenditure", "total"),
    # -- classified rows ----------------------------------------------------------------------
    _s("function", "table", SPENDING, "coded", "",
       ("total", "basic", "project", "reserve", "carry_forward", "prior_total"), document="budget"),
    _s("function", "table", SPENDING, "coded", "", ("total", "basic", "project"), document="final"),
    _s("function", "table", "department_income", "coded", "", ("total",) + FUND_COLUMNS, document="budget"),
    _s("income", "dept", "department_income", "coded", document="final"),
    _s("function", "table", "department_summary", "class_rows"),
    _s("function", "table", "fiscal_summary", "class_rows", "", ("total",) + FUND_COLUMNS, document="budget"),
    _s("function", "table", "fiscal_summary", "class_rows", document="final"),
    _s("expenditure_item", "table", SUMMARIES, "side_items", "expenditure"),
    _s("economic", "table", BASIC_TABLES, "coded", "", ("total", "personnel", "public")),
    _s("economic", "table", "operating_costs", "coded", "", ("operating_costs", "total"), first_column=True),
)
