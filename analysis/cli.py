"""Command line: ``budget-audit parse|audit|report PATH...``.

The engine lives in the package; this module only reads arguments, calls it and prints.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__


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
    r = sub.add_parser("report", help="render audit and comparison reports as HTML")
    r.add_argument("paths", nargs="+", metavar="PATH")
    r.add_argument("--out", metavar="DIR", default="reports", help="output folder (default: reports)")
    r.add_argument("--processed", metavar="DIR", default=None,
                   help="also write the parsed and audited disclosures here (e.g. data/processed)")
    r.add_argument("--no-progress", action="store_true", help="do not draw a progress bar")
    _scale(r)
    return ap


class _Fail(Exception):
    pass


def _check_out(path) -> None:
    """An --out folder must be usable before any work starts."""
    from .reports import OutputError, prepare_processed

    try:
        prepare_processed(path)
    except OutputError as e:
        raise _Fail(str(e).replace("--processed", "--out", 1)) from None


def _line(d) -> str:
    from .pipeline import shown

    extra = "" if d.kind == "budget" and d.scope == "department" else f" ({d.scope} {d.kind})"
    return f"{shown(d.department)} {d.year}{extra}"


def cmd_parse(args) -> int:
    from .pipeline import make_runner, parse_batch, print_problems, slugs
    from .store import summary, write_disclosure

    if args.out:
        _check_out(args.out)
    with make_runner(args.workers, args.scheduler) as runner:
        batch = parse_batch(args.paths, runner)
    print_problems(batch)
    for d, name in zip(batch.disclosures, slugs(batch.disclosures)):
        if args.out:
            path = write_disclosure(d, args.out, name=name)
            if not args.json:
                print(f"{_line(d)}: {len(d.tables)} tables, {len(d.claims)} claims, "
                      f"{len(d.performance)} performance targets -> {path}")
        if args.json:
            print(json.dumps(summary(d), ensure_ascii=False))
        elif not args.out:
            print(f"{_line(d)}: {len(d.tables)} tables, {len(d.claims)} claims, "
                  f"{len(d.performance)} performance targets")
    if args.out and not args.json:
        print(f"output: {Path(args.out).resolve()}")
    if not batch.disclosures and not batch.errors:
        print("error: no disclosure found in the given paths", file=sys.stderr)
        return 1
    return 1 if batch.errors else 0


def cmd_audit(args) -> int:
    from .pipeline import make_runner, print_problems, run, slugs
    from .store import write_disclosure

    if args.out:
        _check_out(args.out)
    with make_runner(args.workers, args.scheduler) as runner:
        batch = run(args.paths, runner)
    print_problems(batch)
    for d, res, name in zip(batch.disclosures, batch.results, slugs(batch.disclosures)):
        if args.out:
            path = write_disclosure(d, args.out, result=res, name=name)
            if not args.json:
                print(f"{_line(d)}: {res.counts()} score {res.score.total:.1f} -> {path}")
        if args.json:
            print(json.dumps(res.to_json(), ensure_ascii=False))
        elif not args.out:
            print(f"{_line(d)}: {res.counts()} score {res.score.total:.1f}")
            for f in res.findings:
                print(f"  [{f.severity}] {f.check} p{f.page} {f.message}")
    if not batch.disclosures and not batch.errors:
        print("error: no disclosure found in the given paths", file=sys.stderr)
        return 1
    return 1 if batch.errors else 0


def cmd_report(args) -> int:
    from .reports import OutputError, build_reports

    try:
        return build_reports(args.paths, args.out, processed=args.processed, progress=not args.no_progress,
                             workers=args.workers, scheduler=args.scheduler)
    except OutputError as e:
        raise _Fail(str(e)) from None


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"parse": cmd_parse, "audit": cmd_audit, "report": cmd_report}[args.command](args)
    except _Fail as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
