"""The figure locator: every place of a disclosure where a figure of the catalogue is printed.

``locate(d)`` runs each ``Source`` of ``analysis.figures.catalogue.CATALOGUE`` over the tables of
its roles, in catalogue order, and returns one ``Located`` per printed value (a placeholder or
unreadable cell is not a value). It runs once per disclosure, when the disclosure is assembled;
the result is stored in ``Disclosure.figures`` (and in ``model.json``). Tables read without
confidence are located too, marked ``unreadable``: a reader of the figures decides whether
to use them.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Iterable, Optional

from ..model import Disclosure, Located, Row, Table
from ..reference import function_class_names
from ..structure import Side, ancestors, bare, cname, first_total, fold, totals, val
from ..vocab import column_funds, funds_of
from .catalogue import CATALOGUE, Source

CLASSIFIED = ("function", "economic", "income")
PERFORMANCE_FIGURE_ROW = -1


# ---------------------------------------------------------------------------
# row selectors: (table, arg, disclosure context) -> [(row, code or None)]
# ---------------------------------------------------------------------------
def _total(t: Table, arg: str, ctx: "_Context") -> list:
    first = first_total(t)
    if first is not None:
        return [first]
    return totals(t)[:1]


def _side_total(t: Table, arg: str, ctx: "_Context") -> list:
    r = Side(t, arg).total()
    return [r] if r is not None else []


def _side_current(t: Table, arg: str, ctx: "_Context") -> list:
    r = Side(t, arg).current
    return [r] if r is not None else []


def _named(t: Table, arg: str, ctx: "_Context") -> list:
    pattern, _, sections = arg.rpartition("@")
    rx = re.compile(pattern)
    allowed = tuple(s for s in sections.split("|") if s)
    first = next((r for r in t.rows if (not allowed or (r.section or "") in allowed) and rx.search(bare(r.name))), None)
    return [first] if first is not None else []


def _coded(t: Table, arg: str, ctx: "_Context") -> list:
    """Coded rows; in a cross-classified table a row within one government class (``gov_code``)
    holds only a part of its code's figure, so it is no place of it."""
    return [r for r in t.rows if r.code and not r.is_total and not r.extra.get("gov_code")]


def _class_rows(t: Table, arg: str, ctx: "_Context") -> list:
    return [r for r in t.rows if r.section == "expenditure" and not r.is_total and ctx.class_code(r.name)]


FUND_SECTION = (("gb", r"一般公共预算|公共财政"), ("gf", r"政府性基金"), ("sc", r"国有资本"))


def _side_items(t: Table, arg: str, ctx: "_Context") -> list:
    return [r for r in t.rows if (r.section or "").startswith(arg) and not r.code and not r.is_total]


def _fund_subtotals(t: Table, arg: str, ctx: "_Context") -> list:
    return [r for r in t.rows if "subtotal" in r.flags and r.section
            and any(re.search(rx, cname(r.section)) for _, rx in FUND_SECTION)]


def _category(t: Table, arg: str, ctx: "_Context") -> list:
    rx = re.compile(rf"^(?:[一二三四五六七八九十]+、)?{arg}[A-Za-z类]?$")
    return [r for r in t.rows if rx.search(cname(r.extra.get("category") or r.name))]


def _total_or_first(t: Table, arg: str, ctx: "_Context") -> list:
    rows = totals(t) or t.rows[:1]
    return rows[:1]


def _code_or_name(t: Table, arg: str, ctx: "_Context") -> list:
    code, name = arg.split("|")
    return [r for r in t.rows if r.code == code or fold(r.name) == name]


SELECTORS: dict = {
    "total": _total, "side_total": _side_total, "side_current": _side_current, "named": _named,
    "coded": _coded, "class_rows": _class_rows, "side_items": _side_items, "fund_subtotals": _fund_subtotals, "category": _category,
    "total_or_first": _total_or_first, "code_or_name": _code_or_name,
}


# ---------------------------------------------------------------------------
# the locator
# ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _reference_classes() -> dict:
    """Folded class name -> 3-digit function code, from the reference code table."""
    out: dict = {}
    for code, name in function_class_names():
        out.setdefault(fold(name), code)
    return out


class _Context:
    """What selectors may need beyond one table: the disclosure's function classes by name."""

    def __init__(self, d: Disclosure):
        self.d = d
        self._classes: Optional[dict] = None

    def class_code(self, name: str) -> Optional[str]:
        if self._classes is None:
            out = dict(_reference_classes())
            for t in self.d.tables:
                if t.role in ("department_expenditure", "department_income", "fiscal_expenditure",
                              "general_budget_expenditure", "government_fund", "state_capital"):
                    for r in t.rows:
                        if r.code and len(r.code) == 3 and r.name:
                            out[fold(r.name)] = r.code
            self._classes = out
        return self._classes.get(fold(name))


def _section_fund(r: Row) -> str:
    return next((scope for scope, rx in FUND_SECTION if re.search(rx, cname(r.section or ""))), "")


def _scope(src: Source, t: Table, column: str, r: Optional[Row] = None) -> str:
    if src.scope == "section" and r is not None:
        return _section_fund(r)
    return column_funds(column) or (funds_of(t.kind) if src.scope == "table" else src.scope)


def _figure_name(src: Source, t: Table, r: Row, ctx: _Context) -> str:
    if src.figure not in CLASSIFIED:
        return src.figure
    code = ctx.class_code(r.name) if src.rows == "class_rows" else r.code
    return f"{src.figure}:{code}"


def _path(t: Table, r: Row) -> list:
    return ancestors(t, r) if r.code else []


