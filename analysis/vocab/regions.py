"""The provincial-level divisions a department's name may start with (``regions.csv``)."""
from __future__ import annotations

from functools import lru_cache

from ._data import rows


@lru_cache(maxsize=1)
def provincial_divisions() -> tuple:
    """(official name, short form, kind) of each provincial-level division: kind is
    ``municipality`` (直辖市), ``province``, ``autonomous_region`` or ``corps`` (兵团)."""
    return tuple((r["name"], r["short"], r["kind"]) for r in rows("regions.csv"))
