"""Tests of ``arithmetic.children_sum`` (``analysis/checks/arithmetic/children_sum.py``)."""
from __future__ import annotations

from .builders import D, disclosure, economic, errors, mkrow, mktable, run, total

CHILDREN = "arithmetic.children_sum"


def _goods(parent_total="189.20", page=9):
    return [
        mkrow("商品和服务支出", "302", page=page, total=parent_total, public=parent_total),
        mkrow("办公费", "30201", page=page, total="47.18", public="47.18"),
        mkrow("印刷费", "30202", page=page, total="10.00", public="10.00"),
        mkrow("会议费", "30215", page=page, total="118.08", public="118.08"),
    ]


def test_children_sum_fires_with_the_evidence_on_the_page():
    t = economic([total(total="175.26", public="175.26", page=9)] + _goods(), label="附件3")
    fs = run(disclosure(t), CHILDREN)
    f = next(f for f in fs if f.code == "302" and "公用经费" in f.message)
    assert f.severity == "error" and f.table == "general_budget_basic_expenditure" and f.page == 9
    assert (f.actual, f.expected, f.difference) == (D("189.20"), D("175.26"), D("13.94"))
    assert f.message.startswith("附件3《一般公共预算基本支出表》第9页 302 商品和服务支出")
    assert "189.20 万元" in f.message and "175.26 万元" in f.message and "相差 13.94 万元" in f.message
    assert {r["code"] for r in f.related} == {"30201", "30202", "30215"}


def test_children_sum_silent_when_the_hierarchy_adds_up():
    t = economic([total(total="175.26", public="175.26")] + _goods("175.26"))
    assert run(disclosure(t), CHILDREN) == []


def test_children_sum_tolerates_rounding_of_one_cent_per_term():
    rows = [mkrow("一般公共服务支出", "201", total="10.03"), mkrow("人大事务", "20101", total="10.03"),
            mkrow("行政运行", "2010101", total="3.34"), mkrow("一般行政管理事务", "2010102", total="3.33"),
            mkrow("人大会议", "2010104", total="3.33")]
    t = mktable("general_budget_expenditure", ["total"], rows)
    assert run(disclosure(t), CHILDREN) == []  # 10.03 vs 10.00: three terms, 0.03 allowed
    rows[1].amounts["total"] = D("10.04")
    rows[0].amounts["total"] = D("10.04")
    assert [f.code for f in run(disclosure(t), CHILDREN)] == ["20101"]


def test_children_sum_checks_the_total_row_against_the_classes():
    rows = [total(total="300.00"), mkrow("一般公共服务支出", "201", total="200.00"),
            mkrow("住房保障支出", "221", total="90.00")]
    fs = run(disclosure(mktable("department_expenditure", ["total"], rows, label="公开03表")), CHILDREN)
    assert len(fs) == 1 and fs[0].item == "合计" and fs[0].difference == D("10.00")
    assert "各类（2 行）合计 290.00 万元" in fs[0].message


def test_children_sum_accepts_a_class_row_whose_code_was_not_read():
    # 江苏省人大 2017 p11: the 301 row is read without its code; the 合计 still adds up with it
    rows = [total(total="7666.68"), mkrow("", flags=("unlabelled",), total="2928.98"),
            mkrow("基本工资", "30101", total="2928.98"), mkrow("商品和服务支出", "302", total="1585.96"),
            mkrow("对个人和家庭的补助", "303", total="3151.74")]
    assert run(disclosure(mktable("fiscal_basic_expenditure", ["total"], rows)), CHILDREN) == []


def test_children_sum_skips_columns_with_placeholders():
    rows = [mkrow("工资福利支出", "301", total="10.00", ph={"personnel": "."}),
            mkrow("基本工资", "30101", total="4.00", personnel="4.00"),
            mkrow("津贴补贴", "30102", total="6.00", personnel="5.00")]
    assert run(disclosure(economic(rows)), CHILDREN) == []


def test_children_sum_reports_guessed_columns_as_warnings_and_says_so():
    rows = [mkrow("工资福利支出", "301", flags=("columns_inferred",), total="725.33", personnel="725.33"),
            mkrow("基本工资", "30101", flags=("columns_inferred",), total="173.54", personnel="173.54")]
    fs = run(disclosure(economic(rows)), CHILDREN)
    assert fs and all(f.severity == "warning" for f in fs)
    assert all("由文本推断" in f.message for f in fs)


def test_children_sum_reads_children_below_their_parent_only():
    # a table that repeats its codes per unit: each block adds up on its own
    rows = [mkrow("一般公共服务支出", "201", total="5"), mkrow("人大事务", "20101", total="5"),
            mkrow("一般公共服务支出", "201", total="7"), mkrow("人大事务", "20101", total="7")]
    assert run(disclosure(mktable("department_expenditure", ["total"], rows)), CHILDREN) == []


def test_sample_economic_table_published_errors(sample):
    """附件3 (p7-8): 302 商品和服务支出 189.20 while its items add up to 364.84 (206.14 in 日常公用经费);
    301 工资福利支出 725.33 while its items, with 30114 医疗费 repeating 725.33, add up to 1,449.28;
    合计 1,013.51 while the classes add up to 919.93."""
    fs = run(sample, CHILDREN)
    assert all(f.severity == "error" and f.table == "general_budget_basic_expenditure" for f in fs)
    got = {(f.code, f.actual, f.expected) for f in fs}
    assert ("302", D("189.20"), D("364.84")) in got
    assert ("302", D("189.20"), D("206.14")) in got        # 日常公用经费 column
    assert ("301", D("725.33"), D("1449.28")) in got
    assert (None, D("1013.51"), D("919.93")) in got        # 合计 vs 301 + 302 + 303
    f = next(f for f in fs if f.code == "302" and f.expected == D("206.14"))
    assert f.page == 7 and f.message.startswith("附件3《一般公共预算基本支出表》第7页 302 商品和服务支出 2025年日常公用经费 189.20 万元")
    assert "（见第7—8页）" in f.message and "相差 -16.94 万元" in f.message
    # every other coded table of the sample adds up
    assert {f.table for f in fs} == {"general_budget_basic_expenditure"}


def test_children_sum_reports_a_wrong_subtotal_at_the_subtotal_not_at_its_parent():
    """212 is right (it equals the items under 21201 and 21202); 21201 is printed 1 元 too high.
    Only 21201 is reported; in a table printed in 元 a 1 元 slip is found."""
    yuan = D(1) / D(10000)
    rows = [mkrow("城乡社区支出", "212", total=D("1000.0000")),
            mkrow("城乡社区管理事务", "21201", total=D("600.0001")),
            mkrow("行政运行", "2120101", total=D("400.0000")),
            mkrow("一般行政管理事务", "2120102", total=D("200.0000")),
            mkrow("城乡社区规划与管理", "21202", total=D("400.0000")),
            mkrow("城乡社区规划与管理", "2120201", total=D("400.0000"))]
    t = mktable("general_budget_expenditure", ["total"], rows, unit="元", scale=yuan)
    fs = errors(run(disclosure(t), "arithmetic.children_sum"))
    assert [(f.code, f.difference) for f in fs] == [("21201", D("0.0001"))]
    assert "600.0001" in fs[0].message
    # printed in 万元 (rounded to 0.01), the same 0.0001 is rounding, not an error
    rows_wan = [mkrow(r.name, r.code, total=r.amounts["total"]) for r in rows]
    assert errors(run(disclosure(mktable("general_budget_expenditure", ["total"], rows_wan)),
                      "arithmetic.children_sum")) == []
