"""analysis.score: a 0–100 reading aid built from the findings, documented in docs/score.md."""
from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path

import pytest

from analysis.checklist import MISSING, PRESENT, ItemStatus
from analysis.checks import Finding, audit
from analysis.model import Indicator, PerformanceTarget
from analysis.score import WEIGHTS, Score, score
from analysis.vocab import required_items

from .checks.builders import disclosure, mkrow, mktable, total

ROOT = Path(__file__).resolve().parents[1]
D = Decimal


def _err(check="arithmetic.children_sum", page=1, code="302", severity="error"):
    return Finding(check=check, severity=severity, message="", table="general_budget_basic_expenditure",
                   table_id="t03", code=code, page=page)


def _tables():
    rows = [total(total="10"), mkrow("一般公共服务支出", "201", total="10"), mkrow("人大事务", "20101", total="10"),
            mkrow("行政运行", "2010101", total="10")]
    return [mktable("general_budget_expenditure", ["total"], rows, tid="t02")]


def test_weights_add_up_to_one_and_parts_are_reported():
    assert abs(sum(WEIGHTS.values()) - 1) < 1e-9
    s = score(disclosure(*_tables()), [])
    assert isinstance(s, Score) and 0 <= s.total <= 100
    assert [p.name for p in s.parts] == ["completeness", "consistency", "granularity", "explanations", "performance"]
    # every part but consistency and completeness is made of items whose weights add up to 1
    for p in s.parts[2:4]:
        assert p.items and abs(sum(i["weight"] for i in p.items) - 1) < 1e-9, p.name
    d = s.to_dict()
    assert set(d) >= {"total", "parts"} and all({"score", "weight", "label_zh", "details"} <= set(p) for p in d["parts"])
    assert d["parts"][0]["label_zh"] == "完整性"


def test_total_is_the_weighted_sum_of_parts():
    s = score(disclosure(*_tables()), [])
    assert s.total == pytest.approx(sum(p.score * p.weight for p in s.parts), abs=0.01)


def test_errors_lower_consistency_and_columns_of_one_row_count_once():
    d = disclosure(*_tables())
    base = score(d, []).part("consistency").score
    one = score(d, [_err()]).part("consistency").score
    same_row_twice = score(d, [_err(), _err()]).part("consistency").score
    two = score(d, [_err(), _err(code="301")]).part("consistency").score
    warn = score(d, [_err(severity="warning")]).part("consistency").score
    assert base == 100 and one == 92 and same_row_twice == one and two == 84 and warn == 98
    # findings of other families do not touch consistency
    assert score(d, [_err(check="performance.weights_sum")]).part("consistency").score == 100


def _checklist(d, missing=(), tables=None):
    """The checklist of ``d`` with every required item present but those in ``missing``."""
    return [ItemStatus(i.id, i.name, i.kind, MISSING if i.id in missing else PRESENT, tables=list(tables or []))
            for i in required_items(d.kind, d.scope, d.year)]


def test_missing_tables_and_explanations_lower_completeness():
    d = disclosure(*_tables())
    assert score(d, [], _checklist(d)).part("completeness").score == 100
    # a budget must print 8 tables and give 9 explanations (analysis/reference/disclosure_rules.csv)
    part = score(d, [], _checklist(d, {"T07", "E05"})).part("completeness")
    assert part.score == pytest.approx(100 - 60 / 8 - 40 / 9)
    assert part.details["required_tables"] == 8 and part.details["explanations"] == 9
    # T09 (基本/项目 not apart) counts as a missing table; each empty table without a reason costs 5
    assert score(d, [], _checklist(d, {"T09"}, ["t02"])).part("completeness").score == pytest.approx(100 - 60 / 8)
    assert score(d, [], _checklist(d, {"E10"}, ["t02", "t03"])).part("completeness").score == 90
    # built from the disclosure itself: it prints one table of eight, without 基本/项目 apart (T09)
    assert score(d, []).part("completeness").details["required_tables_missing"] == 7 + 1


def test_granularity_from_the_tables():
    d = disclosure(*_tables())
    g = score(d, []).part("granularity")
    # function table reaches 项; no economic table, no 三公 table: their shares score 0; no project
    # spending: nothing to itemise, its weight is shared by the others
    assert g.score == pytest.approx(100 * 0.3 / 0.8) and g.details["function_to_item"] == 1.0
    assert g.details["economic_to_section"] is None and g.details["project_detail"] is None
    assert [i["id"] for i in g.items] == ["function_to_item", "economic_to_section", "three_public_split", "project_detail"]


