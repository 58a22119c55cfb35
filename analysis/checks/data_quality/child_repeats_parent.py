"""``data_quality.child_repeats_parent``: a single child row carries exactly its parent's amount
while siblings with amounts exist (a copied figure)."""
from __future__ import annotations

from ...model import Row, Table
from ...vocab import CODED_KINDS
from ..base import Context, check
from ..common.amounts import D0, fmt, val
from ..common.places import place, related, row_label
from ..common.rows import children_of, coded_rows


def _copies(ctx: Context, t: Table, parent: Row, kids: list):
    pv = val(parent, "total")
    if pv is None or pv == 0:
        return
    for k in kids:
        if val(k, "total") != pv:
            continue
        siblings = [s for s in kids if s is not k and (val(s, "total") or D0) != 0]
        if not siblings:
            continue
        yield ctx.finding(f"{place(t, k)} {row_label(k)} {fmt(pv)} 万元，与上级科目 {row_label(parent)} "
                          f"的金额完全相同，而同级还有 {len(siblings)} 个科目有金额，疑似照抄上级金额",
                          table=t, row=k, actual=pv, related=[related(t, parent, "total", pv)])


@check("data_quality.child_repeats_parent", "info",
       "下级科目照抄上级科目金额", "A child row repeats its parent's amount",
       "当上级科目下有多个有金额的下级科目时，某一下级科目金额恰好等于上级合计，通常是误抄了上级金额。"
       "功能分类、经济分类逐级汇总规则见《政府收支分类科目》。")
def child_repeats_parent(ctx: Context):
    for t in ctx.tables(*CODED_KINDS):
        rows = coded_rows(t)
        for parent in rows:
            if len(parent.code) not in (3, 5):
                continue
            kids = children_of(rows, parent)
            if len(kids) >= 2:
                yield from _copies(ctx, t, parent, kids)
