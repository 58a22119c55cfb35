"""Draw synthetic budget tables with reportlab, with the drawing quirks of real exporters.

A table is a header spec (``Span`` cells with row and column spans), body rows and a
``Quirks`` choice of how its rulings are drawn. ``draw_table`` draws it on a reportlab canvas
at a position given in pdfplumber's coordinates (x from the left, ``top`` from the top of
the page) and returns the boundaries it drew, so tests compare what a reader finds with what
was drawn. Compose whole documents with ``new_canvas``, ``draw_text`` and ``draw_table``::

    c = new_canvas(path, landscape(A4))
    draw_text(c, 300, 40, "2025年部门收入预算总表", size=14)
    drawn = draw_table(c, 50, 80, widths, HEADER, rows, quirks=Quirks(padding=1.5))
    c.showPage(); c.save()

Text uses reportlab's built-in CID font ``STSong-Light`` (not embedded: no font file needed,
and pdfplumber maps its glyphs back to the exact characters).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

FONT = "STSong-Light"
PAD = 3.0                  # horizontal padding of text inside a cell
THIN_RULE = 0.96           # thickness of a ruling drawn as a filled rectangle
_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")

BLACK = {"gray": (0.0,), "rgb": (0.15, 0.15, 0.15), "cmyk": (0.0, 0.0, 0.0, 1.0)}
WHITE = {"gray": (1.0,), "rgb": (1.0, 1.0, 1.0), "cmyk": (0.0, 0.0, 0.0, 0.0)}


@dataclass(frozen=True)
class Span:
    """A table cell at (``row``, ``col``) covering ``rowspan`` x ``colspan`` positions."""
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Quirks:
    """How an exporter draws the table.

    ``borders``: "lines" (stroked line per cell side), "rects" (thin filled rectangles, as
    many Excel exports), "boxes" (a stroked rectangle per cell), "horizontal" (rules above
    and below the header and below the table only), "none" (text aligned, no rulings).
    """
    borders: str = "lines"
    colour: str = "gray"          # colour space of the rulings: "gray" | "rgb" | "cmyk"
    line_width: float = 0.5
    padding: float = 0.0          # white filled rectangles this far inside every cell's borders
    white_frames: bool = False    # white-stroked rectangles across every row, off the borders
    white_rules: bool = False     # thin white filled rectangles through the middle of every row
    double: float = 0.0           # outer frame drawn again this far outside (a double border)
    inset: float = 0.0            # outer frame drawn again this far inside
    shading: bool = False         # light-gray bands across every other body row, 5 pt off its borders
    boxed_gap: float = 0.0        # every cell boxed alone, the boxes this far apart (no shared borders)
    open_sides: bool = False      # no outer vertical borders: the rows' rules end the table left and right


@dataclass
class Drawn:
    """What ``draw_table`` drew, in pdfplumber coordinates."""
    xs: list                                  # column boundaries, left to right
    ys: list                                  # row boundaries, top to bottom
    cells: list = field(default_factory=list)  # every Span, header and body rows together

    @property
    def bbox(self) -> tuple:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def new_canvas(path: Path, pagesize=A4) -> Canvas:
    """A reportlab canvas with the Chinese font registered and deterministic output."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return Canvas(str(path), pagesize=pagesize, invariant=1)


def page_height(c: Canvas) -> float:
    return c._pagesize[1]  # reportlab keeps the page size only there


def draw_text(c: Canvas, x: float, top: float, text: str, size: float = 10, align: str = "left") -> None:
    """One line of text whose glyph box starts ``top`` points below the page top."""
    c.setFillGray(0)
    c.setFont(FONT, size)
    y = page_height(c) - top - size * 0.88
    {"left": c.drawString, "centre": c.drawCentredString, "right": c.drawRightString}[align](x, y, text)


def body_spans(rows: list, first_row: int) -> list:
    """Spans of body rows: each item is a text or a (text, colspan) pair."""
    out: list = []
    for r, row in enumerate(rows):
        col = 0
        for item in row:
            text, colspan = item if isinstance(item, tuple) else (item, 1)
            out.append(Span(text, first_row + r, col, 1, colspan))
            col += colspan
    return out


def _set_colour(c: Canvas, space: str, rgb: tuple, stroke: bool) -> None:
    if space == "cmyk":
        (c.setStrokeColorCMYK if stroke else c.setFillColorCMYK)(*rgb)
    elif space == "rgb":
        (c.setStrokeColorRGB if stroke else c.setFillColorRGB)(*rgb)
    else:
        (c.setStrokeGray if stroke else c.setFillGray)(rgb[0])


def _rule(c: Canvas, q: Quirks, height: float, x0: float, top0: float, x1: float, top1: float) -> None:
    """One visible ruling from (x0, top0) to (x1, top1), axis-aligned."""
    if q.borders == "rects":
        _set_colour(c, q.colour, BLACK[q.colour], stroke=False)
        half = THIN_RULE / 2
        if top0 == top1:
            c.rect(x0 - half, height - top0 - half, x1 - x0 + 2 * half, THIN_RULE, stroke=0, fill=1)
        else:
            c.rect(x0 - half, height - top1 - half, THIN_RULE, top1 - top0 + 2 * half, stroke=0, fill=1)
    else:
        _set_colour(c, q.colour, BLACK[q.colour], stroke=True)
        c.setLineWidth(q.line_width)
        c.line(x0, height - top0, x1, height - top1)


def _frame(c: Canvas, q: Quirks, height: float, x0: float, top: float, x1: float, bottom: float,
           skip_x: tuple = ()) -> None:
    """The four sides of a box; vertical sides at an x of ``skip_x`` are left out."""
    _rule(c, q, height, x0, top, x1, top)
    _rule(c, q, height, x0, bottom, x1, bottom)
    for x in (x0, x1):
        if x not in skip_x:
            _rule(c, q, height, x, top, x, bottom)


