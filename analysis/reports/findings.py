"""DataFrames of an audit: findings (reading problems of the tool apart), counts by severity,
the summary by check, the score and its weights, and their comparison across disclosures."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import pandas as pd

from .. import vocab
from ..checks import iter_checks
from .data import Report, counts, disclosure_findings, fnum, reading_findings
from .present import esc, source_cell, source_text

SEVERITY_ORDER = {s: i for i, s in enumerate(vocab.SEVERITIES)}
FINDING_COLUMNS = {"severity": "严重程度 severity", "check": "检查 check", "where": "出处 source",
                   "table": "表 table", "code": "科目 code", "item": "项目 item",
                   "expected": "应为 expected", "actual": "实际 actual", "difference": "差额 difference",
                   "message": "说明 message"}
EXAMPLE_CHARS = 160
COUNT_COLUMNS = vocab.SEVERITY_COUNT_ZH


def check_titles() -> dict:
    """check id -> Chinese title (every registered check)."""
    return {c.id: c.title_zh for c in iter_checks()}


def check_name(check_id: str, titles: Optional[dict] = None) -> str:
    titles = check_titles() if titles is None else titles
    return titles.get(check_id) or check_id


def sorted_findings(findings: list) -> list:
    """Errors first, then by check, page, table and item."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.check, f.page or 0,
                                           f.table_id or "", f.item or ""))


def _plain(v) -> str:
    return "" if v is None else str(v)


def _finding_row(f, titles: dict, sources: Optional[dict], html_cells: bool) -> dict:
    e = esc if html_cells else _plain
    place = getattr(f, "place", "")
    where = source_cell(f.file, f.page, sources, place=place) if html_cells else source_text(f.file, f.page, place)
    return {"severity": e(vocab.SEVERITY_ZH.get(f.severity, f.severity)),
            "check": e(check_name(f.check, titles)) + (f"<br><small>{esc(f.check)}</small>" if html_cells else ""),
            "where": where, "table": e(f.table_id or f.table or ""), "code": e(f.code or ""), "item": e(f.item or ""),
            **{k: _amount(getattr(f, k), html_cells) for k in ("expected", "actual", "difference")},
            "message": e(f.message + _also(f, titles))}


def _amount(v, text: bool):
    """An amount of a finding: a number, or in the interactive table its text ("1,234.50"), and an
    empty cell where the finding has no such figure (a missing table, a sentence) — never NaN."""
    x = fnum(v)
    if not text:
        return x
    return "" if x is None else f"{x:,.2f}"


def _also(f, titles: dict) -> str:
    """The other checks that saw the same printed problem (one finding per problem)."""
    also = getattr(f, "also", None) or []
    return f"（另见 also：{'、'.join(check_name(c, titles) for c in also)}）" if also else ""


TEXT_FAMILY = "text."   # 文字与逻辑 Text and logic: shown under their own heading, after the numeric checks


def findings_frame(result, prefix: Optional[str] = None, sources: Optional[dict] = None,
                   html_cells: bool = False, exclude: Optional[str] = None) -> pd.DataFrame:
    """Findings about the disclosure, sorted by severity then check: Chinese check names,
    file and page (a link to the page when ``sources`` has a copy of the file). With
    ``html_cells`` every text cell is escaped HTML (for the interactive table). ``prefix`` keeps the
    checks whose id starts with it, ``exclude`` leaves those out."""
    titles = check_titles()
    fs = sorted_findings(disclosure_findings(result)) if result is not None else []
    rows = [_finding_row(f, titles, sources, html_cells) for f in fs
            if (not prefix or f.check.startswith(prefix)) and not (exclude and f.check.startswith(exclude))]
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS)).rename(columns=FINDING_COLUMNS)


def summary_frame(result) -> pd.DataFrame:
    """The findings that matter first: one row per check, in Chinese, errors before warnings,
    with the number of findings and the first one as an example."""
    titles = check_titles()
    groups: dict = {}
    for f in sorted_findings(disclosure_findings(result)):
        g = groups.setdefault(f.check, {**{s: 0 for s in vocab.SEVERITIES}, "first": f})
        g[f.severity] = g.get(f.severity, 0) + 1
    rows = []
    for cid, g in groups.items():
        text = g["first"].message
        example = text if len(text) <= EXAMPLE_CHARS else text[:EXAMPLE_CHARS] + "…"
        rows.append({"检查 check": check_name(cid, titles), "编号 id": cid,
                     **{COUNT_COLUMNS[s]: g[s] for s in vocab.SEVERITIES}, "例 example": example})
    df = pd.DataFrame(rows, columns=["检查 check", "编号 id", *COUNT_COLUMNS.values(), "例 example"])
    return df.sort_values([*COUNT_COLUMNS.values(), "编号 id"], ascending=[False, False, False, True], kind="stable")


