"""Grouping files into disclosures: the one place that decides which parsed files belong together.

A disclosure is one department's budget (or 决算) of one year and one scope (部门/单位); it may
be published as several files (tables in one, the narrative in another). Here:

* ``read_file``: one file -> a ``ParsedDocument``, or the file's error when it cannot be read or
  holds several disclosures (``several_disclosures``: parts of one file that name different
  years or departments are never merged);
* ``group``: documents -> disclosures, by department (one department under its spellings:
  ``titles.same_department``), year, document kind and scope; ``merge`` joins the documents of
  one disclosure and reads its narrative claims (``narrative``) with the settled year;
* ``unify_department_names``: one printed name per department across a batch;
* ``assemble``: the per-file results of a batch, in file order -> (disclosures sorted, errors in
  file order). ``analysis.pipeline`` schedules ``read_file`` on its runners and calls this;
  ``parse_paths`` does the same in this process.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Iterable, Optional

from ..figures import locate
from ..inputs import InputError
from ..inputs.base import sha256_of
from ..inputs.cache import cached_merge, cached_parse
from ..inputs.files import BatchError, as_batch_error, discover, failure
from ..model import Disclosure, SourceFile
from ..settings import DEFAULT, ReaderSettings
from ..vocab import OPENING_KINDS
from .document import ParsedDocument, parse_document
from .identity import best_department, department_votes, year_votes
from .contents import read_contents
from .narrative import extract_claims
from .titles import canonical_department, same_department


# ---------------------------------------------------------------------------
# one file
# ---------------------------------------------------------------------------
def read_file(path: str, settings: ReaderSettings = DEFAULT, source=None):
    """Parse one file: a ``ParsedDocument``, or a ``BatchError`` (never raises for bad input). A file
    parsed before with the same content, name, code and settings comes from the cache
    (``inputs.cache.cached_parse``): adding one file to a folder parses that file only. ``source``:
    the file's document when it was read already (in page ranges, ``inputs.pages``)."""
    try:
        p = Path(path)
        doc = cached_parse(p, sha256_of(p), settings, lambda: parse_document(p, settings, source),
                           ParsedDocument)
        problem = several_disclosures(doc)
    except InputError as e:
        return as_batch_error(e)
    except Exception as e:  # noqa: BLE001 - any failure of one file is that file's error
        return BatchError(path, failure(e, "could not be read"))
    if problem:
        return BatchError(path, problem)
    return doc


def several_disclosures(doc) -> Optional[str]:
    """Why ``doc`` holds more than one disclosure (two years, two departments), or None.

    A disclosure prints its opening table (收支总表) once. When one is printed several times,
    the tables from each to the next are one part; parts that name different budget years or
    different departments are different disclosures, which must not be merged."""
    parts = _parts(list(doc.tables))
    if parts is None:
        return None
    pages = {p.number: p for p in doc.source.pages}
    years, departments = zip(*(_part_identity(part, pages) for part in parts))
    distinct_years = sorted({y for y in years if y})
    if len(distinct_years) > 1:
        return (f"holds {len(parts)} disclosures of different years ({', '.join(map(str, distinct_years))}); "
                "not merged: split it into one file per department-year")
    named = [d for d in departments if d]
    for i, a in enumerate(named):
        for b in named[i + 1:]:
            if not same_department(a, b):
                return (f"holds disclosures of different departments ({a}, {b}); "
                        "not merged: split it into one file per department-year")
    return None


def _parts(tables: list) -> Optional[list]:
    """The tables cut at each printing of an opening kind printed more than once, or None."""
    kinds = Counter(t.kind for t in tables)
    opening = next((k for k in OPENING_KINDS if kinds.get(k, 0) >= 2), None)
    if opening is None:
        return None
    starts = [i for i, t in enumerate(tables) if t.kind == opening]
    return [tables[a:b] for a, b in zip(starts, starts[1:] + [len(tables)])]


def _part_identity(part: list, pages: dict) -> tuple:
    """(year, department) that the tables of one part and the text of their pages name."""
    numbers = sorted({n for t in part for n in t.pages})
    lines = [l.text for n in numbers if n in pages for l in pages[n].lines]
    votes = Counter(t.year for t in part if t.year)
    votes.update(year_votes(lines))
    year = votes.most_common(1)[0][0] if votes else None
    return year, best_department(department_votes(lines))


# ---------------------------------------------------------------------------
# documents -> disclosures
# ---------------------------------------------------------------------------
def kind_of(doc) -> str:
    return getattr(doc, "kind", None) or "budget"


def scope_of(doc) -> str:
    return getattr(doc, "scope", None) or "department"


