"""Every Jiangsu disclosure of the shared corpus parses, and its totals tie out between
its own summary tables. Figures pinned here were read off the PDFs by hand."""
from decimal import Decimal

import pytest

from analysis.figures import headline_figures
from analysis.structure import total_row

from .conftest import needs_shared

pytestmark = needs_shared

D = Decimal

# (department key, year): (total, basic, project, 三公, overseas, vehicle operation, reception, 机关运行经费)
EXPECTED = {
    ("江苏省委", 2017): ("20849.45", "9964.07", "10688.66", "509.20", "70.00", "411.20", "28.00", "10101.76"),
    ("江苏省委", 2018): ("24458.43", "10403.11", "12081.46", "508.20", "70.00", "411.20", "27.00", "2094.58"),
    ("江苏省委", 2019): ("27664.22", "11700.63", "13025.38", "508.20", "70.00", "411.20", "27.00", "2232.91"),
    ("江苏省政协", 2017): ("9146.79", "5916.27", "3123.68", "676.10", "76.00", "156.60", "443.50", "3348.98"),
    ("江苏省政协", 2018): ("10150.48", "5678.17", "3314.68", "675.10", "106.00", "156.60", "412.50", "1115.85"),
    ("江苏省政协", 2019): ("13377.11", "6522.75", "4968.34", "660.10", "106.00", "156.60", "397.50", "1130.74"),
    ("江苏省人大常委", 2017): ("13649.07", "7666.68", "5853.96", "833.60", "222.50", "183.60", "427.50", "5619.31"),
    ("江苏省人大常委", 2018): ("15897.44", "7877.76", "6333.96", "833.60", "222.50", "183.60", "427.50", "1579.38"),
    ("江苏省人大常委", 2019): ("18330.37", "9312.90", "6459.58", "767.60", "199.25", "183.60", "384.75", "1642.08"),
}

STANDARD = {"department_summary", "department_income", "department_expenditure", "fiscal_summary",
            "fiscal_expenditure", "fiscal_basic_expenditure", "general_budget_expenditure",
            "general_budget_basic_expenditure", "three_public", "government_fund", "operating_costs",
            "procurement"}


def test_nine_department_years_grouped(jiangsu):
    assert sorted(jiangsu) == sorted(EXPECTED)
    # narrative and tables files of one department-year fall together (2017 人大 is one file)
    assert len(jiangsu[("江苏省委", 2018)].files) == 2
    assert len(jiangsu[("江苏省人大常委", 2017)].files) == 1


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_every_standard_table_found(jiangsu, key):
    kinds = {t.kind for t in jiangsu[key].tables}
    assert STANDARD <= kinds, STANDARD - kinds


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_figures(jiangsu, key):
    total, basic, project, tp, overseas, vop, reception, opc = EXPECTED[key]
    f = {k: v.value for k, v in headline_figures(jiangsu[key]).items()}
    assert f["total_income"] == D(total) and f["total_expenditure"] == D(total)
    assert f["basic_expenditure"] == D(basic) and f["project_expenditure"] == D(project)
    assert f["three_public_total"] == D(tp)
    assert f["three_public_overseas"] == D(overseas)
    assert f["three_public_vehicle_operation"] == D(vop)
    assert f["three_public_vehicle_purchase"] == 0
    assert f["three_public_reception"] == D(reception)
    assert f["operating_costs"] == D(opc)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_totals_tie_out_between_summary_tables(jiangsu, key):
    d = jiangsu[key]
    total = D(EXPECTED[key][0])
    summary = d.table("department_summary")
    assert total_row(summary, "income", r"收入合计").amounts["total"] == total
    assert total_row(summary, "expenditure", r"支出合计").amounts["total"] == total
    assert total_row(d.table("department_income")).amounts["total"] == total
    exp = d.table("department_expenditure").rows[0]
    assert exp.amounts["total"] == total
    assert exp.amounts["basic"] + exp.amounts["project"] + exp.amounts.get("reserve", 0) == total
    fiscal = d.table("fiscal_summary")
    fiscal_total = total_row(fiscal, "income", r"收入合计").amounts["total"]
    assert total_row(d.table("general_budget_expenditure")).amounts["total"] == fiscal_total
    assert total_row(d.table("fiscal_expenditure")).amounts["total"] == fiscal_total
    fiscal_basic = next(r for r in fiscal.rows if r.section == "expenditure_purpose" and r.name.endswith("基本支出"))
    assert total_row(d.table("fiscal_basic_expenditure")).amounts["total"] == fiscal_basic.amounts["total"]
    assert total_row(d.table("general_budget_basic_expenditure")).amounts["total"] == fiscal_basic.amounts["total"]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_function_rows_carry_codes_levels_and_pages(jiangsu, key):
    t = jiangsu[key].table("general_budget_expenditure")
    coded = [r for r in t.rows if r.code]
    assert coded and all(r.level == {3: 1, 5: 2, 7: 3}[len(r.code)] for r in coded)
    assert all(r.page in t.pages and r.raw for r in t.rows)
    # 类 rows add up to the total
    assert sum(r.amounts["total"] for r in coded if r.level == 1) == total_row(t).amounts["total"]


def test_two_sided_summary_rows(jiangsu):
    t = jiangsu[("江苏省委", 2018)].table("department_summary")
    by = {(r.section, r.name): r for r in t.rows}
    assert by[("income", "一、财政拨款")].amounts["total"] == D("24458.43")
    assert by[("expenditure", "八、社会保障和就业支出")].amounts["total"] == D("1289.52")
    assert by[("expenditure_purpose", "三、单位预留机动经费")].amounts["total"] == D("1973.86")
    # a row printed blank is zero and remembered as blank
    assert by[("expenditure", "二、外交支出")].amounts["total"] == 0
    assert "total" in by[("expenditure", "二、外交支出")].blank


def test_economic_table_rows(jiangsu):
    t = jiangsu[("江苏省委", 2018)].table("general_budget_basic_expenditure")
    by = {r.code: r for r in t.rows if r.code}
    assert by["30108"].name == "机关事业单位基本养老保险缴费" and by["30108"].amounts["total"] == D("743.39")
    assert by["302"].level == 1 and by["30231"].level == 2
    assert t.pages == [10]


def test_three_public_with_meeting_and_training(jiangsu):
    t = jiangsu[("江苏省委", 2018)].table("three_public")
    r = t.rows[0]
    assert r.amounts["total"] == D("1471.70")
    assert r.amounts["meeting"] == D("933.50") and r.amounts["training"] == D("30.00")
    assert r.amounts["three_public"] == r.amounts["overseas"] + r.amounts["vehicle_total"] + r.amounts["reception"]


def test_table_spanning_pages_and_label(jiangsu):
    d = jiangsu[("江苏省人大常委", 2017)]
    t = d.table("department_summary")
    assert t.pages == [7, 8, 9]
    assert {r.name for r in t.rows} >= {"十八、住房保障支出", "二十、其他支出"}
    p = jiangsu[("江苏省人大常委", 2019)].table("fiscal_expenditure")
    assert p.label == "公开表五"


def test_empty_government_fund_says_why(jiangsu):
    t = jiangsu[("江苏省委", 2019)].table("government_fund")
    assert "无" in t.empty_reason


def test_procurement_rows_keep_groups(jiangsu):
    t = jiangsu[("江苏省委", 2018)].table("procurement")
    assert total_row(t).amounts["total"] == D("1449.50")
    assert t.pages == [14, 15]
    items = [r for r in t.rows if r.extra.get("item") == "PC服务器"]
    assert items and items[0].extra["method"] == "分散自行组织" and items[0].amounts["total"] == D("12.00")
