"""Cross-check lookups: the figures the tables print for what a check compares.

* ``figures_for(d, metric, subject)``: the table figures (``TableFigure``) that state what a
  narrative claim of ``metric`` states;
* ``observations(d)``: every place a figure is printed, with the scope of money it covers
  (``Obs``), for the cross-table comparison; ``class_codes(d)``: function class names to codes;
* ``three_public_budget(d)``: the current-year 三公 items, from the table else the narrative;
* ``previous_disclosure(ctx)``: last year's disclosure of the same department in the batch.

They are moved here unchanged from the narrative, cross_table and three_public checks (a
declarative figure locator replaces them).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Iterable, Optional

from ...model import Disclosure, Row, Table
from ...parse.titles import same_department
from ...vocab import BASIC_KINDS, ECONOMIC_KINDS, FUNCTION_KINDS, TWO_SIDED
from ..base import Context
from .amounts import fmt, val
from .places import col_label, row_label, where
from .rows import Side, bare, cname, first_total, fold
from .text import compact


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


def _tables(d: Disclosure, *kinds: str) -> list:
    return [t for t in d.tables if t.role in kinds]


def _rows_named(t: Table, rx: str, section: Optional[str] = None) -> list:
    out = []
    for r in t.rows:
        if section and not (r.section or "").startswith(section):
            continue
        if re.search(rx, compact(r.name)):
            out.append(r)
    return out


def totals_of(t: Table, section: Optional[str] = None) -> list:
    """The total rows of a table (of one section), or its first row when that is an unlabelled 合计."""
    rows = [r for r in t.rows if r.is_total and (section is None or (r.section or "").startswith(section))]
    if not rows and section is None and t.rows and not t.rows[0].code:
        # some templates print the 合计 row without a label
        first = t.rows[0]
        if "unlabelled" in first.flags or compact(first.name) in ("合计", "总计", ""):
            rows = [first]
    return rows


def _add(out: list, t: Table, rows: Iterable[Row], key: str, what: str = "") -> None:
    for r in rows:
        v = val(r, key)
        if v is not None:
            out.append(TableFigure(v, t, r, key, what))


def _empty_table_zero(out: list, t: Table) -> None:
    """A printed table without a single figure states zero (e.g. 本单位无政府采购)."""
    if not any(v != 0 for r in t.rows for v in r.amounts.values()):
        dummy = Row(index=-1, name="（表内无数据）", page=t.pages[0] if t.pages else 0, file=t.file)
        out.append(TableFigure(Decimal(0), t, dummy, "total", ""))


THREE_PUBLIC_KEYS = {
    "three_public_total": ("three_public", "total"),
    "three_public_overseas": ("overseas",),
    "three_public_vehicle_total": ("vehicle_total",),
    "three_public_vehicle_purchase": ("vehicle_purchase",),
    "three_public_vehicle_operation": ("vehicle_operation",),
    "three_public_reception": ("reception",),
    "meeting_fee": ("meeting",),
    "training_fee": ("training",),
}
_SIMPLE_SUMMARY = {
    # metric: (regex on the row name, section)
    "special_account_income": (r"财政专户", "income"),
    "other_income": (r"^(?:[一二三四五六七八九十]+、|\d\.)?(?:其他资金|其他收入)", "income"),
    "carryover_income": (r"上年结转", "income"),
    "carryforward_expenditure": (r"结转下年|年末结转", "expenditure"),
    "business_income": (r"^(?:[一二三四五六七八九十]+、)?事业收入", "income"),
    "business_operation_income": (r"经营收入", "income"),
    "superior_subsidy_income": (r"上级补助", "income"),
    "subsidiary_income": (r"附属单位", "income"),
    "state_capital_income": (r"国有资本经营", "income"),
    "state_capital_expenditure": (r"国有资本经营", "expenditure"),
}
_INCOME_COLUMN = {
    "special_account_income": "special_account", "business_income": "business",
    "superior_subsidy_income": "superior_subsidy", "subsidiary_income": "affiliated",
    "business_operation_income": "operating", "other_income": "other",
    "state_capital_income": "state_capital", "government_fund_income": "government_fund",
    "general_budget_income": "general_budget",
}


def _total_figures(d: Disclosure, metric: str, subject: str) -> list:
    out: list = []
    side = "income" if metric == "total_income" else "expenditure"
    word = "收入" if side == "income" else "支出"
    for t in _tables(d, "department_summary"):
        _add(out, t, _rows_named(t, rf"^(?:本年)?{word}(?:总计|合计)$|^{word}(?:预算)?(?:总计|合计)", side), "total")
        _add(out, t, [r for r in totals_of(t, side) if r not in [f.row for f in out]], "total")
    for t in _tables(d, "department_income" if side == "income" else "department_expenditure"):
        _add(out, t, totals_of(t), "total")
    return out


def _fiscal_figures(d: Disclosure, metric: str, subject: str) -> list:
    out: list = []
    side = "income" if metric == "fiscal_income" else "expenditure"
    for t in _tables(d, "fiscal_summary"):
        _add(out, t, totals_of(t, side), "total")
    if side == "expenditure":
        for t in _tables(d, "fiscal_expenditure"):
            _add(out, t, totals_of(t), "total")
    return out


def _general_budget_figures(d: Disclosure, metric: str, subject: str) -> list:
    out: list = []
    if metric == "general_budget_expenditure":
        for t in _tables(d, "general_budget_expenditure"):
            _add(out, t, totals_of(t), "total")
        for t in _tables(d, "fiscal_summary"):
            if "general_budget" in t.column_keys():
                _add(out, t, totals_of(t, "expenditure"), "general_budget")
        return out
    for t in _tables(d, "fiscal_summary", "department_summary"):
        _add(out, t, _rows_named(t, r"一般公共预算|公共财政", "income"), "total")
    for t in _tables(d, "department_income"):
        if "general_budget" in t.column_keys():
            _add(out, t, totals_of(t), "general_budget")
    return out


def _government_fund_figures(d: Disclosure, metric: str, subject: str) -> list:
    out: list = []
    side = "income" if metric.endswith("income") else "expenditure"
    if side == "expenditure":
        for t in _tables(d, "government_fund"):
            _add(out, t, totals_of(t), "total")
            if not out:
                _empty_table_zero(out, t)
    for t in _tables(d, "fiscal_summary", "department_summary"):
        _add(out, t, _rows_named(t, r"政府性基金", side), "total")
    if side == "income":
        for t in _tables(d, "department_income"):
            if "government_fund" in t.column_keys():
                _add(out, t, totals_of(t), "government_fund")
    return out


# "一般公共预算财政拨款基本支出" is the general budget's, "财政拨款基本支出" the fiscal funds': a
# department-wide figure (all sources of funds) is another figure
_SPENDING = {"general_budget": ("general_budget_expenditure",),
             "fiscal": ("fiscal_expenditure", "general_budget_expenditure"),
             "department": ("department_expenditure", "general_budget_expenditure", "fiscal_expenditure")}
_BASIC = {"general_budget": ("general_budget_basic_expenditure",),
          "fiscal": ("fiscal_basic_expenditure", "general_budget_basic_expenditure"),
          "department": ("general_budget_basic_expenditure", "fiscal_basic_expenditure")}


def _money_scope(subject: str) -> str:
    s = compact(unicodedata.normalize("NFKC", subject or ""))
    return ("general_budget" if re.search(r"一般公共预算|公共财政", s)
            else "fiscal" if re.search(r"财政拨款", s) else "department")


def _basic_project_figures(d: Disclosure, metric: str, subject: str) -> list:
    out: list = []
    key = "basic" if metric == "basic_expenditure" else "project"
    word = "基本支出" if key == "basic" else "项目支出"
    scope = _money_scope(subject)
    for t in _tables(d, *_SPENDING[scope]):
        if key in t.column_keys():
            _add(out, t, totals_of(t), key)
    if scope != "general_budget":
        summaries = TWO_SIDED if scope == "department" else ("fiscal_summary",)
        for t in _tables(d, *summaries):
            _add(out, t, _rows_named(t, rf"^(?:[一二三四五六七八九十]+、)?{word}$", "expenditure"), "total")
    for t in _tables(d, *(_BASIC[scope] if key == "basic" else ("project_expenditure",))):
        _add(out, t, totals_of(t), "total")
    return out


def _reserve_figures(d: Disclosure, metric: str, subject: str) -> list:
    out: list = []
    for t in _tables(d, "department_expenditure"):
        if "reserve" in t.column_keys():
            _add(out, t, totals_of(t), "reserve")
    for t in _tables(d, *TWO_SIDED):
        _add(out, t, _rows_named(t, r"预留机动|机动经费", "expenditure"), "total")
    return out


def _class_sum(out: list, t: Table, classes: tuple) -> None:
    """The sum of the economic class rows ``classes`` (301+303 人员经费, 302 公用经费)."""
    rows = [r for r in t.rows if r.code in classes]
    if rows and all(val(r, "total") is not None for r in rows):
        total = sum((r.amounts["total"] for r in rows), Decimal(0))
        what = "（" + "+".join(r.code for r in rows) + "）" if len(rows) > 1 else ""
        out.append(TableFigure(total, t, rows[0], "total", what))


def _personnel_public_figures(d: Disclosure, metric: str, subject: str) -> list:
    out: list = []
    key = "personnel" if metric == "personnel_expenditure" else "public"
    word = "人员经费" if key == "personnel" else "公用经费"
    for t in _tables(d, *BASIC_KINDS):
        printed = _rows_named(t, rf"^{word}(?:合计|小计)?$")
        if key in t.column_keys():
            _add(out, t, totals_of(t), key)
        elif printed:   # the table's own subtotal row (决算 templates print one)
            _add(out, t, printed, "total")
        else:
            _class_sum(out, t, ("301", "303") if key == "personnel" else ("302",))
    return out


def _three_public_figures(d: Disclosure, metric: str, subject: str) -> list:
    out: list = []
    for t in _tables(d, "three_public"):
        keys = [k for k in THREE_PUBLIC_KEYS[metric] if k in t.column_keys()]
        if not keys:
            continue
        rows = totals_of(t) or t.rows[:1]
        _add(out, t, rows[:1], keys[0])
    if not out and metric in ("meeting_fee", "training_fee"):
        code, name = {"meeting_fee": ("30215", "会议费"), "training_fee": ("30216", "培训费")}[metric]
        for t in _tables(d, *ECONOMIC_KINDS):
            key = "operating_costs" if "operating_costs" in t.column_keys() else "total"
            _add(out, t, [r for r in t.rows if r.code == code or fold(r.name) == name], key)
    return out


def _operating_costs_figures(d: Disclosure, metric: str, subject: str) -> list:
    # only a table that prints 机关运行经费 itself; 公用经费 is a different (wider) figure, and
    # cross_table compares the two as a bound
    out: list = []
    for t in _tables(d, "operating_costs"):
        key = "operating_costs" if "operating_costs" in t.column_keys() else "total"
        _add(out, t, totals_of(t), key)
    for t in _tables(d, "three_public"):
        if "operating_costs" in t.column_keys():
            _add(out, t, totals_of(t) or t.rows[:1], "operating_costs")
    return out


def _procurement_figures(d: Disclosure, metric: str, subject: str) -> list:
    out: list = []
    for t in _tables(d, "procurement"):
        if metric == "procurement_total":
            _add(out, t, totals_of(t), "total")
            if not out:
                _empty_table_zero(out, t)
            continue
        word = {"procurement_goods": "货物", "procurement_works": "工程", "procurement_services": "服务"}[metric]
        rows = [r for r in t.rows if re.search(rf"^(?:[一二三四五六七八九十]+、)?{word}[A-Za-z类]?$",
                                               compact(r.extra.get("category") or r.name))]
        _add(out, t, rows, "total")
        if not rows and not any(v != 0 for r in t.rows for v in r.amounts.values()):
            _empty_table_zero(out, t)
    return out


def _performance_funds_figures(d: Disclosure, metric: str, subject: str) -> list:
    out: list = []
    for t in _tables(d, "project_expenditure"):
        _add(out, t, totals_of(t), "total")
    targets = [p for p in d.performance if p.kind == "project" and p.fund_total is not None]
    if targets:
        first = next((t for t in d.tables if t.id == targets[0].table_id), None)
        if first is not None:
            total = sum((p.fund_total for p in targets), Decimal(0))
            row = Row(index=-1, name=f"{len(targets)}张项目绩效目标表资金总额合计",
                      page=targets[0].pages[0] if targets[0].pages else 0, file=targets[0].file)
            out.append(TableFigure(total, first, row, "total"))
    return out


def _simple_summary_figures(d: Disclosure, metric: str, subject: str) -> list:
    out: list = []
    rx, side = _SIMPLE_SUMMARY[metric]
    for t in _tables(d, *TWO_SIDED):
        _add(out, t, _rows_named(t, rx, side), "total")
    col = _INCOME_COLUMN.get(metric)
    if col:
        for t in _tables(d, "department_income"):
            if col in t.column_keys():
                _add(out, t, totals_of(t), col)
    return out


# -- function and economic classes by name ------------------------------------
_MARKED = re.compile(r"(.+?)\((类|款|项)\)")


def subject_names(subject: str) -> list:
    """Names a subject gives, outermost first: "人大事务（款）行政运行（项）支出" ->
    ["人大事务", "行政运行"]; a subject without markers gives its folded self."""
    s = unicodedata.normalize("NFKC", subject or "")
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"^.*?\d{4}年度?", "", s) if re.search(r"\d{4}年", s) else s
    parts = [fold(p) for p, _ in _MARKED.findall(s)]
    if not parts:
        parts = [fold(s)]
    return [p for p in parts if p]


def _ancestors(t: Table, row: Row) -> list:
    """Names of the printed parents of a coded row (款 then 类), same table."""
    if not row.code:
        return []
    by_code = {r.code: r for r in t.rows if r.code}
    out = []
    for n in (5, 3):
        if len(row.code) > n and row.code[:n] in by_code:
            out.append(fold(by_code[row.code[:n]].name))
    return out


def _match_coded(t: Table, names: list, rows: Iterable[Row]) -> list:
    if not names:
        return []
    last = names[-1]
    outer = names[:-1]
    hits = []
    for r in rows:
        own = fold(r.name)
        anc = _ancestors(t, r)
        full = [own] + [a + own for a in anc] + ["".join(reversed(anc[:k + 1])) + own for k in range(len(anc))]
        if last in full:
            # "行政事业单位离退休（类）未归口…（项）": an outer name must be an ancestor (at any
            # level: documents mislabel 款 as 类)
            if outer and anc and not any(o in anc for o in outer):
                continue
            hits.append(r)
    return hits


def _function_figures(d: Disclosure, metric: str, subject: str) -> list:
    names = subject_names(subject)
    out: list = []
    for kind in ("general_budget_expenditure", "fiscal_expenditure", "department_expenditure"):
        for t in d.tables_of(kind):
            _add(out, t, _match_coded(t, names, [r for r in t.rows if r.code]), "total")
    if names and len(names) == 1:
        for t in _tables(d, *TWO_SIDED):
            _add(out, t, [r for r in t.rows if (r.section or "").startswith("expenditure")
                          and not r.code and fold(r.name) == names[0]], "total")
    return out


def _economic_figures(d: Disclosure, metric: str, subject: str) -> list:
    names = subject_names(subject)
    out: list = []
    for t in _tables(d, *ECONOMIC_KINDS):
        key = "operating_costs" if "operating_costs" in t.column_keys() else "total"
        _add(out, t, _match_coded(t, names, [r for r in t.rows if r.code]), key)
    return out


_FINDERS: dict = {
    "total_income": _total_figures, "total_expenditure": _total_figures,
    "fiscal_income": _fiscal_figures, "fiscal_expenditure": _fiscal_figures,
    "general_budget_income": _general_budget_figures, "general_budget_expenditure": _general_budget_figures,
    "government_fund_income": _government_fund_figures, "government_fund_expenditure": _government_fund_figures,
    "basic_expenditure": _basic_project_figures, "project_expenditure": _basic_project_figures,
    "reserve_expenditure": _reserve_figures,
    "personnel_expenditure": _personnel_public_figures, "public_expenditure": _personnel_public_figures,
    "operating_costs": _operating_costs_figures,
    "performance_funds": _performance_funds_figures,
    "expenditure_by_function": _function_figures,
    "expenditure_by_economic": _economic_figures,
}


def _finder(metric: str) -> Optional[Callable]:
    if metric in _FINDERS:
        return _FINDERS[metric]
    if metric in THREE_PUBLIC_KEYS:
        return _three_public_figures
    if metric.startswith("procurement_"):
        return _procurement_figures
    if metric in _SIMPLE_SUMMARY:
        return _simple_summary_figures
    return None


def figures_for(d: Disclosure, metric: str, subject: str = "") -> list:
    """The table figures that state what a claim of ``metric`` (about ``subject``) states,
    most authoritative first. Empty when no table of the disclosure states it."""
    finder = _finder(metric)
    return finder(d, metric, subject) if finder is not None else []


# ---------------------------------------------------------------------------
# Every place a figure is printed, with the scope of money it covers
# ---------------------------------------------------------------------------
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


@lru_cache(maxsize=1)
def _reference_classes() -> dict:
    """folded name -> 3-digit function code, from the reference code table."""
    try:
        from importlib import resources

        import pandas as pd
        with resources.files("analysis.reference").joinpath("function_codes.csv").open(encoding="utf-8") as fh:
            frame = pd.read_csv(fh, dtype=str, keep_default_na=False)
    except Exception:  # pragma: no cover
        return {}
    out = {}
    for rec in frame.to_dict("records"):
        if len(rec.get("code", "")) == 3:
            out.setdefault(fold(rec["name"]), rec["code"])
    return out


def class_codes(d) -> dict:
    """folded class name -> function code: from the disclosure's own coded tables, then the reference."""
    out = dict(_reference_classes())
    for t in d.tables:
        if t.role in FUNCTION_KINDS:
            for r in t.rows:
                if r.code and len(r.code) == 3 and r.name:
                    out[fold(r.name)] = r.code
    return out


