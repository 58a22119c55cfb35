"""DataFrames of the model: what a disclosure is made of (income, expenditure by function,
basic and project, personnel and public, 三公, projects, indicators), its parsed tables as
printed, and the comparison of several disclosures (totals, composition, growth, per staff).

Every number a report shows is computed here or in ``findings`` / ``checklist``; rows are
sorted so that outputs are deterministic (the committed notebooks are checked with nbval).
"""
from __future__ import annotations

import re
from typing import Optional

import pandas as pd

from .. import vocab
from ..model import Disclosure, Table
from .data import HEADLINE, figures, fnum, label

# The tables a report section needs, to tell an unreadable table from one not disclosed.
SECTION_TABLES = {
    "收入来源": ("department_income",),
    "支出功能分类": ("department_expenditure", "general_budget_expenditure", "fiscal_expenditure"),
    "基本支出与项目支出": ("department_expenditure", "general_budget_expenditure", "fiscal_expenditure",
                  "department_summary"),
    "人员经费与公用经费": ("general_budget_basic_expenditure", "fiscal_basic_expenditure"),
    "“三公”经费": ("three_public",),
    "项目支出": ("project_performance", "project_expenditure"),
    "绩效指标": ("overall_performance", "project_performance"),
}


# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------
def availability(d: Disclosure, kinds) -> tuple:
    """(status, table) for the first table of ``kinds``: "ok" (a readable table with rows),
    "unreadable" (printed, but not readable by the tool, or read without any row), or
    "absent" (not in the disclosure)."""
    if isinstance(kinds, str):
        kinds = (kinds,)
    found = [t for k in kinds for t in d.tables_of(k)]
    for t in found:
        if t.readable and t.rows:
            return "ok", t
    empty = [t for t in found if t.readable and not t.rows and t.empty_reason]
    if empty:
        return "absent", empty[0]       # printed empty, with the reason the document gives
    if found:
        return "unreadable", found[0]
    return "absent", None


def section_status(d: Disclosure, what: str) -> str:
    """"ok", "unreadable" or "absent" for a report section (``SECTION_TABLES``)."""
    states = [availability(d, k)[0] for k in SECTION_TABLES[what]]
    for s in ("ok", "unreadable"):
        if s in states:
            return s
    return "absent"


def readable_table(d: Disclosure, kind: str) -> Optional[Table]:
    """The first table of ``kind`` whose figures may be used (``Table.readable``)."""
    return next((t for t in d.tables_of(kind) if t.readable), None)


def total_row(t: Table):
    return next((r for r in t.rows if r.is_total), None)


def _with_shares(rows: list) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["类别 part", "金额 万元", "来源 source"])
    tot = df["金额 万元"].sum() if len(df) else 0
    df["占比 share %"] = [round(v / tot * 100, 1) if tot else None for v in df["金额 万元"]]
    return df


# ---------------------------------------------------------------------------
# a department report: what the budget is made of
# ---------------------------------------------------------------------------
def income_by_source(d: Disclosure) -> pd.DataFrame:
    """部门收入总表 total row, one row per income source column (excluding the total)."""
    t = readable_table(d, "department_income")
    rows = []
    if t is not None and (r := total_row(t)) is not None:
        for c in t.columns:
            if c.key == "total" or c.key.startswith("prior"):
                continue
            v = fnum(r.amounts.get(c.key))
            if v:
                rows.append({"收入来源 source": c.label or c.key, "金额 万元": v})
    df = pd.DataFrame(rows, columns=["收入来源 source", "金额 万元"])
    return df.sort_values("金额 万元", ascending=False, kind="stable")


def _function_table(d: Disclosure) -> Optional[Table]:
    for kind in ("department_expenditure", "general_budget_expenditure", "fiscal_expenditure"):
        t = readable_table(d, kind)
        if t is not None and t.rows:
            return t
    return None


def expenditure_by_function(d: Disclosure) -> pd.DataFrame:
    """Level-1 function classes (类) with total, basic and project amounts."""
    t = _function_table(d)
    rows = []
    if t is not None:
        for r in t.rows:
            if r.is_total or not r.code or len(r.code) != 3:
                continue
            rows.append({"科目 code": r.code, "功能分类 class": r.name,
                         "合计 total": fnum(r.amounts.get("total")),
                         "基本支出 basic": fnum(r.amounts.get("basic")),
                         "项目支出 project": fnum(r.amounts.get("project"))})
    df = pd.DataFrame(rows, columns=["科目 code", "功能分类 class", "合计 total", "基本支出 basic", "项目支出 project"])
    return df.sort_values("科目 code", kind="stable")


