"""Cut a document into table segments and narrative pages.

PDF documents are cut by structure. A table is a grid (ruled, or aligned text that the input
layer turned into a grid) together with its title, read generously from the lines just above
it or from banner rows inside its ruling: the title may start with an ordinal (一、 1. 表一
公开01表), wrap over two or three lines, print the year before or after the department, or sit
at the foot of the previous page with the body on the next. A grid without a title continues
the table of the previous page when it opens its page; titles with no grid under them (a table
of contents, references in the text) are narrative. A grid that holds the end of one table and,
after a banner title row, the start of the next, is cut in two.

Flattened text (``.txt`` inputs, and PDF pages without any grid) has no layout to go on: there a
table starts at a title line and runs until the next title or section heading.
"""
from __future__ import annotations

import bisect

import re
from dataclasses import dataclass, field
from typing import Optional

from ..inputs.base import Grid, Line, SourceDocument
from ..model import NarrativePage
from ..numbers import find_unit, is_amount_token
from ..settings import DEFAULT, ReaderSettings
from ..vocab import UNKNOWN
from ..vocab.words import pattern
from .header import is_banner_row, lead_rows, row_texts
from .rows import YEARISH, is_data_row_cells
from .titles import TitleMatch, compact, match_title, split_label

_NOTE = pattern("note_line")
_PAGE_NO = pattern("page_number")
_META = pattern("meta_line")
_SECTION = pattern("section_heading")
_CONTACT = pattern("contact_line")


@dataclass
class Segment:
    match: TitleMatch
    file: str
    lines: list = field(default_factory=list)   # body lines (grid rows and text rows)
    grids: list = field(default_factory=list)   # grid pieces, in order (PDF)
    text_rows: list = field(default_factory=list)  # rows printed outside the ruling (PDF)
    pages: list = field(default_factory=list)
    unit: Optional[str] = None
    notes: list = field(default_factory=list)
    label: str = ""
    department_line: str = ""
    continued: int = 0  # number of pages the table continued on
    skip_header: bool = False  # text tables: after a repeated title, skip its header lines until data
    overflow: list = field(default_factory=list)  # pages holding only what the print area pushed over

    def add_page(self, page: int) -> None:
        if page not in self.pages:
            self.pages.append(page)


def segment(doc: SourceDocument, settings: ReaderSettings = DEFAULT) -> tuple[list[Segment], list[NarrativePage]]:
    """(table segments, narrative pages) of a document: by structure where it has grids, else
    by title lines of flattened text."""
    if doc.format != "text" and any(p.grids for p in doc.pages):
        return _StructureSegmenter(doc, settings).run()
    return _TextSegmenter(doc, False, settings).run()


# ---------------------------------------------------------------------------
# PDF: tables by structure
# ---------------------------------------------------------------------------
@dataclass
class _GridBlock:
    grid: Grid
    lines: list          # the grid's rows as Lines (for readers that take lines)
    banner: list         # texts of banner rows (title, department, unit) inside the ruling

    @property
    def top(self) -> float:
        return self.grid.ys[0]


def _grid_blocks(page, s: ReaderSettings) -> list:
    """The page's grids, each cut at banner title rows below its first row."""
    out = []
    for g in page.grids:
        rows = {l.top: l for l in page.lines if l.grid and l.grid_id == g.id}
        cuts = [0] + [r for r in range(1, g.n_rows) if is_banner_row(g, r, s) and _banner_title(g, r)
                      and not is_banner_row(g, r - 1, s)] + [g.n_rows]
        for a, b in zip(cuts, cuts[1:]):
            piece = g if (a, b) == (0, g.n_rows) else g.rows_between(a, b)
            n_lead = lead_rows(piece, s) if piece.n_rows > 1 else 0
            banner = [t for r in range(n_lead) for c in piece.row(r) for t in c.text.split("\n") if t.strip()]
            slack = s.row_top_slack
            lines = [rows[k] for k in sorted(rows) if piece.ys[n_lead] - slack <= k < piece.ys[-1] - slack]
            out.append(_GridBlock(piece, lines, banner))
    return out


def _banner_title(g: Grid, r: int) -> bool:
    return any(match_title(t) for t in row_texts(g, r) if t)


def _is_meta(text: str) -> bool:
    return bool(_META.search(text))


