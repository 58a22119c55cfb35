"""The audit's error findings on the shared budget documents, each verified on the page by hand.

Budgets and 决算 alike. An `error` says the publisher got something wrong; every one the hand-verified keys list
(``errors`` in tests/keys/*.json, with the evidence in their ``notes``) was checked against the printed page. Any
other error would be a reading mistake of the tool, so the lists are exact.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from analysis.checks import audit
from analysis.parse import parse_paths

from .conftest import CORPUS, needs_shared

pytestmark = needs_shared

KEYS = Path(__file__).resolve().parent / "keys"

# each key lists the error findings verified on the page (``errors``: check, page, code or item)
ERRORS = {p.stem: sorted(tuple(e) for e in json.loads(p.read_text(encoding="utf-8"))["errors"])
          for p in sorted(KEYS.glob("*.json"))}


@lru_cache(maxsize=None)
def findings(name: str) -> list:
    key = json.loads((KEYS / f"{name}.json").read_text(encoding="utf-8"))
    ds, errors = parse_paths([CORPUS / f for f in key["files"]])
    assert errors == [] and len(ds) == 1
    [result] = audit(ds)
    return result.findings


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_every_error_is_one_verified_on_the_page(name):
    got = sorted({(f.check, f.page or 0, f.code or f.item) for f in findings(name) if f.severity == "error"})
    assert got == ERRORS[name]


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_reading_problems_are_never_errors(name):
    assert not [f for f in findings(name) if f.check.startswith("reading.") and f.severity == "error"]
