"""How a parsed table is organised: its total rows, the two sides of a summary table, coded
rows and their children, breakdown rows, and names folded for matching.

Parsing gives rows with codes, names, flags and amounts; this module reads their structure once,
the same way for everyone who needs it: the figure locator (``analysis.figures``), the checks and
the reports. It holds no figures and no findings.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Optional

from .model import Row, Table

CN_NUM = "一二三四五六七八九十"
TOP_ORD = re.compile(rf"^[{CN_NUM}]+[、.．]")
SUB_ORD = re.compile(rf"^(?:（[{CN_NUM}]+）|\([{CN_NUM}]+\)|\d+[.．、](?!\d))")
ANY_ORD = re.compile(rf"^(?:[{CN_NUM}]+[、.．]|（[{CN_NUM}]+）|\([{CN_NUM}]+\)|\d+[.．、](?!\d))")
CURRENT_TOTAL = re.compile(r"^(?:本年|当年)(?:收入|支出)(?:合计|小计)?$|^(?:收入|支出)小计$")
GRAND_TOTAL = re.compile(r"^(?:收入|支出)?(?:合计|总计)$")
SIDES = {"income": ("income",), "expenditure": ("expenditure", "expenditure_purpose")}


# ---------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------
def cname(text: str) -> str:
    """Compact a printed name: NFKC, no white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def bare(name: str) -> str:
    """A compact name without its leading ordinal (一、 （二） 3.)."""
    return ANY_ORD.sub("", cname(name))


def fold(name: str) -> str:
    """A name reduced for comparison with another (a row name, a narrative subject): NFKC, no
    spaces, no leading ordinals, no (类)/(款)/(项), no quotes, no trailing 预算安排/预算数/合计/支出 …
    ("2．一般公共服务（类）支出预算" and "一般公共服务支出" give one key)."""
    s = unicodedata.normalize("NFKC", name or "")
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、])+", "", s)
    s = re.sub(r"\((?:类|款|项)\)", "", s)
    s = re.sub(r"[“”\"]", "", s)
    prev = None
    while prev != s:
        prev = s
        s = re.sub(r"(?:预算安排|安排|预算数|预算|合计|总计)$", "", s) if len(s) > 4 else s
        if s.endswith("支出") and len(s) > 2:
            s = s[:-2]
    return s


def is_sub_item(r: Row) -> bool:
    """A ``其中:`` row: a part of the row above it, not an addend."""
    return cname(r.name).startswith("其中")


# ---------------------------------------------------------------------------
# cells
# ---------------------------------------------------------------------------
def val(r: Row, key: str) -> Optional[Decimal]:
    """The readable amount of a cell (0 for a blank), None for a placeholder, unreadable text
    or a column the row does not have."""
    if key in r.placeholders or key in r.unreadable:
        return None
    return r.amounts.get(key)


def has(r: Row, key: str) -> bool:
    return key in r.amounts or key in r.placeholders or key in r.unreadable


# ---------------------------------------------------------------------------
# totals
# ---------------------------------------------------------------------------
def total_rows(t: Table) -> list:
    return [r for r in t.rows if r.is_total]


def first_total(t: Table) -> Optional[Row]:
    rows = total_rows(t)
    return rows[0] if rows else None


def totals(t: Table, section: Optional[str] = None) -> list:
    """The total rows of a table (or of one side), or, where the template prints its 合计 row
    without a label, that first row."""
    rows = [r for r in t.rows if r.is_total and (section is None or (r.section or "").startswith(section))]
    if not rows and section is None and t.rows and not t.rows[0].code:
        first = t.rows[0]
        if "unlabelled" in first.flags or cname(first.name) in ("合计", "总计", ""):
            rows = [first]
    return rows


def total_row(t: Table, section: Optional[str] = None, pattern: str = r"合计|总计") -> Optional[Row]:
    """The grand-total row of a table (or of one side of a two-sided table) whose name matches
    ``pattern``: on a side the last one printed (收入总计 after 本年收入合计), else the first."""
    rows = [r for r in t.rows if section is None or (r.section or "").startswith(section)]
    named = [r for r in rows if r.is_total and re.search(pattern, cname(r.name))]
    if named:
        return named[-1] if section else named[0]
    marked = [r for r in rows if r.is_total]
    return marked[0] if marked else None


