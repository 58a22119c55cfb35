"""The header of a ruled table, read from its grid: which rows are header, and the stack of
header labels above each column (a tree built from the cells' spans).

A grid may open with title and meta rows (one cell across the whole width holding the title,
``部门：…``, ``单位：万元``); then come header rows, whose cells name columns or groups of
columns; then data rows. The header ends at the first row that carries data: an amount, a
classification code, or a row label (合计, 一、…) in the leftmost column; a header cell that
spans down into a row makes that row header too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..inputs.base import Grid, GridCell
from ..numbers import is_amount_token, loose_number, normalize, parse_number
from ..settings import DEFAULT, ReaderSettings
from ..vocab.words import pattern
from .titles import compact, match_title

CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
CODE_PART = re.compile(r"^\d{2,3}$")
TOTAL_LABEL = pattern("header_total")
ORDINAL = pattern("header_ordinal")
YEAR = pattern("header_year")
COLUMN_NUMBER_LABEL = pattern("column_number_label")
COLUMN_NUMBER_MARK = pattern("column_number_mark")


def cell_text(cell: Optional[GridCell]) -> str:
    """A cell's text as one string: wrapped lines joined without separator (Chinese wraps
    mid-word), NFKC-normalized, spaces removed."""
    if cell is None:
        return ""
    return compact(cell.text)


def is_amount_text(text: str) -> bool:
    """A printed amount: a number that is not a year (its thousands separators may be misplaced)."""
    t = compact(text)
    return bool(t) and (parse_number(t) is not None or loose_number(t) is not None) and not YEAR.match(t)


def is_code_text(text: str) -> bool:
    return bool(CODE.match(compact(text)))


def row_texts(grid: Grid, r: int) -> list:
    return [cell_text(c) for c in grid.row(r)]


META = pattern("banner_meta")


ORG_NAME = pattern("banner_organisation")


def is_banner_row(grid: Grid, r: int, s: ReaderSettings = DEFAULT) -> bool:
    """A row holding one cell across (nearly) the whole table whose text is a table title or a
    meta line (部门：…, 单位：万元) printed inside the ruling. A group label across the table
    (财政拨款“三公”经费) is header, not banner."""
    cells = [c for c in grid.row(r) if cell_text(c)]
    if _meta_cells(cells, s):
        return True  # 部门：| 江苏省人大常委会办公厅 | 单位：万元, each in a cell of its own
    if len(cells) != 1 or grid.n_cols < 2:
        return False
    c = cells[0]
    if c.colspan < max(2, grid.n_cols - 1) or is_amount_text(c.text):
        return False
    parts = [p for p in c.text.split("\n") if p.strip()]
    return any(META.search(normalize(p)) or match_title(p) for p in parts) or bool(
        match_title(compact(c.text)))


def _meta_cells(cells: list, s: ReaderSettings) -> bool:
    """A few cells, no amount, each a meta line or an organisation's name."""
    metas = [c for c in cells if META.search(normalize(c.text.replace("\n", " ")))]
    return bool(metas) and len(cells) <= s.banner_cells and not any(is_amount_text(c.text) for c in cells) \
        and all(c in metas or ORG_NAME.search(cell_text(c)) for c in cells)


def lead_rows(grid: Grid, s: ReaderSettings = DEFAULT) -> int:
    """Number of banner rows (title, department, unit) and empty rows at the top of a grid."""
    r = 0
    while r < grid.n_rows - 1 and (is_banner_row(grid, r, s) or not any(row_texts(grid, r))):
        r += 1
    return r


def column_number_row(texts: list, s: ReaderSettings = DEFAULT) -> bool:
    """栏次 | 1 | 2 | 3 …, ** | 1 | 2 | 3 …, 甲 | 乙 | 1 | 2 …: a row numbering the columns, part of
    the header (决算 tables, and templates that number every amount column under the header)."""
    nums = [t for t in texts if t]
    if not nums:
        return False
    labelled = any(COLUMN_NUMBER_LABEL.match(t) for t in nums)
    ints = [t for t in nums if re.match(r"^\d{1,2}$", t)]
    if labelled and len(ints) >= len(nums) - s.column_number_others:
        return True
    marks = [t for t in nums if COLUMN_NUMBER_MARK.match(t)]
    if not ints or len(ints) + len(marks) != len(nums):
        return False
    seq = [int(t) for t in ints]
    consecutive = seq == list(range(seq[0], seq[0] + len(seq)))
    return consecutive and (len(ints) >= s.column_number_min or (bool(marks) and seq[0] == 1))


def is_data_row(grid: Grid, r: int, s: ReaderSettings = DEFAULT) -> bool:
    """A row that carries data rather than column labels: an amount, a code, or a row label
    (合计, 一、…) in the leftmost column with nothing but amounts, blanks or other row labels
    beside it (合计 among column names names the first amount column)."""
    cells = grid.row(r)
    texts = [cell_text(c) for c in cells]
    if column_number_row(texts, s):
        return False
    labelled = False
    for c, t in zip(cells, texts):
        if not t:
            continue
        if is_code_text(t) or is_amount_text(t):
            return True
        if is_amount_token(t) and c.col > 0:
            return True  # a placeholder (-, —) in an amount cell
        if c.col == 0 and (TOTAL_LABEL.match(t) or ORDINAL.match(t)):
            labelled = True
    if labelled:  # 合计 with amounts or blanks beside it; 合计 among column names is a header
        return all(not t or is_amount_token(t) or TOTAL_LABEL.match(t) or ORDINAL.match(t)
                   for c, t in zip(cells, texts) if c.col > 0)
    return False


