"""Tests of ``text.contents_vs_tables`` (``analysis/checks/text/contents_vs_tables.py``) and of the table of
contents reader (``analysis/parse/contents.py``)."""
from __future__ import annotations

from analysis.model import NarrativePage
from analysis.parse.contents import read_contents

from .builders import disclosure, mktable, run, total

CHECK = "text.contents_vs_tables"
CONTENTS = ("目 录\n第一部分 部门概况\n第二部分 部门预算表\n一、收支总表……3\n二、收入总表……4\n"
            "三、支出总表……5\n四、一般公共预算“三公”经费、会议费、培训费支\n出表……6\n第三部分 情况说明\n"
            "一、主要职能\n二、机构设置\n三、收支情况\n四、其他")


def _tables(*kinds):
    return [mktable(k, ["total"], [total(total="1")], tid=f"t{i:02d}") for i, k in enumerate(kinds)]


def test_the_contents_reader_reads_wrapped_entries_and_stops_after_the_list():
    entries = read_contents([NarrativePage("a.pdf", 2, CONTENTS)])
    assert [e.kind for e in entries] == ["department_summary", "department_income", "department_expenditure",
                                         "three_public"]


def test_listed_but_absent_and_present_but_unlisted():
    d = disclosure(*_tables("department_summary", "department_income", "three_public", "government_fund"),
                   narrative=[CONTENTS])
    d.contents = read_contents(d.narrative)
    fs = run(d, CHECK)
    assert sorted((f.severity, f.item) for f in fs) == [("error", "部门支出总表"), ("warning", "")]
    assert any("未列入目录" in f.message and f.table == "government_fund" for f in fs)


def test_a_table_the_tool_did_not_recognise_may_be_the_listed_one():
    d = disclosure(*_tables("department_summary", "department_income", "three_public", "unknown"),
                   narrative=[CONTENTS])
    d.contents = read_contents(d.narrative)
    assert [(f.severity, f.item) for f in run(d, CHECK)] == [("warning", "部门支出总表")]
