"""Tests of ``reading.unreadable_cell`` (``analysis/checks/reading/unreadable_cell.py``)."""
from __future__ import annotations

from .builders import disclosure, economic, mkrow, run


def test_unreadable_cell_is_a_reading_problem_not_an_error():
    r = mkrow("办公费", "30201", page=8, total="47.18", ur={"public": "47,1 8x"})
    fs = run(disclosure(economic([r])), "reading.unreadable_cell")
    assert len(fs) == 1 and fs[0].severity == "info" and "“47,1 8x”" in fs[0].message and fs[0].code == "30201"
    assert "本工具未能识别" in fs[0].message
    assert run(disclosure(economic([mkrow("办公费", "30201", total="47.18")])), "reading.unreadable_cell") == []
