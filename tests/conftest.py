"""Shared test fixtures: the real corpus beside the repo (../shared), the bundled sample, and the
sample's report set rendered once per session (the hypothesis profile and the grouping of tests
on xdist workers are in the repository's root conftest.py, which the notebooks share)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Tests read every file anew (and never touch the user's ~/.cache): the source-document cache is
# off, in this process and the processes it starts, except where a test turns it on in a folder
# of its own (tests/test_source_cache.py).
os.environ["BUDGET_AUDIT_CACHE"] = "off"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
JIANGSU = CORPUS / "jiangsu"
CHONGQING_TXT = next(iter(sorted((CORPUS / "chongqing-tongnan-2025").glob("*.txt"))), None) \
    if (CORPUS / "chongqing-tongnan-2025").is_dir() else None
SAMPLE = ROOT / "data" / "raw" / "chongqing-tongnan-govoffice-2025.pdf"
SLUG = "重庆市潼南区人民政府办公室-2025"          # the sample's report and processed folder
BROKEN = "broken-2025.pdf"                        # a corrupt PDF beside the sample in the session's set

needs_shared = pytest.mark.skipif(not CORPUS.is_dir(),
                                  reason="../shared/corpus is absent (real disclosures live beside the repo in CI)")
needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="bundled sample PDF not built yet")

@pytest.fixture(scope="session")
def jiangsu():
    """All Jiangsu department-years, parsed once: {(canonical department, year): Disclosure}."""
    if not JIANGSU.is_dir():
        pytest.skip("../shared/corpus/jiangsu is absent")
    from analysis.parse import parse_paths
    from analysis.parse.titles import canonical_department

    ds, errors = parse_paths([JIANGSU])
    assert errors == []
    return {(canonical_department(d.department), d.year): d for d in ds}


@pytest.fixture(scope="session")
def chongqing_text():
    if CHONGQING_TXT is None:
        pytest.skip("../shared/corpus/chongqing-tongnan-2025 is absent")
    from analysis.parse import parse_paths

    ds, errors = parse_paths([CHONGQING_TXT])
    assert errors == [] and len(ds) == 1
    return ds[0]


@pytest.fixture(scope="session")
def sample():
    if not SAMPLE.exists():
        pytest.skip("bundled sample PDF not built yet")
    from analysis.parse import parse_paths

    ds, errors = parse_paths([SAMPLE])
    assert errors == [] and len(ds) == 1
    return ds[0]


@dataclass(frozen=True)
class ReportSetRun:
    """``budget-audit report RAW --out OUT --processed PROCESSED`` as a user runs it."""
    raw: Path          # the sample and a corrupt PDF
    out: Path
    processed: Path
    proc: subprocess.CompletedProcess

    @property
    def department(self) -> Path:
        return self.out / f"{SLUG}.html"


@pytest.fixture(scope="session")
def report_set(tmp_path_factory) -> ReportSetRun:
    """The sample's report set, rendered once per session by the command line (default workers),
    with a corrupt PDF beside the sample. Tests must not change it: copy it first."""
    if not SAMPLE.exists():
        pytest.skip("bundled sample PDF not built yet")
    base = tmp_path_factory.mktemp("report-set")
    raw, out, processed = base / "raw", base / "reports", base / "processed"
    raw.mkdir()
    shutil.copy(SAMPLE, raw / SAMPLE.name)
    (raw / BROKEN).write_bytes(b"%PDF-1.4\n this is not a PDF at all \n%%EOF")
    proc = subprocess.run([sys.executable, "-m", "analysis", "report", str(raw), "--out", str(out),
                           "--processed", str(processed), "--no-progress"],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert (out / "index.html").is_file(), proc.stderr[-3000:]
    return ReportSetRun(raw, out, processed, proc)
