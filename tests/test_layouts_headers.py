"""How a table's title, header, columns, numbers and unit are read, on synthetic disclosures that
print them the ways the 2026 city disclosures do (tests/layouts/headers.py): titles worded
'…总体情况表' with the year in a font of broken metrics, label fused with the title, column-number
rows, nested and repeated column groups (a header tree), groups printed without their subtotal,
'其中' breakdown columns, a text-aligned table whose group label no cell spans. Every figure is
consistent: an arithmetic or cross-table error would be the reader's."""
from __future__ import annotations

from decimal import Decimal

import pytest

from analysis.checks import audit
from analysis.figures import headline_figures
from analysis.inputs import read_source
from analysis.parse import parse_paths
from analysis.settings import ReaderSettings
from analysis.vocab import column_zh

from .layouts import read_and_audit, read_built
from .layouts.headers import (DEPARTMENT, EXPECTED_TABLES, YEAR, breakdown_budget, change_budget, fiscal_group_budget,
                              nested_budget,
                              project_classes_budget, units_budget, years_down_budget)

D = Decimal


@pytest.fixture(scope="module")
def nested(tmp_path_factory):
    return read_built(nested_budget, tmp_path_factory)


@pytest.fixture(scope="module")
def breakdown(tmp_path_factory):
    return read_built(breakdown_budget, tmp_path_factory)


@pytest.fixture(scope="module")
def units(tmp_path_factory):
    return read_built(units_budget, tmp_path_factory)


def _table(d, kind):
    return next(t for t in d.tables if t.kind == kind)


def _row(t, name):
    return next(r for r in t.rows if r.name == name or r.code == name)


def test_titles_worded_overall_situation_year_apart_and_label_fused(nested):
    """'…收支总体情况表', '…收入总体情况表', '…支出总体情况表' name the summary, income and expenditure
    tables; a year set in a font without ascent is still the title's; '表5：' before a title is its
    label; '财政拨款项目支出预算表' is a project table, not the 财政拨款支出表."""
    assert [(t.kind, t.pages) for t in nested.tables] == EXPECTED_TABLES
    assert nested.department == DEPARTMENT and nested.year == YEAR
    summary = nested.tables[0]
    assert (summary.title, summary.label, summary.unit) == (f"{YEAR}年部门收支总体情况表", "表一", "万元")
    project = nested.tables[-1]
    assert (project.title, project.label) == (f"{YEAR}年财政拨款项目支出预算表", "表5")


def test_a_font_without_ascent_keeps_its_glyphs_on_their_line(nested, tmp_path):
    """The year of the title and the colons of the meta line are set in a font whose glyph boxes
    hang below the baseline; read by their baseline they stay on their printed line. Without the
    correction (a threshold no font fails) the year drops under the title."""
    path = nested.files[0].path
    [page] = [p for p in read_source(path).pages if p.number == 2]
    texts = [line.text for line in page.lines if not line.grid]
    assert f"{YEAR}年部门收支总体情况表" in texts and f"单位名称：{DEPARTMENT} 单位：万元" in texts
    [page] = [p for p in read_source(path, ReaderSettings(font_box_ascent_min=-5.0)).pages if p.number == 2]
    assert "年部门收支总体情况表" in [line.text for line in page.lines]


def test_spaces_laid_over_glyphs_do_not_cut_numbers(nested):
    """The narrative's digits are printed in the font without ascent, with a space character laid
    over each of them (justification): the sentence reads whole."""
    [page] = [n for n in nested.narrative if n.page == 1]
    assert f"{YEAR}年一般公共预算财政拨款收入900.00万元，政府性基金预算财政拨款收入60.00万元。" in page.text
    [p1] = [p for p in read_source(nested.files[0].path, ReaderSettings(space_overprint=100.0)).pages if p.number == 1]
    assert not any("900.00万元" in line.text for line in p1.lines)


def test_column_number_row_is_header_not_data(nested):
    for kind in ("department_income", "department_expenditure"):
        t = _table(nested, kind)
        assert not any(r.name in ("**", "") or "**" in r.raw for r in t.rows)
        assert all(not c.label.endswith(("/1", "/2", "/3")) for c in t.columns)
        assert t.rows[0].is_total and t.readable


