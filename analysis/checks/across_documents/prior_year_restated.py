"""``across_documents.prior_year_restated``: when the batch holds year N and year N−1 of one
department (matched by ``canonical_department``), the prior-year figures year N prints must be what
year N−1 published:

* the prior-year columns of its tables (function tables ``prior_total`` by code and in the
  合计 row, 三公 ``prior_*`` columns, 政府采购 ``prior_total``) against the same figures in
  N−1's tables;
* the narrative: a claim "X 万元，与上年相比增加 Y 万元" states last year's amount X − Y
  (减少: X + Y, 持平: X), and a claim dated N−1 ("2016年度部门支出预算安排为 …") states it
  directly; each is compared with the figures N−1 published for the same metric.

A difference is a warning, not an error: a department may compare with an adjusted
(调整后) prior-year budget; the finding names both documents and pages so the reader can
see which figure was restated.
"""
from __future__ import annotations

from decimal import Decimal

from ...model import Disclosure, Row, Table
from ...vocab import FUNCTION_KINDS
from ..base import Context, Finding, check, tolerance
from ..common.amounts import fmt, val
from ..common.claims import change_claims, describe_change, implied_prior
from ..common.lookup import (THREE_PUBLIC_KEYS, figures_for, previous_disclosure, prior_function_row, prior_total,
                             totals_of)
from ..common.places import col_label, doc_name, row_label, where
from ..common.rows import fold
from ..common.text import claim_text

# 三公 column key -> claim metric naming the same figure
_THREE_PUBLIC_METRIC = {keys[0]: metric for metric, keys in THREE_PUBLIC_KEYS.items()}


def _finding(ctx: Context, t: Table, row: Row, key: str, printed: Decimal, prev: Disclosure,
             pt: Table, prow: Row, published: Decimal, what: str) -> Finding:
    d = ctx.d
    return ctx.finding(
        (f"{doc_name(d, t.file)} {where(t, row)}“{row_label(row) or '合计'}”行"
         f"“{col_label(t, key)}”列所列上年数为{fmt(printed)}万元，而{doc_name(prev, pt.file)} "
         f"{where(pt, prow)}“{row_label(prow) or '合计'}”行{what}为{fmt(published)}万元，"
         f"相差{fmt(printed - published)}万元。"),
        table=t, row=row, expected=published, actual=printed, difference=printed - published,
        related=[{"table": pt.kind, "table_id": pt.id, "page": prow.page, "file": pt.file, "year": prev.year}])


def _three_public(ctx: Context, t: Table, prev: Disclosure):
    rows = totals_of(t) or t.rows[:1]
    if not rows:
        return
    row = rows[0]
    keys = t.column_keys()
    for pk in [k for k in keys if k.startswith("prior_")]:
        key = pk[len("prior_"):]
        printed = val(row, pk)
        if printed is None:
            continue
        metric = _THREE_PUBLIC_METRIC.get(key)
        if key == "total" and "three_public" not in keys:
            metric = "three_public_total"
        if metric is None:
            continue
        figs = figures_for(prev, metric)
        if not figs or any(abs(f.value - printed) <= tolerance(1) for f in figs):
            continue
        f = figs[0]
        yield _finding(ctx, t, row, pk, printed, prev, f.table, f.row, f.value, f"“{col_label(f.table, f.key)}”列")


def _not_listed(ctx: Context, t: Table, row: Row, printed: Decimal, prev: Disclosure):
    """A code whose prior-year amount is printed, absent from last year's table."""
    pt = prev.tables_of(t.role)[0]
    return ctx.finding(
        (f"{doc_name(ctx.d, t.file)} {where(t, row)}“{row_label(row)}”列上年数"
         f"{fmt(printed)}万元，但{doc_name(prev, pt.file)} {where(pt)}未列该科目。"),
        table=t, row=row, actual=printed,
        related=[{"table": pt.kind, "table_id": pt.id, "page": pt.pages[0] if pt.pages else None,
                  "file": pt.file, "year": prev.year}])


