"""Every hand-verified key in tests/keys/ follows the format described in tests/keys/README.md."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

KEYS_DIR = Path(__file__).resolve().parent / "keys"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
KEY_FILES = sorted(KEYS_DIR.glob("*.json"))

REQUIRED = {"files", "department", "department_spellings", "year", "kind", "scope", "printed_units",
            "tables", "figures", "evidence", "notes"}
TABLE_REQUIRED = {"kind", "file", "pages", "title", "label", "empty"}
BUDGET_KINDS = {"department_summary", "department_income", "department_expenditure", "fiscal_summary",
                "fiscal_expenditure", "fiscal_basic_expenditure", "general_budget_expenditure",
                "general_budget_basic_expenditure", "three_public", "operating_costs", "government_fund",
                "state_capital", "procurement", "project_expenditure", "overall_performance",
                "project_performance"}
FINAL_KINDS = {"final_summary", "final_income", "final_expenditure", "final_fiscal_summary",
               "final_general_budget_expenditure", "final_general_budget_basic_expenditure",
               "final_three_public", "final_government_fund", "final_state_capital"}
PERFORMANCE_KINDS = {"overall_performance", "project_performance"}
FIGURES = {"total_income", "total_expenditure", "current_income", "current_expenditure",
           "basic_expenditure", "project_expenditure", "general_budget_total", "fiscal_total",
           "three_public_total", "three_public_overseas", "three_public_vehicle_purchase",
           "three_public_vehicle_operation", "three_public_reception", "operating_costs"}
DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(),
                                  reason="../shared/corpus is absent (real disclosures live beside the repo)")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def pdf_pages(rel: str) -> int:
    import pdfplumber

    with pdfplumber.open(CORPUS / rel) as pdf:
        return len(pdf.pages)


def test_there_are_keys():
    assert KEY_FILES, "no key files in tests/keys/"


@pytest.mark.parametrize("path", KEY_FILES, ids=lambda p: p.name)
def test_key_format(path):
    key = load(path)
    assert REQUIRED <= key.keys(), f"missing fields: {REQUIRED - key.keys()}"
    assert key["files"] and all(isinstance(f, str) for f in key["files"])
    assert isinstance(key["department"], str) and key["department"]
    assert isinstance(key["department_spellings"], list)
    assert isinstance(key["year"], int)
    assert key["kind"] in {"budget", "final"}
    assert key["scope"] in {"department", "unit"}
    assert isinstance(key["printed_units"], dict) and "default" in key["printed_units"]
    assert isinstance(key["notes"], list) and all(isinstance(n, str) for n in key["notes"])

    assert key["tables"], "no tables"
    for t in key["tables"]:
        assert TABLE_REQUIRED <= t.keys(), f"table missing fields: {TABLE_REQUIRED - t.keys()}"
        assert t["kind"] in BUDGET_KINDS | FINAL_KINDS, f"unknown table kind {t['kind']!r}"
        assert t["file"] in key["files"]
        assert t["pages"] and all(isinstance(p, int) and p >= 1 for p in t["pages"])
        assert isinstance(t["empty"], bool)
        for side in ("grand_total", "grand_total_expenditure"):
            if side in t:
                gt = t[side]
                assert not t["empty"] and t["kind"] not in PERFORMANCE_KINDS, f"{side} on an empty/performance table"
                assert {"column", "printed", "page"} <= gt.keys()
                assert gt["page"] in t["pages"], f"{t['kind']}: {side} page {gt['page']} not in {t['pages']}"

    figures = key["figures"]
    assert FIGURES <= figures.keys(), f"missing figures: {FIGURES - figures.keys()}"
    for name, value in figures.items():
        assert value is None or (isinstance(value, str) and DECIMAL.match(value)), f"{name}: {value!r}"
        if value is not None:
            assert key["evidence"].get(name), f"no evidence for {name}"


@needs_corpus
@pytest.mark.parametrize("path", KEY_FILES, ids=lambda p: p.name)
def test_key_files_and_pages_exist(path):
    key = load(path)
    for rel in key["files"]:
        assert (CORPUS / rel).is_file(), f"{rel} not under ../shared/corpus"
    for t in key["tables"]:
        if not t["file"].lower().endswith(".pdf"):
            continue
        n = pdf_pages(t["file"])
        assert max(t["pages"]) <= n, f"{t['kind']} pages {t['pages']} beyond {n} pages of {t['file']}"
