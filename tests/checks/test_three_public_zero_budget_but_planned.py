"""Tests of ``three_public.zero_budget_but_planned`` (``analysis/checks/three_public/zero_budget_but_planned.py``)."""
from __future__ import annotations

from decimal import Decimal as D

from analysis.model import Claim

from .builders_three_public import disclosure, ind, project, run, three_public_table

ZERO = "three_public.zero_budget_but_planned"


def test_no_project_plans_a_zero_item_is_silent():
    d = disclosure(three_public_table(), [project("会议专项", [ind("印制会议资料", "20")])])
    assert run(ZERO, d) == []


def test_overseas_zero_while_a_project_costs_overseas_trips_is_an_error():
    d = disclosure(three_public_table(), [project("招商外事专项", [
        ind("因公出国（境）、招商经贸活动", "1", "次", "产出指标", "数量指标", "≥"),
        ind("因公出国（境）、招商经贸活动", "20")])])
    (f,) = run(ZERO, d)
    assert f.severity == "error" and f.item == "因公出国（境）费" and f.actual == D(20)
    assert "附件4" in f.message and "第9页" in f.message and "招商外事专项" in f.message


def test_vehicle_purchase_zero_while_a_project_buys_a_car_is_an_error():
    d = disclosure(three_public_table(), [project("执法装备", [ind("购置执法执勤用车1辆", "25")])])
    (f,) = run(ZERO, d)
    assert f.item == "公务用车购置费" and f.severity == "error"


def test_mention_only_in_the_goal_is_a_warning():
    d = disclosure(three_public_table(), [project("外事专项", [ind("宣传资料", "5")], goal="组织因公出国（境）考察1次。")])
    (f,) = run(ZERO, d)
    assert f.severity == "warning" and "当年绩效目标" in f.message


def test_table_zero_contradicted_by_the_narrative_is_left_to_the_narrative_check():
    claims = [Claim("three_public_overseas", D(20), "万元", "因公出国（境）费20万元", 3, subject="因公出国（境）费")]
    d = disclosure(three_public_table(), [project("招商外事专项", [ind("因公出国（境）、招商经贸活动", "20")])], claims)
    assert run(ZERO, d) == []


def test_sample_overseas_budget_zero_but_the_investment_project_plans_trips(sample):
    (f,) = run(ZERO, sample)
    assert f.severity == "error" and f.item == "因公出国（境）费"
    assert f.actual == D(20) and "招商外事专项" in f.message and "项目概况" in f.message


def test_chongqing_text_reception_read_as_zero_is_not_reported(chongqing_text):
    # the text reader places 公务接待费 15 in another column; the narrative says 15: no zero-budget finding
    assert [f.item for f in run(ZERO, chongqing_text)] == ["因公出国（境）费"]
