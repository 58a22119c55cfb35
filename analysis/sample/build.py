"""Render the bundled sample disclosure PDF from ``tongnan_2025.json``.

Usage::

    python -m analysis.sample.build [--out PATH]

The output is deterministic (reportlab ``invariant`` mode: fixed dates and document id),
so rebuilding from unchanged data gives the same bytes as the committed
``data/raw/chongqing-tongnan-govoffice-2025.pdf``.

Chinese text uses reportlab's built-in CID font ``STSong-Light`` (Adobe-GB1, not embedded),
so no font file is needed to build, and pdfplumber maps the glyphs back to the exact
Unicode characters.

Layout: the narrative comes first on portrait A4 pages, then every attachment table starts
on a new page with the attachment label, the title and the unit line printed as plain text
above a fully ruled grid. Long grid tables repeat their title, unit and header rows on each
page; performance-target tables repeat their indicator header row.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)

ROOT = Path(__file__).resolve().parents[2]
DATA_FILE = Path(__file__).with_name("tongnan_2025.json")
DEFAULT_OUT = ROOT / "data" / "raw" / "chongqing-tongnan-govoffice-2025.pdf"

FONT = "STSong-Light"
MERGE_LEFT = "<"   # cell merged into the cell on its left
MERGE_UP = "^"     # cell merged into the cell above
MARKS = (MERGE_LEFT, MERGE_UP)

MARGIN_X = 20 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 20 * mm
PAGE_NUMBER_Y = 10 * mm
TABLE_FONT_SIZE = 10
CELL_PADDING = 4       # top and bottom padding of table cells
PERFORMANCE_PADDING = 3
LINE_WIDTH = 0.6

_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_ALIGN = {"L": "LEFT", "C": "CENTER", "R": "RIGHT"}
_PARA_ALIGN = {"L": TA_LEFT, "C": TA_CENTER, "R": TA_RIGHT}


# --------------------------------------------------------------------------- data

def load_data(path: Path = DATA_FILE) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------- styles

def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _style(name: str, size: float, align: int = TA_LEFT, leading: Optional[float] = None, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=leading or size * 1.25,
                          alignment=align, wordWrap="CJK", **kw)


STYLES = {
    "title": _style("title", 20, TA_CENTER, 30, spaceAfter=6),
    "h1": _style("h1", 14, leading=22, spaceBefore=10, spaceAfter=4),
    "h2": _style("h2", 12.5, leading=21, spaceBefore=4, spaceAfter=2, leftIndent=12),
    "p": _style("p", 12, leading=21, firstLineIndent=24, spaceAfter=2),
    "contact": _style("contact", 12, leading=21, spaceBefore=18),
    "label": _style("label", 12, leading=16, spaceAfter=4),
    "table_title": _style("table_title", 15, TA_CENTER, 20),
    "unit": _style("unit", 10, TA_RIGHT, 14),
    "note": _style("note", 10, leading=14, spaceBefore=4),
}


def _cell_style(align: str, size: float) -> ParagraphStyle:
    return _style(f"cell_{align}_{size}", size, _PARA_ALIGN[align], size * 1.25)


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


# --------------------------------------------------------------------------- grid tables

def _spans(grid: list) -> list:
    """SPAN commands for merged cells marked with '<' (left) and '^' (up)."""
    commands = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text in MARKS:
                continue
            c1 = c
            while c1 + 1 < len(row) and row[c1 + 1] == MERGE_LEFT:
                c1 += 1
            r1 = r
            while r1 + 1 < len(grid) and grid[r1 + 1][c] == MERGE_UP:
                r1 += 1
            if (c1, r1) != (c, r):
                commands.append(("SPAN", (c, r), (c1, r1)))
    return commands


def _widths(relative: list, total: float) -> list:
    scale = total / sum(relative)
    return [w * scale for w in relative]


def _check_shape(table: dict, ncols: int) -> None:
    for row in table["header"] + table["rows"]:
        if len(row) != ncols:
            raise ValueError(f"{table['title']}: row {row!r} has {len(row)} cells, expected {ncols}")


def grid_table(table: dict, frame_width: float) -> list:
    """A ruled table whose title, unit and header rows repeat on every page it spans."""
    layout = table["layout"]
    align = layout["align"]
    size = layout.get("font_size", TABLE_FONT_SIZE)
    padding = layout.get("padding", CELL_PADDING)
    ncols = len(layout["widths"])
    _check_shape(table, ncols)
    header, body = table["header"], table["rows"]
    head_style = _cell_style("C", size)
    body_styles = {a: _cell_style(a, size) for a in "LCR"}

    cells = []
    for r, row in enumerate(header + body):
        out = []
        for c, text in enumerate(row):
            if text in MARKS or text == "":
                out.append("")
            elif r < len(header):
                out.append(_para(text, head_style))
            elif align[c] == "R":
                out.append(text)  # numbers: one unwrapped right-aligned string
            else:
                out.append(_para(text, body_styles[align[c]]))
        cells.append(out)

    # Two borderless rows above the grid carry the title and unit so that they repeat
    # with the header on continuation pages, as in the published tables.
    blank = [""] * (ncols - 1)
    data = [[_para(table["title"], STYLES["table_title"])] + blank,
            [_para(table["unit"], STYLES["unit"])] + blank] + cells
    top = 2
    first_body = top + len(header)
    commands = [
        ("SPAN", (0, 0), (-1, 0)),
        ("SPAN", (0, 1), (-1, 1)),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.25),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, top), (-1, -1), padding),
        ("BOTTOMPADDING", (0, top), (-1, -1), padding),
        ("LEFTPADDING", (0, top), (-1, -1), 3),
        ("RIGHTPADDING", (0, top), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 4),
        ("GRID", (0, top), (-1, -1), LINE_WIDTH, colors.black),
    ]
    for c, a in enumerate(align):
        commands.append(("ALIGN", (c, first_body), (c, -1), _ALIGN[a]))
    commands += [(cmd, (c0, r0 + top), (c1, r1 + top)) for cmd, (c0, r0), (c1, r1) in _spans(header + body)]

    flow = [Table(data, colWidths=_widths(layout["widths"], frame_width), repeatRows=first_body,
                  style=TableStyle(commands), hAlign="CENTER")]
    flow += [_para(note, STYLES["note"]) for note in table.get("notes", [])]
    return flow


# --------------------------------------------------------------------------- performance tables

def _titles(table: dict) -> list:
    return [_para(table["title"], STYLES["table_title"]), Spacer(1, 4), _para(table["unit"], STYLES["unit"]),
            Spacer(1, 2)]


def _form_commands(size: float, padding: float = CELL_PADDING) -> list:
    return [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.25),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]


def _value_cell(text: str, size: float):
    """Indicator values: numbers right-aligned unwrapped, words centred."""
    if _is_number(text):
        return text
    return _para(text, _cell_style("C", size)) if text else ""


def project_performance_table(table: dict, frame_width: float) -> list:
    """附件12: project header block, then the indicator block whose header row repeats."""
    size = TABLE_FONT_SIZE
    p = table["project"]
    left, centre = _cell_style("L", size), _cell_style("C", size)

    def label(text):
        return _para(text, centre)

    def text(value):
        return _para(value, left) if value else ""

    rows = [
        [label("项目名称"), text(p["name"]), "", "", "", "", ""],
        [label("主管部门"), text(p["department"]), "", label("实施单位"), text(p["implementer"]), "", ""],
        [label("资金总额（万元）"), text(p["amount"]), "", label("项目属性"), text(p["attribute"]), "", ""],
        [label("项目起始时间"), text(p["start"]), "", label("项目终止时间"), text(p["end"]), "", ""],
        [label("项目概况"), text(p["overview"]), "", "", "", "", ""],
        [label("立项依据"), text(p["basis"]), "", "", "", "", ""],
        [label("项目当年绩效目标"), text(p["target"]), "", "", "", "", ""],
    ]
    head = len(rows)
    rows.append([label(t) for t in ("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "指标性质", "度量单位")])
    for indicator in table["indicators"]:
        if len(indicator) != 6:
            raise ValueError(f"{table['title']}: indicator {indicator!r} must have 6 cells")
        first, second, third, value, nature, unit = indicator
        rows.append(["", _para(first, centre), _para(second, centre), text(third), _value_cell(value, size),
                     _para(nature, centre) if nature else "", _para(unit, centre) if unit else ""])

    commands = _form_commands(size, PERFORMANCE_PADDING) + [
        ("SPAN", (1, 0), (-1, 0)),
        ("SPAN", (1, 1), (2, 1)), ("SPAN", (4, 1), (-1, 1)),
        ("SPAN", (1, 2), (2, 2)), ("SPAN", (4, 2), (-1, 2)),
        ("SPAN", (1, 3), (2, 3)), ("SPAN", (4, 3), (-1, 3)),
        ("SPAN", (1, 4), (-1, 4)),
        ("SPAN", (1, 5), (-1, 5)),
        ("SPAN", (1, 6), (-1, 6)),
        ("GRID", (0, 0), (-1, head - 1), LINE_WIDTH, colors.black),
        # The first column of the indicator block reads as one merged "绩效指标" cell: it has
        # no inner horizontal rules (a real SPAN would stop the table from splitting across pages).
        ("GRID", (1, head), (-1, -1), LINE_WIDTH, colors.black),
        ("BOX", (0, head), (-1, -1), LINE_WIDTH, colors.black),
        ("VALIGN", (0, head), (0, head), "TOP"),
        ("ALIGN", (4, head + 1), (4, -1), "RIGHT"),
    ]
    widths = _widths([92, 62, 92, 250, 75, 55, 70], frame_width)
    return _titles(table) + [Table(rows, colWidths=widths, repeatRows=(head,), style=TableStyle(commands),
                                   hAlign="CENTER")]


def overall_performance_table(table: dict, frame_width: float) -> list:
    """附件11: the department's overall performance targets."""
    size = TABLE_FONT_SIZE
    left, centre = _cell_style("L", size), _cell_style("C", size)
    columns = table["indicator_columns"]
    rows = [
        [_para("部门(单位)名称", centre), _para(table["department"], left), "", _para("部门支出预算数", centre),
         table["budget"]],
        [_para("当年整体绩效目标", centre), _para(table["target"], left), "", "", ""],
        [_para("绩效指标", centre), "", "", "", ""],
        [_para(c, centre) for c in columns],
    ]
    head = len(rows)
    for indicator in table["indicators"]:
        if len(indicator) != len(columns):
            raise ValueError(f"{table['title']}: indicator {indicator!r} must have {len(columns)} cells")
        name, rest = indicator[0], indicator[1:]
        rows.append([_para(name, left)] + [_value_cell(v, size) for v in rest])
    commands = _form_commands(size) + [
        ("SPAN", (1, 0), (2, 0)),
        ("SPAN", (1, 1), (-1, 1)),
        ("SPAN", (0, 2), (-1, 2)),
        ("GRID", (0, 0), (-1, -1), LINE_WIDTH, colors.black),
        ("ALIGN", (4, 0), (4, 0), "RIGHT"),
        ("ALIGN", (1, head), (-1, -1), "RIGHT"),
    ]
    widths = _widths([30, 15, 15, 15, 25], frame_width)
    flow = _titles(table) + [Table(rows, colWidths=widths, repeatRows=(head - 1,), style=TableStyle(commands),
                                   hAlign="CENTER")]
    flow += [_para(line, STYLES["note"]) for line in table.get("footer", [])]
    return flow