def test_performance_part():
    d = disclosure(*_tables())
    assert score(d, []).part("performance").score == 0
    ind = [Indicator("产出指标", "数量指标", "开展督查次数", "≥70次", D(70)),
           Indicator("效益指标", "社会效益指标", "推进工作", "长期"),
           Indicator("满意度指标", "服务对象满意度指标", "满意度", "≥90%", D(90))]
    d.performance = [PerformanceTarget("overall", "整体", indicators=ind[:1], goal="目标"),
                     PerformanceTarget("project", "项目", indicators=ind, goal="目标")]
    p = score(d, []).part("performance")
    # no project spending to cover: the coverage share is full
    assert p.score == pytest.approx(15 + 10 + 15 + 25 * 3 / 4 + 25 + 10)
    assert {i["id"]: i["value"] for i in p.items}["quantified_share"] == 0.75
    assert score(d, [_err(check="performance.weights_sum")]).part("performance").score == pytest.approx(p.score - 2)


def test_sample_score(sample):
    r = audit([sample])[0]
    s = r.score
    parts = {p.name: p for p in s.parts}
    # 附件3 and 附件4 do not add up; 303 lacks its 款; the 三公 increase has no reason
    assert parts["consistency"].details["inconsistent_places"] >= 5
    assert 0 < parts["consistency"].score < 80
    assert parts["granularity"].details["economic_to_section"] == pytest.approx(2 / 3, abs=0.001)
    assert parts["completeness"].score == pytest.approx(100 - 40 / 9)   # E04 only: 9 explanations
    assert [i.id for i in r.checklist if i.status == MISSING] == ["E04"]
    assert 50 < s.total < 90
    assert r.to_json()["score"]["total"] == round(s.total, 1)


def test_jiangsu_scores_are_comparable(jiangsu):
    totals = {k: audit([d])[0].score for k, d in jiangsu.items()}
    for k, s in totals.items():
        assert s.part("performance").score == 0, k          # no performance tables before 2020
        assert s.part("consistency").score >= 95, k         # tables agree (2017: 机关运行经费 warning)
        assert s.part("granularity").score == 70, k          # no project list: 项目支出 not itemised
        assert s.part("explanations").items[0]["value"] >= 0.8, k   # spending explained to 款/项
        assert 70 <= s.total <= 82, k


def test_a_worse_copy_scores_lower(jiangsu):
    d = copy.deepcopy(jiangsu[("江苏省政协", 2019)])
    before = audit([d])[0].score.total
    r = next(r for r in d.table("general_budget_basic_expenditure").rows if r.code == "30201")
    r.amounts["total"] += D(7)
    assert audit([d])[0].score.total < before


def test_docs_describe_the_same_weights():
    text = (ROOT / "docs" / "score.md").read_text(encoding="utf-8")
    for name, w in WEIGHTS.items():
        assert re.search(rf"`{name}`.*\|\s*{w}\s*\|", text), name
    assert "reading aid" in text and "预算法" in text and "财预〔2016〕143号" in text


def test_a_final_account_counts_its_nine_tables():
    d = disclosure(*_tables())
    d.kind = "final"
    part = score(d, [], _checklist(d, {"F03"})).part("completeness")
    assert part.score == pytest.approx(100 - 60 / 9)
    assert part.details["required_tables"] == 9 and part.details["explanations"] == 8   # no E03 in a 决算


def test_the_report_shows_what_each_part_is_made_of(sample):
    from analysis.reports import findings as report_findings

    r = audit([sample])[0]
    items = report_findings.score_items_frame(r)
    by_item = dict(zip(items["评分项 item"], items["得分率 value"]))
    assert by_item["基本支出经济分类细化到款"] == "66.7%"          # 303 lacks its 款
    assert by_item["“三公”经费增减及其原因"] == "50.0%"            # the 三公 increase has no reason
    assert by_item["项目绩效目标覆盖的项目支出比例"] == "100.0%"
    notes = dict(zip(items["部分 part"], items["说明 note"]))
    assert notes["完整性 Completeness"].startswith("应公开表格 8 张，缺 0 张；应有说明 9 项，缺 1 项")
    assert "不一致之处" in notes["内部一致性 Internal consistency"]
    assert not items.isna().any().any()


def test_shanghai_unit_budgets_are_told_apart(tmp_path_factory):
    """The 25 Shanghai municipal unit budgets of the shared corpus print the same template: an
    earlier rubric gave 20 of them exactly 85.0. Graded by item they spread out: at least 12 totals
    (to 0.1), no more than 8 alike, each tie of identical item values."""
    from collections import Counter, defaultdict

    from analysis.parse import parse_paths

    from .conftest import CORPUS

    folder = CORPUS / "cities-2026" / "shanghai"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    ds, _errors = parse_paths([folder])
    units = [d for d in ds if d.scope == "unit" and d.year == 2026]
    assert len(units) == 25
    results = audit(units)
    totals = Counter(round(r.score.total, 1) for r in results)
    assert len(totals) >= 12 and max(totals.values()) <= 8, totals
    ties = defaultdict(set)
    for r in results:
        ties[round(r.score.total, 1)].add(tuple((i["id"], i["value"]) for p in r.score.parts for i in p.items
                                              if i["id"] != "narrative_coverage"))
    assert all(len(v) == 1 for k, v in ties.items() if totals[k] > 1), ties
