"""DataFrames of an audit: findings (reading problems of the tool apart), counts by severity,
the summary by check, the score and its weights, and their comparison across disclosures."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import pandas as pd

from .. import vocab
from ..checks import iter_checks
from .data import Report, counts, disclosure_findings, fnum, label, reading_findings
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
            "expected": fnum(f.expected), "actual": fnum(f.actual), "difference": fnum(f.difference),
            "message": e(f.message + _also(f, titles))}


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


def counts_frame(result) -> pd.DataFrame:
    c = counts(result)
    rows = [{"严重程度 severity": vocab.SEVERITY_ZH.get(k, k), "数量 count": int(c.get(k, 0))}
            for k in vocab.SEVERITIES]
    rows.append({"严重程度 severity": "读取问题 reading", "数量 count": int(c.get("reading", 0))})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# the comparison
# ---------------------------------------------------------------------------
def scores(disclosures: list, results: list) -> pd.DataFrame:
    rows = []
    for d, res in zip(disclosures, results):
        c = counts(res)
        rows.append({"部门 department": d.department, "年度 year": d.year,
                     "得分 score": fnum(getattr(res.score, "total", None)),
                     **{COUNT_COLUMNS[s]: c.get(s, 0) for s in vocab.SEVERITIES},
                     "读取问题 reading": c.get("reading", 0)})
    return pd.DataFrame(rows, columns=["部门 department", "年度 year", "得分 score", *COUNT_COLUMNS.values(),
                                       "读取问题 reading"])


def findings_by_check(disclosures: list, results: list) -> pd.DataFrame:
    rows = []
    titles = check_titles()
    for d, res in zip(disclosures, results):
        for f in disclosure_findings(res):
            rows.append({"披露 disclosure": label(d), "检查 check": f"{check_name(f.check, titles)}（{f.check}）"})
    df = pd.DataFrame(rows, columns=["披露 disclosure", "检查 check"])
    if df.empty:
        return pd.DataFrame(columns=["检查 check"])
    m = df.pivot_table(index="检查 check", columns="披露 disclosure", aggfunc="size", fill_value=0)
    return m.reset_index().sort_values("检查 check", kind="stable")


def across_findings(disclosures: list, results: list) -> pd.DataFrame:
    frames = []
    for d, res in zip(disclosures, results):
        f = findings_frame(res, prefix="across_documents.")
        f.insert(0, "披露 disclosure", label(d))
        frames.append(f)
    if not frames:
        return pd.DataFrame(columns=["披露 disclosure", *FINDING_COLUMNS.values()])
    return pd.concat(frames, ignore_index=True)
