"""The performance checks together: their registration, and real disclosures that several of them
read (each check's own tests are in ``test_performance_<module>.py``)."""
from __future__ import annotations

from .builders_performance import run

TFP = "performance.target_for_each_project"


CVF = "performance.cost_vs_fund"


IA = "performance.inline_arithmetic"


CC = "performance.count_consistency"


WY = "performance.wrong_year"


UM = "performance.unmeasurable"


WS = "performance.weights_sum"


def test_jiangsu_has_no_performance_tables_so_nothing_fires(jiangsu):
    for d in jiangsu.values():
        for cid in (TFP, CVF, IA, CC, WY, UM, WS):
            assert run(cid, d) == [], (cid, d.slug)