def _named(t: Table, sections: tuple, pattern: str) -> Optional[Row]:
    rx = re.compile(pattern)
    for r in t.rows:
        if (r.section or "") in sections and rx.search(bare(r.name)):
            return r
    return None


GB_INCOME = r"^(?:一般公共预算|公共财政)(?:拨款|财政拨款)?(?:收入|资金|\(补助\)资金)?$"
GF_INCOME = r"^政府性基金(?:预算)?(?:拨款|财政拨款)?(?:收入|资金)?$"
SC_INCOME = r"^国有资本经营预算(?:拨款|财政拨款)?(?:收入|资金)?$"
FISCAL_INCOME = r"^财政拨款(?:收入|资金)?$"
FISCAL_KEYS = {"general_budget": "gb", "government_fund": "gf", "state_capital": "sc"}
_PURPOSES = (("basic", r"^基本支出$"), ("project", r"^项目支出$"), ("reserve", r"预留机动经费"))
_FUNCTION_SCOPE = {"department_expenditure": "dept", "fiscal_expenditure": "fiscal",
                   "general_budget_expenditure": "gb", "government_fund": "gf", "state_capital": "sc"}


class _Observer:
    """Collects the observations of one disclosure, table by table."""

    def __init__(self, d):
        self.out: list = []
        self.classes = class_codes(d)

    def add(self, scope: str, figure: str, t: Table, r: Optional[Row], key: str) -> None:
        if r is None:
            return
        v = val(r, key)
        if v is not None:
            self.out.append(Obs(scope, figure, v, t, r, key))

    def summary_classes(self, t: Table, scope_of_key: dict) -> None:
        for r in t.rows:
            if r.section != "expenditure" or r.is_total:
                continue
            code = self.classes.get(fold(r.name))
            if code:
                for key, scope in scope_of_key.items():
                    self.add(scope, f"fn:{code}:total", t, r, key)

    def income_sources(self, t: Table) -> None:
        self.add("gb", "total", t, _named(t, ("income",), GB_INCOME), "total")
        self.add("gf", "total", t, _named(t, ("income",), GF_INCOME), "total")
        self.add("sc", "total", t, _named(t, ("income",), SC_INCOME), "total")

    def department_summary(self, t: Table) -> None:
        for side in ("income", "expenditure"):
            self.add("dept", "total", t, Side(t, side).total(), "total")
        for fig, rx in _PURPOSES:
            self.add("dept", fig, t, _named(t, ("expenditure_purpose", "expenditure"), rx), "total")
        self.add("fiscal", "total", t, _named(t, ("income",), FISCAL_INCOME), "total")
        self.income_sources(t)
        self.summary_classes(t, {"total": "dept"})

    def fiscal_summary(self, t: Table) -> None:
        inc, exp = Side(t, "income"), Side(t, "expenditure")
        self.add("fiscal", "total", t, inc.total(), "total")
        et = exp.total()
        self.add("fiscal", "total", t, et, "total")
        for key, scope in FISCAL_KEYS.items():
            self.add(scope, "total", t, et, key)
        for fig, rx in _PURPOSES:
            self.add("fiscal", fig, t, _named(t, ("expenditure_purpose",), rx), "total")
        self.income_sources(t)
        self.summary_classes(t, {"total": "fiscal", **FISCAL_KEYS})

    def _income_group(self, t: Table, r: Row) -> None:
        sec = cname(r.section)
        if re.search(r"一般公共预算|公共财政", sec):
            self.add("gb", "total", t, r, "total")
        elif "政府性基金" in sec:
            self.add("gf", "total", t, r, "total")
        elif "国有资本" in sec:
            self.add("sc", "total", t, r, "total")

    def department_income(self, t: Table) -> None:
        tot = first_total(t)
        self.add("dept", "total", t, tot, "total")
        for key, scope in FISCAL_KEYS.items():
            self.add(scope, "total", t, tot, key)
        for r in t.rows:
            if "subtotal" in r.flags and r.section:
                self._income_group(t, r)
            if r.code and not r.is_total:
                self.add("dept", f"fn:{r.code}:total", t, r, "total")
                for key, scope in FISCAL_KEYS.items():
                    self.add(scope, f"fn:{r.code}:total", t, r, key)

    def function_table(self, t: Table) -> None:
        scope = _FUNCTION_SCOPE[t.role]
        tot = first_total(t)
        keys = [c.key for c in t.columns if c.key in ("total", "basic", "project", "reserve", "carry_forward", "prior_total")]
        for key in keys:
            if key in ("total", "basic", "project", "reserve"):
                self.add(scope, key, t, tot, key)
        for r in t.rows:
            if r.code and not r.is_total:
                for key in keys:
                    self.add(scope, f"fn:{r.code}:{key}", t, r, key)

    def basic_table(self, t: Table) -> None:
        scope = "fiscal" if t.role == "fiscal_basic_expenditure" else "gb"
        tot = first_total(t)
        self.add(scope, "basic", t, tot, "total")
        self.add(scope, "personnel", t, tot, "personnel")
        self.add(scope, "public", t, tot, "public")
        for r in t.rows:
            if r.code and not r.is_total:
                for key in ("total", "personnel", "public"):
                    self.add(scope, f"econ:{r.code}:{key}", t, r, key)

    def project_table(self, t: Table) -> None:
        self.add("dept", "project", t, first_total(t), "total")

    def final_summary(self, t: Table) -> None:
        """A 决算's year: 本年收入 with 本年收入, 本年支出 with 本年支出 (the balances carried in and
        out make the two differ; 收入总计 = 支出总计 is arithmetic's)."""
        scope = "fiscal" if t.role == "fiscal_summary" else "dept"
        inc, exp = Side(t, "income"), Side(t, "expenditure")
        self.add(scope, "current_income", t, inc.current, "total")
        self.add(scope, "current_expenditure", t, exp.current, "total")
        if t.role == "fiscal_summary":
            for key, sc in FISCAL_KEYS.items():
                self.add(sc, "current_expenditure", t, exp.current, key)
        for r in t.rows:
            if r.section == "expenditure" and not r.is_total and self.classes.get(fold(r.name)):
                self.add(scope, f"fn:{self.classes[fold(r.name)]}:total", t, r, "total")

    def final_income(self, t: Table) -> None:
        """A 决算's income by function is not its spending by function: a figure of its own."""
        self.add("dept", "current_income", t, first_total(t), "total")
        for r in t.rows:
            if r.code and not r.is_total:
                self.add("dept", f"fn_income:{r.code}:total", t, r, "total")

    def final_expenditure(self, t: Table) -> None:
        tot = first_total(t)
        for key in ("basic", "project"):
            self.add("dept", key, t, tot, key)
        self.add("dept", "current_expenditure", t, tot, "total")
        for r in t.rows:
            if r.code and not r.is_total:
                for key in ("total", "basic", "project"):
                    self.add("dept", f"fn:{r.code}:{key}", t, r, key)


