"""Tests of ``cross_table.totals_agree`` (``analysis/checks/cross_table/totals_agree.py``)."""
from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from analysis.checks import REGISTRY
from analysis.checks.common.lookup import observations
from analysis.checks.cross_table.totals_agree import merges

from .builders import disclosure, economic, mkrow, mktable, run, total

D = Decimal


CID = "cross_table.totals_agree"


SUMMARY_KEYS = [("income", "total"), ("expenditure", "total"), ("expenditure_purpose", "total")]


def _dept_summary(total_="100.00", basic="60.00", project="40.00", other_income="0"):
    rows = [mkrow("一、财政拨款", section="income", total="100.00"),
            mkrow("一、一般公共服务支出", section="expenditure", total=total_),
            mkrow("一、基本支出", section="expenditure_purpose", total=basic),
            mkrow("1.一般公共预算", section="income", total="100.00"),
            mkrow("二、项目支出", section="expenditure_purpose", total=project),
            mkrow("2.政府性基金预算", section="income", total="0"),
            mkrow("三、其他资金", section="income", total=other_income),
            mkrow("当年收入小计", section="income", flags=("total",), total=total_),
            mkrow("当年支出小计", section="expenditure_purpose", flags=("total",), total=total_),
            mkrow("收入合计", section="income", flags=("total",), total=total_),
            mkrow("支出合计", section="expenditure_purpose", flags=("total",), total=total_)]
    for r in rows:
        r.page = 1
    return mktable("department_summary", SUMMARY_KEYS, rows, label="公开01表", tid="t01")


def _dept_expenditure(total_="100.00", basic="60.00", project="40.00"):
    rows = [total(total=total_, basic=basic, project=project, page=3),
            mkrow("一般公共服务支出", "201", page=3, total=total_, basic=basic, project=project)]
    return mktable("department_expenditure", ["total", "basic", "project"], rows, label="公开03表", tid="t03")


def _gb_expenditure(total_="100.00", basic="60.00", project="40.00", code_total=None):
    rows = [total(total=total_, basic=basic, project=project, page=7),
            mkrow("一般公共服务支出", "201", page=7, total=code_total or total_, basic=basic, project=project)]
    return mktable("general_budget_expenditure", ["total", "basic", "project"], rows, label="公开07表", tid="t07")


def _gov_fund():
    t = mktable("government_fund", ["total"], [total(total="0", page=10)], label="公开10表", tid="t10")
    t.empty_reason = "注:本部门无该项目"
    return t


THREE = ["total", "three_public", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation",
         "reception", "meeting", "training"]


def _three(reception="15.00", operation="36.00", page=9):
    r = total(total="51.00", three_public="51.00", overseas="0", vehicle_total=operation, vehicle_purchase="0",
              vehicle_operation=operation, reception=reception, meeting="0", training="0", page=page)
    return mktable("three_public", THREE, [r], label="附件4", tid="t04")


def _basic(reception="15.00", operation="36.00"):
    return economic([total(total="51.00", personnel="0", public="51.00", page=8),
                     mkrow("商品和服务支出", "302", page=8, total="51.00", personnel="0", public="51.00"),
                     mkrow("公务接待费", "30217", page=8, total=reception, personnel="0", public=reception),
                     mkrow("公务用车运行维护费", "30231", page=8, total=operation, personnel="0", public=operation)],
                    label="附件3", tid="t03")


def test_registered():
    run(disclosure())
    c = REGISTRY[CID]
    assert c.family == "cross_table" and c.title_zh and c.title_en and "财预〔2016〕143号" in c.rationale


def test_silent_when_every_table_agrees():
    d = disclosure(_dept_summary(), _dept_expenditure(), _gb_expenditure(), _gov_fund())
    assert run(d, CID) == []


def test_basic_total_differs_between_two_tables_and_both_places_are_named():
    d = disclosure(_dept_summary(), _dept_expenditure(), _gb_expenditure(basic="55.00", project="45.00"), _gov_fund())
    fs = run(d, CID)
    basic = [f for f in fs if f.table == "general_budget_expenditure" and f.code is None and f.actual == D("55.00")]
    assert len(basic) == 1
    f = basic[0]
    assert f.severity == "error" and f.expected == D("60.00") and f.difference == D("-5.00") and f.page == 7
    # the message and `related` name both places: table and page
    assert "公开07表《一般公共预算支出表》第7页" in f.message
    assert "公开03表《部门支出总表》第3页" in f.message
    assert f.related and f.related[0]["table"] in ("department_expenditure", "department_summary")
    assert "基本支出" in f.message and "相差 -5.00 万元" in f.message


