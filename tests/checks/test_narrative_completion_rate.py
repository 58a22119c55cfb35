"""Tests of ``narrative.completion_rate`` (``analysis/checks/narrative/completion_rate.py``)."""
from __future__ import annotations

from decimal import Decimal as D

from .builders_narrative import final_claim, final_disclosure, run

RATE = "narrative.completion_rate"


def test_completion_rate_recomputes_and_names_the_budget_it_was_computed_on():
    s = "支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%"
    subject = "一般公共预算财政拨款支出"
    claims = [final_claim("general_budget_expenditure", "0", subject, "initial_budget", s),
              final_claim("general_budget_expenditure", "321.02", subject, "adjusted_budget", s),
              final_claim("general_budget_expenditure", "307.82", subject, "final", s),
              final_claim("completion_pct", "95.89", subject, "initial_budget", s, unit="%")]
    [f] = run(RATE, final_disclosure(claims))
    assert f.severity == "error" and f.page == 18 and "全年预算321.02万元" in f.message
    claims[-1].basis = "adjusted_budget"       # "完成全年预算的95.89%": 307.82 / 321.02 = 95.888
    assert run(RATE, final_disclosure(claims)) == []
    claims[-1].value = D("96.89")
    [f] = run(RATE, final_disclosure(claims))
    assert f.expected == D("95.89") and f.actual == D("96.89")


def test_truncated_completion_rate_is_accepted():
    s = "年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的95.45%"   # 95.457 printed truncated
    claims = [final_claim("general_budget_expenditure", "10210.34", "x", "initial_budget", s),
              final_claim("general_budget_expenditure", "9746.50", "x", "final", s),
              final_claim("completion_pct", "95.45", "x", "initial_budget", s, unit="%")]
    assert run(RATE, final_disclosure(claims)) == []
