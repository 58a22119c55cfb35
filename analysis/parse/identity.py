"""Who and when: the department, year, document kind (预算/决算) and scope (部门/单位) of a file.

Read from the cover and headings (``上海市普陀区规划和自然资源局2024年度部门决算``, wrapped over
lines), meta lines (``预算主管部门：…``, ``部门：…``), part headings (``第一部分 …概况``), table
titles (``2025年…部门收支总表`` with the year before or after the department) and sentences of
the narrative. Each place votes with a weight; grid rows do not vote (a list of subordinate units
is not the disclosing department).
"""
from __future__ import annotations

import re
from collections import Counter

from .titles import compact, match_title

ORG_END = (r"(?:办公厅|办公室|委员会|常委会|人民政府|街道办事处|办事处|局|厅|委|院|部|中心|馆|所|站|队|会|社|协会)"
           r"(?:[（(]本级[)）])?")
ORG = rf"[\u4e00-\u9fff（）()]{{2,40}}?{ORG_END}"
_COVER = re.compile(rf"^({ORG})(20\d{{2}})年度?(?:省级|市级|区级|县级)?(?:部门|单位)?(?:预算|决算)")
_META = re.compile(rf"(?:预算主管部门|主管部门|预算单位|部门名称|编制部门|编制单位|单位名称|部门)[:：]({ORG})(?![\u4e00-\u9fff])")
_PART = re.compile(rf"^第[一二三四五六七八九十]+部分({ORG})(?:概况|20\d{{2}}年度?(?:部门|单位)?(?:预算|决算))")
_SENTENCE = re.compile(rf"({ORG})20\d{{2}}年度?(?:部门|单位)?(?:预算|决算|收入|支出|收支|一般公共预算)")
_NOT_DEPT = re.compile(r"部分|目录|附件|说明|概况|本部门|本单位|^第|^[一二三四五六七八九十]+、|预算|决算|年度|公开|^部门$")
_YEAR_DOC = re.compile(r"(20\d{2})年度?(?:省级|市级|区级|县级)?(?:部门|单位)?(?:预算|决算)")


_LEAD = re.compile(r"^(?:纳入|包括|根据|按照|其中|经|由|对|为|是|在|将|向|与|及|和|本|该|全|各)+")


def _clean(name: str) -> str:
    name = re.sub(r"^(?:20\d{2}年度?)", "", name)
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
    finals = sum(1 for k in table_kinds if k.startswith("final_"))
    budgets = sum(1 for k in table_kinds if not k.startswith("final_") and k != "unknown")
    if finals or budgets:
        return "final" if finals > budgets else "budget"
    cover = "".join(compact(t) for t in lines[:8])
    return "final" if "决算" in cover and "预算" not in cover else "budget"


def document_scope(lines: list, titles: list) -> str:
    """"unit" for a 单位预算 (one budget unit's own budget), else "department"."""
    cover = "".join(compact(t) for t in lines[:8])
    if re.search(r"单位(?:预算|决算)", cover) and not re.search(r"部门(?:预算|决算)", cover):
        return "unit"
    unit = sum(1 for t in titles if re.search(r"预算单位|单位预算|^20\d{2}年单位", compact(t)))
    dept = sum(1 for t in titles if re.search(r"部门", compact(t)))
    return "unit" if unit > dept else "department"
