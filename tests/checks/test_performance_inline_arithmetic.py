"""Tests of ``performance.inline_arithmetic`` (``analysis/checks/performance/inline_arithmetic.py``)."""
from __future__ import annotations

from decimal import Decimal as D

from analysis.checks.performance.inline_arithmetic import products_in

from .builders_performance import by, disclosure, ind, run, target

IA = "performance.inline_arithmetic"


def test_products_in_names():
    (p,) = products_in("全区政务信息培训（2 次*3 万/次）")
    assert p.money and p.value == D(60000)
    ps = products_in("潼南政报（60期*300 份*3 元/份）、合订本（100 元/本*150 本）、大事记编撰印刷（50 元/本*300 本）综合成本")
    assert [x.value for x in ps] == [D(54000), D(15000), D(15000)]
    assert products_in("开展现场督查 70次以上") == []


def test_arithmetic_equal_to_the_value_is_silent():
    d = disclosure([target("电子政务", "70", [ind("全区政务信息培训（2 次*3 万/次）", "6")])])
    assert run(IA, d) == []


def test_arithmetic_different_from_the_value_is_an_error():
    d = disclosure([target("电子政务", "70", [ind("政府网站升级改版（1 次*15 万/次）", "20")])])
    (f,) = run(IA, d)
    assert f.severity == "error" and f.expected == D(15) and f.actual == D(20)


def test_rounded_unit_price_within_one_percent_is_info():
    d = disclosure([target("电子政务", "70", [ind("政府网站内容安全云检测（12 次*0.83万/次）", "10")])])
    (f,) = run(IA, d)
    assert f.severity == "info" and f.expected == D("9.96")


def test_sample_inline_arithmetic(sample):
    found = run(IA, sample)
    assert sorted((f.expected, f.actual) for f in by(found, "error")) == [
        (D("7.2"), D("6.9")), (D("8.4"), D("8.1")), (D(15), D(20))]
    assert [(f.expected, f.actual) for f in by(found, "info")] == [(D("9.96"), D(10))]
