"""Tests of ``narrative.change_recomputed`` (``analysis/checks/narrative/change_recomputed.py``)."""
from __future__ import annotations

from decimal import Decimal as D

from .builders_narrative import claim, disclosure, errors, function_table, run

CHANGE = "narrative.change_recomputed"


def test_change_agreeing_with_the_prior_year_column_is_silent():
    d = disclosure([claim("general_budget_expenditure", "2218.51", "一般公共预算财政拨款支出", "increase", "881.28", "65.90"),
                    claim("three_public_total", "51", "“三公”经费", "increase", "8"),
                    claim("three_public_reception", "15", "公务接待费", "flat", "0"),
                    claim("expenditure_by_function", "64.37", "住房保障支出")])
    assert run(CHANGE, d) == []


def test_change_amount_disagreeing_with_prior_column_is_an_error():
    d = disclosure([claim("general_budget_expenditure", "2218.51", "一般公共预算财政拨款支出", "increase", "818.28")])
    (f,) = run(CHANGE, d)
    assert f.severity == "error"
    assert f.expected == D("881.28") and f.actual == D("818.28")
    assert "“合计”列上年数1,337.23万元" in f.message


def test_change_in_the_wrong_direction_is_an_error():
    d = disclosure([claim("three_public_vehicle_operation", "36", "公务用车运行维护费", "decrease", "8"),
                    claim("three_public_reception", "20", "公务接待费", "flat", "0")])
    d.tables[1].rows[0].amounts["reception"] = D(20)
    found = run(CHANGE, d)
    assert len(found) == 2 and all(f.severity == "error" for f in found)
    assert all("增减方向与说明不符" in f.message for f in found)


def test_wrong_percentage_is_an_error_rounded_to_the_claims_precision():
    ok = disclosure([claim("general_budget_expenditure", "2218.51", "一般公共预算财政拨款支出", "increase", "881.28", "65.9")])
    assert run(CHANGE, ok) == []
    bad = disclosure([claim("general_budget_expenditure", "2218.51", "一般公共预算财政拨款支出", "increase", "881.28", "66.9")])
    (f,) = run(CHANGE, bad)
    assert f.severity == "error" and "65.90%" in f.message


def test_percentage_is_checked_against_the_claims_own_amounts_without_any_prior_year_source():
    d = disclosure([claim("reserve_expenditure", "1685.72", "单位预留机动经费预算数", "increase", "1557.29", "1312.56")],
                   tables=[])
    (f,) = run(CHANGE, d)
    assert f.severity == "error" and "1212.56%" in f.message


def test_previous_years_disclosure_is_the_fallback_source_and_is_named():
    prev = disclosure([], tables=[function_table(prior=False)], year=2024)
    prev.tables[0].rows[1].amounts["total"] = D("1900.00")   # 201 一般公共服务支出 in 2024
    cur = disclosure([claim("expenditure_by_function", "1955.20", "一般公共服务（类）支出", "increase", "100.00")],
                     tables=[function_table(prior=False)])
    (f,) = run(CHANGE, cur, [prev, cur])
    assert f.severity == "warning"
    assert "上年公开文件" in f.message and "2024年" in f.message and "55.2" in f.message
    cur.claims[0].change_value = D("55.20")
    assert run(CHANGE, cur, [prev, cur]) == []


def test_jiangsu_wrong_percentages_are_pinned(jiangsu):
    got = {(y, f.page, f.actual) for (k, y), d in jiangsu.items() for f in errors(run(CHANGE, d, list(jiangsu.values())))}
    assert got == {
        (2018, 21, D("1312.56")),   # 人大 单位预留机动经费 1557.29 / 128.43 = 1212.56%
        (2017, 8, D("1.66")),       # 省委办 行政运行 101.48 / 6005.51 = 1.69%
        (2019, 8, D("30")),         # 省委办 住房保障 878.93 / 3015.16 = 29.15%
    }


def test_jiangsu_changes_agree_with_the_previous_years_disclosures(jiangsu):
    batch = list(jiangsu.values())
    warnings = [f for d in batch for f in run(CHANGE, d, batch) if f.severity == "warning"]
    assert warnings == []


def test_sample_changes_recompute_from_the_printed_prior_year_columns(sample):
    assert run(CHANGE, sample) == []
