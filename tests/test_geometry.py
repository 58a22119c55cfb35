"""The geometry layer of the PDF reader: visible rulings, grids with spans, cell text from
characters, the text-alignment fallback, and their Lines.

Synthetic pages are drawn at test time with ``tests/layouts/draw.py`` (reportlab), each with
one quirk of real exporters; real pages come from ``../shared/corpus``.
"""
from __future__ import annotations

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4, landscape

from analysis.inputs.base import Grid
from analysis.inputs.cells import join_chars, join_line
from analysis.inputs.grids import span_cells
from analysis.inputs.pdf import read_page
from analysis.inputs.rulings import Ruling, luminance, merge_rulings, object_rulings

from .conftest import CORPUS, needs_shared
from .layouts.draw import (INCOME_HEADER, INCOME_ROWS, INCOME_WIDTHS, Quirks, Span, draw_table,
                           draw_text, new_canvas)


def read_first_page(path):
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        return read_page(page, 1), page.width, page.height, len(page.rects), len(page.lines)


def income_page(tmp_path, quirks: Quirks, pagesize=landscape(A4)):
    """The Putuo-style 收入预算总表 (three header rows) drawn with ``quirks``."""
    path = tmp_path / "income.pdf"
    c = new_canvas(path, pagesize)
    draw_text(c, pagesize[0] / 2, 40, "2025年部门收入预算总表", size=14, align="centre")
    draw_text(c, 55, 90, "编制部门：上海市普陀区商务委员会", size=9)
    drawn = draw_table(c, 55, 110, INCOME_WIDTHS, INCOME_HEADER, INCOME_ROWS, row_height=24, quirks=quirks)
    c.showPage()
    c.save()
    return path, drawn


def spans(grid: Grid, r: int, c: int) -> tuple:
    cell = grid.at(r, c)
    return cell.text, cell.row, cell.col, cell.rowspan, cell.colspan


# ---------------------------------------------------------------------------
# colours and rulings
# ---------------------------------------------------------------------------
def test_luminance_reads_every_colour_space():
    assert luminance(0) == 0.0 and luminance(1.0) == 1.0          # bare gray
    assert luminance((0.5,)) == 0.5                                  # gray 1-tuple
    assert luminance((1.0, 1.0, 1.0)) == pytest.approx(1.0)         # RGB white
    assert luminance((1.0, 0.0, 0.0)) == pytest.approx(0.299)       # RGB red
    assert luminance((0.0, 0.0, 0.0, 0.0)) == pytest.approx(1.0)    # CMYK white (no ink)
    assert luminance((0.0, 0.0, 0.0, 1.0)) == pytest.approx(0.0)    # CMYK black
    assert luminance("P0") is None                                   # a pattern name
    assert luminance((0.2, "P1")) is None                            # pattern with components
    assert luminance(None) is None and luminance((0.1, 0.2)) is None


def _obj(kind, x0, top, x1, bottom, **kw):
    base = {"object_type": kind, "x0": x0, "top": top, "x1": x1, "bottom": bottom, "stroke": False,
            "fill": False, "stroking_color": None, "non_stroking_color": None}
    base.update(kw)
    return base


