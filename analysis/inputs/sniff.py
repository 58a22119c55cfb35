"""What a file is, from its first bytes rather than its name.

Scrapers save whatever a link returned under the link's name: a web page (a login wall, a "file
not found" page, a viewer) as ``.pdf``, a Word or Excel file as ``.pdf``, a scan as ``.pdf``.
``content_type`` names such content so that the line about the file gives the true reason
("an HTML page, not a PDF") instead of a parser's complaint ("corrupt PDF"); ``workbook`` says
which of them a workbook reader reads (an .xlsx or .ods surely, an old Office file perhaps).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Optional

HEAD_BYTES = 4096
XLSX = "an Excel workbook (.xlsx)"
ODS = "an OpenDocument spreadsheet (.ods)"
OLE = "an old Microsoft Office file (.doc, .xls, .ppt or .wps)"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
PDF_MAGIC = b"%PDF-"

# magic bytes -> what the file is (checked at offset 0, after a UTF-8 byte-order mark)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"BM", None),   # BMP: too short a mark to trust alone (checked below)
    (OLE_MAGIC, OLE),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)
_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|script)\b",
                   re.IGNORECASE | re.DOTALL)
_HTML_DOCUMENT = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_XML = re.compile(rb"^\s*<\?xml\b", re.IGNORECASE)
# the parts of a ZIP file that say which Office (or OFD) document it is
_ZIP_PARTS = (("word/", "a Word document (.docx)"), ("xl/", XLSX),
              ("ppt/", "a PowerPoint presentation (.pptx)"), ("OFD.xml", "an OFD document (.ofd)"),
              ("content.xml", "an OpenDocument file (.odt, .ods)"))


def head(path: Path, n: int = HEAD_BYTES) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def is_pdf(data: bytes) -> bool:
    """A PDF's header may follow some junk, within its first 1024 bytes (as readers accept it)."""
    return PDF_MAGIC in data[:1024]


def content_type(path: Path, data: bytes) -> Optional[str]:
    """What the file is when it is neither a PDF nor text (e.g. "an HTML page (a web page)"), or None."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if is_pdf(data):
        return None
    for magic, what in _MAGIC:
        if body.startswith(magic):
            return what or _bmp(body)
    if body.startswith(b"RIFF") and body[8:12] == b"WEBP":
        return "a WebP image"
    if body.startswith(b"PK\x03\x04") or body.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if _html(body, path.suffix.lower()):
        return f"an HTML page (a web page{_html_title(path)})"
    if _XML.match(body):
        return "an XML file"
    return None


_HTML_TITLE = re.compile(r"<meta[^>]+name=[\"']ArticleTitle[\"'][^>]+content=[\"']([^\"']+)|<title[^>]*>([^<]+)</title>",
                         re.IGNORECASE)


def _html_title(path: Path) -> str:
    """': "<article title>"' of a saved web page (its ArticleTitle, else its <title>), or ""."""
    with open(path, "rb") as fh:
        text = fh.read(65536).decode("utf-8", errors="ignore")
    m = _HTML_TITLE.search(text)
    title = " ".join((m.group(1) or m.group(2)).split()) if m else ""
    return f": \"{title[:80]}\"" if title else ""


def _html(body: bytes, suffix: str) -> bool:
    """A web page: a text file only when it opens as a document (<!DOCTYPE html>, <html>, <head>,
    <body>); a text file may well start with a tag-like string of its own."""
    if _XML.match(body) and b"<html" in body.lower():
        return True
    m = _HTML.match(body)
    return bool(m) and (suffix != ".txt" or _HTML_DOCUMENT.match(body) is not None)


def _bmp(body: bytes) -> Optional[str]:
    size = int.from_bytes(body[2:6], "little") if len(body) >= 6 else 0
    return "a BMP image" if len(body) >= 14 and body[6:10] == b"\x00\x00\x00\x00" and size > 14 else None


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "a ZIP archive (damaged)"
    if "mimetype" in names and ODS_MIME in _zip_member(path, "mimetype"):
        return ODS
    for part, what in _ZIP_PARTS:
        if any(n == part or n.startswith(part) or n.endswith("/" + part) for n in names):
            return what
    return f"a ZIP archive ({len(names)} files)"


def _zip_member(path: Path, name: str, n: int = 200) -> bytes:
    try:
        with zipfile.ZipFile(path) as z, z.open(name) as fh:
            return fh.read(n)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError):
        return b""


def workbook(what: Optional[str]) -> str:
    """What a workbook reader may read, from ``content_type``: "sure" for an .xlsx or .ods,
    "maybe" for an OLE file (an .xls, or a .doc, .ppt …: only opening it tells), else ""."""
    return "sure" if what in (XLSX, ODS) else "maybe" if what == OLE else ""


def workbook_format(what: Optional[str], suffix: str) -> str:
    """The format a workbook is, from its content where it tells (xlsx, ods), else from its
    suffix (.xls, .et: both OLE files), else "xls" for an OLE file; "" when nothing tells."""
    if what == XLSX:
        return "xlsx"
    if what == ODS:
        return "ods"
    if suffix in (".xls", ".et", ".xlsx", ".xlsm", ".ods"):
        return suffix.lstrip(".")
    return "xls" if what == OLE else ""


def reason(what: str, suffix: str) -> str:
    """The line's reason for a file whose content is ``what`` (``content_type``), named with
    ``suffix``: what it is, what it is not, and what to do."""
    if what.startswith("an HTML"):
        advice = "the download saved a web page instead of the file; download the PDF itself"
    elif "image" in what:
        advice = "scanned pages? run OCR, or get the PDF with text"
    elif "archive" in what:
        advice = "unpack it and give the files inside"
    else:
        advice = "save or print the disclosure as PDF"
    if suffix in (".pdf", ".txt"):
        return f"{what}, not a {'PDF' if suffix == '.pdf' else 'text file'} ({advice})"
    return f"unsupported file type '{suffix or 'none'}': {what} (expected a PDF, a text file or a workbook; {advice})"
