"""Map printed column headers to canonical column keys.

Headers differ by template ("总计"/"合计", "日常公用经费"/"公用经费", "2024年预算数" above three
sub-columns, ...). A header label is the stack of header cells above a column, joined by
"/", e.g. "2025年预算数/总计". Keys are stable identifiers used by the checks.
"""
from __future__ import annotations

import re
from typing import Optional

from .titles import compact

# Columns holding row labels rather than amounts.
LABEL_RULES = [
    ("code", r"编码|代码|科目代码"),
    ("seq", r"^序号$|/序号$|^序号"),
    ("unit_name", r"预算单位|单位名称|实施单位"),
    ("dept_code", r"部门编码"),
    ("dept_name", r"部门名称"),
    ("category", r"采购品目|品目大类"),
    ("item", r"采购物品|物品名称"),
    ("method", r"组织形|采购方式"),
    ("econ", r"经济科目"),
    ("project_name", r"专项名称|项目名称(?!.*金额)"),
    ("name", r"名称|科目$|^项目$|/项目$|支出科目|^项目/|功能分类$|经济分类$|收入项目|支出项目"),
]

# Amount columns: (key, pattern), first match wins, tried against the compact label.
AMOUNT_RULES = {
    "three_public": [
        ("overseas", r"因公出国"),
        ("vehicle_purchase", r"公务用车购置(?:费)?$|购置费$|/公务用车购置$"),
        ("vehicle_operation", r"运行维护费$|运行费$|/公务用车运行维护$|运行维护$"),
        ("vehicle_total", r"购置及运行"),
        ("reception", r"公务接待"),
        ("meeting", r"会议费"),
        ("training", r"培训费"),
        ("three_public", r"三公.*(?:小计|合计)|三公.*经费$"),
        ("total", r"总计|合计|小计"),
    ],
    "default": [
        ("carryover", r"上年结转|结转和结余|结转结余"),
        ("carry_forward", r"结转下年"),
        ("reserve", r"预留机动"),
        ("basic", r"基本支出"),
        ("project", r"项目支出"),
        ("personnel", r"人员经费"),
        ("public", r"公用经费"),
        ("general_budget", r"一般公共预算"),
        ("government_fund", r"政府性基金"),
        ("state_capital", r"国有资本"),
        ("special_account", r"财政专户"),
        ("business", r"^事业收入|/事业收入"),
        ("superior_subsidy", r"上级补助"),
        ("affiliated", r"附属单位"),
        ("operating", r"经营收入"),
        ("other", r"其他收入|其他资金"),
        ("operating_costs", r"机关运行经费"),
        ("specific_total", r"年初特定目标(?:/小计)?$"),
        ("personnel_projects", r"人员性项目"),
        ("general_projects", r"一般性项目"),
        ("livelihood_projects", r"民生配套"),
        ("superior_total", r"上级专项(?:/小计)?$"),
        ("advance", r"提前下达"),
        ("carried_projects", r"结转项目"),
        ("municipal", r"市级专项"),
        ("total", r"总计|合计|小计|金额|预算数|^计$"),
    ],
}

_YEAR = re.compile(r"(20\d{2})\s*年")


PROJECT_KINDS = {"project_expenditure", "procurement"}


def label_key(label: str, kind: str = "") -> Optional[str]:
    """The key of a label (non-amount) column, or None when the column holds amounts."""
    s = compact(label)
    if not s:
        return None
    if kind not in PROJECT_KINDS and re.search(r"项目名称|^项目$|/项目$", s):
        return "name"
    if re.search(r"金额|预算数|合计|总计|小计|支出$|收入$|经费$|费$", s) and not re.search(r"名称|编码|代码|科目$", s):
        return None
    for key, rx in LABEL_RULES:
        if re.search(rx, s):
            return key
    return None


def amount_key(label: str, kind: str, table_year: Optional[int]) -> Optional[str]:
    """The key of an amount column; prior-year columns get the prefix ``prior_``."""
    s = compact(label)
    prior = False
    m = _YEAR.search(s)
    if m and table_year and int(m.group(1)) < table_year:
        prior = True
    if "上年" in s and "结转" not in s:
        prior = True
    # Drop the year stack ("2025年预算数/总计" -> "总计") before matching, unless it is all there is.
    parts = [p for p in s.split("/") if p]
    core_parts = [p for p in parts if not _YEAR.search(p) and p not in ("本年", "本年预算", "上年预算")]
    core = "/".join(core_parts) if core_parts else s
    rules = AMOUNT_RULES.get(kind, AMOUNT_RULES["default"])
    # the lowest header cell names the column; the cells above it name a group
    # ("本年政府性基金预算财政拨款支出/总计" is a total); 三公 sub-columns need the group
    candidates = [core] if kind == "three_public" or "/" not in core else [core.split("/")[-1], core]
    last = core.split("/")[-1]
    if last in ("小计", "合计", "总计") and re.search(r"年初特定目标|上级专项", core):
        candidates = [core]  # the subtotal of a column group names the group
    for text in candidates:
        for key, rx in rules:
            if re.search(rx, text):
                return f"prior_{key}" if prior else key
    return None


def assign_keys(labels: list[str], kind: str, table_year: Optional[int]) -> list[tuple[str, bool]]:
    """Keys for a table's leaf columns: [(key, is_amount)], unique within the table."""
    out: list[tuple[str, bool]] = []
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        lk = label_key(label, kind)
        if lk is not None:
            key, is_amount = lk, False
        else:
            key = amount_key(label, kind, table_year) or f"col{i + 1}"
            is_amount = True
        if key in seen:
            seen[key] += 1
            key = f"{key}_{seen[key]}"
        else:
            seen[key] = 1
        out.append((key, is_amount))
    return out
