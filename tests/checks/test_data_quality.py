"""The data_quality checks together: their registration, and real disclosures that several of them
read (each check's own tests are in ``test_data_quality_<module>.py``)."""
from __future__ import annotations

import pytest

from analysis.checks import REGISTRY

from .builders import disclosure, run

IDS = ("data_quality.placeholder", "data_quality.negative", "data_quality.duplicate_row",
       "data_quality.child_repeats_parent", "reading.unreadable_cell", "reading.problems",
       "reading.low_confidence", "reading.unknown_table")


def test_registered_with_severities():
    run(disclosure())
    sev = {i: REGISTRY[i].severity for i in IDS}
    assert sev == {"data_quality.placeholder": "warning", "data_quality.negative": "warning",
                   "data_quality.duplicate_row": "warning", "data_quality.child_repeats_parent": "info",
                   "reading.unreadable_cell": "info", "reading.problems": "warning",
                   "reading.low_confidence": "warning", "reading.unknown_table": "warning"}
    assert all(REGISTRY[i].title_zh and REGISTRY[i].title_en and REGISTRY[i].rationale for i in IDS)
    assert not any(c.severity == "error" for c in REGISTRY.values() if c.family == "reading")


@pytest.mark.parametrize("dept,year", [(d, y) for d in ("江苏省人大常委", "江苏省委", "江苏省政协")
                                       for y in (2017, 2018, 2019)])
def test_jiangsu_cells_are_clean(jiangsu, dept, year):
    assert run(jiangsu[(dept, year)], *IDS) == []
