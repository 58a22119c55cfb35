"""The arithmetic checks together: their registration, and real disclosures that several of them
read (each check's own tests are in ``test_arithmetic_<module>.py``)."""
from __future__ import annotations

import pytest

from analysis.checks import REGISTRY

from .builders import D, disclosure, run
from .builders_arithmetic import _summary

CHILDREN = "arithmetic.children_sum"


PARTS = "arithmetic.column_parts"


BALANCE = "arithmetic.income_equals_expenditure"


SECTIONS = "arithmetic.section_sum"


def test_arithmetic_checks_are_registered_with_bilingual_titles_and_sources():
    run(disclosure())  # imports the families
    for cid in (CHILDREN, PARTS, BALANCE, SECTIONS):
        c = REGISTRY[cid]
        assert c.family == "arithmetic" and c.severity == "error"
        assert c.title_zh and c.title_en and c.rationale
        assert "预算法" in c.rationale or "财预〔2016〕143号" in c.rationale


def test_balance_and_sections_silent_on_a_consistent_summary():
    assert run(disclosure(_summary()), BALANCE, SECTIONS) == []


def test_sample_summary_tables_balance(sample):
    assert run(sample, BALANCE, SECTIONS) == []


def test_chongqing_text_same_errors_but_only_warnings(chongqing_text):
    """The text file prints no empty cells: placements are guessed, so nothing is an error."""
    fs = run(chongqing_text, CHILDREN, PARTS, BALANCE, SECTIONS)
    assert fs and all(f.severity == "warning" and "由文本推断" in f.message for f in fs)
    got = {(f.code, f.actual, f.expected) for f in fs if f.check == CHILDREN}
    assert ("302", D("189.20"), D("364.84")) in got and ("301", D("725.33"), D("1449.28")) in got
    three = [f for f in fs if f.check == PARTS and f.table == "three_public"]
    # the text reader now places the 附件4 row like the ruled sample: the same mismatches
    assert {(f.actual, f.expected) for f in three} >= {(D("43.00"), D("66.00")), (D("51.00"), D("36")),
                                                       (D("43.00"), D("58.00"))}


@pytest.mark.parametrize("dept,year", [(d, y) for d in ("江苏省人大常委", "江苏省委", "江苏省政协")
                                       for y in (2017, 2018, 2019)])
def test_jiangsu_tables_add_up(jiangsu, dept, year):
    """Every Jiangsu department-year adds up: every check runs on its tables and finds nothing."""
    d = jiangsu[(dept, year)]
    assert d.tables_of("department_summary") and d.tables_of("general_budget_basic_expenditure")
    assert run(d, CHILDREN, PARTS, BALANCE, SECTIONS) == []


def test_jiangsu_mutation_is_caught(jiangsu):
    """The same tables with one figure changed: the checks see it."""
    import copy

    d = copy.deepcopy(jiangsu[("江苏省政协", 2018)])
    t = d.table("general_budget_basic_expenditure")
    r = next(r for r in t.rows if r.code == "30201")
    r.amounts["total"] += D("1.00")
    fs = run(d, CHILDREN)
    assert [(f.code, f.difference, f.page) for f in fs] == [("302", D("-1.00"), 8)]
    s = d.table("department_summary")
    s.rows[-1].amounts["total"] += D("5")
    assert [f.check for f in run(d, BALANCE)] == [BALANCE]