def test_only_visible_objects_give_rulings():
    black_line = _obj("line", 10, 50, 200, 50, stroke=True, stroking_color=(0,), linewidth=0,
                      path=[("m", (10, 50)), ("l", (200, 50))])
    assert object_rulings(black_line) == [Ruling("h", 50, 10, 200)]
    white_line = dict(black_line, stroking_color=(1, 1, 1))
    assert object_rulings(white_line) == []
    pattern_line = dict(black_line, stroking_color="P0")          # unknown colour: visible
    assert object_rulings(pattern_line) == [Ruling("h", 50, 10, 200)]
    diagonal = _obj("line", 10, 50, 200, 90, stroke=True, stroking_color=(0,),
                    path=[("m", (10, 50)), ("l", (200, 90))])
    assert object_rulings(diagonal) == []
    thin_dark = _obj("rect", 100, 20, 100.96, 300, fill=True, non_stroking_color=(0.0, 0.0, 0.0, 1.0))
    assert object_rulings(thin_dark) == [Ruling("v", pytest.approx(100.48), 20, 300)]
    thin_white = dict(thin_dark, non_stroking_color=(1.0,))
    assert object_rulings(thin_white) == []
    shading = _obj("rect", 100, 20, 300, 60, fill=True, non_stroking_color=(0.2,))  # a large filled box
    assert object_rulings(shading) == []
    padding = _obj("rect", 101.5, 21.5, 298.5, 58.5, fill=True, non_stroking_color=(1.0, 1.0, 1.0))
    assert object_rulings(padding) == []
    boxed = _obj("rect", 100, 20, 300, 60, stroke=True, stroking_color=(0,), fill=True,
                 non_stroking_color=(0.9,))
    assert object_rulings(boxed) == [Ruling("h", 20, 100, 300), Ruling("h", 60, 100, 300),
                                     Ruling("v", 100, 20, 60), Ruling("v", 300, 20, 60)]
    polyline = _obj("curve", 10, 10, 110, 60, stroke=True, stroking_color=(0,),
                    path=[("m", (10, 10)), ("l", (110, 10)), ("l", (110, 60)), ("c", (0, 0), (0, 0), (50, 80))])
    assert object_rulings(polyline) == [Ruling("h", 10, 10, 110), Ruling("v", 110, 10, 60)]


def test_merge_joins_pieces_and_double_lines():
    pieces = [Ruling("h", 100.0, 10, 60), Ruling("h", 100.0, 61, 120),    # a 1 pt gap: one line
              Ruling("h", 101.5, 10, 120),                                 # a double line 1.5 pt below
              Ruling("h", 100.0, 140, 200),                                # 20 pt further on: apart
              Ruling("h", 108.0, 10, 120),                                 # 8 pt below: another line
              Ruling("v", 10.0, 100, 108), Ruling("v", 11.0, 100, 108)]    # an inset vertical
    merged = merge_rulings(pieces)
    hs = [r for r in merged if r.axis == "h"]
    assert [(round(r.pos, 1), r.start, r.end) for r in hs] == [(100.6, 10, 120), (100.6, 140, 200), (108.0, 10, 120)]
    assert [(r.pos, r.start, r.end) for r in merged if r.axis == "v"] == [(10.5, 100, 108)]


def test_span_cells_cover_each_position_once():
    # 3 x 3: (0,0)-(0,1) joined (no vertical at xs[1] in row 0); (1,2)-(2,2) joined (no horizontal at ys[2] in col 2)
    xs, ys = [0, 10, 20, 30], [0, 10, 20, 30]
    cells = span_cells(xs, ys, vsep=lambda r, j: not (r == 0 and j == 1),
                       hsep=lambda i, c: not (i == 2 and c == 2))
    grid = Grid(id="g", page=1, xs=xs, ys=ys, cells=cells)
    owners = grid.owners()   # raises when a position is covered twice or not at all
    assert (grid.at(0, 1).col, grid.at(0, 1).colspan) == (0, 2)
    assert (grid.at(2, 2).row, grid.at(2, 2).rowspan) == (1, 2)
    assert len(cells) == 7 and owners[2][2] is owners[1][2]


def _char(text, x0, top, size=10.0, width=None):
    w = width if width is not None else (size if ord(text[0]) > 0x2E80 else size / 2)
    return {"text": text, "x0": x0, "x1": x0 + w, "top": top, "bottom": top + size, "size": size}


