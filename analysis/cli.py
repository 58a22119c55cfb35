"""Command line: ``budget-audit parse|audit|report PATH...``.

The engine lives in the package; this module only reads arguments, calls it and prints.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__


def _parse_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="PDF or text files, or folders holding them (grouped into department-years)")
    p.add_argument("--out", metavar="DIR", help="write results under DIR (e.g. data/processed)")
    p.add_argument("--json", action="store_true", help="print one JSON object per disclosure (JSON Lines)")


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
                   help="also write parsed tables and findings here (e.g. data/processed)")
    r.add_argument("--no-progress", action="store_true", help="do not draw a progress bar")
    return ap


def _print_errors(errors) -> None:
    for e in errors:
        print(f"error: {e}", file=sys.stderr)


def cmd_parse(args) -> int:
    from .parse import parse_paths
    from .store import summary, write_disclosure

    disclosures, errors = parse_paths(args.paths)
    _print_errors(errors)
    for d in disclosures:
        if args.out:
            path = write_disclosure(d, args.out)
            if not args.json:
                print(f"{d.department} {d.year}: {len(d.tables)} tables, {len(d.claims)} claims, "
                      f"{len(d.performance)} performance targets -> {path}")
        if args.json:
            print(json.dumps(summary(d), ensure_ascii=False))
        elif not args.out:
            print(f"{d.department} {d.year}: {len(d.tables)} tables, {len(d.claims)} claims, "
                  f"{len(d.performance)} performance targets")
    if args.out and not args.json:
        print(f"output: {Path(args.out).resolve()}")
    if not disclosures and not errors:
        print("error: no disclosure found in the given paths", file=sys.stderr)
        return 1
    return 1 if errors else 0


def cmd_audit(args) -> int:
    from .checks import audit
    from .parse import parse_paths
    from .store import write_disclosure

    disclosures, errors = parse_paths(args.paths)
    _print_errors(errors)
    results = audit(disclosures)
    for d, res in zip(disclosures, results):
        if args.out:
            path = write_disclosure(d, args.out, extra_files=res.files())
            if not args.json:
                print(f"{d.department} {d.year}: {res.counts()} score {res.score.total:.1f} -> {path}")
        if args.json:
            print(json.dumps(res.to_json(), ensure_ascii=False))
        elif not args.out:
            print(f"{d.department} {d.year}: {res.counts()} score {res.score.total:.1f}")
            for f in res.findings:
                print(f"  [{f.severity}] {f.check} p{f.page} {f.message}")
    if not disclosures and not errors:
        print("error: no disclosure found in the given paths", file=sys.stderr)
        return 1
    return 1 if errors else 0


def cmd_report(args) -> int:
    from .reports import build_reports

    return build_reports(args.paths, args.out, processed=args.processed, progress=not args.no_progress)


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"parse": cmd_parse, "audit": cmd_audit, "report": cmd_report}[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
