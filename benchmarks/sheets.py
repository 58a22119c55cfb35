"""Workbooks on the shared corpus: reading speed and what is found.

Prints, per workbook of ``../shared/corpus/spreadsheets`` (or the paths given): its sheets, the
seconds to read it into pages (``analysis.inputs.read_source``) and to parse it
(``parse_document``: segments, tables, kinds), the tables found with their kinds and confidence;
then the same for a copy of the department form filled with the figures of
``tests/test_inputs_spreadsheets.py``, with its audit's time and its arithmetic findings (0
expected: the figures tie out).

Run: ``.venv/bin/python benchmarks/sheets.py [--repeat N] [PATH ...]``.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT.parent / "shared" / "corpus" / "spreadsheets"


def timed(fn, repeat: int) -> tuple:
    """(median seconds of ``repeat`` runs, the last result)."""
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def one(path: Path, repeat: int) -> None:
    from analysis.inputs import read_source
    from analysis.parse.document import parse_document

    t_read, doc = timed(lambda: read_source(path), repeat)
    t_parse, parsed = timed(lambda: parse_document(path), repeat)
    kinds = [t.kind for t in parsed.tables]
    conf = min((t.confidence or 0 for t in parsed.tables), default=0)
    print(f"{path.name}: {len(doc.pages)} sheets, read {t_read:.3f} s ({t_read / len(doc.pages) * 1000:.1f} ms/sheet), "
          f"parse {t_parse:.3f} s; {len(kinds)} tables, lowest confidence {conf:.2f}")
    print("   " + ", ".join(kinds))


def filled(src: Path, repeat: int) -> None:
    from analysis.checks import audit
    from analysis.parse.grouping import parse_paths
    from tests.test_inputs_spreadsheets import fill_department_form

    with tempfile.TemporaryDirectory() as tmp:
        path = fill_department_form(src, Path(tmp) / "filled-department-form.xlsx")
        one(path, repeat)
        t_audit, res = timed(lambda: audit(parse_paths([str(path)])[0])[0], repeat)
        arithmetic = [f for f in res.findings if f.check.startswith("arithmetic.")]
        print(f"   parse + audit {t_audit:.3f} s; arithmetic findings: {len(arithmetic)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = args.paths or (sorted(DEFAULT.glob("*.xls*")) if DEFAULT.is_dir() else [])
    if not files:
        print(f"no workbook given and {DEFAULT} is absent")
        return
    for f in files:
        one(f, args.repeat)
    form = next((f for f in files if "部门" in f.name and f.suffix == ".xlsx"), None)
    if form is not None:
        print("filled copy of", form.name)
        filled(form, args.repeat)


if __name__ == "__main__":
    main()
