"""Tests of ``text.placeholder`` (``analysis/checks/text/placeholder.py``)."""
from __future__ import annotations

import pytest

from .builders import disclosure, mktable, run, total

CHECK = "text.placeholder"


@pytest.mark.parametrize("text,what", [
    ("XX局2025年部门预算收入100万元，比上年增加10万元，主要原因是人员增加。", "XX局"),
    ("本单位共有车辆××辆。", "××"),
    ("截至2024年X月，本单位实有车辆9辆。", "X月"),
    ("政府性基金收入预算0万元，与上年相比增加（减少）0万元。", "增加(减少)"),
    ("“三公”经费预算51万元，比上年增加8万元，主要原因是。", "主要原因是。"),
    ("本部门政府采购预算（此处填写金额）万元。", "(此处填写金额)"),
])
def test_each_placeholder_is_found_in_a_sentence(text, what):
    fs = run(disclosure(narrative=[text]), CHECK)
    assert [(f.severity, f.item) for f in fs] == [("warning", what)] and f"第1页" in fs[0].message


def test_a_placeholder_in_a_heading_or_title_is_an_error():
    fs = run(disclosure(narrative=["一、XX局部门预算情况说明\n本部门收入100万元。"]), CHECK)
    assert [(f.severity, f.item) for f in fs] == [("error", "XX局")]
    t = mktable("department_summary", ["total"], [total(total="1")])
    t.title = "XX局2025年部门收支预算总表"
    assert [(f.severity, f.table_id) for f in run(disclosure(t), CHECK)] == [("error", "t01")]


def test_a_filled_text_is_silent():
    text = "2025年“三公”经费预算51万元，比2024年增加8万元，主要原因是公务用车运行维护费增加。截至2024年12月，共有车辆9辆。"
    assert run(disclosure(narrative=[text]), CHECK) == []
