"""``text.document_year``: the years a document prints agree with its own year.

The rule (``docs/text_checks.md``), for a disclosure of year Y (a budget's budget year; a 决算's
year of account):

* a table title or a part heading that names a year names Y (a 2024 决算 whose part heading says
  2023年度部门决算 is wrong) — ``error``;
* ``截至…`` (the date of the 国有资产 figures) in a 决算 is within Y (截至Y年12月31日); in a budget
  it is Y−1 or Y (the assets a budget reports are last year's) — ``error`` otherwise;
* a sentence that compares a year's amount with a year compares two different years (``2025年…
  预算13.85万元，比2025年减少…`` compares a year with itself: one of the two years is misprinted)
  — ``error``.
"""
from __future__ import annotations

import re

from ...vocab import keyword
from ..base import Context, check
from ..common.places import place
from ..common.sentences import quote, sentences
from ..common.text import squeeze

YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年")
PART = re.compile(r"第[一二三四五六七八九十]+部分|预算|决算")


def _title_years(text: str) -> set:
    return {int(y) for y in YEAR.findall(text)}


def _titles(ctx: Context, y: int):
    for t in ctx.source.tables:
        wrong = sorted(_title_years(squeeze(t.title)) - {y})
        if wrong:
            yield ctx.finding(f"{place(t)} 表题所示年度 {wrong[0]} 年与本文件年度 {y} 年不一致（表题：“{quote(squeeze(t.title))}”）",
                              table=t, item=f"{wrong[0]}年")


def _headings(ctx: Context, y: int, texts: list):
    for s in texts:
        if not s.heading or not PART.search(s.text):
            continue
        wrong = sorted(_title_years(s.text) - {y, y - 1} if ctx.d.kind == "budget" else _title_years(s.text) - {y})
        if wrong:
            yield ctx.finding(f"第{s.page}页标题所示年度 {wrong[0]} 年与本文件年度 {y} 年不一致：“{quote(s.text)}”",
                              table="narrative", file=s.file, page=s.page, item=f"{wrong[0]}年")


def _as_of(ctx: Context, y: int, texts: list):
    allowed = {y} if ctx.d.kind == "final" else {y - 1, y}
    for s in texts:
        m = keyword("text_year", "as_of").search(s.text)
        if m and int(m.group(1)) not in allowed:
            yield ctx.finding(f"第{s.page}页“{m.group(0)}”的年度与本文件年度 {y} 年不符：“{quote(s.text)}”",
                              table="narrative", file=s.file, page=s.page, item=m.group(0))


def _self_comparisons(ctx: Context, texts: list):
    for s in texts:
        m = keyword("text_year", "self_comparison").search(s.text)
        if m and m.group(1) == m.group(2):
            yield ctx.finding(f"第{s.page}页把 {m.group(1)} 年的数字与 {m.group(2)} 年比较，两个年度中有一个印错：“{quote(s.text)}”",
                              table="narrative", file=s.file, page=s.page, item=f"{m.group(1)}年")


@check("text.document_year", "error",
       "文件中的年度与文件年度一致", "Years in titles, dates and comparisons agree with the document's year",
       "部门预决算公开应完整、准确（中华人民共和国预算法 第十四条；财预〔2016〕143号）：表题、各部分标题、"
       "“截至…”日期和增减比较所示年度应与公开文件的年度一致。")
def document_year(ctx: Context):
    y = ctx.d.year
    texts = sentences(ctx.d.narrative)
    if y is not None and not ctx.d.year_from_name:   # a year taken from a file name judges no printed year
        yield from _titles(ctx, y)
        yield from _headings(ctx, y, texts)
        yield from _as_of(ctx, y, texts)
    yield from _self_comparisons(ctx, texts)
