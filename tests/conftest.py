"""Shared test fixtures: the real corpus beside the repo (../shared) and the bundled sample."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
JIANGSU = CORPUS / "jiangsu"
CHONGQING_TXT = next(iter(sorted((CORPUS / "chongqing-tongnan-2025").glob("*.txt"))), None) \
    if (CORPUS / "chongqing-tongnan-2025").is_dir() else None
SAMPLE = ROOT / "data" / "raw" / "chongqing-tongnan-govoffice-2025.pdf"

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
