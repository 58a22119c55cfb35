"""Tests of ``reading.inconsistent_table`` (``analysis/checks/reading/inconsistent_table.py``) and of the
review that withholds the arithmetic of such a table (``analysis/checks/review.py``)."""
from __future__ import annotations

from analysis.checks import audit

from .builders import disclosure, located, mkrow, mktable, run, total

CHECK = "reading.inconsistent_table"
KEYS = ["total", "basic", "project"]


def _rows(bad: int, good: int) -> list:
    """Coded rows whose 合计 is basic + project (``good``) or basic alone (``bad``: as a reader that
    lost the 项目支出 column's header would see them)."""
    rows = [mkrow(f"科目{i}", f"201{i:02d}", total="30", basic="10", project="20") for i in range(good)]
    rows += [mkrow(f"其他{i}", f"202{i:02d}", total="30", basic="30", project="20") for i in range(bad)]
    return rows


def test_a_table_failing_on_most_rows_is_one_reading_problem():
    t = mktable("department_expenditure", KEYS, _rows(bad=4, good=1))
    fs = run(disclosure(t), CHECK)
    assert len(fs) == 1 and fs[0].severity == "warning" and fs[0].table_id == "t01"
    assert "5 行有金额的行中有 4 行不能自洽" in fs[0].message


def test_a_few_slips_are_the_documents():
    t = mktable("department_expenditure", KEYS, _rows(bad=2, good=8))
    assert run(disclosure(t), CHECK) == []


def test_the_audit_withholds_the_arithmetic_of_a_misread_table():
    d = disclosure(mktable("department_expenditure", KEYS, _rows(bad=4, good=1)))
    located(d)
    [result] = audit([d])
    checks = [(f.check, f.severity) for f in result.findings if f.table_id == "t01"]
    assert (CHECK, "warning") in checks
    assert not [c for c in checks if c[0].startswith("arithmetic.")]


def test_a_slip_stays_an_error_in_a_table_that_adds_up():
    d = disclosure(mktable("department_expenditure", KEYS, [total(total="300", basic="100", project="200")]
                           + _rows(bad=1, good=9)))
    located(d)
    [result] = audit([d])
    errors = [f for f in result.findings if f.severity == "error" and f.check.startswith("arithmetic.")]
    assert [f.code for f in errors if f.check == "arithmetic.column_parts"] == ["20200"]
