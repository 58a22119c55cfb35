"""Which tables a check reads."""
from __future__ import annotations

from ...vocab import PERFORMANCE_KINDS
from ..base import Context


def amount_tables(ctx: Context) -> list:
    """The tables of amounts (performance-target tables left out)."""
    return [t for t in ctx.tables() if t.kind not in PERFORMANCE_KINDS]
