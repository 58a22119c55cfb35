"""data_quality.*: cells and rows that are not what a budget table should print; reading.*: what the
tool could not read, reported as reading problems and never as errors of the disclosure."""
from __future__ import annotations

from decimal import Decimal

import pytest

from analysis.checks import REGISTRY
from analysis.model import Problem

from .test_checks_arithmetic import disclosure, economic, mkrow, mktable, run

D = Decimal
IDS = ("data_quality.placeholder", "data_quality.negative", "data_quality.duplicate_row",
       "data_quality.child_repeats_parent", "reading.unreadable_cell", "reading.problems",
       "reading.low_confidence", "reading.unknown_table")


def test_registered_with_severities():
    run(disclosure())
    sev = {i: REGISTRY[i].severity for i in IDS}
    assert sev == {"data_quality.placeholder": "warning", "data_quality.negative": "warning",
                   "data_quality.duplicate_row": "warning", "data_quality.child_repeats_parent": "info",
                   "reading.unreadable_cell": "info", "reading.problems": "warning",
                   "reading.low_confidence": "warning", "reading.unknown_table": "warning"}
    assert all(REGISTRY[i].title_zh and REGISTRY[i].title_en and REGISTRY[i].rationale for i in IDS)
    assert not any(c.severity == "error" for c in REGISTRY.values() if c.family == "reading")


# -- placeholder -----------------------------------------------------------------------------------
def test_placeholder_fires_per_cell_and_stays_silent_on_numbers_and_blanks():
    rows = [mkrow("十一、节能环保支出", section="expenditure", page=11, ph={"total": ",."}),
            mkrow("十、卫生健康支出", section="expenditure", page=11, total="17.38"),
            mkrow("十四、交通运输支出", section="expenditure", page=11, total="0")]
    t = mktable("department_summary", [("income", "total"), ("expenditure", "total")], rows, label="附件6")
    fs = run(disclosure(t), "data_quality.placeholder")
    assert len(fs) == 1 and fs[0].severity == "warning" and fs[0].page == 11
    assert fs[0].message == "附件6《部门收支总表》第11页 十一、节能环保支出 的合计栏印为“,.”，不是金额（应填数字，无数应留空或填 0）"


def test_sample_placeholders(sample):
    """附件1 (p4-5), 附件6 (p11-12) and 附件10 (p16) print “.” and “,.” where amounts belong."""
    fs = run(sample, "data_quality.placeholder")
    where = {(f.table, f.page, f.item) for f in fs}
    assert ("department_summary", 11, "十一、节能环保支出") in where
    assert ("department_summary", 12, "收入总计") in where and ("department_summary", 12, "支出总计") in where
    assert ("fiscal_summary", 4, "(二)政府性基金预算拨款") in where
    assert len(fs) == 15 and {f.table for f in fs} == {"fiscal_summary", "department_summary", "project_expenditure"}


# -- unreadable cells are reading problems -------------------------------------------------------------
def test_unreadable_cell_is_a_reading_problem_not_an_error():
    r = mkrow("办公费", "30201", page=8, total="47.18", ur={"public": "47,1 8x"})
    fs = run(disclosure(economic([r])), "reading.unreadable_cell")
    assert len(fs) == 1 and fs[0].severity == "info" and "“47,1 8x”" in fs[0].message and fs[0].code == "30201"
    assert "本工具未能识别" in fs[0].message
    assert run(disclosure(economic([mkrow("办公费", "30201", total="47.18")])), "reading.unreadable_cell") == []