def test_repeated_column_groups_keyed_by_their_parent(nested):
    """本年收入 and 上年结转结余 repeat 小计 / 一般公共预算: the second group's columns are keyed by
    their parent, the subtotals are the groups' own amounts, and nothing is counted twice."""
    t = _table(nested, "department_income")
    assert t.column_keys() == ["total", "income", "general_budget", "government_fund", "other", "carryover",
                               "carryover_general_budget", "carryover_unit_funds"]
    assert "duplicate_key" not in t.reading and t.confidence == 1.0
    total = _row(t, "合计")
    assert (total.amounts["income"], total.amounts["carryover"], total.amounts["carryover_unit_funds"]) == \
        (D(960), D(40), D(40))
    assert column_zh("carryover_general_budget") == "上年结转一般公共预算"


def test_nested_group_subtotal_and_wrapped_sub_column(nested):
    """基本支出 over 小计 / 人员经费 / 日常公用支出 (wrapped over two lines): 小计 is 基本支出, the
    wrapped header is 公用经费, and 基本支出 is never read from a sub-column."""
    t = _table(nested, "department_expenditure")
    assert t.column_keys() == ["total", "basic", "personnel", "public", "project"]
    total = _row(t, "合计")
    assert (total.amounts["basic"], total.amounts["personnel"], total.amounts["public"]) == (D(600), D(450), D(150))
    figs = headline_figures(nested)
    assert figs["basic_expenditure"].value == D(600) and figs["project_expenditure"].value == D(400)


def test_text_aligned_group_label_over_columns_and_its_continuation(nested):
    """No rulings: 基本支出 stands over 小计 / 人员经费 / 公用经费 without a cell spanning them; the
    next page repeats the header and, its 公用经费 column being empty, is aligned otherwise."""
    t = _table(nested, "general_budget_expenditure")
    assert t.column_keys() == ["total", "basic", "personnel", "public", "project"]
    assert [c.label for c in t.columns][1] == "基本支出/小计" and t.readable and t.reading == []
    assert [r.code for r in t.rows if r.code] == ["201", "20101", "2010101", "2010102", "208", "20805", "2080505"]
    row = _row(t, "2080505")
    assert row.amounts == {"total": D(200), "basic": D(200), "personnel": D(200), "public": D(0), "project": D(0)}


def test_no_arithmetic_or_cross_table_error_in_a_consistent_disclosure(nested, breakdown):
    for d in (nested, breakdown):
        [result] = audit([d])
        wrong = [f.message for f in result.findings if f.severity == "error"
                 and f.check.startswith(("arithmetic", "cross_table", "narrative"))]
        assert wrong == []


def test_of_which_column_is_a_breakdown_not_a_part(breakdown):
    """本级财政拨款 over 金额 / 其中：经费拨款: 金额 is the group's amount (财政拨款), the 其中 column a
    breakdown of it, never added to the parts of 合计."""
    t = _table(breakdown, "department_income")
    assert t.column_keys() == ["total", "fiscal", "of_which", "business"]
    total = _row(t, "合计")
    assert total.amounts["total"] == total.amounts["fiscal"] + total.amounts["business"] == D(500)
    assert t.confidence == 1.0


def test_group_printed_without_its_subtotal_gets_it_where_the_table_ties_out(breakdown):
    """基本支出 printed as 人员支出 + 日常公用支出 without 小计: 合计 = 人员 + 公用 + 项目 on every row,
    so 基本支出 is their sum (a derived column, noted), never 日常公用支出 alone."""
    t = _table(breakdown, "department_expenditure")
    assert t.column_keys() == ["total", "basic", "personnel", "public", "project"]
    assert "group_total_derived" in t.reading and t.readable
    assert _row(t, "合计").amounts["basic"] == D(380)
    assert headline_figures(breakdown)["basic_expenditure"].value == D(380)