RENDERERS = {
    "grid": grid_table,
    "project_performance": project_performance_table,
    "overall_performance": overall_performance_table,
}


# --------------------------------------------------------------------------- document

def _orientation(table: dict) -> str:
    return table.get("layout", {}).get("orientation", "landscape")


def _frame_width(orientation: str) -> float:
    width = (landscape(A4) if orientation == "landscape" else A4)[0]
    return width - 2 * MARGIN_X


def _page_template(name: str, size: tuple) -> PageTemplate:
    """A single-frame page of ``size`` with the page number centred in the footer."""
    def page_number(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(size[0] / 2, PAGE_NUMBER_Y, str(doc.page))
        canvas.restoreState()

    frame = Frame(MARGIN_X, MARGIN_BOTTOM, size[0] - 2 * MARGIN_X, size[1] - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"{name}-frame")
    return PageTemplate(id=name, frames=[frame], pagesize=size, onPage=page_number)


def story(data: dict) -> list:
    """All flowables: narrative pages, then one new page per attachment table."""
    flow = [_para(text, STYLES[style]) for style, text in data["narrative"]]
    for attachment in data["attachments"]:
        for i, table in enumerate(attachment["tables"]):
            orientation = _orientation(table)
            flow += [NextPageTemplate(orientation), PageBreak()]
            if i == 0:
                flow.append(_para(attachment["label"], STYLES["label"]))
            flow += RENDERERS[table["kind"]](table, _frame_width(orientation))
    return flow


def build(out: Path = DEFAULT_OUT, data: Optional[dict] = None) -> Path:
    """Write the sample PDF to ``out`` and return its path."""
    _register_font()
    data = data if data is not None else load_data()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = BaseDocTemplate(
        str(out), pagesize=A4,
        pageTemplates=[_page_template("portrait", A4), _page_template("landscape", landscape(A4))],
        title=data["document"]["pdf_title"], author="budget-audit sample (rebuilt from the published disclosure)",
        subject="部门预算公开 sample", creator="analysis.sample.build", invariant=1,
    )
    doc.build(story(data))
    return out


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output PDF (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    path = build(args.out)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