def _function_row(ctx: Context, t: Table, row: Row, prev: Disclosure):
    printed = val(row, "prior_total")
    if printed is None or not (row.code or row.is_total):
        return None
    got = prior_function_row(prev, t.role, row.code) if row.code else prior_total(prev, t.role)
    if got is None:
        if row.code and printed != 0 and prev.tables_of(t.role):
            return _not_listed(ctx, t, row, printed, prev)
        return None
    pt, prow = got
    published = prow.amounts["total"]
    if abs(printed - published) > tolerance(1):
        return _finding(ctx, t, row, "prior_total", printed, prev, pt, prow, published, "")
    return None


def _procurement(ctx: Context, t: Table, prev: Disclosure):
    rows = totals_of(t)
    printed = val(rows[0], "prior_total") if rows else None
    got = prior_total(prev, "procurement")
    if printed is None or got is None:
        return None
    pt, prow = got
    published = prow.amounts["total"]
    if abs(printed - published) > tolerance(1):
        return _finding(ctx, t, rows[0], "prior_total", printed, prev, pt, prow, published, "")
    return None


def _prior_columns(ctx: Context, prev: Disclosure):
    for t in ctx.d.tables:
        keys = t.column_keys()
        if not any(k.startswith("prior_") for k in keys):
            continue
        if t.role == "three_public":
            yield from _three_public(ctx, t, prev)
        elif t.role in FUNCTION_KINDS and "prior_total" in keys:
            for row in t.rows:
                f = _function_row(ctx, t, row, prev)
                if f is not None:
                    yield f
        elif t.role == "procurement" and "prior_total" in keys:
            f = _procurement(ctx, t, prev)
            if f is not None:
                yield f


def _last_year_claims(d: Disclosure, prev: Disclosure) -> dict:
    """(metric, folded class name, last year's amount) -> the claims that state it: by a change
    (this year − change), or dated last year."""
    seen: dict = {}
    for c in change_claims(d):
        last = implied_prior(c)
        if last is None:
            continue
        key = (c.metric, fold(c.subject) if c.metric.startswith("expenditure_by") else "", last)
        seen.setdefault(key, []).append(c)
    for c in d.claims:
        if c.year is not None and c.year == prev.year and c.value is not None and c.unit == "万元":
            key = (c.metric, fold(c.subject) if c.metric.startswith("expenditure_by") else "", c.value)
            seen.setdefault(key, []).append(c)
    return seen


def _narrative(ctx: Context, prev: Disclosure):
    d = ctx.d
    for (metric, _, last), claims in _last_year_claims(d, prev).items():
        c = claims[0]
        figs = figures_for(prev, metric, c.subject)
        if not figs or any(abs(f.value - last) <= tolerance(2) for f in figs):
            continue
        f = figs[0]
        pages = "、".join(str(p) for p in sorted({x.page for x in claims}))
        if c.year == prev.year:
            stated = f"称{prev.year}年“{c.subject}”为{fmt(c.value)}万元（“{claim_text(c)}”）"
        else:
            stated = (f"称“{c.subject}”{fmt(c.value)}万元，{describe_change(c)}（“{claim_text(c)}”），"
                      f"即上年数为{fmt(last)}万元")
        yield ctx.finding(
            (f"{doc_name(d, c.file)} 说明第{pages}页{stated}；而{doc_name(prev, f.table.file)} "
             f"{f.describe()}，相差{fmt(last - f.value)}万元。"),
            table="narrative", file=c.file, page=c.page, item=c.subject, code=f.row.code, expected=f.value,
            actual=last, difference=last - f.value,
            related=[{"table": g.table.kind, "table_id": g.table.id, "page": g.row.page, "file": g.table.file,
                      "year": prev.year} for g in figs[:3]])


@check("across_documents.prior_year_restated", "warning",
       "本年公开所列上年数与上年公开一致", "Prior-year figures agree with last year's disclosure",
       "部门预算公开表与说明中的“上年预算数”应与上年公开的预算数一致；不一致时应说明调整原因"
       "（《地方预决算公开操作规程》：预算公开应对比上年说明增减变化）。")
def prior_year_restated(ctx: Context):
    prev = previous_disclosure(ctx)
    if prev is None:
        return
    yield from _prior_columns(ctx, prev)
    yield from _narrative(ctx, prev)
