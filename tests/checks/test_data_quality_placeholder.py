"""Tests of ``data_quality.placeholder`` (``analysis/checks/data_quality/placeholder.py``)."""
from __future__ import annotations

from .builders import disclosure, mkrow, mktable, run


def test_placeholder_fires_per_cell_and_stays_silent_on_numbers_and_blanks():
    rows = [mkrow("十一、节能环保支出", section="expenditure", page=11, ph={"total": ",."}),
            mkrow("十、卫生健康支出", section="expenditure", page=11, total="17.38"),
            mkrow("十四、交通运输支出", section="expenditure", page=11, total="0")]
    t = mktable("department_summary", [("income", "total"), ("expenditure", "total")], rows, label="附件6")
    fs = run(disclosure(t), "data_quality.placeholder")
    assert len(fs) == 1 and fs[0].severity == "warning" and fs[0].page == 11
    assert fs[0].message == "附件6《部门收支总表》第11页 十一、节能环保支出 的合计栏印为“,.”，不是金额（应填数字，无数应留空或填 0）"


def test_sample_placeholders(sample):
    """附件1 (p4-5), 附件6 (p11-12) and 附件10 (p16) print “.” and “,.” where amounts belong."""
    fs = run(sample, "data_quality.placeholder")
    where = {(f.table, f.page, f.item) for f in fs}
    assert ("department_summary", 11, "十一、节能环保支出") in where
    assert ("department_summary", 12, "收入总计") in where and ("department_summary", 12, "支出总计") in where
    assert ("fiscal_summary", 4, "(二)政府性基金预算拨款") in where
    assert len(fs) == 15 and {f.table for f in fs} == {"fiscal_summary", "department_summary", "project_expenditure"}
