"""``narrative.change_recomputed``: a year-on-year change the narrative states is recomputed from
the prior-year amount the narrative itself states ("上年执行数X万元，本年安排Y万元", "（上年预算数为0
万元）"), else from the prior-year column the tables print (function tables ``prior_total``, 三公
``prior_*``), else from its own amounts (its percentage), else from the previous year's disclosure
of the same department when the batch holds it (the finding says which source). A change measured
against last year's 执行数 (``Claim.change_base``) is never recomputed from a column or a disclosure
of last year's budget."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ...model import Claim, Disclosure
from ...vocab import CHANGE_ZH, metric_zh
from ..base import Context, check, tolerance
from ..common.amounts import claim_tolerance, fmt
from ..common.claims import change_claims, describe_change, direction_of, pct_matches, signed_change
from ..common.lookup import TableFigure, figures_for, inferred_note, previous_disclosure
from ..common.places import col_label, doc_name, row_label, where
from ..common.text import claim_text

CENT = Decimal("0.01")
EXECUTED_WORDS = ("执行", "决算")


def recompute(c: Claim, cur: Decimal, prior: Decimal) -> Optional[str]:
    """What is wrong with claim ``c`` when last year's amount was ``prior`` and this year's
    ``cur``: "direction", "amount", "pct" or None."""
    delta = cur - prior
    claimed = signed_change(c)
    tol = tolerance(2)
    got = direction_of(delta, tol)
    if c.change and got != c.change:
        return "direction"
    if claimed is not None and abs(claimed - delta) > tol:
        return "amount"
    if c.change_pct is not None and prior != 0 and not pct_matches(c.change_pct, delta / prior * 100):
        return "pct"
    return None


def _current_figure(d: Disclosure, c: Claim) -> Optional[TableFigure]:
    """The table figure the claim states: the one equal to it, else the first the
    claim names that prints a prior-year amount (its current amount is then checked by
    ``claim_matches_table``)."""
    figs = figures_for(d, c.metric, c.subject, c)
    tol = claim_tolerance(c.value) if c.value is not None else tolerance(1)
    for f in figs:
        if c.value is None or abs(f.value - c.value) <= tol:
            if f.prior is not None:
                return f
    return next((f for f in figs if f.prior is not None), None)


def _against(ctx: Context, c: Claim, cur: Decimal, prior: Decimal, source: str, severity: str, base: dict):
    """The finding for claim ``c`` recomputed as ``cur − prior`` (``source`` says where ``prior``
    was read), or None when the claim agrees."""
    problem = recompute(c, cur, prior)
    if problem is None:
        return None
    delta = cur - prior
    claimed = signed_change(c)
    head = (f"说明第{c.page}页称“{c.subject}”{fmt(c.value)}万元，{describe_change(c)}（“{claim_text(c)}”）"
            f"；按{source}{fmt(prior)}万元计算，")
    if problem == "direction":
        got = direction_of(delta, tolerance(2))
        return ctx.finding(
            (f"{head}本年{fmt(cur)}万元应为{CHANGE_ZH[got]}{'' if got == 'flat' else fmt(abs(delta)) + '万元'}，"
             f"增减方向与说明不符。"),
            severity=severity, **base, expected=delta, actual=claimed,
            difference=None if claimed is None else claimed - delta)
    if problem == "amount":
        return ctx.finding(
            (f"{head}变动额应为{fmt(delta)}万元（{fmt(cur)}−{fmt(prior)}），说明为{fmt(claimed)}万元，"
             f"相差{fmt(claimed - delta)}万元。"),
            severity=severity, **base, expected=delta, actual=claimed, difference=claimed - delta)
    exact = delta / prior * 100
    return ctx.finding(
        (f"{head}变动率应为{fmt(delta)}÷{fmt(prior)}={exact.quantize(CENT)}%，说明为{fmt(c.change_pct, 0)}%。"),
        severity=severity, **base, expected=exact.quantize(CENT), actual=c.change_pct,
        difference=abs(c.change_pct) - abs(exact).quantize(CENT))


def _same_base(c: Claim, fig: TableFigure) -> bool:
    """The prior-year column measures what the claim's change is measured against: a change against
    last year's 执行数 only a column of 执行数 / 决算数."""
    if c.change_base != "executed":
        return True
    return any(w in col_label(fig.table, fig.prior_key) for w in EXECUTED_WORDS)


