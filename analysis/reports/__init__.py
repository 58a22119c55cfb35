"""Step 4 of the flow: parsed and audited disclosures -> shareable HTML reports.

``build_reports(paths, out)`` parses and audits the inputs, executes
``notebooks/department_audit.ipynb`` (papermill) once per disclosure and
``notebooks/comparison.ipynb`` once for the whole set, converts each executed notebook to
a self-contained HTML page without code cells, and writes ``out/index.html``.

Every output name is a slug (``analysis.slug.slugify``) and every write is atomic
(temporary file, then rename), so a failed notebook never leaves half an HTML page.
"""
from __future__ import annotations

import html
import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Optional

from .. import __version__
from ..slug import slugify

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO_ROOT / "notebooks"
DEPARTMENT_NOTEBOOK = NOTEBOOKS / "department_audit.ipynb"
COMPARISON_NOTEBOOK = NOTEBOOKS / "comparison.ipynb"
KERNEL = "python3"

# nbconvert's lab template without any remote script (require.js, MathJax, mermaid, widgets).
_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""


@dataclass
class ReportEntry:
    kind: str                 # "department" | "comparison"
    title: str
    slug: str
    department: str = ""
    year: Optional[int] = None
    html: Optional[str] = None   # relative to out
    ipynb: Optional[str] = None
    error: str = ""
    score: Optional[float] = None
    counts: dict = field(default_factory=dict)


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
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _kernel_env() -> None:
    """Make ``analysis`` importable in the kernel even when the package is not installed."""
    root = str(REPO_ROOT)
    pp = os.environ.get("PYTHONPATH", "")
    if root not in pp.split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join([root] + ([pp] if pp else []))


def execute_notebook(src: Path, parameters: dict, cwd: Optional[Path] = None):
    """Execute a notebook with papermill; return the executed NotebookNode (nothing written)."""
    import nbformat
    import papermill as pm

    _kernel_env()
    with tempfile.TemporaryDirectory(prefix="budget-audit-nb-") as tmp:
        dst = Path(tmp) / src.name
        pm.execute_notebook(str(src), str(dst), parameters=parameters, kernel_name=KERNEL,
                            cwd=str(cwd or src.parent), progress_bar=False, log_output=False,
                            report_mode=False)
        return nbformat.read(str(dst), as_version=4)


