"""Completeness: the disclosure holds the tables and explanations the rules require, at the
required level of detail.

The requirements come from ``analysis/reference/disclosure_rules.csv`` (``analysis.reference.
disclosure_rules()``): 财政预决算领域基层政务公开标准目录（部门预算）, 中华人民共和国预算法 第十四条 and
its 实施条例, and 财政部《地方预决算公开操作规程》（财预〔2016〕143号）.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Optional

from ..base import Context, check
from .arithmetic import (D0, KIND_ZH, children_of, cname, coded_rows, fmt, place, row_label, val)

LAW = "中华人民共和国预算法 第十四条；财政部《地方预决算公开操作规程》（财预〔2016〕143号）"

# rule id of disclosure_rules.csv -> table kind
TABLE_RULES = {
    "T01": "department_summary",
    "T02": "department_income",
    "T03": "department_expenditure",
    "T04": "fiscal_summary",
    "T05": "general_budget_expenditure",
    "T06": "general_budget_basic_expenditure",
    "T07": "three_public",
    "T08": "government_fund",
}
# rule id -> final-accounts table kind (a 部门决算 publishes nine tables of its own)
FINAL_TABLE_RULES = {
    "F01": "final_summary",
    "F02": "final_income",
    "F03": "final_expenditure",
    "F04": "final_fiscal_summary",
    "F05": "final_general_budget_expenditure",
    "F06": "final_general_budget_basic_expenditure",
    "F07": "final_three_public",
    "F08": "final_government_fund",
    "F09": "final_state_capital",
}
FALLBACK_TABLES = {  # used when the reference package is not available
    "T01": ("部门收支总表", 2016), "T02": ("部门收入总表", 2016), "T03": ("部门支出总表", 2016),
    "T04": ("财政拨款收支总表", 2016), "T05": ("一般公共预算支出表", 2016),
    "T06": ("一般公共预算基本支出表", 2016), "T07": ("三公经费表", 2016), "T08": ("政府性基金预算支出表", 2016),
}


def _rules() -> dict:
    """rule id -> (item, required_from or None, source title)."""
    try:
        from ...reference import disclosure_rules
        frame = disclosure_rules()
    except Exception:  # pragma: no cover - the reference package ships with the project
        return {k: (v[0], v[1], LAW) for k, v in FALLBACK_TABLES.items()}
    out = {}
    for rec in frame.to_dict("records"):
        year = int(rec["required_from"]) if str(rec.get("required_from") or "").strip() else None
        out[rec["id"]] = (rec["item"], year, rec.get("source_title") or LAW)
    return out


def _applies(required_from: Optional[int], year: Optional[int]) -> bool:
    return required_from is None or year is None or year >= required_from


def _source(rule_id: str) -> str:
    r = _rules().get(rule_id)
    return f"{r[2]}（{rule_id}：{r[0]}）" if r else LAW


# ---------------------------------------------------------------------------
# completeness.required_tables
# ---------------------------------------------------------------------------
@check("completeness.required_tables", "error",
       "必须公开的预算表齐全", "The required budget tables are present",
       "部门预算应公开：部门收支总表、部门收入总表、部门支出总表、财政拨款收支总表、一般公共预算支出表、"
       "一般公共预算基本支出表、“三公”经费支出表、政府性基金预算支出表（财政预决算领域基层政务公开标准目录（部门预算）；"
       + LAW + "）。")
def required_tables(ctx: Context):
    cid = "completeness.required_tables"
    rules = _rules()
    d = ctx.source   # a table printed but read without confidence is printed all the same
    year = d.year
    files = [f.path for f in d.files]
    final = d.kind == "final"
    for rid, kind in (FINAL_TABLE_RULES if final else TABLE_RULES).items():
        item, since, source = rules.get(rid, (KIND_ZH[kind], 2016, LAW))
        if not _applies(since, year):
            continue
        if any(t.kind == kind for t in d.tables) or (not final and d.tables_of(kind)):
            continue
        yield ctx.finding(cid, f"未找到《{KIND_ZH[kind]}》（{item}）。依据：{source}（{rid}）",
                          table=None, file=files[0] if files else "", item=KIND_ZH[kind])
    # T09 (预算法实施条例, from 2020): 基本支出与项目支出分别公开
    item, since, source = rules.get("T09", ("基本支出与项目支出分别公开", 2020, LAW))
    if _applies(since, year) and (year is None or year >= (since or 2020)):
        for t in ctx.tables("general_budget_expenditure"):
            keys = t.column_keys()
            if not ("basic" in keys and "project" in keys):
                yield ctx.finding(cid, f"{place(t)} 未分列基本支出和项目支出（{item}）。依据：{source}（T09）",
                                  table=t)


# ---------------------------------------------------------------------------
# completeness.required_explanations
# ---------------------------------------------------------------------------
class Narrative:
    """The narrative of a disclosure as one compact string, with a map back to pages."""

    def __init__(self, pages: list):
        self.text = ""
        self.starts: list = []
        self.pages: list = []
        for p in pages:
            self.starts.append(len(self.text))
            self.pages.append((p.file, p.page))
            self.text += cname(p.text)

    def where(self, pos: int) -> tuple:
        i = bisect_right(self.starts, pos) - 1
        return self.pages[i] if i >= 0 else ("", None)

    def windows(self, pattern: str, size: int, need: Optional[str] = None, lead: int = 0):
        """(start, window text) for each match of ``pattern`` whose window holds ``need``."""
        for m in re.finditer(pattern, self.text):
            w = self.text[max(0, m.start() - lead):m.start() + size]
            if need is None or re.search(need, w):
                yield m.start(), w


AMOUNT = r"\d[\d,]*(?:\.\d+)?万元"
CHANGE = r"(?:增加|减少|下降|增长|上升|降低|持平|相同|一致|不变|增幅|降幅)"
MOVE = r"(?:增加|减少|下降|增长|上升|降低)\d"
REASON = r"(?:原因|主要是|主要由于|由于|因为|是因|源于|系因)"


NEXT_HEADING = re.compile(r"(?<=[。；])(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]+部分)")


def _section(window: str) -> str:
    """A window cut at the next heading (五、… / 第四部分 / 1、…): one topic only."""
    m = NEXT_HEADING.search(window, 10)
    return window[:m.start()] if m else window


def _explanations(d) -> list:
    """(rule id, title, ok, detail, (file, page)) for each required explanation."""
    n = Narrative(d.narrative)
    out = []
    # E05 机关运行经费
    w = next(n.windows("机关运行经费", 160, AMOUNT), None)
    out.append(("E05", "机关运行经费安排情况", w is not None, "", n.where(w[0]) if w else None))
    # E06 政府采购: total and 货物/工程/服务 each
    best = None
    for pos, win in n.windows("政府采购", 320, AMOUNT):
        have = [c for c in ("货物", "工程", "服务") if c in win]
        if best is None or len(have) > len(best[1]):
            best = (pos, have)
    if best is None:
        out.append(("E06", "政府采购预算情况", False, "", None))
    else:
        missing = [c for c in ("货物", "工程", "服务") if c not in best[1]]
        out.append(("E06", "政府采购预算情况", not missing,
                    f"政府采购说明未分别列出{'、'.join(missing)}类的预算金额" if missing else "", n.where(best[0])))
    # E08 国有资产占有使用情况 (车辆)
    w = next(n.windows("国有资产|共有车辆|公务用车\\d+辆", 200, r"\d+辆|\d+台|资产总额|房屋"), None)
    out.append(("E08", "国有资产占有使用情况（车辆等）", w is not None, "", n.where(w[0]) if w else None))
    # E09 绩效目标
    w = next(n.windows("绩效目标", 120, r"\d"), None)
    ok = w is not None or bool(d.performance) or any(t.role in ("overall_performance", "project_performance")
                                                      for t in d.tables)
    out.append(("E09", "绩效目标设置情况", ok, "", n.where(w[0]) if w else None))
    # E07 名词解释
    w = next(n.windows("名词解释|名称解释|名词说明|术语解释", 48,
                       r"[一二三四五六七八九十\d][)）、.．][^。：:]{1,20}[：:]"), None)
    out.append(("E07", "名词解释", w is not None, "", n.where(w[0]) if w else None))
    # E04 三公经费增减变化及原因: every sentence that states an increase or decrease says why
    # (in the same sentence or the next one)
    sentences: dict = {}
    for pos, win in n.windows("三公", 900, AMOUNT):
        win = _section(win)
        start = pos
        for sent in re.split(r"(?<=[。；;])", win):
            if sent:
                sentences.setdefault(start, sent)
            start += len(sent)
    ordered = [sentences[k] for k in sorted(sentences)]
    positions = sorted(sentences)
    changed = [x for x in ordered if re.search(CHANGE, x)]
    if not ordered or not any(re.search(AMOUNT, x) for x in ordered):
        out.append(("E04", "“三公”经费增减变化及原因", False, "", None))
    elif not changed:
        out.append(("E04", "“三公”经费增减变化及原因", False, "未说明“三公”经费与上年相比的增减变化",
                    n.where(positions[0])))
    else:
        unexplained = []
        for i, x in enumerate(ordered):
            if not re.search(MOVE, x) or re.search(REASON, x):
                continue
            nxt = ordered[i + 1] if i + 1 < len(ordered) else ""
            if nxt and re.search(REASON, nxt) and not re.search(MOVE, nxt):
                continue
            unexplained.append((positions[i], x))
        detail = ""
        if unexplained:
            quote = unexplained[0][1].rstrip("。；;")
            quote = quote if len(quote) <= 60 else "…" + quote[-60:]
            detail = f"说明了“三公”经费的增减，但未说明增减原因（“{quote}”）"
        out.append(("E04", "“三公”经费增减变化及原因", not unexplained, detail,
                    n.where(unexplained[0][0] if unexplained else positions[0])))
    return out


@check("completeness.required_explanations", "warning",
       "情况说明包含必须说明的事项", "The narrative explains the required matters",
       "部门预算情况说明应包括：机关运行经费安排情况；政府采购预算总额及货物、工程、服务三类各自金额；国有资产占有使用情况"
       "（含车辆）；绩效目标设置情况；专业性名词解释；“三公”经费增减变化及原因（财政预决算领域基层政务公开标准目录（部门预算）；"
       + LAW + "）。")
def required_explanations(ctx: Context):
    cid = "completeness.required_explanations"
    rules = _rules()
    files = [f.path for f in ctx.d.files]
    for rid, title, ok, detail, loc in _explanations(ctx.d):
        if ok:
            continue
        item, since, source = rules.get(rid, (title, None, LAW))
        if not _applies(since, ctx.d.year):
            continue
        file, page = loc if loc else (files[-1] if files else "", None)
        what = detail or f"情况说明中未找到“{title}”"
        where = f"第{page}页 " if page else ""
        yield ctx.finding(cid, f"{where}{what}。依据：{source}（{rid}：{item}）", file=file, page=page, item=title)


# ---------------------------------------------------------------------------
# granularity
# ---------------------------------------------------------------------------
def _nonzero(r) -> bool:
    return any(v for k, v in r.amounts.items() if not k.startswith("prior_"))


@check("completeness.function_granularity", "error",
       "一般公共预算支出按功能分类列到项", "General-budget expenditure reaches 项 level (7-digit codes)",
       "一般公共预算支出按其功能分类应当编列到项（中华人民共和国预算法 第四十六条；财政预决算领域基层政务公开标准目录 T05："
       "一般公共预算支出表功能分类到项级，7位编码）。")
def function_granularity(ctx: Context):
    cid = "completeness.function_granularity"
    for t in ctx.tables("general_budget_expenditure"):
        rows = coded_rows(t)
        if not rows:
            if any(_nonzero(r) for r in t.rows):
                yield ctx.finding(cid, f"{place(t)} 未按功能分类科目编码列示支出（应列到 7 位项级科目）", table=t)
            continue
        for r in rows:
            if len(r.code) == 7 or not _nonzero(r):
                continue
            if not children_of(rows, r) or (len(r.code) == 3 and not any(len(x.code) == 7 and x.code.startswith(r.code) for x in rows)):
                level = "类" if len(r.code) == 3 else "款"
                yield ctx.finding(cid, f"{place(t, r)} {row_label(r)}（{level}级）{fmt(val(r, 'total') or D0)} 万元 "
                                       f"未细化到项级（7 位）科目", table=t, row=r)


@check("completeness.economic_granularity", "error",
       "基本支出按经济分类列到款", "Basic expenditure reaches 款 level (5-digit codes)",
       "一般公共预算基本支出按其经济性质分类应当编列到款（中华人民共和国预算法 第四十六条；财政预决算领域基层政务公开标准目录 T06："
       "一般公共预算基本支出表经济分类到款级，5位编码）。")
def economic_granularity(ctx: Context):
    cid = "completeness.economic_granularity"
    for t in ctx.tables("general_budget_basic_expenditure"):
        rows = coded_rows(t)
        if not rows:
            if any(_nonzero(r) for r in t.rows):
                yield ctx.finding(cid, f"{place(t)} 未按经济分类科目编码列示基本支出（应列到 5 位款级科目）", table=t)
            continue
        for r in rows:
            if len(r.code) != 3 or not _nonzero(r):
                continue
            if not children_of(rows, r):
                yield ctx.finding(cid, f"{place(t, r)} {row_label(r)}（类级）{fmt(val(r, 'total') or D0)} 万元 "
                                       f"未细化到款级（5 位）科目", table=t, row=r)


@check("completeness.three_public_split", "warning",
       "公务用车购置费与运行维护费分别列示", "Vehicle purchase and operation printed separately",
       "“三公”经费表应将因公出国（境）费、公务用车购置费、公务用车运行维护费、公务接待费各列一项"
       "（财政预决算领域基层政务公开标准目录 T07；财政部《地方预决算公开操作规程》（财预〔2016〕143号））。")
def three_public_split(ctx: Context):
    cid = "completeness.three_public_split"
    for t in ctx.tables("three_public"):
        keys = t.column_keys()
        missing = [name for key, name in (("vehicle_purchase", "公务用车购置费"), ("vehicle_operation", "公务用车运行维护费"))
                   if key not in keys]
        if missing:
            yield ctx.finding(cid, f"{place(t)} 未单独列示{'、'.join(missing)}（只列公务用车合计无法区分购置与运行）", table=t)


# ---------------------------------------------------------------------------
# completeness.empty_table_reason
# ---------------------------------------------------------------------------
REASON_WORDS = r"无|没有|不涉及|未安排|未发生|为零|为0|0万元|空表"
TOPIC = {
    "government_fund": "政府性基金", "state_capital": "国有资本经营", "procurement": "政府采购",
    "three_public": "三公", "operating_costs": "机关运行经费", "project_expenditure": "项目支出",
}


def _is_empty(t) -> bool:
    if any(r.placeholders or r.unreadable for r in t.rows):
        return False
    return not any(v for r in t.rows for v in r.amounts.values())


@check("completeness.empty_table_reason", "warning",
       "空表须说明原因", "An empty table says why it is empty",
       "没有数据的公开表应保留表样并说明无数据的原因（财政预决算领域基层政务公开标准目录 E10；"
       "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：部门没有相关收支的，应在公开时作出说明）。")
def empty_table_reason(ctx: Context):
    cid = "completeness.empty_table_reason"
    n = Narrative(ctx.d.narrative)
    sentences = re.split(r"[。；;]", n.text)
    for t in ctx.tables():
        if t.role in ("overall_performance", "project_performance") or not _is_empty(t):
            continue
        if t.empty_reason or re.search(REASON_WORDS, cname(t.note)):
            continue
        topic = TOPIC.get(t.kind, KIND_ZH.get(t.kind, "").replace("表", ""))
        if topic and any(topic in s and re.search(REASON_WORDS, s) for s in sentences if len(s) < 200):
            continue
        yield ctx.finding(cid, f"{place(t)} 无数据，但表下和情况说明中均未说明原因（如“本单位无{topic}收支”）", table=t)
