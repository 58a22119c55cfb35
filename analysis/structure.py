"""How a parsed table is organised: its total rows, the two sides of a summary table, coded
rows and their children, the row hierarchy (by code, by indentation, by numbering) with its
breakdown rows, and names folded for matching.

Parsing gives rows with codes, names, flags and amounts; this module reads their structure once,
the same way for everyone who needs it: the figure locator (``analysis.figures``), the checks and
the reports. It holds no figures and no findings.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Optional

from .model import Row, Table
from .settings import DEFAULT, ReaderSettings
from .vocab.words import pattern

CN_NUM = "一二三四五六七八九十"
TOP_ORD = re.compile(rf"^[{CN_NUM}]+[、.．]")
SUB_ORD = re.compile(rf"^(?:（[{CN_NUM}]+）|\([{CN_NUM}]+\)|\d+[.．、](?!\d))")
# an ordinal, with a stray digit a bracketed ordinal is printed over ("1（一）": a hidden glyph)
ANY_ORD = re.compile(rf"^(?:[{CN_NUM}]+[、.．]|\d?(?:（[{CN_NUM}]+）|\([{CN_NUM}]+\))|\d+[.．、](?!\d))")
CURRENT_TOTAL = re.compile(r"^(?:本年|当年)(?:收入|支出)(?:合计|小计)?$|^(?:收入|支出)小计$")
GRAND_TOTAL = re.compile(r"^(?:收入|支出)?(?:合计|总计)$")
SIDES = {"income": ("income",), "expenditure": ("expenditure", "expenditure_purpose")}
# numbering of a row by rank: 一、 > （一） > 1. / 1、 > （1）
MARKERS = (re.compile(rf"^[{CN_NUM}]+[、.．]"), re.compile(rf"^(?:（[{CN_NUM}]+）|\([{CN_NUM}]+\))"),
           re.compile(r"^\d+[.．、](?!\d)"), re.compile(r"^(?:（\d+）|\(\d+\))"))


# ---------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------
_SPACES = re.compile(r"\s+")
_FOLD_ORDINALS = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、])+")
_FOLD_LEVELS = re.compile(r"\((?:类|款|项)\)")
_FOLD_QUOTES = re.compile(r"[“”\"]")
_FOLD_TAIL = re.compile(r"(?:预算安排|安排|预算数|预算|合计|总计)$")


@lru_cache(maxsize=1 << 16)
def cname(text: str) -> str:
    """Compact a printed name: NFKC, no white space."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or ""))


def bare(name: str) -> str:
    """A compact name without its leading ordinal (一、 （二） 3.)."""
    return ANY_ORD.sub("", cname(name))


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """A name reduced for comparison with another (a row name, a narrative subject): NFKC, no
    spaces, no leading ordinals, no (类)/(款)/(项), no quotes, no trailing 预算安排/预算数/合计/支出 …
    ("2．一般公共服务（类）支出预算" and "一般公共服务支出" give one key). Names repeat across
    rows, figures and claims: each is folded once (the result depends on the name alone)."""
    s = unicodedata.normalize("NFKC", name or "")
    s = _SPACES.sub("", s)
    s = _FOLD_ORDINALS.sub("", s)
    s = _FOLD_LEVELS.sub("", s)
    s = _FOLD_QUOTES.sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = _FOLD_TAIL.sub("", s) if len(s) > 4 else s
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
        self.parents = parents_of(t)
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
            if self.parents.get(r.index) is not None:
                continue   # a part of another row of the side
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
        """(row, [the rows that add up to it]) for each row of the side printed with parts: the
        （一）/1. rows numbered under it, the names indented under it (not its 其中 lines)."""
        out = []
        for r in self.rows:
            if r.is_total or "subtotal" in r.flags or CURRENT_TOTAL.match(cname(r.name)):
                continue
            parts = [c for c in addends(self.table, r, self.parents) if c.section == r.section]
            if parts:
                out.append((r, parts))
        return out

    def after_current(self) -> list:
        """Rows between the current-year total and the grand total (上年结转 …)."""
        if self.current is None or self.grand is None:
            return []
        return [r for r in self.rows if self.current.index < r.index < self.grand.index
                and not r.is_total and "subtotal" not in r.flags and not is_sub_item(r)
                and not SUB_ORD.match(cname(r.name)) and self.parents.get(r.index) is None]

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
# the row hierarchy: parents by code, by indentation, by numbering
# ---------------------------------------------------------------------------
def marker_rank(name: str) -> Optional[int]:
    """The rank of a row's numbering: 0 for 一、, 1 for （一）, 2 for 1. / 1、, 3 for （1）, None
    for a name without one."""
    n = cname(name)
    return next((i for i, rx in enumerate(MARKERS) if rx.match(n)), None)


