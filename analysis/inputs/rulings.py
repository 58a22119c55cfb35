"""Visible rulings of a PDF page: the lines a reader actually sees, merged.

Exporters draw table borders in many ways: stroked lines, stroked rectangles, thin filled
rectangles, polylines; many also pad cells with white or invisible rectangles a few points
inside the borders, or draw double and inset lines. Only what is drawn and visible becomes a
:class:`Ruling`; collinear pieces are joined and close parallel lines are merged, so that
each table border is one ruling.

Coordinates are pdfplumber's: x from the left, y (``top``) from the top of the page.
"""
from __future__ import annotations

from dataclasses import dataclass
from numbers import Real
from typing import Iterable, Optional

THIN = 2.0             # a filled or stroked box at most this thick in one dimension is a line
MIN_LENGTH = 2.0       # shorter pieces (corner dots, stroke caps) bound nothing
STRAIGHT = 0.5         # a path segment whose ends differ by less than this across is axis-aligned
NEAR_WHITE = 0.92      # a stroke this light (luminance) is not seen on white paper
LINE_DARK = 0.8        # a filled thin box must be at most this light to read as a line
SNAP = 3.0             # parallel rulings closer than this are one (double, inset lines)
JOIN = 3.0             # collinear pieces with a gap up to this are one ruling


@dataclass(frozen=True)
class Ruling:
    """A visible straight line: horizontal (``axis`` "h") at y=``pos`` from x=``start`` to
    x=``end``, or vertical ("v") at x=``pos`` from y=``start`` to y=``end``."""
    axis: str
    pos: float
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start

    def overlap(self, lo: float, hi: float) -> float:
        """Length of this ruling within [lo, hi] along its own axis."""
        return max(0.0, min(self.end, hi) - max(self.start, lo))


# ---------------------------------------------------------------------------
# colours
# ---------------------------------------------------------------------------
def luminance(colour) -> Optional[float]:
    """Lightness of a pdfminer colour in [0, 1] (0 black, 1 white); None when unknown.

    pdfminer gives a bare number or a 1-tuple (gray), a 3-tuple (RGB), a 4-tuple (CMYK);
    pattern colours carry a name and other spaces other arities: those are unknown.
    """
    if isinstance(colour, Real):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not all(isinstance(v, Real) for v in colour):
        return None
    v = [min(1.0, max(0.0, float(x))) for x in colour]
    if len(v) == 1:
        return v[0]
    if len(v) == 3:
        return 0.299 * v[0] + 0.587 * v[1] + 0.114 * v[2]
    if len(v) == 4:
        c, m, y, k = v
        return (0.299 * (1 - c) + 0.587 * (1 - m) + 0.114 * (1 - y)) * (1 - k)
    return None


def _seen(colour, limit: float) -> bool:
    lum = luminance(colour)
    return lum is None or lum <= limit


def strokes_visibly(obj: dict) -> bool:
    """A stroked path whose colour shows on paper (linewidth 0 still draws a hairline)."""
    return bool(obj.get("stroke")) and _seen(obj.get("stroking_color"), NEAR_WHITE)


def fills_as_line(obj: dict) -> bool:
    """A filled path dark enough to read as a line (when it is thin)."""
    return bool(obj.get("fill")) and _seen(obj.get("non_stroking_color"), LINE_DARK)


# ---------------------------------------------------------------------------
# page objects -> rulings
# ---------------------------------------------------------------------------
def _segment(x0: float, y0: float, x1: float, y1: float) -> Optional[Ruling]:
    """The ruling of a straight segment, or None when it is diagonal or too short."""
    if abs(y1 - y0) < STRAIGHT:
        lo, hi = sorted((x0, x1))
        return Ruling("h", (y0 + y1) / 2, lo, hi) if hi - lo >= MIN_LENGTH else None
    if abs(x1 - x0) < STRAIGHT:
        lo, hi = sorted((y0, y1))
        return Ruling("v", (x0 + x1) / 2, lo, hi) if hi - lo >= MIN_LENGTH else None
    return None


