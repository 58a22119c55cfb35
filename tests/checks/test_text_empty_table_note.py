"""Tests of ``text.empty_table_note`` (``analysis/checks/text/empty_table_note.py``)."""
from __future__ import annotations

from .builders import disclosure, mktable, run, total

CHECK = "text.empty_table_note"


def _empty(kind, note):
    t = mktable(kind, ["total"], [total(total="0")])
    t.note = note
    return t


def test_a_note_naming_another_fund():
    fs = run(disclosure(_empty("state_capital", "注：本单位无政府性基金收支，本表为空表。")), CHECK)
    assert len(fs) == 1 and "政府性基金" in fs[0].message and "国有资本经营" in fs[0].message


def test_a_note_naming_its_own_fund_is_silent():
    assert run(disclosure(_empty("state_capital", "注：本单位无国有资本经营预算收支，本表为空表。")), CHECK) == []
    assert run(disclosure(_empty("government_fund", "注：本单位无政府性基金收支。")), CHECK) == []