def test_cell_text_from_chars():
    # Chinese: no spaces, even where the glyphs stand apart (a justified 项 目)
    assert join_line([_char("项", 0, 0), _char("目", 40, 0)]) == "项目"
    # printed spaces stay (as one); a real gap (> 0.5 em) is a space between Latin letters
    # and digits only, a kern is none
    assert join_line([_char("A", 0, 0), _char("B", 5.5, 0), _char("C", 16, 0)]) == "AB C"
    assert join_line([_char("1", 0, 0), _char(" ", 5, 0), _char("2", 7, 0)]) == "1 2"
    assert join_line([_char("召", 0, 0), _char(" ", 10, 0), _char("1", 13, 0), _char("次", 20, 0)]) == "召 1次"
    assert join_line([_char("合", 0, 0), _char(" ", 10, 0), _char(" ", 13, 0), _char("计", 16, 0)]) == "合 计"
    # a glyph printed twice (fake bold) counts once
    assert join_line([_char("合", 0, 0), _char("合", 0.3, 0), _char("计", 10, 0)]) == "合计"
    # lines grouped by their middles, ordered by x; joined with a newline
    chars = [_char("费", 10, 14), _char("保", 20, 0), _char("险", 30, 0.6), _char("缴", 0, 14)]
    assert join_chars(chars) == "保险\n缴费"


# ---------------------------------------------------------------------------
# synthetic ruled tables, one exporter quirk at a time
# ---------------------------------------------------------------------------
QUIRKS = {
    "stroked lines, gray": Quirks(),
    "thin filled rects, CMYK": Quirks(borders="rects", colour="cmyk"),
    "white padding rects inside the cells": Quirks(borders="rects", padding=1.5),
    "white-stroked frames across the rows": Quirks(white_frames=True, colour="rgb"),
    "double outer border": Quirks(double=2.0),
    "inset outer border": Quirks(inset=1.5, borders="boxes"),
    "zebra shading off the row borders": Quirks(shading=True, colour="rgb"),
    "white thin rects through the rows": Quirks(white_rules=True, colour="cmyk"),
    "hairlines (linewidth 0)": Quirks(line_width=0),
    "no outer verticals (open sides)": Quirks(open_sides=True),
}


@pytest.mark.parametrize("name", QUIRKS)
def test_ruled_income_table_despite_quirk(tmp_path, name):
    path, drawn = income_page(tmp_path, QUIRKS[name])
    page, width, height, n_rects, _ = read_first_page(path)
    assert width > height                                          # landscape
    assert len(page.grids) == 1
    g = page.grids[0]
    assert (g.source, g.n_rows, g.n_cols, g.id) == ("rulings", 8, 9, "p1g0")
    assert g.xs == pytest.approx(drawn.xs, abs=2.1) and g.ys == pytest.approx(drawn.ys, abs=2.1)
    g.owners()                                                     # every position covered once
    assert spans(g, 0, 0) == ("项目", 0, 0, 1, 4)
    assert spans(g, 0, 8) == ("收入预算", 0, 4, 1, 5)
    assert spans(g, 1, 2) == ("功能分类科目编码", 1, 0, 1, 3)
    assert spans(g, 2, 3) == ("功能分类科目名称", 1, 3, 2, 1)
    assert spans(g, 2, 7) == ("事业单位\n经营收入", 1, 7, 2, 1)
    assert [g.at(2, c).text for c in range(3)] == ["类", "款", "项"]
    assert g.texts()[3] == ["201", "", "", "一般公共服务支出", "21,601,733.00", "21,601,733.00", "", "", ""]
    assert g.at(3, 4).text == "21,601,733.00" and g.at(1, 4).text == "合计"   # the amount under 合计
    assert g.at(5, 2).text == "01" and g.at(5, 5).text == "9,389,913.00"
    assert g.at(6, 3).text == "机关事业单位基本养老保险\n缴费支出"
    assert spans(g, 7, 3) == ("合计", 7, 0, 1, 4) and g.at(7, 4).text == "23,012,619.00"
    assert [l.text for l in page.lines if not l.grid] == ["2025年部门收入预算总表", "编制部门：上海市普陀区商务委员会"]
    if QUIRKS[name].padding:
        assert n_rects > 100   # the padding rects are in the PDF (and in pdfplumber's rects)


