"""Tests of ``performance.target_for_each_project`` (``analysis/checks/performance/target_for_each_project.py``)."""
from __future__ import annotations

from decimal import Decimal as D

from analysis.checks.performance.target_for_each_project import project_lines
from analysis.model import Column, Row, Table

from .builders_performance import disclosure, run, target


def project_table(*projects):
    rows = [Row(0, "合计", amounts={"total": sum((D(a) for _, _, a in projects), D(0))}, flags=["total"], page=18)]
    for i, (code, name, amount) in enumerate(projects, start=1):
        rows.append(Row(i, "一般行政管理事务", code="2010302", amounts={"total": D(amount)}, page=18,
                        extra={"project_code": code, "project_name": name}))
    return Table(id="t10", kind="project_expenditure", title="项目支出明细表", label="附件10", file="x.pdf",
                 pages=[18], columns=[Column("total", "合计")], rows=rows)


TFP = "performance.target_for_each_project"


def test_every_project_with_its_target_and_same_fund_is_silent():
    d = disclosure([target("会议专项", "50", [], code="500T1"), target("外事专项", "20", [], code="500T2", tid="t13")],
                   [project_table(("500T1", "会议专项", "50.00"), ("500T2", "外事专项", "20.00"))])
    assert run(TFP, d) == []


def test_fund_differs_from_the_project_table_is_an_error():
    d = disclosure([target("会议专项", "60", [], code="500T1")], [project_table(("500T1", "会议专项", "50.00"))])
    (f,) = run(TFP, d)
    assert f.severity == "error" and f.difference == D(10) and "附件10" in f.message


def test_project_without_target_and_target_without_project_are_warnings():
    d = disclosure([target("会议专项", "50", [], code="500T1"), target("调研专项", "40", [], code="500T9", tid="t13")],
                   [project_table(("500T1", "会议专项", "50.00"), ("500T2", "外事专项", "20.00"))])
    found = run(TFP, d)
    assert sorted(f.item for f in found) == ["外事专项", "调研专项"]
    assert all(f.severity == "warning" for f in found)


def test_match_by_name_when_codes_are_missing():
    d = disclosure([target("区政府办督查议案专项（常年性项目）", "60", [])],
                   [project_table(("", "区政府办督查议案专项（常年性项目）", "60.00"))])
    assert run(TFP, d) == []


def test_sample_fourteen_projects_all_have_their_targets(sample):
    assert len(project_lines(sample)) == 14
    assert run(TFP, sample) == []


def test_chongqing_text_projects_found_despite_split_codes(chongqing_text):
    lines = project_lines(chongqing_text)
    assert len(lines) == 14 and lines[0].code == "50015222T000000125711"
    assert run(TFP, chongqing_text) == []
