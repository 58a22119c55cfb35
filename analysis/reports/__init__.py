"""Step 4 of the flow: processed disclosures -> shareable HTML reports.

``build_reports(paths, out)`` parses and audits the inputs once (``analysis.pipeline``),
writes each disclosure's processed folder (``model.json``, tidy CSV/Parquet, findings, a copy
of the source files) into the report set, then executes ``notebooks/department_audit.ipynb``
once per disclosure and ``notebooks/comparison.ipynb`` once for the whole set, with the
processed folders as their parameter: the notebooks never parse a PDF. Notebooks run in
parallel on the runner (local processes, or a Dask cluster), each worker keeping one kernel.

The whole set is written into a temporary folder inside ``out`` and swapped into place at
the end, ``index.html`` last: an interrupted or failed run leaves the previous set, and its
index, intact. Folders are 0755 and files 0644. Every output name is a slug
(``analysis.slug.slugify``).
"""
from __future__ import annotations

import html
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Optional

# jsonschema, imported by altair, imports rfc3987_syntax when it is installed (an extra that
# jupyter-events pulls in) to check IRI formats, and that module compiles some forty grammars
# as it is imported: two seconds in every process and every kernel that renders a report. The
# reports never check an IRI, so jsonschema is told the module is absent (it then skips that
# one format, as it does wherever the extra is not installed).
sys.modules.setdefault("rfc3987_syntax", None)

from .. import __version__  # noqa: E402
from .kernel import KERNEL, execute_notebook  # noqa: F401,E402  (re-exported)

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO_ROOT / "notebooks"
DEPARTMENT_NOTEBOOK = NOTEBOOKS / "department_audit.ipynb"
COMPARISON_NOTEBOOK = NOTEBOOKS / "comparison.ipynb"
RUBRIC = REPO_ROOT / "docs" / "score.md"
RUBRIC_PAGE = "score.html"
STAGING_PREFIX = ".budget-audit-"
FILES_META = "budget-audit-files"

# nbconvert's lab template without any remote script (require.js, MathJax, mermaid, widgets).
_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""
# Wide tables scroll inside the page instead of widening it past a laptop screen.
_PAGE_CSS = """<style>
.jp-OutputArea-output { overflow-x: auto; max-width: 100%; }
.jp-OutputArea-output table.dataTable td { white-space: normal; vertical-align: top; }
.jp-OutputArea-output table.dataTable td:last-child { min-width: 24em; }
body { max-width: 1400px; margin: 0 auto; }
</style>"""


class OutputError(Exception):
    """An output folder that cannot be used; ``str()`` is one line."""


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


def safe_child(out: Path, name: str) -> Path:
    """``out / name`` for a slugged ``name``, refusing anything that would leave ``out``."""
    p = (out / name).resolve()
    if p.parent != out.resolve():
        raise ValueError(f"output name leaves the output folder: {name!r}")
    return p


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _writable_folder(path, option: str, keep_probe: bool = False) -> tuple:
    """Create ``path`` if needed and prove it writable by making a staging folder in it.
    Returns (path, staging folder or None); raises ``OutputError`` with one clear line."""
    from ..pipeline import shown

    p = Path(path)
    label = f"{option} {shown(p)}"
    if p.exists() and not p.is_dir():
        raise OutputError(f"{label}: exists and is not a folder")
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{label}: cannot create the folder ({e.strerror or e})") from None
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=p))
        probe = staging / ".probe"
        probe.write_bytes(b"")
        probe.unlink()
        if not keep_probe:
            staging.rmdir()
            staging = None
    except OSError as e:
        raise OutputError(f"{label}: not writable ({e.strerror or e})") from None
    return p, staging


def prepare_out(out) -> tuple:
    """Check ``out`` before any work: create it if needed and open a staging folder in it.
    Returns (out, staging); raises ``OutputError`` with one clear line."""
    p, staging = _writable_folder(out, "--out", keep_probe=True)
    return p.resolve(), staging