def _place(src: Source, t: Table, r: Row, column: str, value: Decimal, rank: int, ctx: _Context) -> Located:
    figure = _figure_name(src, t, r, ctx)
    period = "prior" if column.startswith("prior_") else "current"
    return Located(figure=figure, scope=_scope(src, t, column, r), value=value, table_id=t.id, kind=t.kind,
                   row=r.index, column=column, page=r.page or (t.pages[0] if t.pages else 0), file=r.file or t.file,
                   code=r.code, name=r.name, period=period, rank=rank, unreadable=not t.readable,
                   path=_path(t, r) if src.figure in CLASSIFIED else [], place=r.refs.get(column, ""))


def _columns(src: Source, t: Table) -> list:
    keys = t.column_keys()
    cols = [c for c in src.columns if c in keys]
    return cols[:1] if src.first_column else cols


def _blank_total(t: Table, r: Row, col: str) -> bool:
    """A total printed blank above items that are not: the figure is not printed there (a blank
    cell reads as 0, which is true of an empty column and false of this one)."""
    return r.is_total and col in r.blank and any(x.amounts.get(col) for x in t.rows if x is not r)


def _from_rows(src: Source, t: Table, rank: int, ctx: _Context) -> list:
    out = []
    rows = SELECTORS[src.rows](t, src.arg, ctx)
    for col in _columns(src, t):
        for r in rows:
            v = val(r, col)
            if v is not None and col in r.amounts and not _blank_total(t, r, col):
                out.append(_place(src, t, r, col, v, rank, ctx))
    return out


def _empty_zero(src: Source, t: Table, rank: int) -> list:
    if any(v != 0 for r in t.rows for v in r.amounts.values()):
        return []
    return [Located(src.figure, _scope(src, t, "total"), Decimal(0), t.id, t.kind, PERFORMANCE_FIGURE_ROW, "total",
                    t.pages[0] if t.pages else 0, t.file, name="（表内无数据）", rank=rank, unreadable=not t.readable,
                    derived="empty")]


def _class_sum(src: Source, t: Table, rank: int) -> list:
    classes = src.arg.split("+")
    rows = [r for r in t.rows if r.code in classes]
    if not rows or any(val(r, "total") is None for r in rows):
        return []
    total = sum((r.amounts["total"] for r in rows), Decimal(0))
    first = rows[0]
    return [Located(src.figure, _scope(src, t, "total"), total, t.id, t.kind, first.index, "total",
                    first.page or (t.pages[0] if t.pages else 0), first.file or t.file, first.code, first.name,
                    rank=rank, unreadable=not t.readable, derived="+".join(r.code for r in rows))]


def _targets_name(targets: list) -> str:
    """How a sum of target funds is named: over tables (one a project), or over one list."""
    if len({p.table_id for p in targets}) < len(targets):
        return f"所列{len(targets)}个项目资金合计"
    return f"{len(targets)}张项目绩效目标表资金总额合计"


def _targets_sum(src: Source, d: Disclosure, rank: int) -> list:
    targets = [p for p in d.performance if p.kind == "project" and p.fund_total is not None]
    if not targets:
        return []
    t = next((x for x in d.tables if x.id == targets[0].table_id), None)
    if t is None:
        return []
    total = sum((p.fund_total for p in targets), Decimal(0))
    page = targets[0].pages[0] if targets[0].pages else 0
    return [Located(src.figure, src.scope, total, t.id, t.kind, PERFORMANCE_FIGURE_ROW, "total", page, targets[0].file,
                    name=_targets_name(targets), rank=rank, unreadable=not t.readable,
                    derived="targets")]


def _tables(d: Disclosure, roles: tuple) -> Iterable[Table]:
    """Tables of the roles, the department's only (a unit's block of a stacked table is no place
    of the department's figures)."""
    for role in roles:
        yield from (t for t in d.tables if t.role == role and not t.part_of)


def _run(src: Source, d: Disclosure, rank: int, ctx: _Context) -> list:
    if src.rows == "targets_sum":
        return _targets_sum(src, d, rank)
    out: list = []
    for t in _tables(d, src.roles):
        if src.rows == "empty_zero":
            out.extend(_empty_zero(src, t, rank))
        elif src.rows == "class_sum":
            out.extend(_class_sum(src, t, rank))
        else:
            out.extend(_from_rows(src, t, rank, ctx))
    return out


def locate(d: Disclosure, catalogue: tuple = CATALOGUE) -> list:
    """Every place a figure of ``catalogue`` is printed in ``d`` (``Located``), in catalogue order."""
    ctx = _Context(d)
    out: list = []
    found: set = set()
    document = d.kind or "budget"
    for rank, src in enumerate(catalogue):
        if not src.applies(document):
            continue
        got = _run(src, d, rank, ctx)
        if src.fallback:
            got = [f for f in got if (f.figure, f.scope) not in found]
        out.extend(got)
        found.update((f.figure, f.scope) for f in got)
    return out


def places(d: Disclosure, figure: str, scopes: Optional[Iterable[str]] = None,
           where: Optional[Callable[[Located], bool]] = None) -> list:
    """The located places of ``figure`` (of ``scopes`` when given), most authoritative first."""
    scopes = None if scopes is None else tuple(scopes)
    out = [f for f in d.figures if f.figure == figure and (scopes is None or f.scope in scopes)
           and (where is None or where(f))]
    return sorted(out, key=lambda f: f.rank)


def table_of(d: Disclosure, f: Located) -> Optional[Table]:
    return next((t for t in d.tables if t.id == f.table_id), None)


def row_of(d: Disclosure, f: Located) -> Optional[Row]:
    t = table_of(d, f)
    if t is None or f.row < 0:
        return None
    return next((r for r in t.rows if r.index == f.row), None)