def basic_vs_project(d: Disclosure) -> pd.DataFrame:
    figs = figures(d)
    rows = []
    for name, part in (("basic_expenditure", "基本支出 basic"), ("project_expenditure", "项目支出 project")):
        f = figs[name]
        if f.value is not None:
            rows.append({"类别 part": part, "金额 万元": f.value, "来源 source": f.where})
    return _with_shares(rows)


def personnel_vs_public(d: Disclosure) -> pd.DataFrame:
    rows = []
    for kind in ("general_budget_basic_expenditure", "fiscal_basic_expenditure"):
        t = readable_table(d, kind)
        if t is None or (r := total_row(t)) is None:
            continue
        for key, part in (("personnel", "人员经费 personnel"), ("public", "公用经费 public")):
            if key in r.amounts:
                rows.append({"类别 part": part, "金额 万元": fnum(r.amounts[key]), "来源 source": f"{t.id} 第{r.page}页"})
        break
    return _with_shares(rows)


# 三公 items as the report lists them: the column keys of a 三公 table, the total first
THREE_PUBLIC_ITEMS = ("three_public", "overseas", "vehicle_purchase", "vehicle_operation", "reception",
                      "meeting", "training")
THREE_PUBLIC_TOTAL = vocab.column_zh("three_public")


def three_public(d: Disclosure) -> pd.DataFrame:
    """三公 items of the budget year against the prior-year columns the table prints."""
    t = readable_table(d, "three_public")
    rows = []
    if t is not None and t.rows:
        r = total_row(t) or t.rows[0]
        keys = t.column_keys()
        for key in THREE_PUBLIC_ITEMS:
            k = "total" if key == "three_public" and "three_public" not in keys else key
            if k not in keys and f"prior_{k}" not in keys:
                continue
            cur, prior = fnum(r.amounts.get(k)), fnum(r.amounts.get(f"prior_{k}"))
            change = None if cur is None or prior is None else round(cur - prior, 2)
            pct = None if change is None or not prior else round(change / prior * 100, 1)
            rows.append({"项目 item": vocab.column_zh(key), "本年 budget year": cur, "上年 prior year": prior,
                         "增减 change": change, "增减率 % change": pct})
    return pd.DataFrame(rows, columns=["项目 item", "本年 budget year", "上年 prior year", "增减 change",
                                       "增减率 % change"])


def three_public_long(df: pd.DataFrame, year: Optional[int]) -> pd.DataFrame:
    y = f"{year}年" if year else "本年"
    p = f"{year - 1}年" if year else "上年"
    out = []
    for _, r in df.iterrows():
        if r["项目 item"] == THREE_PUBLIC_TOTAL:
            continue
        for col, lab in (("上年 prior year", p), ("本年 budget year", y)):
            if r[col] is not None and r[col] == r[col]:
                out.append({"项目": r["项目 item"], "年度": lab, "金额": r[col]})
    return pd.DataFrame(out, columns=["项目", "年度", "金额"])


_PROJ_CODE = re.compile(r"^\s*\d*[A-Z]?\d{6,}-")


def projects(d: Disclosure) -> pd.DataFrame:
    """Projects by size: from the project performance targets (name, fund) or, failing that,
    the coded rows of the project expenditure table."""
    rows = {}
    for p in d.performance:
        if p.kind == "project" and p.project_name and p.fund_total is not None:
            rows.setdefault(p.project_name, {"项目 project": p.project_name, "金额 万元": fnum(p.fund_total),
                                             "来源 source": f"{p.table_id} 第{','.join(map(str, p.pages))}页"})
    t = readable_table(d, "project_expenditure") if not rows else None
    for r in t.rows if t is not None else []:
        v = fnum(r.amounts.get("total"))
        if r.is_total or not r.code or v is None:
            continue
        name = _PROJ_CODE.sub("", r.name)
        rows.setdefault(name, {"项目 project": name, "金额 万元": v, "来源 source": f"{t.id} 第{r.page}页"})
    df = pd.DataFrame(list(rows.values()), columns=["项目 project", "金额 万元", "来源 source"])
    return df.sort_values(["金额 万元", "项目 project"], ascending=[False, True], kind="stable")