def running_lines(doc: SourceDocument, s: ReaderSettings = DEFAULT) -> set:
    """(page, top) of the text lines that are page furniture: a running header or footer printed
    alike among the first or last ``running_line_edge`` text lines of many pages (not a page
    number, a title, a label or a meta line, which say something of their own page)."""
    seen: dict = {}
    for page in doc.pages:
        texts = [l for l in page.lines if not l.grid and compact(l.text) and not _PAGE_NO.match(compact(l.text))]
        edge = texts[:s.running_line_edge] + texts[-s.running_line_edge:]
        for l in {id(l): l for l in edge}.values():
            seen.setdefault(compact(l.text), []).append((page.number, l.top))
    need = max(s.running_line_pages, s.running_line_share * len(doc.pages))
    out: set = set()
    for text, places in seen.items():
        if len({p for p, _ in places}) < need or _is_meta(text) or match_title(text) or split_label(text)[0]:
            continue
        out.update(places)
    return out


class _StructureSegmenter:
    def __init__(self, doc: SourceDocument, s: ReaderSettings):
        self.doc = doc
        self.s = s
        self.file = doc.name
        self.segments: list[Segment] = []
        self.narrative: dict = {}
        self.current: Optional[Segment] = None
        self.pending: list[Line] = []       # text lines since the last grid
        self.last_grid: Optional[_GridBlock] = None
        self.text_since_grid = False        # narrative text after the current table's last grid
        self.furniture = running_lines(doc, s)  # running headers and footers: (page, top)

    def run(self):
        for page in self.doc.pages:
            blocks = [(l.top, 1, l) for l in page.lines if not l.grid]
            blocks += [(b.top, 0, b) for b in _grid_blocks(page, self.s)]
            blocks.sort(key=lambda x: (x[0], x[1]))
            page_has_grid_before = False
            for _, _, block in blocks:
                if isinstance(block, _GridBlock):
                    self._grid(block, page_has_grid_before)
                    page_has_grid_before = True
                else:
                    self._text(block)
            self._end_of_page(page.number, page_has_grid_before)
        self._close()
        self._flush_pending(keep_title=False)
        pages = [NarrativePage(file=self.file, page=p, text="\n".join(ls)) for p, ls in sorted(self.narrative.items())]
        return self.segments, pages

    # -- text lines ----------------------------------------------------------------
    def _text(self, line: Line) -> None:
        c = compact(line.text)
        if not c or _PAGE_NO.match(c):
            return
        if (line.page, line.top) in self.furniture:
            self._narrate([line])  # page furniture: narrative as it was, never a row or a break
            return
        cur = self.current
        right_after_grid = cur is not None and self.last_grid is not None and not self.pending \
            and not self.text_since_grid
        if right_after_grid and line.page == self.last_grid.grid.page and (_NOTE.match(c) or _CONTACT.match(c)):
            cur.notes.append(line.text)
            return
        if right_after_grid and line.page in (self.last_grid.grid.page, self.last_grid.grid.page + 1) \
                and _looks_like_row(line, self.last_grid.grid, self.s):
            cur.text_rows.append(line)  # a row the ruling did not enclose
            cur.lines.append(line)
            cur.add_page(line.page)
            return
        self.pending.append(line)

    def _end_of_page(self, number: int, had_grid: bool) -> None:
        """Lines after the page's last grid: a title (and meta lines) at the foot of the page waits
        for the grid on the next page; anything else is narrative. A page without a grid that
        only carries what the open table's print area pushed over is that table's."""
        if not had_grid and self._overflow_page(number):
            return
        tail = self._title_tail(self.pending)
        head = self.pending[:len(self.pending) - tail]
        if tail and head and match_title(head[-1].text):
            tail = 0  # the last entry of a list of titles (a table of contents), not a title
        keep = self.pending[len(self.pending) - tail:] if tail else []
        self._narrate(self.pending[:len(self.pending) - tail] if tail else self.pending)
        if self.pending[:len(self.pending) - len(keep)]:
            self.text_since_grid = True
        self.pending = keep

    def _overflow_page(self, number: int) -> bool:
        """A page after the open table's last page that holds no grid, only pieces of the table
        pushed over by its print area (the last column's header words, the unit line, a cut copy
        of the title), or nothing after such a page, belongs to the table: its unit line is the
        table's."""
        cur = self.current
        if cur is None or self.last_grid is None or self.text_since_grid or number != max(cur.pages) + 1:
            return False
        lines = [l for l in self.pending if l.page == number]
        if len(lines) != len(self.pending) or (not lines and not cur.overflow):
            return False
        title = compact(cur.match.title)
        pieces = [l for l in lines if (c := compact(l.text)) and len(c) >= self.s.title_piece_chars and c in title]
        if lines and not pieces or any(l not in pieces and not _is_meta(compact(l.text))
                                       and not _header_words(l.text, self.s) for l in lines):
            return False
        self._absorb(cur, [l.text for l in lines if _is_meta(compact(l.text))])
        self._narrate(lines)
        cur.add_page(number)
        cur.overflow.append(number)
        self.pending = []
        return True

    def _flush_pending(self, keep_title: bool) -> None:
        self._narrate(self.pending)
        self.pending = []

    def _narrate(self, lines: list) -> None:
        for l in lines:
            self.narrative.setdefault(l.page, []).append(l.text)

    def _title_tail(self, lines: list) -> int:
        """How many lines at the end of ``lines`` form a title with its meta lines."""
        found = self._find_title(lines, [])
        return found[3] if found else 0

    # -- grids --------------------------------------------------------------------------
    def _grid(self, block: _GridBlock, grid_before_on_page: bool) -> None:
        found = self._find_title(self.pending, block.banner)
        cur = self.current
        if found is not None:
            title, label, meta, used = found
            before = self.pending[:len(self.pending) - used]
            self._narrate(before)
            if cur is not None and self._same_title(cur, title, label) and not before \
                    and (title.kind != "project_performance" or _same_head(cur, block, self.s)):
                # a repeated title continues its table; project tables alike only with the same head
                # rows (one list of projects over pages), else one table per project
                cur.continued += 1
                self._absorb(cur, meta)
            else:
                self._close()
                self.current = cur = Segment(match=title, file=self.file, label=label or title.label)
                self._absorb(cur, meta)
                for l in self.pending[len(self.pending) - used:]:
                    cur.add_page(l.page)  # a title at the foot of the previous page
        else:
            meta = [l.text for l in self.pending if _is_meta(compact(l.text))] + \
                   [t for t in block.banner if _is_meta(compact(t))]
            others = [l for l in self.pending if not _is_meta(compact(l.text))]
            if cur is not None and self._continues(cur, block, others, grid_before_on_page):
                self._narrate(others)
                cur.continued += 1 if block.grid.page not in cur.pages else 0
            else:
                self._narrate(others)
                self._close()
                self.current = cur = Segment(match=TitleMatch(UNKNOWN, "", "", None, ""), file=self.file)
            self._absorb(cur, meta)
        self.pending = []
        cur.grids.append(block.grid)
        cur.lines.extend(block.lines)
        cur.add_page(block.grid.page)
        self.last_grid = block
        self.text_since_grid = False

    def _continues(self, cur: Segment, block: _GridBlock, others: list, grid_before_on_page: bool) -> bool:
        """A grid without a title continues the open table: it opens its page (or follows the
        table's last grid directly), no narrative came in between, and its columns line up."""
        last = self.last_grid
        if last is None or not cur.grids or others or self.text_since_grid:
            return False
        g, prev = block.grid, last.grid
        same_page_below = g.page == prev.page and grid_before_on_page
        next_page_top = g.page == prev.page + 1 and not grid_before_on_page
        if not (same_page_below or next_page_top):
            return False
        left, right = abs(g.xs[0] - prev.xs[0]), abs(g.xs[-1] - prev.xs[-1])
        s = self.s
        return left <= s.continuation_edge and right <= s.continuation_edge \
            or abs(g.n_cols - prev.n_cols) <= s.continuation_columns and left <= s.continuation_loose_edge \
            or left <= s.continuation_edge and _columns_within(g, prev)

    @staticmethod
    def _same_title(cur: Segment, title: TitleMatch, label: str) -> bool:
        return (title.kind == cur.match.kind and compact(title.title) == compact(cur.match.title)
                and (not label or not cur.label or label == cur.label))

    def _find_title(self, lines: list, banner: list) -> Optional[tuple]:
        """(TitleMatch, label, meta texts, number of trailing lines used) for the title area of a
        grid: its banner rows, else up to ``title_area_lines`` short lines just above it."""
        if banner:
            got = _title_in(banner, self.s)
            if got is not None:
                title, label, meta, _ = got
                tail = 0
                while tail < len(lines) and _is_meta(compact(lines[-1 - tail].text)):
                    tail += 1
                return title, label, meta + [l.text for l in lines[len(lines) - tail:]], tail
        area: list = []
        for l in reversed(lines[-self.s.title_area_lines:]):
            c = compact(l.text)
            if len(c) > self.s.title_area_chars and not _is_meta(c):
                break
            area.insert(0, l)
        return _title_in([l.text for l in area], self.s, strict_tail=True) if area else None

    def _absorb(self, seg: Segment, meta: list) -> None:
        for text in meta:
            _absorb_meta(seg, text)

    def _close(self) -> None:
        if self.current is not None:
            self.segments.append(self.current)
        self.current = None
        self.last_grid = None


