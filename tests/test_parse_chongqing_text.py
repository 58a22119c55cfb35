"""The Chongqing 2025 disclosure as text extracted from its PDF (../shared/corpus): flattened
tables, wrapped cells and repeated page headers. Its totals tie out between its summary tables."""
from decimal import Decimal

from analysis.figures import headline_figures
from analysis.structure import total_row

D = Decimal


def test_groups_into_one_disclosure(chongqing_text):
    d = chongqing_text
    assert d.department == "重庆市潼南区人民政府办公室" and d.year == 2025
    # pages are counted from the breaks the extraction marked (a line starting with a space)
    assert d.files[0].format == "text" and d.files[0].pages == 39


def test_all_twelve_attachments_and_fourteen_targets(chongqing_text):
    labels = [t.label for t in chongqing_text.tables if t.label]
    assert labels == [f"附件{i}" for i in range(1, 13)]
    assert len([t for t in chongqing_text.tables if t.kind == "project_performance"]) == 14


def test_figures(chongqing_text):
    f = {k: v.value for k, v in headline_figures(chongqing_text).items()}
    assert f["total_income"] == D("2218.51") == f["total_expenditure"]
    assert f["basic_expenditure"] == D("1013.51") and f["project_expenditure"] == D("1205.00")
    assert f["operating_costs"] == D("206.14")  # from the narrative: no table gives it


def test_totals_tie_out(chongqing_text):
    d = chongqing_text
    fiscal = d.table("fiscal_summary")
    assert total_row(fiscal, "income", "收入合计").amounts["total"] == D("2218.51")
    assert total_row(fiscal, "expenditure", "支出合计").amounts["total"] == D("2218.51")
    summary = d.table("department_summary")
    assert total_row(summary, "income", "本年收入合计").amounts["total"] == D("2218.51")
    assert total_row(d.table("department_income")).amounts["total"] == D("2218.51")
    exp = total_row(d.table("department_expenditure"))
    assert exp.amounts == {"total": D("2218.51"), "basic": D("1013.51"), "project": D("1205.00")}
    gb = total_row(d.table("general_budget_expenditure"))
    assert gb.amounts["total"] == exp.amounts["total"] and gb.amounts["basic"] == exp.amounts["basic"]
    assert total_row(d.table("general_budget_basic_expenditure")).amounts["total"] == exp.amounts["basic"]


def test_repeated_page_headers_are_not_rows(chongqing_text):
    t = chongqing_text.table("general_budget_basic_expenditure")
    assert t.pages == [9, 10]
    assert all(r.code or r.is_total for r in t.rows), [r.name for r in t.rows if not r.code]
    assert len(t.rows) == 29


def test_wrapped_name_joined_and_columns_inferred_flagged(chongqing_text):
    t = chongqing_text.table("department_income")
    r = next(r for r in t.rows if r.code == "2080505")
    assert r.name == "机关事业单位基本养老保险缴费支出"
    assert r.amounts["total"] == D("73.16")
    # a text row printing fewer amounts than columns: placement is inferred and says so
    t2 = chongqing_text.table("general_budget_expenditure")
    r2 = next(r for r in t2.rows if r.code == "2010302")
    assert "columns_inferred" in r2.flags and r2.amounts["project"] == D("1205.00")


def test_two_sided_rows_by_token_order(chongqing_text):
    t = chongqing_text.table("department_summary")
    by = {(r.section, r.name): r for r in t.rows}
    assert by[("expenditure", "八、社会保障和就业支出")].amounts["total"] == D("181.56")
    assert by[("income", "事业单位经营收入")].amounts.get("total", 0) == 0
    assert by[("expenditure", "十一、节能环保支出")].placeholders == {"total": ",."}