def group(parsed: Iterable) -> tuple[list, list]:
    """Parsed documents -> (disclosures, errors). One disclosure per department, year,
    document kind (budget / final accounts) and scope (department / unit). A group of documents
    merged before (the same parse entries, in the same order) comes from the cache
    (``inputs.cache.cached_merge``)."""
    groups: list = []
    for p in parsed:
        for g in groups:
            q = g[0]
            if (q.year == p.year and kind_of(q) == kind_of(p) and scope_of(q) == scope_of(p)
                    and any(same_department(x.department, p.department) for x in g)):
                g.append(p)
                break
        else:
            groups.append([p])
    disclosures, errors = [], []
    for g in groups:
        try:
            d = cached_merge(g, merge, Disclosure)
        except Exception as e:  # noqa: BLE001
            errors.extend(BatchError(x.source.path, failure(e, "could not be merged")) for x in g)
            continue
        d.kind, d.scope = kind_of(g[0]), scope_of(g[0])
        disclosures.append(d)
    return unify_department_names(disclosures), errors


def merge(docs: list[ParsedDocument]) -> Disclosure:
    """The documents of one disclosure as one ``Disclosure``, its narrative claims read."""
    # tables files first, then narrative files: order by number of tables (desc), then name
    docs = sorted(docs, key=lambda d: (-len(d.tables), d.source.name))
    names = Counter()
    for d in docs:
        if d.department:
            names[d.department] += 1 + len(d.tables)
    department = sorted(names.items(), key=lambda kv: (-kv[1], -len(kv[0])))[0][0] if names else ""
    disc = Disclosure(department=department, year=docs[0].year, kind=docs[0].kind, scope=docs[0].scope,
                      year_from_name=all(d.year_note for d in docs))
    for d in docs:
        s = d.source
        disc.files.append(SourceFile(path=str(s.path), sha256=s.sha256, pages=len(s.pages),
                                     format=s.format, size=s.size,
                                     sheets={p.number: p.name for p in s.pages if p.name}))
        disc.tables.extend(d.tables)
        disc.performance.extend(d.performance)
        disc.narrative.extend(d.narrative)
        disc.problems.extend(d.problems)
    _renumber_tables(disc)
    # read file by file (the documents of one disclosure share its year): each document's own,
    # read where it was parsed, in the order of the documents
    disc.claims = [c for d in docs for c in (d.claims if d.claims is not None
                                             else extract_claims(d.narrative, disc.year))]
    disc.contents = read_contents(disc.narrative)
    disc.figures = locate(disc)   # once: checks, score and reports read the located figures
    return disc


def _renumber_tables(disc: Disclosure) -> None:
    """Renumber table ids in document order: t01, t02, ... (a unit's block keeps pointing at its
    department's table)."""
    new_ids: dict = {}
    for i, t in enumerate(disc.tables, start=1):
        old = t.id
        t.id = new_ids[old] = f"t{i:02d}"
        t.part_of = new_ids.get(t.part_of, t.part_of)
        for p in disc.performance:
            if p.table_id == old:
                p.table_id = t.id
        for pr in disc.problems:
            if pr.detail.startswith(old):
                pr.detail = t.id + pr.detail[len(old):]


def unify_department_names(disclosures: list) -> list:
    """One department, one printed name across a batch: 中国共产党江苏省委员会办公厅 (2017) and
    中共江苏省委办公厅 (2018, 2019) are shown under the spelling most of its disclosures use."""
    by_key: dict = {}
    for d in disclosures:
        by_key.setdefault(canonical_department(d.department), []).append(d)
    for ds in by_key.values():
        votes = Counter(d.department for d in ds)
        name = sorted(votes.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]
        for d in ds:
            d.department = name
    return disclosures


def sort_key(d) -> tuple:
    return (d.department, d.year or 0, d.kind, d.scope)


def group_documents(parsed: Iterable[ParsedDocument]) -> list[Disclosure]:
    """Parsed documents -> disclosures; raises the first error (a disclosure that could not be
    merged)."""
    disclosures, errors = group(parsed)
    if errors:
        raise errors[0]
    return disclosures


# ---------------------------------------------------------------------------
# a batch of files
# ---------------------------------------------------------------------------
def assemble(files: list, results: list, errors: list) -> tuple[list, list]:
    """(disclosures sorted, errors in file order) from the results of ``read_file`` for ``files``
    (in the same order; None for a file without result) and the errors met before."""
    errors = list(errors)
    docs = []
    for res in results:
        if isinstance(res, InputError):
            errors.append(as_batch_error(res))
        elif res is not None:
            docs.append(res)
    disclosures, merge_errors = group(docs)
    disclosures.sort(key=sort_key)
    order = {str(f): n for n, f in enumerate(files)}
    errors = sorted(errors + merge_errors, key=lambda e: (order.get(e.path, len(order)), e.path))
    return disclosures, errors


def parse_paths(paths: Iterable[str | Path], settings: ReaderSettings = DEFAULT) -> tuple[list[Disclosure], list[InputError]]:
    """Parse files and folders in this process; return the disclosures and the files that failed
    (``analysis.pipeline.parse_batch`` does the same on a runner, and keeps the warnings)."""
    files, errors, _ = discover(paths)
    return assemble(files, [read_file(str(f), settings) for f in files], errors)