def _indent_levels(values: list, s: ReaderSettings) -> tuple:
    """(positions, levels) of sorted indentations: names within ``indent_same`` of each other are
    at one position; positions ``indent_step`` apart or more are levels."""
    positions = [values[0]]
    for v in values[1:]:
        if v - positions[-1] > s.indent_same:
            positions.append(v)
    levels = [positions[0]]
    for v in positions[1:]:
        if v - levels[-1] >= s.indent_step:
            levels.append(v)
    return positions, levels


def indent_ranks(rows: list, s: ReaderSettings = DEFAULT) -> dict:
    """Row index -> rank of its name's indentation (0 flush, 1 one step in …) for rows printed
    without codes, when the indentation shows a hierarchy: two to ``indent_levels`` steps of at
    least ``indent_step``, each printed at a few positions only (centred names are at as many
    positions as they have lengths), and never a step of more than one level down; else {}.
    A name alone at a deeper indentation (a centred line, a column-number row) is no level."""
    placed = [r for r in rows if r.indent is not None and not r.code and not r.is_total]
    for _ in range(2):
        values = sorted({r.indent for r in placed})
        if not values:
            return {}
        positions, levels = _indent_levels(values, s)
        rank = {r.index: max(i for i, lv in enumerate(levels) if r.indent >= lv - s.indent_same) for r in placed}
        alone = {k for k in range(1, len(levels)) if list(rank.values()).count(k) < 2}
        placed = [r for r in placed if rank[r.index] not in alone]
        if not alone:
            break
    if not 2 <= len(levels) <= s.indent_levels or len(positions) > 2 * len(levels) or alone:
        return {}
    seq = [rank[r.index] for r in placed]
    if any(b > a + 1 for a, b in zip(seq, seq[1:])):
        return {}   # a level deeper than the row above it
    if _against_numbering(placed, rank):
        return {}   # centred or shifted labels: the numbering, not the indentation, is the hierarchy
    return rank


def _against_numbering(rows: list, rank: dict) -> bool:
    """Whether the indentation puts a row numbered higher (一、本年收入) deeper than a row numbered
    lower ((一)一般公共预算资金): then the indentation is the cell's alignment, not a level."""
    marks = [(marker_rank(r.name), rank[r.index]) for r in rows if r.index in rank]
    marks = [(m, k) for m, k in marks if m is not None]
    return any(m1 < m2 and k1 > k2 for m1, k1 in marks for m2, k2 in marks)


def _sequences(t: Table) -> list:
    """The row lists a hierarchy runs in: each side or group of the table, and in a
    cross-classified table each government class, in printed order."""
    out: dict = {}
    for r in t.rows:
        out.setdefault((r.section or "", r.extra.get("gov_code", "")), []).append(r)
    return list(out.values())


def _coded_parent(seq: list, i: int) -> Optional[int]:
    """The row printed above row ``i`` whose code is its code's parent (类 of a 款, 款 of a 项)."""
    code = seq[i].code
    if len(code) not in (5, 7):
        return None
    want = code[:-2]
    return next((r.index for r in reversed(seq[:i]) if r.code == want), None)


def _runs_under_numbered(seq: list, ranks: dict) -> set:
    """Indices of unnumbered rows printed as the parts of a numbered row at their own indentation:
    a run of them between that row and the next row numbered alike (一、本年支出合计, its 类
    rows, 二、年终结转结余), or after a numbered row named as a total of the side."""
    out: set = set()
    rows = [r for r in seq if not r.code]
    rank = [ranks.get(r.index, 0) for r in rows]
    i = 0
    while i < len(rows):
        opener, mark = rows[i], marker_rank(rows[i].name)
        j = i + 1
        while j < len(rows) and not rows[j].is_total and "subtotal" not in rows[j].flags and (
                rank[j] > rank[i] or rank[j] == rank[i] and marker_rank(rows[j].name) is None):
            j += 1
        if mark is not None and not opener.is_total and j > i + 1:
            closes = j < len(rows) and marker_rank(rows[j].name) == mark and rank[j] == rank[i]
            if closes or CURRENT_TOTAL.match(bare(opener.name)):
                out.update(rows[k].index for k in range(i + 1, j) if rank[k] == rank[i] and not is_sub_item(rows[k]))
        i = max(j, i + 1) if j > i + 1 and mark is not None else i + 1
    return out


