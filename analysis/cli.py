"""Command line: ``budget-audit parse|audit|report PATH...`` and ``budget-audit dataset DIR...``.

The engine lives in the package; this module reads arguments, calls it and prints. It is the
only driver of the whole flow: ``report`` runs parse → audit (``analysis.pipeline``) → store
(processed folders, ``analysis.store``) → reports (``analysis.reports.render_reports``, which
reads processed folders only).

Every output folder is claimed before any work (``analysis.store.claim``: locked, checked, what a
killed run left removed); outputs are staged in private folders beside it and put in place at
the end in one step (``analysis.stopping.committing``). Every command runs inside
``analysis.stopping.handled``: SIGINT or SIGTERM stops it with one line and exit code 130 or 143,
its outputs left as they were. Every line printed is escaped (``shown``, ``json_line``).
"""
from __future__ import annotations

import argparse
import contextlib
import os
from dataclasses import replace
import shutil
import sys
from pathlib import Path
from typing import Optional

from . import __version__, stopping
from .dataset import DUCKDB_FILE, build_dataset
from .inputs import cache
from .settings import DEFAULT, READERS
from .pipeline import Batch, Progress, Runner, SchedulerError, json_line, make_runner, parse_batch, print_problems, run, shown, slugs
from .reports import render_reports
from .reports.build import RESERVED
from .reports.kernel import warm
from .store import OutputError, ProcessedError, claimed, publish_folders, summary, write_disclosure, writing


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _scale(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=_positive, metavar="N", default=None,
                   help="parallel worker processes on this machine (default: the number of cores)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="run the parse, audit and report tasks on a Dask distributed cluster "
                        "(e.g. tcp://10.0.0.5:8786); workers need this package and the same paths")


def _reading(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reader", choices=READERS, default=DEFAULT.reader,
                   help=f"the library that reads PDFs (default: {DEFAULT.reader}; pdfplumber is the slower "
                        "reference, see README)")
    p.add_argument("--no-cache", action="store_true",
                   help=f"read every file again instead of using the source-document cache "
                        f"(${cache.ENV}, default ~/.cache/budget-audit/sources)")


def _parse_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="PDF or text files, or folders holding them (grouped into department-years)")
    p.add_argument("--out", metavar="DIR", default=None, help="write results under DIR (e.g. data/processed)")
    p.add_argument("--json", action="store_true", help="print one JSON object per disclosure (JSON Lines)")
    _reading(p)
    _scale(p)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="budget-audit",
                                 description="Audit Chinese department budget disclosures (部门预算公开).")
    ap.add_argument("--version", action="version", version=f"budget-audit {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse disclosures into tidy tables")
    _parse_common(p)
    a = sub.add_parser("audit", help="parse and run every check; print or write findings")
    _parse_common(a)
    r = sub.add_parser("report", help="parse, audit and render audit and comparison reports as HTML")
    r.add_argument("paths", nargs="+", metavar="PATH")
    r.add_argument("--out", metavar="DIR", default="reports", help="output folder (default: reports)")
    r.add_argument("--processed", metavar="DIR", default=None,
                   help="also keep the parsed and audited disclosures here (e.g. data/processed)")
    r.add_argument("--no-progress", action="store_true", help="do not draw a progress bar")
    _reading(r)
    _scale(r)
    ds = sub.add_parser("dataset", help="build one dataset (Fiscal Data Package: CSV and Parquet; a DuckDB "
                                        "database) of processed disclosures")
    ds.add_argument("paths", nargs="+", metavar="DIR",
                    help="processed disclosure folders, or folders holding them (e.g. data/processed)")
    ds.add_argument("--out", metavar="DIR", default="data/dataset",
                    help="output folder (default: data/dataset): datapackage.json, data/*.csv, data/*.parquet, "
                         "budget.duckdb")
    return ap


def _line(d) -> str:
    extra = "" if d.kind == "budget" and d.scope == "department" else f" ({d.scope} {d.kind})"
    return f"{d.department} {d.year}{extra}"


