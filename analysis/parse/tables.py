"""The table layer's entry: one table segment -> a ``Table`` (and its reading problems).

A segment cut from ruled or aligned grids is read by ``grid_reader`` (header tree, columns by
meaning, one row model for every template, a confidence); a segment of flattened text by
``text_reader`` (header text, rows of tokens). Either way, a table whose amounts are all zero and
whose note says it has nothing to show (无, 不涉及 …) keeps that note as its reason for being empty.
"""
from __future__ import annotations

from typing import Optional

from ..settings import DEFAULT, ReaderSettings
from ..vocab.words import pattern
from .grid_reader import GridReader
from .rows import text_data_starts
from .segment import Segment
from .text_reader import TextReader, text_header_keys


def read_table(seg: Segment, table_id: str, year: Optional[int], settings: ReaderSettings = DEFAULT) -> tuple:
    """(Table, reading problems) of one table segment; ``year`` is the document's budget year."""
    if seg.grids:
        b = GridReader(seg, table_id, year, settings)
        b.read(seg.grids)
    else:
        b = TextReader(seg, table_id, year, settings)
        header: list = []
        for line in seg.lines:
            if text_data_starts([c.text for c in line.cells]):
                break
            header.append(line.text)
        keys = text_header_keys(seg.match.kind, " ".join(header), b.year)
        b.build_text(seg.lines, keys)
    t = b.table
    if not any(any(v != 0 for v in r.amounts.values()) for r in t.rows):
        if t.note and pattern("empty_note").search(t.note):
            t.empty_reason = t.note
    return t, b.problems