def _columns_within(g: Grid, prev: Grid) -> bool:
    """Whether the columns of ``g``, a grid read from text alignment, are columns of ``prev``: the
    middle of each lies in a column of its own of ``prev``, in order. A page of an unruled table
    whose last columns are empty on it is narrower than its first page: the alignment finds no
    column where nothing is printed."""
    if getattr(g, "source", "") != "text" or g.n_cols < 2 or g.n_cols > prev.n_cols:
        return False
    cols = [bisect.bisect_right(prev.xs, (a + b) / 2) - 1 for a, b in zip(g.xs, g.xs[1:])]
    return all(0 <= c < prev.n_cols for c in cols) and all(a < b for a, b in zip(cols, cols[1:]))


def _head_rows(grid: Grid, s: ReaderSettings, n: int = 2) -> list:
    """The texts of a grid's first ``n`` rows under its banner."""
    start = lead_rows(grid, s)
    return [tuple(t for t in row_texts(grid, r) if t) for r in range(start, min(grid.n_rows, start + n))]


def _same_head(cur: Segment, block: "_GridBlock", s: ReaderSettings) -> bool:
    """The grid repeats the head rows of the open table's first grid (a column header printed
    again on each page), not a head of its own (项目名称 | <another project>)."""
    if not cur.grids:
        return False
    head = _head_rows(cur.grids[0], s)
    return len(head) == 2 and all(head) and _head_rows(block.grid, s) == head


