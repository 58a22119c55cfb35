"""Reading accuracy on the shared corpus, measured against the hand-verified keys.

For every key in ``tests/keys/`` and ``tests/keys/pending/`` (one disclosure each) prints: tables
found / expected (kind and pages as the key lists them), extra tables, tables read with confidence,
key figures right / given, and the audit's `error` findings: verified (listed in the key's ``errors``,
checked on the page) and false (any other). A summary sums the columns and counts the false errors
per check; ``--false`` lists every false error.

Run: ``make accuracy`` or ``.venv/bin/python benchmarks/accuracy.py [KEY_NAME_PART ...] [--false]``.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.checks import audit  # noqa: E402
from analysis.figures import headline_figures  # noqa: E402
from analysis.parse import parse_paths  # noqa: E402

KEYS = ROOT / "tests" / "keys"
CORPUS = ROOT.parent / "shared" / "corpus"
ITEMS = ("three_public_overseas", "three_public_vehicle_purchase", "three_public_vehicle_operation",
         "three_public_reception")


def matches(kt: dict, t) -> bool:
    if t.kind != kt["kind"] or Path(t.file).name != Path(kt["file"]).name:
        return False
    return sorted(t.pages) == sorted(kt["pages"]) if kt["pages"] else (not kt["label"] or t.label == kt["label"])


def expected_figures(key: dict) -> dict:
    figs = {k: Decimal(v) for k, v in key["figures"].items() if v is not None}
    if all(k in figs for k in ITEMS):   # the project's 三公 figure is the sum of its items
        figs["three_public_total"] = sum((figs[k] for k in ITEMS), Decimal(0))
    return figs


def measure(path: Path) -> dict:
    key = json.loads(path.read_text(encoding="utf-8"))
    ds, errors = parse_paths([CORPUS / f for f in key["files"]])
    out = {"name": path.stem, "pending": path.parent.name == "pending", "disclosures": len(ds),
           "input_errors": len(errors)}
    if len(ds) != 1:
        return out
    d = ds[0]
    found = sum(any(matches(kt, t) for t in d.tables) for kt in key["tables"])
    figs = headline_figures(d)
    want = expected_figures(key)
    wrong = sorted(k for k, v in want.items() if figs[k].value != v)
    [result] = audit([d])
    verified = {tuple(e) for e in key["errors"]}
    errs = [(f.check, f.page or 0, f.code or f.item) for f in result.findings if f.severity == "error"]
    out.update(tables=f"{found}/{len(key['tables'])}",
               extra=sum(not any(matches(kt, t) for kt in key["tables"]) for t in d.tables),
               confident=f"{sum(t.readable for t in d.tables)}/{len(d.tables)}",
               figures=f"{len(want) - len(wrong)}/{len(want)}", wrong_figures=wrong,
               verified=sum(e in verified for e in errs),
               false=[e for e in errs if e not in verified])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("only", nargs="*", help="measure only keys whose name holds one of these")
    ap.add_argument("--false", action="store_true", help="list every false error and wrong figure")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no shared corpus at {CORPUS}", file=sys.stderr)
        return 2
    paths = sorted(KEYS.glob("*.json")) + sorted((KEYS / "pending").glob("*.json"))
    keys = [p for p in paths if not args.only or any(s in p.name for s in args.only)]
    print(f"{'disclosure':40s} {'tables':>7s} {'extra':>5s} {'read':>6s} {'figures':>8s} {'verified':>8s} {'false':>6s}")
    by_check, totals = Counter(), Counter()
    for path in keys:
        m = measure(path)
        name = ("(pending) " if m["pending"] else "") + m["name"]
        if "tables" not in m:
            print(f"{name:40s} parsed into {m['disclosures']} disclosures, {m['input_errors']} input errors")
            continue
        by_check.update(e[0] for e in m["false"])
        right, given = map(int, m["figures"].split("/"))
        totals.update(verified=m["verified"], false=len(m["false"]), right=right, given=given, docs=1)
        print(f"{name:40s} {m['tables']:>7s} {m['extra']:>5d} {m['confident']:>6s} {m['figures']:>8s} "
              f"{m['verified']:>8d} {len(m['false']):>6d}")
        if args.false:
            for e in m["false"]:
                print(f"    false error: {e}")
            if m["wrong_figures"]:
                print(f"    wrong figures: {', '.join(m['wrong_figures'])}")
    print(f"{'all (' + str(totals['docs']) + ' disclosures)':40s} {'':>7s} {'':>5s} {'':>6s} "
          f"{totals['right']:>4d}/{totals['given']:<3d} {totals['verified']:>8d} {totals['false']:>6d}")
    print("false errors by check: " + (", ".join(f"{k} {v}" for k, v in by_check.most_common()) or "none"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
