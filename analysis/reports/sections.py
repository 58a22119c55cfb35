"""Building blocks of the report notebooks: DataFrames, pandas Stylers and altair charts.

The notebooks stay thin: every number they show is computed here, so the same code is
tested once and reused by ``department_audit.ipynb`` and ``comparison.ipynb``.
Outputs are deterministic (sorted rows, fixed chart sizes, fixed Styler and table ids) so
that the committed notebooks can be checked with nbval.

The notebooks read a processed folder (``model.json``, written once by ``audit --out`` or
``report``): they never parse a PDF and never re-run the checks.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Optional
from urllib.parse import quote

import altair as alt
import pandas as pd

from ..figures import compute_figures
from ..model import Disclosure, Table
from ..store import Processed, load_many, load_processed

SEVERITY_ZH = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
CHART_WIDTH = 560
LABEL_WRAP = 16          # characters per line of a chart label (long labels wrap, never clip)
FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto",
             "/usr/share/fonts/opentype/source-han-sans", "/System/Library/Fonts", "C:/Windows/Fonts")
READING_FAMILY = "reading"   # reading problems of the tool, never errors of the disclosure

# Why a figure is missing: the table is there but the tool could not read it, or the
# disclosure does not provide it.
NOT_READ = "本工具未能识别"
NOT_PROVIDED = "本披露未提供"

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
# A 决算 publishes its own nine tables (F01–F09 of disclosure_rules.csv) and the same explanations.
FINAL_REQUIRED_ITEMS = [
    ("F01", "收入支出决算总表", ("final_summary",), ()),
    ("F02", "收入决算表", ("final_income",), ()),
    ("F03", "支出决算表", ("final_expenditure",), ()),
    ("F04", "财政拨款收入支出决算总表", ("final_fiscal_summary",), ()),
    ("F05", "一般公共预算财政拨款支出决算表", ("final_general_budget_expenditure",), ()),
    ("F06", "一般公共预算财政拨款基本支出决算表", ("final_general_budget_basic_expenditure",), ()),
    ("F07", "财政拨款“三公”经费支出决算表", ("final_three_public",), ()),
    ("F08", "政府性基金预算财政拨款收入支出决算表", ("final_government_fund",), ()),
    ("F09", "国有资本经营预算财政拨款支出决算表", ("final_state_capital",), ()),
] + [item for item in REQUIRED_ITEMS if item[0].startswith("E")]


def required_items(d: Disclosure) -> list:
    """The items a disclosure of its kind must publish."""
    return FINAL_REQUIRED_ITEMS if d.kind == "final" else REQUIRED_ITEMS


# ---------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------
@dataclass
class Report:
    """What a department report shows: a processed disclosure, its audit, and where its
    files are relative to the page (``base``: the processed folder as the notebook names it)."""
    disclosure: Disclosure
    result: object
    base: str
    sources: dict = field(default_factory=dict)   # source file name -> href of its copy

    @property
    def d(self) -> Disclosure:
        return self.disclosure


def _href(path) -> str:
    return quote(Path(path).as_posix(), safe="/.-_~:")


def department(processed) -> Report:
    """The report data of one processed disclosure folder (``processed`` as the notebook
    names it, relative to the page being rendered)."""
    p: Processed = load_processed(processed)
    if p.result is None:
        raise ValueError(f"{processed}: not audited (run `budget-audit audit PATH --out DIR`)")
    return Report(p.disclosure, p.result, str(processed),
                  {name: _href(copy) for name, copy in p.sources.items()})


def comparison(processed) -> tuple:
    """(disclosures, results) of processed folders (a folder of them, or a list)."""
    ps = load_many(processed)
    missing = [str(p.path) for p in ps if p.result is None]
    if missing:
        raise ValueError(f"not audited: {', '.join(missing)}")
    return [p.disclosure for p in ps], [p.result for p in ps]


def load(paths: Iterable[str], department: Optional[str] = None, year: Optional[int] = None):
    """Parse and audit ``paths``; return (disclosures, results, errors), sorted by department, year.

    For scripts and tests; the report notebooks read processed folders instead (``department``,
    ``comparison``). With ``department``/``year`` given, only matching disclosures are kept (the
    audit still sees the whole batch, so cross-document checks work).
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


