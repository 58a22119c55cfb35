"""Tests of ``data_quality.child_repeats_parent`` (``analysis/checks/data_quality/child_repeats_parent.py``)."""
from __future__ import annotations

from .builders import D, disclosure, mkrow, mktable, run


def test_child_repeats_parent_on_the_sample(sample):
    """附件3 p7: 30114 医疗费 725.33 = 301 工资福利支出 725.33, beside 8 other 款 with amounts."""
    fs = run(sample, "data_quality.child_repeats_parent")
    assert [(f.code, f.actual, f.page, f.severity) for f in fs] == [("30114", D("725.33"), 7, "info")]
    assert "301 工资福利支出" in fs[0].message


def test_child_repeats_parent_silent_for_an_only_child():
    rows = [mkrow("社会保障和就业支出", "208", total="181.56"), mkrow("行政事业单位养老支出", "20805", total="181.56")]
    assert run(disclosure(mktable("general_budget_expenditure", ["total"], rows)),
               "data_quality.child_repeats_parent") == []
