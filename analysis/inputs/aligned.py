"""Tables without usable rulings: grids from the alignment of text.

Some exporters draw no rulings at all, or only horizontal rules; a ruled grid may also be
rejected. There a table still shows as a block of consecutive text lines whose words stand
in columns, numbers right-aligned. Columns are separated by gutters: x ranges that no word
of the block's data lines crosses. Each text line of the block becomes a row.

The reader is conservative: a block needs at least ``aligned_min_data_lines`` lines with an amount
after their label, and aligned amounts (two amount columns, or one column of amounts with
decimals or thousands separators), so that narrative paragraphs and tables of contents
stay text. Its tolerances are the ``aligned_*`` fields of ``analysis.settings.ReaderSettings``.
"""
from __future__ import annotations

import re
import statistics

from ..numbers import normalize, parse_number
from ..settings import DEFAULT, ReaderSettings
from .base import Grid, GridCell, Line
_DECIMAL = re.compile(r"\d[.,]\d")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


def _groups(line: Line, em: float, s: ReaderSettings) -> list:
    """The line's words grouped where they stand closer than ``aligned_group_gap`` ems."""
    groups: list = []
    for w in line.cells:
        if groups and w.x0 - groups[-1][-1].x1 <= s.aligned_group_gap * em:
            groups[-1].append(w)
        else:
            groups.append([w])
    return groups


def _group_text(group: list) -> str:
    return "".join(w.text for w in group)


def _is_number(text: str) -> bool:
    return parse_number(text) is not None


def _is_data(groups: list) -> bool:
    return len(groups) >= 2 and any(_is_number(_group_text(g)) for g in groups[1:])


def _blocks(lines: list, em: float, s: ReaderSettings) -> list:
    """Runs of consecutive lines that may form a table: (header lines, body lines).

    The body runs from the first to the last data line; between data lines it may hold
    other lines (wrapped labels, sub-headers) but never two single-group lines in a row.
    Up to ``aligned_header_lines`` lines directly above the body are its header, again without two
    single-group lines in a row and never starting with one. A vertical step wider than
    ``_max_step`` ends a block.
    """
    kinds = []
    for line in lines:
        g = _groups(line, em, s)
        kinds.append("data" if _is_data(g) else "multi" if len(g) >= 2 else "single")
    max_step = _max_step(lines, kinds, em, s)

    def joins(k: int) -> bool:
        """Line k continues the run of line k - 1."""
        return _top(lines[k]) - _top(lines[k - 1]) <= max_step and not (kinds[k] == kinds[k - 1] == "single")

    out: list = []
    i = 0
    while i < len(lines):
        if kinds[i] != "data":
            i += 1
            continue
        while i > 0 and kinds[i - 1] == "multi" and _CODE.match(normalize(lines[i - 1].cells[0].text)) and joins(i):
            i -= 1   # a coded row printing no amount (a class with nothing budgeted) opens the body
        j = k = i
        while k + 1 < len(lines) and joins(k + 1):
            k += 1
            if kinds[k] == "data":
                j = k
        h = i
        while h > 0 and i - h < s.aligned_header_lines and joins(h):
            h -= 1
        while h < i and kinds[h] == "single" and not _group_label(lines[h], lines[h + 1:j + 1], em):
            h += 1  # a lone line atop the header is a caption (title, unit), not a header row
        out.append((lines[h:i], lines[i:j + 1]))
        i = j + 1
    return out


def _height(line: Line) -> float:
    return statistics.median([w.bottom - w.top for w in line.cells if w.top is not None and w.bottom is not None] or [0.0])


def _placed(line: Line) -> list:
    """The words of ``line`` that print something, with their x range."""
    return [w for w in line.cells if w.text.strip() and w.x0 is not None and w.x1 is not None]


def _label_gap(line: Line, below: list):
    """(first, last): the middles of the first and last column labels under a lone line ``line``
    when it is a group label over several columns (本年收入 over 小计, 一般公共预算 …), not a caption:
    printed in the header's type size, over a gap of the header line under it (the columns' own
    labels are printed a line lower, in the gap: two of them at least). None for a caption (a title,
    a unit line: larger, or over no such gap)."""
    words = _placed(line)
    if len(below) < 2 or not words:
        return None
    if _height(line) > 1.2 * statistics.median([_height(l) for l in below]):
        return None
    x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
    under = _placed(below[0])
    if any(w.x0 < x1 and w.x1 > x0 for w in under):
        return None
    left = max((w.x1 for w in under if w.x1 <= x0), default=None)
    right = min((w.x0 for w in under if w.x0 >= x1), default=None)
    if left is None or right is None:
        return None
    leaves = [m for w in _placed(below[1]) if left <= (m := (w.x0 + w.x1) / 2) <= right]
    return (min(leaves), max(leaves)) if len(leaves) >= 2 else None


