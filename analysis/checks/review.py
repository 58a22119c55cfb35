"""The review of a disclosure's findings, after every check has run: findings as a researcher should
read them.

1. **Misread tables are one reading problem.** A table that ``reading.inconsistent_table`` finds
   failing on most of its rows, or a table read by OCR that fails its arithmetic on any row
   (``reading.ocr_table``: a misrecognised digit, not the disclosure), loses its arithmetic findings
   (that warning stands for them), and a cross-table finding that compares a place of such a table
   is a warning, not an error.
2. **Severity by printed precision.** An arithmetic or cross-table difference smaller than one unit
   of the last digit the document prints (a total printed without decimals that differs from its
   items by less than 1 元) is rounding: ``info``.
3. **One finding per problem.** Findings that cite the same printed cell (table, page, row and
   value) are merged into one, which names every check that saw it (``Finding.also``).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..vocab import SEVERITIES
from .base import Context, Finding, sort_findings
from .reading.inconsistent_table import inconsistent_tables
from .reading.ocr_table import failing as failing_ocr_tables

ROW_FAMILIES = ("arithmetic.",)
COMPARING = ("arithmetic.", "cross_table.")
ROUNDING_NOTE = "（差额小于所印数字最后一位的一个单位，属四舍五入尾差）"
MISREAD_NOTE = "（所比较的表按本工具的读取不能自洽，可能是读取问题，请对照原表核实）"


def printed_unit(v: Optional[Decimal]) -> Optional[Decimal]:
    """One unit of the last digit a figure is printed with (0.01 for 2,218.51 万元; 0.0001 for an
    amount printed in whole 元)."""
    if v is None or not v.is_finite():
        return None
    exp = v.as_tuple().exponent
    return Decimal(1).scaleb(exp) if isinstance(exp, int) else None


def _within_rounding(f: Finding) -> bool:
    if f.difference is None or not f.check.startswith(COMPARING):
        return False
    units = [u for u in (printed_unit(f.actual), printed_unit(f.expected)) if u is not None]
    return bool(units) and abs(f.difference) < max(units)


def _tables_of(f: Finding) -> set:
    return {f.table_id} | {r.get("table_id") for r in f.related if isinstance(r, dict)}


def _withhold_misread(findings: list, misread: set) -> list:
    out = []
    for f in findings:
        touched = _tables_of(f) & misread
        if touched and f.check.startswith(ROW_FAMILIES) and f.table_id in misread:
            continue
        if touched and f.check.startswith("cross_table.") and f.severity == "error":
            f.severity = "warning"
            f.message += MISREAD_NOTE
        out.append(f)
    return out


def _cell(f: Finding) -> Optional[tuple]:
    """The printed cell a finding is about: table, page, row, value."""
    if f.actual is None or not f.table_id or f.severity == "info":
        return None
    return (f.table_id, f.page, f.code or f.item, Decimal(f.actual))


def _cited(f: Finding) -> set:
    """The other printed cells a finding names (the places it compares its own with)."""
    out = set()
    for r in f.related:
        if isinstance(r, dict) and r.get("value") is not None and r.get("table_id"):
            out.add((r["table_id"], r.get("page"), r.get("code") or r.get("item"), Decimal(str(r["value"]))))
    return out


def _groups(findings: list) -> list:
    """Findings joined when the cell one is about is a cell another is about or compares; two
    findings of one check never join (two cells of one row are two printed problems)."""
    parent = list(range(len(findings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict = {}   # cell -> index of a finding that is about it or cites it
    for i, f in enumerate(findings):
        own = _cell(f)
        if own is None:
            continue
        for c in {own} | _cited(f):
            j = seen.setdefault(c, i)
            if j != i and findings[j].check != f.check and (c == own or c == _cell(findings[j])):
                parent[root(i)] = root(j)
    groups: dict = {}
    for i in range(len(findings)):
        groups.setdefault(root(i), []).append(findings[i])
    return list(groups.values())


def _primary(group: list) -> Finding:
    """The finding about the cell the others point at (the printed mistake), else the most severe."""
    order = {s: i for i, s in enumerate(SEVERITIES)}
    involved: dict = {}
    for f in group:
        for c in {_cell(f)} | _cited(f):
            involved[c] = involved.get(c, 0) + 1
    return min(group, key=lambda f: (-involved.get(_cell(f), 0), order.get(f.severity, 9), f.check))


def _merge_same_cell(findings: list) -> list:
    """One finding per printed problem: findings about one printed cell join the one that names it,
    which lists their checks in ``also``."""
    out = []
    for group in _groups(findings):
        if len(group) == 1:
            out.extend(group)
            continue
        first = _primary(group)
        first.also = sorted({f.check for f in group if f.check != first.check} | set(first.also))
        worst = min(group, key=lambda f: SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 9)
        first.severity = worst.severity
        out.append(first)
    return out


def review(ctx: Context, findings: list) -> list:
    misread = set(inconsistent_tables(ctx)) | set(failing_ocr_tables(ctx))
    findings = _withhold_misread(findings, misread)
    for f in findings:
        if f.severity != "info" and _within_rounding(f):
            f.severity = "info"
            f.message += ROUNDING_NOTE
    return sort_findings(_merge_same_cell(findings))
