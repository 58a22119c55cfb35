"""A disclosure drawn in layouts the shared corpus never shows (tests/layouts/documents.py) reads
whole: tables found by structure, titles read generously, columns by meaning, a continuation
page and a row outside the ruling joined, and what the tool cannot read withheld as a reading
problem. Its figures are consistent, so any arithmetic or cross-table error would be the
reader's."""
from __future__ import annotations

from decimal import Decimal

import pytest

from analysis.checks import audit
from analysis.figures import headline_figures
from analysis.parse import parse_document, parse_paths
from analysis.settings import ReaderSettings

from .layouts.documents import DEPARTMENT, EXPECTED_TABLES, YEAR, unseen_budget

D = Decimal


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    path = unseen_budget(tmp_path_factory.mktemp("unseen") / "unseen.pdf")
    ds, errors = parse_paths([path])
    assert errors == [] and len(ds) == 1
    return ds[0]


def test_department_year_and_tables_by_structure(unseen):
    assert unseen.department == DEPARTMENT and unseen.year == YEAR
    assert (unseen.kind, unseen.scope) == ("budget", "department")
    # the contents page lists four ordinal titles with no grid under them: no table there
    assert [(t.kind, t.pages) for t in unseen.tables] == EXPECTED_TABLES
    assert 1 not in {p for t in unseen.tables for p in t.pages}
    assert any("目" in n.text and "部门收支总表" in n.text for n in unseen.narrative if n.page == 1)


def test_ordinal_title_wrapped_over_two_lines_and_unit_wrapped_after_its_colon(unseen):
    t = unseen.tables[0]
    assert t.title == f"{YEAR}年部门收支总表" and t.kind == "department_summary"
    assert t.unit == "元"   # 单位： / 元 on two lines; the amounts are 元, stored in 万元
    total = next(r for r in t.rows if r.name == "收入总计")
    assert total.amounts["total"] == D("500")


def test_three_groups_side_by_side_keep_their_own_amounts(unseen):
    t = unseen.tables[0]
    sections = {}
    for r in t.rows:
        sections.setdefault(r.section, []).append((r.name, r.amounts.get("total")))
    assert sections["income"][0] == ("一、财政拨款收入", D("500"))
    assert ("社会保障和就业支出", D("60")) in sections["expenditure"]
    assert ("商品和服务支出", D("200")) in sections["expenditure_purpose"]
    assert [n for n, _ in sections["expenditure_purpose"]][-1] == "支出总计"


def test_label_year_before_department_split_codes_continuation_and_row_outside_ruling(unseen):
    t = unseen.tables[1]
    assert t.label == "表三" and t.title == f"{YEAR}年{DEPARTMENT}部门支出总表" and t.unit == "元"
    codes = [r.code for r in t.rows if r.code]
    assert codes == ["201", "20101", "2010101", "2010102", "208", "20805", "2080505", "221", "22102", "2210201"]
    assert [r.level for r in t.rows[:3]] == [1, 2, 3]
    # continued on page 4 without a repeated header, the 合计 row printed outside the ruling
    assert {r.page for r in t.rows if r.code and r.code.startswith("221")} == {4}
    total = t.rows[-1]
    assert total.is_total and total.page == 4
    assert (total.amounts["total"], total.amounts["basic"], total.amounts["project"]) == (D(500), D(340), D(160))


def test_total_column_without_header_is_named_by_the_tables_sums(unseen):
    t = unseen.tables[1]
    assert t.column_keys() == ["total", "basic", "project"]
    assert "keys_from_sums" in t.reading and t.readable
    row = next(r for r in t.rows if r.code == "2010101")
    assert row.amounts == {"total": D(240), "basic": D(240), "project": D(0)}


def test_title_at_the_foot_of_the_previous_page(unseen):
    t = unseen.tables[2]
    assert t.kind == "three_public" and t.pages == [4, 5] and t.unit == "万元"
    figs = headline_figures(unseen)
    assert figs["three_public_total"].value == D("15.00")
    assert figs["three_public_vehicle_operation"].value == D("10.00")
    assert figs["three_public_reception"].value == D("5.00")