def test_function_code_amount_compared_column_by_column():
    d = disclosure(_dept_summary(), _dept_expenditure(), _gb_expenditure(code_total="90.00"), _gov_fund())
    fs = [f for f in run(d, CID) if f.code == "201"]
    assert fs and all(f.severity == "error" for f in fs)
    assert any("功能分类科目 201 一般公共服务支出" in f.message and f.actual == D("90.00") for f in fs)


def test_scopes_stay_apart_when_the_department_has_other_income():
    # 江苏省政协 2018: 80 万元 其他资金, so 部门预算 ≠ 财政拨款 legitimately
    d = disclosure(_dept_summary(total_="180.00", basic="140.00", other_income="80.00"),
                   _dept_expenditure("180.00", "140.00", "40.00"), _gb_expenditure(), _gov_fund())
    assert merges(d, observations(d)) == {"gb": "fiscal"}
    assert run(d, CID) == []
    # but a part may not exceed the whole
    d2 = disclosure(_dept_summary(total_="180.00", basic="40.00", project="140.00", other_income="80.00"),
                    _dept_expenditure("180.00", "40.00", "140.00"), _gb_expenditure(), _gov_fund())
    fs = run(d2, CID)
    assert sorted((f.code or "", f.table, f.actual, f.expected) for f in fs) == [
        ("", "general_budget_expenditure", D("60.00"), D("40.00")),       # 基本支出 合计
        ("201", "general_budget_expenditure", D("60.00"), D("40.00"))]    # 201 基本支出
    assert all("大于部门预算的同一数字" in f.message for f in fs)


def test_economic_codes_between_basic_tables():
    fiscal = mktable("fiscal_basic_expenditure", ["total"],
                     [total(total="10.00", page=6), mkrow("商品和服务支出", "302", page=6, total="10.00")],
                     label="公开06表", tid="t06")
    gb = mktable("general_budget_basic_expenditure", ["total"],
                 [total(total="10.00", page=8), mkrow("商品和服务支出", "302", page=8, total="12.00")],
                 label="公开08表", tid="t08")
    fs = run(disclosure(fiscal, gb, _gov_fund()), CID)
    assert [(f.code, f.page, f.actual) for f in fs] == [("302", 8, D("12.00"))] or \
           [(f.code, f.page, f.actual) for f in fs] == [("302", 6, D("10.00"))]
    assert "经济分类科目 302 商品和服务支出" in fs[0].message


def test_three_public_item_cannot_be_smaller_than_the_basic_economic_row():
    assert run(disclosure(_three(), _basic(), _gov_fund()), CID) == []
    # the 三公 table also covers project money: a larger 三公 item is fine
    assert run(disclosure(_three(reception="20.00"), _basic(), _gov_fund()), CID) == []
    fs = run(disclosure(_three(reception="0"), _basic(), _gov_fund()), CID)
    assert len(fs) == 1
    f = fs[0]
    assert f.table == "three_public" and f.code == "30217" and f.item == "公务接待费"
    assert (f.actual, f.expected) == (D("0"), D("15.00")) and f.severity == "error"
    assert "附件3《一般公共预算基本支出表》第8页「30217 公务接待费」" in f.message
    assert "附件4《“三公”经费支出表》第9页" in f.message
    assert f.related[0]["table"] == "general_budget_basic_expenditure" and f.related[0]["page"] == 8


def test_three_public_matched_by_name_not_code():
    b = _basic()
    b.rows[3].code = "30228"  # 2025 Chongqing prints 公务用车运行维护费 under 30228
    fs = run(disclosure(_three(operation="15.00"), b, _gov_fund()), CID)
    assert [(f.code, f.actual, f.expected) for f in fs] == [("30228", D("15.00"), D("36.00"))]


def test_operating_costs_above_public_funds_is_a_warning():
    oc = mktable("operating_costs", ["operating_costs"],
                 [total(operating_costs="60.00", page=11), mkrow("商品和服务支出", "302", page=11, operating_costs="60.00")],
                 label="公开11表", tid="t11")
    fs = run(disclosure(oc, _basic(), _gov_fund()), CID)
    assert len(fs) == 1 and fs[0].severity == "warning" and fs[0].table == "operating_costs"
    assert (fs[0].actual, fs[0].expected) == (D("60.00"), D("51.00"))
    oc.rows[0].amounts["operating_costs"] = D("51.00")
    assert run(disclosure(oc, _basic(), _gov_fund()), CID) == []


