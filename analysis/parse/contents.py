"""The table of contents (目录) of a disclosure: the tables it says it publishes.

A narrative page that holds a line 目录 lists, on the lines after it (and on the next page when the
list runs on), the parts and tables of the document. Each line that names a table (a title the
title rules recognise, once its dot leaders and page number are cut off) is one ``ContentsEntry``
with the table's kind. The list ends at the first run of lines that name neither a table nor a part.
"""
from __future__ import annotations

import re

from ..model import ContentsEntry
from ..vocab.words import pattern, words
from .titles import compact, match_title

PAGE_TAIL = re.compile(r"[\s.…·．\-—_]*\d{0,3}\s*$")   # dot leaders and a page number after an entry
RUN_OUT = 4          # this many lines in a row that name no table end the list


def _entry_text(line: str) -> str:
    text = pattern("dot_leader").sub("", compact(line))
    return PAGE_TAIL.sub("", text)


def _is_contents_heading(line: str) -> bool:
    return compact(line) in words("contents_heading")


def _entries_after(lines: list) -> list:
    """The entries of the (line, page) pairs after 目录; an entry wrapped over two lines (or over a
    page break) is read whole; the list ends at a run of lines that name no table."""
    out, misses, i = [], 0, 0
    while i < len(lines):
        (text, page), nxt = lines[i], lines[i + 1][0] if i + 1 < len(lines) else ""
        m = match_title(_entry_text(text))
        if m is None and nxt:
            m = match_title(_entry_text(text + nxt))
            i += m is not None
        i += 1
        if m is None:
            misses += 1
            if misses >= RUN_OUT and out:
                break
            continue
        misses = 0
        out.append(ContentsEntry(title=m.title, kind=m.kind, label=m.label, page=page.page, file=page.file))
    return out


def read_contents(narrative: list) -> list:
    """The tables the document's table of contents lists, in order (empty when it prints none)."""
    pages = sorted(narrative, key=lambda p: (p.file, p.page))
    for i, page in enumerate(pages):
        lines = (page.text or "").splitlines()
        start = next((k for k, line in enumerate(lines) if _is_contents_heading(line)), None)
        if start is None:
            continue
        pairs = [(line, page) for line in lines[start + 1:]]
        nxt = pages[i + 1] if i + 1 < len(pages) and pages[i + 1].file == page.file else None
        if nxt is not None:   # a list that runs on to the next page
            pairs += [(line, nxt) for line in (nxt.text or "").splitlines()]
        return _entries_after(pairs)
    return []
