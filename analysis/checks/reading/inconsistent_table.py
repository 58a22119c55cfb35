"""``reading.inconsistent_table``: a table whose own arithmetic fails on most of its rows under the
tool's reading.

When the parts of most rows do not add up to their totals (columns, or children by code), the
likeliest cause is the reading (a header taken for another, a column lost, rows of two tables
joined), not a document in which almost every printed total is wrong. The table is then one
reading problem: this warning, and its arithmetic and cross-table findings are withheld by the
review of the findings (``analysis.checks.review``)."""
from __future__ import annotations

from ..base import REGISTRY, Context, check
from ..common.places import place
from ..common.rules import READING

# the row checks whose failures, on most rows of one table, say the table was misread
ROW_CHECKS = ("arithmetic.children_sum", "arithmetic.column_parts")
MIN_ROWS = 3          # fewer failing rows than this are the document's own slips
MOST = 0.5            # the share of a table's rows with amounts that fail


def failing_rows(ctx: Context) -> dict:
    """table id -> the distinct rows (page, code or item) on which a row check reports an error."""
    out: dict = {}
    for cid in ROW_CHECKS:
        for f in REGISTRY[cid].run(ctx):
            if f.severity == "error" and f.table_id:
                out.setdefault(f.table_id, set()).add((f.page, f.code or f.item))
    return out


def inconsistent_tables(ctx: Context) -> dict:
    """table id -> (failing rows, rows with amounts) of the tables that fail on most rows."""
    rows = {t.id: sum(1 for r in t.rows if r.amounts) for t in ctx.d.tables}
    out = {}
    for tid, failing in failing_rows(ctx).items():
        n = rows.get(tid, 0)
        if len(failing) >= MIN_ROWS and len(failing) >= MOST * n:
            out[tid] = (len(failing), n)
    return out


@check("reading.inconsistent_table", "warning",
       "按本工具的读取，表格自身不能自洽", "Under the tool's reading, a table does not add up on most rows",
       READING + "一张表的大多数行按读取结果都不能自洽时，更可能是读取有误（表头、列或跨页行），而不是表中的数字大多印错；"
       "该表的算术和跨表核对结果不作为错误报告。")
def inconsistent_table(ctx: Context):
    tables = {t.id: t for t in ctx.d.tables}
    for tid, (failing, n) in sorted(inconsistent_tables(ctx).items()):
        t = tables[tid]
        yield ctx.finding(f"{place(t)}：按本工具的读取，该表 {n} 行有金额的行中有 {failing} 行不能自洽（分项之和不等于合计），"
                          "很可能是本工具读错了表头、列或跨页的行，而非披露本身的错误；该表的算术和跨表核对结果不作为错误报告，"
                          "请对照原表阅读。", table=t)
