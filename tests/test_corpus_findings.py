"""The audit's error findings on the shared budget documents, each verified on the page by hand.

Budgets and 决算 alike. An `error` says the publisher got something wrong; every one listed here was checked against the
printed page (the hand-verified keys in tests/keys/ record the same errors in their `notes`).
Any other error would be a reading mistake of the tool, so the lists are exact.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from analysis.checks import audit
from analysis.parse import parse_paths

from .conftest import CORPUS, needs_shared

pytestmark = needs_shared

KEYS = Path(__file__).resolve().parent / "keys"

CHONGQING_ECONOMIC_NAMES = [  # 附件3 prints economic codes beside the names of other codes (pp9-10)
    (9, "30211"), (9, "30213"), (9, "30214"), (10, "30226"), (10, "30227"), (10, "30228"), (10, "30229"),
    (10, "30231"), (10, "30239"), (10, "30299"), (10, "303")]

ERRORS = {
    "chongqing-tongnan-2025": sorted(
        [("classification.code_name", p, c) for p, c in CHONGQING_ECONOMIC_NAMES]
        + [("completeness.economic_granularity", 10, "303"),          # 303 printed as "30239" without items
           ("narrative.claim_matches_table", 3, "2025年“三公”经费预算"),  # narrative 51 vs table 总计 43
           ("performance.inline_arithmetic", 27, "50015224T000004234208"),  # 12×0.6 printed 6.9, 1×15 printed 20
           ("performance.weights_sum", 20, "指标权重"),                 # overall weights add to 92%
           ("three_public.zero_budget_but_planned", 38, "50015225T000005004660")]),  # 因公出国 0, project plans 20
    "jiangsu-renda-2017": [("narrative.claim_matches_table", 26, "2010101")],   # 行政运行 given as 10528.33
    "jiangsu-renda-2018": [("narrative.change_recomputed", 21, "单位预留机动经费预算数")],  # 1312.56% for 1212.56%
    "jiangsu-renda-2019": [],
    "jiangsu-weiban-2017": [("narrative.change_recomputed", 8,
                             "党委办公厅（室）及相关机构事务（款）行政运行（项）支出")],   # 1.66% for 1.69%
    "jiangsu-weiban-2018": [],
    "jiangsu-weiban-2019": [("narrative.change_recomputed", 8, "住房保障（类）支出")],   # 30% for 29.15%
    "jiangsu-zhengxie-2017": [],
    "jiangsu-zhengxie-2018": [],
    "jiangsu-zhengxie-2019": [],
    "shanghai-commerce-2025-department": [],
    "shanghai-commerce-2025-unit": [],
    "shanghai-office-2025-department": [],
    "shanghai-office-2025-unit": [],
    # p24: "一般公共预算财政拨款基本支出 5377.64 万元。其中：人员经费 4896.98 万元" are the all-funds
    # figures of the 支出决算表 (p10); the general-budget tables give 5364.75 and 人员经费合计 4884.09
    "shanghai-planning-2024-final": [("narrative.claim_matches_table", 24, "一般公共预算财政拨款基本支出"),
                                     ("narrative.claim_matches_table", 24, "人员经费")],
    # p18: "年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%"
    "shanghai-socialwork-2024-final": [("narrative.completion_rate", 18, "一般公共预算财政拨款支出")],
    "shanghai-wanli-2023": [],
    "shanghai-wanli-2024": [],
    # 212 01 城乡社区管理事务 printed 94,995,790 元 where its items and 基本 + 项目 give 94,995,789
    "shanghai-wanli-2025": [("arithmetic.children_sum", 12, "21201"), ("arithmetic.children_sum", 17, "21201"),
                            ("arithmetic.children_sum", 23, "21201"), ("arithmetic.column_parts", 17, "21201"),
                            ("arithmetic.column_parts", 23, "21201")],
}


@lru_cache(maxsize=None)
def findings(name: str) -> list:
    key = json.loads((KEYS / f"{name}.json").read_text(encoding="utf-8"))
    ds, errors = parse_paths([CORPUS / f for f in key["files"]])
    assert errors == [] and len(ds) == 1
    [result] = audit(ds)
    return result.findings


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_every_error_is_one_verified_on_the_page(name):
    got = sorted({(f.check, f.page or 0, f.code or f.item) for f in findings(name) if f.severity == "error"})
    assert got == ERRORS[name]


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_reading_problems_are_never_errors(name):
    assert not [f for f in findings(name) if f.check.startswith("reading.") and f.severity == "error"]
