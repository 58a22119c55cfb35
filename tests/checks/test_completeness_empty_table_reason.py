"""Tests of ``completeness.empty_table_reason`` (``analysis/checks/completeness/empty_table_reason.py``)."""
from __future__ import annotations

from .builders import disclosure, mktable, run, total
from .builders_completeness import JIANGSU

EMPTY = "completeness.empty_table_reason"


def _empty_fund(note=""):
    t = mktable("government_fund", ["total"], [total(total="0", page=10)], label="公开10表")
    t.note = note
    return t


def test_empty_table_without_a_reason():
    fs = run(disclosure(_empty_fund()), EMPTY)
    assert len(fs) == 1 and fs[0].page == 10 and "未说明原因" in fs[0].message
    assert run(disclosure(_empty_fund("注:本部门无该项目")), EMPTY) == []
    assert run(disclosure(_empty_fund(), narrative=["本部门无政府性基金预算。"]), EMPTY) == []


def test_a_table_with_figures_is_not_empty():
    t = mktable("government_fund", ["total"], [total(total="5")])
    assert run(disclosure(t), EMPTY) == []


def test_sample_empty_tables_say_why(sample):
    # 附件5 has its note; 附件9 (政府采购, all blank) is explained by the narrative: 预算总额为0万元
    assert run(sample, EMPTY) == []


def test_jiangsu_empty_tables_are_explained(jiangsu):
    """江苏省人大 2019 公开表十 and 江苏省委 2017 表七 print an empty 政府性基金 table without a note;
    their narratives state 政府性基金 0 万元 / 本部门无政府性基金预算."""
    for key in JIANGSU:
        assert run(jiangsu[key], EMPTY) == [], key