def indicators(d: Disclosure) -> pd.DataFrame:
    """Performance indicators counted by level-1 indicator and nature (定量/定性)."""
    rows = []
    for p in d.performance:
        for i in p.indicators:
            rows.append({"目标 target": "整体 overall" if p.kind == "overall" else "项目 project",
                         "一级指标 level1": i.level1 or "（未分级）", "性质 nature": i.nature or "（未标明）"})
    df = pd.DataFrame(rows, columns=["目标 target", "一级指标 level1", "性质 nature"])
    if df.empty:
        return pd.DataFrame(columns=["一级指标 level1", "性质 nature", "指标数 count"])
    g = df.groupby(["一级指标 level1", "性质 nature"]).size().reset_index(name="指标数 count")
    return g.sort_values(["一级指标 level1", "性质 nature"], kind="stable")


# ---------------------------------------------------------------------------
# the appendix: parsed tables as printed
# ---------------------------------------------------------------------------
OCR_MARK = "（扫描页，经文字识别 OCR 读取）"   # after the title of a table read from a scan


def tables_index(d: Disclosure) -> pd.DataFrame:
    return pd.DataFrame([{"编号 id": t.id, "类型 kind": t.kind, "标题 title": t.title + (OCR_MARK if "ocr" in t.reading else ""),
                          "表号 label": t.label,
                          "单位 unit": t.unit, "页 pages": ",".join(map(str, t.pages)), "行数 rows": len(t.rows)}
                         for t in d.tables],
                        columns=["编号 id", "类型 kind", "标题 title", "表号 label", "单位 unit", "页 pages", "行数 rows"])


def appendix_tables(d: Disclosure) -> list:
    """The parsed tables the appendix prints (performance targets have their own frame)."""
    return [t for t in d.tables if t.kind not in vocab.PERFORMANCE_KINDS]


_SIDE = re.compile(r"^([a-z_]+):(.*)$", re.S)


def column_heading(key: str, label_text: str) -> tuple:
    """(side, Chinese heading) of a column: two-sided tables print an income side and an
    expenditure side, each with its own columns (labels ``income:…`` / ``expenditure:…``)."""
    m = _SIDE.match(label_text or "")
    side, text = (m.group(1), m.group(2)) if m else (None, label_text or "")
    return side, text or vocab.column_zh(key)


def _side_zh(side: Optional[str]) -> str:
    return vocab.SECTION_ZH.get(side or "", side or "")


def _headings(t: Table) -> list:
    """[(key, side, distinct heading)] of the table's amount columns."""
    heads, cols = [], []
    for c in t.columns:
        side, text = column_heading(c.key, c.label)
        if side and not text.startswith(_side_zh(side)[:2]):
            text = f"{_side_zh(side)}：{text}"
        while text in heads:
            text += "′"
        heads.append(text)
        cols.append((c.key, side, text))
    return cols


def table_frame(t: Table) -> pd.DataFrame:
    """A parsed table as printed: code, name, then one column per amount column (万元), each
    with its own values and its printed (Chinese) heading. In a two-sided table a row shows
    amounts only in the columns of its own side."""
    cols = _headings(t)
    two_sided = any(side for _k, side, _t in cols)
    sectioned = any(x.section for x in t.rows)
    out = []
    for r in t.rows:
        row = {"科目 code": r.code or "", "名称 name": r.name}
        if sectioned:
            row["部分 section"] = _side_zh(r.section)
        for key, side, text in cols:
            other_side = two_sided and side and r.section and side != r.section
            v = None if other_side else r.amounts.get(key)
            row[text] = fnum(v) if v is not None else None
        row["页 page"] = r.page
        out.append(row)
    return pd.DataFrame(out)


def performance_frame(d: Disclosure) -> pd.DataFrame:
    rows = []
    for p in d.performance:
        for i in p.indicators:
            rows.append({"表 table": p.table_id, "项目 project": p.project_name or p.title,
                         "一级 level1": i.level1, "二级 level2": i.level2, "指标 indicator": i.name,
                         "指标值 value": i.value_raw, "性质 nature": i.nature, "页 page": i.page})
    return pd.DataFrame(rows, columns=["表 table", "项目 project", "一级 level1", "二级 level2",
                                       "指标 indicator", "指标值 value", "性质 nature", "页 page"])