def reading_frame(rep: Report) -> pd.DataFrame:
    """Reading problems of the tool (``reading.*`` findings, and what the parser could not read):
    never errors of the disclosure."""
    titles = check_titles()
    rows = []
    for f in sorted_findings(reading_findings(rep.result)):
        rows.append({"类型 what": check_name(f.check, titles),
                     "出处 source": source_cell(f.file, f.page, rep.sources, place=getattr(f, "place", "")),
                     "表 table": esc(f.table_id or f.table or ""), "说明 detail": esc(f.message)})
    for p in sorted(rep.d.problems, key=lambda p: (p.file, p.page, p.what)):
        rows.append({"类型 what": esc(vocab.problem_zh(p.what)), "出处 source": source_cell(p.file, p.page, rep.sources),
                     "表 table": "", "说明 detail": esc(p.detail + (f"：{p.raw}" if p.raw else ""))})
    return pd.DataFrame(rows, columns=["类型 what", "出处 source", "表 table", "说明 detail"])


# ---------------------------------------------------------------------------
# score and counts
# ---------------------------------------------------------------------------
def weight_text(w) -> str:
    """A weight as a percentage, exact (0.35 -> "35%", 0.125 -> "12.5%")."""
    pct = Decimal(str(w)) * 100
    return f"{pct.normalize():f}%"


def _score_parts(result) -> tuple:
    s = getattr(result, "score", None)
    data = s.to_dict() if s is not None and hasattr(s, "to_dict") else {}
    parts = data.get("parts") or []
    if isinstance(parts, dict):
        parts = [{"name": k, **(v if isinstance(v, dict) else {"score": v})} for k, v in sorted(parts.items())]
    return data, parts


def score_frame(result) -> pd.DataFrame:
    """Total score and its parts, with the weights exactly as the score uses them."""
    data, parts = _score_parts(result)
    total_w = sum(float(p.get("weight") or 0) for p in parts)
    rows = [{"项目 part": "总分 total", "权重 weight": f"{total_w:.0%}" if parts else "",
             "得分 score": fnum(data.get("total"))}]
    for p in parts:
        name = " ".join(x for x in (p.get("label_zh"), p.get("label_en") or p.get("name")) if x)
        w = p.get("weight")
        rows.append({"项目 part": name, "权重 weight": "" if w is None else weight_text(w),
                     "得分 score": fnum(p.get("score"))})
    return pd.DataFrame(rows, columns=["项目 part", "权重 weight", "得分 score"])


ITEM_COLUMNS = ["部分 part", "评分项 item", "权重 weight", "得分率 value", "说明 note"]
# what the parts scored without items are made of, from their details
DETAIL_NOTES = {
    "completeness": lambda x: (f"应公开表格 {x.get('required_tables', 0)} 张，缺 {x.get('required_tables_missing', 0)} 张；"
                               f"应有说明 {x.get('explanations', 0)} 项，缺 {x.get('explanations_missing', 0)} 项；"
                               f"空表未说明原因 {x.get('empty_tables_without_reason', 0)} 张"),
    "consistency": lambda x: (f"不一致之处 {x.get('inconsistent_places', 0)} 处，待核实 {x.get('uncertain_places', 0)} 处，"
                              f"无法核对的单元格 {x.get('placeholder_or_unreadable_cells', 0)} 个（共 "
                              f"{x.get('printed_figures', 0)} 个数字）"),
}


def score_items_frame(result) -> pd.DataFrame:
    """Each part's items as the score used them (weight within the part, value 0–1 as a percentage;
    an item that does not apply says so), and what the parts without items counted."""
    _data, parts = _score_parts(result)
    rows = []
    for p in parts:
        name = " ".join(x for x in (p.get("label_zh"), p.get("label_en") or p.get("name")) if x)
        if p.get("name") in DETAIL_NOTES:
            rows.append({"部分 part": name, "评分项 item": "—", "权重 weight": "", "得分率 value": f"{fnum(p.get('score')):.1f}%",
                         "说明 note": DETAIL_NOTES[p["name"]](p.get("details") or {})})
        for i in p.get("items") or []:
            v = i.get("value")
            rows.append({"部分 part": name, "评分项 item": i.get("label_zh") or i.get("id"),
                         "权重 weight": weight_text(i.get("weight") or 0),
                         "得分率 value": "不适用 n/a" if v is None else f"{float(v) * 100:.1f}%",
                         "说明 note": "不适用，权重由本部分其他项分担" if v is None else ""})
        n = (p.get("details") or {}).get("performance_findings")
        if n:
            rows.append({"部分 part": name, "评分项 item": "绩效目标检查的发现", "权重 weight": "", "得分率 value": "",
                         "说明 note": f"{n} 条发现，每条错误扣 2 分、警告扣 0.6 分"})
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def counts_frame(result) -> pd.DataFrame:
    c = counts(result)
    rows = [{"严重程度 severity": vocab.SEVERITY_ZH.get(k, k), "数量 count": int(c.get(k, 0))}
            for k in vocab.SEVERITIES]
    rows.append({"严重程度 severity": "读取问题 reading", "数量 count": int(c.get("reading", 0))})
    return pd.DataFrame(rows)
