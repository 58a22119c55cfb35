"""Read a workbook (.xlsx, .xlsm, .xls, .ods) with python-calamine into pages of lines and grids.

A workbook is read as a PDF is: each visible sheet is one ``Page`` (numbered in sheet order,
``Page.name`` the sheet's name), its table one ``Grid`` and its other text ``Line``s, so that the
same segmenter, table reader, checks and reports run unchanged.

* The grid of a sheet runs from its header (its first row of two or more cells spanning half its
  width, ``ReaderSettings.sheet_table_share``) to its last row holding cells, over the columns any
  row uses; merged cells keep their spans (``CalamineSheet.merged_cell_ranges``; an .ods's from
  its content.xml), so header rows carry their column groups as a ruled PDF's do. Rows above the
  grid (the title, its label, 编制部门：… 单位：元) and text alone in a sheet (a narrative sheet, a
  cover, a list of contents) come out as text lines, one per line of each cell's text.
* Cells hold their values as printed: text as typed (an amount stored as text is read downstream
  like a printed amount); a number as an amount with at least two decimals and thousands
  separators (``1,234.50``), exactly (the float's shortest decimal form, at most 15 significant
  digits as a spreadsheet shows), except in a code column (a header such as 类/款/项 or 编码
  above it, from the vocabulary), where a whole number is the code it is (``205``).
* Each cell of a grid carries its reference (``GridCell.ref``: ``Sheet!B12``, the sheet's name
  quoted as a formula would quote it), which rows keep for the findings that point at them.

Geometry is synthetic: every column is ``COLUMN_WIDTH`` wide and every row ``ROW_HEIGHT`` high,
so the position of a cell is its place in the sheet; a cell whose text starts with spaces has
its first character that many half-ems to the right (indentation, read by the table reader).
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Optional

from ..numbers import normalize
from ..settings import DEFAULT, ReaderSettings
from ..vocab import CODE_PARTS, label_rules
from .base import Cell, Grid, GridCell, InputError, Line, Page, SourceDocument, distinct_pages, sha256_of
from .pdf import grid_lines

SHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".et"}
COLUMN_WIDTH = 80.0     # synthetic points per column
ROW_HEIGHT = 20.0       # synthetic points per row
LINE_STEP = 0.01        # between lines of one cell's text (keeps them in order within the row)
INDENT_STEP = 5.0       # points per leading space of a cell's text
SIGNIFICANT = 15        # digits a spreadsheet shows of a number
CODE_KEYS = ("code", "seq", "dept_code")


def column_letter(c: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        out = chr(65 + rem) + out
    return out


def sheet_ref(sheet: str, r: int, c: int) -> str:
    """``Sheet!B12`` for 0-based row ``r`` and column ``c``: a name holding anything but letters,
    digits and underscores is quoted (quotes doubled), as a formula writes it."""
    name = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{column_letter(c)}{r + 1}"


# ---------------------------------------------------------------------------
# values as printed
# ---------------------------------------------------------------------------
def amount_text(value: float) -> str:
    """A number as a printed amount: exact to the digits a spreadsheet shows, at least two
    decimals, thousands separators (1234.5 -> "1,234.50")."""
    try:
        d = Decimal(format(value, f".{SIGNIFICANT}g"))
    except InvalidOperation:
        return str(value)
    if d == d.to_integral_value() or -d.as_tuple().exponent < 2:
        d = d.quantize(Decimal("0.01"))
    return f"{d:,f}"


def value_text(value, code_column: bool) -> str:
    """The text a cell prints for ``value`` (a calamine value)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if code_column and float(value).is_integer() and abs(value) < 1e15:
            return str(int(value))
        return amount_text(float(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def _code_header(text: str) -> bool:
    """A header naming a code column (类, 款, 项, 编码, 序号 … of the vocabulary)."""
    t = re.sub(r"\s+", "", normalize(text))
    return bool(t) and (t in CODE_PARTS or any(k in CODE_KEYS and rx.search(t) for k, rx in label_rules()))


# ---------------------------------------------------------------------------
# one sheet
# ---------------------------------------------------------------------------
_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def ods_merged_ranges(path: Path) -> dict:
    """Sheet name -> merged ranges ``((r0, c0), (r1, c1))`` of an OpenDocument spreadsheet, read
    from its content.xml (calamine gives none for .ods). Repeated rows and cells are counted,
    never expanded."""
    import xml.etree.ElementTree as ET   # stdlib; only an .ods needs it
    import zipfile

    out: dict = {}
    with zipfile.ZipFile(path) as z, z.open("content.xml") as fh:
        for _, el in ET.iterparse(fh):
            if el.tag == _ODS_TABLE + "table":
                out[el.get(_ODS_TABLE + "name", "")] = _ods_table_ranges(el)
                el.clear()
    return out


def _ods_table_ranges(table) -> list:
    t = _ODS_TABLE
    ranges, r = [], 0
    for row in table.iter(t + "table-row"):
        c = 0
        for cell in row:
            if cell.tag not in (t + "table-cell", t + "covered-table-cell"):
                continue
            cols = int(cell.get(t + "number-columns-spanned", "1"))
            rows = int(cell.get(t + "number-rows-spanned", "1"))
            if cell.tag == t + "table-cell" and (cols > 1 or rows > 1):
                ranges.append(((r, c), (r + rows - 1, c + cols - 1)))
            c += int(cell.get(t + "number-columns-repeated", "1"))
        r += int(row.get(t + "number-rows-repeated", "1"))
    return ranges


_XLSX_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_XLSX_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _cell_position(ref: str) -> tuple:
    """"E20" -> (19, 4)."""
    letters = ref.rstrip("0123456789")
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch.upper()) - 64
    return int(ref[len(letters):]) - 1, col - 1


def xlsx_uncomputed_formulas(path: Path) -> dict:
    """Sheet name -> {(row, col): "=formula"} of an .xlsx's formula cells saved without their value
    (a workbook written by a program that does not calculate): calamine reads no value there, and
    a blank total would be read as 0; the formula's text is read instead, a cell the reader cannot
    use (a reading problem, never an error of the disclosure)."""
    import xml.etree.ElementTree as ET   # stdlib; only an .xlsx needs it
    import zipfile

    out: dict = {}
    with zipfile.ZipFile(path) as z:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target", "") for r in rels}
        for sheet in book.iter(_XLSX_MAIN + "sheet"):
            part = target.get(sheet.get(_XLSX_REL + "id"), "")
            part = part.lstrip("/") if part.startswith("/") else "xl/" + part
            if part in z.namelist():
                with z.open(part) as fh:
                    out[sheet.get("name", "")] = _uncomputed(ET.iterparse(fh))
    return out


def _uncomputed(events) -> dict:
    cells = {}
    for _, el in events:
        if el.tag != _XLSX_MAIN + "c":
            continue
        f, v = el.find(_XLSX_MAIN + "f"), el.find(_XLSX_MAIN + "v")
        if f is not None and (v is None or not (v.text or "").strip()) and el.get("r"):
            cells[_cell_position(el.get("r"))] = "=" + (f.text or "")
        el.clear()
    return cells


def _with_formulas(values: list, formulas: dict) -> list:
    """``values`` with the text of each formula saved without its value in its cell."""
    for (r, c), text in formulas.items():
        while len(values) <= r:
            values.append([])
        row = values[r]
        row.extend([""] * (c + 1 - len(row)))
        row[c] = text
    width = max((len(row) for row in values), default=0)
    return [row + [""] * (width - len(row)) for row in values]


def _merged(ranges) -> tuple:
    """({(row, col) of a merged range's first cell: (rows, cols) it spans}, {(row, col) of every
    other cell of a merged range: its first cell}) of ``ranges`` ((r0, c0), (r1, c1))."""
    spans: dict = {}
    covered: dict = {}
    for (r0, c0), (r1, c1) in ranges or ():
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = (r0, c0)
    return spans, covered


def _code_columns(values: list, spans: dict) -> set:
    """Columns under a code header: a text cell naming a code column (or a merged header over
    it) above the column's first number."""
    over: dict = {}
    for (r, c), (_, cols) in spans.items():
        for k in range(c, c + cols):
            over.setdefault(k, []).append((r, c))
    out = set()
    width = max((len(row) for row in values), default=0)
    for c in range(width):
        for r, row in enumerate(values):
            v = row[c] if c < len(row) else None
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                break
            heads = [v] + [values[a][b] for a, b in over.get(c, ()) if a <= r and b < len(values[a])]
            if any(isinstance(h, str) and _code_header(h) for h in heads):
                out.add(c)
                break
    return out


def _texts(values: list, spans: dict, covered: dict) -> list:
    """The sheet as a matrix of printed texts (a covered cell of a merged range is "")."""
    codes = _code_columns(values, spans)
    return [["" if (r, c) in covered else value_text(v, c in codes) for c, v in enumerate(row)]
            for r, row in enumerate(values)]


def _table_rows(texts: list, spans: dict, s: ReaderSettings) -> Optional[tuple]:
    """(first, last) row of the sheet's table: from its first row of two or more cells that, with
    their merged spans, cover ``sheet_table_share`` of the sheet's width (a header row; not a title
    and its label, nor a 编制部门 … 单位 line, printed above the table) to its last row holding any
    cell; None for a sheet of text alone."""
    width = max((c + 1 for row in texts for c, t in enumerate(row) if t.strip()), default=0)
    for r, row in enumerate(texts):
        cells = [c for c, t in enumerate(row) if t.strip()]
        covered = sum(spans.get((r, c), (1, 1))[1] for c in cells)
        if len(cells) >= 2 and covered >= s.sheet_table_share * width:
            return r, _last_row(texts, r, s)
    return None


def _last_row(texts: list, first: int, s: ReaderSettings) -> int:
    """The table's last row: the last holding any cell, notes under the table left out (after its
    last row of several cells, a row whose one cell holds more than ``sheet_note_chars``, and the
    rows of one cell after it; a short row before them, such as a 合计 printed blank, is kept)."""
    last, note = first, False
    for r in range(first, len(texts)):
        cells = [t.strip() for t in texts[r] if t.strip()]
        if len(cells) >= 2:
            last, note = r, False
        elif cells and len(cells[0].replace("\n", "")) > s.sheet_note_chars:
            note = True
        elif cells and not note:
            last = r
    return last


def _indent(text: str) -> float:
    return INDENT_STEP * (len(text) - len(text.lstrip(" \u3000")))


def _width(texts: list, spans: dict, first: int, last: int) -> int:
    """Columns of the grid: up to the last one any of its rows uses, or a merged cell spans."""
    used = [c for row in texts[first:last + 1] for c, t in enumerate(row) if t.strip()]
    n = max(used) + 1
    for (r, c), (_, cols) in spans.items():
        if first <= r <= last and c < n:
            n = max(n, c + cols)
    return n


def _grid(texts: list, merged: tuple, rows: tuple, page_no: int, sheet: str) -> Grid:
    """The grid of rows ``rows`` (first, last) of a sheet. A merged range is one cell, clipped to
    the grid; a cell covered by a range that starts outside the grid is an empty cell."""
    spans, covered = merged
    first, last = rows
    n_cols = _width(texts, spans, first, last)
    xs = [COLUMN_WIDTH * c for c in range(n_cols + 1)]
    ys = [ROW_HEIGHT * r for r in range(first, last + 2)]
    g = Grid(id=f"p{page_no}g0", page=page_no, xs=xs, ys=ys, source="sheet")
    for r in range(first, last + 1):
        for c in range(n_cols):
            anchor = covered.get((r, c))
            if anchor is not None and first <= anchor[0] and anchor[1] < n_cols:
                continue   # inside a merged cell of the grid
            rs, cs = spans.get((r, c), (1, 1)) if anchor is None else (1, 1)
            rs, cs = min(rs, last + 1 - r), min(cs, n_cols - c)
            text = texts[r][c] if anchor is None and c < len(texts[r]) else ""
            g.cells.append(GridCell(r - first, c, text.strip("\n"), xs[c], ys[r - first], xs[c + cs],
                                    ys[r - first + rs], rowspan=rs, colspan=cs,
                                    text_x0=xs[c] + _indent(text) if text.strip() else None,
                                    ref=sheet_ref(sheet, r, c)))
    return g


def _text_lines(texts: list, rows: range, page_no: int) -> list:
    """Text lines of the sheet's rows ``rows``: each line of each cell's text, cell by cell left to
    right (a label and the title beside it, 编制部门：… and 单位：元 are lines of their own, as a
    label printed above a title is)."""
    out = []
    for r in rows:
        k = 0
        for c, text in enumerate(texts[r]):
            for part in (p for p in text.split("\n") if p.strip()):
                top = ROW_HEIGHT * r + LINE_STEP * k
                out.append(Line(page=page_no, top=top, cells=[_word(part, c, top)], grid=False, row_span=ROW_HEIGHT))
                k += 1
    return out


def _word(text: str, c: int, top: float) -> Cell:
    x0 = COLUMN_WIDTH * c + _indent(text)
    return Cell(text.strip(), x0, COLUMN_WIDTH * (c + 1), top, top + ROW_HEIGHT)


def read_sheet(values: list, merged: tuple, page_no: int, name: str, s: ReaderSettings = DEFAULT) -> Page:
    """One sheet (its cell values from A1, its merged ranges) as a page: its table as a grid and
    the rest as text lines."""
    texts = _texts(values, *merged)
    page = Page(number=page_no, name=name)
    rows = _table_rows(texts, merged[0], s)
    if rows is None:
        page.lines = _text_lines(texts, range(len(texts)), page_no)
    else:
        grid = _grid(texts, merged, rows, page_no, name)
        page.grids = [grid]
        page.lines = _text_lines(texts, range(rows[0]), page_no) + grid_lines(grid) \
            + _text_lines(texts, range(rows[1] + 1, len(texts)), page_no)
        page.lines.sort(key=lambda l: (l.top, 0 if l.grid else 1))
    width = max((len(row) for row in texts), default=0)
    page.width, page.height = COLUMN_WIDTH * width, ROW_HEIGHT * len(texts)
    page.chars = sum(len(t.strip()) for row in texts for t in row)
    return page


def _open(path: Path):
    # python-calamine is imported when a workbook is read: a batch of PDFs never loads it
    import python_calamine

    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise InputError(path, "encrypted workbook (a password is required to open it)") from None
    except Exception as exc:   # calamine raises its own errors, and others, for a damaged file
        raise InputError(path, f"corrupt or unreadable workbook ({type(exc).__name__}: "
                               f"{' '.join(str(exc).split())[:200]})") from None


def _visible_sheets(wb) -> list:
    """Names of the workbook's visible worksheets (hidden sheets and chart sheets are not printed)."""
    out = []
    for meta in wb.sheets_metadata:
        typ, vis = str(meta.typ).rsplit(".", 1)[-1], str(meta.visible).rsplit(".", 1)[-1]
        if typ == "WorkSheet" and vis == "Visible":
            out.append(meta.name)
    return out


def read_workbook(path: Path, s: ReaderSettings = DEFAULT, fmt: str = "") -> SourceDocument:
    """Every visible sheet of the workbook at ``path``, one page each, in sheet order; a sheet
    printing what an earlier one printed is read once (``base.distinct_pages``). ``fmt`` is what
    its content says it is (xlsx, ods, xls), else its suffix says."""
    fmt = fmt or (path.suffix.lower().lstrip(".") if path.suffix.lower() in SHEET_SUFFIXES else "workbook")
    wb = _open(path)
    pages = []
    try:
        ods = ods_merged_ranges(path) if fmt == "ods" else {}
        formulas = xlsx_uncomputed_formulas(path) if fmt in ("xlsx", "xlsm") else {}
        for name in _visible_sheets(wb):
            sheet = wb.get_sheet_by_name(name)
            values = sheet.to_python(skip_empty_area=False)
            if formulas.get(name):
                values = _with_formulas([list(row) for row in values], formulas[name])
            ranges = sheet.merged_cell_ranges if sheet.merged_cell_ranges is not None else ods.get(name, ())
            page = read_sheet(values, _merged(ranges), len(pages) + 1, name, s)
            pages.append(page)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(path, f"corrupt workbook: sheet {len(pages) + 1} cannot be read "
                               f"({type(exc).__name__}: {' '.join(str(exc).split())[:200]})") from None
    finally:
        wb.close()
    if not pages:
        raise InputError(path, "workbook has no visible worksheet")
    if sum(p.chars for p in pages) == 0:
        raise InputError(path, f"empty workbook: none of its {len(pages)} sheets holds a value")
    pages, repeated = distinct_pages(pages, s)
    return SourceDocument(path=path, format=fmt, pages=pages, sha256=sha256_of(path), size=path.stat().st_size,
                          repeated=repeated)
