"""Tests of ``reading.ocr_table`` (``analysis/checks/reading/ocr_table.py``) and of the review that
withholds the arithmetic findings of an OCR table that does not tie out."""
from __future__ import annotations

from analysis.checks.base import Context
from analysis.checks.review import review

from .builders import disclosure, economic, mkrow, run


def _rows(first: str = "30.00"):
    rows = [mkrow("合计", None, flags=("total",), total="50.00"), mkrow("工资福利支出", "301", total=first),
            mkrow("商品和服务支出", "302", total="20.00")]
    for r in rows:
        r.recognised = {"total": 0.97}
    rows[1].recognised = {"total": 0.91}
    return rows


def test_every_ocr_table_is_named_with_its_lowest_confidence():
    t = economic(_rows(), keys=("total",))
    assert run(disclosure(t), "reading.ocr_table") == []      # read from a text layer: nothing to say
    t.reading = ["ocr"]
    fs = run(disclosure(t), "reading.ocr_table")
    assert [(f.check, f.severity) for f in fs] == [("reading.ocr_table", "info")]
    assert "文字识别（OCR）" in fs[0].message and "最低 0.91" in fs[0].message and "自洽" in fs[0].message


def test_an_ocr_table_that_does_not_tie_out_is_a_reading_problem_never_an_error():
    """The same table with a misread digit: from a text layer an arithmetic error; from a scan a
    reading warning, and the review withholds the arithmetic error."""
    t = economic(_rows("38.00"), keys=("total",))
    d = disclosure(t)
    assert [f.severity for f in run(d, "arithmetic.children_sum")] == ["error"]
    t.reading = ["ocr"]
    d = disclosure(t)
    fs = run(d, "arithmetic.children_sum", "reading.ocr_table")
    warn = [f for f in fs if f.check == "reading.ocr_table"]
    assert len(warn) == 1 and warn[0].severity == "warning" and "不能自洽" in warn[0].message
    reviewed = review(Context(disclosure=d, batch=[d]), fs)
    assert [f.severity for f in reviewed if f.severity == "error"] == []
    assert [f.check for f in reviewed] == ["reading.ocr_table"]
