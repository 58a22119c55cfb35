"""Text: printed names and narrative sentences made comparable, and quoted in messages."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import Optional

from ...model import Claim
from ...numbers import chinese_years, normalize
from .rows import cname

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 14)
def nfkc(s: str) -> str:
    """NFKC (full-width digits to ASCII), and a year written in Chinese digits (二〇二五年) as digits."""
    return chinese_years(unicodedata.normalize("NFKC", s or ""))


@lru_cache(maxsize=1 << 14)
def squeeze(s: str) -> str:
    """NFKC without any white space."""
    return _SPACES.sub("", nfkc(s))


def compact(text: str) -> str:
    """NFKC, trimmed, without spaces, line breaks and ideographic spaces (as titles are read)."""
    return normalize(text).replace(" ", "").replace("\n", "").replace("\u3000", "")


def claim_text(c: Claim, limit: int = 60) -> str:
    """The sentence of a narrative claim, without white space, cut at ``limit`` characters."""
    s = re.sub(r"\s+", "", c.sentence or "")
    return s if len(s) <= limit else s[:limit] + "…"


class NarrativeText:
    """The narrative of a disclosure as one compact string, with a map back to pages."""

    def __init__(self, pages: list):
        self.text = ""
        self.starts: list = []
        self.pages: list = []
        for p in pages:
            self.starts.append(len(self.text))
            self.pages.append((p.file, p.page))
            self.text += cname(p.text)

    def where(self, pos: int) -> tuple:
        """(file, page) of a position in the text."""
        i = bisect_right(self.starts, pos) - 1
        return self.pages[i] if i >= 0 else ("", None)

    def windows(self, pattern: str, size: int, need: Optional[str] = None, lead: int = 0):
        """(start, window text) for each match of ``pattern`` whose window holds ``need``."""
        for m in re.finditer(pattern, self.text):
            w = self.text[max(0, m.start() - lead):m.start() + size]
            if need is None or re.search(need, w):
                yield m.start(), w
