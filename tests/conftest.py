"""Shared test fixtures: the real corpus beside the repo (../shared), the bundled sample, and the
sample's report set rendered once per session; the hypothesis profile of ``make test``."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
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

# ``make test`` runs with --hypothesis-profile=budget-audit: no deadline (a loaded machine must not
# fail a test by its timing), derandomized when CI is set (a run is repeatable there; locally each
# run explores new examples and prints the blob that reproduces a failure).
_CI = bool(os.environ.get("CI"))
settings.register_profile("budget-audit", deadline=None, derandomize=_CI, print_blob=True,
                          database=None if _CI else settings.default.database,
                          suppress_health_check=[HealthCheck.too_slow])


def pytest_collection_modifyitems(config, items):
    """Tests that use the session's report set run on one xdist worker (``--dist loadgroup``),
    so the set is rendered once; every other test stays with its module (module fixtures are
    made once, and a notebook's cells run in order in one kernel)."""
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        group = "report-set" if "report_set" in getattr(item, "fixturenames", ()) else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


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
