"""How a table's rows and segments are read, on synthetic disclosures (tests/layouts/rows.py):
continuation pages under a running header, a spill-over total, an overflow page, codes split
over cells or printed as parts, hierarchies shown by indentation or numbering, tables stacked
per unit, cross-classified tables, and tables a 报表目录 declares empty. Every figure is
consistent, so an arithmetic finding would be the reader's mistake."""
from __future__ import annotations

from decimal import Decimal

import pytest

from analysis.figures import headline_figures
from analysis.structure import (Side, addends, child_rows, deepest_level, hierarchy, is_breakdown, parent_row,
                                top_rows)

from .layouts import read_and_audit
from .layouts.rows import (CODED_CODES, CONTINUED_TABLES, CUT_UNIT, DEPARTMENT, INDENTED_TABLES, PARTIAL_CODES,
                           UNITS, YEAR, coded_names_budget, continued_budget, cut_row_budget, indented_budget,
                           numbered_summary, remarks_budget, sparse_continuation_budget, stacked_budget, stacked_summary_budget,
                           stacked_summary_error_budget, top_row_error_budget,
                           unruled_cut_row_budget)

D = Decimal
ARITHMETIC = ("arithmetic.", "cross_table.", "classification.code_name", "completeness.function_granularity")


@pytest.fixture(scope="module")
def continued(tmp_path_factory):
    return read_and_audit(continued_budget, tmp_path_factory)


@pytest.fixture(scope="module")
def indented(tmp_path_factory):
    return read_and_audit(indented_budget, tmp_path_factory)


@pytest.fixture(scope="module")
def stacked(tmp_path_factory):
    return read_and_audit(stacked_budget, tmp_path_factory)


def _errors(result, prefixes=ARITHMETIC) -> list:
    return [f.message for f in result.findings if f.severity == "error" and f.check.startswith(prefixes)]


def _row(t, name, code=None):
    return next(r for r in t.rows if r.name == name and (code is None or r.code == code))


# -- continuation pages ----------------------------------------------------------------------
def test_running_header_never_glues_tables_and_continuation_pages_join(continued):
    d, _ = continued
    assert d.department == DEPARTMENT and d.year == YEAR
    # each table on exactly its own pages: the next table's page (running header, label, title)
    # is never the previous table's, the page holding only the running header and rows is
    assert [(t.kind, t.label, t.pages) for t in d.tables] == CONTINUED_TABLES
    assert not any(t.kind == "unknown" for t in d.tables)
    assert not any("公开" in r.name or "年度部门预算公开" in r.name for t in d.tables for r in t.rows)


def test_continuation_page_starting_mid_hierarchy_completes_its_parents(continued):
    d, result = continued
    t = d.tables[0]
    kids = {r.code for r in child_rows(t, _row(t, "行政事业单位养老支出"))}
    assert kids == {"2080505", "2080506"}                         # one on each page
    assert parent_row(t, _row(t, "住房公积金")).code == "22102"
    assert _errors(result) == []


def test_spill_over_total_line_joins_its_table(continued):
    d, _ = continued
    t = d.tables[1]
    totals = {r.section: r for r in t.rows if r.is_total}
    assert totals["income"].name == "收入总计" and totals["income"].page == 5
    assert totals["income"].amounts["total"] == D("1000") == totals["expenditure"].amounts["total"]
    assert headline_figures(d)["fiscal_total"].value == D("1000")


def test_codes_in_three_cells_carry_over_a_page_break(continued):
    d, _ = continued
    t = d.tables[2]
    assert [r.code for r in t.rows if r.code] == PARTIAL_CODES
    assert _row(t, "一般行政管理事务").page == 7 and _row(t, "一般行政管理事务").code == "2010602"
    assert _row(t, "财政事务").level == 2      # a 款 row printing only its 款 code is a 款