def test_unit_not_printed_is_inferred_from_the_same_figures_elsewhere(units):
    """The income table prints no unit: read in 万元 its figures would be 10,000 times the summary's;
    read in 元 they are the summary's figures. The unit is inferred, used and noted."""
    t = _table(units, "department_income")
    assert (t.unit, t.scale) == ("元", D("0.0001")) and "unit_inferred" in t.reading
    assert _row(t, "合计").amounts["total"] == D(1300)
    summary = _table(units, "department_summary")
    assert "unit_inferred" not in summary.reading and summary.unit == "元"
    [result] = audit([units])
    assert not [f for f in result.findings if f.check.startswith("cross_table")]


def test_unit_printed_in_the_title_and_full_width_digits(units):
    t = _table(units, "department_expenditure")
    assert t.unit == "元" and "unit_inferred" not in t.reading
    assert _row(t, "201").amounts["total"] == D(1000)   # １０，０００，０００ printed full width


def test_year_in_chinese_digits(units):
    t = _table(units, "department_summary")
    assert (t.title, t.year) == (f"{YEAR}年部门收支总表", YEAR) and units.year == YEAR


def test_misplaced_thousands_separators_read_where_the_table_ties_out(units):
    """'12345,600' (only the last separator printed) reads as 12,345,600 元: both sides of the
    summary add up and agree under that reading. A blank cell stays blank."""
    t = _table(units, "department_summary")
    assert "separators_misplaced" in t.reading and t.readable and not any(r.unreadable for r in t.rows)
    assert _row(t, "一、财政拨款收入").amounts["total"] == D("1234.56")
    assert _row(t, "收入总计").amounts["total"] == _row(t, "支出总计").amounts["total"] == D(1300)
    blank = _row(t, "二、事业收入")
    assert blank.amounts["total"] == 0 and "total" in blank.blank
    figs = headline_figures(units)
    assert figs["total_income"].value == figs["total_expenditure"].value == D(1300)


def test_misplaced_separators_the_table_does_not_confirm_stay_unreadable(units):
    """A garbled 合计 its rows do not add up to is not read as a number (nor cut to a smaller one):
    it is an unreadable cell, a reading problem, never an arithmetic error."""
    t = _table(units, "general_budget_expenditure")
    total = _row(t, "合计")
    assert total.unreadable == {"total": "13000,000", "basic": "13000,000"} and "total" not in total.amounts
    assert "unreadable_cells" in t.reading and "separators_misplaced" not in t.reading
    [result] = audit([units])
    assert not [f for f in result.findings if f.severity == "error" and f.check.startswith("arithmetic")]


def test_a_web_page_saved_under_a_pdf_name_is_reported_as_such(tmp_path):
    """A browser's 'save as' of an article page, named …部门预算.pdf: not a corrupt PDF but an HTML
    page, named by its article title."""
    page = tmp_path / "2026年某局部门预算.pdf"
    page.write_text('\ufeff<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="UTF-8" />\n'
                    '<meta name="ArticleTitle" content="某局2026年部门预算情况说明">\n<title>预算公开</title>\n'
                    '</head><body><p>附件下载</p></body></html>\n', encoding="utf-8")
    ds, errors = parse_paths([page])
    assert ds == [] and len(errors) == 1
    assert 'an HTML page (a web page: "某局2026年部门预算情况说明"), not a PDF' in str(errors[0])
    assert "corrupt" not in str(errors[0])


def test_four_sub_columns_of_basic_expenditure(breakdown):
    """基本支出 over 小计 / 人员经费 / 公用经费 / 对个人和家庭的补助: each sub-column has its own key,
    none takes its parent's."""
    t = _table(breakdown, "general_budget_expenditure")
    assert t.column_keys() == ["total", "basic", "personnel", "public", "individual_subsidy", "project"]
    assert t.confidence == 1.0
    assert _row(t, "201").amounts["individual_subsidy"] == D(20)


def _specs_of(labels: list, kind: str) -> list:
    """The columns read of a header whose first column holds names and the others amounts."""
    from analysis.parse.columns import Profile, assign_columns

    profiles = []
    for k in range(len(labels)):
        p = Profile()
        for text in (["行政运行", "合计"] if k == 0 else ["1.00", "2.00"]):
            p.add(text)
        profiles.append(p)
    return assign_columns(labels, profiles, kind, YEAR)


def _keys_of(labels: list, kind: str) -> list:
    return [s.key for s in _specs_of(labels, kind)]


