"""Tests of ``performance.cost_vs_fund`` (``analysis/checks/performance/cost_vs_fund.py``)."""
from __future__ import annotations

from decimal import Decimal as D

from .builders_performance import by, disclosure, ind, run, target

CVF = "performance.cost_vs_fund"


def test_costs_within_the_fund_are_silent_and_yuan_are_converted():
    d = disclosure([target("会议专项", "50", [ind("会议系统维护", "85000", "元"), ind("印制会议资料", "200000", "元"),
                                          ind("会务", "20")])])
    assert run(CVF, d) == []   # 8.5 + 20 + 20 = 48.5 <= 50


def test_costs_exceeding_the_fund_are_an_error():
    d = disclosure([target("外事专项", "20", [ind("接待", "15"), ind("宣传", "10")])])
    (f,) = run(CVF, d)
    assert f.severity == "error" and f.actual == D(25) and f.expected == D(20)


def test_costs_far_below_the_fund_are_info_and_rates_are_not_summed():
    d = disclosure([target("调研专项", "40", [ind("编制《调研文集》", "1000", "元/户（套）"),
                                          ind("专题调研综合成本", "9000", "元/月"), ind("资料", "5")])])
    (f,) = run(CVF, d)
    assert f.severity == "info" and f.actual == D(5) and "未计入" in f.message


def test_sample_cost_findings(sample):
    found = run(CVF, sample)
    assert by(found, "error") == []
    assert sorted(f.item for f in by(found, "info")) == ["巨灾保险", "打击非法集资和金融监管专项"]
