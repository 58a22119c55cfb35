"""Parse speed on the shared corpus, side by side in one run.

Prints seconds per page and per disclosure for
- ``budget-audit parse`` (the project's parser, through its Python entry point),
- a bare pdfplumber pass (``extract_text`` and ``extract_tables`` on every page),
- ``pdftotext -layout`` (poppler) as the floor, where it is installed.

Run: ``make bench`` or ``.venv/bin/python benchmarks/parse.py [--repeat N] [PATH ...]``.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT = [ROOT.parent / "shared" / "corpus"]


def pdf_files(paths) -> list:
    out = []
    for p in paths:
        p = Path(p)
        out.extend(sorted(p.rglob("*.pdf")) if p.is_dir() else [p])
    return [f for f in out if f.suffix.lower() == ".pdf"]


def bare_pdfplumber(files) -> None:
    import pdfplumber

    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                page.flush_cache()


def project_parser(files) -> int:
    from analysis.parse import parse_paths

    disclosures, errors = parse_paths(files)
    if errors:
        raise SystemExit(f"parse errors: {errors}")
    return len(disclosures)


def pdftotext(files) -> None:
    for f in files:
        subprocess.run(["pdftotext", "-layout", str(f), "-"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def timed(fn, files, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(files)
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3, help="runs per method; the median is reported")
    args = ap.parse_args()
    files = pdf_files(args.paths)
    if not files:
        print("no PDF found (is ../shared/corpus beside the repository?)")
        return 1
    import pdfplumber

    pages = 0
    for f in files:
        with pdfplumber.open(f) as pdf:
            pages += len(pdf.pages)
    n_disc = project_parser(files)  # warm-up; also counts department-years
    rows = [("budget-audit parse", timed(project_parser, files, args.repeat)),
            ("bare pdfplumber (extract_text + extract_tables)", timed(bare_pdfplumber, files, args.repeat))]
    if shutil.which("pdftotext"):
        rows.append(("pdftotext -layout (floor)", timed(pdftotext, files, args.repeat)))
    else:
        rows.append(("pdftotext -layout (floor)", None))
    print(f"corpus: {len(files)} PDF files, {pages} pages, {n_disc} disclosures; median of {args.repeat} runs")
    print(f"{'method':50s} {'total s':>9s} {'s/page':>9s} {'s/disclosure':>13s}")
    for name, secs in rows:
        if secs is None:
            print(f"{name:50s} {'n/a (poppler-utils not installed)':>33s}")
            continue
        print(f"{name:50s} {secs:9.3f} {secs / pages:9.4f} {secs / n_disc:13.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
