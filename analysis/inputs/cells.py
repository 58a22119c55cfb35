"""Text of grid cells, from characters.

Each character goes, by its centre, to the cell that contains it; a cell's characters are
grouped into printed lines by their ``top`` and ordered by x. Working from characters
(not words) keeps a word from straddling two cells.

A number printed wider than its cell runs over the ruling into the next cell (a right-aligned
amount spills to the left). Its characters are one word — no gap between them wider than
``word_x_tolerance`` — and the whole number goes to the cell it is aligned in, so that the cell
reads it whole (or, when it is too long to be an amount, as unreadable), never a part of it.
"""
from __future__ import annotations

import bisect
import functools
import statistics
import unicodedata
from operator import itemgetter

from ..settings import DEFAULT, ReaderSettings



def _cjk(ch: str) -> bool:
    o = ord(ch[0])
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF
            or 0x3000 <= o <= 0x303F)


_FIRST, _X0 = itemgetter(0), itemgetter("x0")


def _char_lines(chars: list) -> list:
    """Chars grouped into lines, top to bottom: a char joins the line whose middle lies
    within half its own height."""
    lines: list = []
    for mid, ch in sorted([((ch["top"] + ch["bottom"]) / 2, ch) for ch in chars], key=_FIRST):
        half = max(ch["bottom"] - ch["top"], 1.0) / 2
        if lines and mid - lines[-1][0] < half:
            lines[-1][1].append(ch)
        else:
            lines.append([mid, [ch]])
    return [sorted(chs, key=_X0) for _, chs in lines]


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


def positions(grid, chars: list) -> list:
    """The elementary position (row, col) inside ``grid`` of each of ``chars`` (by its centre), in
    order; a centre beyond the grid's edge counts in its outermost row or column."""
    xs, ys, right = grid.xs, grid.ys, bisect.bisect_right
    last_r, last_c = grid.n_rows - 1, grid.n_cols - 1
    out = []
    for ch in chars:
        c = right(xs, (ch["x0"] + ch["x1"]) / 2) - 1
        r = right(ys, (ch["top"] + ch["bottom"]) / 2) - 1
        out.append((0 if r < 0 else last_r if r > last_r else r, 0 if c < 0 else last_c if c > last_c else c))
    return out


def _numeric(ch: dict) -> bool:
    return _numeric_text(ch["text"])


@functools.lru_cache(maxsize=4096)
def _numeric_text(text: str) -> bool:
    return unicodedata.normalize("NFKC", text) in _NUMBER_CHARS


_NUMBER_CHARS = frozenset("0123456789.,")


def _number_runs(line: list, s: ReaderSettings) -> list:
    """The numbers of one printed line (chars left to right): runs of digits and separators
    with no gap wider than ``word_x_tolerance`` between them."""
    runs: list = []
    run: list = []
    for ch in line:
        if _numeric(ch) and run and ch["x0"] - run[-1]["x1"] <= s.word_x_tolerance:
            run.append(ch)
            continue
        if len(run) > 1:
            runs.append(run)
        run = [ch] if _numeric(ch) else []
    if len(run) > 1:
        runs.append(run)
    return runs


def _aligned_cell(cells: list, run: list):
    """The cell a number running over several ``cells`` (left to right) is printed in: the one it
    ends at the right edge of (amounts are right-aligned), else the one it starts at the left
    edge of, else the one holding its middle."""
    x0, x1 = run[0]["x0"], run[-1]["x1"]
    em = max(max(ch.get("size") or 0.0, ch["bottom"] - ch["top"]) for ch in run)
    if cells[-1].x1 - x1 <= 1.5 * em:
        return cells[-1]
    if x0 - cells[0].x0 <= 1.5 * em:
        return cells[0]
    mid = (x0 + x1) / 2
    return next((c for c in cells if c.x0 <= mid <= c.x1), cells[-1])


def _overflowing_numbers(grid, owner: list, chars: list, s: ReaderSettings) -> dict:
    """id(char) -> its cell, for the characters of a number printed across a column boundary. A run
    holding two decimal points is two amounts printed close on either side of a ruling (bold
    digits right-aligned against the next cell), each in its own cell: it is left as it lies."""
    out: dict = {}
    for line in _char_lines(chars):
        for run in _number_runs(line, s):
            cells = []
            for r, c in positions(grid, run):
                if owner[r][c] not in cells:
                    cells.append(owner[r][c])
            if len(cells) > 1 and "".join(ch["text"] for ch in run).count(".") <= 1:
                cell = _aligned_cell(sorted(cells, key=lambda c: c.x0), run)
                out.update((id(ch), cell) for ch in run)
    return out


def fill_cells(grid, chars: list, s: ReaderSettings = DEFAULT) -> tuple:
    """Set the text of every cell of ``grid`` from the ``chars`` whose centre lies inside it (a
    number run over a ruling goes whole to its cell); return (chars inside, chars outside)."""
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
    moved = _overflowing_numbers(grid, owner, inside, s)
    for ch, (r, c) in zip(inside, positions(grid, inside)):
        found.setdefault(id(moved.get(id(ch)) or owner[r][c]), []).append(ch)
    for cell in grid.cells:
        chars_in = found.get(id(cell))
        if not chars_in:   # what join_chars, _first_x0 and the confidence give for no char
            cell.text, cell.text_x0, cell.confidence = "", None, None
            continue
        cell.text = join_chars(chars_in, s)
        cell.text_x0 = _first_x0(chars_in)
        scores = [ch["confidence"] for ch in chars_in if ch.get("confidence") is not None]
        cell.confidence = min(scores) if scores else None
    return inside, outside


