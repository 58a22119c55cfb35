"""Table kinds: their identifiers, Chinese names, document kind, the budget kind a 决算 kind
plays, how their rows are classified, and the title patterns that name them.

Data: ``analysis/reference/table_kinds.csv`` (one row per kind). A new table kind is one row
there; every module that needs a list of kinds asks this module by attribute.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ._data import flag, rows

UNKNOWN = "unknown"
UNKNOWN_ZH = "未识别的表格"


@dataclass(frozen=True)
class TableKind:
    kind: str                 # stable identifier, e.g. "general_budget_expenditure"
    name_zh: str              # standard Chinese name, e.g. 一般公共预算支出表
    document: str             # "budget" (预算) or "final" (决算)
    role: str                 # the budget kind it plays (itself for budget kinds)
    classification: str       # "function" | "economic" | ""
    code_sums: bool           # parents equal the sum of their children by code
    two_sided: bool           # an income side and an expenditure side
    performance: bool         # a performance-target table (绩效目标表)
    flow: str                 # income, expenditure or both (a summary table)
    funds: str                # the money the table covers: dept (部门, all funds), fiscal (财政拨款),
                              # gb (一般公共预算), gf (政府性基金), sc (国有资本经营); "" for others
    basic_kind: str           # the economic (基本支出) table of the same money, for a function table
    topic: str                # what the table is about, as a sentence names it (政府性基金, 三公 …)
    title_order: int
    title_pattern: str

    @property
    def title_re(self) -> re.Pattern:
        return re.compile(self.title_pattern)


@lru_cache(maxsize=1)
def _kinds() -> dict:
    raw = {r["kind"]: r for r in rows("table_kinds.csv")}
    out = {}
    for kind, r in raw.items():
        base = raw.get(r["role"]) if r["role"] else r

        def attr(name):
            return r[name] if r[name] != "" else base[name]
        out[kind] = TableKind(
            kind=kind, name_zh=r["name_zh"], document=r["document"], role=r["role"] or kind,
            classification=attr("classification"), code_sums=flag(attr("code_sums")),
            two_sided=flag(attr("two_sided")), performance=flag(attr("performance")), flow=attr("flow"), funds=attr("funds"),
            basic_kind=r["basic_kind"], topic=attr("topic") or r["name_zh"].replace("表", ""),
            title_order=int(r["title_order"]), title_pattern=r["title_pattern"])
    return out


def table_kind(kind: str) -> Optional[TableKind]:
    return _kinds().get(kind)


def kinds(document: Optional[str] = None, **attrs) -> tuple:
    """Kind identifiers in file order, filtered by document and attributes
    (``kinds("budget", classification="function", code_sums=True)``). Attributes are those of the
    kind itself; final-accounts kinds inherit them from the budget kind they play."""
    out = []
    for k in _kinds().values():
        if document and k.document != document:
            continue
        if all(getattr(k, a) == v for a, v in attrs.items()):
            out.append(k.kind)
    return tuple(out)


TABLE_KINDS = kinds("budget")
FINAL_TABLE_KINDS = kinds("final")
ALL_TABLE_KINDS = TABLE_KINDS + FINAL_TABLE_KINDS
FINAL_ROLE = {k: _kinds()[k].role for k in FINAL_TABLE_KINDS}

# Budget kinds by what their rows hold (a 决算 kind is selected through its role).
FUNCTION_KINDS = kinds("budget", classification="function", code_sums=True)   # 功能分类, summed by code
ECONOMIC_KINDS = kinds("budget", classification="economic")                    # 经济分类
CODED_KINDS = kinds("budget", code_sums=True)
SPENDING_KINDS = kinds("budget", classification="function", code_sums=True, flow="expenditure")   # spending by function
TWO_SIDED = kinds("budget", two_sided=True)
PERFORMANCE_KINDS = kinds("budget", performance=True)
# The 基本支出 tables (by economic class) of a function table's money.
BASIC_KINDS = tuple(dict.fromkeys(_kinds()[k.basic_kind].role for k in _kinds().values() if k.basic_kind))
# what a performance-target table is a target of: the whole budget or one project
PERFORMANCE_TARGETS = {"overall_performance": "overall", "project_performance": "project"}
# kinds that open a disclosure's table set: printed once per disclosure
OPENING_KINDS = ("department_summary", "fiscal_summary", "final_summary", "final_fiscal_summary")
# kinds whose rows are projects or purchases: 项目 heads their names, not the rows' subjects
PROJECT_KINDS = ("project_expenditure", "procurement")


# A function-class table and the economic (基本支出) table of the same money: a table titled as
# one whose rows carry the other's codes is the other.
FUNCTION_TO_ECONOMIC = {k.kind: k.basic_kind for k in _kinds().values() if k.basic_kind}
ECONOMIC_TO_FUNCTION = {v: k for k, v in FUNCTION_TO_ECONOMIC.items()}


def role_of(kind: str) -> str:
    """The budget kind a table kind plays the part of (itself for budget kinds)."""
    k = _kinds().get(kind)
    return k.role if k else kind


def funds_of(kind: str) -> str:
    """The money a table of ``kind`` covers (dept, fiscal, gb, gf, sc), "" when it says nothing."""
    k = _kinds().get(kind)
    return k.funds if k else ""


def topic_of(kind: str) -> str:
    """What a table of ``kind`` is about, as a sentence of the narrative names it ("本单位无政府性
    基金收支"): the vocabulary's topic, else its Chinese name without 表."""
    k = _kinds().get(kind)
    return k.topic if k else ""


# what the topic-bearing tables are about (政府性基金, 国有资本经营, 三公 …), as sentences name them
TOPICS = tuple(dict.fromkeys(r["topic"] for r in rows("table_kinds.csv") if r.get("topic")))


def kind_zh(kind: str) -> str:
    """The standard Chinese name of a table kind (未识别的表格 for unknown kinds)."""
    k = _kinds().get(kind)
    return k.name_zh if k else UNKNOWN_ZH


def title_rules(final: bool) -> list:
    """[(kind, compiled pattern)] in matching order: a title that says 决算 tries the final
    kinds first, then the budget kinds."""
    budget = sorted((k for k in _kinds().values() if k.document == "budget"), key=lambda k: k.title_order)
    rules = [(k.kind, k.title_re) for k in budget]
    if final:
        finals = sorted((k for k in _kinds().values() if k.document == "final"), key=lambda k: k.title_order)
        rules = [(k.kind, k.title_re) for k in finals] + rules
    return rules
