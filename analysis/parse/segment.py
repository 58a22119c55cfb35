"""Cut a document's line stream into table segments and narrative pages.

A table starts at a line that is a table title (text line, or a grid row holding only the
title) and runs until the next title, or, in a PDF, until running text resumes after its
grid. A title repeated at the top of the next page continues the same table; so does a
grid that starts a page without any title while a table is open.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..inputs.base import Line, SourceDocument
from ..model import NarrativePage
from ..numbers import find_unit
from .titles import TitleMatch, compact, match_title, split_label

_NOTE = re.compile(r"^(?:注[:：\d]|备注|[（(](?:备注|注|无|本)|说明[:：]|本表|\d+[.．、](?:采购|本表))")
_PAGE_NO = re.compile(r"^[-—\s]*\d{1,3}[-—\s]*$|^第\d+页(?:共\d+页)?$")
_META = re.compile(r"^(?:部门|部门名称|单位名称|预算单位)[:：]|单位[:：](?:万元|元|千元)$|^单位[:：]")
_SECTION = re.compile(r"^第[一二三四五六七八九十]+部分|^[一二三四五六七八九十]+、.*(?:说明|解释|情况)$")
_CONTACT = re.compile(r"^(?:联系人|联系电话|联系方式|部门预算公开联系人)")


@dataclass
class Segment:
    match: TitleMatch
    file: str
    lines: list = field(default_factory=list)   # body lines (after the title)
    pages: list = field(default_factory=list)
    unit: Optional[str] = None
    notes: list = field(default_factory=list)
    label: str = ""
    department_line: str = ""
    continued: int = 0  # number of times the title was repeated on a new page
    skip_header: bool = False  # after a repeated title: skip its header lines until data

    def add_page(self, page: int) -> None:
        if page not in self.pages:
            self.pages.append(page)


def _title_of(line: Line) -> tuple[Optional[TitleMatch], str, list[str]]:
    """(title match, label, extra texts) for a line that may hold a title."""
    if line.grid:
        texts = [c.text for c in line.cells if c.text]
        if len(texts) != 1:
            return None, "", []
        parts = [p for p in texts[0].split("\n") if p.strip()]
    else:
        parts = [line.text]
    if not parts:
        return None, "", []
    label, rest = split_label(parts[0])
    if label and not rest and len(parts) > 1:
        parts = parts[1:]
    m = match_title(parts[0])
    if m is None and len(parts) > 1 and not label:
        m = match_title(parts[0] + parts[1])
        if m:
            parts = [parts[0] + parts[1]] + parts[2:]
    if m is None:
        return None, label if (label and not rest) else "", []
    return m, label or m.label, parts[1:]


def _wrapped_title(line: Line, nxt: Line) -> tuple[Optional[TitleMatch], str]:
    """A title printed as text over two lines, its short tail ("表") on the second."""
    tail = compact(nxt.text)
    if line.grid or nxt.grid or not tail or len(tail) > 4:
        return None, ""
    label, rest = split_label(line.text)
    m = match_title(rest + tail)
    return (m, label or m.label) if m else (None, "")


def _is_label_only(line: Line) -> str:
    if line.grid and len([c for c in line.cells if c.text]) != 1:
        return ""
    label, rest = split_label(line.text)
    return label if label and not rest else ""


def segment(doc: SourceDocument) -> tuple[list[Segment], list[NarrativePage]]:
    segments: list[Segment] = []
    narrative: dict[int, list[str]] = {}
    current: Optional[Segment] = None
    grid_seen = False
    pending_label = ""
    file = doc.name

    def close():
        nonlocal current, grid_seen
        if current is not None:
            segments.append(current)
        current, grid_seen = None, False

    for page in doc.pages:
        wrapped_tail = None
        for k, line in enumerate(page.lines):
            if line is wrapped_tail:
                continue
            text = line.text
            c = compact(text)
            if not c:
                continue
            title, label, extra = _title_of(line)
            if title is None and k + 1 < len(page.lines):
                title, label = _wrapped_title(line, page.lines[k + 1])
                if title is not None:
                    wrapped_tail, extra = page.lines[k + 1], []
            if title is not None:
                if (current is not None and title.kind == current.match.kind
                        and compact(title.title) == compact(current.match.title)
                        and (not label or label == current.label)
                        and (current.lines or current.notes)):
                    current.continued += 1
                    current.skip_header = True
                    current.add_page(line.page)
                else:
                    close()
                    current = Segment(match=title, file=file, label=label or pending_label)
                    current.add_page(line.page)
                pending_label = ""
                for part in extra:
                    lab, rest = split_label(part)
                    if lab and not rest and not current.label:
                        current.label = lab
                    _absorb_meta(current, part)
                continue
            lab = _is_label_only(line)
            if lab:
                if current is not None and not current.label and not current.lines:
                    current.label = lab
                else:
                    pending_label = lab
                continue
            if current is None:
                narrative.setdefault(line.page, []).append(text)
                continue
            # inside a table
            if _PAGE_NO.match(c) or _CONTACT.match(c):
                continue
            if line.grid:
                if _is_meta_row(line):
                    _absorb_meta(current, "\n".join(x.text for x in line.cells))
                    continue
            elif _META.search(c) and _absorb_meta(current, c):
                continue
            if line.grid and len([x for x in line.cells if x.text]) == 1 and _NOTE.match(c):
                current.notes.append(text)
                continue
            if line.grid:
                grid_seen = True
                current.lines.append(line)
                current.add_page(line.page)
                continue
            # a text line inside a table
            if _NOTE.match(c):
                current.notes.append(text)
                continue
            if doc.format == "pdf" and grid_seen:
                if _looks_like_row(line):
                    current.lines.append(line)  # a row the ruling did not enclose
                    current.add_page(line.page)
                    continue
                if _SECTION.match(c) or len(c) > 25:
                    close()
                    narrative.setdefault(line.page, []).append(text)
                    continue
                # short free text beside a grid: keep it as a note of the table
                current.notes.append(text)
                continue
            if current.skip_header:
                from .tables import _is_data_row_cells
                if not _is_data_row_cells([x.text for x in line.cells]):
                    continue
                current.skip_header = False
            if doc.format != "pdf" and _SECTION.match(c):
                close()
                narrative.setdefault(line.page, []).append(text)
                continue
            current.lines.append(line)
            current.add_page(line.page)
    close()
    pages = [NarrativePage(file=file, page=p, text="\n".join(ls)) for p, ls in sorted(narrative.items())]
    return segments, pages


def _looks_like_row(line: Line) -> bool:
    from ..numbers import is_amount_token

    toks = [x.text for x in line.cells]
    if not toks or len(line.compact) > 80:
        return False
    return bool(re.match(r"^\d{3}(?:\d{2}){0,2}$", toks[0])) or (
        len(toks) >= 2 and is_amount_token(toks[-1]) and not re.match(r"^[-—]?\d{1,3}[-—]?$", line.compact))


def _is_meta_row(line: Line) -> bool:
    texts = [compact(c.text) for c in line.cells if c.text]
    return bool(texts) and all(_META.search(t) or t in ("部门:", "部门：") or _looks_like_dept(t) for t in texts) \
        and any(_META.search(t) or t.startswith("部门") for t in texts)


def _looks_like_dept(t: str) -> bool:
    return bool(re.search(r"(?:办公厅|办公室|委员会|局|厅|委|院|中心)(?:[（(]本级[)）])?$", t)) and len(t) < 40


def _absorb_meta(seg: Segment, text: str) -> bool:
    """Take unit and department from a meta line; True when the line was only meta."""
    found = False
    for part in str(text).split("\n"):
        p = compact(part)
        if not p:
            continue
        unit = find_unit(p)
        if unit and seg.unit is None:
            seg.unit = unit
        if unit:
            found = True
        m = re.search(r"(?:部门|部门名称|单位名称)[:：](.+?)(?:单位[:：].*)?$", p)
        if m and not seg.department_line:
            seg.department_line = m.group(1)
            found = True
    return found