# -- tables read without confidence ------------------------------------------------------------------
def test_low_confidence_table_gives_one_reading_warning_and_no_arithmetic_error():
    """A table whose items do not add up would give an arithmetic error; read with low confidence,
    it gives one reading warning instead and its figures stay out of every other check."""
    rows = [mkrow("合计", None, flags=("total",), total="100.00"), mkrow("工资福利支出", "301", total="30.00"),
            mkrow("商品和服务支出", "302", total="20.00")]
    t = economic(rows, keys=("total",))
    ids = ("arithmetic.children_sum", "reading.low_confidence")
    assert [(f.check, f.severity) for f in run(disclosure(t), *ids)] == [("arithmetic.children_sum", "error")]
    t.confidence, t.reading = 0.4, ["unnamed_column"]
    fs = run(disclosure(t), *ids)
    assert [f.severity for f in fs if f.severity == "error"] == []
    low = [f for f in fs if f.check == "reading.low_confidence"]
    assert len(low) == 1 and low[0].severity == "warning" and "本工具未能可靠识别" in low[0].message
    assert "有金额的列没有可识别的表头" in low[0].message and "置信度 0.40" in low[0].message


# -- negative --------------------------------------------------------------------------------------
def test_negative_amount():
    fs = run(disclosure(economic([mkrow("办公费", "30201", total="-3.20")])), "data_quality.negative")
    assert len(fs) == 1 and fs[0].actual == D("-3.20") and "负数 -3.20 万元" in fs[0].message
    assert run(disclosure(economic([mkrow("办公费", "30201", total="3.20")])), "data_quality.negative") == []


# -- duplicate_row ---------------------------------------------------------------------------------
def test_duplicate_code_in_a_table():
    rows = [mkrow("办公费", "30201", page=7, total="47.18"), mkrow("印刷费", "30202", page=7, total="10"),
            mkrow("办公费", "30201", page=8, total="47.18")]
    fs = run(disclosure(economic(rows)), "data_quality.duplicate_row")
    assert len(fs) == 1 and fs[0].page == 8 and "第7页" in fs[0].message and "（金额相同）" in fs[0].message
    assert run(disclosure(economic(rows[:2])), "data_quality.duplicate_row") == []


def test_project_tables_repeat_function_codes_legitimately(sample):
    # 附件10 lists 14 projects under 2010302 一般行政管理事务
    assert sum(1 for r in sample.table("project_expenditure").rows if r.code == "2010302") == 14
    assert run(sample, "data_quality.duplicate_row") == []


# -- child_repeats_parent --------------------------------------------------------------------------
def test_child_repeats_parent_on_the_sample(sample):
    """附件3 p7: 30114 医疗费 725.33 = 301 工资福利支出 725.33, beside 8 other 款 with amounts."""
    fs = run(sample, "data_quality.child_repeats_parent")
    assert [(f.code, f.actual, f.page, f.severity) for f in fs] == [("30114", D("725.33"), 7, "info")]
    assert "301 工资福利支出" in fs[0].message


def test_child_repeats_parent_silent_for_an_only_child():
    rows = [mkrow("社会保障和就业支出", "208", total="181.56"), mkrow("行政事业单位养老支出", "20805", total="181.56")]
    assert run(disclosure(mktable("general_budget_expenditure", ["total"], rows)),
               "data_quality.child_repeats_parent") == []


# -- parse problems ------------------------------------------------------------------------------
def test_parse_problems_each_become_a_reading_warning():
    p = Problem(file="sample.pdf", page=9, what="unplaced_cell", detail="t03: a cell lies outside the header columns",
                raw="30201 x")
    fs = run(disclosure(problems=[p]), "reading.problems")
    assert len(fs) == 1 and fs[0].page == 9 and fs[0].file == "sample.pdf" and "单元格落在表头各列之外" in fs[0].message
    assert fs[0].severity == "warning"
    assert run(disclosure(), "reading.problems") == []


@pytest.mark.parametrize("dept,year", [(d, y) for d in ("江苏省人大常委", "江苏省委", "江苏省政协")
                                       for y in (2017, 2018, 2019)])
def test_jiangsu_cells_are_clean(jiangsu, dept, year):
    assert run(jiangsu[(dept, year)], *IDS) == []