# ---------------------------------------------------------------------------
# the comparison
# ---------------------------------------------------------------------------
def totals(disclosures: list) -> pd.DataFrame:
    names = [vocab.metric_zh(k) for k in HEADLINE]
    rows = []
    for d in disclosures:
        figs = figures(d)
        rows.append({"部门 department": d.department, "年度 year": d.year,
                     **{vocab.metric_zh(k): figs[k].value for k in HEADLINE}})
    return pd.DataFrame(rows, columns=["部门 department", "年度 year", *names])


def composition_long(disclosures: list) -> pd.DataFrame:
    rows = []
    for d in disclosures:
        figs = figures(d)
        for k in ("basic_expenditure", "project_expenditure"):
            if figs[k].value is not None:
                rows.append({"披露": label(d), "类别": vocab.metric_zh(k), "金额": figs[k].value})
    return pd.DataFrame(rows, columns=["披露", "类别", "金额"])


GROWTH_COLUMNS = ["部门 department", "期间 period", "指标 figure", "上期 before", "本期 after", "增减 change",
                  "增长率 growth %", "依据 basis"]


def growth(disclosures: list) -> pd.DataFrame:
    """Year-on-year growth of the headline figures within each department.

    A department seen in one year only is compared with the prior-year columns its own
    tables print (一般公共预算支出 and “三公”经费)."""
    by_dept: dict = {}
    for d in disclosures:
        by_dept.setdefault(d.department, []).append(d)
    rows = []
    for dept in sorted(by_dept):
        ds = sorted(by_dept[dept], key=lambda x: x.year or 0)
        rows += _growth_between(dept, ds) if len(ds) >= 2 else _growth_printed(dept, ds[0])
    return pd.DataFrame(rows, columns=GROWTH_COLUMNS)


def _growth_between(dept: str, ds: list) -> list:
    rows = []
    for a, b in zip(ds, ds[1:]):
        fa, fb = figures(a), figures(b)
        for k in HEADLINE:
            rows.append(_growth_row(dept, f"{a.year}→{b.year}", vocab.metric_zh(k), fa[k].value, fb[k].value,
                                    "两份披露 two disclosures"))
    return rows


def _growth_printed(dept: str, d: Disclosure) -> list:
    rows = []
    y = f"{(d.year or 1) - 1}→{d.year}" if d.year else "上年→本年"
    gb = readable_table(d, "general_budget_expenditure") or readable_table(d, "fiscal_expenditure")
    if gb is not None and (r := total_row(gb)) is not None and "prior_total" in gb.column_keys():
        rows.append(_growth_row(dept, y, "一般公共预算支出", fnum(r.amounts.get("prior_total")),
                                fnum(r.amounts.get("total")), f"{gb.id} 上年列 prior-year column"))
    for _, r in three_public(d).iterrows():
        rows.append(_growth_row(dept, y, r["项目 item"], r["上年 prior year"], r["本年 budget year"],
                                "“三公”经费表上年列 prior-year column"))
    return rows


def _growth_row(dept, period, lab, va, vb, basis):
    ch = None if va is None or vb is None else round(vb - va, 2)
    pct = None if ch is None or not va else round(ch / va * 100, 1)
    return dict(zip(GROWTH_COLUMNS, (dept, period, lab, va, vb, ch, pct, basis)))


def per_staff(disclosures: list) -> pd.DataFrame:
    """三公 and 机关运行经费 per authorised staff (编制人数, claim ``staff_authorized``)."""
    rows = []
    for d in disclosures:
        staff = next((c for c in d.claims if c.metric == "staff_authorized" and c.value), None)
        figs = figures(d)
        tp, oc = figs["three_public_total"].value, figs["operating_costs"].value
        n = fnum(staff.value) if staff else None
        rows.append({"部门 department": d.department, "年度 year": d.year, "编制人数 staff": n,
                     "“三公”经费 万元": tp, "人均“三公” 万元/人": round(tp / n, 2) if tp is not None and n else None,
                     "机关运行经费 万元": oc, "人均运行经费 万元/人": round(oc / n, 2) if oc is not None and n else None})
    return pd.DataFrame(rows)
