"""The review of a disclosure's findings (``analysis/checks/review.py``): rounding under one printed
unit is info; one printed problem seen by several checks is one finding."""
from __future__ import annotations

from decimal import Decimal

from analysis.checks import Context, Finding
from analysis.checks.review import printed_unit, review

from .builders import disclosure


def _f(check, actual, expected, page=3, code="21201", severity="error"):
    return Finding(check=check, severity=severity, message="m", table="general_budget_expenditure", table_id="t02",
                   code=code, page=page, actual=Decimal(actual), expected=Decimal(expected),
                   difference=Decimal(actual) - Decimal(expected))


def _review(findings):
    return review(Context(disclosure=disclosure(), batch=[]), findings)


def test_printed_unit():
    assert printed_unit(Decimal("2218.51")) == Decimal("0.01")
    assert printed_unit(Decimal("9499.5790")) == Decimal("0.0001")   # 94,995,790 元 in 万元
    assert printed_unit(Decimal("51")) == Decimal("1")


def test_a_difference_under_one_printed_unit_is_rounding():
    # a total printed in whole 元 (1,000 元) against items printed to the 分 that add up to 999.60 元
    [f] = _review([_f("arithmetic.children_sum", "0.1000", "0.099960")])
    assert f.severity == "info" and "尾差" in f.message
    # one whole 元 off in a table printed in whole 元 is a real slip
    [f] = _review([_f("arithmetic.children_sum", "9499.5790", "9499.5789")])
    assert f.severity == "error"


def test_one_printed_cell_seen_by_two_checks_is_one_finding():
    a = _f("arithmetic.children_sum", "9499.5790", "9499.5789")
    b = _f("arithmetic.column_parts", "9499.5790", "9499.5789")
    other_page = _f("arithmetic.column_parts", "9499.5790", "9499.5789", page=4)
    out = _review([b, a, other_page])
    assert [(f.check, f.page, f.also) for f in out] == [
        ("arithmetic.children_sum", 3, ["arithmetic.column_parts"]), ("arithmetic.column_parts", 4, [])]