def _no_disclosure(batch: Batch) -> bool:
    """True (and says so) when the paths held no disclosure and no file failed."""
    if not batch.disclosures and not batch.errors:
        print("error: no disclosure found in the given paths", file=sys.stderr)
        return True
    return False


def _described(d, text: str) -> str:
    return shown(f"{_line(d)}: {text}")


@contextlib.contextmanager
def _claimed_or_none(path, option: str):
    """The claim of the output folder ``path`` (``store.claimed``), or None when not given."""
    if path is None:
        yield None
        return
    with claimed(path, option) as ws:
        yield ws


def _publish(batch: Batch, ws, reserved=()) -> dict:
    """Write each disclosure of ``batch`` (with its audit, when audited) into a private folder,
    then put them all in the claimed folder ``ws`` in one step; disclosure index -> its folder."""
    staged = ws.staging("processed")
    try:
        with writing(ws.label):
            folders = _store(batch, staged, reserved)
            with stopping.committing():
                publish_folders(staged, ws)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return {i: ws.target / f.name for i, f in enumerate(folders)}


def _store(batch: Batch, folder: Path, reserved=()) -> list:
    """Write each disclosure of ``batch`` to its processed folder in ``folder``; their paths."""
    results = batch.results or [None] * len(batch.disclosures)
    names = slugs(batch.disclosures, reserved=reserved)
    return [write_disclosure(d, folder, result=res, name=name)
            for d, res, name in zip(batch.disclosures, results, names)]


def _settings(args):
    """The reader settings the command line chose (``--reader``)."""
    return replace(DEFAULT, reader=args.reader)


def cmd_parse(args) -> int:
    with _claimed_or_none(args.out, "--out") as ws:
        with make_runner(args.workers, args.scheduler) as runner:
            batch = parse_batch(args.paths, runner, settings=_settings(args))
        paths = _publish(batch, ws) if ws else {}
    print_problems(batch)
    for i, d in enumerate(batch.disclosures):
        what = f"{len(d.tables)} tables, {len(d.claims)} claims, {len(d.performance)} performance targets"
        if args.json:
            print(json_line(summary(d)))
        else:
            print(_described(d, what + (f" -> {paths[i]}" if i in paths else "")))
    if ws and not args.json:
        print(shown(f"output: {ws.target}"))
    return 1 if _no_disclosure(batch) or batch.errors else 0


def cmd_audit(args) -> int:
    with _claimed_or_none(args.out, "--out") as ws:
        with make_runner(args.workers, args.scheduler) as runner:
            batch = run(args.paths, runner, settings=_settings(args))
        paths = _publish(batch, ws) if ws else {}
    print_problems(batch)
    for i, (d, res) in enumerate(batch.pairs):
        if args.json:
            print(json_line(res.to_json()))
            continue
        path = paths.get(i)
        print(_described(d, f"{res.counts()} score {res.score.total:.1f}" + (f" -> {path}" if path else "")))
        if not path:
            for f in res.findings:
                print(shown(f"  [{f.severity}] {f.check} p{f.page} {f.message}"))
    return 1 if _no_disclosure(batch) or batch.errors else 0


def store(batch: Batch, folder: Path) -> list:
    """Write each audited disclosure of ``batch`` to its processed folder; their paths."""
    return _store(batch, Path(folder), reserved=RESERVED)