def _from_stated_prior(ctx: Context, c: Claim, base: dict):
    """0. the prior-year amount the narrative states beside the claim."""
    what = "上年执行数" if c.change_base == "executed" else "上年数"
    return _against(ctx, c, c.value, c.prior_value, f"说明所列{what}", "error", base)


def _from_prior_column(ctx: Context, c: Claim, fig: TableFigure, base: dict):
    """1. the prior-year column of the table row that states the figure."""
    source = (f"{where(fig.table, fig.row)}“{row_label(fig.row) or '合计'}”行"
              f"“{col_label(fig.table, fig.prior_key)}”列上年数")
    base = dict(base, table_id=fig.table.id, code=fig.row.code,
                related=[{"table": fig.table.kind, "table_id": fig.table.id, "page": fig.row.page}])
    note = inferred_note(fig) or ("（该行各数所属的列系解析时按位置推断，请对照原文核实）"
                                  if "columns_inferred" in fig.row.flags else "")
    f = _against(ctx, c, c.value, fig.prior, source, "warning" if note else "error", base)
    if f is not None:
        f.message += note
    return f


def _own_percentage(ctx: Context, c: Claim, base: dict):
    """2. the claim's own percentage against its own amounts (a finding when they disagree)."""
    ch = signed_change(c)
    if c.change_pct is None or ch is None or c.change == "flat":
        return None
    base_amount = c.value - ch
    if base_amount == 0:
        return None
    exact = ch / base_amount * 100
    if pct_matches(c.change_pct, exact):
        return None
    return ctx.finding(
        (f"说明第{c.page}页称“{c.subject}”{fmt(c.value)}万元，{describe_change(c)}"
         f"（“{claim_text(c)}”）；由其本身推得上年数{fmt(base_amount)}万元，"
         f"变动率应为{fmt(ch)}÷{fmt(base_amount)}={exact.quantize(CENT)}%，与所称{fmt(c.change_pct, 0)}%不符。"),
        severity="error", **base, expected=exact.quantize(CENT), actual=c.change_pct,
        difference=abs(c.change_pct) - abs(exact).quantize(CENT))


def _from_last_year(ctx: Context, c: Claim, prev: Disclosure, base: dict):
    """3. the previous year's disclosure in the batch."""
    figs = figures_for(prev, c.metric, c.subject)
    if not figs or any(recompute(c, c.value, f.value) is None for f in figs):
        return None
    pf = figs[0]
    source = f"上年公开文件 {doc_name(prev, pf.table.file)} {where(pf.table, pf.row)}“{row_label(pf.row) or '合计'}”"
    base = dict(base, related=[{"table": g.table.kind, "table_id": g.table.id, "page": g.row.page,
                                "file": g.table.file, "year": prev.year} for g in figs[:3]])
    return _against(ctx, c, c.value, pf.value, source, "warning", base)


@check("narrative.change_recomputed", "error",
       "说明中的增减额与增减率可由表中上年数重算", "Year-on-year changes recompute from prior-year figures",
       "说明对预算增减变化的表述应与表中本年数、上年数一致（《地方预决算公开操作规程》要求对"
       "增减变化作出说明）：增减额 = 本年数 − 上年数，增减率 = 增减额 ÷ 上年数。")
def change_recomputed(ctx: Context):
    d = ctx.d
    prev, prev_looked = None, False
    for c in change_claims(d):
        if c.value is None:
            continue
        base = dict(table="narrative", file=c.file, page=c.page, item=c.subject or metric_zh(c.metric))
        fig = _current_figure(d, c)
        if c.prior_value is not None:
            f = _from_stated_prior(ctx, c, base)
        elif fig is not None and _same_base(c, fig):
            f = _from_prior_column(ctx, c, fig, base)
        else:
            f = _own_percentage(ctx, c, base)
            if f is None and c.change_base != "executed":
                if not prev_looked:
                    prev, prev_looked = previous_disclosure(ctx), True
                f = _from_last_year(ctx, c, prev, base) if prev is not None else None
        if f is not None:
            yield f
