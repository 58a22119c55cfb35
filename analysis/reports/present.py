"""Presentation: tables as styled HTML, charts as inline SVG, short notes, links and the
interactive findings table. Outputs are deterministic (fixed Styler and table ids, chart
sizes) so that the committed notebooks can be checked with nbval, and every text cell is
HTML-escaped unless the caller built escaped HTML itself.
"""
from __future__ import annotations

import html
import math
import re
import unicodedata
import warnings
from pathlib import Path
from typing import Optional

import altair as alt
import pandas as pd
from IPython.display import HTML

from ..model import Disclosure
from .data import Report, href
from .frames import holds_figures, section_status

CHART_WIDTH = 560
LABEL_WRAP = 16          # characters per line of a chart label (long labels wrap, never clip)
# Chart layout never depends on the fonts of the machine that draws the SVG: vl-convert measures
# text with the fonts it finds (none for CJK on a fresh machine, where it measures Chinese labels
# too narrow and the browser, drawing them with its CJK font, clips them). Axis label room and
# title lines are set from the characters instead: a CJK (wide) character is 1 em in every CJK
# font, any other character at most ``NARROW_EM`` em in the sans fonts of ``FONT``.
NARROW_EM = 0.62
LABEL_SIZE, TITLE_SIZE = 11, 14
AXIS_GAP = 5 + 2 + 4     # tick, label padding and a margin (pixels) between the labels and the axis
FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto",
             "/usr/share/fonts/opentype/source-han-sans", "/System/Library/Fonts", "C:/Windows/Fonts")

# Why a figure is missing: the table is there but the tool could not read it, or the
# disclosure does not provide it.
NOT_READ = "本工具未能识别"
NOT_PROVIDED = "本披露未提供"


def quiet() -> None:
    """No library warnings in a report (they are for developers, not for readers)."""
    warnings.filterwarnings("ignore")


def esc(text) -> str:
    return html.escape("" if text is None else str(text))


def note(text: str):
    """A short HTML paragraph with escaped text (for sentences built from data)."""
    return HTML(f"<p>{esc(text)}</p>")


def raw(markup: str):
    """HTML the caller has built and escaped."""
    return HTML(markup)


# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------
_TABLE_STYLES = [
    {"selector": "", "props": "border-collapse: collapse; font-size: 13px; margin: 6px 0 14px 0;"},
    {"selector": "th", "props": "background: #f0f3f7; border: 1px solid #ccd; padding: 3px 6px; text-align: left;"},
    {"selector": "td", "props": "border: 1px solid #dde; padding: 3px 6px; text-align: left;"},
    {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: bold; padding: 4px 0;"},
]
# column widths by the start of the heading
_WIDTHS = (
    (("说明", "标题", "指标 indicator", "项目 project"), {"min-width": "320px"}),
    (("项目 item", "科目 code"), {"min-width": "90px"}),
    (("检查", "表 table", "严重程度"), {"white-space": "nowrap", "font-size": "12px"}),
)


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
    for starts, props in _WIDTHS:
        cols = [c for c in df.columns if str(c).startswith(starts)]
        if cols:
            st = st.set_properties(subset=cols, **props)
    st = st.format_index(escape="html", axis=1)
    if caption:
        st = st.set_caption(esc(caption))
    return st.set_table_styles(_TABLE_STYLES)


def style(df: pd.DataFrame, uid: str, caption: str = "", precision: int = 2):
    """The table as an HTML display object (stable text/plain, unlike a Styler's repr)."""
    return HTML(styler(df, uid, caption, precision).to_html())


def html_table(df: pd.DataFrame, uid: str, caption: str = ""):
    """A static table whose cells are already escaped HTML (links)."""
    return HTML(styler(df, uid, caption).format(escape=None, na_rep="—").to_html())


def interactive(df: pd.DataFrame, uid: str, caption: str = "", page_length: int = 25, html_cells: bool = True):
    """A sortable, filterable table that works offline (itables, embedded JavaScript).
    Cells must already be escaped HTML when ``html_cells`` is true."""
    from itables import to_html_datatable  # noqa: PLC0415 - itables is heavy; only the department page needs it

    table_id = "itables_" + re.sub(r"[^0-9A-Za-z_]", "_", uid)
    body = to_html_datatable(df.reset_index(drop=True), caption=caption or None, table_id=table_id,
                             connected=False, allow_html=html_cells, maxBytes=0, showIndex=False,
                             classes="display compact cell-border", pageLength=page_length,
                             lengthMenu=[10, 25, 100, -1], autoWidth=False,
                             style="table-layout:auto;width:100%;margin:0;caption-side:top",
                             columnDefs=[{"className": "dt-left", "targets": "_all"}])
    return HTML(body)


def init_interactive():
    """Load the interactive-table library into the page, offline (run once, first)."""
    from itables import init_notebook_mode  # noqa: PLC0415 - see interactive()

    init_notebook_mode(all_interactive=False, connected=False)


# ---------------------------------------------------------------------------
# links
# ---------------------------------------------------------------------------
def source_text(file: str, page, place: str = "") -> str:
    """'文件.pdf 第N页'; in a workbook '文件.xlsx 工作表!B12' (the cell or sheet instead of the page)."""
    name = Path(file).name if file else ""
    return " ".join(x for x in (name, place or (f"第{int(page)}页" if page else "")) if x)


def source_cell(file: str, page, sources: Optional[dict] = None, link: bool = True, place: str = "") -> str:
    """'文件.pdf 第N页' as HTML, linked to ``copy#page=N`` when a copy of the file is at hand; in a
    workbook '文件.xlsx 工作表!B12', linked to the copy."""
    name = Path(file).name if file else ""
    text = source_text(file, page, place)
    target = (sources or {}).get(name)
    if link and target:
        frag = f"#page={int(page)}" if page and not place else ""
        return f'<a href="{esc(target + frag)}" target="_blank">{esc(text)}</a>'
    return esc(text)


DOWNLOADS = (("findings.csv", "审计发现 findings"), ("tables.csv", "表格目录 tables"), ("rows.csv", "表格行 rows"),
             ("amounts.csv", "金额 amounts（万元）"), ("claims.csv", "说明中的数字 claims"),
             ("indicators.csv", "绩效指标 indicators"))


def downloads(rep: Report) -> str:
    """HTML links to the CSV files beside the report (tidy tables and findings)."""
    base = Path(rep.base)
    links = [f'<a href="{esc(href(base / n))}" download>{esc(lab)}</a>' for n, lab in DOWNLOADS
             if (base / n).is_file()]
    if not links:
        return ""
    return "<p>下载 CSV downloads：" + " · ".join(links) + "</p>"


def source_files(rep: Report) -> pd.DataFrame:
    """Source files with SHA-256 and page counts, linked to their copies beside the report."""
    rows = []
    for f in sorted(rep.d.files, key=lambda f: Path(f.path).name):
        name = Path(f.path).name
        target = rep.sources.get(name)
        rows.append({"文件 file": f'<a href="{esc(target)}">{esc(name)}</a>' if target else esc(name),
                     "格式 format": esc(f.format), "页数 pages": f.pages, "SHA-256": esc(f.sha256)})
    return pd.DataFrame(rows, columns=["文件 file", "格式 format", "页数 pages", "SHA-256"])


# ---------------------------------------------------------------------------
# empty sections
# ---------------------------------------------------------------------------
def empty_message(what: str, status: str = "absent"):
    """Why a section has nothing to show: the tool could not read the table (``unreadable``)
    or the disclosure does not provide it (``absent``)."""
    if status == "unreadable":
        return note(f"{NOT_READ}：本披露有“{what}”所需的表格，但本工具未能可靠读取，数字不予展示（见“读取问题”）。"
                    " The tool could not read the table this section needs.")
    return note(f"{NOT_PROVIDED}：本披露未提供可用于“{what}”的表格或数据。 Not disclosed.")


def missing(d: Disclosure, what: str):
    """The note shown in place of an empty section, saying why it is empty."""
    status = section_status(d, what)
    if status == "ok" and holds_figures(d, what):
        return note(f"{NOT_READ}：本披露的相关表格列有数字，但本工具未能从中整理出“{what}”，请见附录中的原表。"
                    " The tables print figures for this item, but the tool could not arrange them (see the appendix).")
    if status == "ok":
        return note(f"本披露的相关表格中没有可用于“{what}”的非零数字。 Nothing to show: the table holds no such figures.")
    return empty_message(what, status)


def unread_table(t) -> object:
    """The note printed in place of a table the tool could not read."""
    return note(f"{t.id} {t.title}：{NOT_READ}（读取置信度 {t.confidence:.2f}），数字不予展示。")


# ---------------------------------------------------------------------------
# charts
# ---------------------------------------------------------------------------
_FONTS_REGISTERED = False
_SPLIT = "split(datum.label, '\\n')"


def register_fonts() -> None:
    """Let vl-convert measure labels with the CJK fonts the browser will draw them with."""
    global _FONTS_REGISTERED
    if _FONTS_REGISTERED:
        return
    import vl_convert as vlc  # noqa: PLC0415 - the SVG renderer loads a JavaScript engine: first chart only

    for d in FONT_DIRS:
        if Path(d).is_dir():
            try:
                vlc.register_font_directory(d)
            except Exception:  # noqa: BLE001 - a font folder vl-convert cannot read is skipped
                pass
    _FONTS_REGISTERED = True


def svg_text(chart) -> str:
    import vl_convert as vlc  # noqa: PLC0415 - see register_fonts()

    register_fonts()
    return vlc.vegalite_to_svg(chart.to_json())


def svg(chart: alt.TopLevelMixin):
    """Render an altair chart to inline SVG with vl-convert (no JavaScript, no CDN)."""
    return HTML(f'<div class="chart">{svg_text(chart)}</div>')


def text_width(text, size: float) -> float:
    """The width in pixels of the widest line of ``text`` set at ``size`` pixels, from its characters
    alone (wide and full-width characters 1 em, others ``NARROW_EM``): an upper bound that holds for
    any CJK font the browser uses, whatever fonts the machine drawing the chart has."""
    lines = str("" if text is None else text).split("\n")
    return max(sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else NARROW_EM for ch in line)
               for line in lines) * size


