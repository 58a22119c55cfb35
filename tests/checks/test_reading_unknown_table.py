"""Tests of ``reading.unknown_table`` (``analysis/checks/reading/unknown_table.py``)."""
from __future__ import annotations

from .builders import disclosure, mkrow, mktable, run, total

CHECK = "reading.unknown_table"


def test_a_table_of_unknown_kind_is_one_reading_warning_with_its_pages_and_reasons():
    t = mktable("unknown", ["total"], [mkrow("甲", page=12, total="1"), total(page=13, total="1")], tid="t07")
    t.reading = ["untitled_table"]
    (f,) = run(disclosure(t), CHECK)
    assert (f.severity, f.page, f.table_id) == ("warning", 12, "t07")
    assert f.message.startswith("第12、13页有一张表格，本工具未能识别")
    assert "表格没有可识别的标题" in f.message


def test_known_tables_are_silent(sample):
    t = mktable("general_budget_expenditure", ["total"], [total(total="1")])
    assert run(disclosure(t), CHECK) == []
    assert run(sample, CHECK) == []
