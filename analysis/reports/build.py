"""The report set: processed folders in, HTML reports out.

``render_reports(processed, out)`` takes the processed folders of audited disclosures (written
by ``analysis.store``; the command line writes them after parsing and auditing) and never
parses or audits. It claims ``out`` (``analysis.store.claim``: a lock, stale leftovers removed);
into a private staging folder beside it it copies each processed folder (with copies of its
source files, which the findings link to), executes ``notebooks/department_audit.ipynb`` once
per disclosure (with its processed folder as parameter), builds the set's dataset
(``dataset/``, ``analysis.dataset``) and executes ``notebooks/comparison.ipynb`` once on it, and writes the rubric page and ``index.html``; then it swaps the set
into ``out``, ``index.html`` last (``output``), in one step no signal interrupts. A set in which
no department report rendered never replaces a previous set.
Notebooks run in parallel on the runner (local processes, or a Dask cluster), each worker
keeping one kernel. Every output name is a slug (``analysis.slug.slugify``).
"""
from __future__ import annotations

import contextlib
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from .. import stopping
from ..pipeline import Runner, make_runner
from ..slug import slugify
from ..dataset import write_dataset
from ..store import MODEL_FILE, Processed, ProcessedError, copy_processed, load_many, publish_permissions, release, writing
from .data import counts, document_name
from .index import ReportEntry, index_html
from .kernel import warm
from .output import INDEX, atomic_write_bytes, prepare_out, safe_child, swap_in
from .pages import render_task, rubric_html
from .paths import COMPARISON_NOTEBOOK, DATASET, DEPARTMENT_NOTEBOOK, RUBRIC_PAGE

RESERVED = ("index", "comparison", "score", DATASET)   # names of the set's own pages and folders
COMPARISON_TITLE = "部门预决算比较 Comparison"


@dataclass
class ReportSet:
    """What ``render_reports`` made: one entry per report, and the processed folders it could
    not use (one line each)."""
    out: Path
    entries: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    replaced: bool = False    # the set was put in place (False: the previous set was kept)

    @property
    def index(self) -> Path:
        return self.out / INDEX

    @property
    def failed(self) -> list:
        return [e for e in self.entries if e.error]


@dataclass
class _Task:
    entry: ReportEntry
    spec: dict
    pages: int        # work estimate: the largest reports start first


def render_reports(processed: Iterable, out, *, errors: Iterable = (), warnings: Iterable = (),
                   progress: bool = True, runner: Optional[Runner] = None, workers: Optional[int] = None,
                   scheduler=None, on_commit: Optional[Callable] = None) -> ReportSet:
    """Render the reports of the processed disclosure folders ``processed`` (each a folder
    written by ``analysis.store``, or a folder of them) into ``out``. ``errors`` and
    ``warnings`` of the batch that produced them are listed in the index. Raises
    ``OutputError`` (before any work) when ``out`` cannot be claimed or written, or (leaving the
    previous set) when writing fails; a report that fails is an entry with its ``error``, the
    others still render. ``on_commit`` runs just before the swap, in the same step (the command
    line publishes the processed folders there). A set without any rendered department report
    does not replace a previous one (``ReportSet.replaced`` is False)."""
    ws, staging = prepare_out(out)
    try:
        with writing(ws.label):
            result = ReportSet(ws.target)
            disclosures = _load(processed, result.errors)
            tasks = _stage(disclosures, staging)
            _run(tasks, runner, workers, scheduler, staging, progress)
            result.entries = [t.entry for t in tasks]
            atomic_write_bytes(staging / RUBRIC_PAGE, rubric_html().encode("utf-8"))
            page = index_html(result.entries, [*errors, *result.errors], warnings)
            atomic_write_bytes(staging / INDEX, page.encode("utf-8"))
            for child in staging.iterdir():
                publish_permissions(child)
            result.replaced = _commit(result, staging, ws, on_commit)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        release(ws)
    return result


