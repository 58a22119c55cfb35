"""The two PDF readers against each other: every shared document with a hand-verified key
(``tests/keys/*.json``, the PDFs among them) and the bundled sample, read with pdfplumber (the
reference) and with PDFium, must give the same disclosures — the same tables (kinds, pages,
columns, rows with their codes, names and amounts, confidence), the same located figures, the same
narrative claims, the same findings and score. ``--reader pdfium`` is the default only while this
holds with no difference at all.

Run as a script (``python -m tests.test_readers``) it prints every difference it finds.
"""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from .conftest import CORPUS, needs_shared

KEYS = sorted((Path(__file__).resolve().parent / "keys").glob("*.json"))


def _key_files(path: Path) -> list:
    return [CORPUS / f for f in json.loads(path.read_text(encoding="utf-8"))["files"]]


PDF_KEYS = [p.name for p in KEYS if any(f.lower().endswith(".pdf") for f in
                                          json.loads(p.read_text(encoding="utf-8"))["files"])]


def _table(t) -> dict:
    return {"id": t.id, "kind": t.kind, "title": t.title, "label": t.label, "unit": t.unit, "pages": t.pages,
            "year": t.year, "confidence": None if t.confidence is None else round(t.confidence, 6),
            "columns": [(c.key, c.label) for c in t.columns],
            "rows": [(r.index, r.code, r.name, r.level, r.section, r.page, sorted((k, str(v)) for k, v in r.amounts.items()),
                      sorted(r.blank), sorted(r.placeholders.items()), sorted(r.unreadable.items()), r.flags)
                     for r in t.rows]}


def outcome(files: list, reader: str) -> dict:
    """What the project makes of ``files`` read with ``reader``: a comparable, JSON-able dict."""
    from analysis.pipeline import Runner, run
    from analysis.settings import DEFAULT

    batch = run(files, Runner(), settings=replace(DEFAULT, reader=reader))
    out = {"errors": sorted(e.line() for e in batch.errors), "warnings": sorted(batch.warnings), "disclosures": []}
    for d, res in batch.pairs:
        out["disclosures"].append({
            "identity": [d.department, d.year, d.kind, d.scope],
            "tables": [_table(t) for t in d.tables],
            "figures": sorted(json.dumps(f.to_dict(), ensure_ascii=False, sort_keys=True, default=str) for f in d.figures),
            "claims": sorted((c.metric, str(c.value), c.unit, c.page, c.subject) for c in d.claims),
            "findings": sorted(json.dumps(f.to_dict(), ensure_ascii=False, sort_keys=True, default=str)
                               for f in res.findings),
            "score": None if res.score is None else res.score.to_dict(),
        })
    return json.loads(json.dumps(out, ensure_ascii=False, default=str))


def differences(a, b, where: str = "") -> list:
    """Every place where ``a`` and ``b`` (outcomes) differ, as lines."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [line for k in sorted(set(a) | set(b)) for line in differences(a.get(k), b.get(k), f"{where}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [line for i, (x, y) in enumerate(zip(a, b)) for line in differences(x, y, f"{where}[{i}]")]
    if a == b:
        return []
    if isinstance(a, list) and isinstance(b, list) and all(isinstance(x, str) for x in a + b):
        only_a = [x for x in a if x not in b]
        only_b = [x for x in b if x not in a]
        return [f"{where}: pdfplumber only: {x}" for x in only_a] + [f"{where}: pdfium only: {x}" for x in only_b]
    return [f"{where}: pdfplumber {json.dumps(a, ensure_ascii=False)[:400]} | pdfium {json.dumps(b, ensure_ascii=False)[:400]}"]


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize("name", PDF_KEYS)
def test_both_readers_give_the_same_disclosures(name):
    files = _key_files(next(p for p in KEYS if p.name == name))
    diff = differences(outcome(files, "pdfplumber"), outcome(files, "pdfium"))
    assert not diff, "\n".join(diff[:40])


def main(names: list) -> int:
    total = 0
    for name in names or PDF_KEYS:
        files = _key_files(next(p for p in KEYS if p.name == name))
        diff = differences(outcome(files, "pdfplumber"), outcome(files, "pdfium"))
        total += len(diff)
        print(f"== {name}: {len(diff)} differences", flush=True)
        for line in diff[:60]:
            print("  " + line, flush=True)
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


@pytest.mark.slow
def test_the_sample_gives_the_same_disclosure_with_both_readers():
    from .conftest import SAMPLE

    if not SAMPLE.exists():
        pytest.skip("bundled sample PDF not built yet")
    assert not differences(outcome([SAMPLE], "pdfplumber"), outcome([SAMPLE], "pdfium"))