def _join_meta(texts: list, s: ReaderSettings) -> list:
    """Meta lines with their wrapped fragments joined back: "部门：中国共产党江苏省委员会办 单位：万元"
    followed by "公厅" gives "部门：中国共产党江苏省委员会办公厅 单位：万元". Returns
    [(text, is_meta, number of printed lines)]."""
    out: list = []
    for t in texts:
        c = compact(t)
        if out and out[-1][1] and pattern("unit_wrapped_head").search(compact(out[-1][0])) \
                and pattern("unit_wrapped_tail").match(c):
            out[-1][0] = out[-1][0].rstrip() + c   # "单位：万" wrapped before "元"
            out[-1][2] += 1
            continue
        if _is_meta(c):
            out.append([t, True, 1])
        elif out and out[-1][1] and _is_fragment(c, s) and _dept_meta(out) is not None:
            target = _dept_meta(out)
            prev = target[0]
            m = pattern("unit_in_meta").search(prev[3:])
            cut = m.start() + 3 if m else len(prev)
            target[0] = prev[:cut].rstrip() + c + (" " + prev[cut:].strip() if m else "")
            out[-1][2] += 1
        else:
            out.append([t, False, 1])
    return [tuple(x) for x in out]


def _header_words(text: str, s: ReaderSettings) -> bool:
    """A line of column words printed above a table's body (项目 收入预算): short words, no
    figures, no sentence."""
    words = text.split()
    return 1 <= len(words) <= s.column_words_max and len(compact(text)) <= s.column_words_chars \
        and not re.search(r"[\d，。；：:]", text) \
        and match_title(text) is None and all(len(w) <= s.column_word_chars for w in words)


