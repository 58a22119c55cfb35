"""Tests of ``performance.count_consistency`` (``analysis/checks/performance/count_consistency.py``)."""
from __future__ import annotations

from decimal import Decimal as D

from .builders_performance import disclosure, ind, run, target

CC = "performance.count_consistency"


def test_same_count_in_overall_and_project_is_silent():
    overall = target("整体", None, [ind("开展督查次数", "70", "次", "", "", "≥", weight="9")], kind="overall", tid="t11")
    proj = target("督查专项", "60", [ind("开展专项督查次数", "70", "次", "产出指标", "质量指标", "≥"),
                                   ind("开展现场督查 70次以上", "11.55")])
    assert run(CC, disclosure([overall, proj])) == []


def test_count_contradicting_the_overall_table_is_a_warning():
    overall = target("整体", None, [ind("政府网站内容安全云检测", "12", "次", "", "", "≥", weight="8")],
                     kind="overall", tid="t11")
    proj = target("电子政务", "70", [ind("网站群云检测", "4", "次", "产出指标", "数量指标")])
    (f,) = run(CC, disclosure([overall, proj]))
    assert f.severity == "warning" and f.actual == D(4) and f.expected == D(12)


def test_different_things_with_different_counts_are_silent():
    overall = target("整体", None, [ind("开展督查次数", "70", "次", "", "", "≥", weight="9")], kind="overall", tid="t11")
    proj = target("数字化", "300", [ind("开展对镇街督查调研", "23", "次", "产出指标", "数量指标", "≥")])
    assert run(CC, disclosure([overall, proj])) == []


def test_sample_cloud_inspections_4_versus_12(sample):
    (f,) = run(CC, sample)
    assert f.item == "网站群云检测" and f.actual == D(4) and "12次" in f.message and "附件11" in f.message
