"""``reading.low_confidence``: a table the reader could not read with confidence (its columns or rows
are uncertain): its figures are withheld from every other check, and this warning says so."""
from __future__ import annotations

from ...model import CONFIDENCE_THRESHOLD
from ..base import Context, check
from ..common.places import place
from ..common.rules import READING, reading_reasons


@check("reading.low_confidence", "warning",
       "本工具未能可靠识别的表格", "A table the tool could not read with confidence",
       READING + f"置信度低于 {CONFIDENCE_THRESHOLD:.2f} 的表格不参与金额核对。")
def low_confidence(ctx: Context):
    for t in ctx.source.tables:
        if t.readable or t.kind == "unknown":
            continue
        yield ctx.finding(f"本工具未能可靠识别{place(t)}（置信度 {t.confidence:.2f}：{reading_reasons(t.reading)}），"
                          "该表的数字未用于本报告的核对，请对照原表阅读。", table=t)
