"""The located figures as the checks compare them.

The figures of a disclosure were located once, when it was assembled (``analysis.figures``:
``Disclosure.figures``); nothing here locates a figure again. These helpers turn located places
into what a check reports on (a table, a row, a column):

* ``figures_for(d, metric, subject)``: the table figures (``TableFigure``) that state what a
  narrative claim of ``metric`` states (``analysis.figures.claims``);
* ``observations(d)``: every place a figure is printed, with the money it covers (``Obs``), as the
  cross-table comparison groups them;
* ``three_public_budget(d)``: the current-year 三公 items, from the table else the narrative;
* ``previous_disclosure(ctx)``: last year's disclosure of the same department in the batch, and
  ``prior_function_row`` / ``prior_total``: its figures a prior-year column restates.

Tables read without confidence are not the disclosure's figures as far as a check can tell: their
places are left out.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ...figures import claim_places, figures_of
from ...figures.claims import FUNCTION_ROLES
from ...model import Disclosure, Located, Row, Table
from ...parse.titles import same_department
from ...vocab import FUNCTION_KINDS, THREE_PUBLIC_ITEMS, column_funds, role_of, three_public_columns
from ..base import Context
from .amounts import fmt, val
from .places import col_label, row_label, where
from .rows import totals


def previous_disclosure(ctx: Context) -> Optional[Disclosure]:
    """The previous year's disclosure of the same department in the batch, if any."""
    d = ctx.d
    if d.year is None:
        return None
    for other in ctx.batch:
        if other is d or other.year != d.year - 1 or (other.kind, other.scope) != (d.kind, d.scope):
            continue
        if same_department(other.department, d.department):
            return other
    return None


# ---------------------------------------------------------------------------
# Table figures a claim names
# ---------------------------------------------------------------------------
@dataclass
class TableFigure:
    value: Decimal
    table: Table
    row: Row
    key: str
    what: str = ""                 # what the figure is, in Chinese
    derived: str = ""              # how a figure summed from rows was made ("301+303", "302"), else ""

    @property
    def prior_key(self) -> Optional[str]:
        """The column printing the prior-year amount of this figure: ``prior_<key>``."""
        k = f"prior_{self.key}"
        if k in self.table.column_keys() and val(self.row, k) is not None:
            return k
        return None

    @property
    def prior(self) -> Optional[Decimal]:
        """The prior-year amount printed in the same row, if the table has such a column."""
        k = self.prior_key
        return val(self.row, k) if k else None

    def describe(self) -> str:
        col = col_label(self.table, self.key)
        col = "" if col in ("合计", "金额", "total") else f"“{col}”列"
        return f"{where(self.table, self.row)}“{row_label(self.row) or '合计'}”行{col}{self.what}为{fmt(self.value)}万元"


def inferred_note(f: TableFigure) -> str:
    """A note when the reader of a flattened table had to infer which column a figure is in
    (then a disagreement may be the reading's, and the finding is only a warning)."""
    if "columns_inferred" in f.row.flags and f.key not in ("total",):
        return "（该行各数所属的列系解析时按位置推断，请对照原文核实）"
    return ""



# claim metric -> the 三公 table's columns that print it (its total: the 三公 subtotal, else the table's 合计)
THREE_PUBLIC_KEYS = {m: ((c, "total") if m == "three_public_total" else (c,)) for m, c in three_public_columns().items()}
totals_of = totals


def _tables_by_id(d: Disclosure) -> dict:
    return {t.id: t for t in d.tables}


def _resolve(d: Disclosure, f: Located, tables: dict) -> Optional[tuple]:
    """(table, row) of a located place in the tables the check sees; None when its table is not
    among them (read without confidence). A figure derived from no single row gets a row of its
    own, named after what it is."""
    t = tables.get(f.table_id)
    if t is None:
        return None
    if f.row < 0:
        return t, Row(index=-1, name=f.name, page=f.page, file=f.file)
    r = next((x for x in t.rows if x.index == f.row), None)
    return (t, r) if r is not None else None


