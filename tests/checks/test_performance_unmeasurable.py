"""Tests of ``performance.unmeasurable`` (``analysis/checks/performance/unmeasurable.py``)."""
from __future__ import annotations

from .builders_performance import by, disclosure, ind, run, target

UM = "performance.unmeasurable"


def test_quantified_targets_are_silent():
    d = disclosure([target("会议专项", "50", [ind("满意度", "90", "%", "满意度指标", "服务对象满意度指标", "≥")])])
    assert run(UM, d) == []


def test_placeholder_name_or_value_is_a_warning_vague_values_are_info():
    d = disclosure([target("周转房", "20", [ind("定性", "定性", "", "效益指标", "可持续影响指标"),
                                         ind("宣传效果", "定性", "", "效益指标", "社会效益指标"),
                                         ind("优化营商环境", "好", "", "效益指标", "社会效益指标"),
                                         ind("促进发展", "长期", "", "效益指标", "社会效益指标")])])
    found = run(UM, d)
    assert len(by(found, "warning")) == 2
    (info,) = by(found, "info")
    assert "优化营商环境" in info.message and "长期" in info.message


def test_sample_unmeasurable(sample):
    found = run(UM, sample)
    assert sorted(f.item for f in by(found, "warning")) == [
        "定性", "开展非法集资宣传活动，提升群众风险防范意识，打击非法金融活动，维护群众财产安全"]
    assert len(by(found, "info")) == 13   # the overall table and 12 of the 14 project tables
