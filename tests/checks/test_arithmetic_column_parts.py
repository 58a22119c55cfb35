"""Tests of ``arithmetic.column_parts`` (``analysis/checks/arithmetic/column_parts.py``)."""
from __future__ import annotations

from .builders import D, disclosure, economic, mkrow, mktable, run, total

PARTS = "arithmetic.column_parts"


THREE = ["total", "three_public", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation",
         "reception", "meeting", "training"]


def _by(fs, check, code=None, page=None):
    return [f for f in fs if f.check == check and (code is None or f.code == code) and (page is None or f.page == page)]


def test_column_parts_function_table_total_is_basic_plus_project_plus_reserve():
    keys = ["total", "basic", "project", "reserve", "carry_forward"]
    good = total(total="10150.48", basic="5678.17", project="3314.68", reserve="1157.63", carry_forward="0")
    assert run(disclosure(mktable("department_expenditure", keys, [good])), PARTS) == []
    bad = total(total="10150.48", basic="5678.17", project="3314.68", reserve="1057.63", carry_forward="0")
    fs = run(disclosure(mktable("department_expenditure", keys, [bad], label="公开03表")), PARTS)
    assert len(fs) == 1 and fs[0].severity == "error"
    assert fs[0].expected == D("10050.48") and fs[0].difference == D("100.00")
    assert "基本支出 5,678.17" in fs[0].message and "单位预留机动经费 1,057.63" in fs[0].message


def test_column_parts_prior_year_columns_too():
    r = mkrow("一般公共服务支出", "201", prior_total="100", prior_basic="60", prior_project="30",
              total="50", basic="20", project="30")
    fs = run(disclosure(mktable("general_budget_expenditure",
                                ["prior_total", "prior_basic", "prior_project", "total", "basic", "project"], [r])), PARTS)
    assert [(f.actual, f.expected) for f in fs] == [(D(100), D(90))]


def test_column_parts_personnel_plus_public():
    ok = total(total="1013.51", personnel="807.37", public="206.14")
    bad = mkrow("商品和服务支出", "302", total="189.20", personnel="0", public="180.20")
    fs = run(disclosure(economic([ok, bad])), PARTS)
    assert [f.code for f in fs] == ["302"] and fs[0].difference == D("9.00")


def test_column_parts_three_public_identities():
    # 江苏省政协 2018 公开09表: 675.10 = 106 + 156.60 + 412.50; 1656.86 = 675.10 + 884.16 + 97.60
    good = total(total="1656.86", three_public="675.10", overseas="106.00", vehicle_total="156.60",
                 vehicle_purchase="0", vehicle_operation="156.60", reception="412.50", meeting="884.16",
                 training="97.60")
    assert run(disclosure(mktable("three_public", THREE, [good])), PARTS) == []
    bad = total(total="1656.86", three_public="675.10", overseas="106.00", vehicle_total="166.60",
                vehicle_purchase="0", vehicle_operation="156.60", reception="412.50", meeting="884.16",
                training="97.60")
    fs = run(disclosure(mktable("three_public", THREE, [bad])), PARTS)
    assert sorted(str(f.difference) for f in fs) == ["-10.00", "10.00"]  # 小计 vs parts, 三公 vs items


def test_column_parts_three_public_without_subtotal_column():
    keys = ["prior_total", "prior_overseas", "prior_vehicle_total", "prior_vehicle_purchase",
            "prior_vehicle_operation", "prior_reception", "total", "overseas", "vehicle_total",
            "vehicle_purchase", "vehicle_operation", "reception"]
    r = total(prior_total="43", prior_overseas="0", prior_vehicle_total="28", prior_vehicle_purchase="0",
              prior_vehicle_operation="28", prior_reception="15", total="51", overseas="0", vehicle_total="36",
              vehicle_purchase="0", vehicle_operation="36", reception="15")
    assert run(disclosure(mktable("three_public", keys, [r])), PARTS) == []


def test_column_parts_income_sources_add_up():
    keys = ["total", "general_budget", "government_fund", "other"]
    r = total(total="2218.51", general_budget="2218.51", government_fund="0", other="10")
    fs = run(disclosure(mktable("department_income", keys, [r], label="附件7")), PARTS)
    assert len(fs) == 1 and fs[0].difference == D("-10.00")


def test_column_parts_skips_placeholders():
    r = total(total="2218.51", general_budget="2218.51", state_capital="0", ph={"government_fund": "."})
    r.section = "expenditure"
    t = mktable("fiscal_summary", [("expenditure", "total"), ("expenditure", "general_budget"),
                                   ("expenditure", "government_fund"), ("expenditure", "state_capital")], [r])
    assert run(disclosure(t), PARTS) == []


def test_sample_three_public_row_does_not_add_up(sample):
    """附件4 (p9): 2025 总计 43.00 while 小计 51.00 + 接待 15.00 = 66.00; 小计 51.00 while 运行维护 36."""
    fs = _by(run(sample, PARTS), PARTS)
    assert fs and {f.table for f in fs} == {"three_public"} and {f.page for f in fs} == {9}
    got = {(f.item, f.actual, f.expected) for f in fs}
    assert ("合计", D("43.00"), D("66.00")) in got
    assert ("合计", D("51.00"), D("36")) in got
    assert ("合计", D("43.00"), D("58.00")) in got            # 2024: 43 vs 43 + 15
    assert all(f.severity == "error" for f in fs)


def test_column_parts_income_printing_fiscal_and_the_budgets_under_it():
    # 财政拨款收入 / 小计, 一般公共预算, 政府性基金: the subtotal and its parts were both added to 合计
    keys = ["total", "fiscal", "general_budget", "government_fund", "business", "other", "carryover"]
    good = total(total="1000", fiscal="800", general_budget="700", government_fund="100", business="100",
                 other="50", carryover="50")
    assert run(disclosure(mktable("department_income", keys, [good])), PARTS) == []
    bad = total(total="1000", fiscal="800", general_budget="690", government_fund="100", business="100",
                other="50", carryover="50")
    fs = run(disclosure(mktable("department_income", keys, [bad])), PARTS)
    assert sorted((str(f.actual), str(f.difference)) for f in fs) == [("1000", "10"), ("800", "10")]
