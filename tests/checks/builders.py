"""Builders of small disclosures by hand, shared by the check tests: rows, tables, a disclosure, and
running some checks on it."""
from __future__ import annotations

from decimal import Decimal

from analysis.checks import Context, run_checks
from analysis.figures import locate
from analysis.model import Column, Disclosure, NarrativePage, Row, Table

D = Decimal


def mkrow(name: str, code: str | None = None, *, page: int = 1, section: str | None = None, flags=(),
          ph: dict | None = None, ur: dict | None = None, extra: dict | None = None, **amounts) -> Row:
    level = {3: 1, 5: 2, 7: 3}.get(len(code)) if code else None
    return Row(index=0, name=name, code=code, level=level,
               amounts={k: D(str(v)) for k, v in amounts.items()},
               placeholders=dict(ph or {}), unreadable=dict(ur or {}), section=section, page=page,
               file="sample.pdf", raw=name, flags=list(flags), extra=dict(extra or {}))


def total(name: str = "合计", **kw) -> Row:
    return mkrow(name, flags=("total",), **kw)


def mktable(kind: str, keys, rows, *, label: str = "附件3", tid: str = "t01", unit: str = "万元",
            scale=D(1), labels: dict | None = None) -> Table:
    cols = [Column(k if isinstance(k, str) else k[1], (labels or {}).get(k, k) if isinstance(k, str) else f"{k[0]}:{k[1]}")
            for k in keys]
    for i, r in enumerate(rows):
        r.index = i
    pages = sorted({r.page for r in rows}) or [1]
    return Table(id=tid, kind=kind, title=kind, label=label, unit=unit, scale=scale, file="sample.pdf",
                 pages=pages, columns=cols, rows=list(rows))


def disclosure(*tables, narrative=(), year: int = 2025, problems=()) -> Disclosure:
    return Disclosure(department="测试单位", year=year, tables=list(tables),
                      narrative=[NarrativePage("sample.pdf", i + 1, t) for i, t in enumerate(narrative)],
                      problems=list(problems))


def located(*ds: Disclosure) -> None:
    """Locate the figures of disclosures the test built or changed by hand (a parsed disclosure
    carries the figures located when it was assembled; a test that edits a table after that
    locates them again, as assembling the edited disclosure would)."""
    for d in ds:
        d.figures = locate(d)


def run(d: Disclosure, *ids: str) -> list:
    located(d)
    return run_checks(Context(disclosure=d, batch=[d]), ids=list(ids))


def errors(findings: list) -> list:
    return [f for f in findings if f.severity == "error"]


def economic(rows, keys=("total", "personnel", "public"), **kw) -> Table:
    return mktable("general_budget_basic_expenditure", list(keys), rows, **kw)