def axis_extent(labels) -> int:
    """Room (pixels) for a band axis of ``labels``: its widest label, ticks and padding."""
    return math.ceil(max([text_width(v, LABEL_SIZE) for v in labels] or [0.0])) + AXIS_GAP


def title_lines(title: str, width: float) -> list:
    """A chart title broken into lines no wider than ``width`` (measured as ``text_width``)."""
    lines, line = [], ""
    for ch in str(title or ""):
        if line and text_width(line + ch, TITLE_SIZE) > width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line] if line else lines


def _band_axis(labels) -> alt.Axis:
    ext = axis_extent(labels)
    return alt.Axis(labelLimit=0, labelExpr=_SPLIT, minExtent=ext, maxExtent=ext, labelFontSize=LABEL_SIZE)


def _chart(df: pd.DataFrame, title: str, order: list, height: int) -> alt.Chart:
    """A chart of fixed size whose title wraps within the chart (its width never measured)."""
    room = CHART_WIDTH + axis_extent(order)
    return alt.Chart(df, title=alt.TitleParams(title_lines(title, room), fontSize=TITLE_SIZE),
                     width=CHART_WIDTH, height=height)


def wrap(text, width: int = LABEL_WRAP) -> str:
    """A chart label on lines of at most ``width`` characters (joined by newlines)."""
    t = "" if text is None else str(text)
    return "\n".join(t[i:i + width] for i in range(0, len(t), width)) or t


def _theme(chart):
    return chart.configure(font=FONT, padding=8).configure_view(strokeWidth=0).configure_axis(
        labelFontSize=LABEL_SIZE, titleFontSize=12, labelLimit=0).configure_title(
        fontSize=TITLE_SIZE, anchor="start", limit=0).configure_legend(labelLimit=0, orient="bottom", direction="vertical")


def _wrapped(df: pd.DataFrame, y: str) -> tuple:
    """(copy of df with wrapped ``y`` labels, label order, lines of the tallest label)."""
    df = df.copy()
    df[y] = df[y].map(wrap)
    order = list(dict.fromkeys(df[y].tolist()))
    lines = max([str(v).count("\n") + 1 for v in order] or [1])
    return df, order, lines


def bar(df: pd.DataFrame, y: str, x: str, title: str, color: Optional[str] = None,
        height_per_row: int = 22, x_title: str = "金额（万元）"):
    """Horizontal bars, sorted as the DataFrame is."""
    df, order, lines = _wrapped(df, y)
    enc = {"y": alt.Y(f"{y}:N", sort=order, title=None, axis=_band_axis(order)),
           "x": alt.X(f"{x}:Q", title=x_title),
           "tooltip": [alt.Tooltip(f"{y}:N"), alt.Tooltip(f"{x}:Q", format=",.2f")]}
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=None, sort=sorted(df[color].dropna().unique().tolist()))
    per_row = max(height_per_row, 13 * lines + 6)
    ch = _chart(df, title, order, max(60, max(1, len(order)) * per_row))
    return _theme(ch.mark_bar().encode(**enc))


def grouped_bar(df: pd.DataFrame, y: str, x: str, group: str, title: str, x_title: str = "金额（万元）"):
    df, order, lines = _wrapped(df, y)
    groups = list(dict.fromkeys(df[group].tolist()))
    per_row = max(16 * max(1, len(groups)), 13 * lines + 6)
    ch = _chart(df, title, order, max(60, max(1, len(order)) * per_row)).mark_bar().encode(
        y=alt.Y(f"{y}:N", sort=order, title=None, axis=_band_axis(order)),
        yOffset=alt.YOffset(f"{group}:N", sort=groups),
        x=alt.X(f"{x}:Q", title=x_title),
        color=alt.Color(f"{group}:N", title=None, sort=groups),
        tooltip=[alt.Tooltip(f"{y}:N"), alt.Tooltip(f"{group}:N"), alt.Tooltip(f"{x}:Q", format=",.2f")])
    return _theme(ch)
