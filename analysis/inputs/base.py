"""Pages and lines: the value every parser step reads."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


class InputError(Exception):
    """A file that cannot be read as a disclosure; ``str()`` is one line naming file and reason."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class Cell:
    text: str
    x0: Optional[float] = None
    x1: Optional[float] = None
    top: Optional[float] = None
    bottom: Optional[float] = None

    @property
    def center(self) -> Optional[float]:
        if self.x0 is None or self.x1 is None:
            return None
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    """A row of a ruled table (``grid`` true) or a line of text (cells are words/tokens)."""
    page: int
    top: float
    cells: list
    grid: bool = False
    grid_id: Optional[str] = None   # "p3t0": page 3, first ruled table; None for text
    row_span: float = 0.0            # height of the row (grid) or line

    @property
    def text(self) -> str:
        return " ".join(c.text.replace("\n", "") for c in self.cells if c.text).strip()

    @property
    def compact(self) -> str:
        return "".join(c.text for c in self.cells).replace("\n", "").replace(" ", "")


@dataclass
class Page:
    number: int                      # 1-based
    lines: list = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    chars: int = 0

    @property
    def text(self) -> str:
        return "\n".join(l.text for l in self.lines)


@dataclass
class SourceDocument:
    path: Path
    format: str                      # "pdf" | "text"
    pages: list
    sha256: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
