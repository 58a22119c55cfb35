"""A snapshot of what the tool reads and finds on the shared corpus, for before/after comparisons.

For every hand-verified key in ``tests/keys/`` (one disclosure each) and every city folder of
``../shared/corpus/cities-2026`` (a user's download folder, read as one batch), writes one JSON
object per disclosure: identity, tables (kind, pages, confidence, rows, unit, a digest of every row's
cells), headline figures,
and every finding (check, severity, page, code, item, message, expected, actual); plus the
batch's error and warning lines. Objects are sorted, so two snapshots compare with ``diff``.

A redesign that must keep behaviour is checked by taking a snapshot before and after it::

    .venv/bin/python benchmarks/snapshot.py --out /tmp/before.jsonl
    ... change ...
    .venv/bin/python benchmarks/snapshot.py --out /tmp/after.jsonl
    diff /tmp/before.jsonl /tmp/after.jsonl

Run ``--only NAME`` to snapshot only the keys or city folders whose name holds NAME.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import time
from contextlib import redirect_stderr
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KEYS = ROOT / "tests" / "keys"
CORPUS = ROOT.parent / "shared" / "corpus"
CITIES = CORPUS / "cities-2026"


def _s(v):
    return None if v is None else str(v)


def headline(d) -> dict:
    """Headline figures: the located figures stored with the disclosure."""
    from analysis.figures import headline_figures

    return {k: [_s(f.value), f.source, f.kind, f.page] for k, f in sorted(headline_figures(d).items())}


def rows_digest(t) -> str:
    """A digest of what a table reads: its column keys, and every row's name, code, side, page,
    amounts, blank, placeholder and unreadable cells (a change to any amount shows)."""
    rows = [[r.name, r.code, r.section, r.page, sorted((k, str(v)) for k, v in r.amounts.items()), sorted(r.blank),
             sorted(r.placeholders.items()), sorted(r.unreadable.items())] for r in t.rows]
    text = json.dumps([t.column_keys(), rows], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def disclosure_record(batch_name: str, d, result) -> dict:
    findings = sorted(
        ([f.check, f.severity, f.page or 0, f.code or "", f.item or "", f.message, _s(f.expected),
          _s(f.actual), f.table_id or ""] for f in result.findings),
        key=lambda x: [str(v) for v in x])
    return {
        "batch": batch_name,
        "department": d.department, "year": d.year, "kind": d.kind, "scope": d.scope,
        "files": sorted(Path(f.path).name for f in d.files),
        "tables": [[t.kind, Path(t.file).name, list(t.pages), t.confidence, len(t.rows), t.unit, rows_digest(t)]
                   for t in d.tables],
        "claims": len(d.claims), "performance": len(d.performance),
        "figures": headline(d),
        "score": None if result.score is None else round(result.score.total, 2),
        "findings": findings,
    }


def run_batch(name: str, paths: list) -> list:
    from analysis.pipeline import print_problems, run

    batch = run([str(p) for p in paths])
    buf = io.StringIO()
    with redirect_stderr(buf):
        print_problems(batch)
    out = [disclosure_record(name, d, r) for d, r in zip(batch.disclosures, batch.results)]
    problems = sorted(line.replace(str(CORPUS), "CORPUS") for line in buf.getvalue().splitlines())
    out.append({"batch": name, "problems": problems})
    return out


def batches(only: list) -> list:
    out = []
    for key in sorted(KEYS.glob("*.json")):
        files = json.loads(key.read_text(encoding="utf-8"))["files"]
        out.append((f"key:{key.stem}", [CORPUS / f for f in files]))
    if CITIES.is_dir():
        for city in sorted(p for p in CITIES.iterdir() if p.is_dir()):
            out.append((f"cities:{city.name}", [city]))
    return [(n, p) for n, p in out if not only or any(s in n for s in only)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="JSON Lines file to write")
    ap.add_argument("--only", nargs="*", default=[], help="only batches whose name holds one of these")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no shared corpus at {CORPUS}", file=sys.stderr)
        return 2
    lines = []
    for name, paths in batches(args.only):
        t0 = time.perf_counter()
        records = run_batch(name, paths)
        lines.extend(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)
        print(f"{name:45s} {len(records) - 1:3d} disclosures {time.perf_counter() - t0:6.1f} s", file=sys.stderr)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