def quiet() -> None:
    """No library warnings in a report (they are for developers, not for readers)."""
    import warnings

    warnings.filterwarnings("ignore")


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


_FONTS_REGISTERED = False


def register_fonts() -> None:
    """Let vl-convert measure labels with the CJK fonts the browser will draw them with."""
    global _FONTS_REGISTERED
    if _FONTS_REGISTERED:
        return
    import vl_convert as vlc

    for d in FONT_DIRS:
        if Path(d).is_dir():
            try:
                vlc.register_font_directory(d)
            except Exception:  # noqa: BLE001 - a font folder vl-convert cannot read is skipped
                pass
    _FONTS_REGISTERED = True


def svg_text(chart) -> str:
    import vl_convert as vlc

    register_fonts()
    return vlc.vegalite_to_svg(chart.to_json())


def wrap(text, width: int = LABEL_WRAP) -> str:
    """A chart label on lines of at most ``width`` characters (joined by newlines)."""
    t = "" if text is None else str(text)
    return "\n".join(t[i:i + width] for i in range(0, len(t), width)) or t


_SPLIT = "split(datum.label, '\\n')"


def note(text: str):
    """A short HTML paragraph with escaped text (for sentences built from data)."""
    from IPython.display import HTML

    return HTML(f"<p>{esc(text)}</p>")


def _theme(chart):
    return chart.configure(font=FONT, padding=8).configure_view(strokeWidth=0).configure_axis(
        labelFontSize=11, titleFontSize=12, labelLimit=0).configure_title(
        fontSize=14, anchor="start", limit=0).configure_legend(labelLimit=0, orient="bottom", direction="vertical")


def bar(df: pd.DataFrame, y: str, x: str, title: str, color: Optional[str] = None,
        height_per_row: int = 22, x_title: str = "金额（万元）"):
    """Horizontal bars, sorted as the DataFrame is."""
    df = df.copy()
    df[y] = df[y].map(wrap)
    order = list(dict.fromkeys(df[y].tolist()))
    lines = max([str(v).count("\n") + 1 for v in order] or [1])
    enc = {"y": alt.Y(f"{y}:N", sort=order, title=None, axis=alt.Axis(labelLimit=0, labelExpr=_SPLIT)),
           "x": alt.X(f"{x}:Q", title=x_title),
           "tooltip": [alt.Tooltip(f"{y}:N"), alt.Tooltip(f"{x}:Q", format=",.2f")]}
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=None, sort=sorted(df[color].dropna().unique().tolist()))
    n = max(1, len(order))
    per_row = max(height_per_row, 13 * lines + 6)
    ch = alt.Chart(df, title=title, width=CHART_WIDTH, height=max(60, n * per_row)).mark_bar().encode(**enc)
    return _theme(ch)


def grouped_bar(df: pd.DataFrame, y: str, x: str, group: str, title: str, x_title: str = "金额（万元）"):
    df = df.copy()
    df[y] = df[y].map(wrap)
    order = list(dict.fromkeys(df[y].tolist()))
    groups = list(dict.fromkeys(df[group].tolist()))
    n = max(1, len(order))
    lines = max([str(v).count("\n") + 1 for v in order] or [1])
    per_row = max(16 * max(1, len(groups)), 13 * lines + 6)
    ch = alt.Chart(df, title=title, width=CHART_WIDTH, height=max(60, n * per_row)).mark_bar().encode(
        y=alt.Y(f"{y}:N", sort=order, title=None, axis=alt.Axis(labelLimit=0, labelExpr=_SPLIT)),
        yOffset=alt.YOffset(f"{group}:N", sort=groups),
        x=alt.X(f"{x}:Q", title=x_title),
        color=alt.Color(f"{group}:N", title=None, sort=groups),
        tooltip=[alt.Tooltip(f"{y}:N"), alt.Tooltip(f"{group}:N"), alt.Tooltip(f"{x}:Q", format=",.2f")])
    return _theme(ch)


def empty_message(what: str, status: str = "absent"):
    """Why a section has nothing to show: the tool could not read the table (``unreadable``)
    or the disclosure does not provide it (``absent``)."""
    if status == "unreadable":
        return note(f"{NOT_READ}：本披露有“{what}”所需的表格，但本工具未能可靠读取，数字不予展示（见“读取问题”）。"
                    " The tool could not read the table this section needs.")
    return note(f"{NOT_PROVIDED}：本披露未提供可用于“{what}”的表格或数据。 Not disclosed.")


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


