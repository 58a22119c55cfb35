"""Tests of ``completeness.required_tables`` (``analysis/checks/completeness/required_tables.py``)."""
from __future__ import annotations

from analysis.vocab import required_items

from .builders import disclosure, mktable, run, total
from .builders_completeness import JIANGSU

TABLES = "completeness.required_tables"


def _all_tables():
    """One table of each kind a budget must print (the vocabulary's table items, T01–T08)."""
    kinds = [i.tables[0] for i in required_items("budget", "department") if i.is_table]
    return [mktable(kind, ["total"], [total(total="1")], tid=f"t{i:02d}") for i, kind in enumerate(kinds)]


def test_required_tables_missing_are_errors_named_with_their_rule():
    ts = _all_tables()
    d = disclosure(*[t for t in ts if t.kind not in ("three_public", "government_fund")], year=2019)
    fs = run(d, TABLES)
    assert sorted(f.item for f in fs) == ["“三公”经费支出表", "政府性基金预算支出表"]
    assert all(f.severity == "error" for f in fs)
    assert any("T07" in f.message and "财政预决算领域基层政务公开标准目录" in f.message for f in fs)
    assert run(disclosure(*ts, year=2019), TABLES) == []


def test_from_2020_basic_and_project_printed_apart():
    ts = _all_tables()
    fs = run(disclosure(*ts, year=2025), TABLES)
    assert len(fs) == 1 and "T09" in fs[0].message and fs[0].table == "general_budget_expenditure"
    assert run(disclosure(*ts, year=2019), TABLES) == []


def test_sample_and_jiangsu_have_every_table(sample, jiangsu):
    assert run(sample, TABLES) == []
    for key in JIANGSU:
        assert run(jiangsu[key], TABLES) == [], key


def test_missing_is_a_claim_that_needs_evidence():
    """A table the tool did not recognise may be the missing one: a warning that says so, not an error."""
    ts = [t for t in _all_tables() if t.kind != "three_public"]
    unknown = mktable("unknown", ["total"], [total(total="1")], tid="t99")
    fs = run(disclosure(*ts, unknown, year=2019), TABLES)
    assert [(f.severity, f.item) for f in fs] == [("warning", "“三公”经费支出表")]
    assert "未能识别的表格" in fs[0].message and "T07" in fs[0].message
    # the narrative says it is published elsewhere
    fs = run(disclosure(*ts, narrative=["“三公”经费支出表另行公开，见本部门门户网站。"], year=2019), TABLES)
    assert [f.severity for f in fs] == ["warning"] and "另行公开" in fs[0].message


def test_a_narrative_given_without_its_tables_is_said_once():
    fs = run(disclosure(narrative=["一、部门职责……"], year=2019), TABLES)
    assert [(f.severity, f.item) for f in fs] == [("warning", "公开表格")]
    assert "8 张应公开的表无法核对" in fs[0].message
