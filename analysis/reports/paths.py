"""Where the report notebooks and the rubric live (the repository's own files)."""
from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO_ROOT / "notebooks"
DEPARTMENT_NOTEBOOK = NOTEBOOKS / "department_audit.ipynb"
COMPARISON_NOTEBOOK = NOTEBOOKS / "comparison.ipynb"
RUBRIC = REPO_ROOT / "docs" / "score.md"
RUBRIC_PAGE = "score.html"
DATASET = "dataset"      # the set's dataset folder (analysis.dataset), read by the comparison
