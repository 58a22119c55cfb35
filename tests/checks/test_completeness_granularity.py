"""Tests of ``completeness.economic_granularity``, ``completeness.function_granularity`` and
``completeness.three_public_split`` (``analysis/checks/completeness/granularity.py``)."""
from __future__ import annotations

from .builders import disclosure, economic, mkrow, mktable, run, total
from .builders_completeness import JIANGSU

FUNC = "completeness.function_granularity"


ECON = "completeness.economic_granularity"


SPLIT = "completeness.three_public_split"


def test_function_granularity():
    rows = [total(total="10"), mkrow("一般公共服务支出", "201", total="10"), mkrow("人大事务", "20101", total="10")]
    fs = run(disclosure(mktable("general_budget_expenditure", ["total"], rows, label="附件2")), FUNC)
    # one finding per problem: the 款 that stops short says it, not again its 类
    assert [f.code for f in fs] == ["20101"] and all(f.severity == "error" for f in fs)
    rows.append(mkrow("行政运行", "2010101", total="10"))
    assert run(disclosure(mktable("general_budget_expenditure", ["total"], rows)), FUNC) == []
    uncoded = [total(total="10"), mkrow("一般公共服务支出", total="10")]
    assert len(run(disclosure(mktable("general_budget_expenditure", ["total"], uncoded)), FUNC)) == 1


def test_economic_granularity_on_the_sample(sample):
    """附件3 p8 prints 303 医疗费补助 5.40 without any 款 under it."""
    fs = run(sample, ECON)
    assert [(f.code, f.page, f.severity) for f in fs] == [("303", 8, "error")]
    assert "303 医疗费补助（类级）5.40 万元 未细化到款级" in fs[0].message
    assert run(sample, FUNC) == []


def test_economic_granularity_silent_when_classes_have_items():
    rows = [mkrow("商品和服务支出", "302", total="5"), mkrow("办公费", "30201", total="5"),
            mkrow("资本性支出", "310", total="0")]  # an empty class needs no items
    assert run(disclosure(economic(rows, keys=("total",))), ECON) == []


def test_jiangsu_granularity(jiangsu):
    for key in JIANGSU:
        assert run(jiangsu[key], FUNC, ECON, SPLIT) == [], key


def test_three_public_split():
    t = mktable("three_public", ["total", "overseas", "vehicle_total", "reception"], [total(total="1")])
    fs = run(disclosure(t), SPLIT)
    assert len(fs) == 1 and "公务用车购置费、公务用车运行维护费" in fs[0].message
    t = mktable("three_public", ["total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation",
                                 "reception"], [total(total="1")])
    assert run(disclosure(t), SPLIT) == []