def header_depth(grid: Grid, start: int = 0, s: ReaderSettings = DEFAULT) -> int:
    """Number of header rows from ``start``: up to the first data row (or the first blank row
    after a header), and at least down to the bottom of every header cell that spans rows."""
    bottom = start
    for r in range(start, grid.n_rows):
        if r >= bottom and is_data_row(grid, r, s):
            return r - start
        if r >= bottom and r > start and not any(row_texts(grid, r)):
            return r - start
        for c in grid.row(r):
            if cell_text(c):
                bottom = max(bottom, c.row + c.rowspan)
    return grid.n_rows - start


@dataclass
class HeaderColumn:
    """One leaf column: the labels stacked above it, top to bottom."""
    index: int
    x0: float
    x1: float
    path: list = field(default_factory=list)
    spans: list = field(default_factory=list)   # colspan of each label cell in ``path``

    @property
    def label(self) -> str:
        return "/".join(self.path)

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def group(self) -> str:
        """The top label when it spans several columns (收入, 支出, 本年支出 …)."""
        return self.path[0] if self.path and self.spans and self.spans[0] > 1 else ""


def header_columns(grid: Grid, start: int, depth: int) -> list:
    """The label path of every elementary column of ``grid``, from its header rows."""
    out = []
    rows = [r for r in range(start, start + depth) if not column_number_row(row_texts(grid, r))]
    groups = _aligned_groups(grid, rows)
    for c in range(grid.n_cols):
        col = HeaderColumn(c, grid.xs[c], grid.xs[c + 1])
        seen: set = set()
        for r in rows:
            if (r, c) in groups:
                col.path.append(groups[r, c][0])
                col.spans.append(groups[r, c][1])
                continue
            cell = grid.at(r, c)
            if cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            t = cell_text(cell)
            if TOTAL_LABEL.match(t) and col.path and pattern("label_column_header").search(col.path[-1]):
                continue  # the 合计 row label printed inside the header, under the label columns
            if t and (not col.path or col.path[-1] != t):
                col.path.append(t)
                col.spans.append(cell.colspan)
        out.append(col)
    return out


def _aligned_groups(grid: Grid, rows: list) -> dict:
    """Group labels of a grid read from text alignment, where no cell spans the sub-columns: a label
    with another label under it (基本支出 over 人员经费) names a group, which takes in the columns
    beside it that print nothing from its row down to their own label, in the same row as the
    labels under it (小计 and 公用经费 beside 人员经费). Returns {(row, column): (label, columns)}
    for every column of such a group."""
    if grid.source != "text" or len(rows) < 2:
        return {}
    text = {(r, c): cell_text(grid.at(r, c)) for r in rows for c in range(grid.n_cols)}
    lowest = {c: max((r for r in rows if text[r, c]), default=None) for c in range(grid.n_cols)}
    out: dict = {}
    for r in rows:
        for c in range(grid.n_cols):
            cell = grid.at(r, c)
            if not text[r, c] or cell is None or cell.col != c or lowest[c] is None or lowest[c] <= r:
                continue
            members = [c]
            for step in (-1, 1):
                k = c + step
                while 0 <= k < grid.n_cols and lowest[k] == lowest[c] and not any(text[q, k] for q in rows if r <= q < lowest[k]):
                    members.append(k)
                    k += step
            if len(members) > 1:
                for k in members:
                    out.setdefault((r, k), (text[r, c], len(members)))
    return out


def header_signature(grid: Grid, start: int, depth: int) -> tuple:
    """The header rows' texts, to recognise a header repeated on a continuation page."""
    return tuple(tuple(t for t in row_texts(grid, r) if t) for r in range(start, start + depth))


def repeated_header_rows(grid: Grid, signature: tuple, s: ReaderSettings = DEFAULT) -> int:
    """Rows at the top of a continuation grid that repeat the table's header: rows printing the
    header's cells, or only its words (run together or split otherwise than on the first page)."""
    n = 0
    start = lead_rows(grid, s)
    rows = [tuple(t for t in row_texts(grid, r) if t) for r in range(start, grid.n_rows)]
    sig = [s for s in signature if s]
    words = {w for s in sig for w in s}
    while n < len(rows) and n < len(sig) + 1:
        if rows[n] and (rows[n] in sig or (all(_made_of(t, words) for t in rows[n])
                                           and not is_data_row(grid, start + n, s))):
            n += 1
            continue
        break
    if n == 0:
        # a header repeated with a different row structure: all its words, no data
        depth = header_depth(grid, start, s)
        if depth and all(_made_of(t, words) for r in range(start, start + depth) for t in row_texts(grid, r)):
            n = depth
    return start + n if n else start


def _made_of(text: str, words: set) -> bool:
    """Whether ``text`` is blank or header words run together (人员经费公用经费: two header cells that
    text alignment put in one column on a continuation page)."""
    for w in sorted(words, key=len, reverse=True):
        if w:
            text = text.replace(w, "")
    return not text


def normalize_label(text: str) -> str:
    return compact(normalize(text))
