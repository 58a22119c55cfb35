"""Readings decided by a table's own structure, on synthetic disclosures (tests/layouts/readings.py):
numbering outranks an indentation that contradicts it (labels centred in their cells), a stray
glyph before an ordinal, the carry-over folded into a fund's income where a table prints none of
its own, and a project target table printed as a list, one project a row. Every figure is
consistent, so an arithmetic, cross-table, narrative or performance error is the reader's."""
from __future__ import annotations

from decimal import Decimal

import pytest

from analysis.figures import places
from analysis.structure import bare, child_rows, parent_row

from .layouts import read_and_audit
from .layouts.readings import (CARRYOVER_TABLES, DEPARTMENT, PROJECTS, TARGET_FUNDS, YEAR, carryover_budget,
                               listed_targets_budget, repeated_row_budget)

D = Decimal
CHECKED = ("arithmetic.", "cross_table.", "narrative.", "performance.")


@pytest.fixture(scope="module")
def carryover(tmp_path_factory):
    return read_and_audit(carryover_budget, tmp_path_factory)


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    return read_and_audit(listed_targets_budget, tmp_path_factory)


@pytest.fixture(scope="module")
def repeated(tmp_path_factory):
    return read_and_audit(repeated_row_budget, tmp_path_factory)


def _errors(result) -> list:
    return [f"{f.check}: {f.message}" for f in result.findings if f.severity == "error" and f.check.startswith(CHECKED)]


def _row(t, name):
    return next(r for r in t.rows if bare(r.name) == name)


# -- numbering against indentation ------------------------------------------------------------
def test_centred_numbered_labels_head_their_breakdowns(carryover):
    d, _ = carryover
    assert d.department == DEPARTMENT and d.year == YEAR
    assert [(t.kind, t.pages) for t in d.tables] == CARRYOVER_TABLES
    t = d.table("fiscal_summary")
    current, carried = _row(t, "本年收入"), _row(t, "上年结转")
    # 二、上年结转 is indented deeper than （三）国有资本经营预算资金 above it, but numbered higher
    assert parent_row(t, carried) is None and parent_row(t, current) is None
    assert [bare(r.name) for r in child_rows(t, current)] == ["一般公共预算资金", "政府性基金预算资金", "国有资本经营预算资金"]
    assert [bare(r.name) for r in child_rows(t, carried)] == ["一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款"]
    assert parent_row(t, _row(t, "结转下年")) is None


def test_a_stray_glyph_before_an_ordinal_is_no_part_of_the_name(carryover):
    d, _ = carryover
    t = d.table("fiscal_summary")
    printed = next(r for r in t.rows if "一般公共预算资金" in r.name)
    assert printed.name.startswith("1") and bare(printed.name) == "一般公共预算资金"
    assert bare("1（一）一般公共预算资金") == bare("（一）一般公共预算资金") == "一般公共预算资金"
    assert bare("1一般公共预算资金") == "1一般公共预算资金"    # a digit before no ordinal stays
    # this year's 一般公共预算 income is the row under 一、本年收入, not the carry-over's part
    got = [f.value for f in places(d, "current_income", ["gb"]) if f.table_id == t.id]
    assert got == [D("900.00")]


# -- carry-over folded into the funds ---------------------------------------------------------
def test_income_with_the_carryover_folded_in_is_compared_with_the_funds_totals(carryover):
    d, result = carryover
    income = d.table("department_income")
    assert income.readable
    assert _errors(result) == []
    agree = [f for f in result.findings if f.check == "cross_table.totals_agree"]
    assert agree == []


# -- project targets as a list ----------------------------------------------------------------
def test_a_listed_target_table_gives_one_target_per_project(listed):
    d, _ = listed
    assert [(t.kind, t.pages) for t in d.tables] == [("project_expenditure", [2]), ("project_performance", [3])]
    targets = [(p.department, p.project_name, p.fund_total) for p in d.performance]
    assert targets == [(u, p, D(a)) for u, p, a, has in PROJECTS if has]
    assert {p.table_id for p in d.performance} == {d.table("project_performance").id}


def test_listed_targets_count_and_fund_the_narrative_and_pair_with_their_projects(listed):
    d, result = listed
    claims = {c.metric: c.value for c in d.claims}
    assert claims == {"performance_projects": D(4), "performance_funds": D(TARGET_FUNDS)}
    assert _errors(result) == []
    # two projects named 日常保障运行 pair with their own targets; the one without a target is named
    missing = [f.item for f in result.findings if f.check == "performance.target_for_each_project"]
    assert missing == [p for _, p, _, has in PROJECTS if not has]


# -- a coded line printed twice ---------------------------------------------------------------
def test_a_line_printed_twice_is_one_row_once_per_problem(repeated):
    d, result = repeated
    t = d.table("general_budget_expenditure")
    assert t is not None and t.pages == [1]
    assert [r.code for r in t.rows if r.code == "21999"] == ["21999", "21999"]
    # read as two parts, 219's items would add up to 1,004.00: the line is printed twice
    assert _errors(result) == []
    seen = sorted((f.check, f.severity, f.code) for f in result.findings
                  if f.check in ("data_quality.duplicate_row", "completeness.function_granularity"))
    # the 项 is not printed under a 7-digit code: said once, at the 款 (not again at its 类)
    assert seen == [("completeness.function_granularity", "error", "21999"),
                    ("data_quality.duplicate_row", "warning", "21999")]
