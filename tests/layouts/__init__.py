"""Synthetic disclosures drawn with reportlab, one module per area of the reader."""
from __future__ import annotations

from analysis.checks import audit
from analysis.parse import parse_paths


def read_built(builder, tmp_path_factory):
    """The one disclosure ``builder`` draws, parsed (in a fresh temporary folder)."""
    path = builder(tmp_path_factory.mktemp(builder.__name__) / f"{builder.__name__}.pdf")
    ds, errors = parse_paths([path])
    assert errors == [] and len(ds) == 1
    return ds[0]


def read_and_audit(builder, tmp_path_factory) -> tuple:
    """(disclosure, audit result) of the one disclosure ``builder`` draws."""
    d = read_built(builder, tmp_path_factory)
    [result] = audit([d])
    return d, result
