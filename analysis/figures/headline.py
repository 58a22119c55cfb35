"""Headline figures: the few figures every report shows (收入总计, 基本支出, “三公”经费 …), each
chosen from the located figures of the disclosure (``Disclosure.figures``), with where it was read.

A headline figure comes from the tables, in the order of ``HEADLINE`` (its options: a figure, the
money it covers, the table roles it may come from); the narrative fills a gap only where no
table gives it. A figure whose tables the tool could not read is marked ``unreadable``. Nothing
is located here: the figures were located once, when the disclosure was assembled.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..model import Disclosure, Located
from ..vocab import HEADLINE, role_of
from .locate import locate

ANY = ("dept", "fiscal", "gb", "gf", "sc")
SPENDING = ("department_expenditure", "fiscal_expenditure", "general_budget_expenditure")
THREE_PUBLIC_PARTS = ("three_public_overseas", "three_public_vehicle_purchase", "three_public_vehicle_operation",
                      "three_public_reception")

# name -> options, tried in order: (figures, scopes, table roles in order)
HEADLINE_OPTIONS = {
    "total_income": [(("total_income",), ("dept",), ("department_summary",)),
                     (("total_income", "current_income"), ("dept",), ("department_income",)),
                     (("total_income",), ("fiscal",), ("fiscal_summary",))],
    "total_expenditure": [(("total_expenditure",), ("dept",), ("department_summary",)),
                          (("total_expenditure", "current_expenditure"), ("dept",), ("department_expenditure",)),
                          (("total_expenditure",), ("fiscal",), ("fiscal_summary",))],
    "current_income": [(("current_income",), ("dept",), ("department_summary",))],
    "current_expenditure": [(("current_expenditure",), ("dept",), ("department_summary",))],
    "general_budget_total": [(("total_expenditure", "current_expenditure"), ("gb",), ("general_budget_expenditure",))],
    "fiscal_total": [(("total_income",), ("fiscal",), ("fiscal_summary",))],
    "basic_expenditure": [(("basic_expenditure",), ANY, SPENDING),
                          (("basic_expenditure",), ANY, ("department_summary", "fiscal_summary")),
                          (("basic_expenditure",), ANY, ("fiscal_basic_expenditure", "general_budget_basic_expenditure"))],
    "project_expenditure": [(("project_expenditure",), ANY, SPENDING),
                            (("project_expenditure",), ANY, ("department_summary", "fiscal_summary")),
                            (("project_expenditure",), ANY, ("project_expenditure",))],
    "operating_costs": [(("operating_costs",), ANY, ("operating_costs", "three_public"))],
    "three_public_total": [(("three_public_total",), ANY, ("three_public",))],
    **{name: [((name,), ANY, ("three_public",))] for name in THREE_PUBLIC_PARTS},
}
# headline figures the narrative may give when no table does (``Claim.metric`` of the same name)
FROM_NARRATIVE = ("total_income", "total_expenditure", "basic_expenditure", "project_expenditure",
                  "three_public_total", *THREE_PUBLIC_PARTS, "operating_costs")


@dataclass
class Figure:
    name: str
    value: Optional[Decimal]
    source: str = ""     # "table" | "narrative" | "unreadable" (a table the tool could not read) | ""
    table: str = ""      # table id
    kind: str = ""
    page: int = 0
    file: str = ""
    place: str = ""      # in a workbook: the cell it is printed in ("Sheet!B12")

    def to_dict(self) -> dict:
        return {"name": self.name, "value": None if self.value is None else str(self.value),
                "source": self.source, "table": self.table, "kind": self.kind, "page": self.page,
                "file": self.file, "place": self.place}


def figures_of(d: Disclosure) -> list:
    """The located figures of ``d``: those stored with it, located now (once) for a disclosure
    assembled without them (one built by hand)."""
    if not d.figures and d.tables:
        d.figures = locate(d)
    return d.figures


def _table_figure(name: str, f: Located) -> Figure:
    return Figure(name, f.value, "table", f.table_id, f.kind, f.page, f.file, f.place)


def _option(d: Disclosure, figures: tuple, scopes: tuple, roles: tuple) -> tuple:
    """(first readable place of the option, an unreadable table of its roles or None)."""
    located = [f for f in figures_of(d) if f.figure in figures and f.scope in scopes]
    for role in roles:
        for f in sorted((f for f in located if role_of(f.kind) == role and not f.unreadable), key=lambda f: f.rank):
            return f, None
    unreadable = next((t for role in roles for t in d.tables_of(role) if not t.readable), None)
    return None, unreadable


def _three_public_sum(d: Disclosure) -> Optional[Figure]:
    """The 三公 total as the sum of its four items printed in one row of the first readable 三公
    table (without 会议费/培训费); a printed total that disagrees with its items is the audit's."""
    first, _ = _option(d, (THREE_PUBLIC_PARTS[0],), ANY, ("three_public",))
    if first is None:
        return None
    parts = []
    for name in THREE_PUBLIC_PARTS:
        f = next((x for x in figures_of(d) if x.figure == name and x.table_id == first.table_id
                  and x.row == first.row), None)
        if f is None:
            return None
        parts.append(f.value)
    return Figure("three_public_total", sum(parts, Decimal(0)), "table", first.table_id, first.kind, first.page, first.file)


def _from_narrative(d: Disclosure, name: str) -> Optional[Figure]:
    c = next((c for c in d.claims if c.metric == name and c.value is not None and c.unit == "万元"
              and (c.year is None or d.year is None or c.year == d.year)), None)
    return Figure(name, c.value, "narrative", "", "narrative", c.page, c.file) if c is not None else None


def headline(d: Disclosure, name: str) -> Figure:
    """One headline figure of ``d`` (value None where nothing gives it)."""
    unreadable = None
    if name == "three_public_total":
        total = _three_public_sum(d)
        if total is not None:
            return total
    for figures, scopes, roles in HEADLINE_OPTIONS.get(name, []):
        f, bad = _option(d, figures, scopes, roles)
        if f is not None:
            return _table_figure(name, f)
        unreadable = unreadable or bad
    if name in ("current_income", "current_expenditure"):
        total = headline(d, name.replace("current_", "total_"))
        if total.source == "table":
            return Figure(name, total.value, total.source, total.table, total.kind, total.page, total.file,
                          total.place)
    if name in FROM_NARRATIVE:
        got = _from_narrative(d, name)
        if got is not None:
            return got
    if unreadable is not None:
        return Figure(name, None, "unreadable", unreadable.id, unreadable.kind,
                      unreadable.pages[0] if unreadable.pages else 0, unreadable.file)
    return Figure(name, None)


def headline_figures(d: Disclosure) -> dict:
    """name -> ``Figure`` for every headline figure of the vocabulary (``analysis.vocab.HEADLINE``)."""
    return {name: headline(d, name) for name in HEADLINE}


def figure_values(d: Disclosure) -> dict:
    """name -> value as a float rounded to 0.01 万元 (None where absent), for JSON output."""
    return {k: None if f.value is None else float(round(f.value, 2)) for k, f in headline_figures(d).items()}


# former names (``analysis.figures.compute_figures`` before the locator)
compute_figures = headline_figures
