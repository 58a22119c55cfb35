"""Which located figures a narrative claim names.

A claim (``analysis.model.Claim``) has a metric (收入总计, 基本支出, 公务接待费, a function class by
name …) and a subject as printed ("一般公共预算财政拨款基本支出"). ``claim_places(d, metric,
subject)`` returns the located places of the disclosure that state the same figure, most
authoritative first; a claim agrees with the tables when one of them holds its value. Nothing is
located here: the places were located once (``Disclosure.figures``).

The money a claim covers follows its subject: "一般公共预算…基本支出" is the general budget's,
"财政拨款基本支出" the fiscal funds' (一般公共预算 included), a bare "基本支出" any of the
department's (all funds, fiscal, general budget).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from ..model import Disclosure, Located
from ..structure import cname, fold
from ..vocab import role_of
from .headline import figures_of

DEPT_SCOPES = ("dept", "fiscal", "gb")
CURRENT = ("total_income", "current_income")
SPENT = ("total_expenditure", "current_expenditure")
# metric -> [(figures, scopes or None for any, table roles or None for any)]: the places it is compared with
METRIC_PLACES = {
    "total_income": [(CURRENT, ("dept",), None)],
    "total_expenditure": [(SPENT, ("dept",), None)],
    "fiscal_income": [(CURRENT, ("fiscal",), ("fiscal_summary",))],
    "fiscal_expenditure": [(SPENT, ("fiscal",), ("fiscal_summary", "fiscal_expenditure"))],
    "general_budget_income": [(CURRENT, ("gb",), None)],
    "general_budget_expenditure": [(SPENT, ("gb",), None)],
    "government_fund_income": [(CURRENT, ("gf",), None)],
    "government_fund_expenditure": [(SPENT, ("gf",), None)],
    "state_capital_income": [(("state_capital_income",), None, None), (CURRENT, ("sc",), None)],
    "state_capital_expenditure": [(("state_capital_expenditure",), None, None)],
    "reserve_expenditure": [(("reserve_expenditure",), DEPT_SCOPES, None)],
    "personnel_expenditure": [(("personnel_expenditure",), None, None)],
    "public_expenditure": [(("public_expenditure",), None, None)],
}
# metrics read from places of the same name, any scope
SAME_NAME = (
    "three_public_total", "three_public_overseas", "three_public_vehicle_total", "three_public_vehicle_purchase",
    "three_public_vehicle_operation", "three_public_reception", "meeting_fee", "training_fee", "operating_costs",
    "procurement_total", "procurement_goods", "procurement_works", "procurement_services", "performance_funds",
    "special_account_income", "other_income", "carryover_income", "carryforward_expenditure", "business_income",
    "business_operation_income", "superior_subsidy_income", "subsidiary_income",
)
FUNCTION_ROLES = ("general_budget_expenditure", "fiscal_expenditure", "department_expenditure")
_MARKED = re.compile(r"(.+?)\((类|款|项)\)")


def subject_scope(subject: str) -> tuple:
    """The scopes a claim about basic or project expenditure may be compared with."""
    s = cname(subject)
    if re.search(r"一般公共预算|公共财政", s):
        return ("gb",)
    if re.search(r"财政拨款", s):
        return ("fiscal", "gb")
    return DEPT_SCOPES


def subject_names(subject: str) -> list:
    """Names a subject gives, outermost first: "人大事务（款）行政运行（项）支出" ->
    ["人大事务", "行政运行"]; a subject without markers gives its folded self."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", subject or ""))
    s = re.sub(r"^.*?\d{4}年度?", "", s) if re.search(r"\d{4}年", s) else s
    parts = [fold(p) for p, _ in _MARKED.findall(s)] or [fold(s)]
    return [p for p in parts if p]


def _name_matches(f: Located, names: list) -> bool:
    """The row of ``f`` is the one ``names`` name: its own name, or its name under its printed
    parents; an outer name must be one of its parents (documents mislabel 款 as 类)."""
    last, outer = names[-1], names[:-1]
    own, anc = fold(f.name), list(f.path)
    full = [own] + [a + own for a in anc] + ["".join(reversed(anc[:k + 1])) + own for k in range(len(anc))]
    if last not in full:
        return False
    return not (outer and anc and not any(o in anc for o in outer))


def _classified(d: Disclosure, prefix: str, names: list, where) -> list:
    if not names:
        return []
    return [f for f in figures_of(d) if f.figure.startswith(prefix) and where(f) and _name_matches(f, names)]


def _function_places(d: Disclosure, subject: str) -> list:
    names = subject_names(subject)
    coded = _classified(d, "function:", names, lambda f: f.column == "total" and role_of(f.kind) in FUNCTION_ROLES
                        and f.code is not None)
    coded.sort(key=lambda f: (FUNCTION_ROLES.index(role_of(f.kind)), f.rank))
    summary = []
    if len(names) == 1:
        summary = [f for f in figures_of(d) if f.figure == "expenditure_item" and f.column == "total"
                   and fold(f.name) == names[0]]
    return coded + summary


def _economic_places(d: Disclosure, subject: str) -> list:
    names = subject_names(subject)
    return _classified(d, "economic:", names, lambda f: f.column in ("total", "operating_costs"))


def claim_places(d: Disclosure, metric: str, subject: str = "") -> list:
    """The located places that state what a claim of ``metric`` about ``subject`` states, most
    authoritative first (empty when no table of the disclosure states it)."""
    located = figures_of(d)
    if metric == "expenditure_by_function":
        return _function_places(d, subject)
    if metric == "expenditure_by_economic":
        return _economic_places(d, subject)
    if metric in ("basic_expenditure", "project_expenditure"):
        options = [((metric,), subject_scope(subject), None)]
    elif metric in METRIC_PLACES:
        options = METRIC_PLACES[metric]
    elif metric in SAME_NAME:
        options = [((metric,), None, None)]
    else:
        return []
    out = []
    for figures, scopes, roles in options:
        out.extend(sorted((f for f in located if f.figure in figures and f.period == "current"
                           and (scopes is None or f.scope in scopes) and (roles is None or role_of(f.kind) in roles)),
                          key=lambda f: f.rank))
    return out


def first_place(d: Disclosure, metric: str, subject: str = "") -> Optional[Located]:
    got = claim_places(d, metric, subject)
    return got[0] if got else None
