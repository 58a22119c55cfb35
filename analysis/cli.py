"""Command line: ``budget-audit parse|audit|report PATH...``.

The engine lives in the package; this module reads arguments, calls it and prints. It is the
only driver of the whole flow: ``report`` runs parse → audit (``analysis.pipeline``) → store
(processed folders, ``analysis.store``) → reports (``analysis.reports.render_reports``, which
reads processed folders only).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Optional

from . import __version__
from .pipeline import Batch, Runner, make_runner, parse_batch, print_problems, run, shown, slugs
from .reports import render_reports
from .reports.build import RESERVED
from .reports.kernel import warm
from .store import TEMP_PREFIX, OutputError, summary, writable_folder, write_disclosure


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


def _parse_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="PDF or text files, or folders holding them (grouped into department-years)")
    p.add_argument("--out", metavar="DIR", help="write results under DIR (e.g. data/processed)")
    p.add_argument("--json", action="store_true", help="print one JSON object per disclosure (JSON Lines)")
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
    _scale(r)
    return ap


def _line(d) -> str:
    extra = "" if d.kind == "budget" and d.scope == "department" else f" ({d.scope} {d.kind})"
    return f"{shown(d.department)} {d.year}{extra}"


def _no_disclosure(batch: Batch) -> bool:
    """True (and says so) when the paths held no disclosure and no file failed."""
    if not batch.disclosures and not batch.errors:
        print("error: no disclosure found in the given paths", file=sys.stderr)
        return True
    return False


def _described(d, text: str) -> str:
    return f"{_line(d)}: {text}"


def cmd_parse(args) -> int:
    if args.out:
        writable_folder(args.out, "--out")
    with make_runner(args.workers, args.scheduler) as runner:
        batch = parse_batch(args.paths, runner)
    print_problems(batch)
    for d, name in zip(batch.disclosures, slugs(batch.disclosures)):
        what = f"{len(d.tables)} tables, {len(d.claims)} claims, {len(d.performance)} performance targets"
        path = write_disclosure(d, args.out, name=name) if args.out else None
        if args.json:
            print(json.dumps(summary(d), ensure_ascii=False))
        else:
            print(_described(d, what + (f" -> {path}" if path else "")))
    if args.out and not args.json:
        print(f"output: {Path(args.out).resolve()}")
    return 1 if _no_disclosure(batch) or batch.errors else 0


def cmd_audit(args) -> int:
    if args.out:
        writable_folder(args.out, "--out")
    with make_runner(args.workers, args.scheduler) as runner:
        batch = run(args.paths, runner)
    print_problems(batch)
    for d, res, name in zip(batch.disclosures, batch.results, slugs(batch.disclosures)):
        path = write_disclosure(d, args.out, result=res, name=name) if args.out else None
        if args.json:
            print(json.dumps(res.to_json(), ensure_ascii=False))
            continue
        print(_described(d, f"{res.counts()} score {res.score.total:.1f}" + (f" -> {path}" if path else "")))
        if not path:
            for f in res.findings:
                print(f"  [{f.severity}] {f.check} p{f.page} {f.message}")
    return 1 if _no_disclosure(batch) or batch.errors else 0


@contextlib.contextmanager
def _processed_folder(processed, out):
    """``--processed DIR``, or a temporary folder inside ``out`` removed at the end."""
    if processed:
        yield Path(processed)
        return
    tmp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX + "processed-", dir=out))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def store(batch: Batch, folder: Path) -> list:
    """Write each audited disclosure of ``batch`` to its processed folder; their paths."""
    names = slugs(batch.disclosures, reserved=RESERVED)
    return [write_disclosure(d, folder, result=res, name=name)
            for d, res, name in zip(batch.disclosures, batch.results, names)]


def report(paths, out, *, processed=None, progress: bool = True, workers: Optional[int] = None,
           scheduler=None, runner: Optional[Runner] = None) -> int:
    """``budget-audit report``: parse and audit ``paths``, store the processed folders (in
    ``processed``, else in a temporary folder), render their reports into ``out``; print the
    problems and the index's path. Returns 0, or 1 if any input or report failed. Raises
    ``OutputError`` (before any work) when ``out`` or ``processed`` cannot be written."""
    writable_folder(out, "--out")
    if processed:
        writable_folder(processed, "--processed")
    own = make_runner(workers, scheduler, initializer=warm) if runner is None else contextlib.nullcontext(runner)
    with own as runner, _processed_folder(processed, out) as folder:
        batch = run(paths, runner)
        folders = store(batch, folder)
        result = render_reports(folders, out, errors=batch.errors, warnings=batch.warnings, progress=progress,
                                runner=runner)
    print_problems(batch)
    empty = _no_disclosure(batch)
    for line in result.errors:
        print(f"error: {shown(line)}", file=sys.stderr)
    for e in result.failed:
        print(f"error: report {e.slug}: {shown(e.error)}", file=sys.stderr)
    print(result.index)
    return 1 if empty or batch.errors or result.errors or result.failed or not batch.disclosures else 0


def cmd_report(args) -> int:
    return report(args.paths, args.out, processed=args.processed, progress=not args.no_progress,
                  workers=args.workers, scheduler=args.scheduler)


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"parse": cmd_parse, "audit": cmd_audit, "report": cmd_report}[args.command](args)
    except OutputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