def test_a_sub_column_is_never_taken_for_its_parent():
    """A sub-column whose own name the vocabulary does not know stays unnamed (a reading problem)
    rather than taking its parent's key: 项目支出 / 专项业务费 is not 项目支出."""
    labels = ["科目名称", "合计", "项目支出/小计", "项目支出/专项业务费", "项目支出/其他项目"]
    assert _keys_of(labels, "department_expenditure") == ["name", "total", "project", "", ""]


@pytest.mark.parametrize("labels,keys", [
    (["科目名称", "2025年", "2026年"], ["name", "prior_total", "total"]),            # the year alone
    (["科目名称", "2025年预算", "2026年预算"], ["name", "prior_total", "total"]),    # 预算 without 数
    (["科目名称", "2026年度预算(万元)"], ["name", "total"]),
    (["科目名称", "2026年/合计", "2026年/基本支出"], ["name", "total", "basic"]),  # a year over its columns: as before
])
def test_a_column_headed_by_its_year_alone_is_that_years_amount(labels, keys):
    # such columns were unnamed: the table was withheld
    assert _keys_of(labels, "general_budget_expenditure") == keys


def test_a_department_is_never_read_from_a_note_about_the_table():
    """'本表反映…局2026年…' under a table names the department after its lead words, never with them."""
    from analysis.parse.identity import department_votes

    votes = department_votes([f"注：本表反映{DEPARTMENT}{YEAR}年部门预算收支情况。", f"本表反映{DEPARTMENT}{YEAR}年一般公共预算支出情况"])
    assert set(votes) == {DEPARTMENT}


@pytest.mark.parametrize("meta", ["填报单位", "报送单位", "申报单位", "编制单位"])
def test_the_department_is_read_from_the_meta_line_whatever_it_is_called(tmp_path, meta):
    # 填报单位：… above a table named no department: the disclosure had none
    from reportlab.lib.pagesizes import A4

    from .layouts.draw import Span, draw_table, draw_text, new_canvas

    path = tmp_path / "meta.pdf"
    c = new_canvas(path, A4)
    draw_text(c, 297, 40, f"{YEAR}年一般公共预算支出表", size=13, align="centre")
    draw_text(c, 40, 70, f"{meta}：{DEPARTMENT}", size=10)
    draw_text(c, 480, 70, "单位：万元", size=10)
    draw_table(c, 40, 90, [60, 200, 80, 80, 80], [Span(h, 0, k) for k, h in enumerate(["科目编码", "科目名称", "合计",
                                                                                      "基本支出", "项目支出"])],
               [["", "合计", "1,000.00", "800.00", "200.00"], ["201", "一般公共服务支出", "1,000.00", "800.00", "200.00"]])
    c.showPage()
    c.save()
    [d], errors = parse_paths([path])
    assert errors == [] and d.department == DEPARTMENT and d.tables[0].unit == "万元"


def test_budget_and_final_groups_of_a_final_accounts_table():
    """A 决算 table printing 年初预算数 and 决算数 as two groups over the same sub-columns: the budget
    group's columns are the ``budget_`` columns, the final group's the table's own."""
    labels = ["项目", "年初预算数/合计", "年初预算数/基本支出", "年初预算数/项目支出", "决算数/合计", "决算数/基本支出",
              "决算数/项目支出"]
    specs = _specs_of(labels, "final_expenditure")
    assert [s.key for s in specs] == ["name", "budget_total", "budget_basic", "budget_project", "total", "basic",
                                      "project"]
    assert not any("duplicate_key" in s.notes for s in specs)


def test_the_change_on_the_year_before_is_no_amount_column(tmp_path_factory):
    # 比上年增减/金额 was read as a second 上年 column (比上年 says the year before) and the rate
    # column as an unnamed one: the table was withheld as unreadable
    d, result = read_and_audit(change_budget, tmp_path_factory)
    t = _table(d, "general_budget_expenditure")
    assert t.confidence == 1.0 and t.column_keys() == ["prior_total", "total"]
    assert _row(t, "2010601").amounts == {"prior_total": D("400.00"), "total": D("300.00")}
    assert _row(t, "2010601").raw.endswith("| -100.00 | -25.00")   # kept as printed, in no sum
    assert not [f.message for f in result.findings if f.severity in ("error", "warning")
                and f.check.startswith(("arithmetic.", "data_quality.", "reading.", "classification."))]


