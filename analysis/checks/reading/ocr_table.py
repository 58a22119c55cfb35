"""``reading.ocr_table``: a table read by OCR from a scanned page.

Every such table is named (``info``), with the recogniser's lowest confidence in its amounts, so
that a reader knows its figures come from a recognised image. When its own arithmetic fails (parts
that do not add up to their totals) the likeliest cause is a misrecognised digit, not the
disclosure: the finding is then a ``warning`` naming the rows, and the review of the findings
(``analysis.checks.review``) withholds the table's arithmetic findings and makes cross-table errors
that compare one of its places warnings."""
from __future__ import annotations

from ..base import REGISTRY, Context, check
from ..common.places import place
from ..common.rules import READING

ARITHMETIC = "arithmetic."   # the checks whose failures in an OCR table are the recognition's


def ocr_tables(d) -> list:
    """The tables of ``d`` read by OCR."""
    return [t for t in d.tables if "ocr" in t.reading]


def failing(ctx: Context) -> dict:
    """table id -> the rows (page, code or item) of an OCR table on which an arithmetic check fails."""
    ids = {t.id for t in ocr_tables(ctx.source)}
    out: dict = {}
    if not ids:
        return out
    for cid in sorted(c for c in REGISTRY if c.startswith(ARITHMETIC)):
        for f in REGISTRY[cid].run(ctx):
            if f.table_id in ids and f.severity != "info":
                out.setdefault(f.table_id, set()).add((f.page, f.code or f.item))
    return out


def lowest_confidence(t):
    scores = [c for r in t.rows for c in r.recognised.values()]
    return min(scores) if scores else None


@check("reading.ocr_table", "info",
       "经文字识别（OCR）读取的表格", "A table read by OCR from a scanned page",
       READING + "扫描页上的表格由文字识别读取，金额可能有识别错误；按识别结果不能自洽的表格，其算术核对结果不作为披露的错误报告。")
def ocr_table(ctx: Context):
    bad = failing(ctx)
    for t in ocr_tables(ctx.source):
        low = lowest_confidence(t)
        score = f"，金额识别置信度最低 {low:.2f}" if low is not None else ""
        if "ocr_turned" in t.reading:
            score = "（扫描页横置或倒置，已转正后识别）" + score
        rows = bad.get(t.id)
        if rows:
            yield ctx.finding(f"{place(t)}印在扫描页上，由文字识别（OCR）读取{score}；按识别结果有 {len(rows)} 行不能自洽"
                              "（分项之和不等于合计），很可能是数字识别有误，而非披露本身的错误；该表的算术核对结果不作为错误报告，"
                              "请对照原件核实。", table=t, severity="warning")
        else:
            yield ctx.finding(f"{place(t)}印在扫描页上，由文字识别（OCR）读取{score}；按识别结果该表自洽，仍请对照原件核实。",
                              table=t)
