"""Tests of ``text.document_year`` (``analysis/checks/text/document_year.py``)."""
from __future__ import annotations

from .builders import disclosure, mktable, run, total

CHECK = "text.document_year"


def test_a_part_heading_of_another_year():
    d = disclosure(narrative=["第三部分 2023年度部门决算情况说明\n本部门收入100万元。"], year=2024)
    d.kind = "final"
    fs = run(d, CHECK)
    assert [(f.severity, f.item) for f in fs] == [("error", "2023年")]


def test_a_table_title_of_another_year():
    t = mktable("department_summary", ["total"], [total(total="1")])
    t.title = "2024年部门收支预算总表"
    assert [f.item for f in run(disclosure(t, year=2025), CHECK)] == ["2024年"]


def test_as_of_dates():
    final = disclosure(narrative=["截至2023年12月31日，本部门共有车辆9辆。"], year=2024)
    final.kind = "final"
    assert [f.item for f in run(final, CHECK)] == ["截至2023年12月31日"]
    budget = disclosure(narrative=["截至2024年12月31日，本部门共有车辆9辆。"], year=2025)
    assert run(budget, CHECK) == []   # a budget reports last year's assets


def test_a_year_compared_with_itself():
    text = "2025年“三公”经费预算13.85万元，比2025年减少5.45万元。2026年预算安排25.77万元，比2025年减少1万元。"
    fs = run(disclosure(narrative=[text], year=2026), CHECK)
    assert [f.item for f in fs] == ["2025年"] and "13.85" in fs[0].message


def test_a_year_taken_from_the_file_name_judges_no_printed_year():
    """A document whose content prints no year of its own (a scanned evaluation report of 2022
    named …2026年部门预算.pdf) has its year from the file name only: its dates are not misprints
    of that year; a year compared with itself still is one."""
    text = "截止2022年底，全市基层市场监管所141个。2025年预算13.85万元，比2025年减少5.45万元。"
    d = disclosure(narrative=[text], year=2026)
    assert sorted(f.item for f in run(d, CHECK)) == ["2025年", "截止2022年底"]
    d.year_from_name = True
    assert [f.item for f in run(d, CHECK)] == ["2025年"]
