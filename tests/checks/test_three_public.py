"""The three_public checks together: their registration, and real disclosures that several of them
read (each check's own tests are in ``test_three_public_<module>.py``)."""
from __future__ import annotations

from .builders_three_public import run

ZERO = "three_public.zero_budget_but_planned"


RECEPTION = "three_public.reception_in_projects"


def test_jiangsu_has_no_project_targets(jiangsu):
    for d in jiangsu.values():
        assert run(ZERO, d) == [] and run(RECEPTION, d) == []
