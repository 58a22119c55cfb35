"""Document assembly: one source file -> a ``ParsedDocument``.

The layers run in order on the file: ``analysis.inputs`` reads its pages (layout: lines, rulings,
grids, aligned text); ``segment`` cuts them into table segments and narrative pages; each table
segment is read by ``tables.read_table`` (or, for a 绩效目标表, by ``performance``) and given its
kind (``kinds``); ``identity`` votes for the department, the year, the document kind (预算/决算)
and the scope (部门/单位). Narrative claims are read later, per disclosure, when the budget year
is settled (``grouping``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from ..inputs import InputError, SourceDocument, read_source
from ..model import Indicator, NarrativePage, PerformanceTarget, Problem, Row, Table
from ..numbers import DEFAULT_UNIT, normalize
from ..settings import DEFAULT, ReaderSettings
from ..structure import assign_hierarchy, government_classes, unit_blocks
from ..vocab import PERFORMANCE_TARGETS, all_items
from ..vocab.words import mapping, pattern, words
from .identity import best_department, department_votes, document_kind, document_scope, year_votes
from .items_by_rows import items_by_rows, years_by_rows
from .kinds import apply_kind
from .narrative import extract_claims
from .performance import parse_performance, parse_project_list
from .segment import Segment, segment
from .stacked_sides import stacked_sides
from .tables import infer_units, read_table
from .titles import canonical_department, compact, match_title, split_label



class NotADisclosure(InputError):
    pass


@dataclass
class ParsedDocument:
    """One source file, parsed: the unit of grouping into disclosures."""
    source: SourceDocument
    department: str
    year: Optional[int]
    tables: list = field(default_factory=list)
    performance: list = field(default_factory=list)
    narrative: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    kind: str = "budget"          # "budget" | "final"
    scope: str = "department"     # "department" | "unit"
    year_note: str = ""           # why the year is not read from the content ("" when it is)
    claims: Optional[list] = None  # what its narrative states (``extract_claims``), read with the file

    @property
    def key(self) -> tuple:
        return (canonical_department(self.department), self.year, self.kind, self.scope)


def parse_document(path: str | Path, settings: ReaderSettings = DEFAULT,
                   source: Optional[SourceDocument] = None) -> ParsedDocument:
    """Parse one file (or ``source``, the file read already: in page ranges by several workers);
    raises InputError (one line: file and reason) when it cannot be used."""
    doc = source if source is not None else read_source(path, settings)
    segments, narrative = segment(doc, settings)
    words = [l.text for p in doc.pages for l in p.lines if not l.grid]
    department, year, note = _department_and_year(doc, segments, words)
    parsed = ParsedDocument(source=doc, department=department, year=year, narrative=narrative, year_note=note)
    assumed: set = set()
    for seg in segments:
        tid = f"{doc.path.stem[:40]}#{len(parsed.tables) + 1:02d}"
        _read_segment(parsed, seg, tid, settings)
        if seg.unit is None:
            assumed.add(tid)   # no 单位 line, header or title printed the table's unit
    infer_units(parsed.tables, assumed, parsed.narrative, settings)
    _declared_empty(parsed)
    parsed.kind = document_kind(words, [t.kind for t in parsed.tables])
    parsed.scope = document_scope(words, [t.title for t in parsed.tables])
    if not _required_tables(parsed):
        other = _other_document(doc, settings)
        if other:
            raise NotADisclosure(doc.path, f"not a budget disclosure: its title says it is a {other} "
                                           "(none of the tables a disclosure must publish is in it)")
    if not parsed.tables:
        if not _looks_like_budget_narrative(doc, settings):
            raise NotADisclosure(doc.path, "not a budget disclosure: no budget table or budget narrative found")
    # claims are read file by file (``extract_claims``): here, where the file is parsed (on a worker
    # of a pool), rather than when its disclosure is merged (in the one process that groups)
    parsed.claims = extract_claims(parsed.narrative, parsed.year)
    return parsed


def _department_and_year(doc: SourceDocument, segments: list, words: list) -> tuple:
    """(department, budget year, note): the department and year the file names most (its text lines
    vote, with the department lines and titles of its tables; years in ASCII, full-width or
    Chinese digits, 二〇二五年), and a note saying so when the year is not read from the content:
    taken from the file name alone, or not read at all (None: never guessed)."""
    dept_votes = department_votes(words)
    for seg in segments:
        if seg.department_line:
            dept_votes[seg.department_line] += 3
    years = year_votes(words)
    for seg in segments:
        if seg.match.year:
            years[seg.match.year] += 1
    note = ""
    m = re.search(r"(20\d{2})", normalize(doc.path.name))
    if m and not years:
        note = (f"the budget year is not read from its titles or text; {m.group(1)} is taken from the file name "
                "alone")
    elif not years:
        note = ("the budget year cannot be read (none in its titles, text or file name); it is left unknown, "
                "and the checks that need it are skipped")
    if m:
        years[int(m.group(1))] += 1
    year = years.most_common(1)[0][0] if years else None
    return best_department(dept_votes), year, note


def _read_segment(parsed: ParsedDocument, seg: Segment, tid: str, settings: ReaderSettings) -> None:
    """Read one segment into ``parsed``: a table (with its problems), a performance target, or,
    for a grid that is no budget table, narrative. One unreadable table never sinks the file."""
    doc = parsed.source
    try:
        if seg.match.kind in PERFORMANCE_TARGETS:
            t, targets = _read_performance(seg, tid)
            parsed.performance.extend(targets)
            parts = [t]
        else:
            t, problems = read_table(seg, tid, parsed.year, settings)
            if apply_kind(t, seg.match.kind, settings) is None:
                _to_narrative(parsed, seg)
                return
            parsed.problems.extend(problems)
            if t.kind == "unknown":
                parsed.problems.append(Problem(doc.name, t.pages[0] if t.pages else 0, "unknown_table",
                                               f"{tid}: a table without a recognisable title or content"))
            if t.role == "three_public":
                items_by_rows(t)
            years_by_rows(t, parsed.year)
            stacked_sides(t)
            government_classes(t)
            parts = split_unit_blocks(t)
            for part in parts:
                assign_hierarchy(part, settings)
    except Exception as exc:  # keep going: one unreadable table must not sink the file
        parsed.problems.append(Problem(doc.name, seg.pages[0] if seg.pages else 0, "table_failed",
                                       f"{seg.match.kind} '{seg.match.title}': {type(exc).__name__}: {exc}"))
        return
    scans = {p.number: p.turned for p in doc.pages if p.read_by == "ocr"}
    if set(seg.pages) & scans.keys():
        # read from a scan (turned upright first when it lay sideways or upside down): the reports
        # and the reading checks say so
        flags = {"ocr"} | ({"ocr_turned"} if any(scans.get(n) for n in seg.pages) else set())
        for part in parts:
            part.reading = sorted(set(part.reading) | flags)
    parsed.tables.extend(parts)


def split_unit_blocks(t: Table) -> list:
    """A table printed as a stack of blocks, one per unit (the department's rows, then 本级 and
    each unit's, the same codes again): the department's table (its rows, every page of the
    printed table), then one table per unit, of the same kind, its ``unit_scope`` the unit and
    ``part_of`` the department's table; the line naming a unit is its block's total."""
    blocks = unit_blocks(t)
    if len(blocks) < 2:
        return [t]
    out = [t]
    for k, (unit, rows) in enumerate(blocks[1:], start=1):
        part = replace(t, id=f"{t.id}.{k}", rows=[], unit_scope=unit, part_of=t.id, columns=list(t.columns),
                       pages=sorted({r.page for r in rows}), reading=list(t.reading))
        for i, r in enumerate(rows):
            r.index = i
            if i == 0 and not r.code and "total" not in r.flags:
                r.flags.append("total")   # the line naming the unit carries its block's total
            part.rows.append(r)
        out.append(part)
    t.rows = blocks[0][1]
    return out


def _declared_empty(parsed: ParsedDocument) -> None:
    """A list of tables (报表目录) whose columns say which table is empty and why (是否空表 /
    表格为空的理由): a table declared empty is present, as an empty table with that reason,
    where the document prints no table of its kind; a printed table left empty gets the reason."""
    doc = parsed.source
    for page in doc.pages:
        for grid in page.grids:
            for title, label, reason in _empty_entries(grid):
                tables = [t for t in parsed.tables if t.kind == title.kind]
                for t in tables:
                    if not t.empty_reason and not any(any(r.amounts.values()) for r in t.rows):
                        t.empty_reason = reason
                if not tables:
                    tid = f"{doc.path.stem[:40]}#{len(parsed.tables) + 1:02d}"
                    parsed.tables.append(Table(id=tid, kind=title.kind, title=title.title, label=label,
                                               file=doc.name, pages=[page.number], year=title.year,
                                               empty_reason=reason, note=reason))


def _empty_entries(grid) -> list:
    """(TitleMatch, label, reason) of each table a 报表目录 grid declares empty."""
    texts = [[compact(c.text) for c in grid.row(r)] for r in range(grid.n_rows)]
    cols = [[c.col for c in grid.row(r)] for r in range(grid.n_rows)]
    head = next((r for r, row in enumerate(texts) if any(pattern("empty_flag_header").search(t) for t in row)
                 or any(pattern("empty_reason_header").search(t) for t in row)), None)
    if head is None:
        return []
    flag_col = next((c for c, t in zip(cols[head], texts[head]) if pattern("empty_flag_header").search(t)), None)
    why_col = next((c for c, t in zip(cols[head], texts[head]) if pattern("empty_reason_header").search(t)), None)
    out = []
    for r in range(head + 1, grid.n_rows):
        cells = dict(zip(cols[r], texts[r]))
        title = next((m for t in texts[r] if t and (m := match_title(t)) is not None), None)
        flag, why = cells.get(flag_col, ""), cells.get(why_col, "")
        empty = flag in words("yes_word") if flag_col is not None else bool(why)
        if title is not None and empty:
            label = next((lab for t in texts[r] if (lab := split_label(t)[0])), title.label)
            out.append((title, label, why or flag))
    return out


def _read_performance(seg: Segment, table_id: str) -> tuple:
    """(Table of indicator rows, [PerformanceTarget]) of a 绩效目标表 segment: one target, or one
    per project of a project table printed as a list."""
    kind = PERFORMANCE_TARGETS[seg.match.kind]
    t = Table(id=table_id, kind=seg.match.kind, title=seg.match.title, label=seg.label,
              unit=seg.unit or DEFAULT_UNIT, file=seg.file, pages=sorted(seg.pages), year=seg.match.year)
    listed = parse_project_list(seg.lines, seg.match.title, seg.file) if kind == "project" else []
    for target in listed:
        target.table_id = table_id
    if listed:
        return t, listed
    target: PerformanceTarget = parse_performance(seg.lines, kind, seg.match.title, seg.file)
    target.table_id = table_id
    if not target.pages:
        target.pages = sorted(seg.pages)
    for i, ind in enumerate(target.indicators):
        ind: Indicator
        t.rows.append(Row(index=i, name=ind.name, page=ind.page, file=seg.file, raw=ind.raw,
                          section=ind.level1 or None,
                          extra={k: v for k, v in (("level2", ind.level2), ("value", ind.value_raw),
                                                   ("operator", ind.operator), ("unit", ind.unit),
                                                   ("nature", ind.nature)) if v}))
    return t, [target]


def _to_narrative(parsed: ParsedDocument, seg: Segment) -> None:
    """A grid that is not a budget table: its rows are narrative text."""
    by_page: dict = {}
    for line in seg.lines:
        by_page.setdefault(line.page, []).append(line.text)
    for page, texts in sorted(by_page.items()):
        parsed.narrative.append(NarrativePage(file=seg.file, page=page, text="\n".join(texts)))
    parsed.narrative.sort(key=lambda n: n.page)


def _required_tables(parsed: ParsedDocument) -> list:
    """The tables of ``parsed`` that a disclosure must publish (收支总表, 支出总表 … of the vocabulary)."""
    required = {k for i in all_items() if i.is_table for k in i.tables}
    return [t for t in parsed.tables if t.kind in required or t.role in required]


def _other_document(doc: SourceDocument, settings: ReaderSettings) -> str:
    """What a file without budget tables says it is in its title area, when that is another kind of
    document (a 绩效评价报告, a notice …) and not a 预算/决算; "" otherwise."""
    head = compact(doc.text)[:settings.title_area_chars * 2]
    if pattern("disclosure_title").search(head):
        return ""
    return next((f"{title} ({what.replace('-', ' ')})" for title, what in mapping("other_document_titles").items()
                 if title in head), "")


def _looks_like_budget_narrative(doc: SourceDocument, settings: ReaderSettings) -> bool:
    """A file without tables is a disclosure when its text holds enough words of a budget."""
    text = compact(doc.text)
    hits = sum(1 for w in words("budget_narrative_words") if w in text)
    return hits >= settings.narrative_words_min