def _run(tasks: list, runner: Optional[Runner], workers, scheduler, staging: Path, progress: bool) -> None:
    """Render ``tasks`` on ``runner`` (the caller's: used, not closed), or on a runner of its own
    (closed at the end; stopped at once on an interrupt)."""
    own = make_runner(workers, scheduler, initializer=warm) if runner is None else contextlib.nullcontext(runner)
    with own as runner:
        _render(tasks, runner, staging, progress)


def _commit(result: ReportSet, staging: Path, ws, on_commit: Optional[Callable]) -> bool:
    """Put the staged set in place (and run ``on_commit`` first), unless it holds no rendered
    department report while ``out`` holds a previous set; whether it was put in place."""
    rendered = any(e.html for e in result.entries if e.kind == "department")
    with stopping.committing():
        if on_commit:
            on_commit()
        if not rendered and (ws.target / INDEX).exists():
            return False
        swap_in(staging, ws)
        return True


def _load(processed: Iterable, errors: list) -> list:
    """Processed disclosures (audited) of every folder, in order; a folder that cannot be used
    is one line in ``errors``."""
    out = []
    for folder in ([processed] if isinstance(processed, (str, Path)) else processed):
        try:
            found = load_many(folder)
        except (ProcessedError, ValueError, OSError) as e:
            errors.append(str(e) if isinstance(e, ProcessedError) else f"{folder}: {e}")
            continue
        if not found:
            errors.append(f"{folder}: no processed disclosure (no {MODEL_FILE} in it or in its folders)")
        for p in found:
            if p.result is None:
                errors.append(f"{p.path}: not audited (run `budget-audit audit PATH --out DIR`)")
            else:
                out.append(p)
    return out


def names(folders: list) -> list:
    """A distinct slug per processed folder (its own name), none of them a page of the set."""
    used, out = set(RESERVED), []
    for p in folders:
        base = slugify(Path(p.path).name, max_len=120)
        name, n = base, 2
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        out.append(name)
    return out


def _stage(disclosures: list, staging: Path) -> list:
    """Copy each processed folder into the set and build the set's dataset (``dataset/``: its
    disclosures are named by their report's slug); the render tasks of its reports."""
    tasks, staged = [], []
    for p, slug in zip(disclosures, names(disclosures)):
        staged.append(Processed(copy_processed(p.path, staging, slug, p.disclosure), p.disclosure, p.result))
        tasks.append(_department_task(p, slug, staging))
    if tasks:
        write_dataset(staged, staging / DATASET)
        entry = ReportEntry("comparison", COMPARISON_TITLE, "comparison")
        spec = {"notebook": str(COMPARISON_NOTEBOOK), "cwd": str(staging), "title": entry.title,
                "parameters": {"dataset": DATASET}}
        tasks.append(_Task(entry, spec, sum(t.pages for t in tasks)))
    return tasks


def _department_task(p, slug: str, staging: Path) -> _Task:
    d, res = p.disclosure, p.result
    kind = document_name(d)
    title = f"{d.department} {d.year or ''} {kind}审计报告".strip()
    entry = ReportEntry("department", title, slug, d.department, d.year, data=slug,
                        score=getattr(res.score, "total", None), counts=counts(res), label=kind)
    spec = {"notebook": str(DEPARTMENT_NOTEBOOK), "cwd": str(staging), "title": title,
            "parameters": {"processed": slug, "rubric": RUBRIC_PAGE}}
    return _Task(entry, spec, d.page_count)


def _render(tasks: list, runner: Runner, staging: Path, progress: bool) -> None:
    """Run every task on ``runner`` (largest first: the pool stays busy to the end) and write
    each page and executed notebook into ``staging``."""
    from tqdm import tqdm  # noqa: PLC0415 - a progress bar, only where reports are rendered

    order = sorted(range(len(tasks)), key=lambda i: -tasks[i].pages)
    bar = tqdm(total=len(order), desc="reports", unit="report", disable=not progress, file=sys.stderr)
    for n, res in runner.map(render_task, [tasks[i].spec for i in order]):
        entry = tasks[order[n]].entry
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
