"""Builders shared by the tests of the narrative checks."""
from __future__ import annotations

from decimal import Decimal as D

from analysis.checks.base import REGISTRY, Context
from analysis.model import Claim, Column, Disclosure, Row, Table
from .builders import located


def run(check_id, d, batch=None):
    located(d, *(batch or []))
    return REGISTRY[check_id].run(Context(d, batch or [d]))


def errors(findings):
    return [f for f in findings if f.severity == "error"]


def function_table(prior=True):
    cols = ([Column("prior_total", "2024年预算数")] if prior else []) + [
        Column("total", "总计"), Column("basic", "基本支出"), Column("project", "项目支出")]

    def amounts(p, t, b, j):
        a = {"total": D(t), "basic": D(b), "project": D(j)}
        if prior:
            a["prior_total"] = D(p)
        return a
    rows = [
        Row(0, "合计", amounts=amounts("1337.23", "2218.51", "1013.51", "1205.00"), flags=["total"], page=8),
        Row(1, "一般公共服务支出", code="201", level=1, amounts=amounts("1042.00", "1955.20", "750.20", "1205.00"), page=8),
        Row(2, "政府办公厅（室）及相关机构事务", code="20103", level=2,
            amounts=amounts("1042.00", "1955.20", "750.20", "1205.00"), page=8),
        Row(3, "行政运行", code="2010301", level=3, amounts=amounts("708.00", "750.20", "750.20", "0"), page=8),
        Row(4, "一般行政管理事务", code="2010302", level=3, amounts=amounts("334.00", "1205.00", "0", "1205.00"), page=8),
        Row(5, "住房保障支出", code="221", level=1, amounts=amounts("61.47", "263.31", "263.31", "0"), page=8),
    ]
    return Table(id="t02", kind="general_budget_expenditure", title="一般公共预算财政拨款支出预算表",
                 label="附件2", file="x.pdf", pages=[8], columns=cols, rows=rows)


def three_public_table():
    keys = ["prior_total", "prior_overseas", "prior_vehicle_total", "prior_vehicle_purchase",
            "prior_vehicle_operation", "prior_reception", "total", "overseas", "vehicle_total",
            "vehicle_purchase", "vehicle_operation", "reception"]
    vals = ["43", "0", "28", "0", "28", "15", "51", "0", "36", "0", "36", "15"]
    return Table(id="t04", kind="three_public", title="一般公共预算“三公”经费支出表", label="附件4",
                 file="x.pdf", pages=[11], columns=[Column(k, k) for k in keys],
                 rows=[Row(0, "合计", amounts={k: D(v) for k, v in zip(keys, vals)}, flags=["total"], page=11)])


def claim(metric, value, subject, change=None, change_value=None, pct=None, page=3, year=2025):
    return Claim(metric=metric, value=None if value is None else D(value), unit="万元", sentence=f"{subject}{value}万元",
                 page=page, file="x.pdf", subject=subject, change=change,
                 change_value=None if change_value is None else D(change_value),
                 change_pct=None if pct is None else D(pct), year=year)


def disclosure(claims, tables=None, year=2025, department="重庆市潼南区人民政府办公室"):
    return Disclosure(department=department, year=year,
                      tables=tables if tables is not None else [function_table(), three_public_table()],
                      claims=claims)


def final_claim(metric, value, subject, basis, sentence, unit="万元"):
    return Claim(metric=metric, value=D(value), unit=unit, sentence=sentence, page=18, file="x.pdf",
                 subject=subject, year=2025, basis=basis)


def final_disclosure(claims):
    t = function_table(prior=False)
    t.columns = t.columns + [Column("budget_total", "年初预算数")]
    for r in t.rows:
        r.amounts["budget_total"] = r.amounts["total"] + 100
    return Disclosure(department="某局", year=2025, kind="final", tables=[t], claims=claims)