def test_grid_lines_follow_the_grid(tmp_path):
    path, _ = income_page(tmp_path, Quirks(borders="rects", padding=1.5))
    page = read_first_page(path)[0]
    g = page.grids[0]
    rows = [l for l in page.lines if l.grid]
    assert len(rows) == g.n_rows and {l.grid_id for l in rows} == {"p1g0"}
    assert [c.text for c in rows[0].cells] == ["项目", "收入预算"]
    header = rows[1]
    assert [c.text for c in header.cells][:3] == ["功能分类科目编码", "功能分类科目名称", "合计"]
    assert (header.cells[2].x0, header.cells[2].x1, header.cells[2].top, header.cells[2].bottom) == \
        (g.xs[4], g.xs[5], g.ys[1], g.ys[3])                              # 合计: its cell, over two rows
    assert [c.text for c in rows[2].cells] == ["类", "款", "项"]          # covered positions are left out
    assert rows[6].cells[3].text == "机关事业单位基本养老保险\n缴费支出"
    assert rows[3].top == g.ys[3] and rows[3].row_span == pytest.approx(g.ys[4] - g.ys[3])
    assert page.lines[0].text == "2025年部门收入预算总表" and not page.lines[0].grid


def test_portrait_page_with_two_tables(tmp_path):
    path = tmp_path / "two.pdf"
    c = new_canvas(path, A4)
    header = [Span("项目", 0, 0), Span("2024年", 0, 1), Span("2025年", 0, 2)]
    first = draw_table(c, 60, 80, [200, 120, 120], header, [["合计", "43.00", "51.00"], ["公务接待费", "3.00", "2.00"]])
    second = draw_table(c, 60, 300, [150, 150], [Span("科目名称", 0, 0), Span("金额", 0, 1)],
                        [["办公费", "370.00"], ["水费", "50.00"], ["电费", "350.00"]], quirks=Quirks(borders="boxes"))
    c.showPage()
    c.save()
    page, width, height, _, _ = read_first_page(path)
    assert width < height
    assert [(g.id, g.n_rows, g.n_cols) for g in page.grids] == [("p1g0", 3, 3), ("p1g1", 4, 2)]
    assert page.grids[0].bbox == pytest.approx(first.bbox, abs=1)
    assert page.grids[1].bbox == pytest.approx(second.bbox, abs=1)
    assert page.grids[0].texts()[1] == ["合计", "43.00", "51.00"]
    assert page.grids[1].texts()[3] == ["电费", "350.00"]


def test_boxed_title_page_frame_and_empty_grid_are_not_tables(tmp_path):
    path = tmp_path / "frame.pdf"
    c = new_canvas(path, A4)
    c.rect(30, 30, 535, 780, stroke=1, fill=0)                     # page frame
    c.rect(150, 730, 300, 30, stroke=1, fill=0)                    # boxed title
    draw_text(c, 300, 120, "2025年部门预算公开", size=14, align="centre")
    draw_text(c, 60, 200, "一、部门主要职能：负责区政府日常运转。", size=10)
    draw_table(c, 100, 400, [60, 60, 60], [], [["", "", ""]] * 3)   # ruled, but nothing in it
    c.showPage()
    c.save()
    page = read_first_page(path)[0]
    assert page.grids == []
    assert [l.text for l in page.lines] == ["2025年部门预算公开", "一、部门主要职能：负责区政府日常运转。"]


# ---------------------------------------------------------------------------
# no usable rulings: the text-alignment fallback
# ---------------------------------------------------------------------------
THREE_PUBLIC_HEADER = [Span("项目", 0, 0), Span("2024年预算数", 0, 1), Span("2025年预算数", 0, 2), Span("增减", 0, 3)]
THREE_PUBLIC_ROWS = [
    ["合计", "43.00", "51.00", "8.00"],
    ["因公出国（境）费", "0.00", "0.00", "0.00"],
    ["公务用车购置及运行维护费", "40.00", "48.50", "8.50"],
    ["公务接待费", "3.00", "2.50", "-0.50"],
]