def rows_named(t: Table, pattern: str, section: Optional[str] = None) -> list:
    """Rows whose compact name matches ``pattern`` (of one section when given)."""
    rx = re.compile(pattern)
    return [r for r in t.rows if (section is None or (r.section or "").startswith(section))
            and rx.search(cname(r.name))]


# ---------------------------------------------------------------------------
# two-sided summary tables
# ---------------------------------------------------------------------------
def side_rows(t: Table, side: str) -> list:
    secs = SIDES[side]
    return [r for r in t.rows if (r.section or "") in secs]


class Side:
    """One side of a two-sided table: its rows, its current-year total (本年收入合计 / 当年支出小计)
    and its grand total (收入总计 / 支出合计)."""

    def __init__(self, t: Table, side: str):
        self.table = t
        self.side = side
        self.rows = side_rows(t, side)
        names = [cname(r.name) for r in self.rows]
        self.current = next((r for r, n in zip(self.rows, names) if CURRENT_TOTAL.match(n)), None)
        grands = [r for r, n in zip(self.rows, names) if GRAND_TOTAL.match(n) and r is not self.current]
        self.grand = grands[-1] if grands else None

    def _before(self, stop: Optional[Row]) -> list:
        if stop is None:
            return list(self.rows)
        return [r for r in self.rows if r.index < stop.index]

    def items(self, section: str) -> list:
        """Top-level items of one section printed before the side's first total."""
        stop = self.current or self.grand
        out = []
        for r in self._before(stop):
            if r.section != section or r.is_total or "subtotal" in r.flags or is_sub_item(r):
                continue
            if SUB_ORD.match(cname(r.name)):
                continue
            if not cname(r.name) and not any(r.amounts.values()):
                continue
            out.append(r)
        if not out:  # a side printed only with （一）/1. items
            out = [r for r in self._before(stop) if r.section == section and not r.is_total
                   and "subtotal" not in r.flags and SUB_ORD.match(cname(r.name))]
        return out

    def groups(self) -> list:
        """(top-level row, [its （一）/1. sub-rows]) for the whole side."""
        out = []
        current = None
        for r in self.rows:
            n = cname(r.name)
            if r.is_total or "subtotal" in r.flags or CURRENT_TOTAL.match(n):
                current = None
                continue
            if TOP_ORD.match(n):
                current = (r, [])
                out.append(current)
            elif SUB_ORD.match(n) and current is not None and r.section == current[0].section:
                current[1].append(r)
        return [(top, subs) for top, subs in out if subs]

    def after_current(self) -> list:
        """Rows between the current-year total and the grand total (上年结转 …)."""
        if self.current is None or self.grand is None:
            return []
        return [r for r in self.rows if self.current.index < r.index < self.grand.index
                and not r.is_total and "subtotal" not in r.flags and not is_sub_item(r)
                and not SUB_ORD.match(cname(r.name))]

    def total(self) -> Optional[Row]:
        """The grand total when readable, else the current-year total when nothing is printed
        between the two (so the two are equal)."""
        if self.grand is not None and val(self.grand, "total") is not None:
            return self.grand
        if self.current is not None and val(self.current, "total") is not None:
            between = self.after_current()
            if self.grand is None or all(val(r, "total") == 0 for r in between):
                return self.current
        return None


# ---------------------------------------------------------------------------
# coded rows
# ---------------------------------------------------------------------------
def coded_rows(t: Table) -> list:
    return [r for r in t.rows if r.code and len(r.code) in (3, 5, 7) and not r.is_total]


def children_of(rows: list, parent: Row) -> list:
    """The rows one level below ``parent`` (code prefix, two more digits) printed after it and
    before the next row of its own level or above (a table may repeat its codes per unit)."""
    n = len(parent.code)
    out = []
    started = False
    for r in rows:
        if r is parent:
            started = True
            continue
        if not started:
            continue
        if len(r.code) <= n:
            break
        if len(r.code) == n + 2 and r.code.startswith(parent.code):
            out.append(r)
    return out


def ancestors(t: Table, row: Row) -> list:
    """Names (``fold``) of the printed parents of a coded row (款 then 类), same table."""
    if not row.code:
        return []
    by_code = {r.code: r for r in t.rows if r.code}
    return [fold(by_code[row.code[:n]].name) for n in (5, 3) if len(row.code) > n and row.code[:n] in by_code]