def prepare_processed(path) -> Path:
    return _writable_folder(path, "--processed")[0]


# ---------------------------------------------------------------------------
# notebook -> HTML
# ---------------------------------------------------------------------------
_EXPORTER = None


def _exporter():
    global _EXPORTER
    if _EXPORTER is None:
        from jinja2 import DictLoader
        from nbconvert import HTMLExporter

        _EXPORTER = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                                 exclude_output_prompt=True, embed_images=True,
                                 extra_loaders=[DictLoader({"budget_offline.html.j2": _OFFLINE_TEMPLATE})],
                                 template_file="budget_offline.html.j2")
    return _EXPORTER


def to_html(nb, title: str) -> str:
    """Executed notebook -> one self-contained HTML page without code cells."""
    nb = nb.copy() if hasattr(nb, "copy") else nb
    nb.metadata["title"] = title
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body.replace("</head>", _PAGE_CSS + "\n</head>", 1)


def _safe_title(text: str) -> str:
    # the template may or may not escape the <title>; keep only harmless characters
    return "".join(ch for ch in text if ch not in "<>&\"'`")


def _one_line(e: BaseException) -> str:
    name = getattr(e, "ename", None) or type(e).__name__
    value = getattr(e, "evalue", None) or str(e)
    text = f"{name}: {value}".strip()
    return " ".join(text.split())[:400]


def renumber(nb) -> None:
    """Execution counts 1, 2, … (a kernel reused for several notebooks counts on)."""
    n = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is not None:
            n += 1
            cell["execution_count"] = n
            for o in cell.get("outputs", []):
                if "execution_count" in o:
                    o["execution_count"] = n


def render_task(spec: dict) -> dict:
    """Execute one report notebook and convert it: {"html", "ipynb", "error"} (never raises
    for a failing notebook). ``spec``: notebook, parameters, cwd (the report folder), title."""
    import nbformat

    try:
        nb = execute_notebook(Path(spec["notebook"]), spec["parameters"], cwd=Path(spec["cwd"]))
        renumber(nb)
        page = to_html(nb, _safe_title(spec["title"]))
        text = nbformat.writes(nb)
    except Exception as e:  # noqa: BLE001 - a failed notebook is reported, the others still render
        return {"html": None, "ipynb": None, "error": _one_line(e)}
    return {"html": page, "ipynb": text if text.endswith("\n") else text + "\n", "error": ""}


def rubric_html() -> str:
    """docs/score.md as a page of the report set (the reports link to it)."""
    import mistune

    text = RUBRIC.read_text(encoding="utf-8") if RUBRIC.is_file() else "# 评分说明\n\n(docs/score.md not found)"
    body = mistune.html(text)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>评分说明 Score rubric</title>
