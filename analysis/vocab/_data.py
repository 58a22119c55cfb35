"""Reading the vocabulary's data files (CSV in ``analysis/reference``; lines starting with # are comments)."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def rows(filename: str) -> tuple:
    """The records of ``analysis/reference/<filename>`` as dicts of strings, in file order."""
    with resources.files("analysis.reference").joinpath(filename).open("r", encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return tuple(dict(r) for r in csv.DictReader(lines))


def flag(text: str) -> bool:
    return str(text).strip().lower() == "true"
