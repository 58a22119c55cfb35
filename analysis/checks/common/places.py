"""Places: where a figure is printed, named so that a reader can open the page.

* ``place(t, row)``: ``附件3《一般公共预算基本支出表》第9页`` (the table's standard name);
* ``where(t, row)``: ``附件2 《…一般公共预算财政拨款支出预算表》第8页`` (its printed title);
* ``row_label(r)``, ``col_label(t, key)``: a row and a column as printed;
* ``related(t, r, …)``: another place of a finding, as data;
* ``doc_name(d, file)``: a disclosure of the batch (``2024年某局（file.pdf）``).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Optional

from ...model import Disclosure, Row, Table
from ..base import cell_of
from ...vocab import SECTION_ZH, column_zh, kind_zh


def _first_page(t: Table, row: Optional[Row] = None) -> Optional[int]:
    if row is not None and row.page:
        return row.page
    return t.pages[0] if t.pages else None


def _page_or_cell(t: Table, row: Optional[Row], page: Optional[int]) -> str:
    """``第9页`` in a PDF; in a workbook its cell or sheet: ``（部门支出总表!A12）``."""
    cell = cell_of(t, row)
    if cell:
        return f"（{cell}）"
    return f"第{page}页" if page else ""


def place(t: Table, row: Optional[Row] = None, page: Optional[int] = None) -> str:
    """Where a figure is printed: ``附件3《一般公共预算基本支出表》第9页`` (in a workbook its cell,
    ``《一般公共预算基本支出表》（基本支出表!A12）``)."""
    if page is None:
        page = _first_page(t, row)
    head = f"{t.label}《{kind_zh(t.kind)}》" if t.label else f"《{kind_zh(t.kind)}》"
    return head + _page_or_cell(t, row, page)


def where(t: Table, row: Optional[Row] = None) -> str:
    """'附件2 《…一般公共预算财政拨款支出预算表》第8页': the table under its printed title (in a
    workbook its cell or sheet instead of the page)."""
    label = (t.label + " ") if t.label else ""
    title = t.title or t.kind
    return f"{label}《{title}》" + _page_or_cell(t, row, _first_page(t, row))


def row_label(r: Row) -> str:
    """A row as printed: ``302 商品和服务支出``, ``合计``, or what an unnamed row carries."""
    if r.code:
        return f"{r.code} {r.name}".strip()
    if r.name and "subtotal" in r.flags and r.section and r.section not in SECTION_ZH:
        return f"{r.section} {r.name}"
    if r.name:
        return r.name
    extra = [str(r.extra[k]) for k in ("code_as_printed", "dept_name", "unit_name", "project_name", "item")
             if r.extra.get(k)]
    if extra:
        return " ".join(extra)
    return "合计行" if r.is_total else "无名称行"


_YEAR = re.compile(r"^(20\d{2})年")


def _header_name(parts: list, key: str) -> str:
    """The Chinese name a printed header stack (``2024年/公务接待费``) gives a column."""
    name = parts[-1]
    if name in ("小计", "合计", "总计") and len(parts) > 1 and not _YEAR.match(parts[-2]):
        name = parts[-2] + name
    if (name in ("金额", "预算数") or re.fullmatch(r"20\d{2}年预算数", name)) and len(parts) == 1:
        bare = key.replace("prior_", "")
        name = column_zh(bare) if column_zh(bare) != bare else name
    m = _YEAR.match(parts[0])
    if m and len(parts) > 1 and not name.startswith(m.group(0)):
        name = m.group(0) + name
    elif not m and key.startswith("prior_") and not name.startswith("上年"):
        name = "上年" + name
    return name


def col_label(t: Table, key: str) -> str:
    """The printed header of a column, shortened (``2024年公务接待费``), or the vocabulary's
    Chinese name of its key."""
    label = (t.label_of(key) or "").split(":", 1)[-1]
    parts = [p for p in label.split("/") if p]
    if parts and re.search(r"[\u4e00-\u9fff]", parts[-1]):
        return _header_name(parts, key)
    return column_zh(key)


def related(t: Table, r: Optional[Row], key: Optional[str] = None, value=None, page=None) -> dict:
    """Another place of a finding: table, page, row (code and label), column and value."""
    d = {"table": t.kind, "table_id": t.id,
         "page": page if page is not None else (r.page if r is not None else (t.pages[0] if t.pages else None))}
    if r is not None:
        if r.code:
            d["code"] = r.code
        d["item"] = row_label(r)
    if key:
        d["column"] = key
    if value is not None:
        d["value"] = str(value)
    cell = cell_of(t, r, key)
    if cell:
        d["place"] = cell
    return d


def pages_note(parent_page: Optional[int], rows: Iterable[Row]) -> str:
    """'（见第12—13页）' when the rows are printed on other pages than their total."""
    pages = sorted({r.page for r in rows if r.page})
    if not pages or pages == [parent_page]:
        return ""
    if len(pages) == 1:
        return f"（见第{pages[0]}页）"
    return f"（见第{pages[0]}—{pages[-1]}页）"


def doc_name(d: Disclosure, file: str = "") -> str:
    """'2024年某局（file.pdf）': a disclosure of the batch, named with the file cited."""
    name = Path(file).name if file else (Path(d.files[0].path).name if d.files else "")
    return f"{d.year}年{d.department}" + (f"（{name}）" if name else "")
