"""A printed total against the sum of its printed parts: the finding when they differ."""
from __future__ import annotations

from typing import Optional

from ...model import Row, Table
from ..base import Context, Finding, tolerance
from .amounts import D0, INFERRED_NOTE, amount_keys, fmt, inferred, val
from .places import col_label, pages_note, place, related, row_label


def sum_message(t: Table, whole: Row, parts: list, key: str, what: str, actual, expected, diff,
                label: Optional[str] = None, show_column: bool = True) -> str:
    col = f" {col_label(t, key)}" if show_column else ""
    shown = "印为空白（未印数字）" if key in whole.blank and actual == 0 else f"{fmt(actual)} 万元"
    return (f"{place(t, whole)} {label or row_label(whole)}{col} {shown}，{what}（{len(parts)} 行）合计 "
            f"{fmt(expected)} 万元{pages_note(whole.page, parts)}，相差 {fmt(diff)} 万元")


def sum_finding(ctx: Context, t: Table, whole: Row, parts: list, key: str, what: str,
                extra_rows: Optional[list] = None, label: Optional[str] = None,
                show_column: Optional[bool] = None) -> Optional[Finding]:
    """A finding when ``whole[key]`` differs from the sum of ``parts[key]`` beyond rounding, else
    None. ``what`` names the parts (其下各款, 各类 …); ``extra_rows`` are rows that may have lost
    their code and are accepted into the sum; ``label`` names the whole where its row does not."""
    actual = val(whole, key)
    if actual is None or not parts:
        return None
    vals = [val(p, key) for p in parts]
    if any(v is None for v in vals):
        return None
    expected = sum(vals, D0)
    diff = actual - expected
    if abs(diff) <= tolerance(len(parts), t):
        return None
    if extra_rows:
        ev = [val(p, key) for p in extra_rows]
        if all(v is not None for v in ev) and abs(actual - expected - sum(ev, D0)) <= tolerance(len(parts) + len(ev), t):
            return None
    if show_column is None:
        show_column = len(amount_keys(t)) > 1 and col_label(t, key) != row_label(whole)
    guess = inferred(whole, *parts)
    msg = sum_message(t, whole, parts, key, what, actual, expected, diff, label, show_column)
    if guess:
        msg += INFERRED_NOTE
    return ctx.finding(msg, table=t, row=whole, column=key, severity="warning" if guess else "error",
                       item=label or "", expected=expected, actual=actual, difference=diff,
                       related=[related(t, p, key, val(p, key)) for p in parts])
