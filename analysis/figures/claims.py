"""Which located figures a narrative claim names.

A claim (``analysis.model.Claim``) has a metric (收入总计, 基本支出, 公务接待费, a function class by
name …) and a subject as printed ("一般公共预算财政拨款基本支出"). ``claim_places(d, metric,
subject)`` returns the located places of the disclosure that state the same figure, most
authoritative first; a claim agrees with the tables when one of them holds its value. Nothing is
located here: the places were located once (``Disclosure.figures``).

The money a claim covers is the narrative's (``Claim.scope``: said by its subject, by the total it is
a part of, or by the heading it sits under — ``analysis.parse.narrative``): a claim is compared only
with places of the same money — ``dept`` with the all-funds tables, ``gb`` with the 一般公共预算
ones, ``fiscal`` with 财政拨款 (一般公共预算 included), ``gf`` / ``sc`` with their funds. Without a
scope the money follows the subject: "一般公共预算…基本支出" is the general budget's, "财政拨款基本
支出" the fiscal funds', a bare "基本支出" any of the department's (all funds, fiscal, general budget).
A class named in a breakdown of 项目支出 or 基本支出 (``Claim.part``) is that column of the class row,
not its total. A paragraph that cites tables ("（详见表5）", ``Claim.cites``) is compared with the
places of those tables when they print the figure; a fund's total it names ("一般公共预算当年拨款")
is then the total of the cited table of that fund, whether that table is of income or of spending.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from ..model import Claim, Disclosure, Located
from ..numbers import chinese_numeral
from ..structure import cname, fold
from ..vocab import column_funds, role_of
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
# the money of a claim's scope -> the scopes of the places it is compared with
SCOPE_PLACES = {"dept": ("dept",), "fiscal": ("fiscal", "gb"), "gb": ("gb",), "gf": ("gf",), "sc": ("sc",)}
# metrics whose places differ by the money they cover (the others name their money themselves)
SCOPED = ("basic_expenditure", "project_expenditure", "reserve_expenditure", "personnel_expenditure",
          "public_expenditure", "procurement_total", "procurement_goods", "procurement_works", "procurement_services")
# a fund's total a narrative names -> its scope: in a paragraph citing that fund's table, its total
FUND_TOTALS = {"fiscal_income": "fiscal", "fiscal_expenditure": "fiscal", "general_budget_income": "gb",
               "general_budget_expenditure": "gb", "government_fund_income": "gf", "government_fund_expenditure": "gf",
               "state_capital_income": "sc", "state_capital_expenditure": "sc"}
_MARKED = re.compile(r"(.+?)\((类|款|项)\)")


def label_number(label: str) -> Optional[int]:
    """The number a table's printed label gives it: 表5, 表五, 公开05表, 附件3 -> 5, 5, 5, 3."""
    m = re.search(r"(\d{1,2})|([一二三四五六七八九十]{1,3})", label or "")
    if not m:
        return None
    return int(m.group(1)) if m.group(1) else chinese_numeral(m.group(2))


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
    anc = f.path
    if last not in _full_names(f.name, tuple(anc)):
        return False
    return not (outer and anc and not any(o in anc for o in outer))


@lru_cache(maxsize=1 << 14)
def _full_names(name: str, anc: tuple) -> frozenset:
    """The names a row called ``name`` under its printed parents ``anc`` answers to: its own
    (folded), each parent's name before it, and its parents' names joined before it."""
    own = fold(name)
    return frozenset([own] + [a + own for a in anc] + ["".join(reversed(anc[:k + 1])) + own for k in range(len(anc))])


def _classified(d: Disclosure, prefix: str, names: list, where) -> list:
    if not names:
        return []
    return [f for f in figures_of(d) if f.figure.startswith(prefix) and where(f) and _name_matches(f, names)]


# the length of a function code at the level a subject marks: 类 201, 款 20101, 项 2010101
CODE_LENGTH = {"类": 3, "款": 5, "项": 7}


def marked_level(subject: str) -> Optional[int]:
    """The code length of the level a subject's innermost marker names ("…（款）支出" -> 5), else None."""
    s = unicodedata.normalize("NFKC", subject or "")
    found = _MARKED.findall(s)
    return CODE_LENGTH.get(found[-1][1]) if found else None


def _role_order(f: Located) -> tuple:
    role = role_of(f.kind)
    return (FUNCTION_ROLES.index(role) if role in FUNCTION_ROLES else len(FUNCTION_ROLES), f.rank)


