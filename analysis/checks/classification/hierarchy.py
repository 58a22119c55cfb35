"""``classification.hierarchy``: a 7-digit 项 sits under its 5-digit 款, which sits under its 3-digit
类 (economic: a 5-digit 款 under its 3-digit 类), in the same table."""
from __future__ import annotations

from ...model import Row, Table
from ...vocab import ECONOMIC_KINDS, FUNCTION_KINDS
from ..base import Context, check
from ..common.codes import code_kind, parent_code
from ..common.places import where


def _row_of(rows: list, code: str) -> Row:
    return next(r for r in rows if r.code == code)


def _unlabelled_parents(t: Table, rows: list, kind: str) -> set:
    """Parents the parser could not label: an uncoded, unnamed row right before a child."""
    previous = {id(b): a for a, b in zip(t.rows, t.rows[1:])}
    out: set = set()
    for r in rows:
        p = parent_code(r.code, kind)
        a = previous.get(id(r))
        if p and a is not None and not a.code and not a.is_total and not (a.name or "").strip():
            out.add(p)
    return out


def _misplaced(ctx: Context, t: Table, rows: list, r: Row, parent: str, above):
    under = f"却列在“{above.code} {above.name}”之下" if above is not None else "却列在其前面"
    p = _row_of(rows, parent)
    return ctx.finding(
        f"{where(t, r)}科目“{r.code} {r.name}”的上级科目为{parent}（表中第{p.page}页“{p.name}”），{under}。",
        table=t, row=r, severity="error")


def _table(ctx: Context, t: Table, rows: list):
    kind = code_kind(t, rows[0].code)
    printed = {r.code for r in rows}
    lengths = {len(c) for c in printed}
    unlabelled = _unlabelled_parents(t, rows, kind)
    last_at: dict = {}     # code length -> last row of that length seen
    for r in rows:
        parent = parent_code(r.code, kind)
        if parent is not None:
            above = last_at.get(len(parent))
            if parent in printed and (above is None or above.code != parent):
                yield _misplaced(ctx, t, rows, r, parent, above)
            elif parent not in printed and len(parent) in lengths and parent not in unlabelled:
                yield ctx.finding(
                    (f"{where(t, r)}科目“{r.code} {r.name}”的上级科目{parent}未在本表列示"
                     f"（本表列有同级的其他上级科目）。"),
                    table=t, row=r)
        last_at[len(r.code)] = r
        for n in list(last_at):
            if n > len(r.code):
                del last_at[n]


@check("classification.hierarchy", "warning",
       "下级科目列在其上级科目之下", "A child code sits under its parent",
       "功能分类按类（3位）、款（5位）、项（7位）逐级列示，经济分类按类（3位）、款（5位）列示："
       "下级科目应紧随其所属的上级科目列出。")
def hierarchy(ctx: Context):
    for t in ctx.tables(*FUNCTION_KINDS, *ECONOMIC_KINDS):
        rows = [r for r in t.rows if r.code and code_kind(t, r.code)]
        if rows:
            yield from _table(ctx, t, rows)