def _what(f: Located) -> str:
    return f"（{f.derived}）" if "+" in f.derived else ""


def figures_for(d: Disclosure, metric: str, subject: str = "", claim=None) -> list:
    """The table figures that state what a claim of ``metric`` (about ``subject``) states, most
    authoritative first; ``claim``'s scope, column and cited tables narrow them
    (``analysis.figures.claims``). Empty when no table of the disclosure states it."""
    tables = _tables_by_id(d)
    out = []
    for f in claim_places(d, metric, subject, claim):
        got = _resolve(d, f, tables)
        if got is not None:
            out.append(TableFigure(f.value, got[0], got[1], f.column, _what(f), f.derived))
    return out


# ---------------------------------------------------------------------------
# Every place a figure is printed, with the scope of money it covers
# ---------------------------------------------------------------------------
# a located figure -> the figure the cross-table check compares: a budget's 收入总计 and 支出总计
# are one figure (收支总计); a 决算 compares its year's income and spending (本年收入合计,
# 本年支出合计), its totals differing by the balances carried in and out
CROSS_BUDGET = {"total_income": "total", "total_expenditure": "total", "basic_expenditure": "basic",
                "project_expenditure": "project", "reserve_expenditure": "reserve",
                "personnel_expenditure": "personnel", "public_expenditure": "public"}
CROSS_FINAL = {"current_income": "current_income", "current_expenditure": "current_expenditure",
               "basic_expenditure": "basic", "project_expenditure": "project", "reserve_expenditure": "reserve",
               "personnel_expenditure": "personnel", "public_expenditure": "public"}
CODED_PREFIX = {"function": "fn", "economic": "econ", "income": "fn_income"}
KIND_PRIORITY = ("department_expenditure", "general_budget_expenditure", "fiscal_expenditure",
                 "general_budget_basic_expenditure", "fiscal_basic_expenditure", "government_fund",
                 "state_capital", "department_income", "project_expenditure", "department_summary",
                 "fiscal_summary")


@dataclass
class Obs:
    scope: str
    figure: str
    value: Decimal
    table: Table
    row: Row
    key: str

    @property
    def priority(self) -> int:
        k = self.table.kind
        return KIND_PRIORITY.index(k) if k in KIND_PRIORITY else len(KIND_PRIORITY)




def carried_over(d: Disclosure) -> bool:
    """Whether the disclosure carries money over from last year (a 上年结转 printed non-zero)."""
    return any(f.figure == "carryover_income" and f.value for f in figures_of(d))


def carryover_tables(d: Disclosure) -> set:
    """Ids of the tables that print the carry-over apart (a 上年结转 row or column, even blank)."""
    return {f.table_id for f in figures_of(d) if f.figure == "carryover_income"}


def cross_figure(f: Located, final: bool, carryover: bool = False, apart: bool = True) -> Optional[str]:
    """The figure the cross-table check compares a located place as (None: not compared).
    A budget's income is its spending (收支总计), and a fund's income this year is that fund's
    spending unless money is carried over from last year (then the year's income is compared only
    with the year's income). A table that prints no carry-over of its own (``apart`` False: no
    上年结转 row or column) folds the carried-over money into its funds' income (结转金额已纳入相应
    性质的资金), so its income is compared as the fund's total. Classified rows are compared column by column (a fund's column as that
    fund's total); 人员经费 and 公用经费 as the basic-expenditure tables print them in their own columns;
    the economic rows of the 机关运行经费 table are a part of 公用经费, not the same figure."""
    if f.derived or f.period == "budget":
        return None
    if f.figure == "current_income" and not final:
        return "current_income" if carryover and apart else "total"
    if ":" in f.figure:
        kind, code = f.figure.split(":", 1)
        if not code or code == "None" or (kind == "economic" and role_of(f.kind) == "operating_costs"):
            return None
        return f"{CODED_PREFIX[kind]}:{code}:{'total' if column_funds(f.column) else f.column}"
    name = (CROSS_FINAL if final else CROSS_BUDGET).get(f.figure)
    if name in ("personnel", "public") and f.column != name:
        return None
    return name