def to_html(nb, title: str) -> str:
    """Executed notebook -> one self-contained HTML page without code cells."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True,
                            extra_loaders=[DictLoader({"budget_offline.html.j2": _OFFLINE_TEMPLATE})],
                            template_file="budget_offline.html.j2")
    nb = nb.copy() if hasattr(nb, "copy") else nb
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


def _safe_title(text: str) -> str:
    # the template may or may not escape the <title>; keep only harmless characters
    return "".join(ch for ch in text if ch not in "<>&\"'`")


def _render(src: Path, parameters: dict, out: Path, slug: str, title: str, entry: ReportEntry) -> None:
    import nbformat

    html_path, nb_path = safe_child(out, f"{slug}.html"), safe_child(out, f"{slug}.ipynb")
    try:
        nb = execute_notebook(src, parameters)
        page = to_html(nb, _safe_title(title))
    except Exception as e:  # noqa: BLE001 - a failed notebook is reported, the others still render
        entry.error = _one_line(e)
        for p in (html_path, nb_path):   # never leave an older page that looks current
            if p.exists():
                p.unlink()
        return
    atomic_write_bytes(nb_path, nbformat.writes(nb).encode("utf-8"))
    atomic_write_bytes(html_path, page.encode("utf-8"))
    entry.html, entry.ipynb = html_path.name, nb_path.name


def _one_line(e: BaseException) -> str:
    name = getattr(e, "ename", None) or type(e).__name__
    value = getattr(e, "evalue", None) or str(e)
    text = f"{name}: {value}".strip()
    return " ".join(text.split())[:400]


def build_reports(paths: Iterable, out, processed=None, progress: bool = True) -> int:
    """Render every report for ``paths`` into ``out``; return 0, or 1 if any input or report failed."""
    from tqdm import tqdm

    from ..checks import audit
    from ..parse import parse_paths

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = [str(p) for p in paths]
    disclosures, errors = parse_paths(paths)
    results = audit(disclosures)
    pairs = sorted(zip(disclosures, results), key=lambda p: (p[0].department, p[0].year or 0))

    if processed:
        from ..store import write_disclosure
        for d, res in pairs:
            write_disclosure(d, processed, extra_files=res.files())

    entries: list = []
    used: set = {"index", "comparison"}
    bar = tqdm(pairs, desc="reports", unit="disclosure", disable=not progress, file=sys.stderr)
    for d, res in bar:
        slug = slugify(f"{d.department}-{d.year or 'unknown'}")
        base, n = slug, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        title = f"{d.department} {d.year or ''} 部门预算审计报告".strip()
        entry = ReportEntry("department", title, slug, d.department, d.year,
                            score=getattr(res.score, "total", None), counts=res.counts())
        bar.set_postfix_str(slug[:30])
        params = {"paths": [str(Path(f.path).resolve()) for f in d.files],
                  "department": d.department, "year": d.year, "output_dir": str(out.resolve())}
        _render(DEPARTMENT_NOTEBOOK, params, out, slug, title, entry)
        entries.append(entry)
    bar.close()

    if pairs:
        entry = ReportEntry("comparison", "部门预算比较 Comparison", "comparison")
        files = sorted({str(Path(f.path).resolve()) for d, _ in pairs for f in d.files})
        _render(COMPARISON_NOTEBOOK, {"paths": files, "output_dir": str(out.resolve())}, out,
                "comparison", entry.title, entry)
        entries.append(entry)

    atomic_write_bytes(out / "index.html", index_html(entries, errors).encode("utf-8"))
    failed = bool(errors) or any(e.error for e in entries) or (not pairs)
    if not pairs and not errors:
        print("error: no disclosure found in the given paths", file=sys.stderr)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    for e in entries:
        if e.error:
            print(f"error: report {e.slug}: {e.error}", file=sys.stderr)
    return 1 if failed else 0


def index_html(entries: list, errors: list) -> str:
    def esc(v) -> str:
        return html.escape("" if v is None else str(v))

    rows = []
    for e in entries:
        if e.kind != "department":
            continue
        c = e.counts or {}
        link = (f'<a href="{esc(e.html)}">报告 report</a> · <a href="{esc(e.ipynb)}">notebook</a>'
                if e.html else f'<span class="fail">生成失败 failed: {esc(e.error)}</span>')
        score = "" if e.score is None else f"{e.score:.1f}"
        rows.append(f"<tr><td>{esc(e.department)}</td><td>{esc(e.year or '')}</td><td>{score}</td>"
                    f"<td>{c.get('error', 0)}</td><td>{c.get('warning', 0)}</td><td>{c.get('info', 0)}</td>"
                    f"<td>{link}</td></tr>")
    comp = [e for e in entries if e.kind == "comparison"]
    comp_html = ""
    for e in comp:
        comp_html += (f'<p><a href="{esc(e.html)}">{esc(e.title)}</a> · <a href="{esc(e.ipynb)}">notebook</a></p>'
                      if e.html else f'<p class="fail">{esc(e.title)} 生成失败 failed: {esc(e.error)}</p>')
    err_html = ""
    if errors:
        items = "".join(f"<li><code>{esc(str(x).splitlines()[0] if str(x) else repr(x))}</code></li>" for x in errors)
        err_html = f"<h2>无法读取的文件 Files that failed to parse</h2><ul class=\"fail\">{items}</ul>"
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>部门预算审计报告 Budget audit reports</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }}
table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #ccd; padding: 4px 8px; text-align: left; }}
th {{ background: #f0f3f7; }} .fail {{ color: #b00020; }}
</style></head><body>
<h1>部门预算审计报告 Budget audit reports</h1>
<p>budget-audit {esc(__version__)} · {now}</p>
<h2>部门报告 Department reports</h2>
<table><thead><tr><th>部门 department</th><th>年度 year</th><th>得分 score</th><th>错误 errors</th>
<th>警告 warnings</th><th>提示 info</th><th>报告 report</th></tr></thead>
<tbody>{''.join(rows) or '<tr><td colspan="7">（无 none）</td></tr>'}</tbody></table>
<h2>比较 Comparison</h2>{comp_html or '<p>（无 none）</p>'}
{err_html}
</body></html>
"""


__all__ = ["build_reports", "execute_notebook", "to_html", "index_html", "safe_child"]
