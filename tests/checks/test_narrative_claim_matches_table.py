"""Tests of ``narrative.claim_matches_table`` (``analysis/checks/narrative/claim_matches_table.py``)."""
from __future__ import annotations

import copy
from decimal import Decimal as D

from analysis.model import Claim, Column

from .builders_narrative import claim, disclosure, errors, final_claim, final_disclosure, run

MATCH = "narrative.claim_matches_table"


def test_claim_equal_to_its_table_figure_is_silent():
    d = disclosure([claim("basic_expenditure", "1013.51", "基本支出"),
                    claim("general_budget_expenditure", "2218.51", "一般公共预算财政拨款支出"),
                    claim("three_public_total", "51", "“三公”经费预算"),
                    claim("expenditure_by_function", "750.20", "政府办公厅（室）及相关机构事务（款）行政运行（项）支出"),
                    claim("project_expenditure", "1205", "项目支出")])  # 1205 = 1205.00 at the claim's precision
    assert run(MATCH, d) == []


def test_claim_differing_from_its_table_figure_is_an_error_quoting_both():
    d = disclosure([claim("basic_expenditure", "1031.51", "基本支出", page=4)])
    (f,) = run(MATCH, d)
    assert f.severity == "error" and f.page == 4
    assert f.expected == D("1013.51") and f.actual == D("1031.51") and f.difference == D("18.00")
    assert "1,031.51万元" in f.message and "1,013.51万元" in f.message and "附件2" in f.message and "第8页" in f.message


def test_function_claim_matched_by_name_under_its_parent():
    d = disclosure([claim("expenditure_by_function", "708", "政府办公厅（室）及相关机构事务（款）行政运行（项）支出")])
    (f,) = errors(run(MATCH, d))
    assert f.code == "2010301" and f.expected == D("750.20")


def test_claims_no_table_states_are_listed_once_as_info():
    d = disclosure([Claim("vehicles_total", D(9), "辆", "共有车辆9辆", 4, subject="共有车辆"),
                    Claim("staff_authorized", D(25), "名", "行政编制25名", 3, subject="行政编制"),
                    claim("operating_costs", "206.14", "机关运行经费")])  # no operating-cost table here
    (f,) = run(MATCH, d)
    assert f.severity == "info"
    assert "共有车辆" in f.message and "行政编制" in f.message and "机关运行经费" in f.message and "共3项" in f.message


def test_claim_about_another_year_is_not_compared_with_this_years_tables():
    d = disclosure([claim("total_expenditure", "8648.07", "2016年度部门支出预算安排", year=2016)])
    assert run(MATCH, d) == []


def test_jiangsu_npc_2017_labels_the_class_total_as_xingzheng_yunxing(jiangsu):
    d = jiangsu[("江苏省人大常委", 2017)]
    errs = errors(run(MATCH, d))
    assert [(f.page, f.actual, f.expected, f.code) for f in errs] == [(26, D("10528.33"), D("4545.94"), "2010101")]


def test_jiangsu_cppcc_narratives_match_their_tables(jiangsu):
    for year in (2017, 2018, 2019):
        assert errors(run(MATCH, jiangsu[("江苏省政协", year)])) == []


def test_sample_three_public_total_printed_43_while_narrative_says_51(sample):
    errs = errors(run(MATCH, sample))
    assert [(f.item, f.actual, f.expected) for f in errs] == [("2025年“三公”经费预算安排", D("51"), D("43.00"))]
    assert "附件4" in errs[0].message and "第9页" in errs[0].message


def test_tampered_claim_fires_on_real_document(jiangsu):
    d = copy.deepcopy(jiangsu[("江苏省政协", 2019)])
    c = next(c for c in d.claims if c.metric == "three_public_reception" and c.value is not None)
    c.value = c.value + 1
    (f,) = errors(run(MATCH, d))
    assert f.page == c.page and f.difference == D(1)


def test_final_budget_amount_is_compared_with_the_budget_column():
    s = "一般公共预算财政拨款支出年初预算为2318.51万元，支出决算为2218.51万元"
    ok = final_disclosure([final_claim("general_budget_expenditure", "2318.51", "一般公共预算财政拨款支出", "initial_budget", s),
                           final_claim("general_budget_expenditure", "2218.51", "一般公共预算财政拨款支出", "final", s)])
    assert run(MATCH, ok) == []
    bad = final_disclosure([final_claim("general_budget_expenditure", "2300.00", "一般公共预算财政拨款支出", "initial_budget", s)])
    [f] = errors(run(MATCH, bad))
    assert (f.expected, f.actual) == (D("2318.51"), D("2300.00")) and "年初预算数" in f.message
    # a column headed only "预算数" may be the 全年 budget: the disagreement is a warning
    bad.tables[0].columns[-1] = Column("budget_total", "预算数")
    [f] = run(MATCH, bad)
    assert f.severity == "warning" and "口径可能不同" in f.message


def test_final_budget_amount_without_a_budget_column_is_not_compared():
    s = "年初预算为9999万元"
    d = final_disclosure([final_claim("general_budget_expenditure", "9999", "一般公共预算财政拨款支出", "initial_budget", s)])
    d.tables[0].columns = [c for c in d.tables[0].columns if c.key != "budget_total"]
    for r in d.tables[0].rows:
        del r.amounts["budget_total"]
    assert errors(run(MATCH, d)) == []
