"""The fast paths of the reader give what the plain computations give: PDFium's functions called
with plain addresses (``pdfium._addressed``), a font's metrics read once per size
(``pdfium._TextReading.font``), glyph boxes and path points by written-out arithmetic
(``pdfium._box``, ``pdfium._placer``), and the layout layer's one-loop helpers
(``cells.positions``, ``cells._rises_short``, ``cells._covers``)."""
from __future__ import annotations

import bisect
import ctypes
import itertools
import random

import pytest
import pypdfium2
import pypdfium2.raw as raw
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from analysis.inputs import pdfium
from analysis.inputs.base import Grid
from analysis.inputs.pdf import _open
from analysis.inputs.cells import _box_ratios, _covers, _rises_short, positions
from analysis.settings import DEFAULT


def _text_pdf(path, rotate: int = 0):
    """Chinese (a CID font, not embedded) and Latin text at two sizes each."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=(600, 400), invariant=1)
    c.setPageRotation(rotate)
    for y, (font, size, text) in enumerate([("STSong-Light", 10.5, "一般公共预算支出 1,234.50 万元"),
                                            ("STSong-Light", 16, "部门预算"),
                                            ("Helvetica", 9, "Total 2025 (a b)"),
                                            ("Helvetica", 12, "Total 2025 (a b)")]):
        c.setFont(font, size)
        c.drawString(60, 340 - 40 * y, text)
    c.save()
    return path


def _reading(path):
    doc = pypdfium2.PdfDocument(str(path))
    page = raw.FPDF_LoadPage(doc.raw, 0)
    textpage = raw.FPDFText_LoadPage(page)
    space = pdfium.Space((0.0, 0.0, 600.0, 400.0), 0)
    return doc, page, textpage, pdfium._TextReading(pdfium.address(textpage), space, DEFAULT)


def _close(doc, page, textpage):
    raw.FPDFText_ClosePage(textpage)
    raw.FPDF_ClosePage(page)
    doc.close()


def test_an_addressed_function_answers_as_pypdfiums(tmp_path):
    doc, page, textpage, reading = _reading(_text_pdf(tmp_path / "t.pdf"))
    try:
        n = raw.FPDFText_CountChars(textpage)
        assert n == reading.api.FPDFText_CountChars(reading.text) > 20
        for i in range(n):
            assert reading.api.FPDFText_GetUnicode(reading.text, i) == raw.FPDFText_GetUnicode(textpage, i)
            obj = raw.FPDFText_GetTextObject(textpage, i)
            assert reading.api.FPDFText_GetTextObject(reading.text, i) == \
                (ctypes.addressof(obj.contents) if obj else None)
    finally:
        _close(doc, page, textpage)


def _declared_width(font, code: int, size: float) -> float:
    width = ctypes.c_float()
    assert raw.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(size), ctypes.byref(width))
    return max(width.value, 0.0)


def test_a_fonts_widths_read_once_are_the_widths_pdfium_declares(tmp_path):
    doc, page, textpage, reading = _reading(_text_pdf(tmp_path / "t.pdf"))
    try:
        chars, _ = pdfium.page_chars(reading)
        assert "".join(ch["text"] for ch in chars).count("预算") == 2
        assert len(reading.fonts) == 4      # two fonts at two sizes each
        checked = 0
        for i in range(raw.FPDFText_CountChars(textpage)):
            obj = raw.FPDFText_GetTextObject(textpage, i)
            if not obj or raw.FPDFText_IsGenerated(textpage, i) == 1:
                continue
            font = raw.FPDFTextObj_GetFont(obj)
            size = raw.FPDFText_GetFontSize(textpage, i)
            space_width, _, widths = reading.fonts[(ctypes.addressof(font.contents), size)]
            assert space_width == _declared_width(font, 0x20, size)
            code = raw.FPDFText_GetUnicode(textpage, i)
            assert widths[code] == _declared_width(font, code, size) > 0
            checked += 1
        assert checked > 20
    finally:
        _close(doc, page, textpage)


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_a_page_read_twice_reads_the_same(tmp_path, rotate):
    """Everything read once per page (text objects, fonts, matrices) is read again for another
    page object: two readings of one page are equal; the page's size is known before its objects
    (as pdfplumber gives it)."""
    path = _text_pdf(tmp_path / f"r{rotate}.pdf", rotate)
    first, second = pdfium.open_pdfium(path).pages[0], pdfium.open_pdfium(path).pages[0]
    ref = _open(path).pages[0]
    assert (first.width, first.height, first.bbox) == \
        (float(ref.width), float(ref.height), tuple(map(float, ref.bbox)))
    chars = first.chars
    first.flush_cache()
    assert repr(chars) == repr(first.chars) == repr(second.chars)
    text = "".join(ch["text"] for ch in chars)
    assert "一般公共预算支出 1,234.50 万元" in text and "Total 2025 (a b)" in text


def _plain_box(lin, adv, descent, fontsize, space):
    corners = [space.point(*pdfium._apply(lin, u, v))
               for u, v in ((0.0, descent), (adv, descent), (0.0, descent + fontsize), (adv, descent + fontsize))]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return min(xs), max(xs), min(ys), max(ys)


def test_written_out_arithmetic_is_the_plain_arithmetic():
    rng = random.Random(16)
    values = [0.0, -0.0, 1.0, -1.0, 0.5, 12.0]
    for _ in range(5000):
        lin = tuple(rng.choice(values + [rng.uniform(-900, 900)]) for _ in range(6))
        space = pdfium.Space((rng.choice([0.0, 10.0]), rng.choice([0.0, -5.0]), 595.0, 842.0),
                             rng.choice([0, 90, 180, 270]))
        args = (lin, rng.choice([0.0, 0.5, 7.25]), rng.choice([-0.2, 0.0, -2.5]), rng.choice([1.0, 10.5]), space)
        assert repr(pdfium._box(*args)) == repr(_plain_box(*args))
        x, y = rng.uniform(-900, 900), rng.choice([0.0, rng.uniform(-900, 900)])
        assert repr(pdfium._placer(lin, space)(x, y)) == repr(space.point(*pdfium._apply(lin, x, y)))


def test_positions_are_each_chars_cell_by_its_centre():
    grid = Grid(id="g", page=1, xs=[10.0, 50.0, 90.0], ys=[100.0, 120.0, 140.0, 160.0])
    chars = [{"x0": x, "x1": x + 6.0, "top": y, "bottom": y + 8.0}
             for x, y in itertools.product([0.0, 11.0, 47.0, 50.0, 88.0, 120.0], [90.0, 101.0, 116.0, 150.0, 170.0])]
    expected = []
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        expected.append((min(max(bisect.bisect_right(grid.ys, cy) - 1, 0), grid.n_rows - 1),
                         min(max(bisect.bisect_right(grid.xs, cx) - 1, 0), grid.n_cols - 1)))
    assert positions(grid, chars) == expected
    assert positions(grid, [{"x0": 0.0, "x1": 2.0, "top": 0.0, "bottom": 2.0}]) == [(0, 0)]
    assert positions(grid, [{"x0": 200.0, "x1": 202.0, "top": 300.0, "bottom": 302.0}]) == [(2, 1)]


def test_a_short_rising_box_is_found_as_box_ratios_finds_it():
    def char(top, base=100.0, size=10.0, **kw):
        return dict({"text": "1", "top": top, "bottom": base + 2.0, "size": size,
                     "matrix": (size, 0.0, 0.0, size, 0.0, 200.0 - base), "upright": True}, **kw)

    least = DEFAULT.font_box_ascent_min
    pages = [[char(91.0), char(92.0)],                        # rising 0.9 and 0.8 of their size
             [char(91.0), char(99.5)],                        # one rising 0.05
             [char(99.5, upright=False), char(91.0)],         # a turned char is not measured
             [char(99.5, size=0.0), char(99.5, matrix=None)],  # nor one without size or matrix
             [char(99.5, matrix=(10.0, 1.0, 0.0, 10.0, 0.0, 100.0))]]
    for chars in pages:
        plain = any(r is not None and r[0] < least for r in (_box_ratios(ch, 200.0) for ch in chars))
        assert _rises_short(chars, 200.0, least) == plain
    assert [_rises_short(p, 200.0, least) for p in pages] == [False, True, False, False, False]


def test_covers_asks_for_height_and_width_overlap():
    chars = [{"x0": 10.0, "x1": 20.0, "top": 100.0, "bottom": 110.0}]
    assert _covers(chars, 12.0, 16.0, 101.0, 109.0, 3.0)
    assert not _covers(chars, 12.0, 16.0, 101.0, 109.0, 4.0)       # 4 pt wide overlap, not more
    assert not _covers(chars, 12.0, 16.0, 110.0, 118.0, 1.0)       # touching below
    assert not _covers(chars, 21.0, 26.0, 101.0, 109.0, 0.0)       # beside it
