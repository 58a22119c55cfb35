"""Who and when: the department, year, document kind (预算/决算) and scope (部门/单位) of a file.

Read from the cover and headings (``上海市普陀区规划和自然资源局2024年度部门决算``, wrapped over
lines), meta lines (``预算主管部门：…``, ``部门：…``), part headings (``第一部分 …概况``), table
titles (``2025年…部门收支总表`` with the year before or after the department) and sentences of
the narrative. Each place votes with a weight; grid rows do not vote (a list of subordinate units
is not the disclosing department).
"""
from __future__ import annotations

from collections import Counter

from ..vocab import FINAL_TABLE_KINDS, UNKNOWN
from ..vocab.words import pattern
from .titles import compact, match_title

_COVER = pattern("cover_department")
_META = pattern("meta_department")
_PART = pattern("part_department")
_SENTENCE = pattern("sentence_department")
_NOT_DEPT = pattern("not_a_department")
_YEAR_DOC = pattern("document_year")
_LEAD = pattern("sentence_lead")


def _clean(name: str) -> str:
    name = pattern("year_prefix").sub("", name)
    name = _LEAD.sub("", name)   # a sentence's first words before the name (纳入…局2024年度部门决算)
    return name if len(name) >= 4 and not _NOT_DEPT.search(name) else ""


def department_votes(lines: list) -> Counter:
    """Department names printed in a file's text lines (not grid rows), weighted by where."""
    found: Counter = Counter()
    texts = [compact(t) for t in lines if compact(t)]
    cover = "".join(texts[:6])
    m = _COVER.match(cover)
    if m and _clean(m.group(1)):
        found[_clean(m.group(1))] += 6
    for i, c in enumerate(texts):
        weight = 2 if i < 12 else 1
        for m in _META.finditer(c):
            if _clean(m.group(1)):
                found[_clean(m.group(1))] += 2 * weight
        m = _PART.match(c)
        if m and _clean(m.group(1)):
            found[_clean(m.group(1))] += 3
        tm = match_title(c)
        if tm and tm.department and _clean(tm.department):
            found[_clean(tm.department)] += 2
    for m in _SENTENCE.finditer("。".join(texts[:600])):
        if _clean(m.group(1)):
            found[_clean(m.group(1))] += 1
    return found


def best_department(votes: Counter) -> str:
    """The spelling with most votes, a short form (省委办公厅) voting for the full name that ends
    with it (江苏省委办公厅); among near-equals the longest (most specific)."""
    if not votes:
        return ""
    merged = Counter(votes)
    for short in votes:
        longer = [n for n in votes if n != short and n.endswith(short)]
        if longer:
            merged[max(longer, key=lambda n: votes[n])] += votes[short]
            del merged[short]
    top = max(merged.values())
    return sorted(merged.items(), key=lambda kv: (-(kv[1] >= top * 0.8), -kv[1], -len(kv[0])))[0][0]


def year_votes(lines: list) -> Counter:
    found: Counter = Counter()
    for i, text in enumerate(lines):
        c = compact(text)
        for m in _YEAR_DOC.finditer(c):
            found[int(m.group(1))] += 3 if i < 10 else 1
        tm = match_title(c)
        if tm and tm.year:
            found[tm.year] += 2
    return found


def document_kind(lines: list, table_kinds: list) -> str:
    """"final" for a 部门决算 (its tables are final-accounts tables, or its cover says 决算)."""
    finals = sum(1 for k in table_kinds if k in FINAL_TABLE_KINDS)
    budgets = sum(1 for k in table_kinds if k not in FINAL_TABLE_KINDS and k != UNKNOWN)
    if finals or budgets:
        return "final" if finals > budgets else "budget"
    cover = "".join(compact(t) for t in lines[:8])
    return "final" if pattern("final_word").search(cover) and not pattern("budget_word").search(cover) else "budget"


def document_scope(lines: list, titles: list) -> str:
    """"unit" for a 单位预算 (one budget unit's own budget), else "department"."""
    cover = "".join(compact(t) for t in lines[:8])
    if pattern("unit_document").search(cover) and not pattern("department_document").search(cover):
        return "unit"
    unit = sum(1 for t in titles if pattern("unit_title").search(compact(t)))
    dept = sum(1 for t in titles if pattern("department_word").search(compact(t)))
    return "unit" if unit > dept else "department"
