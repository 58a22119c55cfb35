"""Building blocks of the report notebooks: DataFrames, pandas Stylers and altair charts.

The notebooks stay thin: every number they show is computed here, so the same code is
tested once and reused by ``department_audit.ipynb`` and ``comparison.ipynb``.
Outputs are deterministic (sorted rows, fixed chart sizes, fixed Styler ids) so that
the committed notebooks can be checked with nbval.
"""
from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Optional

import altair as alt
import pandas as pd

from ..figures import compute_figures
from ..model import Disclosure, Table

SEVERITY_ZH = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
CHART_WIDTH = 560
FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, sans-serif"

# Required items (analysis/reference/disclosure_rules.csv) and how we see them in a disclosure.
# table kinds: any of them present with rows; keywords: any of them in the narrative text.
REQUIRED_ITEMS = [
    ("T01", "部门收支总表", ("department_summary",), ()),
    ("T02", "部门收入总表", ("department_income",), ()),
    ("T03", "部门支出总表", ("department_expenditure",), ()),
    ("T04", "财政拨款收支总表", ("fiscal_summary",), ()),
    ("T05", "一般公共预算支出表（功能分类）", ("general_budget_expenditure", "fiscal_expenditure"), ()),
    ("T06", "一般公共预算基本支出表（经济分类）", ("general_budget_basic_expenditure", "fiscal_basic_expenditure"), ()),
    ("T07", "“三公”经费表", ("three_public",), ()),
    ("T08", "政府性基金预算支出表", ("government_fund",), ()),
    ("E01", "部门职责", (), ("职责", "主要职能")),
    ("E02", "机构设置", (), ("机构设置", "内设机构")),
    ("E03", "预算收支增减变化", (), ("增加", "减少", "持平")),
    ("E04", "三公经费增减变化", (), ("三公",)),
    ("E05", "机关运行经费", ("operating_costs",), ("机关运行经费",)),
    ("E06", "政府采购", ("procurement",), ("政府采购",)),
    ("E07", "名词解释", (), ("名词解释",)),
    ("E08", "国有资产占有使用情况", (), ("国有资产",)),
    ("E09", "绩效目标", ("overall_performance", "project_performance"), ("绩效目标",)),
]


# ---------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------
def load(paths: Iterable[str], department: Optional[str] = None, year: Optional[int] = None):
    """Parse and audit ``paths``; return (disclosures, results, errors), sorted by department, year.

    With ``department``/``year`` given, only matching disclosures are kept (the audit still sees
    the whole batch, so cross-document checks work).
    """
    from ..checks import audit
    from ..parse import parse_paths

    disclosures, errors = parse_paths([str(p) for p in paths])
    results = audit(disclosures)
    pairs = sorted(zip(disclosures, results), key=lambda p: (p[0].department, p[0].year or 0))
    if department:
        from ..parse.titles import canonical_department

        # one department may print its name differently across years (中国共产党…委员会办公厅 /
        # 中共…委办公厅): match on the canonical key
        key = canonical_department(department)
        pairs = [p for p in pairs if canonical_department(p[0].department) == key]
    if year:
        pairs = [p for p in pairs if p[0].year == int(year)]
    return [p[0] for p in pairs], [p[1] for p in pairs], errors


def esc(text) -> str:
    return html.escape("" if text is None else str(text))


def fnum(v) -> Optional[float]:
    if v is None or v == "":
        return None
    try:
        return float(round(Decimal(str(v)), 2))
    except Exception:
        return None


# ---------------------------------------------------------------------------
# display helpers
# ---------------------------------------------------------------------------
def style(df: pd.DataFrame, uid: str, caption: str = "", precision: int = 2):
    """The table as an HTML display object (stable text/plain, unlike a Styler's repr)."""
    from IPython.display import HTML

    return HTML(styler(df, uid, caption, precision).to_html())


