"""Reading accuracy on the shared corpus, measured against the hand-verified keys.

For every key in ``tests/keys/`` (one disclosure each) prints: tables found / expected (kind and
pages as the key lists them), extra tables, tables read with confidence, key figures right /
given, and the audit's error findings by check. A last line sums the columns.

Run: ``make accuracy`` or ``.venv/bin/python benchmarks/accuracy.py [KEY_NAME_PART ...]``.
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
    from analysis.checks import audit
    from analysis.figures import headline_figures
    from analysis.parse import parse_paths

    key = json.loads(path.read_text(encoding="utf-8"))
    ds, errors = parse_paths([CORPUS / f for f in key["files"]])
    out = {"name": path.stem, "disclosures": len(ds), "input_errors": len(errors)}
    if len(ds) != 1:
        return out
    d = ds[0]
    found = sum(any(matches(kt, t) for t in d.tables) for kt in key["tables"])
    figs = headline_figures(d)
    want = expected_figures(key)
    right = sum(figs[k].value == v for k, v in want.items())
    [result] = audit([d])
    out.update(tables=f"{found}/{len(key['tables'])}",
               extra=sum(not any(matches(kt, t) for kt in key["tables"]) for t in d.tables),
               confident=f"{sum(t.readable for t in d.tables)}/{len(d.tables)}",
               figures=f"{right}/{len(want)}",
               errors=Counter(f.check for f in result.findings if f.severity == "error"))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("only", nargs="*", help="measure only keys whose name holds one of these")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no shared corpus at {CORPUS}", file=sys.stderr)
        return 2
    keys = [p for p in sorted(KEYS.glob("*.json")) if not args.only or any(s in p.name for s in args.only)]
    print(f"{'disclosure':38s} {'tables':>7s} {'extra':>5s} {'read':>6s} {'figures':>8s} {'errors':>6s}  by check")
    total = Counter()
    for path in keys:
        m = measure(path)
        if "tables" not in m:
            print(f"{m['name']:38s} parsed into {m['disclosures']} disclosures, {m['input_errors']} input errors")
            continue
        errs = m["errors"]
        total.update(errs)
        print(f"{m['name']:38s} {m['tables']:>7s} {m['extra']:>5d} {m['confident']:>6s} {m['figures']:>8s} "
              f"{sum(errs.values()):>6d}  {', '.join(f'{k} {v}' for k, v in sorted(errs.items()))}")
    print(f"{'all':38s} {'':>7s} {'':>5s} {'':>6s} {'':>8s} {sum(total.values()):>6d}  "
          f"{', '.join(f'{k} {v}' for k, v in sorted(total.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
