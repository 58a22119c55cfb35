"""Tests of ``arithmetic.section_sum`` (``analysis/checks/arithmetic/section_sum.py``)."""
from __future__ import annotations

from .builders import D, disclosure, mkrow, mktable, run, total
from .builders_arithmetic import _summary

SECTIONS = "arithmetic.section_sum"


def test_section_sum_fires_on_items_and_on_the_grand_total():
    fs = run(disclosure(_summary(basic="5578.17")), SECTIONS)
    assert [(f.item, f.difference) for f in fs] == [("当年支出小计", D("100.00"))]
    assert "各支出用途（3 行）合计 10,050.48 万元" in fs[0].message
    fs = run(disclosure(_summary(inc_total="10160.48")), SECTIONS)
    assert [(f.item, f.difference) for f in fs] == [("收入合计", D("10.00"))]


def test_section_sum_top_row_equals_its_sub_rows():
    t = _summary()
    t.rows[3].amounts["total"] = D("10000.00")  # 1.一般公共预算
    fs = run(disclosure(t), SECTIONS)
    assert [(f.item, f.expected) for f in fs] == [("一、财政拨款", D("10000.00"))]


def test_section_sum_skips_sums_over_placeholders():
    t = _summary()
    t.rows[9].placeholders["total"] = ","  # 三、其他资金
    del t.rows[9].amounts["total"]
    assert run(disclosure(t), SECTIONS) == []


def test_section_sum_income_table_groups():
    rows = [total("收入总计", total="10150.48"),
            mkrow("小计", section="一般公共预算资金", flags=("subtotal",), total="10070.48"),
            mkrow("公共财政拨款(补助)资金", section="一般公共预算资金", total="10070.48"),
            mkrow("专项收入", section="一般公共预算资金", total="0"),
            mkrow("小计", section="其他资金", flags=("subtotal",), total="80.00"),
            mkrow("其他收入", section="其他资金", total="70.00"),
            mkrow("小计", section="上年结转和结余资金", flags=("subtotal",), total="0"),
            mkrow("其中:动用上年结转和结余资金", section="上年结转和结余资金", total="0")]
    fs = run(disclosure(mktable("department_income", ["total"], rows, label="公开02表")), SECTIONS)
    assert [(f.item, f.difference) for f in fs] == [("其他资金 小计", D("10.00"))]
    rows[5].amounts["total"] = D("80.00")
    assert run(disclosure(mktable("department_income", ["total"], rows)), SECTIONS) == []