def section_status(d: Disclosure, what: str) -> str:
    """"ok", "unreadable" or "absent" for a report section (``SECTION_TABLES``)."""
    states = [availability(d, k)[0] for k in SECTION_TABLES[what]]
    for s in ("ok", "unreadable"):
        if s in states:
            return s
    return "absent"


def missing(d: Disclosure, what: str):
    """The note shown in place of an empty section, saying why it is empty."""
    status = section_status(d, what)
    if status == "ok":
        return note(f"本披露的相关表格中没有可用于“{what}”的非零数字。 Nothing to show: the table holds no such figures.")
    return empty_message(what, status)


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


def readable_table(d: Disclosure, kind: str) -> Optional[Table]:
    """The first table of ``kind`` whose figures may be used (``Table.readable``)."""
    return next((t for t in d.tables_of(kind) if t.readable), None)


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
    """Total score and its parts, with the weights exactly as the score uses them."""
    s = getattr(result, "score", None)
    data = s.to_dict() if s is not None and hasattr(s, "to_dict") else {}
    parts = data.get("parts") or []
    if isinstance(parts, dict):
        parts = [{"name": k, **(v if isinstance(v, dict) else {"score": v})} for k, v in sorted(parts.items())]
    total_w = sum(float(p.get("weight") or 0) for p in parts)
    rows = [{"项目 part": "总分 total", "权重 weight": f"{total_w:.0%}" if parts else "",
             "得分 score": fnum(data.get("total"))}]
    for p in parts:
        name = " ".join(x for x in (p.get("label_zh"), p.get("label_en") or p.get("name")) if x)
        w = p.get("weight")
        rows.append({"项目 part": name, "权重 weight": "" if w is None else weight_text(w),
                     "得分 score": fnum(p.get("score"))})
    return pd.DataFrame(rows, columns=["项目 part", "权重 weight", "得分 score"])


def weight_text(w) -> str:
    """A weight as a percentage, exact (0.35 -> "35%", 0.125 -> "12.5%")."""
    pct = Decimal(str(w)) * 100
    return f"{pct.normalize():f}%"


def counts_frame(result) -> pd.DataFrame:
    c = counts(result)
    rows = [{"严重程度 severity": SEVERITY_ZH.get(k, k), "数量 count": int(c.get(k, 0))}
            for k in ("error", "warning", "info")]
    rows.append({"严重程度 severity": "读取问题 reading", "数量 count": int(c.get("reading", 0))})
    return pd.DataFrame(rows)


def downloads(rep: "Report") -> str:
    """HTML links to the CSV files beside the report (tidy tables and findings)."""
    items = [("findings.csv", "审计发现 findings"), ("tables.csv", "表格目录 tables"), ("rows.csv", "表格行 rows"),
             ("amounts.csv", "金额 amounts（万元）"), ("claims.csv", "说明中的数字 claims"),
             ("indicators.csv", "绩效指标 indicators")]
    base = Path(rep.base)
    links = [f'<a href="{esc(_href(base / n))}" download>{esc(lab)}</a>' for n, lab in items
             if (base / n).is_file()]
    if not links:
        return ""
    return "<p>下载 CSV downloads：" + " · ".join(links) + "</p>"


def source_files(rep: "Report") -> pd.DataFrame:
    """Source files with SHA-256 and page counts, linked to their copies beside the report."""
    rows = []
    for f in sorted(rep.d.files, key=lambda f: Path(f.path).name):
        name = Path(f.path).name
        href = rep.sources.get(name)
        rows.append({"文件 file": f'<a href="{esc(href)}">{esc(name)}</a>' if href else esc(name),
                     "格式 format": esc(f.format), "页数 pages": f.pages, "SHA-256": esc(f.sha256)})
    return pd.DataFrame(rows, columns=["文件 file", "格式 format", "页数 pages", "SHA-256"])


def html_table(df: pd.DataFrame, uid: str, caption: str = ""):
    """A static table whose cells are already escaped HTML (links)."""
    from IPython.display import HTML

    st = styler(df, uid, caption).format(escape=None, na_rep="—")
    return HTML(st.to_html())


def _narrative_text(d: Disclosure) -> str:
    return "\n".join(n.text for n in d.narrative)


