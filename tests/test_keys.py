"""The parser against the hand-verified keys of every shared document (tests/keys/*.json).

Each key was read off the pages by a person (see tests/keys/README.md). For every disclosure the
parser must find the same department, year, document kind and scope; every table the key lists,
with its kind and pages; the key figures exactly; and each table's printed grand total. Parse
invariants hold over every shared document: no amount in an unnamed or duplicate-keyed column,
one table per kind unless the document prints it twice, and every listed table read with
confidence.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from analysis.figures import headline_figures
from analysis.structure import total_row
from analysis.model import CONFIDENCE_THRESHOLD
from analysis.numbers import UNIT_SCALE, loose_number, parse_number
from analysis.parse.titles import canonical_department

from .conftest import CORPUS, needs_shared

pytestmark = needs_shared

KEYS = sorted((Path(__file__).resolve().parent / "keys").glob("*.json"))
PERFORMANCE = {"overall_performance", "project_performance"}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def parsed(name: str):
    """The key's files parsed as one batch: (key, disclosures, errors)."""
    from analysis.parse import parse_paths

    key = load(next(p for p in KEYS if p.name == name))
    ds, errors = parse_paths([CORPUS / f for f in key["files"]])
    return key, ds, errors


def disclosure(name: str):
    key, ds, errors = parsed(name)
    assert errors == [], [str(e) for e in errors]
    assert len(ds) == 1, [(d.department, d.year, d.kind, d.scope) for d in ds]
    return key, ds[0]


def _file(path: str) -> str:
    return Path(path).name


def _matches(key_table: dict, table) -> bool:
    if table.kind != key_table["kind"] or _file(table.file) != _file(key_table["file"]):
        return False
    if key_table["pages"]:
        return sorted(table.pages) == sorted(key_table["pages"])
    return not key_table.get("label") or table.label == key_table["label"]


NAMES = [p.name for p in KEYS]


@pytest.mark.parametrize("name", NAMES)
def test_disclosure_identity(name):
    key, d = disclosure(name)
    spellings = {canonical_department(s) for s in [key["department"], *key["department_spellings"]]}
    assert canonical_department(d.department) in spellings, d.department
    assert d.year == key["year"]
    assert d.kind == key["kind"]
    assert d.scope == key["scope"]


@pytest.mark.parametrize("name", NAMES)
def test_every_table_found(name):
    key, d = disclosure(name)
    missing = [(t["kind"], t["pages"] or t.get("label")) for t in key["tables"]
               if not any(_matches(t, p) for p in d.tables)]
    assert missing == [], f"not found: {missing}; parsed: {[(t.kind, t.pages) for t in d.tables]}"


@pytest.mark.parametrize("name", NAMES)
def test_no_table_the_key_does_not_list(name):
    key, d = disclosure(name)
    extra = [(t.kind, t.pages, t.title) for t in d.tables if not any(_matches(k, t) for k in key["tables"])]
    assert extra == []


THREE_PUBLIC_ITEMS = ("three_public_overseas", "three_public_vehicle_purchase", "three_public_vehicle_operation",
                      "three_public_reception")


def expected_figures(key: dict) -> dict:
    """The key's figures, with ``three_public_total`` as the project defines it: the sum of the
    three 三公 items (the key records the printed total, which a document can get wrong)."""
    figs = {k: Decimal(v) for k, v in key["figures"].items() if v is not None}
    if all(k in figs for k in THREE_PUBLIC_ITEMS):
        figs["three_public_total"] = sum((figs[k] for k in THREE_PUBLIC_ITEMS), Decimal(0))
    return figs


@pytest.mark.parametrize("name", NAMES)
def test_figures_match_the_key(name):
    key, d = disclosure(name)
    figs = headline_figures(d)
    wrong = {k: (str(v), None if figs[k].value is None else str(figs[k].value))
             for k, v in expected_figures(key).items() if figs[k].value is None or figs[k].value != v}
    assert wrong == {}


def _squeezed(label: str) -> str:
    return re.sub(r"[\s/]", "", label or "")


