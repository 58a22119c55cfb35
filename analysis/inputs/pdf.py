"""Read a PDF once with pdfplumber: ruled tables as cell rows, other words as text lines."""
from __future__ import annotations

import logging
from pathlib import Path

from .base import Cell, InputError, Line, Page, SourceDocument, sha256_of

log = logging.getLogger(__name__)

# pdfplumber finds tables from ruling lines and rectangle edges; these are its defaults
# made explicit, with a small snap so that nearly-touching borders of real PDFs join.
TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
LINE_TOLERANCE = 3.0  # words whose tops differ by less than this are on one line


def _open(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the page tree to be read
        return pdf
    except Exception as exc:  # pdfplumber wraps pdfminer's errors in PdfminerException
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "Password" in type(inner).__name__:
            raise InputError(path, "encrypted PDF (a password is required to read it)") from None
        if isinstance(inner, (PDFSyntaxError, PSException)):
            raise InputError(path, f"corrupt or truncated PDF ({inner})") from None
        raise InputError(path, f"corrupt or unreadable PDF ({type(inner).__name__}: {inner})") from None


def _words_to_lines(words: list, page_no: int) -> list:
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        cell = Cell(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
        if lines and abs(lines[-1].top - w["top"]) < LINE_TOLERANCE and not lines[-1].grid:
            lines[-1].cells.append(cell)
        else:
            lines.append(Line(page=page_no, top=w["top"], cells=[cell], grid=False,
                              row_span=w["bottom"] - w["top"]))
    for line in lines:
        line.cells.sort(key=lambda c: c.x0)
    return lines


def _inside(word: dict, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1


def read_page(page, page_no: int) -> Page:
    """All lines of one pdfplumber page, top to bottom."""
    out = Page(number=page_no, width=float(page.width), height=float(page.height), chars=len(page.chars))
    if not page.chars:
        return out
    lines: list[Line] = []
    tables = page.find_tables(TABLE_SETTINGS)
    bboxes = []
    for t_no, table in enumerate(tables):
        texts = table.extract()
        if not texts:
            continue
        bboxes.append(table.bbox)
        gid = f"p{page_no}t{t_no}"
        for row, row_texts in zip(table.rows, texts):
            cells = []
            for bbox, text in zip(row.cells, row_texts):
                if bbox is None:
                    continue  # covered by a merged cell
                cells.append(Cell((text or "").strip(), bbox[0], bbox[2], bbox[1], bbox[3]))
            if not cells:
                continue
            lines.append(Line(page=page_no, top=row.bbox[1], cells=cells, grid=True, grid_id=gid,
                              row_span=row.bbox[3] - row.bbox[1]))
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
    free = [w for w in words if not any(_inside(w, b) for b in bboxes)]
    lines.extend(_words_to_lines(free, page_no))
    lines.sort(key=lambda l: (l.top, 0 if l.grid else 1))
    out.lines = lines
    return out


def read_pdf(path: Path) -> SourceDocument:
    pdf = _open(path)
    try:
        pages = []
        try:
            for i, page in enumerate(pdf.pages, start=1):
                pages.append(read_page(page, i))
                page.flush_cache()
        except InputError:
            raise
        except Exception as exc:
            raise InputError(path, f"corrupt PDF: page {len(pages) + 1} cannot be read ({type(exc).__name__})") from None
    finally:
        pdf.close()
    if not pages:
        raise InputError(path, "PDF has no pages")
    if sum(p.chars for p in pages) == 0:
        raise InputError(path, f"image-only PDF: no text layer on any of its {len(pages)} pages (scanned? run OCR first)")
    return SourceDocument(path=path, format="pdf", pages=pages, sha256=sha256_of(path), size=path.stat().st_size)
