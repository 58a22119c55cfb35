"""Read speed, side by side in one run: seconds per page of

- ``pdftotext -layout`` (poppler), the floor, where it is installed;
- a bare pdfplumber pass (``extract_text`` on every page: pdfminer builds every page's objects);
- the pdfium reader's page objects alone (characters with boxes, drawn paths: ``analysis.inputs.pdfium``);
- the project end to end, parse + audit (``analysis.pipeline.run`` in this process), with each
  reader: cold (every file read) and cached (a re-run on unchanged files: the source-document cache);
- ``budget-audit audit --workers 2`` (the default reader, a fresh process as a user runs it, so its
  start and imports count): files in parallel and large files in page ranges, cold and cached;
- ``budget-audit report`` on 1 and on 2 workers (a fresh process and a fresh cache each: read, parse,
  audit, every notebook rendered to HTML, the index): seconds and disclosures per minute.

The files are the PDFs of the hand-verified keys (``tests/keys/*.json``: 19 disclosures of Jiangsu and
Shanghai, a named sample of ``../shared/corpus`` that runs in a few minutes), or the PDFs under the
paths given. Numbers are wall-clock seconds on this machine; the ratio column is against bare
pdfplumber in the same run.

Run: ``.venv/bin/python benchmarks/read_speed.py [PATH ...]``.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def key_pdfs() -> list:
    files = []
    for key in sorted((ROOT / "tests" / "keys").glob("*.json")):
        files += [CORPUS / f for f in json.loads(key.read_text(encoding="utf-8"))["files"] if f.lower().endswith(".pdf")]
    return sorted(set(files))


def pdf_files(paths) -> list:
    out = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.pdf")) if p.is_dir() else [p])
    return [f for f in out if f.suffix.lower() == ".pdf" and f.is_file()]


def count_pages(files) -> int:
    import pypdfium2

    n = 0
    for f in files:
        doc = pypdfium2.PdfDocument(str(f))
        n += len(doc)
        doc.close()
    return n


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def pdftotext(files) -> None:
    for f in files:
        subprocess.run(["pdftotext", "-layout", "-q", str(f), "-"], stdout=subprocess.DEVNULL, check=False)


def bare_pdfplumber(files) -> None:
    import pdfplumber

    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.flush_cache()


def bare_pdfium(files) -> None:
    from analysis.inputs.pdfium import open_pdfium

    for f in files:
        doc = open_pdfium(f)
        for page in doc.pages:
            page.chars, page.lines       # noqa: B018 - loads the page's characters and paths
            page.flush_cache()
        doc.close()


def end_to_end(files, reader: str, cache_dir: str) -> tuple:
    """(seconds of a cold run, seconds of the re-run from the cache, findings per run equal)."""
    from analysis.inputs import cache
    from analysis.pipeline import Runner, run
    from analysis.settings import DEFAULT

    settings = replace(DEFAULT, reader=reader)
    os.environ[cache.ENV] = cache_dir
    out = []
    times = []
    for _ in range(2):
        t = time.perf_counter()
        batch = run(files, Runner(), settings=settings)
        times.append(time.perf_counter() - t)
        out.append(sorted(json.dumps(r.to_json(), ensure_ascii=False, sort_keys=True, default=str) for r in batch.results))
    return times[0], times[1], out[0] == out[1], out[0]


def audit_command(files, workers: int, cache_dir: str) -> tuple:
    """(seconds of a cold run, seconds of the re-run) of ``budget-audit audit --workers N FILES``."""
    env = dict(os.environ, BUDGET_AUDIT_CACHE=cache_dir)
    cmd = [sys.executable, "-m", "analysis", "audit", "--workers", str(workers), *map(str, files)]
    return tuple(timed(lambda: subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                              stderr=subprocess.DEVNULL, check=False)) for _ in range(2))


def report_command(files, workers: int) -> float:
    """Seconds of ``budget-audit report --workers N FILES`` into a fresh folder, with a fresh cache."""
    folder = tempfile.mkdtemp(prefix="budget-audit-bench-report-")
    try:
        env = dict(os.environ, BUDGET_AUDIT_CACHE=os.path.join(folder, "cache"))
        cmd = [sys.executable, "-m", "analysis", "report", "--out", os.path.join(folder, "out"), "--no-progress",
               "--workers", str(workers), *map(str, files)]
        t = time.perf_counter()
        proc = subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - t
        if proc.returncode not in (0, 1):
            raise SystemExit(f"report failed ({proc.returncode}): {proc.stderr[-2000:]}")
        return seconds
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help="PDF files or folders (default: the PDFs of tests/keys)")
    args = ap.parse_args(argv)
    files = pdf_files(args.paths) if args.paths else key_pdfs()
    if not files:
        print("no PDF found (is ../shared/corpus present?)", file=sys.stderr)
        return 1
    pages = count_pages(files)
    print(f"{len(files)} PDFs, {pages} pages", flush=True)
    rows = []
    if shutil.which("pdftotext"):
        rows.append(("pdftotext -layout", timed(lambda: pdftotext(files))))
    base = timed(lambda: bare_pdfplumber(files))
    rows.append(("bare pdfplumber (extract_text)", base))
    rows.append(("pdfium reader, page objects only", timed(lambda: bare_pdfium(files))))
    findings = {}
    for reader in ("pdfplumber", "pdfium"):
        folder = tempfile.mkdtemp(prefix="budget-audit-bench-cache-")
        try:
            cold, warm, same, findings[reader] = end_to_end(files, reader, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        rows.append((f"project parse + audit, {reader}, cold", cold))
        rows.append((f"project parse + audit, {reader}, cached" + ("" if same else " (FINDINGS DIFFER)"), warm))
    folder = tempfile.mkdtemp(prefix="budget-audit-bench-cache-")
    try:
        cold, warm = audit_command(files, 2, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rows.append(("budget-audit audit --workers 2, cold", cold))
    rows.append(("budget-audit audit --workers 2, cached", warm))
    print(f"\n{'what':48} {'s total':>8} {'s/page':>8} {'x bare pdfplumber':>18}")
    for name, secs in rows:
        print(f"{name:48} {secs:8.2f} {secs / pages:8.4f} {secs / base:18.2f}")
    n = len(findings["pdfium"])
    print(f"\n{'budget-audit report (cold), ' + str(n) + ' disclosures':48} {'s total':>8} {'per minute':>12}")
    for workers in (1, 2):
        secs = report_command(files, workers)
        print(f"{f'--workers {workers}':48} {secs:8.2f} {60 * n / secs:12.1f}", flush=True)
    print(f"\nfindings with pdfium {'identical to' if findings['pdfium'] == findings['pdfplumber'] else 'DIFFERENT from'} "
          "pdfplumber's on these files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
