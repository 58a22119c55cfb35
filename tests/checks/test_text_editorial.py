"""Tests of ``text.editorial`` (``analysis/checks/text/editorial.py``)."""
from __future__ import annotations

from decimal import Decimal

from analysis.model import Claim

from .builders import disclosure, run

CHECK = "text.editorial"


def test_editorial_slips_are_info():
    text = "一、收入预算预算总计100万元。。\n二、项目支出1.234.5万元。\n三、基本支出（人员经费60万元。"
    fs = run(disclosure(narrative=[text]), CHECK)
    assert sorted(f.item for f in fs) == ["1.234.5", "。。", "括号", "预算预算"]
    assert {f.severity for f in fs} == {"info"}


def test_a_word_split_over_two_lines_or_a_scattered_page_is_not_a_slip():
    assert run(disclosure(narrative=["上海市2026年市级单位预算\n预算单位：某局"]), CHECK) == []
    scattered = "职能为()管理、、、服务\n财政专户管理资金收入指():、、、、学费()"
    assert run(disclosure(narrative=[scattered]), CHECK) == []


def test_a_headline_total_stated_as_zero():
    d = disclosure(narrative=["收入预算总计0万元。"])
    d.claims = [Claim("total_income", Decimal(0), "万元", "收入预算总计0万元。", 1, "sample.pdf")]
    assert [f.item for f in run(d, CHECK)] == ["0万元"]
