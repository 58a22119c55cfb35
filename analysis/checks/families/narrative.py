"""Narrative checks: the numbers the 情况说明 states against the numbers the tables print.

* ``narrative.claim_matches_table`` – every numeric claim is looked up among the table
  figures it names (totals, basic/project, 三公 items, 机关运行经费, 政府采购, function and
  economic classes by name, personnel/public, 会议费/培训费). A claim no table figure equals
  is an error; claims no table can confirm are listed once (info).
* ``narrative.change_recomputed`` – a year-on-year change the narrative states is
  recomputed from the prior-year column the tables print (function tables ``prior_total``,
  三公 ``prior_*``), else from the previous year's disclosure of the same department when
  the batch holds it (the finding says which source), and its percentage from its own
  amounts.

The lookup of "the table figures a claim names" (``figures_for``) and the previous-year
disclosure of a batch (``previous_disclosure``) are shared with ``across_documents``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Optional

from ...model import Claim, Disclosure, Row, Table
from ...parse.titles import compact, same_department
from ..base import Context, Finding, check, tolerance

# ---------------------------------------------------------------------------
# Table kinds by classification
# ---------------------------------------------------------------------------
FUNCTION_KINDS = ("general_budget_expenditure", "fiscal_expenditure", "department_expenditure",
                  "department_income", "government_fund")
ECONOMIC_KINDS = ("general_budget_basic_expenditure", "fiscal_basic_expenditure", "operating_costs")
SUMMARY_KINDS = ("department_summary", "fiscal_summary")

# Claims that no table states (counts of people, vehicles; shares derived from others).
NOT_TABULAR = ("share_pct", "completion_pct")

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

METRIC_ZH = {
    "total_income": "收入预算总计", "total_expenditure": "支出预算总计",
    "fiscal_income": "财政拨款收入", "fiscal_expenditure": "财政拨款支出",
    "general_budget_income": "一般公共预算收入", "general_budget_expenditure": "一般公共预算支出",
    "government_fund_income": "政府性基金预算收入", "government_fund_expenditure": "政府性基金预算支出",
    "basic_expenditure": "基本支出", "project_expenditure": "项目支出",
    "reserve_expenditure": "单位预留机动经费", "personnel_expenditure": "人员经费",
    "public_expenditure": "公用经费", "three_public_total": "“三公”经费",
    "three_public_overseas": "因公出国（境）费", "three_public_vehicle_total": "公务用车购置及运行费",
    "three_public_vehicle_purchase": "公务用车购置费", "three_public_vehicle_operation": "公务用车运行维护费",
    "three_public_reception": "公务接待费", "meeting_fee": "会议费", "training_fee": "培训费",
    "operating_costs": "机关运行经费", "procurement_total": "政府采购预算总额",
    "procurement_goods": "政府采购货物", "procurement_works": "政府采购工程",
    "procurement_services": "政府采购服务", "performance_funds": "绩效目标管理资金",
    "performance_projects": "绩效目标管理项目数",
}


# ---------------------------------------------------------------------------
# Small helpers shared by the families
# ---------------------------------------------------------------------------
def fold(name: str) -> str:
    """A name for comparison: NFKC, no spaces, no leading ordinal, no (类)/(款)/(项), no
    trailing 支出/（项）支出."""
    s = unicodedata.normalize("NFKC", name or "")
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、])+", "", s)
    s = re.sub(r"\((?:类|款|项)\)", "", s)
    s = re.sub(r"[“”\"]", "", s)
    prev = None
    while prev != s:
        prev = s
        s = re.sub(r"(?:预算安排|安排|预算数|预算|合计|总计)$", "", s) if len(s) > 4 else s
        if s.endswith("支出") and len(s) > 2:
            s = s[:-2]
    return s


def fmt(v: Optional[Decimal]) -> str:
    """A figure as the documents print it: no trailing zeros beyond the cents."""
    if v is None:
        return "—"
    q = v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    s = f"{q:f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def decimals(v: Decimal) -> int:
    exp = v.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def claim_tolerance(value: Decimal) -> Decimal:
    """A narrative figure may round the table figure to its own precision."""
    d = decimals(value)
    half = Decimal(5).scaleb(-(d + 1)) if d < 2 else Decimal(0)
    return max(tolerance(1), half)


def where(t: Table, row: Optional[Row] = None) -> str:
    """'附件2《…一般公共预算财政拨款支出预算表》第8页' – a place the reader can open."""
    label = (t.label + " ") if t.label else ""
    page = row.page if row is not None and row.page else (t.pages[0] if t.pages else None)
    title = t.title or t.kind
    return f"{label}《{title}》" + (f"第{page}页" if page else "")


COLUMN_ZH = {
    "total": "合计", "basic": "基本支出", "project": "项目支出", "personnel": "人员经费",
    "public": "公用经费", "three_public": "“三公”经费小计", "overseas": "因公出国（境）费",
    "vehicle_total": "公务用车购置及运行费", "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费", "meeting": "会议费",
    "training": "培训费", "operating_costs": "机关运行经费", "reserve": "单位预留机动经费",
    "general_budget": "一般公共预算", "government_fund": "政府性基金预算",
}


def column_zh(t: Table, key: Optional[str]) -> str:
    """The printed header of a column, or its Chinese name when the header was not kept."""
    if not key:
        return ""
    label = t.label_of(key)
    if label and label != key and ":" not in label:
        return label
    if key.startswith("prior_"):
        return "上年" + COLUMN_ZH.get(key[6:], key[6:])
    return COLUMN_ZH.get(key, key)


def row_label(row: Row) -> str:
    if row.code:
        return f"{row.code} {row.name}".strip()
    return row.name or ("合计" if row.is_total else "")


def claim_text(c: Claim, limit: int = 60) -> str:
    s = re.sub(r"\s+", "", c.sentence or "")
    return s if len(s) <= limit else s[:limit] + "…"


def doc_name(d: Disclosure, file: str = "") -> str:
    from pathlib import Path
    name = Path(file).name if file else (Path(d.files[0].path).name if d.files else "")
    return f"{d.year}年{d.department}" + (f"（{name}）" if name else "")


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


def _tables(d: Disclosure, *kinds: str) -> list:
    return [t for t in d.tables if t.role in kinds]


def usable(row: Row, key: str) -> Optional[Decimal]:
    if key not in row.amounts or key in row.placeholders or key in row.unreadable:
        return None
    return row.amounts[key]


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
        if k in self.table.column_keys() and usable(self.row, k) is not None:
            return k
        return None

    @property
    def prior(self) -> Optional[Decimal]:
        """The prior-year amount printed in the same row, if the table has such a column."""
        k = self.prior_key
        return usable(self.row, k) if k else None

    def describe(self) -> str:
        col = column_zh(self.table, self.key)
        col = "" if col in ("合计", "金额", "total") else f"“{col}”列"
        return f"{where(self.table, self.row)}“{row_label(self.row) or '合计'}”行{col}{self.what}为{fmt(self.value)}万元"


def inferred_note(f: TableFigure) -> str:
    """A note when the reader of a flattened table had to infer which column a figure is in
    (then a disagreement may be the reading's, and the finding is only a warning)."""
    if "columns_inferred" in f.row.flags and f.key not in ("total",):
        return "（该行各数所属的列系解析时按位置推断，请对照原文核实）"
    return ""


def _rows_named(t: Table, rx: str, section: Optional[str] = None) -> list:
    out = []
    for r in t.rows:
        if section and not (r.section or "").startswith(section):
            continue
        if re.search(rx, compact(r.name)):
            out.append(r)
    return out


def _totals(t: Table, section: Optional[str] = None) -> list:
    rows = [r for r in t.rows if r.is_total and (section is None or (r.section or "").startswith(section))]
    if not rows and section is None and t.rows and not t.rows[0].code:
        # some templates print the 合计 row without a label
        first = t.rows[0]
        if "unlabelled" in first.flags or compact(first.name) in ("合计", "总计", ""):
            rows = [first]
    return rows


def _add(out: list, t: Table, rows: Iterable[Row], key: str, what: str = "") -> None:
    for r in rows:
        v = usable(r, key)
        if v is not None:
            out.append(TableFigure(v, t, r, key, what))


def _empty_table_zero(out: list, t: Table) -> None:
    """A printed table without a single figure states zero (e.g. 本单位无政府采购)."""
    if not any(v != 0 for r in t.rows for v in r.amounts.values()):
        dummy = Row(index=-1, name="（表内无数据）", page=t.pages[0] if t.pages else 0, file=t.file)
        out.append(TableFigure(Decimal(0), t, dummy, "total", ""))


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


def figures_for(d: Disclosure, metric: str, subject: str = "") -> list:
    """The table figures that state what a claim of ``metric`` (about ``subject``) states,
    most authoritative first. Empty when no table of the disclosure states it."""
    out: list = []

    def T(*kinds):
        return [t for t in d.tables if t.role in kinds]
    if metric in ("total_income", "total_expenditure"):
        side = "income" if metric == "total_income" else "expenditure"
        word = "收入" if side == "income" else "支出"
        for t in T("department_summary"):
            _add(out, t, _rows_named(t, rf"^(?:本年)?{word}(?:总计|合计)$|^{word}(?:预算)?(?:总计|合计)", side), "total")
            _add(out, t, [r for r in _totals(t, side) if r not in [f.row for f in out]], "total")
        for t in T("department_income" if side == "income" else "department_expenditure"):
            _add(out, t, _totals(t), "total")
    elif metric in ("fiscal_income", "fiscal_expenditure"):
        side = "income" if metric == "fiscal_income" else "expenditure"
        for t in T("fiscal_summary"):
            _add(out, t, _totals(t, side), "total")
        if side == "expenditure":
            for t in T("fiscal_expenditure"):
                _add(out, t, _totals(t), "total")
    elif metric in ("general_budget_income", "general_budget_expenditure"):
        side = "income" if metric == "general_budget_income" else "expenditure"
        if side == "expenditure":
            for t in T("general_budget_expenditure"):
                _add(out, t, _totals(t), "total")
            for t in T("fiscal_summary"):
                if "general_budget" in t.column_keys():
                    _add(out, t, _totals(t, "expenditure"), "general_budget")
        else:
            for t in T("fiscal_summary", "department_summary"):
                _add(out, t, _rows_named(t, r"一般公共预算|公共财政", "income"), "total")
            for t in T("department_income"):
                if "general_budget" in t.column_keys():
                    _add(out, t, _totals(t), "general_budget")
    elif metric in ("government_fund_income", "government_fund_expenditure"):
        side = "income" if metric.endswith("income") else "expenditure"
        if side == "expenditure":
            for t in T("government_fund"):
                _add(out, t, _totals(t), "total")
                if not out:
                    _empty_table_zero(out, t)
        for t in T("fiscal_summary", "department_summary"):
            _add(out, t, _rows_named(t, r"政府性基金", side), "total")
        if side == "income":
            for t in T("department_income"):
                if "government_fund" in t.column_keys():
                    _add(out, t, _totals(t), "government_fund")
    elif metric in ("basic_expenditure", "project_expenditure"):
        key = "basic" if metric == "basic_expenditure" else "project"
        word = "基本支出" if key == "basic" else "项目支出"
        # "一般公共预算财政拨款基本支出" is the general budget's, "财政拨款基本支出" the fiscal
        # funds': a department-wide figure (all sources of funds) is another figure
        s = compact(unicodedata.normalize("NFKC", subject or ""))
        scope = ("general_budget" if re.search(r"一般公共预算|公共财政", s)
                 else "fiscal" if re.search(r"财政拨款", s) else "department")
        spending = {"general_budget": ("general_budget_expenditure",),
                    "fiscal": ("fiscal_expenditure", "general_budget_expenditure"),
                    "department": ("department_expenditure", "general_budget_expenditure", "fiscal_expenditure")}
        basic = {"general_budget": ("general_budget_basic_expenditure",),
                 "fiscal": ("fiscal_basic_expenditure", "general_budget_basic_expenditure"),
                 "department": ("general_budget_basic_expenditure", "fiscal_basic_expenditure")}
        for t in T(*spending[scope]):
            if key in t.column_keys():
                _add(out, t, _totals(t), key)
        if scope != "general_budget":
            summaries = SUMMARY_KINDS if scope == "department" else ("fiscal_summary",)
            for t in T(*summaries):
                _add(out, t, _rows_named(t, rf"^(?:[一二三四五六七八九十]+、)?{word}$", "expenditure"), "total")
        if key == "basic":
            for t in T(*basic[scope]):
                _add(out, t, _totals(t), "total")
        else:
            for t in T("project_expenditure"):
                _add(out, t, _totals(t), "total")
    elif metric == "reserve_expenditure":
        for t in T("department_expenditure"):
            if "reserve" in t.column_keys():
                _add(out, t, _totals(t), "reserve")
        for t in T(*SUMMARY_KINDS):
            _add(out, t, _rows_named(t, r"预留机动|机动经费", "expenditure"), "total")
    elif metric in ("personnel_expenditure", "public_expenditure"):
        key = "personnel" if metric == "personnel_expenditure" else "public"
        word = "人员经费" if key == "personnel" else "公用经费"
        for t in T("general_budget_basic_expenditure", "fiscal_basic_expenditure"):
            printed = _rows_named(t, rf"^{word}(?:合计|小计)?$")
            if key in t.column_keys():
                _add(out, t, _totals(t), key)
            elif printed:   # the table's own subtotal row (决算 templates print one)
                _add(out, t, printed, "total")
            else:
                classes = ("301", "303") if key == "personnel" else ("302",)
                rows = [r for r in t.rows if r.code in classes]
                if rows and all(usable(r, "total") is not None for r in rows):
                    total = sum((r.amounts["total"] for r in rows), Decimal(0))
                    what = "（" + "+".join(r.code for r in rows) + "）" if len(rows) > 1 else ""
                    out.append(TableFigure(total, t, rows[0], "total", what))
    elif metric in THREE_PUBLIC_KEYS:
        for t in T("three_public"):
            keys = [k for k in THREE_PUBLIC_KEYS[metric] if k in t.column_keys()]
            if not keys:
                continue
            rows = _totals(t) or t.rows[:1]
            _add(out, t, rows[:1], keys[0])
        if not out and metric in ("meeting_fee", "training_fee"):
            code_name = {"meeting_fee": ("30215", "会议费"), "training_fee": ("30216", "培训费")}[metric]
            for t in T(*ECONOMIC_KINDS):
                key = "operating_costs" if "operating_costs" in t.column_keys() else "total"
                _add(out, t, [r for r in t.rows if r.code == code_name[0] or fold(r.name) == code_name[1]], key)
    elif metric == "operating_costs":
        # only a table that prints 机关运行经费 itself; 公用经费 is a different (wider) figure, and
        # cross_table compares the two as a bound
        for t in T("operating_costs"):
            key = "operating_costs" if "operating_costs" in t.column_keys() else "total"
            _add(out, t, _totals(t), key)
        for t in T("three_public"):
            if "operating_costs" in t.column_keys():
                _add(out, t, _totals(t) or t.rows[:1], "operating_costs")
    elif metric.startswith("procurement_"):
        for t in T("procurement"):
            if metric == "procurement_total":
                _add(out, t, _totals(t), "total")
                if not out:
                    _empty_table_zero(out, t)
            else:
                word = {"procurement_goods": "货物", "procurement_works": "工程",
                        "procurement_services": "服务"}[metric]
                rows = [r for r in t.rows if re.search(rf"^(?:[一二三四五六七八九十]+、)?{word}[A-Za-z类]?$",
                                                       compact(r.extra.get("category") or r.name))]
                _add(out, t, rows, "total")
                if not rows and not any(v != 0 for r in t.rows for v in r.amounts.values()):
                    _empty_table_zero(out, t)
    elif metric == "performance_funds":
        for t in T("project_expenditure"):
            _add(out, t, _totals(t), "total")
        targets = [p for p in d.performance if p.kind == "project" and p.fund_total is not None]
        if targets:
            first = next((t for t in d.tables if t.id == targets[0].table_id), None)
            if first is not None:
                total = sum((p.fund_total for p in targets), Decimal(0))
                row = Row(index=-1, name=f"{len(targets)}张项目绩效目标表资金总额合计",
                          page=targets[0].pages[0] if targets[0].pages else 0, file=targets[0].file)
                out.append(TableFigure(total, first, row, "total"))
    elif metric == "expenditure_by_function":
        out.extend(_function_figures(d, subject))
    elif metric == "expenditure_by_economic":
        out.extend(_economic_figures(d, subject))
    elif metric in _SIMPLE_SUMMARY:
        rx, side = _SIMPLE_SUMMARY[metric]
        for t in T(*SUMMARY_KINDS):
            _add(out, t, _rows_named(t, rx, side), "total")
        col = _INCOME_COLUMN.get(metric)
        if col:
            for t in T("department_income"):
                if col in t.column_keys():
                    _add(out, t, _totals(t), col)
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


def _function_figures(d: Disclosure, subject: str) -> list:
    names = subject_names(subject)
    out: list = []
    for kind in ("general_budget_expenditure", "fiscal_expenditure", "department_expenditure"):
        for t in d.tables_of(kind):
            _add(out, t, _match_coded(t, names, [r for r in t.rows if r.code]), "total")
    if names and len(names) == 1:
        for t in _tables(d, *SUMMARY_KINDS):
            _add(out, t, [r for r in t.rows if (r.section or "").startswith("expenditure")
                          and not r.code and fold(r.name) == names[0]], "total")
    return out


def _economic_figures(d: Disclosure, subject: str) -> list:
    names = subject_names(subject)
    out: list = []
    for t in _tables(d, *ECONOMIC_KINDS):
        key = "operating_costs" if "operating_costs" in t.column_keys() else "total"
        _add(out, t, _match_coded(t, names, [r for r in t.rows if r.code]), key)
    return out


# ---------------------------------------------------------------------------
# narrative.claim_matches_table
# ---------------------------------------------------------------------------
BUDGET_BASES = ("initial_budget", "adjusted_budget", "budget")


def basis_note(c: Claim, f: TableFigure) -> str:
    """A note when a 决算 narrative's budget amount is compared with a budget column whose
    header does not say it is the same budget (年初 vs 全年): the two may differ by design."""
    if c.basis not in BUDGET_BASES or not f.key.startswith("budget_"):
        return ""
    header = compact(f.table.label_of(f.key) or "")
    said = {"initial_budget": "年初", "adjusted_budget": ("全年", "调整")}.get(c.basis)
    if said and any(w in header for w in ((said,) if isinstance(said, str) else said)):
        return ""
    return "（表中该列未注明是年初预算还是全年预算，口径可能不同，请对照原文核实）"


def claim_figures(d: Disclosure, c: Claim) -> list:
    """The table figures a claim is compared with. In a 决算 a budget amount ("年初预算为X")
    is compared with the budget column of the same row (``budget_<key>``), and with nothing
    when the table prints no budget column: the final amount is another figure."""
    figs = figures_for(d, c.metric, c.subject)
    if d.kind != "final" or c.basis not in BUDGET_BASES:
        return figs
    out = []
    for f in figs:
        key = f"budget_{f.key}"
        if key in f.table.column_keys():
            v = usable(f.row, key)
            if v is not None:
                out.append(TableFigure(v, f.table, f.row, key, f.what))
    return out


def _about_budget_year(d: Disclosure, c: Claim) -> bool:
    return c.year is None or d.year is None or c.year == d.year


def _money_claims(d: Disclosure) -> list:
    return [c for c in d.claims if c.value is not None and c.unit == "万元" and _about_budget_year(d, c)]


@check("narrative.claim_matches_table", "error",
       "说明中的数字与表中数字一致", "Narrative figures match the tables",
       "部门预算公开情况说明须对公开表格作出说明（财预〔2016〕143号《地方预决算公开操作规程》）："
       "说明中的每一个金额应能在对应表格中找到相同的数。")
def claim_matches_table(ctx: Context):
    d = ctx.d
    unmatched: list = []
    seen: set = set()
    for c in d.claims:
        if c.metric in NOT_TABULAR or c.value is None:
            continue
        if not _about_budget_year(d, c):
            continue
        key = (c.metric, c.subject, c.value, c.page)
        if key in seen:
            continue
        seen.add(key)
        if c.unit != "万元":
            if c.metric == "performance_projects":
                n = sum(1 for p in d.performance if p.kind == "project")
                if n:
                    if Decimal(n) != c.value:
                        yield Finding(
                            check="", severity="error", table="narrative", file=c.file, page=c.page,
                            item=METRIC_ZH[c.metric], expected=Decimal(n), actual=c.value,
                            difference=c.value - n,
                            message=(f"说明第{c.page}页称{c.value}个项目实行绩效目标管理（“{claim_text(c)}”），"
                                     f"但公开了{n}张项目绩效目标表。"))
                    continue
            unmatched.append(c)
            continue
        figs = claim_figures(d, c)
        if not figs:
            unmatched.append(c)
            continue
        tol = claim_tolerance(c.value)
        if any(abs(f.value - c.value) <= tol for f in figs):
            continue
        f = figs[0]
        others = "；".join(g.describe() for g in figs[1:3])
        inferred = inferred_note(f) or basis_note(c, f)
        yield Finding(
            check="", severity="warning" if inferred else "error", table="narrative", table_id=f.table.id, file=c.file, page=c.page,
            item=c.subject or METRIC_ZH.get(c.metric, c.metric), code=f.row.code,
            expected=f.value, actual=c.value, difference=c.value - f.value,
            related=[{"table": g.table.kind, "table_id": g.table.id, "page": g.row.page} for g in figs[:3]],
            message=(f"说明第{c.page}页称“{c.subject}”{fmt(c.value)}万元（“{claim_text(c)}”），"
                     f"而{f.describe()}，相差{fmt(c.value - f.value)}万元"
                     + (f"（另：{others}）" if others else "") + "。" + inferred))
    if unmatched:
        listed = "；".join(f"“{c.subject or METRIC_ZH.get(c.metric, c.metric)}”{fmt(c.value)}{c.unit}（第{c.page}页）"
                          for c in unmatched[:20])
        more = f"等{len(unmatched)}项" if len(unmatched) > 20 else f"共{len(unmatched)}项"
        yield Finding(
            check="", severity="info", table="narrative", file=unmatched[0].file, page=unmatched[0].page,
            item="无表可比的说明数字",
            message=f"说明中以下数字在公开表格中没有可比对的数（无法核对）：{listed}，{more}。")


# ---------------------------------------------------------------------------
# narrative.change_recomputed
# ---------------------------------------------------------------------------
_DIR_ZH = {"increase": "增加", "decrease": "减少", "flat": "持平"}


def signed_change(c: Claim) -> Optional[Decimal]:
    """The claimed change as a signed amount (None when no amount is stated)."""
    if c.change == "flat":
        return Decimal(0)
    if c.change_value is None or c.change not in ("increase", "decrease"):
        return None
    return c.change_value if c.change == "increase" else -c.change_value


def implied_prior(c: Claim) -> Optional[Decimal]:
    """Last year's amount a claim implies: value − change."""
    ch = signed_change(c)
    if ch is None or c.value is None:
        return None
    return c.value - ch


def direction_of(delta: Decimal, tol: Decimal) -> str:
    if abs(delta) <= tol:
        return "flat"
    return "increase" if delta > 0 else "decrease"


def pct_matches(claimed: Decimal, exact: Decimal) -> bool:
    """The claim's percentage equals ``exact`` rounded to the claim's precision (± 0.01)."""
    q = Decimal(1).scaleb(-decimals(claimed))
    return abs(abs(claimed) - abs(exact).quantize(q, rounding=ROUND_HALF_UP)) <= Decimal("0.01")


def describe_change(c: Claim) -> str:
    if c.change == "flat":
        return "与上年持平"
    s = _DIR_ZH.get(c.change or "", "")
    if c.change_value is not None:
        s += f"{fmt(c.change_value)}万元"
    if c.change_pct is not None:
        s += f"（{fmt(c.change_pct)}%）"
    return s


def _current_figure(d: Disclosure, c: Claim) -> Optional[TableFigure]:
    """The table figure the claim states: the one equal to it, else the first the
    claim names that prints a prior-year amount (its current amount is then checked by
    ``claim_matches_table``)."""
    figs = figures_for(d, c.metric, c.subject)
    tol = claim_tolerance(c.value) if c.value is not None else tolerance(1)
    for f in figs:
        if c.value is None or abs(f.value - c.value) <= tol:
            if f.prior is not None:
                return f
    return next((f for f in figs if f.prior is not None), None)


def change_claims(d: Disclosure) -> list:
    out, seen = [], set()
    for c in d.claims:
        if c.unit != "万元" or c.change not in ("increase", "decrease", "flat"):
            continue
        if not _about_budget_year(d, c):
            continue
        key = (c.metric, c.subject, c.value, c.change, c.change_value, c.change_pct, c.page)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def _check_against(c: Claim, cur: Decimal, prior: Decimal, source: str, severity: str, base: dict):
    """Findings for claim ``c`` recomputed as ``cur − prior`` (``source`` says where
    ``prior`` was read)."""
    delta = cur - prior
    claimed = signed_change(c)
    tol = tolerance(2)
    problem = recompute(c, cur, prior)
    if problem is None:
        return
    head = f"说明第{c.page}页称“{c.subject}”{fmt(c.value)}万元，{describe_change(c)}（“{claim_text(c)}”）"
    got_dir = direction_of(delta, tol)
    if problem == "direction":
        yield Finding(check="", severity=severity, **base, expected=delta, actual=claimed,
                      difference=None if claimed is None else claimed - delta,
                      message=(f"{head}；按{source}{fmt(prior)}万元计算，本年{fmt(cur)}万元应为"
                               f"{_DIR_ZH[got_dir]}{'' if got_dir == 'flat' else fmt(abs(delta)) + '万元'}，"
                               f"增减方向与说明不符。"))
        return
    if problem == "amount":
        yield Finding(check="", severity=severity, **base, expected=delta, actual=claimed,
                      difference=claimed - delta,
                      message=(f"{head}；按{source}{fmt(prior)}万元计算，变动额应为{fmt(delta)}万元"
                               f"（{fmt(cur)}−{fmt(prior)}），说明为{fmt(claimed)}万元，相差{fmt(claimed - delta)}万元。"))
        return
    if problem == "pct":
        exact = delta / prior * 100
        if True:
            yield Finding(check="", severity=severity, **base, expected=exact.quantize(Decimal("0.01")),
                          actual=c.change_pct, difference=abs(c.change_pct) - abs(exact).quantize(Decimal("0.01")),
                          message=(f"{head}；按{source}{fmt(prior)}万元计算，变动率应为"
                                   f"{fmt(delta)}÷{fmt(prior)}={exact.quantize(Decimal('0.01'))}%，说明为{fmt(c.change_pct)}%。"))


def recompute(c: Claim, cur: Decimal, prior: Decimal) -> Optional[str]:
    """What is wrong with claim ``c`` when last year's amount was ``prior`` and this year's
    ``cur``: "direction", "amount", "pct" or None."""
    delta = cur - prior
    claimed = signed_change(c)
    tol = tolerance(2)
    got = direction_of(delta, tol)
    if c.change and got != c.change:
        return "direction"
    if claimed is not None and abs(claimed - delta) > tol:
        return "amount"
    if c.change_pct is not None and prior != 0 and not pct_matches(c.change_pct, delta / prior * 100):
        return "pct"
    return None


@check("narrative.change_recomputed", "error",
       "说明中的增减额与增减率可由表中上年数重算", "Year-on-year changes recompute from prior-year figures",
       "说明对预算增减变化的表述应与表中本年数、上年数一致（《地方预决算公开操作规程》要求对"
       "增减变化作出说明）：增减额 = 本年数 − 上年数，增减率 = 增减额 ÷ 上年数。")
def change_recomputed(ctx: Context):
    d = ctx.d
    prev = None
    prev_looked = False
    for c in change_claims(d):
        base = dict(table="narrative", file=c.file, page=c.page, item=c.subject or METRIC_ZH.get(c.metric, ""))
        cur = c.value
        if cur is None:
            continue
        # 1. the prior-year column of the table row that states the figure
        fig = _current_figure(d, c)
        if fig is not None:
            source = (f"{where(fig.table, fig.row)}“{row_label(fig.row) or '合计'}”行"
                      f"“{column_zh(fig.table, fig.prior_key)}”列上年数")
            base1 = dict(base, table_id=fig.table.id, code=fig.row.code,
                         related=[{"table": fig.table.kind, "table_id": fig.table.id, "page": fig.row.page}])
            note = inferred_note(fig) or ("（该行各数所属的列系解析时按位置推断，请对照原文核实）"
                                          if "columns_inferred" in fig.row.flags else "")
            for f in _check_against(c, cur, fig.prior, source, "warning" if note else "error", base1):
                f.message += note
                yield f
            continue
        # 2. the claim's own percentage against its own amounts
        ch = signed_change(c)
        if c.change_pct is not None and ch is not None and c.change != "flat":
            base_amount = cur - ch
            if base_amount != 0:
                exact = ch / base_amount * 100
                if not pct_matches(c.change_pct, exact):
                    yield Finding(check="", severity="error", **base,
                                  expected=exact.quantize(Decimal("0.01")), actual=c.change_pct,
                                  difference=abs(c.change_pct) - abs(exact).quantize(Decimal("0.01")),
                                  message=(f"说明第{c.page}页称“{c.subject}”{fmt(cur)}万元，{describe_change(c)}"
                                           f"（“{claim_text(c)}”）；由其本身推得上年数{fmt(base_amount)}万元，"
                                           f"变动率应为{fmt(ch)}÷{fmt(base_amount)}="
                                           f"{exact.quantize(Decimal('0.01'))}%，与所称{fmt(c.change_pct)}%不符。"))
                    continue
        # 3. the previous year's disclosure in the batch
        if not prev_looked:
            prev, prev_looked = previous_disclosure(ctx), True
        if prev is None:
            continue
        figs = figures_for(prev, c.metric, c.subject)
        if not figs or any(recompute(c, cur, f.value) is None for f in figs):
            continue
        pf = figs[0]
        source = f"上年公开文件 {doc_name(prev, pf.table.file)} {where(pf.table, pf.row)}“{row_label(pf.row) or '合计'}”"
        base3 = dict(base, related=[{"table": g.table.kind, "table_id": g.table.id, "page": g.row.page,
                                     "file": g.table.file, "year": prev.year} for g in figs[:3]])
        yield from _check_against(c, cur, pf.value, source, "warning", base3)


# ---------------------------------------------------------------------------
# narrative.completion_rate
# ---------------------------------------------------------------------------
BASIS_ZH = {"initial_budget": "年初预算", "adjusted_budget": "全年预算", "budget": "预算", "final": "决算"}


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


@check("narrative.completion_rate", "error",
       "说明中的预算完成率可由其本身的数重算", "Budget completion rates recompute from the narrative's own figures",
       "决算说明以“完成年初（全年）预算的X%”说明预算执行情况：完成率 = 决算数 ÷ 所称预算数 × 100%，"
       "应与同一句中的决算数、预算数一致。")
def completion_rate(ctx: Context):
    d = ctx.d
    claims = list(d.claims)
    for i, p in enumerate(claims):
        if p.metric != "completion_pct" or p.value is None:
            continue
        final, budgets = _completion_parts(claims, i)
        if final is None or not budgets:
            continue
        named = [b for b in budgets if p.basis == "budget" or b.basis == p.basis]
        if not named:
            continue
        rates = {}
        for b in budgets:
            if b.value != 0:
                rates[b.basis] = final.value / b.value * 100
        if any(b.value != 0 and pct_matches(p.value, final.value / b.value * 100) for b in named):
            continue
        if all(b.value == 0 for b in named) and final.value == 0:
            continue
        b = named[0]
        basis = BASIS_ZH.get(p.basis, "预算")
        other = next((k for k, r in rates.items() if b.basis != k and pct_matches(p.value, r)), None)
        if b.value == 0:
            why = f"{basis}为0，决算{fmt(final.value)}万元无从计算“完成{basis}的{fmt(p.value)}%”"
            expected = None
        else:
            exact = (final.value / b.value * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            why = (f"按其本身的数计算，完成率应为{fmt(final.value)}÷{fmt(b.value)}={exact}%，"
                   f"与所称{fmt(p.value)}%不符")
            expected = exact
        hint = (f"；所称比率是按{BASIS_ZH.get(other, other)}"
                f"{fmt(next(x.value for x in budgets if x.basis == other))}万元计算的" if other else "")
        yield Finding(
            check="", severity="error", table="narrative", file=p.file, page=p.page,
            item=final.subject or METRIC_ZH.get(final.metric, final.metric),
            expected=expected, actual=p.value,
            difference=None if expected is None else p.value - expected,
            message=(f"说明第{p.page}页称“{final.subject}”{basis}{fmt(b.value)}万元、决算{fmt(final.value)}万元，"
                     f"“完成{basis}的{fmt(p.value)}%”（“{claim_text(p)}”）：{why}{hint}。"))