def test_code_parts_printed_under_their_parent_are_joined(continued):
    d, _ = continued
    t = d.tables[3]
    assert [r.code for r in t.rows if r.code] == PARTIAL_CODES
    assert _row(t, "机关事业单位职业年金缴费支出").extra["code_as_printed"] == "06"
    assert [r.level for r in t.rows if r.code][:4] == [1, 2, 3, 3]


def test_overflow_page_joins_its_table_and_gives_its_unit(continued):
    d, _ = continued
    t = d.tables[4]
    assert t.pages == [9, 10, 11] and t.unit == "元"
    assert _row(t, "合计").amounts["total"] == D("1000")


def test_row_cut_by_a_page_break_is_joined_when_the_table_adds_up(tmp_path_factory):
    # '某市机动' 14,549.64 = 12,437.3 + 2,112.28 fails; with the '6' printed at the top of the next
    # page (under a name '车驾驶员考试服务中心' and nothing else) it is 12,437.36 and holds
    d, result = read_and_audit(cut_row_budget, tmp_path_factory)
    [t] = [t for t in d.tables if t.kind == "department_income"]
    assert t.pages == [1, 2] and "row_cut_by_page" in t.reading
    assert [r.name for r in t.rows] == ["合计", "某市数据管理局(本级)", CUT_UNIT, "某市数据安全中心"]
    cut = _row(t, CUT_UNIT)
    assert (cut.page, cut.amounts["business"], cut.amounts["income"]) == (1, D("12437.36"), D("14549.64"))
    assert _errors(result) == []


def test_an_unruled_table_reads_its_group_label_and_joins_its_cut_row(tmp_path_factory):
    # without rulings the group label 本年收入, alone on a line above the header, was taken for a
    # caption: 小计 read as a second 总计, no sum could confirm the cut row, and the row's error stood
    d, result = read_and_audit(unruled_cut_row_budget, tmp_path_factory)
    [t] = [t for t in d.tables if t.kind == "department_income"]
    assert [c.label for c in t.columns][:3] == ["总计", "本年收入/小计", "本年收入/一般公共预算"]
    assert t.pages == [1, 2] and "row_cut_by_page" in t.reading and "duplicate_key" not in t.reading
    assert _row(t, CUT_UNIT).amounts["business"] == D("12437.36")
    assert _errors(result) == []


def test_a_row_at_the_top_of_a_page_stays_its_own_when_joining_would_not_add_up(tmp_path_factory):
    # the row before is whole (12,437.36 holds): '6' under a new unit is that unit's, and its
    # missing 总计 is the table's error, reported
    d, result = read_and_audit(top_row_error_budget, tmp_path_factory)
    [t] = [t for t in d.tables if t.kind == "department_income"]
    assert "row_cut_by_page" not in t.reading
    assert _row(t, CUT_UNIT).amounts["business"] == D("12437.36")
    assert _row(t, "某市数据服务站").amounts["business"] == D("6") and _row(t, "某市数据服务站").page == 2
    assert [m for m in _errors(result) if "某市数据服务站" in m] != []


def test_codes_printed_in_the_name_cell_bracketed_or_before_a_dash_are_codes(tmp_path_factory):
    # '[201]一般公共服务支出' (a budgeting system's export) and '301-工资福利支出': the code is the
    # row's code, the name is the name (read as '-工资福利支出', every name was a false mismatch)
    d, result = read_and_audit(coded_names_budget, tmp_path_factory)
    fn, econ = d.tables
    assert (fn.kind, econ.kind) == ("general_budget_expenditure", "general_budget_basic_expenditure")
    assert [r.code for r in fn.rows if r.code] == CODED_CODES
    assert _row(fn, "行政运行").code == "2010601" and _row(fn, "行政运行").level == 3
    assert [(r.code, r.name) for r in econ.rows[1:3]] == [("301", "工资福利支出"), ("30101", "基本工资")]
    assert _errors(result, ARITHMETIC + ("classification.",)) == []
    assert not [f for f in result.findings if f.check.startswith("classification.") and f.severity != "info"]


