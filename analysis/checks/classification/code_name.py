"""``classification.code_name``: each printed code exists in the reference for the budget year and
carries its official name (``analysis.reference``)."""
from __future__ import annotations

import re
from typing import Optional

from ... import reference
from ...vocab import CLASSIFICATION_ZH
from ..base import Context, check
from ..common.codes import classified_rows
from ..common.places import where


def _span(m) -> str:
    if m.valid_from and m.valid_to:
        return f"（参考表：{m.valid_from}–{m.valid_to}年）"
    if m.valid_from:
        return f"（参考表：{m.valid_from}年起）"
    return ""


def _code_of_name(kind: str, name: str, year: Optional[int]) -> Optional[str]:
    """The code the reference gives ``name`` in ``year`` (a hint for the reader), if one."""
    try:
        rows = reference._rows(kind)  # noqa: SLF001 - read-only use of the loaded reference
    except Exception:  # noqa: BLE001 - a hint only
        return None
    hits = []
    for code, versions in rows.items():
        for v in versions:
            if v.covers(year) if year else True:
                if reference.names_match(name, v.name):
                    hits.append(code)
                    break
    return hits[0] if len(hits) == 1 else None


def _groups(ctx: Context) -> dict:
    """(kind, code, printed name) -> [(table, row)]: each pairing once, with all its places."""
    groups: dict = {}
    for t, r, kind in classified_rows(ctx):
        key = (kind, r.code, re.sub(r"\s+", "", r.name or ""))
        groups.setdefault(key, []).append((t, r))
    return groups


def _mismatch(ctx: Context, kind: str, code: str, printed: str, m, head: str, also: str, **kw):
    """The printed name is not the year's name of the code."""
    year = ctx.d.year
    official = m.official_name or ""
    if m.status == "name_for_other_year":
        return ctx.finding(
            (f"{head}：参考表中该代码在{year}年的名称为“{official}”，所印名称属于其他年度{_span(m)}{also}。"),
            severity="warning", **kw)
    if reference.names_match(printed, official):
        return None
    other = _code_of_name(kind, printed, year)
    hint = f"；“{printed}”在参考表中的代码为{other}" if other and other != code else ""
    t, r = kw["table"], kw["row"]
    return ctx.finding(
        (f"{where(t, r)}{CLASSIFICATION_ZH[kind]}科目代码{code}印作“{printed}”，而{year}年该代码的名称为"
         f"“{official}”{hint}{also}" + ("。" if m.verified else "（参考表此对应关系尚未经来源证实）。")),
        severity="error" if m.verified else "warning", **kw)


@check("classification.code_name", "error",
       "科目代码存在且名称与当年《政府收支分类科目》一致",
       "Codes exist and carry the official name for the year",
       "部门预算按《政府收支分类科目》的功能分类（类/款/项）和部门预算支出经济分类（类/款）编列；"
       "科目代码与名称须与当年科目表一致（参考表见 analysis/reference/SOURCES.md）。")
def code_name(ctx: Context):
    for (kind, code, _), places in _groups(ctx).items():
        t, r = places[0]
        printed = r.name
        if not printed:
            continue
        m = reference.lookup(kind, code, ctx.d.year, printed)
        elsewhere = "、".join(f"{x.label or x.title}第{y.page}页" for x, y in places[1:4])
        also = f"（同见{elsewhere}）" if elsewhere else ""
        related = [{"table": x.kind, "table_id": x.id, "page": y.page} for x, y in places[1:]]
        head = f"{where(t, r)}{CLASSIFICATION_ZH[kind]}科目“{code} {printed}”"
        if m.status == "unknown":
            yield ctx.finding(f"{head}：代码不在参考表中，无法核对名称{also}。",
                              table=t, row=r, severity="info", related=related)
            continue
        f = _mismatch(ctx, kind, code, printed, m, head, also, table=t, row=r, related=related)
        if f is not None:
            yield f
