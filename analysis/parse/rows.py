"""Rows of a budget table, whatever it was printed as: the common row model of the two table
readers (``grid_reader`` for grids, ``text_reader`` for flattened text).

What a row label says (a code, 合计, 小计, an enumeration), when a line of cells or tokens starts
the table's data, and ``TableBuilder``: a table under construction, with the row logic both
readers share (a cell's amount in the table's unit, codes and project codes split off names,
total and subtotal flags).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..model import Problem, Row, Table
from ..numbers import DEFAULT_UNIT, UNIT_SCALE, is_amount_token, parse_cell, parse_number
from ..settings import DEFAULT, ReaderSettings
from ..vocab.words import pattern, words
from .titles import compact

CODE = re.compile(r"^(\d{3}(?:\d{2}){0,2})$")
# A code printed before the name in the name cell: 201一般公共服务支出, 201 …, [201]… (as budgeting
# systems export it), 【201】…, (201)…, 301-工资福利支出, 301、…: groups 1-4 the code (one of them),
# group 5 the name.
CODE_PREFIX = re.compile(r"^(?:\[(\d{3}(?:\d{2}){0,2})\]|\u3010(\d{3}(?:\d{2}){0,2})\u3011|\((\d{3}(?:\d{2}){0,2})\)"
                         r"|(\d{3}(?:\d{2}){0,2})(?!\d))[\s\-\u2013\u2014.:\u3001]*(\S.*)?$")
PROJECT_CODE = re.compile(r"^(\d{6,}[A-Z]\d{6,})\s*[-—－]?\s*(.*)$", re.S)
TOTAL = pattern("row_total")
SUBTOTAL = pattern("row_subtotal")
ENUM = pattern("row_enumeration")
YEARISH = pattern("row_year")


def code_level(code: Optional[str]) -> Optional[int]:
    if not code:
        return None
    return {3: 1, 5: 2, 7: 3}.get(len(code))


def row_flags(name: str) -> list:
    n = compact(name)
    if TOTAL.match(n):
        return ["total"]
    if SUBTOTAL.match(n):
        return ["subtotal"]
    return []


# ---------------------------------------------------------------------------
# grid reader
# ---------------------------------------------------------------------------
def is_data_row_cells(texts: list[str]) -> bool:
    """A row that carries data: an amount or a code, or a row label (合计, 一、…) whose other
    cells are blank or amounts (a header row names columns instead)."""
    cells = [compact(t) for t in texts]
    labelled = False
    others_textual = False
    for c in cells:
        if not c:
            continue
        if CODE.match(c) or PROJECT_CODE.match(c):
            return True
        if parse_number(c) is not None and not YEARISH.match(c):
            return True
        if TOTAL.match(c) or SUBTOTAL.match(c) or ENUM.match(c):
            labelled = True
        elif not is_amount_token(c):
            others_textual = True
    return labelled and not (others_textual and len([c for c in cells if c]) > 1 and not any(ENUM.match(c) for c in cells))


def text_data_starts(toks: list[str]) -> bool:
    """In flattened text, the first line of data: a code, an amount after the first token,
    or a lone 合计 (an empty table). Header words such as 总计 or 小计 do not start data."""
    first = compact(toks[0]) if toks else ""
    has_amount = any(is_amount_token(t) and not YEARISH.match(compact(t)) for t in toks[1:])
    return bool(CODE.match(first) or PROJECT_CODE.match(first) or has_amount
                or (first in words("lone_total") and len(toks) == 1))


class TableBuilder:
    """A table being read from one segment (``analysis.parse.segment.Segment``): its rows,
    and the reading problems met on the way."""

    def __init__(self, seg, table_id: str, year: Optional[int], settings: ReaderSettings = DEFAULT):
        self.seg = seg
        self.settings = settings
        self.kind = seg.match.kind
        self.year = seg.match.year or year
        unit = seg.unit or DEFAULT_UNIT
        self.table = Table(id=table_id, kind=self.kind, title=seg.match.title, label=seg.label,
                           unit=unit, scale=UNIT_SCALE[unit], file=seg.file, pages=sorted(seg.pages),
                           year=seg.match.year)
        self.problems: list[Problem] = []
        notes = [compact(n) for n in seg.notes]
        self.table.note = "；".join(n for n in notes if n)

    # -- common -----------------------------------------------------------
    def _new_row(self, name: str, page: int, raw: str, section: Optional[str] = None) -> Row:
        return Row(index=len(self.table.rows), name=name, page=page, file=self.seg.file, raw=raw,
                   section=section)

    def _set_amount(self, row: Row, key: str, text: str) -> None:
        cell = parse_cell(text)
        if cell.kind == "number":
            row.amounts[key] = cell.value * self.table.scale
        elif cell.kind == "blank":
            row.amounts[key] = Decimal(0)
            row.blank.append(key)
        elif cell.kind == "placeholder":
            row.placeholders[key] = cell.raw
        else:
            row.unreadable[key] = cell.raw
            self.problems.append(Problem(self.seg.file, row.page, "unreadable_amount",
                                         f"{self.table.id} {self.kind}: column {key} holds '{cell.raw}'", row.raw))

    def _finish_row(self, row: Row) -> None:
        name = compact(row.name)
        code = row.code
        if not code and not PROJECT_CODE.match(name):
            m = CODE_PREFIX.match(name)
            if m and m.group(5):
                code, name = next(g for g in m.groups()[:4] if g), m.group(5)
        pm = PROJECT_CODE.match(row.extra.get("project_name", "") or name)
        if pm:
            row.extra["project_code"] = pm.group(1)
            if "project_name" in row.extra and name == compact(row.extra["project_name"]):
                name = compact(pm.group(2))
            if "project_name" in row.extra:
                row.extra["project_name"] = compact(pm.group(2))
            else:
                name = compact(pm.group(2))
        row.code = code or None
        row.name = name
        row.level = code_level(row.code)
        for f in row_flags(name):
            if f not in row.flags:
                row.flags.append(f)
        self.table.rows.append(row)