def test_an_unruled_continuation_page_with_its_last_columns_empty_joins_its_table(tmp_path_factory):
    # text alignment finds no column where nothing is printed: the page's grid is narrower than the
    # first page's; it was an unknown table, and every parent on page 1 missed its children
    d, result = read_and_audit(sparse_continuation_budget, tmp_path_factory)
    [t] = d.tables
    assert t.kind == "department_expenditure" and t.pages == [1, 2]
    assert [r.code for r in t.rows if r.code] == PARTIAL_CODES
    assert _row(t, "提租补贴").amounts["total"] == D("70.00") and _row(t, "提租补贴").page == 2
    assert _errors(result) == []


def test_a_summary_printed_one_side_under_the_other_gives_both_sides(tmp_path_factory):
    # one column of names, one of amounts: income down to 收入总计, then expenditure; the header
    # names no side, the rows' order does
    d, result = read_and_audit(stacked_summary_budget, tmp_path_factory)
    [t] = d.tables
    assert t.kind == "department_summary" and "sides_stacked" in t.reading
    assert [r.section for r in t.rows] == ["income"] * 6 + ["expenditure"] * 6
    figures = headline_figures(d)
    assert (figures["total_income"].value, figures["current_expenditure"].value) == (D("1000.00"), D("1000.00"))
    assert _errors(result) == []


def test_the_sides_of_a_stacked_summary_are_checked(tmp_path_factory):
    _, result = read_and_audit(stacked_summary_error_budget, tmp_path_factory)
    assert [m for m in _errors(result) if "本年支出合计" in m and "10.00" in m] != []


def test_remark_columns_name_no_rows_and_start_no_side(tmp_path_factory):
    # a text column after the amounts was read as a second side: each remark a row of its own; a
    # 项目类别 column was read as the rows' names, the project names lost
    d, result = read_and_audit(remarks_budget, tmp_path_factory)
    fn, projects, purchases = d.tables
    assert [r.name for r in fn.rows] == ["合计", "一般公共服务支出", "财政事务", "行政运行", "一般行政管理事务"]
    assert _row(fn, "行政运行").extra["note"] == "含离退休人员" and not any(r.section for r in fn.rows)
    assert projects.kind == "project_expenditure"
    assert [(r.name, r.amounts["total"]) for r in projects.rows] == \
        [("合计", D("200.00")), ("信息化运维项目", D("150.00")), ("数据治理项目", D("50.00"))]
    # 数量 and 单价 were unnamed amount columns: the procurement table was withheld
    assert purchases.kind == "procurement" and purchases.confidence == 1.0 and purchases.column_keys() == ["total"]
    assert purchases.rows[1].extra["quantity"] == "10" and purchases.rows[3].amounts["total"] == D("54.00")
    assert _errors(result) == []


# -- hierarchy by indentation and numbering ---------------------------------------------------
def test_indented_names_give_levels_and_parents(indented):
    d, result = indented
    assert [(t.kind, t.label, t.pages) for t in d.tables] == INDENTED_TABLES
    t = d.tables[2]
    assert [r.level for r in t.rows if not r.is_total] == [1, 2, 3, 3, 1, 2, 3, 3, 1, 2, 3]
    assert parent_row(t, _row(t, "行政运行")).name == "财政事务"
    assert [r.name for r in top_rows(t, [r for r in t.rows if not r.is_total])] == \
        ["一般公共服务支出", "社会保障和就业支出", "住房保障支出"]
    assert deepest_level(t) == 3
    assert _errors(result, ("arithmetic.", "cross_table.")) == []