def _uncoded_parents(seq: list, ranks: dict) -> dict:
    """Row index -> parent index for the rows without codes of one sequence: the nearest row above
    it (after the last total) printed shallower — indented less, or at the same indentation with
    a higher-ranked numbering, or unnumbered under a numbered row (``_runs_under_numbered``); a
    其中 line is a part of the row above it."""
    out: dict = {}
    stack: list = []   # (key, row) of the open rows, shallowest first
    under = _runs_under_numbered(seq, ranks)
    for r in seq:
        if r.is_total or "subtotal" in r.flags:
            stack = []
            continue
        if r.code:
            continue
        marker = marker_rank(r.name)
        if marker is None:
            marker = len(MARKERS) if r.index in under else 0
        key = (ranks.get(r.index, 0), marker)
        if is_sub_item(r):
            above = next((row for k, row in reversed(stack) if not is_sub_item(row)), None)
            out[r.index] = above.index if above is not None else None
            continue
        while stack and stack[-1][0] >= key:
            stack.pop()
        out[r.index] = stack[-1][1].index if stack else None
        stack.append((key, r))
    return out


def hierarchy(t: Table, s: ReaderSettings = DEFAULT) -> dict:
    """Row index -> index of its parent row (None at the top), read from the rows themselves:
    coded rows under the row of their parent code; rows without codes by the indentation of their
    names (only in a table without codes) and by their numbering (一、 > （一） > 1. > （1）), a
    其中 line under the row above it. A total row, and a subtotal, start afresh."""
    out: dict = {}
    coded = any(r.code for r in t.rows)
    for seq in _sequences(t):
        ranks = {} if coded else indent_ranks(seq, s)
        out.update(_uncoded_parents(seq, ranks))
        for i, r in enumerate(seq):
            if r.code:
                out[r.index] = _coded_parent(seq, i)
    return out


def assign_hierarchy(t: Table, s: ReaderSettings = DEFAULT) -> None:
    """Store the hierarchy in the rows: ``Row.parent``, ``Row.level`` of rows without codes (1 at
    the top), and the flag ``breakdown`` on rows without codes printed as a part of another row
    (其中 lines, names indented or numbered under it): never an addend beside it."""
    parents = hierarchy(t, s)
    for r in t.rows:
        r.parent = parents.get(r.index)
        if r.code:
            continue
        depth, p = 1, r.parent
        while p is not None and depth <= len(t.rows):
            depth, p = depth + 1, parents.get(p)
        if r.index in parents:
            r.level = depth
        if r.parent is not None and "breakdown" not in r.flags:
            r.flags.append("breakdown")


def parents_of(t: Table) -> dict:
    """Row index -> parent index: as stored by the reader, else read from the rows."""
    if any(r.parent is not None for r in t.rows):
        return {r.index: r.parent for r in t.rows}
    return hierarchy(t)


def parent_row(t: Table, row: Row) -> Optional[Row]:
    """The row ``row`` is a part of, or None at the top of the hierarchy."""
    p = parents_of(t).get(row.index)
    return next((r for r in t.rows if r.index == p), None) if p is not None else None


def child_rows(t: Table, row: Row, parents: Optional[dict] = None) -> list:
    """The rows printed as parts of ``row`` (its 款 or 项, the lines indented or numbered under
    it, its 其中 lines), in printed order."""
    parents = parents_of(t) if parents is None else parents
    return [r for r in t.rows if parents.get(r.index) == row.index]


def addends(t: Table, row: Row, parents: Optional[dict] = None) -> list:
    """The parts of ``row`` that add up to it: its children less the 其中 lines (a 其中 line
    names a part, not all of them)."""
    return [r for r in child_rows(t, row, parents) if not is_sub_item(r)]


def top_rows(t: Table, rows: list, parents: Optional[dict] = None) -> list:
    """Of ``rows``, those that are no part of another row of the table: the addends of a total."""
    parents = parents_of(t) if parents is None else parents
    return [r for r in rows if parents.get(r.index) is None]


def is_breakdown(row: Row) -> bool:
    """A row printed as a part of the row above it (flag set by ``assign_hierarchy``), or a
    其中 line."""
    return "breakdown" in row.flags or is_sub_item(row)


