"""classification.code_name, classification.hierarchy, classification.function_economic_agree."""
from __future__ import annotations

from decimal import Decimal as D

from analysis.checks.base import REGISTRY, Context
from analysis.checks.families import classification  # noqa: F401  (registers the checks)
from analysis.model import Column, Disclosure, Row, Table

CODE = "classification.code_name"
TREE = "classification.hierarchy"
AGREE = "classification.function_economic_agree"


def run(check_id, d):
    return REGISTRY[check_id].run(Context(d, [d]))


def table(kind, rows, keys=("total",), tid="t01", label="附件2"):
    out = []
    for i, (code, name, *vals) in enumerate(rows):
        out.append(Row(i, name, code=code, amounts={k: D(v) for k, v in zip(keys, vals)}, page=5 + i // 20))
    return Table(id=tid, kind=kind, title=kind, label=label, file="x.pdf", pages=[5],
                 columns=[Column(k, k) for k in keys], rows=out)


def disclosure(*tables, year=2019):
    return Disclosure(department="测试单位", year=year, tables=list(tables))


# -- code_name -----------------------------------------------------------------
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


# -- hierarchy -----------------------------------------------------------------
def test_children_under_their_parents_are_silent():
    d = disclosure(table("general_budget_expenditure",
                         [("201", "一般公共服务支出", "3"), ("20101", "人大事务", "3"), ("2010101", "行政运行", "1"),
                          ("2010102", "一般行政管理事务", "2"), ("221", "住房保障支出", "1"),
                          ("22102", "住房改革支出", "1"), ("2210201", "住房公积金", "1")]))
    assert run(TREE, d) == []


def test_child_printed_under_another_parent_is_an_error():
    d = disclosure(table("general_budget_expenditure",
                         [("201", "一般公共服务支出", "3"), ("20101", "人大事务", "1"), ("2010101", "行政运行", "1"),
                          ("20102", "政协事务", "2"), ("2010102", "一般行政管理事务", "2")]))
    (f,) = run(TREE, d)
    assert f.severity == "error" and f.code == "2010102" and "20102" in f.message and "20101" in f.message


def test_missing_parent_is_a_warning_when_the_table_prints_that_level():
    d = disclosure(table("general_budget_basic_expenditure",
                         [("301", "工资福利支出", "1"), ("30101", "基本工资", "1"), ("30201", "办公费", "2")]))
    (f,) = run(TREE, d)
    assert f.severity == "warning" and f.code == "30201" and "302" in f.message


def test_table_printing_one_level_only_is_silent():
    d = disclosure(table("general_budget_expenditure", [("2010101", "行政运行", "1"), ("2210201", "住房公积金", "1")]))
    assert run(TREE, d) == []


def test_jiangsu_and_sample_trees_are_well_formed(jiangsu, sample):
    # Jiangsu 2017 人大 prints 301 in 表六 as a row the parser leaves unlabelled: not a missing parent
    for d in list(jiangsu.values()) + [sample]:
        assert run(TREE, d) == [], d.slug


# -- function_economic_agree -------------------------------------------------------
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
