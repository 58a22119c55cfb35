"""Step 2 of the flow: source documents -> disclosures (department-years) of tables,
claims and performance targets."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ..figures import locate
from ..inputs import InputError, SourceDocument, read_source
from ..model import Disclosure, Indicator, NarrativePage, PerformanceTarget, Problem, Row, SourceFile, Table
from .segment import Segment, segment
from .tables import TableBuilder, text_data_starts, text_header_keys
from .identity import best_department, department_votes, document_kind, document_scope, year_votes
from .kinds import apply_kind
from .titles import canonical_department, compact

PERFORMANCE_KINDS = {"overall_performance": "overall", "project_performance": "project"}


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

    @property
    def key(self) -> tuple:
        return (canonical_department(self.department), self.year, self.kind, self.scope)


def _build_table(seg: Segment, table_id: str, year: Optional[int]):
    from .grid_reader import GridReader

    if seg.grids:
        b = GridReader(seg, table_id, year)
        b.read(seg.grids)
    else:
        b = TableBuilder(seg, table_id, year)
        header: list = []
        for line in seg.lines:
            if text_data_starts([c.text for c in line.cells]):
                break
            header.append(line.text)
        keys = text_header_keys(seg.match.kind, " ".join(header), b.year)
        b.build_text(seg.lines, keys)
    t = b.table
    if not any(any(v != 0 for v in r.amounts.values()) for r in t.rows):
        if t.note and re.search(r"无|没有|不涉及|未安排", t.note):
            t.empty_reason = t.note
    return t, b.problems


def _build_performance(seg: Segment, table_id: str):
    from .performance import parse_performance

    kind = PERFORMANCE_KINDS[seg.match.kind]
    target: PerformanceTarget = parse_performance(seg.lines, kind, seg.match.title, seg.file)
    target.table_id = table_id
    if not target.pages:
        target.pages = sorted(seg.pages)
    t = Table(id=table_id, kind=seg.match.kind, title=seg.match.title, label=seg.label,
              unit=seg.unit or "万元", file=seg.file, pages=sorted(seg.pages), year=seg.match.year)
    for i, ind in enumerate(target.indicators):
        ind: Indicator
        t.rows.append(Row(index=i, name=ind.name, page=ind.page, file=seg.file, raw=ind.raw,
                          section=ind.level1 or None,
                          extra={k: v for k, v in (("level2", ind.level2), ("value", ind.value_raw),
                                                   ("operator", ind.operator), ("unit", ind.unit),
                                                   ("nature", ind.nature)) if v}))
    return t, target


def parse_document(path: str | Path) -> ParsedDocument:
    """Parse one file; raises InputError (one line: file and reason) when it cannot be used."""
    doc = read_source(path)
    segments, narrative = segment(doc)
    words = [l.text for p in doc.pages for l in p.lines if not l.grid]
    dept_votes = department_votes(words)
    for seg in segments:
        if seg.department_line:
            dept_votes[seg.department_line] += 3
    years = year_votes(words)
    for seg in segments:
        if seg.match.year:
            years[seg.match.year] += 1
    m = re.search(r"(20\d{2})", doc.path.name)
    if m:
        years[int(m.group(1))] += 1
    department = best_department(dept_votes)
    year = years.most_common(1)[0][0] if years else None
    parsed = ParsedDocument(source=doc, department=department, year=year, narrative=narrative)
    for seg in segments:
        tid = f"{doc.path.stem[:40]}#{len(parsed.tables) + 1:02d}"
        try:
            if seg.match.kind in PERFORMANCE_KINDS:
                t, target = _build_performance(seg, tid)
                parsed.performance.append(target)
            else:
                t, problems = _build_table(seg, tid, year)
                if apply_kind(t, seg.match.kind) is None:
                    _to_narrative(parsed, seg)
                    continue
                parsed.problems.extend(problems)
                if t.kind == "unknown":
                    parsed.problems.append(Problem(doc.name, t.pages[0] if t.pages else 0, "unknown_table",
                                                   f"{tid}: a table without a recognisable title or content"))
        except Exception as exc:  # keep going: one unreadable table must not sink the file
            parsed.problems.append(Problem(doc.name, seg.pages[0] if seg.pages else 0, "table_failed",
                                           f"{seg.match.kind} '{seg.match.title}': {type(exc).__name__}: {exc}"))
            continue
        parsed.tables.append(t)
    parsed.kind = document_kind(words, [t.kind for t in parsed.tables])
    parsed.scope = document_scope(words, [t.title for t in parsed.tables])
    if not parsed.tables and not _looks_like_budget_narrative(doc):
        raise NotADisclosure(doc.path, "not a budget disclosure: no budget table or budget narrative found")
    return parsed


def _to_narrative(parsed: "ParsedDocument", seg: Segment) -> None:
    """A grid that is not a budget table: its rows are narrative text."""
    by_page: dict = {}
    for line in seg.lines:
        by_page.setdefault(line.page, []).append(line.text)
    for page, texts in sorted(by_page.items()):
        parsed.narrative.append(NarrativePage(file=seg.file, page=page, text="\n".join(texts)))
    parsed.narrative.sort(key=lambda n: n.page)


def _looks_like_budget_narrative(doc: SourceDocument) -> bool:
    text = compact(doc.text)
    hits = sum(1 for w in ("部门预算", "预算", "三公", "基本支出", "项目支出", "一般公共预算", "万元") if w in text)
    return hits >= 5


# ---------------------------------------------------------------------------
# grouping files into disclosures
# ---------------------------------------------------------------------------
def group_documents(parsed: Iterable[ParsedDocument]) -> list[Disclosure]:
    """Parsed documents -> disclosures (the grouping policy lives in ``analysis.pipeline``)."""
    from ..pipeline import group

    disclosures, errors = group(parsed)
    if errors:
        raise errors[0]
    return disclosures


def _merge(docs: list[ParsedDocument]) -> Disclosure:
    # tables files first, then narrative files: order by number of tables (desc), then name
    docs = sorted(docs, key=lambda d: (-len(d.tables), d.source.name))
    names = Counter()
    for d in docs:
        if d.department:
            names[d.department] += 1 + len(d.tables)
    department = sorted(names.items(), key=lambda kv: (-kv[1], -len(kv[0])))[0][0] if names else ""
    disc = Disclosure(department=department, year=docs[0].year, kind=docs[0].kind, scope=docs[0].scope)
    for d in docs:
        s = d.source
        disc.files.append(SourceFile(path=str(s.path), sha256=s.sha256, pages=len(s.pages),
                                     format=s.format, size=s.size))
        disc.tables.extend(d.tables)
        disc.performance.extend(d.performance)
        disc.narrative.extend(d.narrative)
        disc.problems.extend(d.problems)
    _dedupe_kinds(disc)
    from .narrative import extract_claims

    disc.claims = extract_claims(disc.narrative, disc.year)
    disc.figures = locate(disc)   # once: checks, score and reports read the located figures
    return disc


def _dedupe_kinds(disc: Disclosure) -> None:
    """Renumber table ids in document order: t01, t02, ..."""
    for i, t in enumerate(disc.tables, start=1):
        old = t.id
        t.id = f"t{i:02d}"
        for p in disc.performance:
            if p.table_id == old:
                p.table_id = t.id
        for pr in disc.problems:
            if pr.detail.startswith(old):
                pr.detail = t.id + pr.detail[len(old):]


def parse_paths(paths: Iterable[str | Path]) -> tuple[list[Disclosure], list[InputError]]:
    """Parse files and folders in this process; return the disclosures and the files that failed.

    A thin wrapper of ``analysis.pipeline.parse_batch`` (file discovery, SHA-256 dedupe,
    per-file isolation, grouping)."""
    from ..pipeline import parse_batch

    batch = parse_batch(paths)
    return batch.disclosures, batch.errors


def unify_department_names(disclosures: list) -> list:
    from ..pipeline import unify_department_names as unify

    return unify(disclosures)
