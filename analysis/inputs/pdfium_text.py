"""The second text extractor: a page's characters as pypdfium2 (PDFium) reads them.

pdfminer (under pdfplumber) prints ``(cid:NNN)`` for every glyph of a font whose ToUnicode map is
missing or broken, as many restricted government PDFs are exported; PDFium maps such fonts through
their own encodings and tables and gets the characters right. A page whose pdfplumber text is
mostly ``(cid:…)`` is read here instead, into the character dicts pdfplumber gives (``text``,
``x0``, ``x1``, ``top``, ``bottom``, ``size``, ``upright``, ``doctop``), so that every later step
(cells, grids, words) runs unchanged. The page's rulings still come from pdfplumber.

PDFium also opens what pdfplumber opens: a PDF restricted by an owner password with an empty user
password is read with that empty password.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..settings import DEFAULT, ReaderSettings

_CID = re.compile(r"\(cid:\d+\)")


def cid_share(chars: list) -> float:
    """The share of a page's visible characters that are pdfminer's ``(cid:NNN)`` placeholders."""
    visible = cid = 0
    for c in chars:
        t = c["text"]
        if t.strip():
            visible += 1
            if t[:5] == "(cid:" and _CID.fullmatch(t):
                cid += 1
    return cid / visible if visible else 0.0


def garbled(chars: list, s: ReaderSettings = DEFAULT) -> bool:
    """Whether a page's characters are mostly ``(cid:…)`` (its text cannot be read as extracted)."""
    return cid_share(chars) > s.cid_share


def _displayed(page):
    """A function taking a box in PDF user space (left, bottom, right, top) to the page as
    displayed: (x0, top, x1, bottom) from its top-left corner, the page's /Rotate applied."""
    mx0, my0, mx1, my1 = page.get_mediabox()
    w, h = mx1 - mx0, my1 - my0
    turn = page.get_rotation() % 360

    def point(x: float, y: float) -> tuple:
        x, y = x - mx0, y - my0
        return {0: (x, h - y), 90: (y, x), 180: (w - x, y), 270: (h - y, w - x)}[turn]

    def place(left: float, bottom: float, right: float, top: float) -> tuple:
        (ax, ay), (bx, by) = point(left, bottom), point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    return place


class Pdfium:
    """A PDF opened with pypdfium2 (on first use), for pages that need a second reading: the
    characters of a page (``chars``) or its image (``render``, for OCR)."""

    def __init__(self, path: Path):
        self.path = path
        self._doc = None

    def doc(self):
        if self._doc is None:
            # pypdfium2 is imported only when a page needs it (it comes with pdfplumber)
            import pypdfium2
            self._doc = pypdfium2.PdfDocument(str(self.path), password="")
        return self._doc

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None

    def chars(self, index: int) -> list:
        """Page ``index`` (0-based)'s characters as pdfplumber-style dicts: pt from the top-left
        corner of the page as displayed (its /Rotate applied, as pdfplumber does)."""
        page = self.doc()[index]
        place = _displayed(page)
        text = page.get_textpage()
        out = []
        try:
            for i in range(text.count_chars()):
                ch = text.get_text_range(i, 1)
                if not ch or ch in "\r\n\ufffe":
                    continue
                x0, top, x1, bottom = place(*text.get_charbox(i, loose=True))
                out.append({"text": ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                            "upright": True, "size": bottom - top})
        finally:
            text.close()
            page.close()
        return out

    def render(self, index: int, scale: float):
        """Page ``index`` as a greyscale numpy array (rows, columns) at ``scale`` pixels per pt."""
        page = self.doc()[index]
        try:
            bitmap = page.render(scale=scale, grayscale=True)
            return bitmap.to_numpy().copy()
        finally:
            page.close()
