"""Pages and lines: the value every parser step reads."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..settings import DEFAULT, ReaderSettings


class InputError(Exception):
    """A file that cannot be read as a disclosure; ``str()`` is one line naming file and reason."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class Cell:
    text: str
    x0: Optional[float] = None
    x1: Optional[float] = None
    top: Optional[float] = None
    bottom: Optional[float] = None

    @property
    def center(self) -> Optional[float]:
        if self.x0 is None or self.x1 is None:
            return None
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    """A row of a ruled table (``grid`` true) or a line of text (cells are words/tokens)."""
    page: int
    top: float
    cells: list
    grid: bool = False
    grid_id: Optional[str] = None   # "p3t0": page 3, first ruled table; None for text
    row_span: float = 0.0            # height of the row (grid) or line

    @property
    def text(self) -> str:
        return " ".join(c.text.replace("\n", "") for c in self.cells if c.text).strip()

    @property
    def compact(self) -> str:
        return "".join(c.text for c in self.cells).replace("\n", "").replace(" ", "")


@dataclass
class GridCell:
    """One cell of a ruled (or text-aligned) table, anchored at its top-left grid position.

    ``row``/``col`` index the grid's elementary rows and columns (``Grid.ys``/``Grid.xs``);
    a merged cell spans ``rowspan`` x ``colspan`` of them. ``text`` joins the cell's printed
    lines with "\n" (a wrapped label keeps its line breaks; callers join as they need).
    """
    row: int
    col: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    rowspan: int = 1
    colspan: int = 1
    text_x0: Optional[float] = None   # left edge of the first printed character (indentation)
    ref: Optional[str] = None         # a workbook's cell: "Sheet!B12" (None on a PDF page)
    confidence: Optional[float] = None   # a recognised (OCR) cell: the recogniser's lowest confidence
                                         # in its characters (0-1); None for a text page's cell

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Grid:
    """A table's geometry on one page: column and row boundaries, and its cells.

    ``source`` says what the grid was derived from: "rulings" (drawn lines), "text" (text
    alignment, no usable rulings), "sheet" (a workbook's cells). Every elementary position
    (r, c) is covered by exactly one cell of ``cells``; empty cells are present with text "".
    """
    id: str                      # "p3g0": page 3, first grid of the page
    page: int
    xs: list                     # column boundaries, left to right (n_cols + 1 values)
    ys: list                     # row boundaries, top to bottom (n_rows + 1 values)
    cells: list = field(default_factory=list)   # list[GridCell]
    source: str = "rulings"

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def bbox(self) -> tuple:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def row(self, r: int) -> list:
        """Cells anchored in row ``r``, left to right."""
        return sorted((c for c in self.cells if c.row == r), key=lambda c: c.col)

    def rows_between(self, r0: int, r1: int) -> "Grid":
        """The grid's rows ``r0`` (inclusive) to ``r1`` (exclusive) as a grid of their own; a cell
        spanning across the cut is clipped to the slice."""
        r0, r1 = max(0, r0), min(self.n_rows, r1)
        out = Grid(id=f"{self.id}r{r0}", page=self.page, xs=list(self.xs), ys=self.ys[r0:r1 + 1],
                   source=self.source)
        for c in self.cells:
            top, bottom = max(c.row, r0), min(c.row + c.rowspan, r1)
            if top >= bottom:
                continue
            text = c.text if c.row >= r0 else ""
            out.cells.append(GridCell(top - r0, c.col, text, c.x0, self.ys[top], c.x1, self.ys[bottom],
                                      rowspan=bottom - top, colspan=c.colspan,
                                      text_x0=c.text_x0 if c.row >= r0 else None,
                                      ref=c.ref if c.row >= r0 else None))
        return out

    def row_of(self, y: float) -> int:
        """Index of the row whose top is nearest ``y``."""
        return min(range(self.n_rows), key=lambda r: abs(self.ys[r] - y))

    def at(self, r: int, c: int) -> Optional[GridCell]:
        """The cell covering elementary position (r, c)."""
        for cell in self.cells:
            if cell.row <= r < cell.row + cell.rowspan and cell.col <= c < cell.col + cell.colspan:
                return cell
        return None

    def owners(self) -> list:
        """``owners()[r][c]`` is the cell covering elementary position (r, c).

        Raises ValueError when a position is covered by no cell or by more than one.
        """
        table = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    if table[r][c] is not None:
                        raise ValueError(f"{self.id}: position ({r}, {c}) is covered twice")
                    table[r][c] = cell
        if any(cell is None for row in table for cell in row):
            raise ValueError(f"{self.id}: a position is covered by no cell")
        return table

    def texts(self) -> list:
        """The grid as a matrix of texts: each position holds the text of the cell covering it."""
        return [[cell.text for cell in row] for row in self.owners()]


