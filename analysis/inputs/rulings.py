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

from ..settings import DEFAULT, ReaderSettings



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
def _real(v) -> bool:
    """A real number (a float or an int first: the ABC's own check is slow)."""
    return type(v) is float or type(v) is int or isinstance(v, Real)


def luminance(colour) -> Optional[float]:
    """Lightness of a pdfminer colour in [0, 1] (0 black, 1 white); None when unknown.

    pdfminer gives a bare number or a 1-tuple (gray), a 3-tuple (RGB), a 4-tuple (CMYK);
    pattern colours carry a name and other spaces other arities: those are unknown.
    """
    if _real(colour):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not all(_real(v) for v in colour):
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


def strokes_visibly(obj: dict, s: ReaderSettings = DEFAULT) -> bool:
    """A stroked path whose colour shows on paper (linewidth 0 still draws a hairline)."""
    return bool(obj.get("stroke")) and _seen(obj.get("stroking_color"), s.near_white)


def fills_as_line(obj: dict, s: ReaderSettings = DEFAULT) -> bool:
    """A filled path dark enough to read as a line (when it is thin)."""
    return bool(obj.get("fill")) and _seen(obj.get("non_stroking_color"), s.line_dark)


# ---------------------------------------------------------------------------
# page objects -> rulings
# ---------------------------------------------------------------------------
def _segment(x0: float, y0: float, x1: float, y1: float, s: ReaderSettings) -> Optional[Ruling]:
    """The ruling of a straight segment, or None when it is diagonal or too short."""
    if abs(y1 - y0) < s.ruling_straight:
        lo, hi = sorted((x0, x1))
        return Ruling("h", (y0 + y1) / 2, lo, hi) if hi - lo >= s.ruling_min_length else None
    if abs(x1 - x0) < s.ruling_straight:
        lo, hi = sorted((y0, y1))
        return Ruling("v", (x0 + x1) / 2, lo, hi) if hi - lo >= s.ruling_min_length else None
    return None


def _box_as_line(obj: dict, s: ReaderSettings) -> Optional[Ruling]:
    """A thin box (filled or stroked) drawn as a line along its long side."""
    w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
    if h <= s.ruling_thin and w > h:
        mid = (obj["top"] + obj["bottom"]) / 2
        return _segment(obj["x0"], mid, obj["x1"], mid, s)
    if w <= s.ruling_thin and h > w:
        mid = (obj["x0"] + obj["x1"]) / 2
        return _segment(mid, obj["top"], mid, obj["bottom"], s)
    return None


def _is_thin(obj: dict, s: ReaderSettings) -> bool:
    return min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]) <= s.ruling_thin


def _path_segments(path: list, s: ReaderSettings) -> Iterable[Ruling]:
    """Straight axis-aligned segments of a pdfplumber path (``m``/``l``/``c``/``v``/``y``/``h``)."""
    current = start = None
    for op in path:
        kind, pts = op[0], op[1:]
        if kind == "m":
            current = start = pts[0]
        elif kind == "l" and current is not None:
            seg = _segment(current[0], current[1], pts[0][0], pts[0][1], s)
            if seg:
                yield seg
            current = pts[0]
        elif kind == "h" and current is not None and start is not None:
            seg = _segment(current[0], current[1], start[0], start[1], s)
            if seg:
                yield seg
            current = start
        elif pts:
            current = pts[-1]  # a Bézier piece: not a ruling, but it moves the pen


def _rect_edges(obj: dict, s: ReaderSettings) -> list:
    x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
    edges = [_segment(x0, top, x1, top, s), _segment(x0, bottom, x1, bottom, s),
             _segment(x0, top, x0, bottom, s), _segment(x1, top, x1, bottom, s)]
    return [e for e in edges if e]


def object_rulings(obj: dict, s: ReaderSettings = DEFAULT) -> list:
    """The visible rulings one pdfplumber line, rect or curve draws (possibly none).

    - a stroked thin box, or a filled thin box dark enough: one line along its long side;
    - a stroked box: its four edges (a fill, if any, is shading: its edges are not rulings);
    - a stroked line or polyline: its straight axis-aligned segments;
    - anything white, unpainted or a large filled box: nothing.
    """
    kind = obj.get("object_type")
    stroked = strokes_visibly(obj, s)
    if kind in ("rect", "curve") and _is_thin(obj, s) and (stroked or fills_as_line(obj, s)):
        line = _box_as_line(obj, s)
        return [line] if line else []
    if not stroked:
        return []
    if kind == "rect":
        return _rect_edges(obj, s)
    if obj.get("path"):
        return list(_path_segments(obj["path"], s))
    pts = obj.get("pts") or []
    return [seg for a, b in zip(pts, pts[1:]) if (seg := _segment(a[0], a[1], b[0], b[1], s))]


def page_rulings(page, s: ReaderSettings = DEFAULT) -> list:
    """Every visible ruling of a pdfplumber page, unmerged."""
    out: list = []
    for obj in (*page.lines, *page.rects, *page.curves):
        out.extend(object_rulings(obj, s))
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


def merge_rulings(rulings: list, s: ReaderSettings = DEFAULT) -> list:
    """One ruling per drawn line.

    Parallel rulings closer than ``ruling_snap`` (double lines, inset lines, the two edges of a
    thin box) take one position, the length-weighted mean; collinear pieces that overlap or
    have a gap of at most ``ruling_join`` become one ruling. Returns horizontals then verticals,
    each sorted by position then start.
    """
    out: list = []
    for axis in ("h", "v"):
        for group in _clusters([r for r in rulings if r.axis == axis], s.ruling_snap):
            weight = sum(max(r.length, 1e-6) for r in group)
            pos = round(sum(r.pos * max(r.length, 1e-6) for r in group) / weight, 2)
            pieces = sorted(group, key=lambda r: r.start)
            start, end = pieces[0].start, pieces[0].end
            for r in pieces[1:]:
                if r.start - end <= s.ruling_join:
                    end = max(end, r.end)
                else:
                    out.append(Ruling(axis, pos, start, end))
                    start, end = r.start, r.end
            out.append(Ruling(axis, pos, start, end))
    return out