def presence(d: Disclosure) -> dict:
    """item id -> (present: bool, where: str)."""
    text = _narrative_text(d)
    out = {}
    for rid, name, kinds, words in required_items(d):
        tables = [t for t in d.tables if t.kind in kinds]
        where = ""
        ok = False
        if tables:
            t = tables[0]
            ok = True
            where = f"{t.id} 第{','.join(map(str, t.pages))}页" + (
                "（本工具未能可靠读取）" if not t.readable else "（空表）" if not t.rows else "")
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
    for rid, name, kinds, words in required_items(d):
        ok, where = pres[rid]
        rows.append({"编号 id": rid, "公开事项 item": name, "是否公开 present": "✔ 有" if ok else "✘ 未见",
                     "位置 where": where})
    return pd.DataFrame(rows)


FINDING_COLUMNS = {"severity": "严重程度 severity", "check": "检查 check", "where": "出处 source",
                   "table": "表 table", "code": "科目 code", "item": "项目 item",
                   "expected": "应为 expected", "actual": "实际 actual", "difference": "差额 difference",
                   "message": "说明 message"}


def check_titles() -> dict:
    """check id -> Chinese title (every registered check)."""
    from ..checks import iter_checks

    return {c.id: c.title_zh for c in iter_checks()}


def check_name(check_id: str, titles: Optional[dict] = None) -> str:
    titles = check_titles() if titles is None else titles
    return titles.get(check_id) or check_id


def is_reading(f) -> bool:
    return str(getattr(f, "check", "")).split(".")[0] == READING_FAMILY


def disclosure_findings(result) -> list:
    """Findings about the disclosure (reading problems of the tool left out)."""
    return [f for f in getattr(result, "findings", []) if not is_reading(f)]


def reading_findings(result) -> list:
    return [f for f in getattr(result, "findings", []) if is_reading(f)]


def counts(result) -> dict:
    """Findings about the disclosure by severity, and the number of reading problems."""
    out = {"error": 0, "warning": 0, "info": 0}
    for f in disclosure_findings(result):
        out[f.severity] = out.get(f.severity, 0) + 1
    out["reading"] = len(reading_findings(result)) + len(getattr(getattr(result, "disclosure", None), "problems", []) or [])
    return out


def _sorted(findings: list) -> list:
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.check, f.page or 0,
                                           f.table_id or "", f.item or ""))


def source_cell(file: str, page, sources: Optional[dict] = None, link: bool = True) -> str:
    """'文件.pdf 第N页' as HTML, linked to ``copy#page=N`` when a copy of the file is at hand."""
    name = Path(file).name if file else ""
    text = " ".join(x for x in (name, f"第{int(page)}页" if page else "") if x)
    href = (sources or {}).get(name)
    if link and href:
        frag = f"#page={int(page)}" if page else ""
        return f'<a href="{esc(href + frag)}" target="_blank">{esc(text)}</a>'
    return esc(text)


def findings_frame(result, prefix: Optional[str] = None, sources: Optional[dict] = None,
                   html_cells: bool = False) -> pd.DataFrame:
    """Findings about the disclosure, sorted by severity then check: Chinese check names,
    file and page (a link to the page when ``sources`` has a copy of the file). With
    ``html_cells`` every text cell is escaped HTML (for the interactive table)."""
    titles = check_titles()
    rows = []
    fs = _sorted(disclosure_findings(result)) if result is not None else []
    for f in fs:
        if prefix and not f.check.startswith(prefix):
            continue
        e = esc if html_cells else (lambda v: "" if v is None else str(v))
        rows.append({
            "severity": e(SEVERITY_ZH.get(f.severity, f.severity)),
            "check": e(check_name(f.check, titles)) + (f"<br><small>{esc(f.check)}</small>" if html_cells else ""),
            "where": source_cell(f.file, f.page, sources, link=html_cells) if html_cells else
            " ".join(x for x in (Path(f.file).name if f.file else "", f"第{f.page}页" if f.page else "") if x),
            "table": e(f.table_id or f.table or ""), "code": e(f.code or ""), "item": e(f.item or ""),
            "expected": fnum(f.expected), "actual": fnum(f.actual), "difference": fnum(f.difference),
            "message": e(f.message)})
    df = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    return df.rename(columns=FINDING_COLUMNS)


