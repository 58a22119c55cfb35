"""Keywords the checks read: what a project's texts name, which economic row is a 三公 item, which
indicator values say nothing measurable.

Data: ``analysis/reference/check_keywords.csv`` (context, key, regular expression), in file order.
A check asks for its rules by context; a new keyword is an edit of one line there.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ._data import rows


@lru_cache(maxsize=None)
def keyword_rules(context: str) -> tuple:
    """((key, compiled pattern), …) of a context, in file order."""
    return tuple((r["key"], re.compile(r["pattern"])) for r in rows("check_keywords.csv") if r["context"] == context)


def keyword(context: str, key: str) -> re.Pattern:
    """The pattern of one rule (KeyError when the vocabulary has none)."""
    for k, rx in keyword_rules(context):
        if k == key:
            return rx
    raise KeyError(f"no keyword rule {context}/{key}")
