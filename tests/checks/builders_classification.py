"""Builders shared by the tests of the classification checks."""
from __future__ import annotations

from decimal import Decimal as D

from analysis.checks.base import REGISTRY, Context
from analysis.model import Column, Disclosure, Row, Table
from .builders import located


def run(check_id, d):
    located(d)
    return REGISTRY[check_id].run(Context(d, [d]))


def table(kind, rows, keys=("total",), tid="t01", label="附件2"):
    out = []
    for i, (code, name, *vals) in enumerate(rows):
        out.append(Row(i, name, code=code, amounts={k: D(v) for k, v in zip(keys, vals)}, page=5 + i // 20))
    return Table(id=tid, kind=kind, title=kind, label=label, file="x.pdf", pages=[5],
                 columns=[Column(k, k) for k in keys], rows=out)


def disclosure(*tables, year=2019):
    return Disclosure(department="测试单位", year=year, tables=list(tables))