_BUDGET_OBSERVERS = {
    "department_summary": _Observer.department_summary, "fiscal_summary": _Observer.fiscal_summary,
    "department_income": _Observer.department_income,
    **{k: _Observer.function_table for k in _FUNCTION_SCOPE},
    "fiscal_basic_expenditure": _Observer.basic_table, "general_budget_basic_expenditure": _Observer.basic_table,
    "project_expenditure": _Observer.project_table,
}
_FINAL_OBSERVERS = {
    "department_summary": _Observer.final_summary, "fiscal_summary": _Observer.final_summary,
    "department_income": _Observer.final_income, "department_expenditure": _Observer.final_expenditure,
}


def observations(d) -> list:
    """Every place a figure is printed (``Obs``: scope of money, figure, value, table, row, column)."""
    observer = _Observer(d)
    final = d.kind == "final"
    for t in d.tables:
        observe = (_FINAL_OBSERVERS.get(t.role) if final else None) or _BUDGET_OBSERVERS.get(t.role)
        if observe is not None:
            observe(observer, t)
    return observer.out


# ---------------------------------------------------------------------------
# The current-year 三公 items
# ---------------------------------------------------------------------------
THREE_PUBLIC_ITEM_METRICS = {"overseas": "three_public_overseas", "vehicle_purchase": "three_public_vehicle_purchase",
                             "vehicle_operation": "three_public_vehicle_operation",
                             "reception": "three_public_reception"}