<style>body {{ font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; margin: 2em auto;
max-width: 900px; color: #222; line-height: 1.6; }} pre {{ background: #f4f6f8; padding: 8px; overflow-x: auto; }}
table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #ccd; padding: 4px 8px; }}</style>
</head><body><p><a href="index.html">← 报告目录 index</a></p>
{body}</body></html>
"""


# ---------------------------------------------------------------------------
# the report set
# ---------------------------------------------------------------------------
def build_reports(paths: Iterable, out, processed=None, progress: bool = True, workers: Optional[int] = None,
                  scheduler=None, runner=None) -> int:
    """Render every report for ``paths`` into ``out``; return 0, or 1 if any input or report
    failed. Raises ``OutputError`` (before any work) when ``out`` cannot be written."""
    from tqdm import tqdm

    from ..pipeline import audit_batch, make_runner, parse_batch, print_problems, shown, slugs
    from ..store import publish_permissions, write_disclosure
    from . import sections as S

    out, staging = prepare_out(out)
    try:
        processed_dir = prepare_processed(processed) if processed else None
        own_runner = runner is None
        from .kernel import warm

        runner = runner or make_runner(workers, scheduler, initializer=warm)
        try:
            batch = audit_batch(parse_batch([str(p) for p in paths], runner), runner)
            names = slugs(batch.disclosures, reserved={"index", "comparison", "score"})
            entries: list = []
            specs: list = []
            for d, res, slug in zip(batch.disclosures, batch.results, names):
                write_disclosure(d, staging, result=res, name=slug, sources=True)
                if processed_dir is not None:
                    write_disclosure(d, processed_dir, result=res, name=slug)
                title = f"{d.department} {d.year or ''} {S.document_name(d)}审计报告".strip()
                entry = ReportEntry("department", title, slug, d.department, d.year, data=slug,
                                    score=getattr(res.score, "total", None), counts=S.counts(res),
                                    label=S.document_name(d))
                entries.append(entry)
                specs.append((entry, {"notebook": str(DEPARTMENT_NOTEBOOK), "cwd": str(staging), "title": title,
                                      "parameters": {"processed": slug, "rubric": RUBRIC_PAGE}},
                              d.page_count))
            if entries:
                entry = ReportEntry("comparison", "部门预算比较 Comparison", "comparison")
                specs.append((entry, {"notebook": str(COMPARISON_NOTEBOOK), "cwd": str(staging),
                                      "title": entry.title, "parameters": {"processed": list(names)}},
                              sum(d.page_count for d in batch.disclosures)))
                entries.append(entry)
            # largest first: the pool stays busy to the end
            order = sorted(range(len(specs)), key=lambda i: -specs[i][2])
            bar = tqdm(total=len(order), desc="reports", unit="report", disable=not progress, file=sys.stderr)
            for n, res in runner.map(render_task, [specs[i][1] for i in order]):
                entry = specs[order[n]][0]
                bar.update(1)
                bar.set_postfix_str(entry.slug[:30])
                if not isinstance(res, dict):
                    entry.error = str(res)
                elif res["error"]:
                    entry.error = res["error"]
                else:
                    atomic_write_bytes(safe_child(staging, f"{entry.slug}.html"), res["html"].encode("utf-8"))
                    atomic_write_bytes(safe_child(staging, f"{entry.slug}.ipynb"), res["ipynb"].encode("utf-8"))
                    entry.html, entry.ipynb = f"{entry.slug}.html", f"{entry.slug}.ipynb"
            bar.close()
        finally:
            if own_runner:
                runner.close()
        atomic_write_bytes(staging / RUBRIC_PAGE, rubric_html().encode("utf-8"))
        atomic_write_bytes(staging / "index.html", index_html(entries, batch.errors, batch.warnings).encode("utf-8"))
        publish_permissions(staging)
        swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    print_problems(batch)
    if not batch.disclosures and not batch.errors:
        print("error: no disclosure found in the given paths", file=sys.stderr)
    for e in entries:
        if e.error:
            print(f"error: report {e.slug}: {shown(e.error)}", file=sys.stderr)
    print(out / "index.html")
    failed = bool(batch.errors) or any(e.error for e in entries) or not batch.disclosures
    return 1 if failed else 0


def previous_files(out: Path) -> list:
    """The names the previous set in ``out`` wrote (listed in its index.html)."""
    import re

    index = out / "index.html"
    if not index.is_file():
        return []
    m = re.search(rf'<meta name="{FILES_META}" content="([^"]*)"', index.read_text(encoding="utf-8", errors="replace"))
    if not m:
        return []
    try:
        names = json.loads(html.unescape(m.group(1)))
    except ValueError:
        return []
    return [n for n in names if isinstance(n, str) and n and "/" not in n and not n.startswith(".")]


def swap_in(staging: Path, out: Path) -> None:
    """Move the new set from ``staging`` into ``out``: every entry replaces its namesake, the
    previous set's other entries are removed, and ``index.html`` goes last, so the old index
    stays until the new set is complete. Entries of ``out`` not written by a report run are
    left alone."""
    new = sorted(p.name for p in staging.iterdir() if p.name != "index.html")
    old = set(previous_files(out))
    trash = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX + "old-", dir=out))
    try:
        for name in new:
            target = out / name
            if target.exists() or target.is_symlink():
                os.replace(target, trash / name)
            os.replace(staging / name, target)
        for name in sorted(old - set(new) - {"index.html"}):
            target = out / name
            if target.exists() or target.is_symlink():
                os.replace(target, trash / name)
        os.replace(staging / "index.html", out / "index.html")
    finally:
        shutil.rmtree(trash, ignore_errors=True)


def index_html(entries: list, errors: list, warnings: Iterable = ()) -> str:
    from ..pipeline import as_batch_error, shown

    def esc(v) -> str:
        return html.escape("" if v is None else str(v))

    rows = []
    for e in entries:
        if e.kind != "department":
            continue
        c = e.counts or {}
        link = (f'<a href="{esc(e.html)}">报告 report</a> · <a href="{esc(e.ipynb)}">notebook</a>'
                if e.html else f'<span class="fail">生成失败 failed: {esc(e.error)}</span>')
        if e.data:
            link += f' · <a href="{esc(e.data)}/findings.csv">CSV</a>'
        score = "" if e.score is None else f"{e.score:.1f}"
        rows.append(f"<tr><td>{esc(e.department)}</td><td>{esc(e.year or '')}</td><td>{esc(e.label)}</td>"
                    f"<td>{score}</td><td>{c.get('error', 0)}</td><td>{c.get('warning', 0)}</td>"
                    f"<td>{c.get('info', 0)}</td><td>{c.get('reading', 0)}</td><td>{link}</td></tr>")
    comp = [e for e in entries if e.kind == "comparison"]
    comp_html = ""
    for e in comp:
        comp_html += (f'<p><a href="{esc(e.html)}">{esc(e.title)}</a> · <a href="{esc(e.ipynb)}">notebook</a></p>'
                      if e.html else f'<p class="fail">{esc(e.title)} 生成失败 failed: {esc(e.error)}</p>')
    err_html = ""
    if errors:
        items = "".join(f"<li><code>{esc(as_batch_error(x).line() if hasattr(x, 'reason') else shown(x))}</code></li>"
                        for x in errors)
        err_html = f"<h2>无法使用的文件 Files that failed</h2><ul class=\"fail\">{items}</ul>"
    warn_html = ""
    warnings = list(warnings)
    if warnings:
        items = "".join(f"<li><code>{esc(w)}</code></li>" for w in warnings)
        warn_html = f"<h2>提示 Warnings</h2><ul>{items}</ul>"
    files = sorted({"index.html", RUBRIC_PAGE} | {x for e in entries for x in (e.html, e.ipynb, e.data) if x})
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="{FILES_META}" content="{esc(json.dumps(files, ensure_ascii=False))}">
<title>部门预决算审计报告 Budget audit reports</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }}
table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #ccd; padding: 4px 8px; text-align: left; }}
th {{ background: #f0f3f7; }} .fail {{ color: #b00020; }}
</style></head><body>
<h1>部门预决算审计报告 Budget audit reports</h1>
<p>budget-audit {esc(__version__)} · {now} · <a href="{RUBRIC_PAGE}">评分说明 score rubric</a></p>
<h2>部门报告 Department reports</h2>
<table><thead><tr><th>部门 department</th><th>年度 year</th><th>类型 document</th><th>得分 score</th><th>错误 errors</th>
<th>警告 warnings</th><th>提示 info</th><th>读取问题 reading</th><th>报告 report</th></tr></thead>
<tbody>{''.join(rows) or '<tr><td colspan="9">（无 none）</td></tr>'}</tbody></table>
<h2>比较 Comparison</h2>{comp_html or '<p>（无 none）</p>'}
{err_html}
{warn_html}
</body></html>
"""


__all__ = ["KERNEL", "OutputError", "build_reports", "execute_notebook", "to_html", "index_html", "safe_child",
           "render_task", "prepare_out"]
