"""Tests of ``reading.problems`` (``analysis/checks/reading/problems.py``)."""
from __future__ import annotations

from analysis.model import Problem

from .builders import disclosure, run


def test_parse_problems_each_become_a_reading_warning():
    p = Problem(file="sample.pdf", page=9, what="unplaced_cell", detail="t03: a cell lies outside the header columns",
                raw="30201 x")
    fs = run(disclosure(problems=[p]), "reading.problems")
    assert len(fs) == 1 and fs[0].page == 9 and fs[0].file == "sample.pdf" and "单元格落在表头各列之外" in fs[0].message
    assert fs[0].severity == "warning"
    assert run(disclosure(), "reading.problems") == []
