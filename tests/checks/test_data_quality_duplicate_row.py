"""Tests of ``data_quality.duplicate_row`` (``analysis/checks/data_quality/duplicate_row.py``)."""
from __future__ import annotations

from .builders import disclosure, economic, mkrow, run


def test_duplicate_code_in_a_table():
    rows = [mkrow("办公费", "30201", page=7, total="47.18"), mkrow("印刷费", "30202", page=7, total="10"),
            mkrow("办公费", "30201", page=8, total="47.18")]
    fs = run(disclosure(economic(rows)), "data_quality.duplicate_row")
    assert len(fs) == 1 and fs[0].page == 8 and "第7页" in fs[0].message and "（金额相同）" in fs[0].message
    assert run(disclosure(economic(rows[:2])), "data_quality.duplicate_row") == []


def test_project_tables_repeat_function_codes_legitimately(sample):
    # 附件10 lists 14 projects under 2010302 一般行政管理事务
    assert sum(1 for r in sample.table("project_expenditure").rows if r.code == "2010302") == 14
    assert run(sample, "data_quality.duplicate_row") == []
