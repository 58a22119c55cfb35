"""Step 4 of the flow: processed disclosures -> shareable HTML reports. Reports are pure
consumers: they read processed folders (``analysis.store``) and never parse or audit.

``render_reports(processed, out)`` renders a report set (``build``). The modules:

* ``build``: the set: processed folders copied in, notebooks run on the runner, index last;
* ``output``: the staging folder, atomic writes and the swap into ``--out``;
* ``pages``: a notebook executed and converted to one offline HTML page; the rubric page;
* ``kernel``: executing notebooks, one kept kernel per worker;
* ``index``: the index page;
* ``paths``: where the notebooks and the rubric are.

The notebooks' building blocks, by concern:

* ``data``: processed folders, names and numbers, and the two facts from parts being
  redesigned (headline figures, the required-items checklist), each behind small functions;
* ``frames``: DataFrames of the model (composition, tables, comparison);
* ``findings``: DataFrames of the audit (findings, summary, score);
* ``checklist``: the completeness checklist and the matrix of required items;
* ``present``: styled tables, charts, notes and links.
"""
from __future__ import annotations

import sys

# jsonschema, imported by altair, imports rfc3987_syntax when it is installed (an extra that
# jupyter-events pulls in) to check IRI formats, and that module compiles some forty grammars
# as it is imported: two seconds in every process and every kernel that renders a report. The
# reports never check an IRI, so jsonschema is told the module is absent (it then skips that
# one format, as it does wherever the extra is not installed).
sys.modules.setdefault("rfc3987_syntax", None)

from ..store import OutputError  # noqa: E402
from .build import ReportSet, render_reports  # noqa: E402
from .index import ReportEntry, index_html  # noqa: E402
from .kernel import KERNEL, execute_notebook  # noqa: E402
from .output import prepare_out, previous_files, safe_child  # noqa: E402
from .pages import render_task, to_html  # noqa: E402

__all__ = ["KERNEL", "OutputError", "ReportEntry", "ReportSet", "execute_notebook", "index_html", "prepare_out",
           "previous_files", "render_reports", "render_task", "safe_child", "to_html"]