def _dept_meta(entries: list) -> Optional[list]:
    """The department meta line among the trailing meta lines, if any."""
    for e in reversed(entries):
        if not e[1]:
            return None
        if pattern("department_meta").search(compact(e[0])):
            return e
    return None


def _is_fragment(c: str, s: ReaderSettings) -> bool:
    """A short piece of a wrapped meta line (the end of a department name)."""
    return 0 < len(c) <= s.meta_fragment_chars and not re.search(r"\d", c) and match_title(c) is None and not split_label(c)[0]


def _looks_like_row(line: Line, grid: Grid, s: ReaderSettings) -> bool:
    """A text line that reads as a table row under ``grid``: a label or code, then amounts, all
    within the grid's width."""
    toks = [x for x in line.cells if x.text]
    if len(toks) < 2 or len(line.compact) > s.outside_row_chars or split_label(line.text)[0] \
            or match_title(line.text) or _SECTION.match(line.compact):
        return False
    slack = s.outside_row_slack
    inside = all(x.x0 is None or grid.xs[0] - slack <= x.x0 and x.x1 <= grid.xs[-1] + slack for x in toks)
    # labels: runs of words that are not amounts ('收 入 总 计' spaced out is one label)
    label = [x for i, x in enumerate(toks) if not is_amount_token(x.text)
             and (i == 0 or is_amount_token(toks[i - 1].text))]
    money = [x for x in toks[1:] if re.match(r"^-?[\d,]*\d[.,]\d+$|^-?\d{3,}$", compact(x.text))
             and not YEARISH.match(compact(x.text))]
    first = compact(toks[0].text)
    return inside and bool(money) and len(label) <= s.outside_row_labels and not _PAGE_NO.match(line.compact) \
        and (not is_amount_token(first) or bool(re.match(r"^\d{3}(?:\d{2}){0,2}$", first)) and len(toks) >= 3)


def _title_in(texts: list, s: ReaderSettings, strict_tail: bool = False) -> Optional[tuple]:
    """Read a title (joined over up to ``title_wrap_lines`` lines), a label and meta lines from
    ``texts``, in printed order: (TitleMatch, label, meta texts, number of printed lines used).
    With ``strict_tail`` every line after the title must be meta or a label (the lines between a
    title and its grid), and the title is the shortest join of lines that ends at the last line
    before them."""
    joined = _join_meta([t for t in texts if compact(t)], s)
    texts = [t for t, _, _ in joined]
    is_meta = [m for _, m, _ in joined]
    label = ""   # a label printed alone above a wrapped title: kept for later candidates too
    starts = reversed(range(len(texts))) if strict_tail else range(len(texts))
    for i, n in ((i, n) for i in starts for n in range(1, s.title_wrap_lines + 1) if i + n <= len(texts)):
        if any(is_meta[i:i + n]):
            continue
        first_label, m = _joined_title(texts[i:i + n])
        label = first_label or label
        if m is None:
            continue
        if strict_tail and not all(is_meta[k] or split_label(texts[k])[0] or _header_words(texts[k], s)
                                   for k in range(i + n, len(texts))):
            continue
        return _title_found(m, label, joined, i, n, strict_tail)
    return None


def _title_found(m: TitleMatch, label: str, joined: list, i: int, n: int, strict_tail: bool) -> tuple:
    """(title, label, meta texts, printed lines used) of the title read from lines i .. i+n-1:
    its label is the one printed with it, else a label alone on a line near it."""
    texts = [t for t, _, _ in joined]
    meta = [t for t, is_meta, _ in joined if is_meta]
    near = texts[:i][::-1] + texts[i + n:]   # a label line above or below the title
    label = label or m.label or next((lab for t in near if (lab := _label_only(t))), "")
    if strict_tail and i and _label_only(texts[i - 1]):
        i -= 1  # the label line above the title belongs to it
    used = sum(k for _, _, k in joined[i:])
    return m, label, meta, used


def _joined_title(lines: list) -> tuple:
    """(label printed alone on the first of several lines, TitleMatch of the lines joined or None).
    Several lines that each hold a title are a list of titles (a table of contents), not one."""
    parts = [compact(t) for t in lines]
    first_label = ""
    lab, rest = split_label(parts[0])
    if lab and not rest and len(parts) > 1:
        first_label, parts = lab, parts[1:]
    if len(lines) > 1 and any(match_title(p) for p in parts):
        return first_label, None
    return first_label, match_title("".join(parts))


