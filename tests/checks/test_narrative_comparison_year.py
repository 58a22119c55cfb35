"""Tests of ``narrative.comparison_year`` (``analysis/checks/narrative/comparison_year.py``)."""
from __future__ import annotations

from .builders_narrative import claim, disclosure, run

YEARS = "narrative.comparison_year"


def compared(year, compared_year, change="decrease"):
    c = claim("three_public_total", "13.85", f"{year}年“三公”经费预算", change, "5.45", year=year)
    c.compared_year = compared_year
    return c


def test_a_change_against_the_year_before_is_silent():
    assert run(YEARS, disclosure([compared(2025, 2024)])) == []
    assert run(YEARS, disclosure([compared(2025, None)])) == []     # "比上年减少"


def test_a_year_compared_with_itself_is_a_warning_naming_the_misprint():
    (f,) = run(YEARS, disclosure([compared(2024, 2024)]))            # a 2025 budget
    assert f.severity == "warning" and "2024年或为2025年之误" in f.message and f.page == 3


def test_a_skipped_year_is_a_warning():
    (f,) = run(YEARS, disclosure([compared(2025, 2023)]))
    assert "上一年度应为2024年" in f.message


def test_a_stated_value_without_a_change_is_not_looked_at():
    c = compared(2025, 2023, change=None)
    assert run(YEARS, disclosure([c])) == []