def deepest_level(t: Table) -> int:
    """How deep the table's classification goes: the longest code's level (类 1, 款 2, 项 3), or,
    for rows printed without codes, the deepest level of their hierarchy; 0 for none."""
    levels = [r.level for r in t.rows if r.level and not r.is_total]
    return max(levels, default=0)


# ---------------------------------------------------------------------------
# cross-classified tables: 部门预算支出经济分类 within 政府预算支出经济分类
# ---------------------------------------------------------------------------
def government_classes(t: Table) -> None:
    """In a table that prints 政府预算支出经济分类 rows (501 …) with 部门预算支出经济分类 rows (301 …)
    under each, the same 301xx codes recur once per government class: each row gets its
    government class (``Row.extra['gov_code']``); a government class row keeps its code there,
    not as the row's code, and is the subtotal of the rows under it."""
    gov = pattern("government_economic_code")
    codes = [r.code for r in t.rows if r.code]
    if not any(gov.match(c) for c in codes) or all(gov.match(c) for c in codes):
        return
    current = ""
    for r in t.rows:
        if r.code and gov.match(r.code):
            current = r.code
            r.extra["gov_code"] = r.code
            r.code, r.level = None, None
            if "subtotal" not in r.flags:
                r.flags.append("subtotal")
        elif current and not r.is_total:
            r.extra.setdefault("gov_code", current)


# ---------------------------------------------------------------------------
# tables stacked per unit
# ---------------------------------------------------------------------------
UNIT_KEYS = ("unit_name", "unit")


def _unit_of(r: Row) -> str:
    return next((cname(r.extra[k]) for k in UNIT_KEYS if cname(r.extra.get(k, ""))), "")


def _names_a_unit(name: str) -> bool:
    """A row label that names an organisation (…局, …中心, …（本级）), unnumbered."""
    n = cname(name)
    return bool(n) and marker_rank(n) is None and bool(pattern("banner_organisation").search(n))


def _restarts(rows: list, i: int) -> bool:
    """The coded rows from row ``i`` on start again at a code printed above (a block of the same
    codes for another unit)."""
    nxt = next((r for r in rows[i:] if r.code), None)
    return nxt is not None and any(r.code == nxt.code for r in rows[:i])


def unit_blocks(t: Table) -> list:
    """[(unit, rows)] of a coded table printed as a stack of blocks, one per unit: the department's
    rows first (unit ""), then each unit's, a block starting where its unit is named (a line
    naming the unit, or a 单位 column) and the codes start again. A table of one block: [("", rows)]."""
    rows = t.rows
    if not any(r.code for r in rows):
        return [("", list(rows))]
    starts: list = []   # (position, unit, position of the unit's own line or None)
    current = ""
    for i, r in enumerate(rows):
        unit = _unit_of(r)
        if unit and unit != current and r.code and i and _restarts(rows, i):
            starts.append((i, unit, None))
        elif not r.code and not r.is_total and "subtotal" not in r.flags and _names_a_unit(r.name) \
                and i + 1 < len(rows) and _restarts(rows, i + 1):
            starts.append((i, cname(r.name), i))
        current = unit or current
    if not starts:
        return [("", list(rows))]
    cuts = [p for p, _, _ in starts] + [len(rows)]
    out = [("", list(rows[:cuts[0]]))]
    for (p, unit, _), end in zip(starts, cuts[1:]):
        out.append((unit, list(rows[p:end])))
    return out


# ---------------------------------------------------------------------------
# coded rows
# ---------------------------------------------------------------------------
def repeats_row_above(above: Optional[Row], r: Row) -> bool:
    """Whether ``r`` prints again the coded row right above it (same code, name and amounts): one
    line printed twice (or its 项 under a code cut to the 款's), not a second part of its parent —
    read as a part, the parent's items would add up to twice the parent."""
    return (above is not None and bool(r.code) and above.code == r.code and cname(above.name) == cname(r.name)
            and (above.section or "") == (r.section or "") and above.amounts == r.amounts)


def coded_rows(t: Table) -> list:
    """The coded rows of ``t`` (类, 款, 项), a row printed twice in a row once."""
    out = []
    for i, r in enumerate(t.rows):
        if r.code and len(r.code) in (3, 5, 7) and not r.is_total and not repeats_row_above(t.rows[i - 1] if i else None, r):
            out.append(r)
    return out


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
