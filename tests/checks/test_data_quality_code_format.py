"""Tests of ``data_quality.code_format`` (``analysis/checks/data_quality/code_format.py``)."""
from __future__ import annotations

from .builders import disclosure, economic, mkrow, run

CHECK = "data_quality.code_format"


def test_a_code_printed_without_its_leading_zero_is_a_warning_naming_both_forms():
    t = economic([mkrow("工资福利支出", "301", page=29, total="10"),
                  mkrow("津贴补贴", "30102", page=29, total="10", extra={"code_as_printed": "301 2"})])
    (f,) = run(disclosure(t), CHECK)
    assert (f.severity, f.page, f.code, f.item) == ("warning", 29, "30102", "津贴补贴")
    assert "“301 2”" in f.message and "“30102”" in f.message and "第29页" in f.message


def test_codes_printed_in_full_are_silent():
    t = economic([mkrow("工资福利支出", "301", total="10", extra={"code_as_printed": "301"}),
                  mkrow("基本工资", "30101", total="10", extra={"code_as_printed": "30101"}),
                  mkrow("津贴补贴", "30102", total="0")])
    assert run(disclosure(t), CHECK) == []


def test_jiangsu_codes_are_printed_in_full(jiangsu):
    for key in sorted(jiangsu):
        assert run(jiangsu[key], CHECK) == [], key