def three_public_page(tmp_path, quirks: Quirks):
    path = tmp_path / "three_public.pdf"
    c = new_canvas(path, A4)
    draw_text(c, 297, 60, "“三公”经费预算表", size=14, align="centre")
    draw_text(c, 480, 95, "单位：万元", size=9)
    draw_text(c, 60, 320, "注：本表反映2025年“三公”经费预算，比上年增加8.00万元。", size=9)
    drawn = draw_table(c, 60, 120, [200, 100, 100, 80], THREE_PUBLIC_HEADER, THREE_PUBLIC_ROWS, quirks=quirks)
    c.showPage()
    c.save()
    return path, drawn


@pytest.mark.parametrize("borders", ["none", "horizontal"])
def test_table_without_verticals_is_read_from_alignment(tmp_path, borders):
    path, drawn = three_public_page(tmp_path, Quirks(borders=borders))
    page, _, _, _, n_lines = read_first_page(path)
    assert n_lines == (3 if borders == "horizontal" else 0)
    assert len(page.grids) == 1
    g = page.grids[0]
    assert (g.source, g.n_rows, g.n_cols) == ("text", 5, 4)
    assert g.texts() == [["项目", "2024年预算数", "2025年预算数", "增减"]] + THREE_PUBLIC_ROWS
    # the boundaries lie within the drawn table, each between two columns' contents: the
    # centred header 2025年预算数 reaches left of its column's amounts, yet stays in its column
    assert drawn.xs[0] - 2 < g.xs[0] < g.xs[1] < g.xs[2] < g.xs[3] < g.xs[4] < drawn.xs[4] + 2
    # (column 1's amounts end at xs[2] - 3; the header 2025年预算数 starts 23 pt right of xs[2])
    assert drawn.xs[2] - 3 < g.xs[2] < drawn.xs[2] + 23
    texts = [l.text for l in page.lines if not l.grid]
    assert texts == ["“三公”经费预算表", "单位：万元", "注：本表反映2025年“三公”经费预算，比上年增加8.00万元。"]
    assert [l.grid_id for l in page.lines if l.grid] == ["p1g0"] * 5


def test_grid_of_boxed_cells_is_rejected_for_alignment(tmp_path):
    """Every cell boxed alone, boxes 4 pt apart: the rulings cut 4-pt empty slivers between
    the columns; the grid is rejected and the table read from its text alignment."""
    path, _ = three_public_page(tmp_path, Quirks(boxed_gap=4.0))
    page, _, _, n_rects, _ = read_first_page(path)
    assert n_rects == 20
    assert [(g.source, g.n_rows, g.n_cols) for g in page.grids] == [("text", 5, 4)]
    assert page.grids[0].texts()[3] == ["公务用车购置及运行维护费", "40.00", "48.50", "8.50"]


def test_income_table_without_rulings_keeps_its_empty_trailing_columns(tmp_path):
    path, _ = income_page(tmp_path, Quirks(borders="none"))
    g = read_first_page(path)[0].grids[0]
    assert g.source == "text"
    rows = g.texts()
    data = [r for r in rows if "21,601,733.00" in r]
    assert data[0][:6] == ["201", "", "", "一般公共服务支出", "21,601,733.00", "21,601,733.00"]
    assert data[1][:6] == ["201", "13", "", "商贸事务", "21,601,733.00", "21,601,733.00"]
    header = next(r for r in rows if "合计" in r and "财政拨款收入" in r)
    assert header[header.index("合计") + 1:] == ["财政拨款收入", "事业收入", "", "其他收入"]


