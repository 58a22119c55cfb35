"""Tests of ``narrative.share_recomputed`` (``analysis/checks/narrative/share_recomputed.py``)."""
from __future__ import annotations

from decimal import Decimal as D

from analysis.model import Claim, Disclosure

from .builders_narrative import run

SHARE = "narrative.share_recomputed"


def listed(*parts, head=("total_income", "1000.00", "收入预算"), sentence="收入预算…其中：…"):
    """A head amount and (subject, amount, share) parts, as the narrative reader makes them."""
    claims = [Claim(head[0], D(head[1]), "万元", sentence, 3, "x.pdf", head[2], year=2025)]
    for subject, amount, share in parts:
        claims.append(Claim("business_income", D(amount), "万元", sentence, 3, "x.pdf", subject, year=2025))
        claims.append(Claim("share_pct", D(share), "%", sentence, 3, "x.pdf", subject, year=2025))
    return claims


def disclosure(claims):
    return Disclosure(department="某局", year=2025, claims=claims)


def test_shares_agreeing_with_the_whole_are_silent():
    d = disclosure(listed(("甲", "600.00", "60.0"), ("乙", "300.00", "30.0"), ("丙", "100.00", "10.0")))
    assert run(SHARE, d) == []


def test_a_share_off_by_more_than_half_a_unit_is_an_error():
    d = disclosure(listed(("甲", "600.00", "60.0"), ("乙", "300.00", "31.0"), ("丙", "100.00", "10.0")))
    (f,) = run(SHARE, d)
    assert (f.severity, f.item, f.expected, f.actual) == ("error", "乙", D("30.000"), D("31.0"))
    assert "300.00÷1,000.00" in f.message


def test_without_a_whole_most_shares_agree_with_nothing_is_said():
    d = disclosure(listed(("甲", "600.00", "50.0"), ("乙", "300.00", "40.0"), ("丙", "100.00", "10.0")))
    assert run(SHARE, d) == []


def test_a_named_whole_is_the_amount_of_that_metric():
    claims = [Claim("total_expenditure", D("9759.38"), "万元", "本年支出合计9759.38万元", 20, "x.pdf", "本年支出合计", year=2025),
              Claim("general_budget_expenditure", D("9746.50"), "万元", "s", 21, "x.pdf", "一般公共预算财政拨款支出", year=2025),
              Claim("share_pct", D("99.87"), "%", "s", 21, "x.pdf", "一般公共预算财政拨款支出占本年支出合计", year=2025)]
    assert run(SHARE, disclosure(claims)) == []
    claims[2].value = D("99.86")
    (f,) = run(SHARE, disclosure(claims))
    assert f.severity == "warning" and "截尾" in f.message


def test_a_list_made_to_add_up_to_100_is_a_warning_not_an_error():
    d = disclosure(listed(("甲", "600.00", "60.0"), ("乙", "300.00", "30.0"), ("丙", "56.70", "5.6"), ("丁", "43.30", "4.4")))
    found = run(SHARE, d)
    assert [(f.severity, f.item) for f in found] == [("warning", "丙"), ("warning", "丁")]
    assert "截尾" in found[0].message and "凑足100%" in found[1].message


def test_a_lone_share_of_a_whole_named_otherwise_is_left_alone():
    """"占财政性资金（人员类和运转类中的公用经费项目支出除外）总额的比例为100%": no stated amount is that whole."""
    claims = [Claim("operating_costs", D("395.6"), "万元", "s0", 30, "x.pdf", "机关运行经费", year=2025),
              Claim("performance_funds", D("4651.67"), "万元", "s1", 30, "x.pdf", "涉及财政性资金", year=2025),
              Claim("performance_funds", D("339.5"), "万元", "s2", 30, "x.pdf", "涉及财政性资金合计", year=2025),
              Claim("share_pct", D("100"), "%", "s2", 30, "x.pdf",
                    "涉及财政性资金合计占财政性资金(人员类和运转类中的公用经费项目支出除外)总额的比例为", year=2025)]
    assert run(SHARE, disclosure(claims)) == []
