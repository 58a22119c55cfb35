"""The bundled sample (a ruled PDF rebuilt from the 2025 Chongqing Tongnan disclosure)
parses through pdfplumber into every table it prints, with the published figures."""
import json
import subprocess
import sys
from decimal import Decimal

import pytest

from analysis.figures import headline_figures
from analysis.structure import total_row
from analysis.parse.titles import match_title

from .conftest import ROOT, SAMPLE, needs_sample

D = Decimal


@needs_sample
def test_parse_json_prints_sample_with_published_figures():
    out = subprocess.run([sys.executable, "-m", "analysis", "parse", str(SAMPLE.parent), "--json"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    records = [json.loads(l) for l in out.splitlines()]
    assert len(records) == 1
    r = records[0]
    assert r["department"] == "重庆市潼南区人民政府办公室" and r["year"] == 2025 and r["unit"] == "万元"
    assert r["files"][0]["sha256"] and r["files"][0]["pages"] > 20
    assert r["figures"] == {
        "total_income": 2218.51, "total_expenditure": 2218.51, "basic_expenditure": 1013.51,
        "project_expenditure": 1205.0, "three_public_total": 51.0, "three_public_overseas": 0.0,
        "three_public_vehicle_purchase": 0.0, "three_public_vehicle_operation": 36.0,
        "three_public_reception": 15.0, "operating_costs": 206.14,
        "current_income": 2218.51, "current_expenditure": 2218.51, "general_budget_total": 2218.51,
        "fiscal_total": 2218.51}
    kinds = [t["kind"] for t in r["tables"]]
    assert kinds.count("project_performance") == 14
    assert set(kinds) == {"fiscal_summary", "general_budget_expenditure", "general_budget_basic_expenditure",
                          "three_public", "government_fund", "department_summary", "department_income",
                          "department_expenditure", "procurement", "project_expenditure",
                          "overall_performance", "project_performance"}
    assert all(t["pages"] and t["rows"] >= 1 for t in r["tables"])


def test_sample_figure_sources(sample):
    figs = headline_figures(sample)
    assert figs["total_income"].kind == "department_summary"
    # 机关运行经费 has no table in this template: the narrative fills the gap
    assert figs["operating_costs"].source == "narrative" and figs["operating_costs"].value == D("206.14")


def test_function_table_with_prior_year_column(sample):
    t = sample.table("general_budget_expenditure")
    assert t.label == "附件2"
    assert [c.key for c in t.columns] == ["prior_total", "total", "basic", "project"]
    by = {r.code: r for r in t.rows if r.code}
    assert by["2010302"].amounts == {"prior_total": D("334.00"), "total": D("1205.00"), "basic": D(0),
                                     "project": D("1205.00")}
    assert "basic" in by["2010302"].blank
    assert by["2101199"].amounts["total"] == D("5.4")
    assert total_row(t).amounts["prior_total"] == D("1337.23")


def test_economic_table_keeps_published_errors(sample):
    t = sample.table("general_budget_basic_expenditure")
    assert t.pages == [7, 8] or len(t.pages) == 2
    by = {r.code: r for r in t.rows if r.code}
    assert by["30114"].name == "医疗费" and by["30114"].amounts["personnel"] == D("725.33")
    assert by["302"].amounts["public"] == D("189.20")
    assert by["30239"].name == "对个人和家庭的补助"
    assert len([r for r in t.rows if r.code]) == 28


def test_placeholders_are_not_numbers(sample):
    t = sample.table("department_summary")
    by = {(r.section, r.name): r for r in t.rows}
    assert by[("income", "政府性基金预算拨款收入")].placeholders == {"total": "."}
    assert by[("expenditure", "十一、节能环保支出")].placeholders == {"total": ",."}
    assert "total" not in by[("expenditure", "十一、节能环保支出")].amounts
    assert by[("income", "收入总计")].placeholders == {"total": ",."}


def test_three_public_table_as_printed(sample):
    t = sample.table("three_public")
    r = total_row(t)
    assert r.amounts["vehicle_operation"] == D("36") and r.amounts["reception"] == D("15.00")
    assert r.amounts["prior_vehicle_operation"] == D("28.00")


def test_empty_tables_say_why(sample):
    assert "无政府性基金" in sample.table("government_fund").empty_reason
    assert [r.name for r in sample.table("procurement").rows] == ["合计", "货物类", "工程类", "服务类"]


def test_project_table_and_targets(sample):
    t = sample.table("project_expenditure")
    projects = [r for r in t.rows if r.extra.get("project_code")]
    assert len(projects) == 14
    assert sum(r.amounts["total"] for r in projects) == D("1205.00")
    assert {p.project_code for p in sample.performance if p.kind == "project"} == \
        {r.extra["project_code"] for r in projects}
    overall = next(p for p in sample.performance if p.kind == "overall")
    assert overall.fund_total == D("2218.51") and len(overall.indicators) == 10


def test_narrative_claims_found(sample):
    metrics = {c.metric for c in sample.claims}
    assert {"total_income", "basic_expenditure", "project_expenditure", "three_public_total",
            "operating_costs"} <= metrics


@pytest.mark.parametrize("title,kind", [
    ("2026年收入支出预算总表", "department_summary"),              # 收入支出 spelled out: both sides
    ("某局2026年部门收入支出预算总表", "department_summary"),
    ("2026年财政拨款收入支出预算总表", "fiscal_summary"),
    ("部门收入预算总表", "department_income"),
    ("一般公共预算基本支出预算表（按部门预算支出经济分类科目）", "general_budget_basic_expenditure"),
    ("财政拨款支出预算表（按功能科目）", "fiscal_expenditure"),        # a qualifier saying how it is classified
    ("一般公共预算支出预算表（按功能科目分类）", "general_budget_expenditure"),
])
def test_titles_of_other_templates(title, kind):
    m = match_title(title)
    assert m is not None and m.kind == kind


def test_state_capital_title_recognized():
    m = match_title("某某局2025年国有资本经营预算支出表")
    assert m and m.kind == "state_capital"
    assert match_title("一、收支预算总表").kind == "department_summary"   # an ordinal is read over
    assert match_title("一、收支预算总表", ordinals=False) is None   # flattened text: a contents entry
    assert match_title("1. 2025年部门财务收支预算总表 ……………… 9") is None   # dot leaders: contents
    assert match_title("《收支预算总表》反映部门收支") is None