def test_narrative_and_contents_stay_text(tmp_path):
    path = tmp_path / "narrative.pdf"
    c = new_canvas(path, A4)
    lines = ["2025年部门收入预算1,234.56万元，比上年增加12.00万元，主要原因是人员经费增加。",
             "其中：一般公共预算拨款1,200.00万元，政府性基金预算拨款34.56万元。",
             "支出预算1,234.56万元，其中基本支出900.00万元，项目支出334.56万元。",
             "“三公”经费预算51.00万元，比上年增加8.00万元。"]
    for k, text in enumerate(lines):
        draw_text(c, 60, 80 + k * 18, text, size=10)
    contents = [("一、收支预算总表", "12"), ("二、收入预算总表", "13"), ("三、支出预算总表", "14"),
                ("四、财政拨款收支预算总表", "15")]
    for k, (title, number) in enumerate(contents):
        draw_text(c, 60, 300 + k * 20, title, size=10)
        draw_text(c, 500, 300 + k * 20, number, size=10, align="right")
    c.showPage()
    c.save()
    page = read_first_page(path)[0]
    assert page.grids == []
    assert [l.text for l in page.lines][:4] == lines
    assert page.lines[4].text == "一、收支预算总表 12"


# ---------------------------------------------------------------------------
# real pages (../shared/corpus)
# ---------------------------------------------------------------------------
def corpus_page(relative: str, number: int):
    path = CORPUS / relative
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[number - 1]
        return read_page(page, number), page


@needs_shared
def test_putuo_income_summary_landscape():
    page, raw = corpus_page("shanghai-putuo/commerce-commission/上海市普陀区商务委员会25年预算.pdf", 10)
    assert raw.width > raw.height and raw.lines == []          # drawn with thin filled rects only
    (g,) = page.grids
    assert (g.source, g.n_rows, g.n_cols) == ("rulings", 17, 9)
    assert spans(g, 0, 0) == ("项目", 0, 0, 1, 4)
    assert spans(g, 0, 4) == ("收入预算", 0, 4, 1, 5)
    assert spans(g, 1, 0) == ("功能分类科目编码", 1, 0, 1, 3)
    assert spans(g, 1, 3) == ("功能分类科目名称", 1, 3, 2, 1)
    assert spans(g, 2, 4) == ("合计", 1, 4, 2, 1)
    assert spans(g, 1, 7) == ("事业单位\n经营收入", 1, 7, 2, 1)
    assert [g.at(2, c).text for c in range(3)] == ["类", "款", "项"]
    assert g.texts()[3] == ["201", "", "", "一般公共服务支出", "21,601,733.00", "21,601,733.00", "", "", ""]
    assert g.texts()[5][:6] == ["201", "13", "01", "行政运行", "9,389,913.00", "9,389,913.00"]
    assert g.texts()[16][3:6] == ["机关事业单位基本养老保险缴费支出", "1,410,886.00", "1,410,886.00"]
    assert [l.text for l in page.lines if not l.grid] == ["2025年部门收入预算总表", "编制部门：上海市普陀区商务委员会 单位：元"]


@needs_shared
def test_putuo_final_accounts_drawn_with_filled_rects():
    page, raw = corpus_page("shanghai-putuo/planning-resources/上海市普陀区规划和自然资源局2024年度部门决算.pdf", 8)
    assert raw.lines == [] and len(raw.rects) > 400           # every border piece a filled rect
    (g,) = page.grids
    assert (g.source, g.n_rows, g.n_cols) == ("rulings", 14, 9)
    assert spans(g, 0, 1) == ("项目", 0, 0, 1, 2)
    assert spans(g, 1, 2) == ("本年收入合计", 0, 2, 2, 1)
    assert spans(g, 0, 7) == ("附属单位\n上缴收入", 0, 7, 2, 1)
    assert [g.at(1, 0).text, g.at(1, 1).text] == ["功能分类\n科目编码", "科目名称"]
    assert spans(g, 2, 1) == ("合计", 2, 0, 1, 2) and g.at(2, 2).text == "9746.50"
    assert g.texts()[3][:4] == ["208", "社会保障和就业支出", "754.75", "754.75"]
    assert g.texts()[7][:3] == ["2080505", "机关事业单位基本养老保险缴\n费支出", "446.11"]


