"""``completeness.required_explanations``: the narrative explains the matters the rules require
(机关运行经费, 政府采购 by 货物/工程/服务, 国有资产 and vehicles, 绩效目标, 名词解释, the changes of the
“三公”经费 and their reasons)."""
from __future__ import annotations

import re

from ...vocab import PERFORMANCE_KINDS
from ..base import Context, check
from ..common.rules import LAW, applies, rules
from ..common.text import NarrativeText

AMOUNT = r"\d[\d,]*(?:\.\d+)?万元"
CHANGE = r"(?:增加|减少|下降|增长|上升|降低|持平|相同|一致|不变|增幅|降幅)"
MOVE = r"(?:增加|减少|下降|增长|上升|降低)\d"
REASON = r"(?:原因|主要是|主要由于|由于|因为|是因|源于|系因)"

NEXT_HEADING = re.compile(r"(?<=[。；])(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]+部分)")
THREE_PUBLIC = "“三公”经费增减变化及原因"


def _section(window: str) -> str:
    """A window cut at the next heading (五、… / 第四部分 / 1、…): one topic only."""
    m = NEXT_HEADING.search(window, 10)
    return window[:m.start()] if m else window


def _found(n: NarrativeText, rid: str, title: str, pattern: str, size: int, need: str) -> tuple:
    w = next(n.windows(pattern, size, need), None)
    return (rid, title, w is not None, "", n.where(w[0]) if w else None)


def _procurement(n: NarrativeText) -> tuple:
    """E06 政府采购: total and 货物/工程/服务 each."""
    best = None
    for pos, win in n.windows("政府采购", 320, AMOUNT):
        have = [c for c in ("货物", "工程", "服务") if c in win]
        if best is None or len(have) > len(best[1]):
            best = (pos, have)
    if best is None:
        return ("E06", "政府采购预算情况", False, "", None)
    missing = [c for c in ("货物", "工程", "服务") if c not in best[1]]
    return ("E06", "政府采购预算情况", not missing,
            f"政府采购说明未分别列出{'、'.join(missing)}类的预算金额" if missing else "", n.where(best[0]))


def _performance(n: NarrativeText, d) -> tuple:
    """E09 绩效目标: in the narrative, or performance tables published."""
    w = next(n.windows("绩效目标", 120, r"\d"), None)
    ok = w is not None or bool(d.performance) or any(t.role in PERFORMANCE_KINDS for t in d.tables)
    return ("E09", "绩效目标设置情况", ok, "", n.where(w[0]) if w else None)


def _three_public_sentences(n: NarrativeText) -> tuple:
    """(sentences, their positions) of the narrative's “三公” sections, in order."""
    sentences: dict = {}
    for pos, win in n.windows("三公", 900, AMOUNT):
        win = _section(win)
        start = pos
        for sent in re.split(r"(?<=[。；;])", win):
            if sent:
                sentences.setdefault(start, sent)
            start += len(sent)
    positions = sorted(sentences)
    return [sentences[k] for k in positions], positions


def _unexplained(ordered: list, positions: list) -> list:
    """(position, sentence) of each increase or decrease that says no reason (in the same
    sentence or the next one)."""
    out = []
    for i, x in enumerate(ordered):
        if not re.search(MOVE, x) or re.search(REASON, x):
            continue
        nxt = ordered[i + 1] if i + 1 < len(ordered) else ""
        if nxt and re.search(REASON, nxt) and not re.search(MOVE, nxt):
            continue
        out.append((positions[i], x))
    return out


def _three_public(n: NarrativeText) -> tuple:
    """E04 三公经费增减变化及原因: every sentence that states an increase or decrease says why."""
    ordered, positions = _three_public_sentences(n)
    if not ordered or not any(re.search(AMOUNT, x) for x in ordered):
        return ("E04", THREE_PUBLIC, False, "", None)
    if not any(re.search(CHANGE, x) for x in ordered):
        return ("E04", THREE_PUBLIC, False, "未说明“三公”经费与上年相比的增减变化", n.where(positions[0]))
    unexplained = _unexplained(ordered, positions)
    detail = ""
    if unexplained:
        quote = unexplained[0][1].rstrip("。；;")
        quote = quote if len(quote) <= 60 else "…" + quote[-60:]
        detail = f"说明了“三公”经费的增减，但未说明增减原因（“{quote}”）"
    return ("E04", THREE_PUBLIC, not unexplained, detail,
            n.where(unexplained[0][0] if unexplained else positions[0]))


def _explanations(d) -> list:
    """(rule id, title, ok, detail, (file, page)) for each required explanation."""
    n = NarrativeText(d.narrative)
    return [
        _found(n, "E05", "机关运行经费安排情况", "机关运行经费", 160, AMOUNT),
        _procurement(n),
        _found(n, "E08", "国有资产占有使用情况（车辆等）", "国有资产|共有车辆|公务用车\\d+辆", 200,
               r"\d+辆|\d+台|资产总额|房屋"),
        _performance(n, d),
        _found(n, "E07", "名词解释", "名词解释|名称解释|名词说明|术语解释", 48,
               r"[一二三四五六七八九十\d][)）、.．][^。：:]{1,20}[：:]"),
        _three_public(n),
    ]


@check("completeness.required_explanations", "warning",
       "情况说明包含必须说明的事项", "The narrative explains the required matters",
       "部门预算情况说明应包括：机关运行经费安排情况；政府采购预算总额及货物、工程、服务三类各自金额；国有资产占有使用情况"
       "（含车辆）；绩效目标设置情况；专业性名词解释；“三公”经费增减变化及原因（财政预决算领域基层政务公开标准目录（部门预算）；"
       + LAW + "）。")
def required_explanations(ctx: Context):
    rule_of = rules()
    files = [f.path for f in ctx.d.files]
    for rid, title, ok, detail, loc in _explanations(ctx.d):
        if ok:
            continue
        item, since, source = rule_of.get(rid, (title, None, LAW))
        if not applies(since, ctx.d.year):
            continue
        file, page = loc if loc else (files[-1] if files else "", None)
        what = detail or f"情况说明中未找到“{title}”"
        where = f"第{page}页 " if page else ""
        yield ctx.finding(f"{where}{what}。依据：{source}（{rid}：{item}）", file=file, page=page, item=title)