def _box_as_line(obj: dict) -> Optional[Ruling]:
    """A thin box (filled or stroked) drawn as a line along its long side."""
    w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
    if h <= THIN and w > h:
        mid = (obj["top"] + obj["bottom"]) / 2
        return _segment(obj["x0"], mid, obj["x1"], mid)
    if w <= THIN and h > w:
        mid = (obj["x0"] + obj["x1"]) / 2
        return _segment(mid, obj["top"], mid, obj["bottom"])
    return None


def _is_thin(obj: dict) -> bool:
    return min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]) <= THIN


def _path_segments(path: list) -> Iterable[Ruling]:
    """Straight axis-aligned segments of a pdfplumber path (``m``/``l``/``c``/``v``/``y``/``h``)."""
    current = start = None
    for op in path:
        kind, pts = op[0], op[1:]
        if kind == "m":
            current = start = pts[0]
        elif kind == "l" and current is not None:
            seg = _segment(current[0], current[1], pts[0][0], pts[0][1])
            if seg:
                yield seg
            current = pts[0]
        elif kind == "h" and current is not None and start is not None:
            seg = _segment(current[0], current[1], start[0], start[1])
            if seg:
                yield seg
            current = start
        elif pts:
            current = pts[-1]  # a Bézier piece: not a ruling, but it moves the pen


def _rect_edges(obj: dict) -> list:
    x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
    edges = [_segment(x0, top, x1, top), _segment(x0, bottom, x1, bottom),
             _segment(x0, top, x0, bottom), _segment(x1, top, x1, bottom)]
    return [e for e in edges if e]


def object_rulings(obj: dict) -> list:
    """The visible rulings one pdfplumber line, rect or curve draws (possibly none).

    - a stroked thin box, or a filled thin box dark enough: one line along its long side;
    - a stroked box: its four edges (a fill, if any, is shading: its edges are not rulings);
    - a stroked line or polyline: its straight axis-aligned segments;
    - anything white, unpainted or a large filled box: nothing.
    """
    kind = obj.get("object_type")
    stroked = strokes_visibly(obj)
    if kind in ("rect", "curve") and _is_thin(obj) and (stroked or fills_as_line(obj)):
        line = _box_as_line(obj)
        return [line] if line else []
    if not stroked:
        return []
    if kind == "rect":
        return _rect_edges(obj)
    if obj.get("path"):
        return list(_path_segments(obj["path"]))
    pts = obj.get("pts") or []
    return [s for a, b in zip(pts, pts[1:]) if (s := _segment(a[0], a[1], b[0], b[1]))]


def page_rulings(page) -> list:
    """Every visible ruling of a pdfplumber page, unmerged."""
    out: list = []
    for obj in (*page.lines, *page.rects, *page.curves):
        out.extend(object_rulings(obj))
    return out


# ---------------------------------------------------------------------------
# merging
# ---------------------------------------------------------------------------
def _clusters(rulings: list, snap: float) -> list:
    """Rulings of one axis grouped by position: neighbours closer than ``snap`` join."""
    groups: list = []
    for r in sorted(rulings, key=lambda r: r.pos):
        if groups and r.pos - groups[-1][-1].pos <= snap:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def merge_rulings(rulings: list, snap: float = SNAP, join: float = JOIN) -> list:
    """One ruling per drawn line.

    Parallel rulings closer than ``snap`` (double lines, inset lines, the two edges of a
    thin box) take one position, the length-weighted mean; collinear pieces that overlap or
    have a gap of at most ``join`` become one ruling. Returns horizontals then verticals,
    each sorted by position then start.
    """
    out: list = []
    for axis in ("h", "v"):
        for group in _clusters([r for r in rulings if r.axis == axis], snap):
            weight = sum(max(r.length, 1e-6) for r in group)
            pos = round(sum(r.pos * max(r.length, 1e-6) for r in group) / weight, 2)
            pieces = sorted(group, key=lambda r: r.start)
            start, end = pieces[0].start, pieces[0].end
            for r in pieces[1:]:
                if r.start - end <= join:
                    end = max(end, r.end)
                else:
                    out.append(Ruling(axis, pos, start, end))
                    start, end = r.start, r.end
            out.append(Ruling(axis, pos, start, end))
    return out
