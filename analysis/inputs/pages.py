"""Pages in parallel: one large PDF read by several workers at once, in page ranges.

Files are read in parallel already (one task per file). A single large file (a 300-page
province compendium) or a scanned one (each page costs seconds of OCR) would still be read by one
worker while the others wait. When a pool has two or more workers, a PDF that is read for the
first time (not in the parse or source-document cache) and costs enough is planned instead of
read (``plan``): its pages are cut into contiguous ranges of about equal cost, each range is read
by a task of its own (``read_range``: every page read on its own, repeats included), and the
readings are put together in page order (``assemble``) by the same rule a whole reading applies
(``pdf.pages_read``): repeated pages, lone repeats, repeated text; the document is the one a
single worker would have read, page for page.

A page's cost is estimated from its objects, without reading it: a page with text costs 1; a page
that will be recognised by OCR (no text object, an image; not yet in the OCR cache) costs
``OCR_PAGE_COST``. Ranges cost at least ``RANGE_MIN_COST`` (a range opens the file again) and at
most a share of the file's cost that gives every worker several ranges; a file whose cost is
under ``SPLIT_MIN_COST`` is read whole, and so is a file that is a small share of its batch
(``least_size``): other files keep the workers busy.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..settings import DEFAULT, READERS, ReaderSettings
from . import cache, ocr
from .base import SourceDocument, sha256_of
from .pdf import pages_read, read_page_range
from .pdfium import open_pdfium
from .sniff import head, is_pdf

SPLIT_MIN_COST = 24.0
"""Text pages. A file costing less is read whole by one worker: splitting it saves less than the
second opening of the file and the pages' trip between processes cost."""
RANGE_MIN_COST = 12.0
"""Text pages. A range costs at least this much (one scanned page costs more on its own)."""
RANGES_PER_WORKER = 4
"""A file's ranges: about this many per worker, so that a worker done early takes another."""
OCR_PAGE_COST = 50.0
"""Text pages. What recognising one scanned page costs, in pages read from a text layer."""
BATCH_SHARE_MIN = 0.5
"""A file is read in ranges only when its bytes are at least this share of one worker's part of
the batch (the batch's bytes over the workers): smaller files keep the workers busy side by side
already, and the pages of a file read in ranges travel between processes twice more."""


@dataclass
class ReadPlan:
    """How a file is read in ranges: ``ranges`` of 1-based inclusive page numbers, in order,
    covering its ``pages`` pages, and each range's share of the file's estimated cost."""
    path: str
    pages: int
    ranges: list
    shares: list


def page_costs(path: Path, sha256: str, s: ReaderSettings = DEFAULT) -> list:
    """The estimated cost of reading each page of the PDF at ``path`` (see the module). Loading a
    page costs a tenth of reading it, so three pages (first, middle, last) are looked at: when
    none is a scan every page costs 1; else every page is looked at (OCR dwarfs the looking)."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path), password="")
    try:
        n = len(doc)
        sample = sorted({0, n // 2, n - 1}) if n else []
        if not any(_scanned(doc, i) for i in sample):
            return [1.0] * n
        ocr_on = ocr.available()
        return [OCR_PAGE_COST if ocr_on and _scanned(doc, i) and not ocr.cached(sha256, i, s) else 1.0
                for i in range(n)]
    finally:
        doc.close()


def _scanned(doc, index: int) -> bool:
    """Whether page ``index`` holds an image and no text object (a scan, for OCR)."""
    import pypdfium2.raw as c

    page = doc[index]
    try:
        kinds = {obj.type for obj in page.get_objects(max_depth=2)}
    finally:
        page.close()
    return c.FPDF_PAGEOBJ_TEXT not in kinds and c.FPDF_PAGEOBJ_IMAGE in kinds


def ranges(costs: list, workers: int) -> list:
    """Contiguous 1-based page ranges [(first, last)] of about equal cost: each at least
    ``RANGE_MIN_COST`` (or one page), about ``RANGES_PER_WORKER`` per worker; a page costing a
    range on its own (a scan) is a range of its own."""
    total = sum(costs)
    target = max(RANGE_MIN_COST, total / (RANGES_PER_WORKER * max(1, workers)))
    out, cost_of, first, acc = [], [], 1, 0.0
    for number, cost in enumerate(costs, start=1):
        if acc and cost >= target:      # a heavy page does not join the light ones before it
            out.append((first, number - 1))
            cost_of.append(acc)
            first, acc = number, 0.0
        acc += cost
        if acc >= target:
            out.append((first, number))
            cost_of.append(acc)
            first, acc = number + 1, 0.0
    if first <= len(costs):
        if out and acc < target / 2 and cost_of[-1] + acc <= 1.5 * target:   # a small tail joins the range before
            out[-1] = (out[-1][0], len(costs))
        else:
            out.append((first, len(costs)))
    return out


def least_size(files: list, workers: int) -> int:
    """Bytes. The smallest file of the batch ``files`` worth reading in ranges on ``workers``
    (``BATCH_SHARE_MIN``); 0 for a batch of one file."""
    sizes = []
    for f in files:
        try:
            sizes.append(Path(f).stat().st_size)
        except OSError:
            continue
    return int(BATCH_SHARE_MIN * sum(sizes) / max(1, workers)) if len(sizes) > 1 else 0


def plan(path: str | Path, s: ReaderSettings = DEFAULT, workers: int = 1, least: int = 0) -> Optional[ReadPlan]:
    """A plan to read the file at ``path`` in ranges, or None when it is read whole: one worker,
    not a PDF, smaller than ``least`` bytes (``least_size``: the batch's other files keep the
    workers busy), already in a cache, too small, or not readable by PDFium (its reading says why)."""
    p = Path(path)
    if workers < 2 or s.reader not in READERS or not p.is_file() or not is_pdf(head(p)):
        return None
    if least and p.stat().st_size < least:
        return None
    sha = sha256_of(p)
    if cache.has_parse(p, sha, s) or cache.has_source(sha, s):
        return None
    try:
        costs = page_costs(p, sha, s)
    except Exception:  # noqa: BLE001 - a file PDFium cannot open is read whole, and fails there
        return None
    if sum(costs) < SPLIT_MIN_COST:
        return None
    cut = ranges(costs, workers)
    if len(cut) < 2:
        return None
    total = sum(costs)
    return ReadPlan(str(p), len(costs), cut, [sum(costs[a - 1:b]) / total for a, b in cut])


def _opener(s: ReaderSettings):
    return (lambda p: open_pdfium(p, s)) if s.reader == "pdfium" else None


def read_range(path: str | Path, first: int, last: int, s: ReaderSettings = DEFAULT) -> list:
    """Pages ``first``..``last`` of the PDF at ``path`` read on their own (``pdf.PageReading``)."""
    return read_page_range(Path(path), first, last, s, opener=_opener(s))


def assemble(path: str | Path, readings: list, s: ReaderSettings = DEFAULT) -> SourceDocument:
    """The document of the PDF at ``path`` from the readings of all its ranges, as a whole
    reading gives it; kept in the source-document cache like one."""
    p = Path(path)
    doc = pages_read(p, readings, s)
    cache.cached(p, doc.sha256, s, lambda: doc)
    return doc

