"""Text extracted from a disclosure PDF: a line starting with a space starts a new page.

The text may be UTF-8, GB18030, or UTF-16/UTF-32 with its byte-order mark (what Windows
Notepad saves as "Unicode"), or UTF-16 without one when every other byte is zero. A page whose
text an earlier page printed is read once (``base.distinct_pages``; runs of repeated lines are
not looked for: in text, table rows are lines too, and two tables may print the same rows).
"""
from __future__ import annotations

import codecs
from pathlib import Path
from typing import Optional

from ..settings import DEFAULT, ReaderSettings
from .base import Cell, InputError, Line, Page, SourceDocument, distinct_pages, sha256_of

# byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _utf16_without_bom(raw: bytes) -> Optional[str]:
    """The encoding of UTF-16 text without a byte-order mark: most of its odd (LE) or even (BE)
    bytes are zero, as in text that is mostly ASCII."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(raw: bytes) -> Optional[str]:
    """The text of ``raw``, or None when it is no text this reader knows."""
    encodings = [enc for bom, enc in _BOMS if raw.startswith(bom)][:1]
    encodings = encodings or [e for e in (_utf16_without_bom(raw),) if e] or ["utf-8-sig", "gb18030"]
    for enc in encodings:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        return None if "\x00" in text else text
    return None


def read_text(path: Path, settings: ReaderSettings = DEFAULT) -> SourceDocument:
    raw = path.read_bytes()
    text = decode(raw)
    if text is None:
        raise InputError(path, "not a text file (binary content, or an encoding other than UTF-8, GB18030 "
                               "and UTF-16)")
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
    pages, repeated = distinct_pages(pages, settings)
    return SourceDocument(path=path, format="text", pages=pages, sha256=sha256_of(path), size=len(raw),
                          repeated=repeated)
