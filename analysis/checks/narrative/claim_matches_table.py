"""``narrative.claim_matches_table``: every numeric claim is looked up among the table figures it
names (totals, basic/project, 三公 items, 机关运行经费, 政府采购, function and economic classes by
name, personnel/public, 会议费/培训费: ``common.lookup.figures_for``). A claim no table figure
equals is an error; claims no table can confirm are listed once (info)."""
from __future__ import annotations

import re
from decimal import Decimal

from ...model import Claim, Disclosure
from ...vocab import BUDGET_BASES, keyword_rules, metric_unit, metric_zh
from ..base import Context, check
from ..common.amounts import claim_tolerance, fmt, val
from ..common.claims import about_budget_year
from ..common.lookup import TableFigure, figures_for, inferred_note
from ..common.text import claim_text, compact


def basis_note(c: Claim, f: TableFigure) -> str:
    """A note when a 决算 narrative's budget amount is compared with a budget column whose
    header does not say it is the same budget (年初 vs 全年): the two may differ by design."""
    if c.basis not in BUDGET_BASES or not f.key.startswith("budget_"):
        return ""
    header = compact(f.table.label_of(f.key) or "")
    said = dict(keyword_rules("budget_column")).get(c.basis)
    if said is not None and said.search(header):
        return ""
    return "（表中该列未注明是年初预算还是全年预算，口径可能不同，请对照原文核实）"


def definition_note(c: Claim, figs: list) -> str:
    """A note when every figure a claim is compared with is summed from economic classes (公用经费
    as 302, 人员经费 as 301+303): the narrative may define the amount otherwise (在职人员经费 without
    离退休, 公用经费 with 资本性支出 …), so a difference is a question, not an error."""
    if not figs or not all(re.fullmatch(r"\d{3}(?:\+\d{3})*", f.derived or "") for f in figs):
        return ""
    classes = "、".join(dict.fromkeys(f.derived for f in figs))
    return (f"（表中未印“{metric_zh(c.metric)}”合计，此数按经济分类{classes}类合计推算；"
            f"说明所称“{c.subject or metric_zh(c.metric)}”的口径可能与此不同，请对照原文核实）")


def claim_figures(d: Disclosure, c: Claim) -> list:
    """The table figures a claim is compared with. In a 决算 a budget amount ("年初预算为X")
    is compared with the budget column of the same row (``budget_<key>``), and with nothing
    when the table prints no budget column: the final amount is another figure."""
    figs = figures_for(d, c.metric, c.subject, c)
    if d.kind != "final" or c.basis not in BUDGET_BASES:
        return figs
    out = []
    for f in figs:
        key = f"budget_{f.key}"
        if key in f.table.column_keys():
            v = val(f.row, key)
            if v is not None:
                out.append(TableFigure(v, f.table, f.row, key, f.what, f.derived))
    return out


def _compared(d: Disclosure) -> list:
    """The claims to compare: stated values about the budget year (not shares or rates: no
    table prints them), each once."""
    out, seen = [], set()
    for c in d.claims:
        if metric_unit(c.metric) == "%" or c.value is None or not about_budget_year(d, c):
            continue
        key = (c.metric, c.subject, c.value, c.page)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _project_count(ctx: Context, c: Claim):
    """A count of projects under performance management against the project target tables:
    (finding or None, whether the tables could tell)."""
    n = sum(1 for p in ctx.d.performance if p.kind == "project")
    if not n:
        return None, False
    if Decimal(n) == c.value:
        return None, True
    return ctx.finding(
        (f"说明第{c.page}页称{c.value}个项目实行绩效目标管理（“{claim_text(c)}”），"
         f"但公开了{n}张项目绩效目标表。"),
        table="narrative", severity="error", file=c.file, page=c.page, item=metric_zh(c.metric),
        expected=Decimal(n), actual=c.value, difference=c.value - n), True


def _against_tables(ctx: Context, c: Claim, figs: list):
    """A claim that no figure of the tables that state it equals."""
    if any(abs(f.value - c.value) <= claim_tolerance(c.value) for f in figs):
        return None
    f = figs[0]
    others = "；".join(g.describe() for g in figs[1:3])
    inferred = inferred_note(f) or basis_note(c, f) or definition_note(c, figs)
    return ctx.finding(
        (f"说明第{c.page}页称“{c.subject}”{fmt(c.value)}万元（“{claim_text(c)}”），"
         f"而{f.describe()}，相差{fmt(c.value - f.value)}万元" + (f"（另：{others}）" if others else "") + "。" + inferred),
        table="narrative", severity="warning" if inferred else "error", table_id=f.table.id, file=c.file,
        page=c.page, item=c.subject or metric_zh(c.metric), code=f.row.code,
        expected=f.value, actual=c.value, difference=c.value - f.value,
        related=[{"table": g.table.kind, "table_id": g.table.id, "page": g.row.page} for g in figs[:3]])


def _unmatched(ctx: Context, claims: list):
    listed = "；".join(f"“{c.subject or metric_zh(c.metric)}”{fmt(c.value, 0 if c.unit != '万元' else 2)}{c.unit}"
                      f"（第{c.page}页）" for c in claims[:20])
    more = f"等{len(claims)}项" if len(claims) > 20 else f"共{len(claims)}项"
    return ctx.finding(f"说明中以下数字在公开表格中没有可比对的数（无法核对）：{listed}，{more}。",
                       table="narrative", severity="info", file=claims[0].file, page=claims[0].page,
                       item="无表可比的说明数字")


@check("narrative.claim_matches_table", "error",
       "说明中的数字与表中数字一致", "Narrative figures match the tables",
       "部门预算公开情况说明须对公开表格作出说明（财预〔2016〕143号《地方预决算公开操作规程》）："
       "说明中的每一个金额应能在对应表格中找到相同的数。")
def claim_matches_table(ctx: Context):
    unmatched: list = []
    for c in _compared(ctx.d):
        if c.unit != "万元":
            f, told = _project_count(ctx, c) if c.metric == "performance_projects" else (None, False)
            if f is not None:
                yield f
            if not told:
                unmatched.append(c)
            continue
        figs = claim_figures(ctx.d, c)
        if not figs:
            unmatched.append(c)
            continue
        f = _against_tables(ctx, c, figs)
        if f is not None:
            yield f
    if unmatched:
        yield _unmatched(ctx, unmatched)
