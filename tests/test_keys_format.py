"""Every hand-verified key in tests/keys/ follows the format in tests/keys/README.md."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

KEYS = Path(__file__).resolve().parent / "keys"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
# keys of documents the reader does not read right yet wait in keys/pending (benchmarks/accuracy.py measures them)
KEY_FILES = sorted(KEYS.glob("*.json")) + sorted((KEYS / "pending").glob("*.json"))

REQUIRED = {"files", "department", "department_spellings", "year", "kind", "scope", "printed_units",
            "tables", "figures", "evidence", "notes", "errors"}
TABLE_KINDS = {
    # budgets
    "department_summary", "department_income", "department_expenditure", "fiscal_summary",
    "fiscal_expenditure", "fiscal_basic_expenditure", "general_budget_expenditure",
    "general_budget_basic_expenditure", "three_public", "operating_costs", "government_fund",
    "state_capital", "procurement", "project_expenditure", "overall_performance", "project_performance",
    # final accounts
    "final_summary", "final_income", "final_expenditure", "final_fiscal_summary",
    "final_general_budget_expenditure", "final_general_budget_basic_expenditure", "final_three_public",
    "final_government_fund", "final_state_capital",
}
PERFORMANCE = {"overall_performance", "project_performance"}
FIGURES = {"total_income", "total_expenditure", "current_income", "current_expenditure",
           "basic_expenditure", "project_expenditure", "general_budget_total", "fiscal_total",
           "three_public_total", "three_public_overseas", "three_public_vehicle_purchase",
           "three_public_vehicle_operation", "three_public_reception", "operating_costs"}
DECIMAL = re.compile(r"-?\d+(\.\d+)?")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_keys():
    assert KEY_FILES


@pytest.mark.parametrize("path", KEY_FILES, ids=lambda p: p.name)
def test_key_format(path):
    key = load(path)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*\.json", path.name)
    assert REQUIRED <= set(key), REQUIRED - set(key)
    assert key["files"] and all(isinstance(f, str) for f in key["files"])
    assert isinstance(key["department"], str) and key["department"]
    assert isinstance(key["department_spellings"], list)
    assert isinstance(key["year"], int)
    assert key["kind"] in {"budget", "final"} and key["scope"] in {"department", "unit"}
    assert isinstance(key["printed_units"], dict) and "default" in key["printed_units"]
    assert key["tables"]
    for t in key["tables"]:
        assert t["kind"] in TABLE_KINDS, t["kind"]
        assert t["file"] in key["files"]
        assert isinstance(t["pages"], list) and all(isinstance(p, int) and p >= 1 for p in t["pages"])
        if not t["file"].endswith(".txt"):
            assert t["pages"], t["title"]
        assert isinstance(t["title"], str) and t["title"]
        assert isinstance(t["label"], str) and isinstance(t["empty"], bool)
        if t["empty"] or t["kind"] in PERFORMANCE:
            continue
        for sub in t.get("subtotals", []):   # a table with named subtotals instead of a grand total
            assert {"name", "column", "printed", "page"} <= set(sub) and sub["page"] in t["pages"]
        for side in ("grand_total", "grand_total_expenditure"):
            if side in t or (side == "grand_total" and "subtotals" not in t):
                g = t[side]
                assert isinstance(g["column"], str) and isinstance(g["printed"], str) and g["printed"]
                if not t["file"].endswith(".txt"):
                    assert g["page"] in t["pages"], (t["title"], side)
    figures = key["figures"]
    assert FIGURES <= set(figures), FIGURES - set(figures)
    for name, value in figures.items():
        assert value is None or (isinstance(value, str) and DECIMAL.fullmatch(value)), (name, value)
        if value is not None:
            assert key["evidence"].get(name), f"no evidence for {name}"
    assert isinstance(key["notes"], list) and all(isinstance(n, str) for n in key["notes"])
    # the error findings the audit may report, each verified on the page: [check, page, code or item]
    for e in key["errors"]:
        assert len(e) == 3 and re.fullmatch(r"[a-z_]+\.[a-z_]+", e[0]) and isinstance(e[1], int) and isinstance(e[2], str), e


@pytest.mark.parametrize("path", KEY_FILES, ids=lambda p: p.name)
def test_key_files_and_pages_exist(path):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent (real disclosures live beside the repo in CI)")
    import pdfplumber

    key = load(path)
    counts = {}
    for f in key["files"]:
        p = CORPUS / f
        assert p.is_file(), f
        if p.suffix.lower() == ".pdf":
            with pdfplumber.open(p) as pdf:
                counts[f] = len(pdf.pages)
    for t in key["tables"]:
        if t["file"] in counts:  # text files have no physical pages: nothing to check
            assert all(p <= counts[t["file"]] for p in t["pages"]), (t["title"], t["pages"], counts[t["file"]])
