"""Read a PDF once with pdfplumber: ruled tables as cell rows, other words as text lines."""
from __future__ import annotations

import logging
from pathlib import Path

from .base import Cell, Grid, GridCell, InputError, Line, Page, SourceDocument, sha256_of

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


def _cluster(values: list, tol: float = 2.0) -> list:
    out: list = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(bounds: list, v: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))


def _grid_from_table(table, chars: list, page_no: int, number: int) -> Grid:
    """A ``Grid`` from a pdfplumber table: boundaries from its cells, spans from each cell's
    extent, text from the characters whose centre lies in the cell."""
    cells = [c for c in table.cells if not any(
        o is not c and c[0] - 1 <= o[0] and o[2] <= c[2] + 1 and c[1] - 1 <= o[1] and o[3] <= c[3] + 1
        for o in table.cells)]  # a box around other cells is a frame, not a cell
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    grid = Grid(id=f"p{page_no}g{number}", page=page_no, xs=xs, ys=ys, source="rulings")
    for x0, top, x1, bottom in cells:
        r0, r1 = _index(ys, top), _index(ys, bottom)
        c0, c1 = _index(xs, x0), _index(xs, x1)
        if r1 <= r0 or c1 <= c0:
            continue
        inside = [ch for ch in chars if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1
                  and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom]
        grid.cells.append(GridCell(r0, c0, _cell_text(inside), x0, top, x1, bottom,
                                   rowspan=r1 - r0, colspan=c1 - c0))
    return grid


def _cell_text(chars: list) -> str:
    lines: list = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(lines[-1][-1]["top"] - ch["top"]) < LINE_TOLERANCE:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    out = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        text = ""
        for i, ch in enumerate(line):
            if i and ch["x0"] - line[i - 1]["x1"] > 0.5 * max(ch["size"], 1) and ch["text"].strip():
                text += " "
            text += ch["text"]
        out.append(text.strip())
    return "\n".join(t for t in out if t)


def read_page(page, page_no: int) -> Page:
    """All lines of one pdfplumber page, top to bottom."""
    out = Page(number=page_no, width=float(page.width), height=float(page.height), chars=len(page.chars))
    if not page.chars:
        return out
    lines: list[Line] = []
    tables = page.find_tables(TABLE_SETTINGS)
    bboxes = []
    out.grids = [_grid_from_table(t, page.chars, page_no, i) for i, t in enumerate(tables)]
    for t_no, table in enumerate(tables):
        texts = table.extract()
        if not texts:
            continue
        bboxes.append(table.bbox)
        gid = f"p{page_no}g{t_no}"
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
