"""``performance.wrong_year``: references to another budget year (立项依据, goals), project periods
that start after / end before the budget year."""
from __future__ import annotations

import re
from typing import Optional

from ...model import PerformanceTarget
from ..base import Context, check
from ..common.targets import target_label, target_name, target_texts, tfinding
from ..common.text import nfkc, squeeze

_YEAR_MENTION = re.compile(r"(?<![\[〔【(（\d])((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")


def _year_of(text: str) -> Optional[int]:
    m = re.search(r"((?:19|20)\d{2})", nfkc(text or ""))
    return int(m.group(1)) if m else None


def _fields(ctx: Context, p: PerformanceTarget) -> list:
    texts = target_texts(ctx.d, p)
    fields = [("当年绩效目标", p.goal), ("立项依据", texts.get("basis", "")),
              ("项目概况", texts.get("overview", ""))]
    return fields + [("指标“" + i.name + "”", i.name) for i in p.indicators]


def _mentions(ctx: Context, p: PerformanceTarget, year: int, basis_groups: dict):
    """The first mention of another year in each text of a target (立项依据: grouped)."""
    for label, text in _fields(ctx, p):
        s = nfkc(text or "")
        m = next((m for m in _YEAR_MENTION.finditer(s) if int(m.group(1)) != year), None)
        if m is None:
            continue
        y = int(m.group(1))
        if label == "立项依据":
            # one basis is usually copied into many tables: one finding for all of them
            basis_groups.setdefault((y, squeeze(s)), []).append(p)
            continue
        quote = s[max(0, m.start() - 20):m.end() + 20].strip()
        later = y > year
        yield tfinding(ctx, p, (f"{target_label(ctx.d, p)}“{target_name(p)}”的{label}提到{y}年：“…{quote}…”，"
                                f"{'晚于' if later else '早于'}预算年度；{year}年预算的绩效目标应针对{year}年。"),
                       severity="info" if later else "warning")


def _period(ctx: Context, p: PerformanceTarget, year: int):
    """A project period that starts after, or ends before, the budget year."""
    start, end = _year_of(p.period_start), _year_of(p.period_end)
    if start and start > year:
        yield tfinding(ctx, p, (f"{target_label(ctx.d, p)}“{target_name(p)}”项目起始时间为{p.period_start}，"
                                f"晚于预算年度{year}年。"), severity="error")
    if end and end < year:
        yield tfinding(ctx, p, (f"{target_label(ctx.d, p)}“{target_name(p)}”项目终止时间为{p.period_end}，"
                                f"早于预算年度{year}年，却列入{year}年预算。"), severity="error")


def _bases(ctx: Context, basis_groups: dict, year: int):
    for (y, text), ps in basis_groups.items():
        names = "；".join(f"“{target_name(q)}”（第{q.pages[0] if q.pages else '?'}页，项目起始时间{q.period_start or '未填'}）"
                         for q in ps)
        later = y > year
        yield tfinding(ctx, ps[0], (f"{len(ps)}张项目绩效目标表的立项依据为“{text}”，引用的是{y}年的文件，"
                                    f"{'晚于' if later else '早于'}预算年度{year}年：{names}。"),
                       severity="info" if later else "warning", item="立项依据",
                       related=[{"table": "project_performance", "table_id": q.table_id,
                                 "page": q.pages[0] if q.pages else None} for q in ps[1:]])


@check("performance.wrong_year", "warning",
       "绩效目标表针对本预算年度", "Performance targets refer to the budget year",
       "绩效目标是预算年度内预期达到的产出和效果（财预〔2020〕10号）：目标、立项依据中引用其他"
       "年度的文件或目标，或项目起始时间晚于预算年度，说明表格沿用了其他年度的内容。")
def wrong_year(ctx: Context):
    year = ctx.d.year
    if year is None:
        return
    basis_groups: dict = {}
    for p in ctx.d.performance:
        yield from _mentions(ctx, p, year, basis_groups)
        if p.kind == "project":
            yield from _period(ctx, p, year)
    yield from _bases(ctx, basis_groups, year)