def observations(d: Disclosure) -> list:
    """Every located place the cross-table check compares, as ``Obs``."""
    tables = _tables_by_id(d)
    final = d.kind == "final"
    carryover, apart = carried_over(d), carryover_tables(d)
    out = []
    for f in figures_of(d):
        figure = cross_figure(f, final, carryover, f.table_id in apart)
        got = _resolve(d, f, tables) if figure else None
        if got is not None:
            out.append(Obs(f.scope, figure, f.value, got[0], got[1], f.column))
    return out


# ---------------------------------------------------------------------------
# The current-year 三公 items
# ---------------------------------------------------------------------------
THREE_PUBLIC_ITEM_METRICS = THREE_PUBLIC_ITEMS   # the four 三公 items: column -> metric


def three_public_budget(d: Disclosure) -> dict:
    """key -> (value, table, row) of the current-year 三公 items; from the first 三公 table, else
    from the narrative (table None)."""
    out: dict = {}
    tables = _tables_by_id(d)
    first = next((t for t in d.tables_of("three_public") if t.rows), None)
    for key, metric in THREE_PUBLIC_ITEM_METRICS.items():
        f = next((f for f in figures_of(d) if first is not None and f.table_id == first.id and f.figure == metric), None)
        got = _resolve(d, f, tables) if f is not None else None
        if got is not None:
            out[key] = (f.value, got[0], got[1])
    for key, metric in THREE_PUBLIC_ITEM_METRICS.items():
        if key in out:
            continue
        c = next((c for c in d.claims if c.metric == metric and c.value is not None and c.unit == "万元"
                  and (c.year is None or c.year == d.year)), None)
        if c is not None:
            out[key] = (c.value, None, c)
    return out


def budget_source(entry, zh: str) -> str:
    """'“三公”经费表（附件4《…》第9页）公务接待费预算为15.00万元': an entry of ``three_public_budget``."""
    value, t, row = entry
    if t is not None:
        return f"“三公”经费表（{where(t, row)}）{zh}预算为{fmt(value)}万元"
    return f"说明第{row.page}页{zh}预算为{fmt(value)}万元"


# ---------------------------------------------------------------------------
# Last year's figures
# ---------------------------------------------------------------------------
# function tables in the order a code is looked up in last year's disclosure
PRIOR_FUNCTION_ORDER = FUNCTION_ROLES + tuple(k for k in FUNCTION_KINDS if k not in FUNCTION_ROLES)


def prior_function_row(prev: Disclosure, kind: str, code: str) -> Optional[tuple]:
    """(table, row) of ``code`` in last year's disclosure: the same table kind first, then any
    function table."""
    order = [kind] + [k for k in PRIOR_FUNCTION_ORDER if k != kind]
    tables = _tables_by_id(prev)
    places = [f for f in figures_of(prev) if f.code == code and f.column == "total" and f.period == "current"
              and f.figure in (f"function:{code}", f"income:{code}") and role_of(f.kind) in order]
    for f in sorted(places, key=lambda f: (order.index(role_of(f.kind)), f.rank)):
        got = _resolve(prev, f, tables)
        if got is not None:
            return got
    return None


PRIOR_TOTALS = ("total_expenditure", "total_income", "current_expenditure", "current_income", "procurement_total")


def prior_total(prev: Disclosure, kind: str) -> Optional[tuple]:
    """(table, total row) of a table kind in last year's disclosure."""
    tables = _tables_by_id(prev)
    places = [f for f in figures_of(prev) if role_of(f.kind) == kind and f.column == "total" and f.row >= 0
              and f.figure in PRIOR_TOTALS]
    for f in sorted(places, key=lambda f: f.rank):
        got = _resolve(prev, f, tables)
        if got is not None:
            return got
    return None