def _label_only(text: str) -> str:
    """The label of a line that holds a table label and nothing else, else ""."""
    lab, rest = split_label(text)
    return lab if lab and not rest else ""


# ---------------------------------------------------------------------------
# flattened text
# ---------------------------------------------------------------------------
def _title_of_text(line: Line, ordinals: bool) -> tuple[Optional[TitleMatch], str]:
    label, rest = split_label(line.text)
    m = match_title(line.text, ordinals=ordinals)
    if m is None:
        return None, label if (label and not rest) else ""
    return m, label or m.label


class _TextSegmenter:
    """Flattened text: a table starts at a title line and runs until the next title, a section
    heading or a long line of narrative."""

    def __init__(self, doc: SourceDocument, ordinals: bool, s: ReaderSettings):
        self.doc = doc
        self.ordinals = ordinals
        self.s = s
        self.file = doc.name
        self.segments: list[Segment] = []
        self.narrative: dict[int, list[str]] = {}
        self.current: Optional[Segment] = None
        self.pending_label = ""
        self.furniture = running_lines(doc, s) if doc.format == "pdf" else set()

    def run(self) -> tuple[list[Segment], list[NarrativePage]]:
        for page in self.doc.pages:
            for line in page.lines:
                if (line.page, line.top) in self.furniture:
                    self._narrate(line)   # a running header or footer: never a row
                elif compact(line.text):
                    self._line(line)
        self._close()
        pages = [NarrativePage(file=self.file, page=p, text="\n".join(ls)) for p, ls in sorted(self.narrative.items())]
        return self.segments, pages

    def _line(self, line: Line) -> None:
        title, label = _title_of_text(line, self.ordinals)
        if title is not None:
            self._title(line, title, label)
        elif label:
            self._label(label)
        elif self.current is None:
            self._narrate(line)
        else:
            self._body(line)

    def _title(self, line: Line, title: TitleMatch, label: str) -> None:
        """A title line: the same title again continues the open table (its header repeats)."""
        cur = self.current
        if (cur is not None and title.kind == cur.match.kind and compact(title.title) == compact(cur.match.title)
                and (not label or label == cur.label) and (cur.lines or cur.notes)):
            cur.continued += 1
            cur.skip_header = True
            cur.add_page(line.page)
        else:
            self._close()
            self.current = Segment(match=title, file=self.file, label=label or self.pending_label)
            self.current.add_page(line.page)
        self.pending_label = ""

    def _label(self, label: str) -> None:
        """A label alone on its line: the open table's, or the next title's."""
        cur = self.current
        if cur is not None and not cur.label and not cur.lines:
            cur.label = label
        else:
            self.pending_label = label

    def _body(self, line: Line) -> None:
        """A line inside the open table: page furniture, meta, a note, a repeated header, the end
        of the table, or a row."""
        cur, c = self.current, compact(line.text)
        if _PAGE_NO.match(c) or _CONTACT.match(c):
            return
        if _META.search(c) and _absorb_meta(cur, c):
            return
        if _NOTE.match(c):
            cur.notes.append(line.text)
            return
        if cur.skip_header:
            if not is_data_row_cells([x.text for x in line.cells]):
                return
            cur.skip_header = False
        if _SECTION.match(c) or (self.doc.format == "pdf" and len(c) > self.s.text_narrative_chars):
            self._close()
            self._narrate(line)
            return
        cur.lines.append(line)
        cur.add_page(line.page)

    def _narrate(self, line: Line) -> None:
        self.narrative.setdefault(line.page, []).append(line.text)

    def _close(self) -> None:
        if self.current is not None:
            self.segments.append(self.current)
        self.current = None


def _absorb_meta(seg: Segment, text: str) -> bool:
    """Take unit and department from a meta line; True when the line was only meta."""
    found = False
    for part in str(text).split("\n"):
        p = compact(part)
        if not p:
            continue
        unit = find_unit(p)
        if unit and seg.unit is None:
            seg.unit = unit
        if unit:
            found = True
        m = pattern("department_line").search(p)
        if m and not seg.department_line:
            seg.department_line = m.group(1)
            found = True
    return found
