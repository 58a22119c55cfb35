"""Tests of ``data_quality.negative`` (``analysis/checks/data_quality/negative.py``)."""
from __future__ import annotations

from .builders import D, disclosure, economic, mkrow, run


def test_negative_amount():
    fs = run(disclosure(economic([mkrow("办公费", "30201", total="-3.20")])), "data_quality.negative")
    assert len(fs) == 1 and fs[0].actual == D("-3.20") and "负数 -3.20 万元" in fs[0].message
    assert run(disclosure(economic([mkrow("办公费", "30201", total="3.20")])), "data_quality.negative") == []
