"""Tests of ``text.blank_table`` (``analysis/checks/text/blank_table.py``)."""
from __future__ import annotations

from decimal import Decimal

from analysis.model import Claim

from .builders import disclosure, mkrow, mktable, run, total

CHECK = "text.blank_table"


def _fund(blank: bool):
    r = mkrow("政府性基金支出", "212", total="0")
    t = total(total="0")
    if blank:
        r.blank, t.blank = ["total"], ["total"]
    return mktable("government_fund", ["total"], [t, r])


def _claim(value):
    return Claim("government_fund_expenditure", Decimal(value), "万元", f"政府性基金预算支出{value}万元。", 2, "sample.pdf")


def test_a_blank_table_whose_amount_the_narrative_states():
    d = disclosure(_fund(blank=True))
    d.claims = [_claim("120")]
    [f] = run(d, CHECK)
    assert f.severity == "error" and f.actual == Decimal(120) and "数据行为空白" in f.message


def test_zeros_printed_or_nothing_stated_are_silent():
    d = disclosure(_fund(blank=False))
    d.claims = [_claim("120")]
    assert run(d, CHECK) == []            # the table prints 0: narrative_matches_table's business
    d = disclosure(_fund(blank=True))
    d.claims = [_claim("0")]
    assert run(d, CHECK) == []
