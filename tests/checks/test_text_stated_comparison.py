"""Tests of ``text.stated_comparison`` (``analysis/checks/text/stated_comparison.py``)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from .builders import disclosure, run

CHECK = "text.stated_comparison"


@pytest.mark.parametrize("text,bad", [
    ("2024年预算安排25.77万元，比2023年预算执行数（60.13万元）增加。", True),
    ("2024年预算安排25.77万元，比2023年预算执行数（60.13万元）减少。", False),
    ("2023年当年预算执行数为10.00万元，2024年预算安排12.00万元，比2023年预算执行数持平。", True),
    ("2023年当年预算执行数为10.00万元，2024年预算安排10.00万元，比2023年预算执行数持平。", False),
    ("机关运行经费预算支出247.45万元，与上年相比减少10.68万元，减少4.14%。", False),   # no prior level given
])
def test_a_change_against_the_prior_amount_of_its_sentence(text, bad):
    fs = run(disclosure(narrative=[text]), CHECK)
    assert bool(fs) == bad and all(f.severity == "error" for f in fs)


def test_a_final_against_its_budget():
    text = "年初预算为300.00万元，全年预算为321.02万元，支出决算为307.82万元，决算数大于年初预算数。"
    assert run(disclosure(narrative=[text]), CHECK) == []
    wrong = text.replace("大于年初预算数", "小于年初预算数")
    [f] = run(disclosure(narrative=[wrong]), CHECK)
    assert f.actual == D("307.82") and f.expected == D("300.00")
    # unnamed budget: true against one of the budgets printed
    either = text.replace("大于年初预算数", "小于预算数")
    assert run(disclosure(narrative=[either]), CHECK) == []
