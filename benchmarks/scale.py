"""Scale benchmark: parse + audit + store + dataset over many disclosures on a local Dask cluster.

    python benchmarks/scale.py [--n 1000] [--workers 2] [--corpus] [--keep DIR]

Inputs are generated variations of the shared 重庆市潼南区人民政府办公室 2025 disclosure (its
extracted text, ``../shared/corpus/chongqing-tongnan-2025``): each copy is given its own department
name, so that every copy is a distinct department-year (identical content would be read once).
``--corpus`` adds every PDF and text file of ``../shared/corpus`` (real documents, slower per file).
The run uses the project's own ``DaskRunner`` on a ``distributed.LocalCluster`` of ``--workers``
single-threaded worker processes, exactly as ``--scheduler ADDRESS`` uses an existing cluster.

Prints: disclosures, seconds and disclosures per minute for parse + audit, seconds to write the
processed folders and to build the dataset, the dataset's size, the peak resident memory of each
worker and of this (the client) process, and the time of one query over the whole dataset.
Nothing is asserted: these are measurements (see docs/scale.md for what they mean).
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.dataset import build_dataset  # noqa: E402
from analysis.pipeline import DaskRunner, run, slugs  # noqa: E402
from analysis.reports import compare  # noqa: E402
from analysis.store import write_disclosure  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SOURCE = CORPUS / "chongqing-tongnan-2025"
NAME = "重庆市潼南区人民政府办公室"
DISTRICTS = ("潼南区", "合川区", "铜梁区", "大足区", "荣昌区", "璧山区", "永川区", "江津区")


def variants(folder: Path, n: int) -> list:
    """``n`` text disclosures, each the source with another department name (and district)."""
    src = next(iter(sorted(SOURCE.glob("*.txt"))), None)
    if src is None:
        raise SystemExit(f"{SOURCE}: absent; the scale benchmark generates its inputs from it")
    text = src.read_text(encoding="utf-8")
    out = []
    for i in range(n):
        district = DISTRICTS[i % len(DISTRICTS)]
        name = f"重庆市{district}第{i + 1:04d}局"
        body = text.replace(NAME, name).replace("潼南区", district)
        path = folder / f"{name}2025年部门预算.txt"
        path.write_text(body, encoding="utf-8")
        out.append(path)
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(paths: list, workers: int, work: Path) -> dict:
    from distributed import Client, LocalCluster

    figures: dict = {}
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        runner = DaskRunner(client)
        t0 = time.perf_counter()
        batch = run(paths, runner)
        figures["parse_audit_s"] = time.perf_counter() - t0
        figures["worker_peak_mb"] = sorted(round(v / 1024) for v in client.run(
            lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).values())
    figures["disclosures"] = len(batch.disclosures)
    figures["errors"] = len(batch.errors)
    processed = work / "processed"
    processed.mkdir()
    t0 = time.perf_counter()
    names = slugs(batch.disclosures)
    for d, res, name in zip(batch.disclosures, batch.results, names):
        write_disclosure(d, processed, result=res, name=name)
    figures["store_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = build_dataset(processed, work / "dataset")
    figures["dataset_s"] = time.perf_counter() - t0
    figures["rows"] = rows
    figures["dataset_mb"] = sum(p.stat().st_size for p in (work / "dataset").rglob("*") if p.is_file()) / 2**20
    con = compare.connect(work / "dataset")
    t0 = time.perf_counter()
    compare.rankings(con)
    compare.findings_by_check(con)
    figures["query_s"] = time.perf_counter() - t0
    con.close()
    figures["client_peak_mb"] = round(peak_mb())
    return figures


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="generated disclosures (default 1000)")
    ap.add_argument("--workers", type=int, default=2, help="Dask worker processes (default 2)")
    ap.add_argument("--corpus", action="store_true", help="add every document of ../shared/corpus")
    ap.add_argument("--keep", metavar="DIR", help="keep the processed folders and the dataset in DIR")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="budget-audit-scale-"))
    try:
        raw = work / "raw"
        raw.mkdir()
        paths = variants(raw, args.n)
        if args.corpus:
            paths += [p for p in CORPUS.rglob("*") if p.suffix.lower() in (".pdf", ".txt") and p.is_file()]
        f = measure(paths, args.workers, work)
        per_min = f["disclosures"] / f["parse_audit_s"] * 60
        print(f"inputs: {len(paths)} files ({args.n} generated{' + the shared corpus' if args.corpus else ''}); "
              f"Dask LocalCluster, {args.workers} worker processes x 1 thread")
        print(f"{'disclosures':<34}{f['disclosures']:>12}")
        print(f"{'input errors':<34}{f['errors']:>12}")
        print(f"{'parse + audit (s)':<34}{f['parse_audit_s']:>12.1f}")
        print(f"{'disclosures per minute':<34}{per_min:>12.1f}")
        print(f"{'write processed folders (s)':<34}{f['store_s']:>12.1f}")
        print(f"{'build dataset (s)':<34}{f['dataset_s']:>12.1f}")
        print(f"{'dataset size (MB)':<34}{f['dataset_mb']:>12.1f}")
        print(f"{'dataset rows: amounts':<34}{f['rows']['amounts']:>12}")
        print(f"{'dataset rows: findings':<34}{f['rows']['findings']:>12}")
        print(f"{'two comparison queries (s)':<34}{f['query_s']:>12.3f}")
        print(f"{'peak memory per worker (MB)':<34}{', '.join(map(str, f['worker_peak_mb'])):>12}")
        print(f"{'peak memory of the client (MB)':<34}{f['client_peak_mb']:>12}")
        if args.keep:
            shutil.copytree(work / "dataset", Path(args.keep) / "dataset", dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
