"""Safe output names from text read in PDFs (department names are data, not paths)."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_KEEP = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff-]+")


def slugify(text: str, max_len: int = 60) -> str:
    """A file-name-safe slug: CJK, ASCII letters, digits and dashes only.

    Never empty, never ``.``/``..``, never containing a path separator. Long names are
    cut and suffixed with a short hash so that distinct names stay distinct.
    """
    s = unicodedata.normalize("NFKC", text or "")
    s = _KEEP.sub("-", s).strip("-")
    s = re.sub(r"-{2,}", "-", s)
    if len(s) > max_len:
        h = hashlib.sha256(s.encode()).hexdigest()[:8]
        s = s[: max_len - 9].rstrip("-") + "-" + h
    return s or "unnamed"
