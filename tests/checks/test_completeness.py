"""The completeness checks together: their registration, and real disclosures that several of them
read (each check's own tests are in ``test_completeness_<module>.py``)."""
from __future__ import annotations

from analysis.checks import REGISTRY

from .builders import disclosure, run

TABLES = "completeness.required_tables"


EXPL = "completeness.required_explanations"


FUNC = "completeness.function_granularity"


ECON = "completeness.economic_granularity"


SPLIT = "completeness.three_public_split"


EMPTY = "completeness.empty_table_reason"


def test_registered():
    run(disclosure())
    for cid in (TABLES, EXPL, FUNC, ECON, SPLIT, EMPTY):
        c = REGISTRY[cid]
        assert c.family == "completeness" and c.title_zh and c.title_en and c.rationale
    assert REGISTRY[TABLES].severity == "error" and REGISTRY[EXPL].severity == "warning"
