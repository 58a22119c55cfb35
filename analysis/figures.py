"""Headline figures of a disclosure, in 万元, each with where it was read.

Figures come from the tables; the narrative fills a gap only where no table gives the
figure. Every figure remembers its source (table id and page, or narrative page).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Optional

from .model import Disclosure, Row, Table
from .parse.titles import compact

FIGURES = (
    "total_income", "total_expenditure", "current_income", "current_expenditure",
    "basic_expenditure", "project_expenditure", "general_budget_total", "fiscal_total",
    "three_public_total", "three_public_overseas", "three_public_vehicle_purchase",
    "three_public_vehicle_operation", "three_public_reception", "operating_costs",
)


@dataclass
class Figure:
    name: str
    value: Optional[Decimal]
    source: str = ""     # "table" | "narrative" | "unreadable" (a table the tool could not read) | ""
    table: str = ""      # table id
    kind: str = ""
    page: int = 0
    file: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "value": None if self.value is None else str(self.value),
                "source": self.source, "table": self.table, "kind": self.kind, "page": self.page,
                "file": self.file}


def total_row(t: Table, section: Optional[str] = None, pattern: str = r"合计|总计") -> Optional[Row]:
    """The grand-total row of a table (or of one side of a two-sided table)."""
    rows = [r for r in t.rows if section is None or (r.section or "").startswith(section)]
    named = [r for r in rows if r.is_total and re.search(pattern, compact(r.name))]
    if named:
        # 收入总计 beats 本年收入合计 when both exist: the last grand total printed
        return named[-1] if section else named[0]
    totals = [r for r in rows if r.is_total]
    return totals[0] if totals else None


def _from_table(d: Disclosure, kinds: list, pick: Callable[[Table], Optional[tuple]],
                unreadable: Optional[list] = None) -> Optional[Figure]:
    """The first figure ``pick`` finds in a readable table of ``kinds``; tables read without
    confidence are skipped and collected in ``unreadable``."""
    for kind in kinds:
        for t in d.tables_of(kind):
            if not t.readable:
                if unreadable is not None:
                    unreadable.append(t)
                continue
            got = pick(t)
            if got is not None and got[0] is not None:
                value, row = got
                return Figure("", value, "table", t.id, t.kind, row.page if row else (t.pages[0] if t.pages else 0), t.file)
    return None


def _col(key: str, section: Optional[str] = None, pattern: str = r"合计|总计"):
    """The total row's amount in column ``key``; when the grand total is printed as a
    placeholder, the next total row that carries a number (本年收入合计 before 收入总计)."""
    def pick(t: Table):
        if key not in t.column_keys():
            return None
        first = total_row(t, section, pattern)
        rows = [first] if first is not None else []
        rows += [r for r in reversed(t.rows) if r.is_total and r is not first
                 and (section is None or (r.section or "").startswith(section))
                 and re.search(pattern, compact(r.name))]
        for r in rows:
            if key in r.amounts and key not in r.placeholders and key not in r.unreadable:
                return r.amounts[key], r
        return None
    return pick


def _named_row(name_rx: str, section: Optional[str] = None, key: str = "total"):
    def pick(t: Table):
        for r in t.rows:
            if section and not (r.section or "").startswith(section):
                continue
            if re.search(name_rx, compact(r.name)) and key in r.amounts:
                return r.amounts[key], r
        return None
    return pick


def _three_public(key: str):
    def pick(t: Table):
        rows = [r for r in t.rows if r.is_total] or t.rows[:1]
        if not rows:
            return None
        r = rows[0]
        if key == "three_public_total":
            # the three 三公 items only (出国 + 车辆购置 + 车辆运行 + 接待), without 会议费/培训费;
            # a printed total that disagrees with its items is left to the audit
            items = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")
            if all(k in r.amounts for k in items):
                return sum((r.amounts[k] for k in items), Decimal(0)), r
            k = "three_public" if "three_public" in r.amounts else "total"
        else:
            k = key
        if k not in t.column_keys() or k in r.placeholders:
            return None
        return r.amounts.get(k), r
    return pick


_CLAIM_FOR = {
    "total_income": "total_income", "total_expenditure": "total_expenditure",
    "basic_expenditure": "basic_expenditure", "project_expenditure": "project_expenditure",
    "three_public_total": "three_public_total", "three_public_overseas": "three_public_overseas",
    "three_public_vehicle_purchase": "three_public_vehicle_purchase",
    "three_public_vehicle_operation": "three_public_vehicle_operation",
    "three_public_reception": "three_public_reception", "operating_costs": "operating_costs",
}


def compute_figures(d: Disclosure) -> dict:
    """name -> Figure for every name in FIGURES (value None where nothing gives it)."""
    income_total = r"收入总计|收入合计|本年收入合计|合计|总计"
    spend_total = r"支出总计|支出合计|本年支出合计|合计|总计"
    rules = {
        "total_income": [
            (["department_summary"], _named_row(r"^收入总计$|^收入合计$", "income")),
            (["department_summary"], _col("total", "income", income_total)),
            (["department_income"], _col("total")),
            (["fiscal_summary"], _col("total", "income", income_total)),
        ],
        "total_expenditure": [
            (["department_summary"], _named_row(r"^支出总计$|^支出合计$", "expenditure")),
            (["department_summary"], _col("total", "expenditure", spend_total)),
            (["department_expenditure"], _col("total")),
            (["fiscal_summary"], _col("total", "expenditure", spend_total)),
        ],
        "current_income": [
            (["department_summary"], _named_row(r"^本年收入合计$|^本年收入$|^当年收入小计$", "income")),
        ],
        "current_expenditure": [
            (["department_summary"], _named_row(r"^本年支出合计$|^本年支出$|^当年支出小计$", "expenditure")),
        ],
        "general_budget_total": [
            (["general_budget_expenditure"], _col("total")),
        ],
        "fiscal_total": [
            (["fiscal_summary"], _named_row(r"^收入总计$|^收入合计$", "income")),
            (["fiscal_summary"], _col("total", "income", income_total)),
        ],
        "basic_expenditure": [
            (["department_expenditure", "fiscal_expenditure", "general_budget_expenditure"], _col("basic")),
            (["department_summary", "fiscal_summary"], _named_row(r"基本支出$", "expenditure")),
            (["fiscal_basic_expenditure", "general_budget_basic_expenditure"], _col("total")),
        ],
        "project_expenditure": [
            (["department_expenditure", "fiscal_expenditure", "general_budget_expenditure"], _col("project")),
            (["department_summary", "fiscal_summary"], _named_row(r"项目支出$", "expenditure")),
            (["project_expenditure"], _col("total")),
        ],
        "operating_costs": [
            (["operating_costs"], _col("operating_costs")),
            (["operating_costs"], _col("total")),
            (["three_public"], _col("operating_costs")),
        ],
    }
    for name in ("three_public_total", "three_public_overseas", "three_public_vehicle_purchase",
                 "three_public_vehicle_operation", "three_public_reception"):
        key = name.replace("three_public_", "") if name != "three_public_total" else name
        rules[name] = [(["three_public"], _three_public(key))]
    out: dict = {}
    for name in FIGURES:
        fig = None
        unreadable: list = []
        for kinds, pick in rules.get(name, []):
            fig = _from_table(d, kinds, pick, unreadable)
            if fig is not None:
                break
        if fig is None and name in ("current_income", "current_expenditure"):
            total = out.get(name.replace("current_", "total_"))
            if total is not None and total.source == "table":
                fig = Figure("", total.value, total.source, total.table, total.kind, total.page, total.file)
        if fig is None and name in _CLAIM_FOR:
            claim = next((c for c in d.claims if c.metric == _CLAIM_FOR[name] and c.value is not None
                          and c.unit == "万元" and (c.year is None or d.year is None or c.year == d.year)),
                         None)
            if claim is not None:
                fig = Figure("", claim.value, "narrative", "", "narrative", claim.page, claim.file)
        if fig is None and unreadable:
            t = unreadable[0]
            fig = Figure(name, None, "unreadable", t.id, t.kind, t.pages[0] if t.pages else 0, t.file)
        if fig is None:
            fig = Figure(name, None)
        fig.name = name
        out[name] = fig
    return out


def figure_values(d: Disclosure) -> dict:
    """name -> value as a float rounded to 0.01 万元 (None where absent), for JSON output."""
    return {k: None if f.value is None else float(round(f.value, 2)) for k, f in compute_figures(d).items()}
