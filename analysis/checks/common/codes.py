"""Classification codes printed in the coded tables: function (2xx…) or economic (3xx/5xx…)."""
from __future__ import annotations

import re
from typing import Optional

from ...model import Table
from ...vocab import ECONOMIC_KINDS, FUNCTION_KINDS
from ..base import Context

_FUNCTION_CODE = re.compile(r"^2\d{2}(?:\d{2}){0,2}$")
_ECONOMIC_CODE = re.compile(r"^[35]\d{2}(?:\d{2})?$")


def code_kind(t: Table, code: str) -> Optional[str]:
    """'function' / 'economic' for a code printed in table ``t`` (None when the code has
    neither shape, e.g. a department code in the 三公 table)."""
    if t.role in FUNCTION_KINDS and _FUNCTION_CODE.match(code):
        return "function"
    if t.role in ECONOMIC_KINDS and _ECONOMIC_CODE.match(code):
        return "economic"
    return None


def classified_rows(ctx: Context):
    """(table, row, 'function' | 'economic') for every coded row of the coded tables."""
    for t in ctx.tables(*FUNCTION_KINDS, *ECONOMIC_KINDS):
        for r in t.rows:
            if r.code:
                kind = code_kind(t, r.code)
                if kind:
                    yield t, r, kind


def parent_code(code: str, kind: str) -> Optional[str]:
    """The code one level up: 项 -> 款 -> 类 (function), 款 -> 类 (economic)."""
    if kind == "function":
        return {7: code[:5], 5: code[:3]}.get(len(code))
    return code[:3] if len(code) == 5 else None
