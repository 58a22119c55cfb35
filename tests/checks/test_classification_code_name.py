"""Tests of ``classification.code_name`` (``analysis/checks/classification/code_name.py``)."""
from __future__ import annotations

from .builders_classification import disclosure, run, table

CODE = "classification.code_name"


def test_official_names_are_silent():
    d = disclosure(table("general_budget_basic_expenditure",
                         [("301", "工资福利支出", "10"), ("30101", "基本工资", "10"),
                          ("302", "商品和服务支出", "5"), ("30211", "差旅费", "5")]),
                   table("general_budget_expenditure",
                         [("201", "一般公共服务支出", "15"), ("20101", "人大事务", "15"),
                          ("2010101", "行政运行", "15")], tid="t02"))
    assert run(CODE, d) == []


def test_code_printed_with_the_name_of_another_code_is_an_error_naming_the_right_code():
    d = disclosure(table("general_budget_basic_expenditure", [("302", "商品和服务支出", "12"), ("30211", "邮电费", "12")]))
    (f,) = run(CODE, d)
    assert f.severity == "error" and f.code == "30211"
    assert "差旅费" in f.message and "30207" in f.message


def test_name_of_another_year_is_a_warning():
    # 30311 住房公积金 is the 2017 pairing; from 2018 the code moved to 30113
    d = disclosure(table("general_budget_basic_expenditure", [("303", "对个人和家庭的补助", "1"), ("30311", "住房公积金", "1")]))
    (f,) = run(CODE, d)
    assert f.severity == "warning" and "其他年度" in f.message


def test_unknown_code_is_info():
    d = disclosure(table("general_budget_basic_expenditure", [("302", "商品和服务支出", "1"), ("30298", "某费用", "1")]))
    (f,) = run(CODE, d)
    assert f.severity == "info" and "代码不在参考表中" in f.message


def test_same_code_and_name_in_several_tables_is_reported_once():
    rows = [("302", "商品和服务支出", "12"), ("30211", "邮电费", "12")]
    d = disclosure(table("general_budget_basic_expenditure", rows, tid="t01"),
                   table("fiscal_basic_expenditure", rows, tid="t02", label="附件6"))
    (f,) = run(CODE, d)
    assert "附件6" in f.message and len(f.related) == 1


def test_sample_economic_codes_printed_beside_other_names(sample):
    found = run(CODE, sample)
    assert {f.code for f in found if f.severity == "error"} == {
        "30211", "30213", "30214", "30226", "30227", "30228", "30229", "30231", "30239", "30299", "303"}
    assert all(f.table == "general_budget_basic_expenditure" for f in found)


def test_jiangsu_codes_carry_their_official_names(jiangsu):
    for d in jiangsu.values():
        assert [f for f in run(CODE, d) if f.severity != "info"] == [], d.slug
