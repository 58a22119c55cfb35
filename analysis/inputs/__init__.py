"""Step 1 of the flow, the layout layer: raw files -> pages of lines.

A PDF's characters and drawn paths come from PDFium (``pdfium``, the default) or pdfplumber
(``pdf``, the reference), as ``ReaderSettings.reader`` says, in one form; what a file reads as is
kept in the source-document cache (``cache``), keyed by its content, the reader and its version and
the settings. From them (``pdf.read_page``): visible rulings (``rulings``) form ruled grids
(``grids``), aligned text forms grids where no ruling frames a table (``aligned``), cell text is
built from characters (``cells``); each grid row also comes out as a grid ``Line``, the rest of
the page as lines of words. A text file extracted from such a PDF (``text``) comes out as lines
of whitespace-separated tokens without positions. A workbook (``sheets``: .xlsx, .xls, .ods)
comes out as one page per sheet, its table a grid of its cells with their merged spans. ``files`` finds the files of a batch. The
tolerances are ``analysis.settings.ReaderSettings``.
"""
from __future__ import annotations

from pathlib import Path

from ..settings import DEFAULT, READERS, ReaderSettings
from .base import Cell, InputError, Line, Page, SourceDocument, sha256_of
from .cache import cached
from .pdf import read_pdf
from .pdfium import read_pdfium
from .sheets import SHEET_SUFFIXES, read_workbook
from .sniff import content_type, head, is_pdf, reason, workbook, workbook_format
from .text import read_text

PDF_SUFFIXES = {".pdf"}
TEXT_SUFFIXES = {".txt"}
SUPPORTED = PDF_SUFFIXES | TEXT_SUFFIXES | SHEET_SUFFIXES


def read_source(path: str | Path, settings: ReaderSettings = DEFAULT) -> SourceDocument:
    """Read one file; raise InputError with a one-line reason when it cannot be read. What a file
    is comes from its content (``sniff``), its name only decides between PDF and text when the
    content does not: a web page saved as ``.pdf`` is said to be a web page, a workbook saved
    under any name is read as a workbook. An old Office (OLE) file is tried as a workbook (an
    .xls); one that does not open as one is said to be what it is, unless its name says workbook."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "file not found")
    if p.is_dir():
        raise InputError(p, "is a folder, not a file")
    suffix = p.suffix.lower()
    if p.stat().st_size == 0:
        raise InputError(p, "empty file (0 bytes)")
    data = head(p)
    if is_pdf(data):
        return _read_pdf(p, settings)
    what = content_type(p, data)
    if workbook(what) == "sure" or (suffix in SHEET_SUFFIXES and (what is None or "ZIP" in what)):
        return read_workbook(p, settings, workbook_format(what, suffix))
    if workbook(what) == "maybe":
        try:
            return read_workbook(p, settings, workbook_format(what, suffix))
        except InputError:
            if suffix in SHEET_SUFFIXES:
                raise
            raise InputError(p, reason(what, suffix)) from None
    if what:
        raise InputError(p, reason(what, suffix))
    if suffix in PDF_SUFFIXES:
        return _read_pdf(p, settings)
    if suffix in TEXT_SUFFIXES:
        return read_text(p, settings)
    raise InputError(p, f"unsupported file type '{suffix or 'none'}' (expected .pdf, .txt, "
                        f"{', '.join(sorted(SHEET_SUFFIXES))})")


def _read_pdf(path: Path, settings: ReaderSettings) -> SourceDocument:
    """A PDF read by the reader ``settings.reader`` names, or its cached reading (``cache``)."""
    if settings.reader not in READERS:
        raise ValueError(f"unknown PDF reader {settings.reader!r} (expected one of {', '.join(READERS)})")
    read = read_pdfium if settings.reader == "pdfium" else read_pdf
    return cached(path, sha256_of(path), settings, lambda: read(path, settings))


__all__ = ["Cell", "InputError", "Line", "Page", "SourceDocument", "read_source", "SUPPORTED"]