def _group_label(line: Line, below: list, em: float) -> bool:
    return _label_gap(line, below) is not None


def _max_step(lines: list, kinds: list, em: float, s: ReaderSettings) -> float:
    """The widest top-to-top step within a block: ``aligned_line_gap`` line heights of white, or
    ``aligned_pitch`` times the usual step between data rows (tables with tall rows)."""
    heights = [_bottom(l) - _top(l) for l in lines]
    height = statistics.median(heights) if heights else em
    pitches = [_top(b) - _top(a) for a, b, ka, kb in zip(lines, lines[1:], kinds, kinds[1:])
               if ka == kb == "data"]
    pitch = statistics.median(pitches) if pitches else 0.0
    return max((1 + s.aligned_line_gap) * height, s.aligned_pitch * pitch)


def _top(line: Line) -> float:
    return min(c.top for c in line.cells)


def _bottom(line: Line) -> float:
    return max(c.bottom for c in line.cells)


def _free_ranges(intervals: list, allowed: int, min_width: float) -> list:
    """Interior x ranges, at least ``min_width`` wide, covered by at most ``allowed`` of the
    (x0, x1) ``intervals``."""
    events = sorted([(x0, 1) for x0, _ in intervals] + [(x1, -1) for _, x1 in intervals])
    out: list = []
    depth = 0
    free_from = None
    for x, step in events:
        before = depth
        depth += step
        if before > allowed >= depth:
            free_from = x
        elif before <= allowed < depth and free_from is not None:
            if x - free_from >= min_width:
                out.append((free_from, x))
            free_from = None
    return out


def _gutters(header: list, data: list, em: float, s: ReaderSettings) -> list:
    """Column gutters, left to right: x ranges that the words of at most ``aligned_exceptions`` of
    the data lines cross; beyond the data's extent (columns empty in every data row), the
    gaps between header words."""
    width = s.aligned_min_gutter * em
    words = [(w.x0, w.x1) for l in data for w in l.cells]
    # a line crosses x when one of its words does; words of one line never overlap
    out = _free_ranges(words, int(len(data) * s.aligned_exceptions), width)
    lo, hi = min(a for a, _ in words), max(b for _, b in words)
    beyond = [(w.x0, w.x1) for l in header for w in l.cells if w.x0 >= hi + width or w.x1 <= lo - width]
    if beyond:
        out += _free_ranges(beyond + [(lo, hi)], 0, width)
    return sorted(out)


def _boundary(gutter: tuple, words: list) -> float:
    """Where a column boundary goes in a gutter: the middle of its widest stretch that no
    other word (a centred header, a wrapped label) covers, else the gutter's middle (a word
    crossing the whole gutter spans both columns)."""
    a, b = gutter
    inside = [(max(x0, a), min(x1, b)) for x0, x1 in words if x0 < b and x1 > a]
    free = _free_ranges(inside + [(a - 1, a), (b, b + 1)], 0, 0.0)
    if not free:
        return (a + b) / 2
    lo, hi = max(free, key=lambda r: r[1] - r[0])
    return (lo + hi) / 2


def _aligned(values: list, tolerance: float) -> bool:
    mid = statistics.median(values)
    return statistics.median(abs(v - mid) for v in values) <= tolerance


def _amount_evidence(data: list, xs: list, em: float, s: ReaderSettings) -> bool:
    """Aligned amounts: two columns of them, or one column with decimals or separators."""
    columns: dict = {}
    for line in data:
        for g in _groups(line, em, s)[1:]:
            text = _group_text(g)
            if _is_number(text):
                mid = (g[0].x0 + g[-1].x1) / 2
                col = next((j for j in range(len(xs) - 1) if xs[j] <= mid <= xs[j + 1]), None)
                if col is not None:
                    columns.setdefault(col, []).append((g[0].x0, g[-1].x1, text))
    tol = s.aligned_align
    aligned = [v for v in columns.values() if len(v) >= s.aligned_min_data_lines
               and (_aligned([x1 for _, x1, _ in v], tol) or _aligned([(x0 + x1) / 2 for x0, x1, _ in v], tol))]
    if len(aligned) >= 2:
        return True
    return any(sum(1 for _, _, t in v if _DECIMAL.search(normalize(t))) >= s.aligned_min_data_lines for v in aligned)


