"""Tests of ``arithmetic.income_equals_expenditure`` (``analysis/checks/arithmetic/income_equals_expenditure.py``)."""
from __future__ import annotations

from .builders import D, disclosure, run
from .builders_arithmetic import _summary

BALANCE = "arithmetic.income_equals_expenditure"


def test_income_equals_expenditure_fires():
    fs = run(disclosure(_summary(inc_total="10150.48", exp_total="10250.48")), BALANCE)
    assert len(fs) == 1 and fs[0].difference == D("100.00") and fs[0].item == "支出合计"
    assert "收入方「收入合计」10,150.48 万元" in fs[0].message
