"""Builders shared by the tests of the three_public checks."""
from __future__ import annotations

from decimal import Decimal as D

from analysis.checks.base import REGISTRY, Context
from analysis.model import Column, Disclosure, Indicator, PerformanceTarget, Row, Table
from .builders import located


def run(check_id, d):
    located(d)
    return REGISTRY[check_id].run(Context(d, [d]))


def three_public_table(overseas="0", purchase="0", operation="36", reception="15"):
    vals = {"overseas": overseas, "vehicle_purchase": purchase, "vehicle_operation": operation, "reception": reception}
    total = sum(D(v) for v in vals.values())
    amounts = {"total": total, "vehicle_total": D(purchase) + D(operation), **{k: D(v) for k, v in vals.items()}}
    return Table(id="t04", kind="three_public", title="一般公共预算“三公”经费支出表", label="附件4", file="x.pdf",
                 pages=[9], columns=[Column(k, k) for k in amounts],
                 rows=[Row(0, "合计", amounts=amounts, flags=["total"], page=9)])


def ind(name, value, unit="万元", level1="成本指标", level2="经济成本指标", op="="):
    return Indicator(level1=level1, level2=level2, name=name, value_raw=value, value=D(value), operator=op,
                     unit=unit, nature="定量", page=36)


def project(name, indicators, goal="", tid="t25"):
    return PerformanceTarget(kind="project", title=f"{name}绩效目标表", project_code="500T", project_name=name,
                             fund_total=D(50), goal=goal, indicators=indicators, pages=[36], file="x.pdf",
                             table_id=tid)


def disclosure(table, projects, claims=()):
    tabs = [table] + [Table(id=p.table_id, kind="project_performance", title=p.title, file="x.pdf", pages=p.pages)
                      for p in projects]
    return Disclosure(department="测试单位", year=2025, tables=tabs, performance=list(projects), claims=list(claims))