def _function_places(d: Disclosure, subject: str, scopes: Optional[tuple] = None, part: Optional[str] = None) -> list:
    """A class by name: its rows in the spending tables (any money when ``scopes`` is None, else the
    places of that money, a fund's column included), the column ``part`` (basic / project) or the total."""
    names = subject_names(subject)
    column = part or "total"
    level = marked_level(subject)
    if scopes is None:
        where = lambda f: f.column == column and role_of(f.kind) in FUNCTION_ROLES and f.code is not None  # noqa: E731
    else:
        where = lambda f: f.scope in scopes and f.code is not None and (  # noqa: E731
            f.column == column or (part is None and bool(column_funds(f.column))))
    coded = sorted((f for f in _classified(d, "function:", names, where)
                    if scopes is None or level is None or len(f.code) == level), key=_role_order)
    summary = []
    if len(names) == 1 and part is None and (scopes is None or level in (None, CODE_LENGTH["类"])):
        summary = [f for f in figures_of(d) if f.figure == "expenditure_item" and f.column == "total"
                   and fold(f.name) == names[0] and (scopes is None or f.scope in scopes)]
    return coded + summary


def _economic_places(d: Disclosure, subject: str, scopes: Optional[tuple] = None) -> list:
    names = subject_names(subject)
    return _classified(d, "economic:", names, lambda f: f.column in ("total", "operating_costs")
                       and (scopes is None or f.scope in scopes))


# "本年收入合计" / "当年拨款" is the year's money, "收入总计" / "含上年结转" the total with what is carried over
THIS_YEAR = re.compile(r"本年|当年|本年度")
WITH_CARRYOVER = re.compile(r"总计|含上年结转|包括上年结转")


def _period(metric: str, subject: str) -> tuple:
    """The figures a department total is compared with first: the year's (本年收入合计) when its
    subject says 本年 / 当年, the grand total (收入总计) when it says 总计 / 含上年结转; () for either."""
    if metric not in ("total_income", "total_expenditure"):
        return ()
    s = cname(subject)
    both = CURRENT if metric == "total_income" else SPENT
    if THIS_YEAR.search(s) and not WITH_CARRYOVER.search(s):
        return both[1:]
    if WITH_CARRYOVER.search(s):
        return both[:1]
    return ()


def _options(metric: str, subject: str, scopes: Optional[tuple]) -> list:
    """[(figures, scopes or None, roles or None)]: where a claim of ``metric`` is looked for."""
    if metric in ("basic_expenditure", "project_expenditure"):
        return [((metric,), scopes or subject_scope(subject), None)]
    if metric in METRIC_PLACES:
        options = METRIC_PLACES[metric]
    elif metric in SAME_NAME:
        options = [((metric,), None, None)]
    else:
        return []
    if scopes is not None and metric in SCOPED:
        return [(figures, scopes, roles) for figures, _, roles in options]
    return options


def _cited(d: Disclosure, places: list, cites: list) -> list:
    """The places printed in the tables a paragraph cites; all of them when none is."""
    if not cites:
        return places
    numbers = {t.id: label_number(t.label) for t in d.tables}
    inside = [f for f in places if numbers.get(f.table_id) in cites]
    return inside or places


def _fund_total_in_cited(d: Disclosure, metric: str, cites: list) -> list:
    """"一般公共预算当年拨款X（详见表5）": the total of the cited table of that fund."""
    if metric not in FUND_TOTALS or not cites:
        return []
    scope = FUND_TOTALS[metric]
    places = [f for f in figures_of(d) if f.figure in CURRENT + SPENT and f.scope == scope and f.period == "current"]
    inside = _cited(d, places, cites)
    return sorted(inside, key=lambda f: f.rank) if inside is not places else []


def claim_places(d: Disclosure, metric: str, subject: str = "", claim: Optional[Claim] = None) -> list:
    """The located places that state what a claim of ``metric`` about ``subject`` states, most
    authoritative first (empty when no table of the disclosure states it). With ``claim``, its
    scope, column and cited tables narrow the places (see the module doc)."""
    scopes = SCOPE_PLACES.get(claim.scope) if claim is not None and claim.scope else None
    cites = list(claim.cites) if claim is not None else []
    if metric == "expenditure_by_function":
        return _cited(d, _function_places(d, subject, scopes, claim.part if claim is not None else None), cites)
    if metric == "expenditure_by_economic":
        return _cited(d, _economic_places(d, subject, scopes), cites)
    cited_total = _fund_total_in_cited(d, metric, cites)
    if cited_total:
        return cited_total
    located = figures_of(d)
    out = []
    for figures, allowed, roles in _options(metric, subject, scopes):
        out.extend(sorted((f for f in located if f.figure in figures and f.period == "current"
                           and (allowed is None or f.scope in allowed) and (roles is None or role_of(f.kind) in roles)),
                          key=lambda f: f.rank))
    keep = _period(metric, subject)
    out = [f for f in out if f.figure in keep] or out if keep else out
    return _cited(d, out, cites)


def first_place(d: Disclosure, metric: str, subject: str = "", claim: Optional[Claim] = None) -> Optional[Located]:
    got = claim_places(d, metric, subject, claim)
    return got[0] if got else None