def _row_cells(line: Line, row: int, xs: list, ys: list) -> list:
    """Cells of one text row: the columns each word overlaps, joined where words share one;
    columns without words are empty cells."""
    n = len(xs) - 1
    ranges: list = []
    for w in line.cells:
        mid = (w.x0 + w.x1) / 2
        cols = [j for j in range(n) if w.x0 < xs[j + 1] and w.x1 > xs[j]] \
            or [j for j in range(n) if xs[j] <= mid <= xs[j + 1]][:1]   # a zero-width word
        ranges.append((cols[0], cols[-1]))
    ranges.sort()
    merged: list = []
    for a, b in ranges:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    spans = {a: b for a, b in merged}
    cells: list = []
    c = 0
    while c < n:
        b = spans.get(c, c)
        cells.append(GridCell(row=row, col=c, text="", x0=xs[c], top=ys[row], x1=xs[b + 1],
                              bottom=ys[row + 1], colspan=b - c + 1))
        c = b + 1
    return cells


def aligned_grids(lines: list, page_no: int, em: float, s: ReaderSettings = DEFAULT) -> tuple:
    """Text grids found among a page's text ``lines`` (words as cells, top to bottom).

    Returns (grids without text yet and without ids, the lines not taken by a grid).
    """
    grids: list = []
    taken: set = set()
    for header, body in _blocks(lines, em, s):
        grid = _block_grid(header, body, page_no, em, s)
        if grid is not None:
            grids.append(grid)
            taken.update(id(l) for l in header + body)
    return grids, [l for l in lines if id(l) not in taken]


def _block_grid(header: list, body: list, page_no: int, em: float, s: ReaderSettings):
    """The grid of one block of lines (header lines, body lines), or None when it is no table:
    too few data lines, no gutter, or no aligned amounts."""
    data = [l for l in body if _is_data(_groups(l, em, s))]
    if len(data) < s.aligned_min_data_lines:
        return None
    rows = header + body
    gaps = {id(l): gap for k, l in enumerate(header) if (gap := _label_gap(l, rows[k + 1:])) is not None}
    lo = min(w.x0 for l in rows for w in l.cells)
    hi = max(w.x1 for l in rows for w in l.cells)
    gutters = _gutters([l for l in header if id(l) not in gaps], data, em, s)
    if not gutters:
        return None
    data_ids = {id(l) for l in data}
    others = [(w.x0, w.x1) for l in rows if id(l) not in data_ids and id(l) not in gaps for w in l.cells]
    xs = [round(lo - 1, 2)] + [round(_boundary(g, others), 2) for g in gutters] + [round(hi + 1, 2)]
    if not _amount_evidence(data, xs, em, s):
        return None
    ys = [round(_top(rows[0]) - 1, 2)]
    for prev, nxt in zip(rows, rows[1:]):
        ys.append(round((_bottom(prev) + _top(nxt)) / 2, 2))
    ys.append(round(_bottom(rows[-1]) + 1, 2))
    cells = [c for r, line in enumerate(rows)
             for c in (_spanning_cells(gaps[id(line)], r, xs, ys) if id(line) in gaps else _row_cells(line, r, xs, ys))]
    return Grid(id="", page=page_no, xs=xs, ys=ys, cells=cells, source="text")


def _spanning_cells(gap: tuple, row: int, xs: list, ys: list) -> list:
    """Cells of a group label's row: one cell over the columns whose labels it is printed over
    (``gap``: the middles of the first and the last)."""
    n = len(xs) - 1
    cols = [j for j in range(n) if xs[j] <= gap[1] and xs[j + 1] >= gap[0]]
    out: list = []
    c = 0
    while c < n:
        b = cols[-1] if cols and c == cols[0] else c
        out.append(GridCell(row=row, col=c, text="", x0=xs[c], top=ys[row], x1=xs[b + 1], bottom=ys[row + 1],
                            colspan=b - c + 1))
        c = b + 1
    return out
