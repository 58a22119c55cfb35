"""Read a PDF once with pdfplumber: tables as grids (and cell rows), other words as text lines.

A page's tables come from its geometry: visible rulings (``rulings``) form ruled grids
(``grids``); where no usable rulings frame a table, aligned text does (``aligned``). Cell
text is built from characters (``cells``). Each grid also yields one grid ``Line`` per row,
and the words outside every grid yield text lines."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from ..settings import DEFAULT, ReaderSettings
from .aligned import aligned_grids
from .base import Cell, Grid, InputError, Line, Page, SourceDocument, drop_repeated_text, page_digest, sha256_of
from .cells import baseline_aligned, em_size, fill_cells, without_overprinted_spaces
from . import ocr
from .grids import ruled_grids
from .pdfium_text import Pdfium, garbled
from .rulings import merge_rulings, page_rulings

log = logging.getLogger(__name__)


def _open(path: Path):
    # pdfplumber and pdfminer are imported when a PDF is read: a text-only batch never loads them
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


def _same_line(first: Cell, w: dict, s: ReaderSettings) -> bool:
    """A word is on the line started by ``first`` when their tops are close, or when each
    one's vertical middle lies within the other (a larger font centred in a tall row)."""
    if abs(first.top - w["top"]) < s.line_tolerance:
        return True
    return first.top <= (w["top"] + w["bottom"]) / 2 <= first.bottom \
        and w["top"] <= (first.top + first.bottom) / 2 <= w["bottom"]


