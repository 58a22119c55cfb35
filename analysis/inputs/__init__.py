"""Step 1 of the flow, the layout layer: raw files -> pages of lines.

A PDF is read once with pdfplumber (``pdf``): visible rulings (``rulings``) form ruled grids
(``grids``), aligned text forms grids where no ruling frames a table (``aligned``), cell text is
built from characters (``cells``); each grid row also comes out as a grid ``Line``, the rest of
the page as lines of words. A text file extracted from such a PDF (``text``) comes out as lines
of whitespace-separated tokens without positions. ``files`` finds the files of a batch. The
tolerances are ``analysis.settings.ReaderSettings``.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..settings import DEFAULT, ReaderSettings
from .base import Cell, InputError, Line, Page, SourceDocument
from .pdf import read_pdf
from .text import read_text

PDF_SUFFIXES = {".pdf"}
TEXT_SUFFIXES = {".txt"}
SUPPORTED = PDF_SUFFIXES | TEXT_SUFFIXES


def read_source(path: str | Path, settings: ReaderSettings = DEFAULT) -> SourceDocument:
    """Read one file; raise InputError with a one-line reason when it cannot be read."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "file not found")
    if p.is_dir():
        raise InputError(p, "is a folder, not a file")
    suffix = p.suffix.lower()
    if p.stat().st_size == 0:
        raise InputError(p, "empty file (0 bytes)")
    with open(p, "rb") as fh:
        head = fh.read(1024)
    if suffix in PDF_SUFFIXES and not head.startswith(b"%PDF") and _is_html(head):
        raise InputError(p, f"HTML page saved as {suffix} (a web page, not a PDF{_html_title(p)})")
    if suffix in PDF_SUFFIXES or head.startswith(b"%PDF"):
        return read_pdf(p, settings)
    if suffix in TEXT_SUFFIXES:
        return read_text(p)
    raise InputError(p, f"unsupported file type '{suffix or 'none'}' (expected .pdf or .txt)")


_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|title)\b", re.I | re.S)
_HTML_TITLE = re.compile(r"<meta[^>]+name=[\"']ArticleTitle[\"'][^>]+content=[\"']([^\"']+)|<title[^>]*>([^<]+)</title>",
                         re.I)


def _is_html(head: bytes) -> bool:
    """Whether a file starts as a web page (a BOM, white space and comments may come first)."""
    return bool(_HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")))


def _html_title(path: Path) -> str:
    """': "<article title>"' of a saved web page (its ArticleTitle, else its <title>), or ""."""
    with open(path, "rb") as fh:
        text = fh.read(65536).decode("utf-8", errors="ignore")
    m = _HTML_TITLE.search(text)
    title = " ".join((m.group(1) or m.group(2)).split()) if m else ""
    return f": \"{title[:80]}\"" if title else ""


__all__ = ["Cell", "InputError", "Line", "Page", "SourceDocument", "read_source", "SUPPORTED"]