def styler(df: pd.DataFrame, uid: str, caption: str = "", precision: int = 2):
    """A pandas Styler with a fixed id (stable HTML), HTML-escaped cells, numbers to 0.01."""
    df = df.reset_index(drop=True)
    st = df.style.set_uuid(re.sub(r"[^0-9A-Za-z_]", "_", uid)).hide(axis="index")
    floats = [c for c in df.columns if pd.api.types.is_float_dtype(df[c])]
    nums = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
    st = st.format(na_rep="—", escape="html")
    if floats:
        st = st.format(precision=precision, na_rep="—", thousands=",", subset=floats)
    if nums:
        st = st.set_properties(subset=nums, **{"text-align": "right"})
    wide = [c for c in df.columns if str(c).startswith(("说明", "标题", "指标 indicator", "项目 project"))]
    if wide:
        st = st.set_properties(subset=wide, **{"min-width": "320px"})
    mid = [c for c in df.columns if str(c).startswith(("项目 item", "科目 code"))]
    if mid:
        st = st.set_properties(subset=mid, **{"min-width": "90px"})
    narrow = [c for c in df.columns if str(c).startswith(("检查", "表 table", "严重程度"))]
    if narrow:
        st = st.set_properties(subset=narrow, **{"white-space": "nowrap", "font-size": "12px"})
    st = st.format_index(escape="html", axis=1)
    if caption:
        st = st.set_caption(esc(caption))
    st = st.set_table_styles([
        {"selector": "", "props": "border-collapse: collapse; font-size: 13px; margin: 6px 0 14px 0;"},
        {"selector": "th", "props": "background: #f0f3f7; border: 1px solid #ccd; padding: 3px 6px; text-align: left;"},
        {"selector": "td", "props": "border: 1px solid #dde; padding: 3px 6px; text-align: left;"},
        {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: bold; padding: 4px 0;"},
    ])
    return st


def svg(chart: alt.TopLevelMixin):
    """Render an altair chart to inline SVG with vl-convert (no JavaScript, no CDN)."""
    from IPython.display import HTML

    return HTML(f'<div class="chart">{svg_text(chart)}</div>')


def svg_text(chart) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_json())


def note(text: str):
    """A short HTML paragraph with escaped text (for sentences built from data)."""
    from IPython.display import HTML

    return HTML(f"<p>{esc(text)}</p>")


def _theme(chart):
    return chart.configure(font=FONT).configure_view(strokeWidth=0).configure_axis(
        labelFontSize=11, titleFontSize=12).configure_title(fontSize=14, anchor="start").configure_legend(
        labelLimit=360, orient="bottom", direction="vertical")


def bar(df: pd.DataFrame, y: str, x: str, title: str, color: Optional[str] = None,
        height_per_row: int = 22, x_title: str = "金额（万元）"):
    """Horizontal bars, sorted as the DataFrame is."""
    df = df.copy()
    order = list(dict.fromkeys(df[y].tolist()))
    enc = {"y": alt.Y(f"{y}:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
           "x": alt.X(f"{x}:Q", title=x_title),
           "tooltip": [alt.Tooltip(f"{y}:N"), alt.Tooltip(f"{x}:Q", format=",.2f")]}
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=None, sort=sorted(df[color].dropna().unique().tolist()))
    n = max(1, len(order))
    ch = alt.Chart(df, title=title, width=CHART_WIDTH, height=max(60, n * height_per_row)).mark_bar().encode(**enc)
    return _theme(ch)