EXAMPLE_CHARS = 160


def summary_frame(result) -> pd.DataFrame:
    """The findings that matter first: one row per check, in Chinese, errors before warnings,
    with the number of findings and the first one as an example."""
    titles = check_titles()
    groups: dict = {}
    for f in _sorted(disclosure_findings(result)):
        g = groups.setdefault(f.check, {"error": 0, "warning": 0, "info": 0, "first": f})
        g[f.severity] = g.get(f.severity, 0) + 1
    rows = []
    for cid, g in groups.items():
        first = g["first"]
        example = first.message if len(first.message) <= EXAMPLE_CHARS else first.message[:EXAMPLE_CHARS] + "…"
        rows.append({"检查 check": check_name(cid, titles), "编号 id": cid,
                     "错误 errors": g["error"], "警告 warnings": g["warning"], "提示 info": g["info"],
                     "例 example": example})
    df = pd.DataFrame(rows, columns=["检查 check", "编号 id", "错误 errors", "警告 warnings", "提示 info",
                                     "例 example"])
    return df.sort_values(["错误 errors", "警告 warnings", "提示 info", "编号 id"],
                          ascending=[False, False, False, True], kind="stable")


def reading_frame(rep: "Report") -> pd.DataFrame:
    """Reading problems of the tool (``reading.*`` findings, and what the parser could not read):
    never errors of the disclosure."""
    titles = check_titles()
    rows = []
    for f in _sorted(reading_findings(rep.result)):
        rows.append({"类型 what": check_name(f.check, titles), "出处 source": source_cell(f.file, f.page, rep.sources),
                     "表 table": esc(f.table_id or f.table or ""), "说明 detail": esc(f.message)})
    for p in sorted(rep.d.problems, key=lambda p: (p.file, p.page, p.what)):
        rows.append({"类型 what": esc(PROBLEM_ZH.get(p.what, p.what)), "出处 source": source_cell(p.file, p.page, rep.sources),
                     "表 table": "", "说明 detail": esc(p.detail + (f"：{p.raw}" if p.raw else ""))})
    return pd.DataFrame(rows, columns=["类型 what", "出处 source", "表 table", "说明 detail"])


PROBLEM_ZH = {"unreadable_row": "无法读取的行", "unknown_table": "未识别的表", "unmatched_cells": "未对齐的单元格",
              "table_failed": "表格读取失败"}


def interactive(df: pd.DataFrame, uid: str, caption: str = "", page_length: int = 25, html: bool = True):
    """A sortable, filterable table that works offline (itables, embedded JavaScript).
    Cells must already be escaped HTML when ``html`` is true."""
    from IPython.display import HTML
    from itables import to_html_datatable

    table_id = "itables_" + re.sub(r"[^0-9A-Za-z_]", "_", uid)
    body = to_html_datatable(df.reset_index(drop=True), caption=caption or None, table_id=table_id,
                             connected=False, allow_html=html, maxBytes=0, showIndex=False,
                             classes="display compact cell-border", pageLength=page_length,
                             lengthMenu=[10, 25, 100, -1], autoWidth=False,
                             style="table-layout:auto;width:100%;margin:0;caption-side:top",
                             columnDefs=[{"className": "dt-left", "targets": "_all"}])
    return HTML(body)


def init_interactive():
    """Load the interactive-table library into the page, offline (run once, first)."""
    from itables import init_notebook_mode

    init_notebook_mode(all_interactive=False, connected=False)


def _total_row(t: Table):
    tot = [r for r in t.rows if r.is_total]
    return tot[0] if tot else None


def income_by_source(d: Disclosure) -> pd.DataFrame:
    """部门收入总表 total row, one row per income source column (excluding the total)."""
    t = readable_table(d, "department_income")
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
        t = readable_table(d, kind)
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
    t = readable_table(d, "three_public")
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
        t = readable_table(d, "project_expenditure")
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


COLUMN_ZH = {"total": "合计", "basic": "基本支出", "project": "项目支出", "personnel": "人员经费",
             "public": "公用经费", "prior_total": "上年合计", "three_public": "“三公”经费",
             "overseas": "因公出国（境）费", "vehicle_total": "公务用车购置及运行费", "vehicle_purchase": "公务用车购置费",
             "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费", "meeting": "会议费", "training": "培训费",
             "general_budget": "一般公共预算", "government_fund": "政府性基金预算", "state_capital": "国有资本经营预算",
             "operating_costs": "机关运行经费", "business": "事业收入", "operating": "事业单位经营收入", "other": "其他收入",
             "carry_forward": "结转", "reserve": "预留机动经费"}