def _cell_text(c: Canvas, span: Span, box: tuple, header: bool, size: float, height: float) -> None:
    x0, top, x1, bottom = box
    lines = span.text.split("\n")
    lead = size * 1.25
    first = (top + bottom) / 2 - lead * len(lines) / 2 + (lead - size) / 2
    for k, text in enumerate(lines):
        t = first + k * lead
        if _NUMBER.match(text):
            draw_text(c, x1 - PAD, t, text, size, "right")
        elif header:
            draw_text(c, (x0 + x1) / 2, t, text, size, "centre")
        else:
            draw_text(c, x0 + PAD, t, text, size, "left")


def draw_table(c: Canvas, x: float, top: float, widths: list, header: list, body: list,
               row_height: float = 20.0, quirks: Optional[Quirks] = None, size: float = 9.0,
               header_rows: Optional[int] = None) -> Drawn:
    """Draw a table with its left edge at ``x`` and its top ``top`` points below the page top.

    ``header``: ``Span`` cells of the header rows; ``body``: rows of texts or (text, colspan)
    pairs; ``widths``: column widths. Texts may hold "\\n" (wrapped lines). Numbers are
    right-aligned, header texts centred, other body texts left-aligned.
    """
    q = quirks or Quirks()
    height = page_height(c)
    n_header = header_rows if header_rows is not None else max((s.row + s.rowspan for s in header), default=0)
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)
    n_rows = n_header + len(body)
    ys = [top + k * row_height for k in range(n_rows + 1)]
    spans = list(header) + body_spans(body, n_header)

    def box(s: Span) -> tuple:
        return xs[s.col], ys[s.row], xs[s.col + s.colspan], ys[s.row + s.rowspan]

    if q.shading:
        c.setFillGray(0.85)
        for r in range(n_header, n_rows, 2):
            c.rect(xs[0], height - ys[r + 1] - 5, xs[-1] - xs[0], row_height, stroke=0, fill=1)
    if q.borders in ("lines", "rects") and not q.boxed_gap:
        outer = (xs[0], xs[-1]) if q.open_sides else ()
        for s in spans:
            _frame(c, q, height, *box(s), skip_x=outer)
    elif q.borders == "boxes" or q.boxed_gap:
        _set_colour(c, q.colour, BLACK[q.colour], stroke=True)
        c.setLineWidth(q.line_width)
        g = q.boxed_gap / 2
        for s in spans:
            x0, t, x1, b = box(s)
            c.rect(x0 + g, height - b + g, x1 - x0 - 2 * g, b - t - 2 * g, stroke=1, fill=0)
    elif q.borders == "horizontal":
        for t in (ys[0], ys[n_header], ys[-1]):
            _rule(c, q, height, xs[0], t, xs[-1], t)
    for extra in (q.double, -q.inset):
        if extra:
            _frame(c, q, height, xs[0] - extra, ys[0] - extra, xs[-1] + extra, ys[-1] + extra)
    if q.padding:
        _set_colour(c, q.colour, WHITE[q.colour], stroke=False)
        for s in spans:
            x0, t, x1, b = box(s)
            p = q.padding
            c.rect(x0 + p, height - b + p, x1 - x0 - 2 * p, b - t - 2 * p, stroke=0, fill=1)
    if q.white_frames:
        _set_colour(c, q.colour, WHITE[q.colour], stroke=True)
        c.setLineWidth(0.5)
        for r in range(n_rows):
            c.rect(xs[0] + 6, height - ys[r + 1] + 5, xs[-1] - xs[0] - 12, row_height - 10, stroke=1, fill=0)
    if q.white_rules:
        _set_colour(c, q.colour, WHITE[q.colour], stroke=False)
        for r in range(n_rows):
            c.rect(xs[0], height - (ys[r] + ys[r + 1]) / 2 - 0.5, xs[-1] - xs[0], 1.0, stroke=0, fill=1)
    for s in spans:
        _cell_text(c, s, box(s), s.row < n_header, size, height)
    return Drawn(xs=xs, ys=ys, cells=spans)


# ---------------------------------------------------------------------------
# A header of the kind Shanghai Putuo publishes (收入预算总表): three header rows.
# ---------------------------------------------------------------------------
INCOME_HEADER = [
    Span("项目", 0, 0, 1, 4), Span("收入预算", 0, 4, 1, 5),
    Span("功能分类科目编码", 1, 0, 1, 3), Span("功能分类科目名称", 1, 3, 2, 1), Span("合计", 1, 4, 2, 1),
    Span("财政拨款收入", 1, 5, 2, 1), Span("事业收入", 1, 6, 2, 1), Span("事业单位\n经营收入", 1, 7, 2, 1),
    Span("其他收入", 1, 8, 2, 1),
    Span("类", 2, 0), Span("款", 2, 1), Span("项", 2, 2),
]
INCOME_WIDTHS = [34, 34, 34, 202, 91, 95, 81, 81, 77]
INCOME_ROWS = [
    ["201", "", "", "一般公共服务支出", "21,601,733.00", "21,601,733.00", "", "", ""],
    ["201", "13", "", "商贸事务", "21,601,733.00", "21,601,733.00", "", "", ""],
    ["201", "13", "01", "行政运行", "9,389,913.00", "9,389,913.00", "", "", ""],
    ["208", "05", "05", "机关事业单位基本养老保险\n缴费支出", "1,410,886.00", "1,410,886.00", "", "", ""],
    [("合计", 4), "23,012,619.00", "23,012,619.00", "", "", ""],
]