def grouped_bar(df: pd.DataFrame, y: str, x: str, group: str, title: str, x_title: str = "金额（万元）"):
    df = df.copy()
    order = list(dict.fromkeys(df[y].tolist()))
    groups = list(dict.fromkeys(df[group].tolist()))
    n = max(1, len(order))
    ch = alt.Chart(df, title=title, width=CHART_WIDTH, height=max(60, n * 16 * max(1, len(groups)))).mark_bar().encode(
        y=alt.Y(f"{y}:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        yOffset=alt.YOffset(f"{group}:N", sort=groups),
        x=alt.X(f"{x}:Q", title=x_title),
        color=alt.Color(f"{group}:N", title=None, sort=groups),
        tooltip=[alt.Tooltip(f"{y}:N"), alt.Tooltip(f"{group}:N"), alt.Tooltip(f"{x}:Q", format=",.2f")])
    return _theme(ch)


def empty_message(what: str):
    return note(f"本披露未提供可用于“{what}”的数据。 No data for this section.")


# ---------------------------------------------------------------------------
# department report
# ---------------------------------------------------------------------------
def header(d: Disclosure, base: Optional[str] = None) -> pd.DataFrame:
    """Source files with SHA-256 and page counts (paths relative to ``base`` when possible)."""
    rows = []
    for f in d.files:
        p = Path(f.path)
        shown = p.name
        rows.append({"文件 file": shown, "格式 format": f.format, "页数 pages": f.pages,
                     "SHA-256": f.sha256})
    return pd.DataFrame(rows).sort_values("文件 file", kind="stable")


def score_frame(result) -> pd.DataFrame:
    """Total score and its parts (from ``Score.to_dict()``: parts as a list, or a dict)."""
    s = getattr(result, "score", None)
    data = s.to_dict() if s is not None and hasattr(s, "to_dict") else {}
    rows = [{"项目 part": "总分 total", "权重 weight": None, "得分 score": fnum(data.get("total"))}]
    parts = data.get("parts") or []
    if isinstance(parts, dict):
        parts = [{"name": k, **(v if isinstance(v, dict) else {"score": v})} for k, v in sorted(parts.items())]
    for p in parts:
        name = " ".join(x for x in (p.get("label_zh"), p.get("label_en") or p.get("name")) if x)
        rows.append({"项目 part": name, "权重 weight": fnum(p.get("weight")), "得分 score": fnum(p.get("score"))})
    return pd.DataFrame(rows, columns=["项目 part", "权重 weight", "得分 score"])


def counts_frame(result) -> pd.DataFrame:
    c = result.counts()
    return pd.DataFrame([{"严重程度 severity": SEVERITY_ZH.get(k, k), "数量 count": int(c.get(k, 0))}
                         for k in ("error", "warning", "info")])


def _narrative_text(d: Disclosure) -> str:
    return "\n".join(n.text for n in d.narrative)


def presence(d: Disclosure) -> dict:
    """item id -> (present: bool, where: str)."""
    text = _narrative_text(d)
    out = {}
    for rid, name, kinds, words in REQUIRED_ITEMS:
        tables = [t for t in d.tables if t.kind in kinds]
        where = ""
        ok = False
        if tables:
            t = tables[0]
            ok = True
            where = f"{t.id} 第{','.join(map(str, t.pages))}页" + ("（空表）" if not t.rows else "")
        if not ok and words:
            for n in d.narrative:
                if any(w in n.text for w in words):
                    ok, where = True, f"情况说明 第{n.page}页"
                    break
        if not ok and words and any(w in text for w in words):
            ok, where = True, "情况说明"
        out[rid] = (ok, where)
    return out


def completeness(d: Disclosure, result=None) -> pd.DataFrame:
    pres = presence(d)
    rows = []
    for rid, name, kinds, words in REQUIRED_ITEMS:
        ok, where = pres[rid]
        rows.append({"编号 id": rid, "公开事项 item": name, "是否公开 present": "✔ 有" if ok else "✘ 未见",
                     "位置 where": where})
    return pd.DataFrame(rows)


FINDING_COLUMNS = {"severity": "严重程度 severity", "check": "检查 check", "page": "页 page",
                   "table": "表 table", "code": "科目 code", "item": "项目 item",
                   "expected": "应为 expected", "actual": "实际 actual", "difference": "差额 difference",
                   "message": "说明 message"}


def findings_frame(result, prefix: Optional[str] = None) -> pd.DataFrame:
    df = result.frame() if result is not None else pd.DataFrame(columns=list(FINDING_COLUMNS))
    if prefix:
        df = df[df["check"].astype(str).str.startswith(prefix)]
    df = df.copy()
    order = {"error": 0, "warning": 1, "info": 2}
    df["_o"] = df["severity"].map(order).fillna(9) if len(df) else []
    df = df.sort_values(["_o", "check", "page", "item"], kind="stable", na_position="last")
    df["severity"] = df["severity"].map(lambda s: SEVERITY_ZH.get(s, s))
    if "table_id" in df.columns:   # the short id (t03) points into the appendix; the kind is long
        df["table"] = [tid or kind for tid, kind in zip(df["table_id"].fillna(""), df["table"].fillna(""))]
    for k in ("expected", "actual", "difference"):
        df[k] = df[k].map(fnum)
    df["page"] = df["page"].map(lambda p: None if p is None or p != p else int(p))
    df["page"] = df["page"].astype("Int64")
    return df[list(FINDING_COLUMNS)].rename(columns=FINDING_COLUMNS)


def _total_row(t: Table):
    tot = [r for r in t.rows if r.is_total]
    return tot[0] if tot else None


def income_by_source(d: Disclosure) -> pd.DataFrame:
    """部门收入总表 total row, one row per income source column (excluding the total)."""
    t = d.table("department_income")
    rows = []
    if t is not None and (r := _total_row(t)) is not None:
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
        t = d.table(kind)
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
    figs = compute_figures(d)
    rows = []
    for name, label in (("basic_expenditure", "基本支出 basic"), ("project_expenditure", "项目支出 project")):
        f = figs[name]
        if f.value is not None:
            rows.append({"类别 part": label, "金额 万元": fnum(f.value), "来源 source": _src(f)})
    df = pd.DataFrame(rows, columns=["类别 part", "金额 万元", "来源 source"])
    tot = df["金额 万元"].sum() if len(df) else 0
    df["占比 share %"] = [round(v / tot * 100, 1) if tot else None for v in df["金额 万元"]]
    return df


def _src(f) -> str:
    if not f.source:
        return ""
    if f.source == "narrative":
        return f"情况说明 第{f.page}页"
    return f"{f.table} 第{f.page}页"


def personnel_vs_public(d: Disclosure) -> pd.DataFrame:
    rows = []
    for kind in ("general_budget_basic_expenditure", "fiscal_basic_expenditure"):
        t = d.table(kind)
        if t is None or (r := _total_row(t)) is None:
            continue
        for key, label in (("personnel", "人员经费 personnel"), ("public", "公用经费 public")):
            if key in r.amounts:
                rows.append({"类别 part": label, "金额 万元": fnum(r.amounts[key]),
                             "来源 source": f"{t.id} 第{r.page}页"})
        break
    df = pd.DataFrame(rows, columns=["类别 part", "金额 万元", "来源 source"])
    tot = df["金额 万元"].sum() if len(df) else 0
    df["占比 share %"] = [round(v / tot * 100, 1) if tot else None for v in df["金额 万元"]]
    return df


THREE_PUBLIC_ITEMS = [("three_public", "“三公”经费合计"), ("overseas", "因公出国（境）费"),
                      ("vehicle_purchase", "公务用车购置费"), ("vehicle_operation", "公务用车运行维护费"),
                      ("reception", "公务接待费"), ("meeting", "会议费"), ("training", "培训费")]


def three_public(d: Disclosure) -> pd.DataFrame:
    """三公 items of the budget year against the prior-year columns the table prints."""
    t = d.table("three_public")
    rows = []
    if t is not None and t.rows:
        r = _total_row(t) or t.rows[0]
        keys = t.column_keys()
        for key, label in THREE_PUBLIC_ITEMS:
            k = key
            if key == "three_public" and "three_public" not in keys:
                k = "total"
            if k not in keys and f"prior_{k}" not in keys:
                continue
            cur, prior = fnum(r.amounts.get(k)), fnum(r.amounts.get(f"prior_{k}"))
            change = None if cur is None or prior is None else round(cur - prior, 2)
            pct = None if change is None or not prior else round(change / prior * 100, 1)
            rows.append({"项目 item": label, "本年 budget year": cur, "上年 prior year": prior,
                         "增减 change": change, "增减率 % change": pct})
    return pd.DataFrame(rows, columns=["项目 item", "本年 budget year", "上年 prior year", "增减 change",
                                       "增减率 % change"])


def three_public_long(df: pd.DataFrame, year: Optional[int]) -> pd.DataFrame:
    y = f"{year}年" if year else "本年"
    p = f"{year - 1}年" if year else "上年"
    out = []
    for _, r in df.iterrows():
        if r["项目 item"] == "“三公”经费合计":
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
    if not rows:
        t = d.table("project_expenditure")
        if t is not None:
            for r in t.rows:
                if r.is_total or not r.code:
                    continue
                v = fnum(r.amounts.get("total"))
                if v is None:
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


def tables_index(d: Disclosure) -> pd.DataFrame:
    return pd.DataFrame([{"编号 id": t.id, "类型 kind": t.kind, "标题 title": t.title, "表号 label": t.label,
                          "单位 unit": t.unit, "页 pages": ",".join(map(str, t.pages)), "行数 rows": len(t.rows)}
                         for t in d.tables],
                        columns=["编号 id", "类型 kind", "标题 title", "表号 label", "单位 unit", "页 pages", "行数 rows"])


def table_frame(t: Table) -> pd.DataFrame:
    """A parsed table as printed: code, name, then one column per amount column (万元)."""
    cols = []
    for c in t.columns:
        lab = c.label or c.key
        while lab in cols:
            lab += "′"
        cols.append(lab)
    out = []
    for r in t.rows:
        row = {"科目 code": r.code or "", "名称 name": r.name}
        if any(r.section for r in t.rows):
            row["部分 section"] = r.section or ""
        for c, lab in zip(t.columns, cols):
            v = r.amounts.get(c.key)
            row[lab] = fnum(v) if v is not None else None
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
# comparison report
# ---------------------------------------------------------------------------
FIGURE_LABELS = {
    "total_income": "收入总计", "total_expenditure": "支出总计", "basic_expenditure": "基本支出",
    "project_expenditure": "项目支出", "three_public_total": "“三公”经费", "operating_costs": "机关运行经费",
}


def label(d: Disclosure) -> str:
    return f"{d.department} {d.year or ''}".strip()


def totals(disclosures: list) -> pd.DataFrame:
    rows = []
    for d in disclosures:
        figs = compute_figures(d)
        row = {"部门 department": d.department, "年度 year": d.year}
        for k, lab in FIGURE_LABELS.items():
            row[lab] = fnum(figs[k].value)
        rows.append(row)
    return pd.DataFrame(rows, columns=["部门 department", "年度 year", *FIGURE_LABELS.values()])


def composition_long(disclosures: list) -> pd.DataFrame:
    rows = []
    for d in disclosures:
        figs = compute_figures(d)
        for k, lab in (("basic_expenditure", "基本支出"), ("project_expenditure", "项目支出")):
            v = fnum(figs[k].value)
            if v is not None:
                rows.append({"披露": label(d), "类别": lab, "金额": v})
    return pd.DataFrame(rows, columns=["披露", "类别", "金额"])


def _prior_total(d: Disclosure, table_kinds=("general_budget_expenditure", "fiscal_expenditure",
                                              "department_expenditure")) -> Optional[float]:
    for kind in table_kinds:
        t = d.table(kind)
        if t is not None and "prior_total" in t.column_keys() and (r := _total_row(t)) is not None:
            return fnum(r.amounts.get("prior_total"))
    return None


def growth(disclosures: list) -> pd.DataFrame:
    """Year-on-year growth of the headline figures within each department.

    A department seen in one year only is compared with the prior-year columns its own
    tables print (一般公共预算支出 and “三公”经费)."""
    rows = []
    by_dept: dict = {}
    for d in disclosures:
        by_dept.setdefault(d.department, []).append(d)
    for dept in sorted(by_dept):
        ds = sorted(by_dept[dept], key=lambda x: x.year or 0)
        if len(ds) >= 2:
            for a, b in zip(ds, ds[1:]):
                fa, fb = compute_figures(a), compute_figures(b)
                for k, lab in FIGURE_LABELS.items():
                    va, vb = fnum(fa[k].value), fnum(fb[k].value)
                    rows.append(_growth_row(dept, f"{a.year}→{b.year}", lab, va, vb, "两份披露 two disclosures"))
        else:
            d = ds[0]
            y = f"{(d.year or 1) - 1}→{d.year}" if d.year else "上年→本年"
            gb = d.table("general_budget_expenditure") or d.table("fiscal_expenditure")
            if gb is not None and (r := _total_row(gb)) is not None and "prior_total" in gb.column_keys():
                rows.append(_growth_row(dept, y, "一般公共预算支出", fnum(r.amounts.get("prior_total")),
                                        fnum(r.amounts.get("total")), f"{gb.id} 上年列 prior-year column"))
            tp = three_public(d)
            for _, r in tp.iterrows():
                rows.append(_growth_row(dept, y, r["项目 item"], r["上年 prior year"], r["本年 budget year"],
                                        "“三公”经费表上年列 prior-year column"))
    return pd.DataFrame(rows, columns=["部门 department", "期间 period", "指标 figure", "上期 before",
                                       "本期 after", "增减 change", "增长率 growth %", "依据 basis"])


def _growth_row(dept, period, lab, va, vb, basis):
    ch = None if va is None or vb is None else round(vb - va, 2)
    pct = None if ch is None or not va else round(ch / va * 100, 1)
    return {"部门 department": dept, "期间 period": period, "指标 figure": lab, "上期 before": va,
            "本期 after": vb, "增减 change": ch, "增长率 growth %": pct, "依据 basis": basis}


def per_staff(disclosures: list) -> pd.DataFrame:
    """三公 and 机关运行经费 per authorised staff (编制人数, claim ``staff_authorized``)."""
    rows = []
    for d in disclosures:
        staff = next((c for c in d.claims if c.metric == "staff_authorized" and c.value), None)
        figs = compute_figures(d)
        tp, oc = fnum(figs["three_public_total"].value), fnum(figs["operating_costs"].value)
        n = fnum(staff.value) if staff else None
        rows.append({"部门 department": d.department, "年度 year": d.year, "编制人数 staff": n,
                     "“三公”经费 万元": tp, "人均“三公” 万元/人": round(tp / n, 2) if tp is not None and n else None,
                     "机关运行经费 万元": oc, "人均运行经费 万元/人": round(oc / n, 2) if oc is not None and n else None})
    return pd.DataFrame(rows)


def scores(disclosures: list, results: list) -> pd.DataFrame:
    rows = []
    for d, res in zip(disclosures, results):
        c = res.counts()
        rows.append({"部门 department": d.department, "年度 year": d.year,
                     "得分 score": fnum(getattr(res.score, "total", None)),
                     "错误 errors": c.get("error", 0), "警告 warnings": c.get("warning", 0),
                     "提示 info": c.get("info", 0)})
    return pd.DataFrame(rows, columns=["部门 department", "年度 year", "得分 score", "错误 errors",
                                       "警告 warnings", "提示 info"])


def findings_by_check(disclosures: list, results: list) -> pd.DataFrame:
    rows = []
    for d, res in zip(disclosures, results):
        for f in res.findings:
            rows.append({"披露 disclosure": label(d), "检查 check": f.check})
    df = pd.DataFrame(rows, columns=["披露 disclosure", "检查 check"])
    if df.empty:
        return pd.DataFrame(columns=["检查 check"])
    m = df.pivot_table(index="检查 check", columns="披露 disclosure", aggfunc="size", fill_value=0)
    return m.reset_index().sort_values("检查 check", kind="stable")


def presence_matrix(disclosures: list) -> pd.DataFrame:
    rows = []
    for rid, name, _k, _w in REQUIRED_ITEMS:
        row = {"编号 id": rid, "公开事项 item": name}
        for d in disclosures:
            row[label(d)] = "✔" if presence(d)[rid][0] else "✘"
        rows.append(row)
    return pd.DataFrame(rows)


def across_findings(disclosures: list, results: list) -> pd.DataFrame:
    frames = []
    for d, res in zip(disclosures, results):
        f = findings_frame(res, prefix="across_documents.")
        f.insert(0, "披露 disclosure", label(d))
        frames.append(f)
    if not frames:
        return pd.DataFrame(columns=["披露 disclosure", *FINDING_COLUMNS.values()])
    return pd.concat(frames, ignore_index=True)
