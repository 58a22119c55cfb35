"""``arithmetic.children_sum``: a 类 equals the sum of its 款, a 款 the sum of its 项 (by code
prefix), and the 合计 row the sum of the 类 rows, in every amount column of every coded table."""
from __future__ import annotations

from ...model import Row, Table
from ...vocab import CODE_LEVEL_ZH, CODED_KINDS
from ..base import Context, check, tolerance
from ..common.amounts import D0, amount_keys, val
from ..common.rows import children_of, coded_rows, first_total
from ..common.sums import sum_finding


def _explained_by_a_child(rows: list, parent: Row, kids: list, key: str, t: Table) -> bool:
    """The parent agrees with its children once each child that disagrees with its own children
    is replaced by their sum: the error is the child's, reported at the child, not here."""
    total = D0
    replaced = False
    for k in kids:
        v = val(k, key)
        grand = children_of(rows, k)
        gv = [val(g, key) for g in grand]
        if v is None or any(x is None for x in gv):
            return False
        if grand and abs(v - sum(gv, D0)) > tolerance(len(gv), t):
            v, replaced = sum(gv, D0), True
        total += v
    pv = val(parent, key)
    return replaced and pv is not None and abs(pv - total) <= tolerance(len(kids), t)


def _parents(ctx: Context, t: Table, rows: list):
    """Each 类 and 款 against its children, column by column."""
    keys = amount_keys(t)
    for parent in rows:
        if len(parent.code) not in (3, 5):
            continue
        kids = children_of(rows, parent)
        if not kids:
            continue
        what = f"其下各{CODE_LEVEL_ZH.get(len(parent.code) + 2, '下级科目')}"
        for key in keys:
            if _explained_by_a_child(rows, parent, kids, key, t):
                continue
            f = sum_finding(ctx, t, parent, kids, key, what)
            if f:
                yield f


def _total_row(ctx: Context, t: Table, rows: list):
    """The 合计 row against the 类 rows."""
    total = first_total(t)
    classes = [r for r in rows if len(r.code) == 3]
    if total is None or not classes:
        return
    # rows without a code that carry amounts may be class rows whose code was not read
    loose = [r for r in t.rows if not r.code and not r.is_total and "subtotal" not in r.flags
             and any(v for v in r.amounts.values())]
    for key in amount_keys(t):
        f = sum_finding(ctx, t, total, classes, key, "各类", extra_rows=loose)
        if f:
            yield f


@check("arithmetic.children_sum", "error",
       "上级科目金额等于下级科目之和", "Parent rows equal the sum of their children",
       "功能分类按类、款、项，经济分类按类、款逐级汇总（《政府收支分类科目》；中华人民共和国预算法 第三十二条、"
       "第四十六条：预算按功能和经济性质分类编列），表中每一上级科目的金额应等于其下级科目金额之和，"
       "合计行应等于各类之和。")
def children_sum(ctx: Context):
    for t in ctx.tables(*CODED_KINDS):
        rows = coded_rows(t)
        if not rows:
            continue
        yield from _parents(ctx, t, rows)
        yield from _total_row(ctx, t, rows)
