"""Tests of ``classification.function_economic_agree`` (``analysis/checks/classification/function_economic_agree.py``)."""
from __future__ import annotations

from decimal import Decimal as D

from .builders_classification import disclosure, run, table

AGREE = "classification.function_economic_agree"


def pair(fund_basic, econ, year=2019, fcode="2210201", ecode="30113"):
    f = table("general_budget_expenditure",
              [("221", "住房保障支出", fund_basic, "0"), ("22102", "住房改革支出", fund_basic, "0"),
               (fcode, "住房公积金", fund_basic, "0")], keys=("basic", "project"))
    e = table("general_budget_basic_expenditure", [("301", "工资福利支出", econ), (ecode, "住房公积金", econ)],
              tid="t02", label="附件3")
    return disclosure(f, e, year=year)


def test_function_and_economic_amounts_equal_is_silent():
    assert run(AGREE, pair("64.37", "64.37")) == []
    assert run(AGREE, pair("494.22", "494.22", year=2017, ecode="30311")) == []


def test_function_and_economic_amounts_differ_is_a_warning_with_both_places():
    (f,) = run(AGREE, pair("64.37", "5.12"))
    assert f.severity == "warning" and f.difference == D("59.25")
    assert "2210201" in f.message and "30113" in f.message and "附件3" in f.message


def test_2017_housing_fund_is_compared_with_30311():
    (f,) = run(AGREE, pair("494.22", "400", year=2017, ecode="30311"))
    assert "30311" in f.message


def test_sample_housing_fund_and_civil_servant_medical_subsidy(sample):
    found = run(AGREE, sample)
    assert sorted((f.code, f.actual, f.expected) for f in found) == [
        ("2101103", D("5.12"), D("0")),       # 30111 公务员医疗补助缴费 not printed (5.12 sits in 30113)
        ("2210201", D("64.37"), D("5.12")),   # 30113 住房公积金 printed 5.12 (64.37 sits in 30112)
    ]


def test_jiangsu_function_and_economic_classes_agree(jiangsu):
    for d in jiangsu.values():
        assert run(AGREE, d) == [], d.slug
