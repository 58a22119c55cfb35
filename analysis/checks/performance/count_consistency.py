"""``performance.count_consistency``: one quantity stated with different values: the overall table
against a project table, or two places of one project table."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ...model import Indicator, PerformanceTarget
from ..base import Context, check
from ..common.amounts import fmt
from ..common.targets import is_cost, target_label, target_name, tfinding
from ..common.text import nfkc, squeeze

_NUM = r"\d+(?:\.\d+)?"
COUNT_UNITS = {"次": "次", "次数": "次", "次/年": "次", "场": "场", "场次": "场", "期": "期", "份": "份",
               "本": "本", "套": "套", "家": "家", "个": "个", "件": "件", "条": "条", "篇": "篇", "册": "册",
               "人次": "人次", "项": "项", "户": "户"}
_EMBEDDED = re.compile(rf"({_NUM})\s*(次|场次|场|期|个|套|家|件|项)(?!/)")


@dataclass
class Fact:
    core: str                 # what is counted (name without its numbers)
    value: Decimal
    unit: str
    operator: str
    target: PerformanceTarget
    ind: Indicator
    embedded: bool            # read inside another indicator's name


def _core(name: str) -> str:
    s = squeeze(name)
    s = re.sub(r"[(（][^()（）]*[)）]", "", s)
    s = re.sub(rf"{_NUM}(?:次|场次|场|期|个|套|家|件|项)(?:以上|以下)?", "", s)
    s = re.sub(r"[。.,，、:：;；“”\"《》]", "", s)
    return s


def facts_of(p: PerformanceTarget) -> list:
    out = []
    for ind in p.indicators:
        unit = COUNT_UNITS.get(squeeze(ind.unit))
        if unit and ind.value is not None and not is_cost(ind):
            out.append(Fact(_core(ind.name), ind.value, unit, ind.operator, p, ind, False))
        name = nfkc(ind.name)
        for m in _EMBEDDED.finditer(name):
            # a count followed by a rate ("12 次*0.83万/次") or standing alone ("70次以上")
            before = re.sub(r"[(（][^()（）]*$", "", name[:m.start()])
            core = _core(before) or _core(name)
            if len(core) < 4:
                continue
            out.append(Fact(core, Decimal(m.group(1)), COUNT_UNITS[m.group(2)], "", p, ind, True))
    return out


def _bigrams(s: str) -> set:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def similar(a: str, b: str) -> bool:
    """Two counted things are the same quantity: most bigrams of the shorter name recur."""
    if len(a) < 4 or len(b) < 4:
        return False
    if a == b:
        return True
    x, y = _bigrams(a), _bigrams(b)
    small = min(len(x), len(y))
    common = len(x & y)
    return small > 0 and common >= 3 and common / small >= 0.6


def _stated(d, g: Fact) -> str:
    """'《…》第3页指标“检查次数”为≥12次' or '…“…（12次*…）”中写明12次'."""
    how = ("“" + g.ind.name + "”中写明") if g.embedded else ("指标“" + g.ind.name + "”为")
    return f"{target_label(d, g.target, g.ind.page)}{how}{g.operator}{fmt(g.value, 0)}{g.unit}"


def _indicator_facts(ctx: Context, p: PerformanceTarget, facts: list, overall: list, reported: set):
    """An indicator against the same count elsewhere in its project or in the overall table."""
    d = ctx.d
    for f in facts:
        if f.embedded:
            continue
        peers = [g for g in facts if g.ind is not f.ind and g.unit == f.unit and similar(f.core, g.core)]
        peers += [g for g in overall if g.unit == f.unit and similar(f.core, g.core)]
        bad = [g for g in peers if g.value != f.value]
        if not bad or (id(f.ind),) in reported:
            continue
        reported.add((id(f.ind),))
        others = "；".join(_stated(d, g) for g in bad)
        yield tfinding(ctx, p, (f"{target_label(d, p, f.ind.page)}“{target_name(p)}”指标“{f.ind.name}”为{f.operator}"
                                f"{fmt(f.value, 0)}{f.unit}，而{others}：同一事项数量不一致。"),
                       ind=f.ind, expected=bad[0].value, actual=f.value, difference=f.value - bad[0].value,
                       related=[{"table": "performance", "table_id": g.target.table_id, "page": g.ind.page}
                                for g in bad])


def _embedded_facts(ctx: Context, p: PerformanceTarget, facts: list, overall: list, reported: set):
    """Counts in names of a project (no indicator of its own) against the overall table."""
    d = ctx.d
    for g in facts:
        if not g.embedded or any(not f.embedded and similar(f.core, g.core) for f in facts):
            continue
        bad = [o for o in overall if o.unit == g.unit and similar(o.core, g.core) and o.value != g.value]
        if not bad or (id(g.ind), g.core) in reported:
            continue
        reported.add((id(g.ind), g.core))
        o = bad[0]
        yield tfinding(ctx, p, (f"{target_label(d, p, g.ind.page)}“{target_name(p)}”指标“{g.ind.name}”中写明"
                                f"{fmt(g.value, 0)}{g.unit}，而{target_label(d, o.target, o.ind.page)}指标“{o.ind.name}”为"
                                f"{o.operator}{fmt(o.value, 0)}{o.unit}：同一事项数量不一致。"),
                       ind=g.ind, expected=o.value, actual=g.value, difference=g.value - o.value)


@check("performance.count_consistency", "warning",
       "同一数量在各表中一致", "Counts do not contradict each other across tables",
       "整体绩效目标与项目绩效目标应相互衔接（财预〔2020〕10号）：同一事项（如督查次数、"
       "检测次数）在整体表与项目表、指标与测算式中应填报相同数量。")
def count_consistency(ctx: Context):
    d = ctx.d
    overall = [f for p in d.performance if p.kind == "overall" for f in facts_of(p)]
    reported: set = set()
    for p in d.performance:
        if p.kind != "project":
            continue
        facts = facts_of(p)
        yield from _indicator_facts(ctx, p, facts, overall, reported)
        yield from _embedded_facts(ctx, p, facts, overall, reported)
