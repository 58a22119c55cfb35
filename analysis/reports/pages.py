"""One report page: execute a report notebook and convert it to a self-contained HTML page
without code cells; the rubric page (``docs/score.md``).

``render_task`` is the task a runner executes once per report (a plain top-level function of a
picklable spec, so it runs in a local worker process or on a Dask worker alike).
"""
from __future__ import annotations

from pathlib import Path

from .kernel import execute_notebook
from .paths import RUBRIC

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
_EXPORTER = None


def _exporter():
    global _EXPORTER
    if _EXPORTER is None:
        # nbconvert and jinja2 are imported on first use: the command line does not need them
        # until a page is converted (and a worker imports them once)
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


def safe_title(text: str) -> str:
    # the template may or may not escape the <title>; keep only harmless characters
    return "".join(ch for ch in text if ch not in "<>&\"'`")


def one_line(e: BaseException) -> str:
    """An exception (or a notebook's cell error) as one line of at most 400 characters."""
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


def notebook_text(nb) -> str:
    import nbformat  # noqa: PLC0415 - with the notebook machinery, only where notebooks are handled

    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def render_task(spec: dict) -> dict:
    """Execute one report notebook and convert it: {"html", "ipynb", "error"} (never raises
    for a failing notebook). ``spec``: notebook, parameters, cwd (the report folder), title."""
    try:
        nb = execute_notebook(Path(spec["notebook"]), spec["parameters"], cwd=Path(spec["cwd"]))
        renumber(nb)
        page = to_html(nb, safe_title(spec["title"]))
        text = notebook_text(nb)
    except Exception as e:  # noqa: BLE001 - a failed notebook is reported, the others still render
        return {"html": None, "ipynb": None, "error": one_line(e)}
    return {"html": page, "ipynb": text, "error": ""}


def rubric_html() -> str:
    """docs/score.md as a page of the report set (the reports link to it)."""
    import mistune  # noqa: PLC0415 - a Markdown renderer for one page, imported when it is made

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