def test_untitled_table_kind_from_its_columns(unseen):
    t = unseen.tables[3]
    assert t.kind == "procurement" and t.title == "" and "kind_from_columns" in t.reading
    assert [r.extra.get("method") for r in t.rows] == [None, "公开招标", "询价"]


def test_unnamed_amount_columns_make_a_reading_problem_not_an_error(unseen):
    t = unseen.tables[4]
    assert t.kind == "government_fund" and not t.readable and "unnamed_column" in t.reading
    [result] = audit([unseen])
    errors = [f for f in result.findings if f.severity == "error"]
    # the only errors are the tables this invented bureau does not publish
    assert {f.check for f in errors} == {"completeness.required_tables"}
    assert sorted(f.item for f in errors) == sorted(["部门收入总表", "财政拨款收支总表", "一般公共预算支出表",
                                                     "一般公共预算基本支出表"])
    low = [f for f in result.findings if f.check == "reading.low_confidence"]
    assert len(low) == 1 and low[0].page == 7 and low[0].severity == "warning"
    assert not any(f.table_id == t.id for f in result.findings if f.check.startswith(("arithmetic", "cross_table")))


def test_confidence_penalties_are_the_reader_settings(unseen):
    """The same file read with another penalty for unnamed columns: the table's confidence moves
    by exactly the difference."""
    path = unseen.files[0].path
    default = {t.title: t.confidence for t in parse_document(path).tables}
    harsher = {t.title: t.confidence for t in parse_document(path, ReaderSettings(penalty_unnamed=0.9)).tables}
    t = unseen.tables[4]
    assert default[t.title] == t.confidence > 0.1
    assert harsher[t.title] == pytest.approx(0.1)
    assert {k: v for k, v in harsher.items() if k != t.title} == {k: v for k, v in default.items() if k != t.title}


def test_figures_of_the_unseen_layout(unseen):
    figs = {k: f.value for k, f in headline_figures(unseen).items()}
    assert figs["total_income"] == figs["total_expenditure"] == D(500)
    assert figs["basic_expenditure"] == D(340) and figs["project_expenditure"] == D(160)


def _aligned_table(tmp_path):
    """A PDF of one table drawn without any ruling."""
    from reportlab.lib.pagesizes import A4, landscape

    from .layouts.draw import INCOME_HEADER, INCOME_ROWS, INCOME_WIDTHS, Quirks, draw_table, draw_text, new_canvas

    path = tmp_path / "aligned.pdf"
    c = new_canvas(path, landscape(A4))
    draw_text(c, 300, 40, "2025年部门收入预算总表", size=14)
    draw_text(c, 700, 65, "单位：元", size=10)
    draw_table(c, 50, 80, INCOME_WIDTHS, INCOME_HEADER, INCOME_ROWS, quirks=Quirks(borders="none"))
    c.showPage()
    c.save()
    return path


def test_table_without_rulings_header_words_above_it_and_a_wrapped_label(tmp_path):
    """No rulings at all: columns from text alignment, a group-header line ("项目 收入预算") between
    the title and the body, 款 and 项 headers that alignment puts in one column, and a label
    wrapped over two lines centred on its row."""
    path = _aligned_table(tmp_path)
    [d], errors = parse_paths([path])
    assert errors == []
    [t] = d.tables
    assert (t.kind, t.title, t.unit, t.readable) == ("department_income", "2025年部门收入预算总表", "元", True)
    assert [(r.code, r.name) for r in t.rows] == [
        ("201", "一般公共服务支出"), ("20113", "商贸事务"), ("2011301", "行政运行"),
        ("2080505", "机关事业单位基本养老保险缴费支出"), (None, "合计")]
    assert t.rows[-1].is_total and t.rows[-1].amounts["total"] == D("2301.2619")
    assert t.column_keys() == ["total", "fiscal", "business", "operating", "other"]


def test_the_layout_layer_reads_its_tolerances_from_the_settings(tmp_path):
    """Aligned text is a grid under the default settings, and plain text lines when a block must
    have more data lines than the table prints."""
    from analysis.inputs import read_source

    path = _aligned_table(tmp_path)
    [page] = read_source(path).pages
    assert [g.source for g in page.grids] == ["text"]
    [page] = read_source(path, ReaderSettings(aligned_min_data_lines=50)).pages
    assert page.grids == [] and any("行政运行" in l.text for l in page.lines)

