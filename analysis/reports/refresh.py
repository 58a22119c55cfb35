"""Re-execute the committed report notebooks in place on the bundled sample.

``python -m analysis.reports.refresh`` (``make notebooks``, after ``make processed`` has
parsed and audited ``data/raw`` into ``data/processed`` and built their dataset in
``data/dataset``) runs ``notebooks/department_audit.ipynb`` on the sample's processed folder
and ``notebooks/comparison.ipynb`` on the dataset, each in a fresh kernel as
nbval will, so that they carry outputs for nbval. Run-specific metadata (kernel start times,
execution timings) is dropped so that a refresh without code or data changes gives no diff.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..store import ProcessedError, load_many
from .kernel import execute_notebook
from .output import atomic_write_bytes
from .pages import notebook_text, renumber
from .paths import COMPARISON_NOTEBOOK, DEPARTMENT_NOTEBOOK, NOTEBOOKS, REPO_ROOT

SAMPLE = REPO_ROOT / "data" / "raw" / "chongqing-tongnan-govoffice-2025.pdf"
PROCESSED = REPO_ROOT / "data" / "processed"
DATASET = REPO_ROOT / "data" / "dataset"


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


def sample_folder(processed: Path = PROCESSED, sample: Path = SAMPLE) -> Path:
    """The processed folder of the sample in ``processed`` (the one disclosure read from it)."""
    found = [p.path for p in load_many(processed)
             if [Path(f.path).name for f in p.disclosure.files] == [sample.name]]
    if len(found) != 1:
        raise ProcessedError(f"{processed}: expected one processed folder of {sample.name}, found {len(found)} "
                             "(run `make processed`)")
    return found[0]


def refresh(processed: Path = PROCESSED) -> int:
    try:
        folder = sample_folder(processed)
    except ProcessedError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    rel = _relative(folder.resolve())
    for src, params in ((DEPARTMENT_NOTEBOOK, {"processed": rel, "rubric": "../docs/score.md"}),
                        (COMPARISON_NOTEBOOK, {"dataset": _relative(DATASET)})):
        nb = execute_notebook(src, params, cwd=NOTEBOOKS, fresh=True)
        renumber(nb)
        clean(nb)
        atomic_write_bytes(src, notebook_text(nb).encode("utf-8"))
        print(f"refreshed {src.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(refresh())
