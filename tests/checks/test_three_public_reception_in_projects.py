"""Tests of ``three_public.reception_in_projects`` (``analysis/checks/three_public/reception_in_projects.py``)."""
from __future__ import annotations

from decimal import Decimal as D

from .builders_three_public import disclosure, ind, project, run, three_public_table

RECEPTION = "three_public.reception_in_projects"


def test_projects_without_reception_costs_are_silent():
    d = disclosure(three_public_table(), [project("会议专项", [ind("会议系统维护", "8.5")])])
    assert run(RECEPTION, d) == []


def test_reception_costs_in_projects_are_info_and_compared_with_the_reception_budget():
    d = disclosure(three_public_table(reception="15"), [
        project("征兵外事专项", [ind("接待港澳、外国政商代表团（包括友好城市互访）综合成本", "10", op="≥")], tid="t13"),
        project("招商外事专项", [ind("接待港澳、外国政商代表团、友好城市互访经费", "15")])])
    found = run(RECEPTION, d)
    assert [f.severity for f in found] == ["info", "info"]
    assert all("25.00万元" in f.message and "公务接待费预算为15.00万元" in f.message for f in found)


def test_sample_reception_in_the_two_foreign_affairs_projects(sample):
    found = run(RECEPTION, sample)
    assert sorted((f.page, f.actual) for f in found) == [(20, D(10)), (36, D(15))]
