"""Tests of ``reading.low_confidence`` (``analysis/checks/reading/low_confidence.py``)."""
from __future__ import annotations

from .builders import disclosure, economic, mkrow, run


def test_low_confidence_table_gives_one_reading_warning_and_no_arithmetic_error():
    """A table whose items do not add up would give an arithmetic error; read with low confidence,
    it gives one reading warning instead and its figures stay out of every other check."""
    rows = [mkrow("合计", None, flags=("total",), total="100.00"), mkrow("工资福利支出", "301", total="30.00"),
            mkrow("商品和服务支出", "302", total="20.00")]
    t = economic(rows, keys=("total",))
    ids = ("arithmetic.children_sum", "reading.low_confidence")
    assert [(f.check, f.severity) for f in run(disclosure(t), *ids)] == [("arithmetic.children_sum", "error")]
    t.confidence, t.reading = 0.4, ["unnamed_column"]
    fs = run(disclosure(t), *ids)
    assert [f.severity for f in fs if f.severity == "error"] == []
    low = [f for f in fs if f.check == "reading.low_confidence"]
    assert len(low) == 1 and low[0].severity == "warning" and "本工具未能可靠识别" in low[0].message
    assert "有金额的列没有可识别的表头" in low[0].message and "置信度 0.40" in low[0].message