def _first_x0(chars: list):
    """The left edge of a cell's first printed character (on its first line): where its text
    starts, indented or not; None for an empty cell."""
    lines = _char_lines([c for c in chars if c["text"].strip()])
    return lines[0][0]["x0"] if lines else None


def _box_ratios(ch: dict, height: float):
    """(ascent, descent) of an upright char as shares of its size, measured from its baseline (the
    text matrix), or None when it cannot be measured."""
    m, size = ch.get("matrix"), ch.get("size") or 0.0
    if not m or size <= 0 or m[1] or m[2] or not ch.get("upright", True):
        return None
    base = height - m[5]
    return (base - ch["top"]) / size, (ch["bottom"] - base) / size


def _rises_short(chars: list, height: float, least: float) -> bool:
    """Whether the box of one of ``chars`` rises less than ``least`` of its size above its baseline
    (``_box_ratios``, its ascent, written out: most pages have none, and many characters)."""
    for ch in chars:
        m, size = ch.get("matrix"), ch.get("size") or 0.0
        if not m or size <= 0 or m[1] or m[2] or not ch.get("upright", True):
            continue
        if (height - m[5] - ch["top"]) / size < least:
            return True
    return False


def baseline_aligned(chars: list, height: float, s: ReaderSettings = DEFAULT) -> list:
    """The page's chars with the boxes of fonts that declare no ascent set right: such a font
    puts its glyphs' box below the baseline, so a year, a colon or the digits printed in it drop
    a line under the text they stand beside. A char whose box rises less than
    ``font_box_ascent_min`` ems above its baseline (the text matrix) gets the box the page's other
    chars have around their baselines. Other chars are returned as they are."""
    if not _rises_short(chars, height, s.font_box_ascent_min):
        return chars
    ratios = [(ch, _box_ratios(ch, height)) for ch in chars]
    if not any(r is not None and r[0] < s.font_box_ascent_min for _, r in ratios):
        return chars
    sound = [r for ch, r in ratios if r is not None and ch["text"].strip() and r[0] >= s.font_box_ascent_min]
    up, down = (sorted(r[0] for r in sound)[len(sound) // 2], sorted(r[1] for r in sound)[len(sound) // 2]) \
        if sound else s.font_box_usual
    out = []
    for ch, r in ratios:
        if r is None or r[0] >= s.font_box_ascent_min:
            out.append(ch)
            continue
        base, size = height - ch["matrix"][5], ch["size"]
        fixed = dict(ch)
        fixed["top"], fixed["bottom"] = base - up * size, base + down * size
        if "doctop" in ch:
            fixed["doctop"] = ch["doctop"] + fixed["top"] - ch["top"]
        out.append(fixed)
    return out


def without_overprinted_spaces(chars: list, s: ReaderSettings = DEFAULT) -> list:
    """The chars less the space characters printed over other characters of their line: some
    exporters justify a line by laying spaces across the glyphs, which would cut every word (and
    every number) they cross. A space that covers more than ``space_overprint`` of its width of a
    visible character on its line is dropped; spaces between words cover nothing."""
    spaces = [ch for ch in chars if not ch["text"].strip()]
    if not spaces:
        return chars
    band = max(s.line_tolerance, 1.0)
    rows: dict = {}
    for ch in chars:
        if ch["text"].strip():
            rows.setdefault(int((ch["top"] + ch["bottom"]) / 2 // band), []).append(ch)
    drop = set()
    for sp in spaces:
        x0, x1, top, bottom = sp["x0"], sp["x1"], sp["top"], sp["bottom"]
        limit = s.space_overprint * max(x1 - x0, 0.1)
        k = int((top + bottom) / 2 // band)
        if any(_covers(rows.get(j, ()), x0, x1, top, bottom, limit) for j in (k - 1, k, k + 1)):
            drop.add(id(sp))
    return [ch for ch in chars if id(ch) not in drop] if drop else chars


def _covers(chars: list, x0: float, x1: float, top: float, bottom: float, limit: float) -> bool:
    """Whether one of ``chars`` overlaps the box (``x0``, ``x1``, ``top``, ``bottom``) in height and
    more than ``limit`` in width."""
    for ch in chars:
        if ch["top"] < bottom and top < ch["bottom"] and min(x1, ch["x1"]) - max(x0, ch["x0"]) > limit:
            return True
    return False


def em_size(chars: list, s: ReaderSettings = DEFAULT) -> float:
    """The page's typical font size (median), ``default_em`` when there is no text."""
    sizes = [c.get("size") or (c["bottom"] - c["top"]) for c in chars if c["text"].strip()]
    return statistics.median(sizes) if sizes else s.default_em
