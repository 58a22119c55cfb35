"""The pdfium reader (analysis.inputs.pdfium): the page objects pdfplumber gives, from PDFium —
characters with their boxes, sizes and colours, drawn paths as lines, rects and curves — and the
same one-line errors for files it cannot read. ``tests/test_readers.py`` compares whole documents."""
from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from analysis.inputs import InputError, read_source
from analysis.inputs.pdf import _open
from analysis.inputs.pdfium import open_pdfium
from analysis.settings import DEFAULT

from .conftest import JIANGSU, SAMPLE, needs_sample, needs_shared

PDFIUM = replace(DEFAULT, reader="pdfium")


def _drawing(path, rotate: int = 0):
    c = canvas.Canvas(str(path), pagesize=(600, 400), invariant=1)
    c.setPageRotation(rotate)
    c.setFont("Helvetica", 12)
    c.setFillColorRGB(0.2, 0.2, 0.2)
    c.drawString(72, 300, "Total 1,234.50")
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.75)
    c.line(72, 290, 300, 290)                    # a line
    c.rect(72, 200, 200, 50, stroke=1, fill=0)   # a stroked rectangle
    c.setFillColorRGB(1, 1, 1)
    c.rect(80, 210, 50, 20, stroke=0, fill=1)    # a white filled rectangle
    p = c.beginPath()
    p.moveTo(320, 200)
    p.curveTo(340, 260, 380, 260, 400, 200)      # a curve
    c.drawPath(p, stroke=1, fill=0)
    c.save()
    return path


def _objects(page) -> list:
    return sorted((o["object_type"], round(o["x0"], 1), round(o["top"], 1), round(o["x1"], 1), round(o["bottom"], 1),
                   bool(o.get("stroke")), bool(o.get("fill"))) for o in (*page.lines, *page.rects, *page.curves))


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_a_drawing_reads_as_pdfplumber_reads_it(tmp_path, rotate):
    path = _drawing(tmp_path / f"d{rotate}.pdf", rotate)
    ref, ours = _open(path).pages[0], open_pdfium(path).pages[0]
    assert (round(ours.width, 2), round(ours.height, 2)) == (round(float(ref.width), 2), round(float(ref.height), 2))
    assert "".join(c["text"] for c in ours.chars) == "".join(c["text"] for c in ref.chars) == "Total 1,234.50"
    for a, b in zip(ref.chars, ours.chars):
        # Helvetica is one of the 14 standard fonts, neither embedded nor described: its widths are
        # known to both, its descent pdfminer takes from Adobe's metrics, PDFium from its stand-in
        # (0.017 em lower)
        along = ("x0", "x1") if rotate in (0, 180) else ("top", "bottom")
        for k in along:
            assert b[k] == pytest.approx(float(a[k]), abs=0.02), (k, a["text"])
        for k in ({"x0", "x1", "top", "bottom"} - {along[0], along[1]}):
            assert b[k] == pytest.approx(float(a[k]), abs=0.25), (k, a["text"])
        assert b["size"] == pytest.approx(float(a["size"]), abs=0.01)
        assert b["upright"] == a["upright"]
        assert b["matrix"] == pytest.approx(tuple(map(float, a["matrix"])), abs=0.01)
    assert _objects(ours) == _objects(ref)
    white = next(o for o in ours.rects if o["fill"])
    assert white["non_stroking_color"] == (1.0, 1.0, 1.0)
    assert next(o for o in ours.lines)["linewidth"] == pytest.approx(0.75)


@needs_sample
def test_the_sample_reads_the_same_lines_with_both_readers():
    """The sample's fonts are not embedded: PDFium draws them with stand-ins whose glyphs are
    wider; the boxes still follow the widths the PDF declares, so a printed space after a digit
    ('2024 年') is not hidden under the digit's box."""
    a, b = read_source(SAMPLE), read_source(SAMPLE, PDFIUM)
    assert [[l.text for l in p.lines] for p in a.pages] == [[l.text for l in p.lines] for p in b.pages]
    assert [[(g.n_rows, g.n_cols, g.xs, g.ys) for g in p.grids] for p in a.pages] == \
        [[(g.n_rows, g.n_cols, g.xs, g.ys) for g in p.grids] for p in b.pages]


def test_files_it_cannot_read_are_one_line_each(tmp_path):
    enc = tmp_path / "encrypted.pdf"
    c = canvas.Canvas(str(enc), encrypt=StandardEncryption("secret", ownerPassword="o"), invariant=1)
    c.drawString(72, 720, "budget")
    c.save()
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    blank = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(blank), invariant=1)
    c.rect(100, 100, 200, 200, fill=1)
    c.save()
    for path, reason in ((enc, "encrypted PDF"), (garbage, "corrupt"), (blank, "image-only PDF")):
        with pytest.raises(InputError) as err:
            read_source(path, PDFIUM)
        assert "\n" not in str(err.value) and str(path) in str(err.value) and reason in str(err.value)


@needs_shared
def test_a_truncated_pdf_is_corrupt(tmp_path):
    src = JIANGSU / "江苏省政协办公厅" / "2017年度部门预算公开表.pdf"
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(src.read_bytes()[: src.stat().st_size // 3])
    with pytest.raises(InputError, match="corrupt"):
        read_source(cut, PDFIUM)


def test_an_unknown_reader_is_refused(tmp_path):
    path = _drawing(tmp_path / "d.pdf")
    with pytest.raises(ValueError, match="unknown PDF reader"):
        read_source(path, replace(DEFAULT, reader="mupdf"))