@needs_shared
def test_putuo_final_accounts_drawn_with_stroked_lines():
    page, raw = corpus_page("shanghai-putuo/social-work-dept/中共上海市普陀区委社会工作部2024年度部门决算.pdf", 8)
    assert raw.rects == [] and all(l["stroke"] for l in raw.lines)   # stroked lines only
    (g,) = page.grids
    assert (g.n_rows, g.n_cols) == (14, 8)
    assert spans(g, 0, 0) == ("项目", 0, 0, 1, 2)
    assert spans(g, 2, 0) == ("合计", 2, 0, 1, 2)
    assert g.texts()[2][2:5] == ["307.82", "105.58", "202.24"]
    assert g.texts()[3][:3] == ["201", "一般公共服务支出", "264.87"]


@needs_shared
def test_jiangsu_rotated_landscape_page():
    page, raw = corpus_page("jiangsu/江苏省委办公厅/江苏省委办公厅2018年度部门预算公开表.pdf", 3)
    assert raw.rotation == 90 and raw.width > raw.height      # pdfplumber gives the turned coordinates
    # a white box fills the whole page behind the table: its edges are no rulings
    assert any(r["width"] > 600 and r["non_stroking_color"] == 1.0 for r in raw.rects)
    (g,) = page.grids
    assert (g.n_rows, g.n_cols) == (26, 6)
    assert spans(g, 0, 0) == ("收入", 0, 0, 1, 2) and spans(g, 0, 2) == ("支出", 0, 2, 1, 4)
    assert spans(g, 1, 0) == ("项目名称", 1, 0, 2, 1)
    assert spans(g, 1, 2) == ("功能分类", 1, 2, 1, 2) and spans(g, 1, 4) == ("支出用途", 1, 4, 1, 2)
    assert g.texts()[3] == ["一、财政拨款", "24,458.43", "一、一般公共服务支出", "20,153.75", "一、基本支出", "10,403.11"]
    assert [l.text for l in page.lines if not l.grid][0] == "收支预算总表"   # the title stays text


@needs_shared
def test_jiangsu_white_padded_cells_and_an_off_page_table():
    """Cells padded with white rects (2017 人大): the rulings are the stroked lines only.
    Below the page's visible area the exporter left a second table (drawn with nothing but white
    rects, characters down to y = 2685 on an 842 pt page): nobody sees it printed, so it is not
    read — the table is printed, visibly, on the following pages."""
    page, raw = corpus_page("jiangsu/江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf", 11)
    assert all(r["non_stroking_color"] == (1.0, 1.0, 1.0) for r in raw.rects)
    assert max(c["bottom"] for c in raw.chars) > 2 * raw.height
    [ruled] = page.grids
    assert (ruled.source, ruled.n_rows, ruled.n_cols) == ("rulings", 20, 3)
    assert ruled.texts()[0] == ["功能科目代码", "功能科目名称", "金额"]
    assert ruled.texts()[1] == ["", "合计", "13,649.07"]
    assert ruled.texts()[19] == ["2210202", "提租补贴", "1,018.01"]
    assert all(l.top < raw.height for l in page.lines)


@needs_shared
def test_jiangsu_three_public_header_spans():
    page, _ = corpus_page("jiangsu/江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf", 20)
    g = page.grids[0]
    assert (g.n_rows, g.n_cols) == (4, 9)
    assert spans(g, 2, 0) == ("合计", 0, 0, 3, 1)
    assert spans(g, 0, 6) == ("“三公”经费", 0, 1, 1, 6)
    assert spans(g, 1, 5) == ("公务用车购置及运行维护费", 1, 3, 1, 3)
    assert spans(g, 1, 2) == ("因公\n出国\n（境）费", 1, 2, 2, 1)
    assert g.texts()[3] == ["2,542.60", "833.60", "222.50", "183.60", "0", "183.60", "427.50", "1,305.25", "403.75"]
