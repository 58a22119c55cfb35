"""Tests of ``analysis.checks.common.lookup``."""
from __future__ import annotations

from decimal import Decimal as D

from analysis.checks.common.lookup import figures_for


def test_figures_for_reads_function_rows_by_marked_name(jiangsu):
    d = jiangsu[("江苏省人大常委", 2018)]
    figs = figures_for(d, "expenditure_by_function", "行政事业单位离退休（类）未归口管理的行政单位离退休支出（项）")
    assert {f.row.code for f in figs} == {"2080504"} and {f.value for f in figs} == {D("256.76")}
