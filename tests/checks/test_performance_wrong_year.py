"""Tests of ``performance.wrong_year`` (``analysis/checks/performance/wrong_year.py``)."""
from __future__ import annotations

from .builders_performance import disclosure, ind, run, target

WY = "performance.wrong_year"


def test_targets_about_the_budget_year_are_silent():
    d = disclosure([target("会议专项", "50", [ind("召开会议", "40", "次", "产出指标", "数量指标")],
                           start="2022年", goal="确保2025年各类会议顺利召开。")])
    assert run(WY, d) == []


def test_goal_naming_the_previous_year_is_a_warning_and_a_start_after_the_year_an_error():
    d = disclosure([target("督查专项", "60", [], goal="纳入 2024 年综合目标进行考核管理。"),
                    target("新专项", "10", [], start="2026年", tid="t13")])
    found = run(WY, d)
    assert [(f.severity, f.item) for f in found] == [("warning", "督查专项"), ("error", "新专项")]


def test_legal_reference_years_are_not_year_mentions():
    d = disclosure([target("金融补助", "200", [], goal="根据《通知》（潼南府办发[2018]66 号）给予补贴。")])
    assert run(WY, d) == []


def test_sample_basis_of_the_2024_budget_notice_and_2024_goal(sample):
    found = run(WY, sample)
    basis = [f for f in found if f.item == "立项依据"]
    assert len(basis) == 1 and basis[0].severity == "warning" and "13张" in basis[0].message
    assert "关于编制2024年政府部门预算的通知" in basis[0].message
    goals = [f for f in found if f.item != "立项依据"]
    assert [f.item for f in goals] == ["区政府办督查议案专项（常年性项目）"]