def test_project_table_total_against_the_project_column():
    proj = mktable("project_expenditure", ["total"], [total("", page=16, total="45.00")], label="附件10", tid="t10b")
    fs = run(disclosure(_dept_expenditure(), _gb_expenditure(), _gov_fund(), proj), CID)
    assert [(f.table, f.actual, f.expected) for f in fs] == [("project_expenditure", D("45.00"), D("40.00"))]


def test_unit_rounding_when_a_table_printed_yuan():
    yuan = _gb_expenditure(total_="100.0049")  # printed 1,000,049 元
    yuan.unit, yuan.scale = "元", D("0.0001")
    assert run(disclosure(_dept_summary(), _dept_expenditure(), yuan, _gov_fund()), CID) == []


def test_guessed_columns_make_a_warning():
    b = _basic()
    for r in b.rows:
        r.flags.append("columns_inferred")
    fs = run(disclosure(_three(reception="0"), b, _gov_fund()), CID)
    assert [f.severity for f in fs] == ["warning"] and "由文本推断" in fs[0].message


def test_sample_tables_agree_with_each_other(sample):
    """Apart from 附件3's own sums, the sample's tables carry the same totals, class amounts and
    三公 items everywhere (2,218.51 / 1,013.51 / 1,205.00; 公务接待费 15, 运行维护费 36)."""
    obs = observations(sample)
    assert merges(sample, obs) == {"gb": "fiscal", "dept": "fiscal"}
    assert len(obs) > 200
    assert run(sample, CID) == []


def test_chongqing_text_tables_agree_with_each_other(chongqing_text):
    """The text file holds the same tables as the sample; read from text (columns partly guessed)
    they agree just as well: 三公 公务接待费 15 and 运行维护费 36 match 30217 and 30228 of 附件3."""
    tp = chongqing_text.table("three_public")
    assert (tp.rows[0].amounts["reception"], tp.rows[0].amounts["vehicle_operation"]) == (D("15.00"), D("36"))
    assert run(chongqing_text, CID) == []


@pytest.mark.parametrize("dept,year", [(d, y) for d in ("江苏省人大常委", "江苏省委", "江苏省政协")
                                       for y in (2017, 2018, 2019)])
def test_jiangsu_tables_agree(jiangsu, dept, year):
    fs = run(jiangsu[(dept, year)], CID)
    assert [f for f in fs if f.severity == "error"] == []
    # the only remarks: 2017 机关运行经费 tables larger than the basic 公用经费 (see below)
    assert all(f.table == "operating_costs" and f.severity == "warning" for f in fs)
    assert bool(fs) == (year == 2017)


@pytest.mark.parametrize("dept,oc,public,page", [("江苏省人大常委", "5619.31", "1585.96", 19),
                                                  ("江苏省委", "10101.76", "2144.60", 10),
                                                  ("江苏省政协", "3348.98", "1131.92", 10)])
def test_jiangsu_2017_operating_costs_exceed_basic_public_funds(jiangsu, dept, oc, public, page):
    """2017 机关运行经费 tables include project money (the 2018 narratives say the 口径 changed);
    江苏省人大 2017 even states the figure equals 302 商品和服务支出 of the basic table. Pinned as
    warnings: real inconsistencies with the published definition."""
    fs = run(jiangsu[(dept, 2017)], CID)
    assert [(f.actual, f.expected, f.page) for f in fs] == [(D(oc), D(public), page)]


def test_jiangsu_mutations_are_caught(jiangsu):
    d = copy.deepcopy(jiangsu[("江苏省委", 2019)])
    gb = d.table("general_budget_expenditure")
    r = next(r for r in gb.rows if r.code == "2013101")
    r.amounts["total"] = D("9370.21")  # printed 9,370.12 in 财政拨款支出表 p5
    fs = run(d, CID)
    # two places, two values: one finding, naming both (either may be the one in error)
    assert [(f.code, abs(f.difference), {f.page, f.related[0]["page"]}) for f in fs] == [("2013101", D("0.09"), {5, 7})]
    assert "《财政拨款支出表》第5页" in fs[0].message and "《一般公共预算支出表》第7页" in fs[0].message
    d = copy.deepcopy(jiangsu[("江苏省政协", 2019)])
    tp = d.table("three_public")
    tp.rows[0].amounts["vehicle_operation"] = D("100.00")  # 30231 prints 156.60 in basic expenditure
    fs = run(d, CID)
    assert [(f.item, f.code, f.expected) for f in fs] == [("公务用车运行维护费", "30231", D("156.60"))]