SECTION_ZH = {"income": "收入", "expenditure": "支出", "expenditure_purpose": "支出（按用途）"}
_SIDE = re.compile(r"^([a-z_]+):(.*)$", re.S)


def column_heading(key: str, label: str) -> tuple:
    """(side, Chinese heading) of a column: two-sided tables print an income side and an
    expenditure side, each with its own columns (labels ``income:…`` / ``expenditure:…``)."""
    m = _SIDE.match(label or "")
    side, text = (m.group(1), m.group(2)) if m else (None, label or "")
    if not text:
        base = key.removeprefix("prior_")
        text = ("上年" if key.startswith("prior_") else "") + COLUMN_ZH.get(base, key)
    return side, text


def table_frame(t: Table) -> pd.DataFrame:
    """A parsed table as printed: code, name, then one column per amount column (万元), each
    with its own values and its printed (Chinese) heading. In a two-sided table a row shows
    amounts only in the columns of its own side."""
    heads, cols = [], []
    for c in t.columns:
        side, text = column_heading(c.key, c.label)
        if side and not text.startswith(SECTION_ZH.get(side, side)[:2]):
            text = f"{SECTION_ZH.get(side, side)}：{text}"
        while text in heads:
            text += "′"
        heads.append(text)
        cols.append((c.key, side, text))
    two_sided = any(side for _k, side, _t in cols)
    out = []
    for r in t.rows:
        row = {"科目 code": r.code or "", "名称 name": r.name}
        if any(x.section for x in t.rows):
            row["部分 section"] = SECTION_ZH.get(r.section or "", r.section or "")
        for key, side, text in cols:
            if two_sided and side and r.section and side != r.section:
                row[text] = None
                continue
            v = r.amounts.get(key)
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
# comparison report
# ---------------------------------------------------------------------------
FIGURE_LABELS = {
    "total_income": "收入总计", "total_expenditure": "支出总计", "basic_expenditure": "基本支出",
    "project_expenditure": "项目支出", "three_public_total": "“三公”经费", "operating_costs": "机关运行经费",
}


KIND_ZH = {"budget": "预算", "final": "决算"}
SCOPE_ZH = {"department": "部门", "unit": "单位"}


def document_name(d: Disclosure) -> str:
    """部门预算 / 单位预算 / 部门决算 …"""
    return SCOPE_ZH.get(d.scope, d.scope) + KIND_ZH.get(d.kind, d.kind)


def label(d: Disclosure) -> str:
    base = f"{d.department} {d.year or ''}".strip()
    if d.kind != "budget" or d.scope != "department":
        base += f" {document_name(d)}"
    return base


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
        t = readable_table(d, kind)
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
            gb = readable_table(d, "general_budget_expenditure") or readable_table(d, "fiscal_expenditure")
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
        c = counts(res)
        rows.append({"部门 department": d.department, "年度 year": d.year,
                     "得分 score": fnum(getattr(res.score, "total", None)),
                     "错误 errors": c.get("error", 0), "警告 warnings": c.get("warning", 0),
                     "提示 info": c.get("info", 0), "读取问题 reading": c.get("reading", 0)})
    return pd.DataFrame(rows, columns=["部门 department", "年度 year", "得分 score", "错误 errors",
                                       "警告 warnings", "提示 info", "读取问题 reading"])


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


def presence_matrix(disclosures: list) -> pd.DataFrame:
    items: dict = {}
    for d in disclosures:   # budgets' items, then a 决算's own: "—" where an item is not required
        for rid, name, _k, _w in required_items(d):
            items.setdefault(rid, name)
    found = [presence(d) for d in disclosures]
    rows = []
    for rid, name in sorted(items.items(), key=lambda kv: ("TFE".index(kv[0][0]), kv[0])):
        row = {"编号 id": rid, "公开事项 item": name}
        for d, pres in zip(disclosures, found):
            row[label(d)] = "—" if rid not in pres else "✔" if pres[rid][0] else "✘"
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
