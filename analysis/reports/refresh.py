"""Re-execute the committed report notebooks in place on the bundled sample.

``python -m analysis.reports.refresh`` (``make notebooks``) parses and audits the sample
(``data/raw/chongqing-tongnan-govoffice-2025.pdf``) once into ``data/processed``, then runs
``notebooks/department_audit.ipynb`` and ``notebooks/comparison.ipynb`` on that processed
folder, each in a fresh kernel as nbval will, so that they carry outputs for nbval.
Run-specific metadata (kernel start times, execution timings) is dropped so that a refresh
without code or data changes gives no diff.
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import COMPARISON_NOTEBOOK, DEPARTMENT_NOTEBOOK, NOTEBOOKS, REPO_ROOT, atomic_write_bytes, renumber
from .kernel import execute_notebook

SAMPLE = REPO_ROOT / "data" / "raw" / "chongqing-tongnan-govoffice-2025.pdf"
PROCESSED = REPO_ROOT / "data" / "processed"


def _relative(p: Path) -> str:
    # paths as the notebooks see them: relative to notebooks/ (nbval runs the kernel there)
    return str(Path("..") / p.relative_to(REPO_ROOT))


def clean(nb) -> None:
    """Drop run-specific metadata; keep outputs."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"   # papermill makes a random id on every run
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)


def process_sample(sample: Path = SAMPLE, processed: Path = PROCESSED) -> Path:
    """Parse and audit the sample once into ``processed``; return its folder."""
    from ..pipeline import print_problems, run, slugs
    from ..store import write_disclosure

    batch = run([sample])
    print_problems(batch)
    if len(batch.disclosures) != 1:
        raise SystemExit(f"error: {sample}: expected one disclosure, got {len(batch.disclosures)}")
    d, res = batch.disclosures[0], batch.results[0]
    return write_disclosure(d, processed, result=res, name=slugs([d])[0])


def refresh(sample: Path = SAMPLE) -> int:
    import nbformat

    if not sample.exists():
        print(f"error: sample not found: {sample} (run `make sample`)", file=sys.stderr)
        return 1
    folder = process_sample(sample)
    rel = _relative(folder)
    for src, params in ((DEPARTMENT_NOTEBOOK, {"processed": rel, "rubric": "../docs/score.md"}),
                        (COMPARISON_NOTEBOOK, {"processed": [rel]})):
        nb = execute_notebook(src, params, cwd=NOTEBOOKS, fresh=True)
        renumber(nb)
        clean(nb)
        text = nbformat.writes(nb)
        atomic_write_bytes(src, (text if text.endswith("\n") else text + "\n").encode("utf-8"))
        print(f"refreshed {src.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(refresh())