def three_public_budget(d: Disclosure) -> dict:
    """key -> (value, table, row) of the current-year 三公 items; from the 三公 table, else
    from the narrative (table None)."""
    out: dict = {}
    for t in d.tables_of("three_public"):
        rows = totals_of(t) or t.rows[:1]
        if not rows:
            continue
        for key in THREE_PUBLIC_ITEM_METRICS:
            if key in t.column_keys():
                v = val(rows[0], key)
                if v is not None:
                    out[key] = (v, t, rows[0])
        break
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
PRIOR_FUNCTION_ORDER = ("general_budget_expenditure", "fiscal_expenditure", "department_expenditure",
                        "department_income", "government_fund", "state_capital")


def prior_function_row(prev: Disclosure, kind: str, code: str) -> Optional[tuple]:
    """(table, row) of ``code`` in last year's disclosure: the same table kind first, then any
    function table."""
    for k in [kind] + [k for k in PRIOR_FUNCTION_ORDER if k != kind]:
        for t in prev.tables_of(k):
            for r in t.rows:
                if r.code == code and val(r, "total") is not None:
                    return t, r
    return None


def prior_total(prev: Disclosure, kind: str) -> Optional[tuple]:
    """(table, total row) of a table kind in last year's disclosure."""
    for t in prev.tables_of(kind):
        rows = totals_of(t)
        if rows and val(rows[0], "total") is not None:
            return t, rows[0]
    return None
