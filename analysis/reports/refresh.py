"""Re-execute the committed report notebooks in place on the bundled sample.

``python -m analysis.reports.refresh`` (``make notebooks``) runs
``notebooks/department_audit.ipynb`` and ``notebooks/comparison.ipynb`` with the sample
(``data/raw/chongqing-tongnan-govoffice-2025.pdf``) so that they carry outputs for nbval.
Run-specific metadata (papermill timings, kernel start times) is dropped so that a refresh
without code or data changes gives no diff.
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import COMPARISON_NOTEBOOK, DEPARTMENT_NOTEBOOK, NOTEBOOKS, REPO_ROOT, atomic_write_bytes, execute_notebook

SAMPLE = REPO_ROOT / "data" / "raw" / "chongqing-tongnan-govoffice-2025.pdf"


def _relative(p: Path) -> str:
    # paths as the notebooks see them: relative to notebooks/ (nbval runs the kernel there)
    return str(Path("..") / p.relative_to(REPO_ROOT))


def clean(nb) -> None:
    """Drop run-specific metadata; keep outputs."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    for i, cell in enumerate(nb.cells):
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"   # papermill makes a random id on every run
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)


def refresh(sample: Path = SAMPLE) -> int:
    import nbformat

    if not sample.exists():
        print(f"error: sample not found: {sample} (run `make sample`)", file=sys.stderr)
        return 1
    params = {"paths": [_relative(sample)]}
    for src in (DEPARTMENT_NOTEBOOK, COMPARISON_NOTEBOOK):
        extra = {"department": None, "year": None} if src == DEPARTMENT_NOTEBOOK else {}
        nb = execute_notebook(src, {**params, **extra, "output_dir": None}, cwd=NOTEBOOKS)
        clean(nb)
        text = nbformat.writes(nb)
        atomic_write_bytes(src, (text if text.endswith("\n") else text + "\n").encode("utf-8"))
        print(f"refreshed {src.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(refresh())
