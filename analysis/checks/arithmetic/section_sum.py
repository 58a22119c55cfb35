"""``arithmetic.section_sum``: the items of each side of a 收支总表 add up to its totals, and the
groups of a 收入总表 to their 小计."""
from __future__ import annotations

from typing import Optional

from ...model import Row, Table
from ...vocab import TWO_SIDED
from ..base import Context, check
from ..common.amounts import amount_keys, has
from ..common.places import col_label, row_label
from ..common.rows import SIDES, Side, first_total, is_sub_item
from ..common.sums import sum_finding


def _check_sum(ctx: Context, t: Table, whole: Row, parts: list, key: str, what: str,
               label: Optional[str] = None):
    """Column parts and section sums: the column is named unless it is the total."""
    show = key != "total" and col_label(t, key) != (label or row_label(whole))
    return sum_finding(ctx, t, whole, parts, key, what, label=label, show_column=show)


def _side_keys(rows: list) -> list:
    keys = []
    for r in rows:
        for k in list(r.amounts) + list(r.placeholders) + list(r.unreadable):
            if k not in keys:
                keys.append(k)
    return keys or ["total"]


def _sums(ctx: Context, t: Table, whole: Row, parts: list, keys: list, what: str):
    """``whole`` against the sum of ``parts`` in each column ``whole`` prints."""
    for key in keys:
        if not has(whole, key):
            continue
        f = _check_sum(ctx, t, whole, [r for r in parts if has(r, key)], key, what)
        if f:
            yield f


def _section_word(side: str, section: str) -> str:
    if section == "expenditure_purpose":
        return "各支出用途"
    return "各收入项目" if side == "income" else "各支出功能分类"


def _side(ctx: Context, t: Table, s: Side):
    keys = _side_keys(s.rows)
    # a top-level row equals the sum of its （一）/1. sub-rows
    for top, subs in s.groups():
        yield from _sums(ctx, t, top, subs, keys, "其下各分项")
    target = s.current or s.grand
    if target is not None:
        for sec in [sec for sec in SIDES[s.side] if any(r.section == sec for r in s.rows)]:
            items = s.items(sec)
            if items:
                yield from _sums(ctx, t, target, items, keys, _section_word(s.side, sec))
    if s.current is not None and s.grand is not None:
        parts = [s.current] + s.after_current()
        f = _check_sum(ctx, t, s.grand, parts, "total", f"{row_label(s.current)}与其后各行")
        if f:
            yield f


def _income_groups(ctx: Context, t: Table):
    """收入总表: groups (一般公共预算资金 / 政府性基金 / …) with a 小计 row, and the 合计 row."""
    groups: dict = {}
    for r in t.rows:
        if r.section and not r.is_total:
            groups.setdefault(r.section, []).append(r)
    subtotals = []
    for name, rows in groups.items():
        sub = next((r for r in rows if "subtotal" in r.flags), None)
        parts = [r for r in rows if r is not sub and "subtotal" not in r.flags and not is_sub_item(r)]
        if sub is None:
            continue
        subtotals.append(sub)
        for key in amount_keys(t):
            f = _check_sum(ctx, t, sub, parts, key, f"“{name}”各项", label=f"{name} 小计")
            if f:
                yield f
    total = first_total(t)
    if total is None or not subtotals or len(subtotals) != len(groups):
        return
    if any(not r.section and not r.is_total and any(r.amounts.values()) for r in t.rows):
        return
    for key in amount_keys(t):
        f = _check_sum(ctx, t, total, subtotals, key, "各分组小计")
        if f:
            yield f


@check("arithmetic.section_sum", "error",
       "收支总表各项之和等于合计", "Items of each side add up to its totals",
       "收支总表中各收入项目之和应等于本年收入合计，各支出功能分类（或支出用途）之和应等于本年支出合计，"
       "本年合计加上年结转（结转下年）应等于总计；收入总表各来源分组之和应等于小计与总计"
       "（财政部《地方预决算公开操作规程》财预〔2016〕143号 所附公开表样）。")
def section_sum(ctx: Context):
    for t in ctx.tables(*TWO_SIDED):
        for side in ("income", "expenditure"):
            s = Side(t, side)
            if s.rows:
                yield from _side(ctx, t, s)
    for t in ctx.tables("department_income"):
        yield from _income_groups(ctx, t)
