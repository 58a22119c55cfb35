"""Columns: canonical keys with their Chinese names, and the header keywords that name them.

Data: ``analysis/reference/columns.csv`` (key, Chinese and English names) and
``analysis/reference/column_rules.csv`` (the header keyword rules, first match wins within a
context and family, in file order):

* ``label``/``any``: columns that hold row labels (codes, names, units, procurement items);
* ``grid``/``three_public`` and ``grid``/``default``: the amount column named by one header cell
  (or a stack of cells joined by ``/``) of a ruled or aligned grid;
* ``text``/``default`` and ``text``/``two_sided_expenditure``: keywords searched anywhere in a
  flattened header line (cells run together, no separators), in printed order;
  ``text``/``three_public_extra``: 三公 columns printed only by some templates (会议费, 培训费);
* ``side``/``any``: the side of a table printed as column groups side by side (收入 | 支出);
* ``narrative``/``basis``: the column a 决算 narrative reads an amount from (年初预算, 决算数).

Also here: the key lists by which the reader knows an untitled table's kind, and the column
identities (合计 = 基本支出 + 项目支出 …) by which it names columns the header does not.

A key may be prefixed ``prior_`` (the previous year's column) or ``budget_`` (the budget column
beside a 决算 column), or by the key of its column group where a group repeats the sub-columns
of another (``carryover_general_budget``: 上年结转 / 一般公共预算); ``column_zh`` names those too.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ._data import rows

# 三公 table columns, in the order a flattened 三公 header prints them.
THREE_PUBLIC_COLUMNS = ("total", "three_public", "overseas", "vehicle_total", "vehicle_purchase",
                        "vehicle_operation", "reception", "meeting", "training")
THREE_PUBLIC_TEXT_ORDER = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
CODE_PARTS = {"类": "code_1", "款": "code_2", "项": "code_3"}
# Columns by which an untitled table is known to be a 三公 or a procurement table.
THREE_PUBLIC_KEYS = ("overseas", "reception", "vehicle_total", "vehicle_purchase", "vehicle_operation", "three_public")
PROCUREMENT_KEYS = ("category", "item", "method")
# Text label columns that name a row where no name column does, first found first.
LABEL_TEXT_KEYS = ("item", "project_name", "econ", "category", "dept_name", "unit_name")
# Columns of a 三公 row in the order they are most likely to carry a number: the total and 接待
# nearly always, the vehicle subtotal and running costs usually, 出国 and 购置 (often zero,
# printed blank) last.
THREE_PUBLIC_LIKELY = ("total", "three_public", "reception", "vehicle_total", "vehicle_operation",
                       "meeting", "training", "overseas", "vehicle_purchase")

# The parts of a spending table's total (支出总表 and its kin), in the order a report lists them:
# 基本支出, 项目支出 and what some templates print beside them (单位预留机动经费; a 决算's 上缴上级支出,
# 经营支出, 对附属单位补助支出; 结转下年资金).
SPENDING_PARTS = ("basic", "project", "reserve", "remit_superior", "operating_expenditure", "subsidy_affiliated",
                  "carry_forward")
# what a 三公 table may print beside the 三公 items that is not 三公 (会议费, 培训费: Jiangsu's
# “三公”经费、会议费、培训费支出预算表)
THREE_PUBLIC_BESIDE = ("meeting", "training")

# Column identities (the columns of a table add up): by family, the keys taking part and the
# identities (whole, parts); the roles of the table kinds of each family.
SUM_KEYS = {
    "function": ("total", "basic", "project"),
    "economic": ("total", "personnel", "public"),
    "three_public": ("three_public", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation",
                     "reception"),
}
SUM_IDENTITIES = {
    "function": (("total", ("basic", "project")),),
    "economic": (("total", ("personnel", "public")),),
    "three_public": (("vehicle_total", ("vehicle_purchase", "vehicle_operation")),
                     ("three_public", ("overseas", "vehicle_total", "reception"))),
}
SUM_FAMILY_ROLES = {
    "function": ("department_expenditure", "fiscal_expenditure", "general_budget_expenditure", "government_fund",
                 "state_capital"),
    "economic": ("fiscal_basic_expenditure", "general_budget_basic_expenditure"),
    "three_public": ("three_public",),
}


def sum_family(role: str):
    """The family of column identities a table of ``role`` obeys, or None."""
    return next((f for f, roles in SUM_FAMILY_ROLES.items() if role in roles), None)


@lru_cache(maxsize=1)
def _columns() -> dict:
    return {r["key"]: r for r in rows("columns.csv")}


COLUMN_KEYS = tuple(_columns())


def column_zh(key: str) -> str:
    """The Chinese name of a column key (``prior_`` → 上年…, ``budget_`` → …预算数); the key itself
    when it is not in the vocabulary."""
    if key.startswith("prior_"):
        return "上年" + column_zh(key[len("prior_"):])
    if key.startswith("budget_"):
        return column_zh(key[len("budget_"):]) + "预算数"
    r = _columns().get(key)
    if r is None and _group_split(key):
        group, part = _group_split(key)
        return column_zh(group) + column_zh(part)
    return r["name_zh"] if r else key


def _group_split(key: str):
    """(group key, part key) of a column keyed by its group in the header tree
    (``carryover_general_budget`` → carryover, general_budget), or None."""
    cols = _columns()
    return next(((key[:i], key[i + 1:]) for i, ch in enumerate(key)
                 if ch == "_" and key[:i] in cols and key[i + 1:] in cols), None)


def column_funds(key: str) -> str:
    """The money a column covers when it names a fund (一般公共预算 → gb, 政府性基金 → gf,
    国有资本经营 → sc), else ""."""
    r = _columns().get(key)
    return r["funds"] if r else ""


FUND_COLUMNS = tuple(k for k in COLUMN_KEYS if column_funds(k))   # 一般公共预算, 政府性基金, 国有资本经营


def column_en(key: str) -> str:
    base = key.removeprefix("prior_").removeprefix("budget_")
    r = _columns().get(base)
    if r is None and _group_split(base):
        group, part = _group_split(base)
        return f"{column_en(group)}: {column_en(part)}"
    return r["name_en"] if r else key


@lru_cache(maxsize=None)
def header_rules(context: str, family: str = "default") -> tuple:
    """((key, compiled pattern), …) of a header context (``label``, ``grid``, ``text``) and family."""
    return tuple((r["key"], re.compile(r["pattern"])) for r in rows("column_rules.csv")
                 if r["context"] == context and r["family"] == family)


def label_rules() -> tuple:
    return header_rules("label", "any")


def amount_rules(family: str) -> tuple:
    """Grid header rules of a table family (``three_public`` or ``default``)."""
    return header_rules("grid", family if family == "three_public" else "default")