class ReadingBar(Progress):
    """A progress bar of the files read (stderr): a large file read in page ranges advances by each
    range's share (scanned pages take seconds of OCR each)."""

    def __init__(self):
        self.bar = None

    def start(self, files: int) -> None:
        from tqdm import tqdm  # noqa: PLC0415 - a progress bar, only where one is drawn

        self.bar = tqdm(total=files, desc="reading", unit="file", file=sys.stderr,
                        bar_format="{l_bar}{bar}| {n:.1f}/{total_fmt} [{elapsed}<{remaining}]")

    def advance(self, path, share: float) -> None:
        self.bar.update(share)
        self.bar.set_postfix_str(Path(path).name[:40], refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@contextlib.contextmanager
def reading_bar(progress: bool):
    """A ``ReadingBar`` when ``progress``, closed on leaving; else None."""
    bar = ReadingBar() if progress else None
    try:
        yield bar
    finally:
        if bar:
            bar.close()


def report(paths, out, *, processed=None, progress: bool = True, workers: Optional[int] = None,
           scheduler=None, runner: Optional[Runner] = None, settings=DEFAULT) -> int:
    """``budget-audit report``: parse and audit ``paths``, store the processed folders (in a
    private folder, published into ``processed`` when given), render their reports into ``out``;
    print the problems and the index's path. Returns 0, or 1 if any input or report failed or no
    report could replace the previous set. Raises ``OutputError`` (before any work) when ``out``
    or ``processed`` cannot be claimed, or when writing fails (previous outputs left as they were),
    and ``stopping.Interrupted`` on SIGINT/SIGTERM (likewise)."""
    with claimed(out, "--out") as ws, _claimed_or_none(processed, "--processed") as wp:
        own = make_runner(workers, scheduler, initializer=warm) if runner is None else contextlib.nullcontext(runner)
        with own as runner:
            with reading_bar(progress) as bar:    # closed before the reports' own bar starts
                batch = run(paths, runner, settings=settings, progress=bar)
            staged = (wp or ws).staging("processed")
            try:
                with writing(ws.label if wp is None else wp.label):
                    folders = store(batch, staged)
                publish = (lambda: publish_folders(staged, wp)) if wp else None
                result = render_reports(folders, out, errors=batch.errors, warnings=batch.warnings,
                                        progress=progress, runner=runner, on_commit=publish)
            finally:
                shutil.rmtree(staged, ignore_errors=True)
    return _report_lines(batch, result, ws)


def _report_lines(batch: Batch, result, ws) -> int:
    print_problems(batch)
    empty = _no_disclosure(batch)
    for line in result.errors:
        print(f"error: {shown(line)}", file=sys.stderr)
    for e in result.failed:
        print(f"error: report {shown(e.slug)}: {shown(e.error)}", file=sys.stderr)
    if not result.replaced:
        print(f"error: {ws.label}: no report rendered; its previous reports are left as they were", file=sys.stderr)
        return 1
    print(shown(result.index))
    return 1 if empty or batch.errors or result.errors or result.failed or not batch.disclosures else 0


def cmd_report(args) -> int:
    return report(args.paths, args.out, processed=args.processed, progress=not args.no_progress,
                  workers=args.workers, scheduler=args.scheduler, settings=_settings(args))


def cmd_dataset(args) -> int:
    try:
        rows = build_dataset(args.paths, args.out)
    except (ProcessedError, ValueError) as e:
        print(f"error: {shown(e)}", file=sys.stderr)
        return 1
    print(shown(f"dataset: {rows['disclosures']} disclosures, {rows['amounts']} amounts, {rows['findings']} findings "
                f"-> {Path(args.out) / 'datapackage.json'} and {Path(args.out) / DUCKDB_FILE}"))
    return 0


COMMANDS = {"parse": cmd_parse, "audit": cmd_audit, "report": cmd_report, "dataset": cmd_dataset}


def main(argv=None) -> int:
    """Run one command; every way it can fail is one line on stderr and an exit code: 1 for bad
    input, 2 for an output folder or a scheduler that cannot be used (or a write that failed),
    130 / 143 when SIGINT / SIGTERM stopped it."""
    args = build_parser().parse_args(argv)
    if getattr(args, "no_cache", False):   # (parsing commands) before any worker starts: local workers inherit the environment
        os.environ[cache.ENV] = "off"
    try:
        with stopping.handled():
            return COMMANDS[args.command](args)
    except (OutputError, SchedulerError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except stopping.Interrupted as e:
        print(e.line(), file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print(stopping.Interrupted(2).line(), file=sys.stderr)
        return 130
    except OSError as e:
        print(f"error: {shown(e.filename or 'budget-audit')}: {shown(e.strerror or e)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
