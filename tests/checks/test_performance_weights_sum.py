"""Tests of ``performance.weights_sum`` (``analysis/checks/performance/weights_sum.py``)."""
from __future__ import annotations

from decimal import Decimal as D

from .builders_performance import disclosure, ind, run, target

WS = "performance.weights_sum"


def test_weights_summing_to_100_are_silent():
    overall = target("整体", None, [ind("a", "1", "次", "", "", weight="60"), ind("b", "1", "次", "", "", weight="40")],
                     kind="overall", tid="t11")
    assert run(WS, disclosure([overall])) == []


def test_sample_overall_weights_sum_to_92(sample):
    (f,) = run(WS, sample)
    assert f.severity == "error" and f.actual == D(92) and "附件11" in f.message


def test_chongqing_text_overall_weights_sum_to_92(chongqing_text):
    (f,) = run(WS, chongqing_text)
    assert f.actual == D(92)


def test_weights_short_of_100_beside_indicators_without_one_are_a_warning():
    """The missing indicators may hold the rest (a weight column not read on one page): the sum
    is not known to be wrong. Weights over 100 are wrong whatever the others hold."""
    def table(*weights):
        return target("整体", None, [ind(str(k), "1", "次", "", "", weight=w) for k, w in enumerate(weights)],
                      kind="overall", tid="t11")
    (f,) = run(WS, disclosure([table("60", "5", None)]))
    assert f.severity == "warning" and f.actual == D(65) and "1项指标未填权重或未能读出" in f.message
    (f,) = run(WS, disclosure([table("60", "50", None)]))
    assert f.severity == "error" and f.actual == D(110)
    (f,) = run(WS, disclosure([table("60", "5")]))
    assert f.severity == "error"
