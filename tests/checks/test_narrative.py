"""The narrative checks together: their registration, and real disclosures that several of them
read (each check's own tests are in ``test_narrative_<module>.py``)."""
from __future__ import annotations

from .builders_narrative import errors, run

MATCH = "narrative.claim_matches_table"


CHANGE = "narrative.change_recomputed"


def test_chongqing_text_three_public_columns_are_inferred_so_only_warnings(chongqing_text):
    found = run(MATCH, chongqing_text) + run(CHANGE, chongqing_text)
    assert [f.item for f in errors(found)] == ["2025年“三公”经费预算"]
    assert all("按位置推断" in f.message for f in found if f.severity == "warning")
