"""Report speed: the time per disclosure, and a batch on 1 and 2 workers.

Prints, for the bundled sample and for a batch (``../shared/corpus`` when present, else four
variants of the sample, each its own department):
- parse + audit alone (``budget-audit audit``, no reports), the floor a batch cannot beat;
- ``budget-audit report`` end to end (processes, parse, audit, processed data, every notebook,
  HTML, index), as a user runs it, with ``--workers 1`` and ``--workers 2``;
- the report time per disclosure and the speed-up of 2 workers over 1.

Timings are wall-clock seconds of the command (a fresh process each time, as ``make reports``
runs it). Run: ``make bench-report`` or ``.venv/bin/python benchmarks/report.py [--repeat N] [PATH]``.
Goal (issue 8): the sample's report under 8 s; a batch costs little more than parse + audit.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "chongqing-tongnan-govoffice-2025.pdf"
CORPUS = ROOT.parent / "shared" / "corpus"
BIN = [sys.executable, "-m", "analysis"]


def timed(args: list, repeat: int) -> float:
    """Median wall-clock seconds of ``budget-audit ARGS``."""
    times = []
    for _ in range(repeat):
        out = Path(tempfile.mkdtemp(prefix="bench-report-"))
        try:
            cmd = [*BIN, *[a.replace("{out}", str(out / "out")) for a in map(str, args)]]
            t = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            times.append(time.perf_counter() - t)
            if proc.returncode not in (0, 1):
                raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
        finally:
            shutil.rmtree(out, ignore_errors=True)
    return statistics.median(times)


def disclosures(path: Path) -> int:
    proc = subprocess.run([*BIN, "parse", str(path), "--json"], capture_output=True, text=True, cwd=ROOT)
    return sum(1 for line in proc.stdout.splitlines() if line.startswith("{"))


def sample_variants(folder: Path, n: int = 4) -> Path:
    """``n`` disclosures built from the sample, each with its own department name."""
    sys.path.insert(0, str(ROOT))
    from analysis.sample.build import build, load_data

    text = json.dumps(load_data(), ensure_ascii=False)
    for i in range(n):
        name = f"重庆市潼南区测试{'一二三四五六七八'[i]}局"
        build(folder / f"variant-{i}-2025.pdf", json.loads(text.replace("重庆市潼南区人民政府办公室", name)
                                                             .replace("潼南区人民政府办公室", name[3:])))
    return folder


def bench(label: str, path: Path, repeat: int) -> None:
    n = disclosures(path)
    pa = timed(["audit", path, "--workers", "1"], repeat)
    r1 = timed(["report", path, "--out", "{out}", "--no-progress", "--workers", "1"], repeat)
    r2 = timed(["report", path, "--out", "{out}", "--no-progress", "--workers", "2"], repeat)
    print(f"\n{label}: {path} ({n} disclosure{'s' if n != 1 else ''}, median of {repeat})")
    print(f"  parse + audit only, 1 worker   {pa:7.1f} s")
    print(f"  report, 1 worker               {r1:7.1f} s   {r1 / max(n, 1):5.1f} s per disclosure"
          f"   (+{r1 - pa:.1f} s over parse + audit)")
    print(f"  report, 2 workers              {r2:7.1f} s   {r2 / max(n, 1):5.1f} s per disclosure")
    print(f"  speed-up on 2 workers          {r1 / r2:7.2f} x")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path, help="batch to time (default: ../shared/corpus, else sample variants)")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    if not SAMPLE.exists():
        print(f"error: sample missing: {SAMPLE} (run make sample)", file=sys.stderr)
        return 1
    bench("sample (make reports)", SAMPLE, args.repeat)
    batches = args.paths or ([CORPUS] if CORPUS.is_dir() else [])
    with tempfile.TemporaryDirectory(prefix="bench-variants-") as tmp:
        if not batches:
            batches = [sample_variants(Path(tmp))]
        for p in batches:
            bench("batch", p, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