def test_a_three_public_table_printed_down_the_page_gives_its_items(tmp_path_factory):
    # one row per item, one column per year: read as the items' columns of this year and the last
    d, result = read_and_audit(change_budget, tmp_path_factory)
    t = _table(d, "three_public")
    assert t.confidence == 1.0 and "items_by_rows" in t.reading and len(t.rows) == 1
    [r] = t.rows
    assert r.is_total and r.page == 2
    assert {k: r.amounts[k] for k in ("total", "reception", "vehicle_total", "vehicle_purchase", "vehicle_operation")} == \
        {"total": D("24.00"), "reception": D("8.00"), "vehicle_total": D("16.00"), "vehicle_purchase": D("0.00"),
         "vehicle_operation": D("16.00")}
    assert (r.amounts["prior_total"], r.amounts["prior_reception"]) == (D("30.00"), D("10.00"))
    assert "公务接待费" in column_zh("reception") and any(c.label.endswith("公务接待费") for c in t.columns)
    figures = headline_figures(d)
    assert (figures["three_public_total"].value, figures["three_public_vehicle_operation"].value) == (D("24.00"), D("16.00"))
    assert not [f.message for f in result.findings if f.check.startswith(("completeness.three_public_split",
                                                                          "arithmetic.", "reading."))
                and f.severity in ("error", "warning")]


def test_project_expenditure_printed_as_its_classes_and_two_groups_without_their_amounts(tmp_path_factory):
    # 项目支出 over 其他运转类 / 特定目标类 (unnamed columns: the table was withheld), and 基本支出
    # over 人员经费 / 公用经费, neither with a 小计: both groups' amounts are their parts' sums
    d, result = read_and_audit(project_classes_budget, tmp_path_factory)
    t = _table(d, "general_budget_expenditure")
    assert t.confidence == 1.0 and "group_total_derived" in t.reading
    assert {"project_operating", "project_specific", "basic", "project"} <= set(t.column_keys())
    assert (_row(t, "合计").amounts["basic"], _row(t, "合计").amounts["project"]) == (D("800.00"), D("200.00"))
    assert headline_figures(d)["project_expenditure"].value == D("200.00")
    assert not [f.message for f in result.findings if f.severity == "error" and f.check.startswith("arithmetic.")]


def test_a_three_public_table_printing_its_years_as_rows_gives_this_years_figures(tmp_path_factory):
    # rows 2025年预算数, 2026年预算数, 增减额: the first row (last year's) was the table's figures, and
    # a narrative stating this year's would have disagreed with it; the change row was negative
    d, result = read_and_audit(years_down_budget, tmp_path_factory)
    t = _table(d, "three_public")
    assert "years_by_rows" in t.reading and len(t.rows) == 1
    [r] = t.rows
    assert (r.amounts["total"], r.amounts["reception"], r.amounts["prior_total"]) == (D("24.00"), D("8.00"), D("30.00"))
    figures = headline_figures(d)
    assert (figures["three_public_total"].value, figures["three_public_vehicle_operation"].value) == (D("24.00"), D("16.00"))
    assert not [f for f in result.findings if f.check == "data_quality.negative"]
    # a 机关运行经费 table printing its one amount a year a row: its figure was not found at all
    ops = _table(d, "operating_costs")
    assert "years_by_rows" in ops.reading and figures["operating_costs"].value == D("100.00")
    assert ops.rows[0].amounts["prior_operating_costs"] == D("110.00")


def test_an_income_table_printing_fiscal_over_its_budgets_adds_up(tmp_path_factory):
    # 合计 = 财政拨款 (小计) + 事业收入 + …, the budgets under 财政拨款 adding to it: every row was
    # inconsistent (the subtotal and its parts both added) and the table's checks set aside
    d, result = read_and_audit(fiscal_group_budget, tmp_path_factory)
    t = _table(d, "department_income")
    assert {"fiscal", "general_budget", "government_fund"} <= set(t.column_keys())
    assert not [f.message for f in result.findings if f.check.startswith(("arithmetic.", "reading."))]
