"""Ruled tables: grids of cells from a page's merged rulings.

Rulings that intersect form one table region. Its merged verticals give the column
boundaries ``xs``, its horizontals the row boundaries ``ys``. Between them lie elementary
cells; two neighbours that no ruling separates belong to one merged cell (a missing vertical
piece is a column span, a missing horizontal piece a row span).
"""
from __future__ import annotations

import logging
import statistics
from typing import Optional

from .base import Grid, GridCell
from .cells import fill_cells, positions
from ..settings import DEFAULT, ReaderSettings
from .rulings import Ruling

log = logging.getLogger(__name__)



def _crosses(h: Ruling, v: Ruling, tol: float) -> bool:
    return h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol


def table_regions(rulings: list, s: ReaderSettings = DEFAULT) -> list:
    """Groups of rulings connected by intersections that hold at least two horizontals
    and two verticals (anything less encloses no cell), top to bottom."""
    hs = [r for r in rulings if r.axis == "h"]
    vs = [r for r in rulings if r.axis == "v"]
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _crosses(h, v, s.grid_touch):
                parent[find(i)] = find(len(hs) + j)
    groups: dict = {}
    for i, r in enumerate(hs + vs):
        groups.setdefault(find(i), []).append(r)
    regions = [g for g in groups.values()
               if len({r.pos for r in g if r.axis == "h"}) >= 2 and len({r.pos for r in g if r.axis == "v"}) >= 2]
    return sorted(regions, key=lambda g: (min(r.pos for r in g if r.axis == "h"), min(r.pos for r in g if r.axis == "v")))


def _boundaries(crossing: list, along: list, open_side: float) -> list:
    """Boundaries across one direction: the positions of the ``crossing`` rulings, plus an
    open side where most of the ``along`` rulings run on past the outermost one."""
    bounds = sorted({r.pos for r in crossing})
    lo = statistics.median(r.start for r in along)
    hi = statistics.median(r.end for r in along)
    if lo < bounds[0] - open_side:
        bounds.insert(0, round(lo, 2))
    if hi > bounds[-1] + open_side:
        bounds.append(round(hi, 2))
    return bounds


def _separated(rulings: list, pos: float, lo: float, hi: float, share: float) -> bool:
    """Whether rulings at ``pos`` are drawn along most of [lo, hi]."""
    drawn = sum(r.overlap(lo, hi) for r in rulings if r.pos == pos)
    return drawn >= share * (hi - lo)


def _by_pos(rulings: list) -> dict:
    """``rulings`` grouped by position, each group in their order: ``_separated`` asks about the
    rulings at one position, many times over."""
    out: dict = {}
    for r in rulings:
        out.setdefault(r.pos, []).append(r)
    return out


def span_cells(xs: list, ys: list, vsep, hsep) -> list:
    """Cells covering every elementary position exactly once.

    ``vsep(r, j)``: a ruling separates (r, j-1) from (r, j) (boundary ``xs[j]``);
    ``hsep(i, c)``: a ruling separates (i-1, c) from (i, c) (boundary ``ys[i]``).
    Each cell grows right while no ruling separates, then down while the whole row
    below joins it without an inner separator.
    """
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    taken = [[False] * n_cols for _ in range(n_rows)]
    cells: list = []
    for r in range(n_rows):
        for c in range(n_cols):
            if taken[r][c]:
                continue
            cs = 1
            while c + cs < n_cols and not taken[r][c + cs] and not vsep(r, c + cs):
                cs += 1
            rs = 1
            while r + rs < n_rows and all(
                    not taken[r + rs][k] and not hsep(r + rs, k) for k in range(c, c + cs)) and not any(
                    vsep(r + rs, k) for k in range(c + 1, c + cs)):
                rs += 1
            for i in range(r, r + rs):
                for k in range(c, c + cs):
                    taken[i][k] = True
            cells.append(GridCell(row=r, col=c, text="", x0=xs[c], top=ys[r], x1=xs[c + cs],
                                  bottom=ys[r + rs], rowspan=rs, colspan=cs))
    return cells


def region_grid(region: list, page_no: int, s: ReaderSettings = DEFAULT) -> Grid:
    """The grid of one table region (cells without text yet; id set by the caller)."""
    hs = [r for r in region if r.axis == "h"]
    vs = [r for r in region if r.axis == "v"]
    xs = _boundaries(vs, hs, s.grid_open_side)
    ys = _boundaries(hs, vs, s.grid_open_side)
    v_at, h_at = _by_pos(vs), _by_pos(hs)
    vsep_cache: dict = {}
    hsep_cache: dict = {}

    def vsep(r: int, j: int) -> bool:
        if (r, j) not in vsep_cache:
            vsep_cache[(r, j)] = _separated(v_at.get(xs[j], ()), xs[j], ys[r], ys[r + 1], s.grid_separates)
        return vsep_cache[(r, j)]

    def hsep(i: int, c: int) -> bool:
        if (i, c) not in hsep_cache:
            hsep_cache[(i, c)] = _separated(h_at.get(ys[i], ()), ys[i], xs[c], xs[c + 1], s.grid_separates)
        return hsep_cache[(i, c)]

    return Grid(id="", page=page_no, xs=xs, ys=ys, cells=span_cells(xs, ys, vsep, hsep), source="rulings")


def rejection(grid: Grid, inside: list, em: float, s: ReaderSettings = DEFAULT) -> Optional[str]:
    """Why a grid is no table, or None when it is one; ``inside`` are the chars within it.

    A grid of one row or one column (a boxed title, a page frame) or without text is none;
    nor is one with a sliver column or row: narrower than ``grid_min_size``, or narrower than a
    character (``em``) with no character in it. A sliver means the rulings did not describe
    the table (cells boxed one by one, a ruling drawn at an odd place).
    """
    if grid.n_rows < 2 or grid.n_cols < 2:
        return "one row or one column"
    if not any(ch["text"].strip() for ch in inside):
        return "no text"
    used = positions(grid, [ch for ch in inside if ch["text"].strip()])
    rows = {r for r, _ in used}
    cols = {c for _, c in used}
    for j in range(grid.n_cols):
        width = grid.xs[j + 1] - grid.xs[j]
        if width < s.grid_min_size or (width < em and j not in cols):
            return f"sliver column {j} ({width:.1f} pt)"
    for i in range(grid.n_rows):
        height = grid.ys[i + 1] - grid.ys[i]
        if height < s.grid_min_size or (height < em and i not in rows):
            return f"sliver row {i} ({height:.1f} pt)"
    return None


def ruled_grids(rulings: list, chars: list, page_no: int, em: float, s: ReaderSettings = DEFAULT) -> tuple:
    """The accepted grids of a page's merged ``rulings``, with their text, top to bottom
    (ids not set yet), and the chars left outside them."""
    grids: list = []
    for region in table_regions(rulings, s):
        grid = region_grid(region, page_no, s)
        inside, outside = fill_cells(grid, chars, s)
        reason = rejection(grid, inside, em, s)
        if reason:
            log.debug("page %d: ruled region at %s is no table: %s", page_no, grid.bbox, reason)
            continue
        grids.append(grid)
        chars = outside
    return grids, chars