def _words_to_lines(words: list, page_no: int, s: ReaderSettings) -> list:
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        cell = Cell(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
        if lines and _same_line(lines[-1].cells[0], w, s):
            lines[-1].cells.append(cell)
        else:
            lines.append(Line(page=page_no, top=w["top"], cells=[cell], grid=False,
                              row_span=w["bottom"] - w["top"]))
    for line in lines:
        line.cells.sort(key=lambda c: c.x0)
    return lines


def grid_lines(grid: Grid) -> list:
    """One grid ``Line`` per row of ``grid``: a ``Cell`` per cell anchored in the row."""
    out = []
    anchored: dict = {}   # row -> its cells (``Grid.row`` for every row at once)
    for c in grid.cells:
        anchored.setdefault(c.row, []).append(c)
    for r in range(grid.n_rows):
        row = sorted(anchored.get(r, ()), key=lambda c: c.col)
        cells = [Cell(c.text, c.x0, c.x1, c.top, c.bottom) for c in row]
        if cells:
            out.append(Line(page=grid.page, top=grid.ys[r], cells=cells, grid=True, grid_id=grid.id,
                            row_span=grid.ys[r + 1] - grid.ys[r]))
    return out


def read_page(page, page_no: int, s: ReaderSettings = DEFAULT, chars: list | None = None) -> Page:
    """One pdfplumber page: its grids, and all its lines top to bottom. ``chars``: the page's
    characters as another extractor read them (pypdfium2 for a page of ``(cid:…)``), in place of
    pdfplumber's; the rulings are pdfplumber's either way."""
    chars = page.chars if chars is None else chars
    out = Page(number=page_no, width=float(page.width), height=float(page.height), chars=len(chars))
    if not chars:
        return out
    x0, top, x1, bottom = page.bbox
    chars = baseline_aligned(chars, float(page.height), s)
    if any(c["top"] >= bottom or c["bottom"] <= top or c["x0"] >= x1 or c["x1"] <= x0 for c in chars):
        page = page.within_bbox(page.bbox)   # drawn beyond the page's edge: not printed, not read
        chars = [c for c in chars if c["x0"] >= x0 and c["x1"] <= x1 and c["top"] >= top and c["bottom"] <= bottom]
        out.chars = len(chars)
    return page_layout(out, chars, page_rulings(page, s), s)


def page_layout(out: Page, chars: list, rulings: list, s: ReaderSettings = DEFAULT) -> Page:
    """``out`` with the grids and lines of a page's characters (pdfplumber-style dicts) and its
    unmerged rulings, whatever read them: a text layer, or a scan recognised by OCR."""
    page_no = out.number
    chars = without_overprinted_spaces(chars, s)
    from pdfplumber.utils import extract_words   # lazy, as in _open

    em = em_size(chars, s)
    grids, free = ruled_grids(merge_rulings(rulings, s), chars, page_no, em, s)
    words = extract_words(free, keep_blank_chars=False, use_text_flow=False, x_tolerance=s.word_x_tolerance)
    text_grids, text_lines = aligned_grids(_words_to_lines(words, page_no, s), page_no, em, s)
    for grid in text_grids:
        fill_cells(grid, free, s)
    grids = sorted(grids + text_grids, key=lambda g: (g.ys[0], g.xs[0]))
    lines = list(text_lines)
    for k, grid in enumerate(grids):
        grid.id = f"p{page_no}g{k}"
        lines.extend(grid_lines(grid))
    lines.sort(key=lambda l: (l.top, 0 if l.grid else 1))
    out.grids = grids
    out.lines = lines
    return out


def read_pdf(path: Path, s: ReaderSettings = DEFAULT, opener=None) -> SourceDocument:
    """Every page of the PDF at ``path``, each distinct page once: a page whose text an earlier
    page printed (the same disclosure twice in one file, a file of repeats) is left out and listed
    in ``SourceDocument.repeated``; in such a file, text repeated on other page breaks is left out
    too (``base.drop_repeated_text``). A PDF restricted by an owner password opens with the empty
    user password. Each page is read from its text layer, from pypdfium2's reading of it when
    pdfminer gives ``(cid:…)``, or by OCR when it is a scan (``Page.read_by``); pages of one file
    may mix the three. ``opener`` opens the file as pdfplumber's ``PDF`` (pages with chars, lines,
    rects, curves and images); by default pdfplumber itself (``pdfium`` gives PDFium's)."""
    pdf = (opener or _open)(path)
    sha = sha256_of(path)
    second = Pdfium(path)
    try:
        pages, repeated = _read_pages(_OpenPages(pdf, _Reader(second, sha, s)), path, s)
    finally:
        pdf.close()
        second.close()
    return _document(path, sha, pages, repeated, s)


def read_page_range(path: Path, first: int, last: int, s: ReaderSettings = DEFAULT, opener=None) -> list:
    """Pages ``first``..``last`` (1-based, inclusive) of the PDF at ``path``, each read on its own
    (repeats included): a ``PageReading`` per page, for ``pages_read`` to put together. Several
    workers read the ranges of one large file at once (``analysis.inputs.pages``)."""
    pdf = (opener or _open)(path)
    second = Pdfium(path)
    try:
        reader = _Reader(second, sha256_of(path), s)
        out = []
        for number in range(first, last + 1):
            page = pdf.pages[number - 1]
            out.append(PageReading(number, _chars_key(page), reader.read(page, number)))
            page.flush_cache()
        return out
    finally:
        pdf.close()
        second.close()


def pages_read(path: Path, readings: list, s: ReaderSettings = DEFAULT) -> SourceDocument:
    """The document of the PDF at ``path`` from a ``PageReading`` of every one of its pages, the
    same ``read_pdf`` gives: repeats are chosen by the same rule, on the same page keys."""
    by_number = {r.number: r for r in readings}
    if sorted(by_number) != list(range(1, len(by_number) + 1)):
        raise ValueError(f"{path}: page readings do not cover pages 1-{len(by_number)} exactly once")
    pages, repeated = _read_pages(_ReadPages(by_number), path, s)
    return _document(path, sha256_of(path), pages, repeated, s)


def _document(path: Path, sha: str, pages: list, repeated: list, s: ReaderSettings) -> SourceDocument:
    lines = drop_repeated_text(pages, s) if len(repeated) >= s.repeat_min_pages else 0
    if not pages and not repeated:
        raise InputError(path, "PDF has no pages")
    if sum(p.chars for p in pages) == 0:
        n = len(pages) + len(repeated)
        scans = sum(1 for p in pages if p.read_by == "ocr")
        why = (f"OCR recognised no text on its {scans} scanned pages" if scans
               else "no scanned image to recognise either")
        raise InputError(path, f"image-only PDF: no text layer on any of its {n} pages, and {why}")
    return SourceDocument(path=path, format="pdf", pages=pages, sha256=sha, size=path.stat().st_size,
                          repeated=repeated, repeated_lines=lines)


def _image_share(page) -> float:
    """The share of a pdfplumber page's area its images cover (overlaps counted twice, at most 1)."""
    area = float(page.width) * float(page.height) or 1.0
    x0, top, x1, bottom = page.bbox
    covered = 0.0
    for im in page.images:
        w = min(im["x1"], x1) - max(im["x0"], x0)
        h = min(im["bottom"], bottom) - max(im["top"], top)
        covered += max(w, 0.0) * max(h, 0.0)
    return min(covered / area, 1.0)


class _Reader:
    """How each page of one PDF is read: its text layer, pypdfium2's text, or OCR."""

    def __init__(self, second: Pdfium, sha256: str, s: ReaderSettings):
        self.second, self.sha256, self.s = second, sha256, s

    def read(self, page, number: int) -> Page:
        s = self.s
        chars, read_by = page.chars, "text"
        if garbled(chars, s):
            chars, read_by = self.second.chars(number - 1), "pdfium"
            log.info("%s page %d: text of (cid:…); read with pypdfium2", self.second.path.name, number)
        visible = sum(1 for c in chars if c["text"].strip())
        scanned = visible <= s.scan_max_chars and _image_share(page) >= s.scan_image_share
        if (scanned or garbled(chars, s)) and ocr.available():
            chars, rulings, turned = ocr.recognise_page(self.second, number - 1, self.sha256, s)
            width, height = float(page.width), float(page.height)
            if turned % 180:          # read upright: a page turned a quarter is as wide as it was high
                width, height = height, width
            out = Page(number=number, width=width, height=height, chars=len(chars), read_by="ocr", turned=turned)
            return page_layout(out, chars, rulings, s) if chars else out
        p = read_page(page, number, s, chars=chars)
        p.read_by = read_by
        return p


@dataclass
class PageReading:
    """One page of a PDF read on its own: its number, the key of its characters (``_chars_key``)
    and the page read (no digest yet: ``_read_pages`` gives it one when it keeps the page)."""
    number: int
    key: str
    page: Page


def _chars_key(page) -> str:
    """A hash of a page's characters in content order ("" for a page without text)."""
    chars = "".join(c["text"] for c in page.chars)
    return hashlib.sha256(chars.encode("utf-8")).hexdigest() if chars.strip() else ""


class _OpenPages:
    """The pages of an open PDF, read when ``_read_pages`` asks for them."""

    def __init__(self, pdf, reader: _Reader):
        self.pdf, self.reader, self.current = pdf, reader, 0

    def count(self) -> int:
        return len(self.pdf.pages)

    def key(self, number: int) -> str:
        self.current = number
        return _chars_key(self.pdf.pages[number - 1])

    def skip(self, number: int) -> None:
        self.pdf.pages[number - 1].flush_cache()

    def read(self, number: int) -> Page:
        self.current = number
        page = self.pdf.pages[number - 1]
        p = self.reader.read(page, number)
        page.flush_cache()
        return p


class _ReadPages:
    """Pages read beforehand, one ``PageReading`` each (page ranges read by several workers)."""

    def __init__(self, by_number: dict):
        self.by_number, self.current = by_number, 0

    def count(self) -> int:
        return len(self.by_number)

    def key(self, number: int) -> str:
        return self.by_number[number].key

    def skip(self, number: int) -> None:
        pass

    def read(self, number: int) -> Page:
        return replace(self.by_number[number].page, digest="")   # as read: a page may be asked for twice


def _read_pages(source, path: Path, s: ReaderSettings) -> tuple:
    """(distinct pages read, [(page, the earlier page it repeats)]) of ``source`` (``_OpenPages``
    or ``_ReadPages``). A page whose characters are an earlier page's, in the same order, is known
    as a repeat before its layout is read; one that differs only by its page number once its lines
    are read (``page_digest``)."""
    pages, repeated = [], []
    by_chars: dict = {}   # hash of the characters -> the page read that printed them
    by_text: dict = {}    # page_digest -> the page read that printed it
    try:
        for number in range(1, source.count() + 1):
            key = source.key(number)
            if key in by_chars and not s.read_repeated_pages:
                repeated.append((number, by_chars[key]))
                source.skip(number)
                continue
            p = source.read(number)
            p.digest = page_digest(p, s)
            first = by_text.get(p.digest) if p.digest else None
            if key:
                by_chars[key] = first or number
            if first and not s.read_repeated_pages:
                repeated.append((number, first))
                continue
            if p.digest:
                by_text[p.digest] = number
            pages.append(p)
        lone = _lone_repeats(repeated, s)
        for number in lone:   # read after all: two tables' continuation pages may print the same rows
            pages.append(source.read(number))
    except InputError:
        raise
    except Exception as exc:
        raise InputError(path, f"corrupt PDF: page {source.current or 1} cannot be read ({type(exc).__name__})") from None
    pages.sort(key=lambda p: p.number)
    return pages, [r for r in repeated if r[0] not in lone]


def _lone_repeats(repeated: list, s: ReaderSettings) -> set:
    """The repeated pages that are no part of a run of at least ``repeat_min_pages`` consecutive
    repeats. Content printed twice repeats page after page (the disclosure twice in one file, a
    file of repeats); one page alone printing what another printed is a coincidence of short
    pages (the same three rows ending two tables on their continuation pages) and is read."""
    numbers = sorted(n for n, _ in repeated)
    runs, run = [], []
    for n in numbers:
        if run and n != run[-1] + 1:
            runs.append(run)
            run = []
        run.append(n)
    if run:
        runs.append(run)
    return {n for r in runs if len(r) < s.repeat_min_pages for n in r}
