"""Text extracted from a disclosure PDF: a line starting with a space starts a new page."""
from __future__ import annotations

from pathlib import Path

from .base import Cell, InputError, Line, Page, SourceDocument, sha256_of


def read_text(path: Path) -> SourceDocument:
    raw = path.read_bytes()
    text = None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text:
        raise InputError(path, "not a text file (binary content)")
    pages: list[Page] = [Page(1)]
    y = 0.0
    for raw_line in text.splitlines():
        if raw_line.startswith((" ", "\t", "\f")) and raw_line.strip() and (pages[-1].lines or len(pages) > 1):
            pages.append(Page(len(pages) + 1))
            y = 0.0
        elif raw_line.startswith("\f"):
            pages.append(Page(len(pages) + 1))
            y = 0.0
        s = raw_line.strip()
        if not s:
            continue
        y += 1.0
        cells = [Cell(tok) for tok in s.split()]
        pages[-1].lines.append(Line(page=pages[-1].number, top=y, cells=cells, grid=False))
    if not any(p.lines for p in pages):
        raise InputError(path, "text file has no text")
    for p in pages:
        p.chars = sum(len(l.compact) for l in p.lines)
    return SourceDocument(path=path, format="text", pages=pages, sha256=sha256_of(path), size=len(raw))
