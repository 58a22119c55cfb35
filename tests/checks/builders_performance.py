"""Builders shared by the tests of the performance checks."""
from __future__ import annotations

from decimal import Decimal as D

from analysis.checks.base import REGISTRY, Context
from analysis.model import Disclosure, Indicator, PerformanceTarget, Table
from .builders import located


def run(check_id, d):
    located(d)
    return REGISTRY[check_id].run(Context(d, [d]))


def by(found, severity):
    return [f for f in found if f.severity == severity]


def ind(name, value, unit="万元", level1="成本指标", level2="经济成本指标", op="=", weight=None):
    v = None
    try:
        v = D(value)
    except Exception:  # noqa: BLE001
        pass
    return Indicator(level1=level1, level2=level2, name=name, value_raw=value, value=v,
                     operator=op if v is not None else "", unit=unit, nature="定量" if v is not None else "定性",
                     weight=None if weight is None else D(weight), page=21)


def target(name, fund, indicators, code="", kind="project", tid="t12", start="2024年", goal=""):
    return PerformanceTarget(kind=kind, title=f"{name}绩效目标表", project_code=code, project_name=name,
                             fund_total=None if fund is None else D(fund), period_start=start, period_end="长期",
                             goal=goal, indicators=indicators, pages=[21], file="x.pdf", table_id=tid)


def disclosure(targets, tables=(), year=2025):
    tabs = list(tables) + [Table(id=p.table_id, kind="overall_performance" if p.kind == "overall" else "project_performance",
                                 title=p.title, file="x.pdf", pages=p.pages) for p in targets]
    return Disclosure(department="测试单位", year=year, tables=tabs, performance=list(targets))