@dataclass
class Page:
    number: int                      # 1-based
    lines: list = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    chars: int = 0
    grids: list = field(default_factory=list)   # list[Grid], top to bottom
    digest: str = ""                 # of its text, page numbers aside ("" for a page without text)
    name: str = ""                   # a workbook's sheet name ("" for a PDF or text page)
    read_by: str = "text"            # "text" (its text layer), "pdfium" (the second extractor, for
                                     # a text layer of (cid:…)), "ocr" (a scan, recognised)
    turned: int = 0                  # degrees a scanned page was turned clockwise to stand upright
                                     # before it was recognised (read_by "ocr"); its width and
                                     # height are the upright page's

    @property
    def text(self) -> str:
        return "\n".join(l.text for l in self.lines)


@dataclass
class SourceDocument:
    path: Path
    format: str                      # "pdf" | "text" | a workbook's: "xlsx" | "xls" | "ods" | "et"
    pages: list
    sha256: str
    size: int
    repeated: list = field(default_factory=list)   # (page, the earlier page it repeats), not read
    repeated_lines: int = 0                         # text lines repeating earlier ones, not read

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _page_number(line: Line, s: ReaderSettings) -> bool:
    """A text line of digits and punctuation only (no letter, no CJK character): a page number."""
    text = line.compact
    if line.grid or not text or len(text) > s.page_number_chars:
        return False
    cats = [unicodedata.category(ch)[0] for ch in text]
    return "N" in cats and all(c in "NPSZ" for c in cats)


def page_digest(page: Page, s: ReaderSettings = DEFAULT) -> str:
    """What a page prints, as a hash: the compact text of its lines, without a page number on its
    first or last line (the same page printed twice in one document is numbered twice). A page
    without text has none: blank pages are never repeats of each other."""
    lines = list(page.lines)
    if lines and _page_number(lines[-1], s):
        lines.pop()
    if lines and _page_number(lines[0], s):
        lines.pop(0)
    text = "\n".join(l.compact for l in lines if l.compact)
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else ""


def distinct_pages(pages: list, s: ReaderSettings = DEFAULT) -> tuple[list, list]:
    """(the pages whose text no earlier page printed, [(page, the earlier page it repeats)]). Each
    page's ``digest`` is set here; a repeat keeps its own page number out of the document, so
    the pages read keep theirs (a finding still points to the page it was read on)."""
    first: dict = {}
    kept, repeated = [], []
    for p in pages:
        p.digest = page_digest(p, s)
        if p.digest and p.digest in first and not s.read_repeated_pages:
            repeated.append((p.number, first[p.digest]))
            continue
        if p.digest:
            first[p.digest] = p.number
        kept.append(p)
    return kept, repeated


def _repeat_length(texts: list, i: int, earlier: list) -> int:
    """The longest run starting at ``i`` that a run starting at one of ``earlier`` printed before."""
    best = 0
    for k in earlier:
        m = 0
        while i + m < len(texts) and k + m < i and texts[k + m] == texts[i + m]:
            m += 1
        best = max(best, m)
    return best


def drop_repeated_text(pages: list, s: ReaderSettings = DEFAULT) -> int:
    """Remove from ``pages`` (a PDF that repeats whole pages) the runs of text lines that repeat
    an earlier run — the same narrative printed again on other page breaks; the number removed.
    Table rows (grid lines) and page numbers are neither compared nor removed (so this is for
    PDFs only: in a text file every table row is a text line, and two tables may print the same
    rows)."""
    seq = [(p, l) for p in pages for l in p.lines if not l.grid and l.compact and not _page_number(l, s)]
    texts = [l.compact for _, l in seq]
    where: dict = {}
    drop: list = []
    i = 0
    while i < len(seq):
        m = _repeat_length(texts, i, where.get(texts[i], ()))
        if m >= s.repeat_min_lines and sum(map(len, texts[i:i + m])) >= s.repeat_min_chars:
            drop.extend(seq[i:i + m])
            i += m
            continue
        where.setdefault(texts[i], []).append(i)
        i += 1
    gone = {id(l) for _, l in drop}
    for p in {id(p): p for p, _ in drop}.values():
        p.lines = [l for l in p.lines if id(l) not in gone]
    return len(drop)
