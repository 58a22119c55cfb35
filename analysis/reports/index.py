"""The index page of a report set: one row per department report, the comparison, the files
that failed and the warnings of the batch. Every value is HTML-escaped; a ``<meta>`` lists the
files of the set (``output.previous_files`` reads it back when the next set replaces this one)."""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Optional

from .. import __version__, vocab
from ..pipeline import as_batch_error, shown
from .output import FILES_META, INDEX
from .paths import DATASET, RUBRIC_PAGE


@dataclass
class ReportEntry:
    kind: str                 # "department" | "comparison"
    title: str
    slug: str
    department: str = ""
    year: Optional[int] = None
    html: Optional[str] = None   # relative to out
    ipynb: Optional[str] = None
    data: Optional[str] = None   # the processed folder beside the report (CSV downloads, sources)
    error: str = ""
    score: Optional[float] = None
    counts: dict = field(default_factory=dict)
    label: str = ""              # 部门预算 / 单位预算 / 部门决算

    @property
    def files(self) -> list:
        return [x for x in (self.html, self.ipynb, self.data) if x]


def esc(v) -> str:
    return html.escape("" if v is None else str(v))


def _department_row(e: ReportEntry) -> str:
    c = e.counts or {}
    link = (f'<a href="{esc(e.html)}">报告 report</a> · <a href="{esc(e.ipynb)}">notebook</a>'
            if e.html else f'<span class="fail">生成失败 failed: {esc(e.error)}</span>')
    if e.data:
        link += f' · <a href="{esc(e.data)}/findings.csv">CSV</a>'
    score = "" if e.score is None else f"{e.score:.1f}"
    return (f"<tr><td>{esc(e.department)}</td><td>{esc(e.year or '')}</td><td>{esc(e.label)}</td>"
            f"<td>{score}</td>{''.join(f'<td>{c.get(s, 0)}</td>' for s in vocab.SEVERITIES)}"
            f"<td>{c.get('reading', 0)}</td><td>{link}</td></tr>")


def _comparison(e: ReportEntry) -> str:
    if e.html:
        return f'<p><a href="{esc(e.html)}">{esc(e.title)}</a> · <a href="{esc(e.ipynb)}">notebook</a></p>'
    return f'<p class="fail">{esc(e.title)} 生成失败 failed: {esc(e.error)}</p>'


def _dataset() -> str:
    return (f'<h2>数据集 Dataset</h2><p>本报告集全部数据 all data of this set: '
            f'<a href="{DATASET}/datapackage.json">datapackage.json</a> (Fiscal Data Package) · '
            f'<a href="{DATASET}/data/">CSV / Parquet</a> · <a href="{DATASET}/budget.duckdb">budget.duckdb</a> '
            f'(DuckDB)</p>')


def _error_line(x) -> str:
    """A batch error (``BatchError`` / ``InputError``) or a plain message, on one line."""
    return as_batch_error(x).line() if hasattr(x, "reason") else shown(x)


def _problems(errors: Iterable, warnings: Iterable) -> str:
    parts = []
    errors, warnings = list(errors), list(warnings)
    if errors:
        items = "".join(f"<li><code>{esc(_error_line(x))}</code></li>" for x in errors)
        parts.append(f"<h2>无法使用的文件 Files that failed</h2><ul class=\"fail\">{items}</ul>")
    if warnings:
        items = "".join(f"<li><code>{esc(w)}</code></li>" for w in warnings)
        parts.append(f"<h2>提示 Warnings</h2><ul>{items}</ul>")
    return "\n".join(parts)


_STYLE = """<style>
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccd; padding: 4px 8px; text-align: left; }
th { background: #f0f3f7; } .fail { color: #b00020; }
th.sortable { cursor: pointer; } th.sortable::after { content: " ⇅"; color: #889; }
#filter { margin: 6px 0; padding: 4px 6px; width: 22em; }
</style>"""
# Sorting by a column and filtering rows, offline: a few lines of plain JavaScript, no library.
_SCRIPT = """<script>
(function () {
  var table = document.getElementById("reports"), body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  document.getElementById("filter").addEventListener("input", function (e) {
    var q = e.target.value.trim().toLowerCase();
    rows.forEach(function (r) { r.style.display = !q || r.textContent.toLowerCase().indexOf(q) >= 0 ? "" : "none"; });
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
    if (i === table.tHead.rows[0].cells.length - 1) return;
    th.className = "sortable";
    th.addEventListener("click", function () {
      var asc = th.getAttribute("data-order") !== "asc";
      th.setAttribute("data-order", asc ? "asc" : "desc");
      rows.sort(function (a, b) {
        var x = a.cells[i].textContent.trim(), y = b.cells[i].textContent.trim();
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh-CN");
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
</script>"""
_HEAD = ("<tr><th>部门 department</th><th>年度 year</th><th>类型 document</th><th>得分 score</th>"
         + "".join(f"<th>{vocab.SEVERITY_COUNT_ZH[s]}</th>" for s in vocab.SEVERITIES)
         + "<th>读取问题 reading</th><th>报告 report</th></tr>")


def index_html(entries: list, errors: Iterable = (), warnings: Iterable = ()) -> str:
    rows = "".join(_department_row(e) for e in entries if e.kind == "department")
    comparison = "".join(_comparison(e) for e in entries if e.kind == "comparison")
    has_set = any(e.kind == "comparison" and e.html for e in entries)
    files = sorted({INDEX, RUBRIC_PAGE} | {x for e in entries for x in e.files} | ({DATASET} if has_set else set()))
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="{FILES_META}" content="{esc(json.dumps(files, ensure_ascii=False))}">
<title>部门预决算审计报告 Budget audit reports</title>
{_STYLE}</head><body>
<h1>部门预决算审计报告 Budget audit reports</h1>
<p>budget-audit {esc(__version__)} · {now} · <a href="{RUBRIC_PAGE}">评分说明 score rubric</a></p>
<h2>部门报告 Department reports</h2>
<input id="filter" type="search" placeholder="筛选 filter（部门、年度、类型…）" aria-label="filter">
<table id="reports"><thead>{_HEAD}</thead>
<tbody>{rows or '<tr><td colspan="9">（无 none）</td></tr>'}</tbody></table>
<h2>比较 Comparison</h2>{comparison or '<p>（无 none）</p>'}
{_dataset() if has_set else ''}
{_problems(errors, warnings)}
{_SCRIPT}
</body></html>
"""