def test_summary_sides_sum_their_top_rows_and_check_each_parent(indented):
    d, _ = indented
    t = d.tables[0]
    income, spending = Side(t, "income"), Side(t, "expenditure")
    assert [r.name for r in income.items("income")] == ["一、财政拨款", "二、事业收入", "三、其他收入"]
    assert [r.name for r in spending.items("expenditure")] == ["一般公共服务支出", "社会保障和就业支出", "住房保障支出"]
    groups = {top.name: [r.name for r in parts] for top, parts in income.groups()}
    assert groups == {"一、财政拨款": ["一般公共预算", "政府性基金预算", "国有资本经营预算"]}
    # a 其中 line is a breakdown of its row, never one of its addends
    other = _row(t, "其中:教育收费")
    assert is_breakdown(other) and parent_row(t, other).name == "二、事业收入"
    assert addends(t, _row(t, "二、事业收入")) == []
    assert all(is_breakdown(r) for r in child_rows(t, _row(t, "一、财政拨款")))


def test_numbered_total_row_above_its_classes_holds_them(indented):
    d, _ = indented
    t = d.tables[1]
    spending = Side(t, "expenditure")
    assert [r.name for r in spending.items("expenditure")] == ["一、本年支出合计", "二、年终结转结余"]
    groups = {top.name: [r.name for r in parts] for top, parts in spending.groups()}
    assert groups["一、本年支出合计"] == ["一般公共服务支出", "社会保障和就业支出", "住房保障支出"]


def test_numbered_income_row_on_a_line_of_its_own_stays_on_its_side(tmp_path_factory):
    d, result = read_and_audit(numbered_summary, tmp_path_factory)
    t = d.tables[0]
    row = _row(t, "3、国有资本经营预算")
    assert row.section == "income" and parent_row(t, row).name == "一、财政拨款收入"
    assert child_rows(t, _row(t, "三、住房保障支出")) == []
    assert _errors(result, ("arithmetic.",)) == []


def test_hierarchy_is_read_from_the_rows_of_a_table_built_by_hand():
    from analysis.model import Row, Table
    t = Table(id="t", kind="department_summary", title="")
    for i, (name, section) in enumerate((("一、财政拨款收入", "income"), ("一、一般公共服务支出", "expenditure"),
                                          ("1、一般公共预算", "income"), ("其中：人员经费", "expenditure"))):
        t.rows.append(Row(index=i, name=name, section=section))
    assert hierarchy(t) == {0: None, 1: None, 2: 0, 3: 1}


# -- stacked per unit, cross-classified, declared empty ----------------------------------------
def test_stacked_blocks_become_tables_of_their_units(stacked):
    d, result = stacked
    dept, *units = [t for t in d.tables if t.kind == "general_budget_expenditure"]
    assert (dept.unit_scope, dept.part_of) == ("", "")
    assert [(t.unit_scope, t.part_of) for t in units] == [(u.replace("（", "(").replace("）", ")"), dept.id)
                                                           for u in UNITS]
    assert _row(dept, "合计").amounts["total"] == D("1000") and len(dept.rows) == 8
    assert [t.rows[0].amounts["total"] for t in units] == [D("600"), D("400")]
    assert all(t.rows[0].is_total for t in units)
    assert headline_figures(d)["general_budget_total"].value == D("1000")
    assert _errors(result, ("arithmetic.", "cross_table.")) == []


def test_cross_classified_rows_carry_both_codes(stacked):
    d, result = stacked
    t = next(t for t in d.tables if t.kind == "general_budget_basic_expenditure")
    wages = [r for r in t.rows if r.code == "301"]
    assert [r.extra["gov_code"] for r in wages] == ["501", "505"]
    assert [r.amounts["total"] for r in wages] == [D("500"), D("100")]
    assert all(parent_row(t, r) is None for r in wages)             # a hierarchy per government class
    assert [r.code for r in child_rows(t, wages[1])] == ["30101"]
    assert _errors(result, ("arithmetic.", "cross_table.")) == []


def test_table_declared_empty_in_the_list_of_tables_is_present(stacked):
    d, result = stacked
    fund = next(t for t in d.tables if t.kind == "government_fund")
    assert fund.empty_reason == "不涉及" and fund.rows == []
    missing = [f.item for f in result.findings if f.check == "completeness.required_tables"]
    assert not any("政府性基金" in m for m in missing)
