"""Text of grid cells, from characters.

Each character goes, by its centre, to the cell that contains it; a cell's characters are
grouped into printed lines by their ``top`` and ordered by x. Working from characters
(not words) keeps a word from straddling two cells.
"""
from __future__ import annotations

import bisect
import statistics

from ..settings import DEFAULT, ReaderSettings



def _cjk(ch: str) -> bool:
    o = ord(ch[0])
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF
            or 0x3000 <= o <= 0x303F)


def _char_lines(chars: list) -> list:
    """Chars grouped into lines, top to bottom: a char joins the line whose middle lies
    within half its own height."""
    lines: list = []
    for ch in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        mid = (ch["top"] + ch["bottom"]) / 2
        half = max(ch["bottom"] - ch["top"], 1.0) / 2
        if lines and mid - lines[-1][0] < half:
            lines[-1][1].append(ch)
        else:
            lines.append([mid, [ch]])
    return [sorted(chs, key=lambda c: c["x0"]) for _, chs in lines]


def join_line(chars: list, s: ReaderSettings = DEFAULT) -> str:
    """One printed line: characters left to right. Spaces printed in the PDF are kept (as
    one); a gap wider than ``latin_gap`` ems becomes a space only between Latin letters or digits
    (Chinese text has none). A character printed twice at the same place (fake bold) counts
    once."""
    out: list = []
    prev = None
    spaced = False
    for ch in chars:
        text = ch["text"]
        if not text.strip():
            spaced = True
            continue
        if prev is not None:
            if text == prev["text"] and abs(ch["x0"] - prev["x0"]) < s.fake_bold:
                continue
            em = max(ch.get("size") or 0.0, prev.get("size") or 0.0, 1.0)
            latin = not _cjk(prev["text"]) and not _cjk(text)
            if spaced or (latin and ch["x0"] - prev["x1"] > s.latin_gap * em):
                out.append(" ")
        out.append(text)
        prev = ch
        spaced = False
    return "".join(out)


def join_chars(chars: list, s: ReaderSettings = DEFAULT) -> str:
    """A cell's text: its printed lines joined with "\\n"."""
    return "\n".join(t for t in (join_line(l, s) for l in _char_lines(chars)) if t)


def position(grid, ch: dict) -> tuple:
    """The elementary position (row, col) of a char inside ``grid``, by its centre."""
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    c = min(max(bisect.bisect_right(grid.xs, cx) - 1, 0), grid.n_cols - 1)
    r = min(max(bisect.bisect_right(grid.ys, cy) - 1, 0), grid.n_rows - 1)
    return r, c


def fill_cells(grid, chars: list, s: ReaderSettings = DEFAULT) -> tuple:
    """Set the text of every cell of ``grid`` from the ``chars`` whose centre lies inside it;
    return (chars inside, chars outside)."""
    x0, top, x1, bottom = grid.bbox
    owner = grid.owners()
    found: dict = {}
    inside: list = []
    outside: list = []
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            outside.append(ch)
            continue
        inside.append(ch)
        r, c = position(grid, ch)
        found.setdefault(id(owner[r][c]), []).append(ch)
    for cell in grid.cells:
        chars_in = found.get(id(cell), [])
        cell.text = join_chars(chars_in, s)
        cell.text_x0 = _first_x0(chars_in)
    return inside, outside


def _first_x0(chars: list):
    """The left edge of a cell's first printed character (on its first line): where its text
    starts, indented or not; None for an empty cell."""
    lines = _char_lines([c for c in chars if c["text"].strip()])
    return lines[0][0]["x0"] if lines else None


def em_size(chars: list, s: ReaderSettings = DEFAULT) -> float:
    """The page's typical font size (median), ``default_em`` when there is no text."""
    sizes = [c.get("size") or (c["bottom"] - c["top"]) for c in chars if c["text"].strip()]
    return statistics.median(sizes) if sizes else s.default_em
