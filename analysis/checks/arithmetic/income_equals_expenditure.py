"""``arithmetic.income_equals_expenditure``: the two sides of a 收支总表 balance."""
from __future__ import annotations

from ...vocab import TWO_SIDED
from ..base import Context, check, tolerance
from ..common.amounts import INFERRED_NOTE, fmt, inferred, val
from ..common.places import place, related, row_label
from ..common.rows import Side


def _carried(side: Side) -> bool:
    """Money carried in (上年结转) or out (结转下年) printed between a side's 本年 total and its 总计."""
    return any(val(r, "total") for r in side.after_current())


@check("arithmetic.income_equals_expenditure", "error",
       "收支总表收入合计等于支出合计", "Income total equals expenditure total in summary tables",
       "部门预算收支平衡：收支总表、财政拨款收支总表的收入合计（总计）应等于支出合计（总计）"
       "（中华人民共和国预算法 第十二条：各级预算应当遵循统筹兼顾、勤俭节约、量力而行、讲求绩效和收支平衡的原则）。")
def income_equals_expenditure(ctx: Context):
    for t in ctx.tables(*TWO_SIDED):
        inc, exp = Side(t, "income"), Side(t, "expenditure")
        carried = _carried(inc) or _carried(exp)
        for a, b, what in ((inc.current, exp.current, "本年收支合计"), (inc.grand, exp.grand, "收支总计")):
            if a is None or b is None:
                continue
            if what == "本年收支合计" and (t.kind.startswith("final_") or carried):
                continue  # the year's income and spending differ by the balances carried in and out
            va, vb = val(a, "total"), val(b, "total")
            if va is None or vb is None:
                continue
            diff = vb - va
            if abs(diff) <= tolerance(1, t):
                continue
            guess = inferred(a, b)
            msg = (f"{place(t, a)} 收入方「{row_label(a)}」{fmt(va)} 万元，支出方「{row_label(b)}」{fmt(vb)} 万元"
                   f"{'' if b.page == a.page else f'（第{b.page}页）'}，{what}不平衡，相差 {fmt(diff)} 万元")
            if guess:
                msg += INFERRED_NOTE
            yield ctx.finding(msg, table=t, row=b, column="total", severity="warning" if guess else "error",
                              expected=va, actual=vb, difference=diff,
                              related=[related(t, a, "total", va)])