def _printed_total(table, side=None, column=""):
    row = total_row(table, side)
    if row is None:
        return None
    cols = [c for c in table.columns if side is None or c.label.startswith(side)]
    # the key gives the column it names (2026年预算数 总计 after a 2025年预算数 group), else the first
    named = [c.key for c in cols if column and _squeezed(c.label).endswith(_squeezed(column))]
    keys = named or [c.key for c in cols]
    return row.amounts.get(keys[0]) if keys else None


@pytest.mark.parametrize("name", NAMES)
def test_grand_totals(name):
    key, d = disclosure(name)
    wrong = []
    for kt in key["tables"]:
        for field, side in (("grand_total", None), ("grand_total_expenditure", "expenditure")):
            gt = kt.get(field)
            if not gt:
                continue
            side = side or ("income" if "grand_total_expenditure" in kt else None)
            t = next((p for p in d.tables if _matches(kt, p)), None)
            if t is None:
                wrong.append((kt["kind"], field, "table not found"))
                continue
            printed = parse_number(gt["printed"])
            printed = printed if printed is not None else loose_number(gt["printed"])  # 128138,600 as printed
            if printed is None:  # a placeholder printed in the total cell (",.")
                row = total_row(t, side)
                if row is None or not row.placeholders:
                    wrong.append((kt["kind"], field, gt["printed"], "no placeholder read"))
                continue
            expected = printed * UNIT_SCALE[t.unit]
            got = _printed_total(t, side, gt.get("column", ""))
            if got != expected:
                wrong.append((kt["kind"], field, str(expected), None if got is None else str(got)))
    assert wrong == []


@pytest.mark.parametrize("name", NAMES)
def test_printed_subtotals(name):
    key, d = disclosure(name)
    wrong = []
    for kt in key["tables"]:
        t = next((p for p in d.tables if _matches(kt, p)), None)
        for sub in kt.get("subtotals", []):
            row = None if t is None else next((r for r in t.rows if r.name == sub["name"]), None)
            expected = parse_number(sub["printed"]) * UNIT_SCALE[t.unit] if t is not None else None
            got = None if row is None else next(iter(row.amounts.values()), None)
            if row is None or got != expected or "total" in row.flags:
                wrong.append((kt["kind"], sub["name"], str(expected), None if got is None else str(got)))
    assert wrong == []


@pytest.mark.parametrize("name", NAMES)
def test_tables_read_with_confidence(name):
    key, d = disclosure(name)
    low = [(t.kind, t.pages, t.confidence, t.reading) for t in d.tables
           if t.kind not in PERFORMANCE and not t.readable]
    assert low == []
    assert all(t.confidence is None or t.confidence >= CONFIDENCE_THRESHOLD for t in d.tables
               if t.kind not in PERFORMANCE)


@pytest.mark.parametrize("name", NAMES)
def test_no_amount_in_unnamed_or_duplicate_column(name):
    key, d = disclosure(name)
    bad = []
    for t in d.tables:
        by_side = Counter((c.label.split(":")[0] if ":" in c.label else "", c.key) for c in t.columns)
        for c in t.columns:
            side = c.label.split(":")[0] if ":" in c.label else ""
            unnamed = re.match(r"^col\d+$", c.key) or re.search(r"_\d+$", c.key)
            if not unnamed and by_side[(side, c.key)] == 1:
                continue
            if any(r.amounts.get(c.key) for r in t.rows):
                bad.append((t.kind, t.pages, c.key, c.label))
    assert bad == []


@pytest.mark.parametrize("name", NAMES)
def test_kind_unique_unless_printed_twice(name):
    key, d = disclosure(name)
    printed = Counter(t["kind"] for t in key["tables"])
    found = Counter(t.kind for t in d.tables)
    assert {k: n for k, n in found.items() if n > printed.get(k, 0)} == {}


@pytest.mark.parametrize("name", NAMES)
def test_summary_totals_tie_out(name):
    """收入总计 = 支出总计, and the 支出总表's 基本 + 项目 never exceed its 合计."""
    key, d = disclosure(name)
    figs = {k: f.value for k, f in headline_figures(d).items()}
    assert figs["total_income"] is not None and figs["total_income"] == figs["total_expenditure"]
    if figs["basic_expenditure"] is not None and figs["project_expenditure"] is not None:
        assert figs["basic_expenditure"] + figs["project_expenditure"] <= figs["current_expenditure"]
