"""Performance-target tables (整体绩效目标表, 项目绩效目标表) -> ``PerformanceTarget``.

``parse_performance(lines, kind, title, file)`` reads the lines of ONE table (everything
after its title, possibly over several pages) in either shape ``analysis.inputs`` makes:

* ruled rows (``Line.grid``): one cell per printed cell, wrapped text joined with "\\n",
  a merged cell only in the first row it covers; cells carry ``x0``/``x1``;
* text lines: the cells are whitespace-separated tokens, and a long cell wraps over
  several lines (so a row of the table can be several lines of text).

A 项目绩效目标表 may also be a list, one ruled row a project (单位名称 | 项目名称 | 金额 | 绩效目标,
the header cells of ``performance_labels.csv`` part ``list``): ``parse_project_list`` gives one
target per row (its unit, fund and goal, no indicators). Otherwise a table has two parts:

1. label/value fields: 项目名称 ``<code>-<name>``, 主管部门, 资金总额（万元）, 项目起始时间,
   项目终止时间, 项目当年绩效目标 (overall tables: 部门（单位）名称, 部门支出预算数,
   当年整体绩效目标);
2. 绩效指标: a header row naming the columns, then one row per indicator.

The column order is read from the header row (``columns_from_header``), never assumed
from one template: project tables print 一级指标/二级指标/三级指标/指标值/指标性质/度量单位,
the overall table of the Tongnan template 指标/指标权重/计量单位/指标性质/指标值. Ruled rows
are mapped to columns by x-extent; text lines are split from the right end
(``peel_tail``) using what each column may hold (an operator, a unit, a percent weight,
a number, text) and the header order.

Text conventions (both shapes): words printed on one line are joined with one space, as
printed; a cell that wraps over lines is joined with no separator (Chinese text wraps
mid-word). So "政府网站内容安全云检测（12 次*0.83" + "万/次）" gives
"政府网站内容安全云检测（12 次*0.83万/次）", and "全区政务信息培训（2 次*3 万/次）" keeps its
spaces. ``operator`` is one of "≥", "≤", "=", ">", "<" or ""; ``nature`` is "定量" for a
number with an operator (or a number the table marks 定量), else "定性"; a row that cannot
be split is kept with ``value_raw`` = its raw text and ``nature`` "".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from ..inputs.base import Line
from ..model import Indicator, PerformanceTarget
from ..numbers import DEFAULT_UNIT, UNIT_SCALE, find_unit, normalize, parse_number, to_wan
from ..vocab.words import pattern, performance_labels

KINDS = ("overall", "project")

# ---------------------------------------------------------------------------
# Standard labels (the vocabulary's: analysis/reference/performance_labels.csv)
# ---------------------------------------------------------------------------
# Label cells of the field part, compared after NFKC (full-width brackets -> ASCII) with
# spaces and a trailing colon removed; a trailing "(万元)" is read as the amount's unit.
FIELD_LABELS = performance_labels("field")

# Header cells of the indicator part -> column key.
HEADER_LABELS = performance_labels("header")
_HEADER_RE = re.compile("|".join(sorted(map(re.escape, HEADER_LABELS), key=len, reverse=True)))
_HEADER_CHARS = frozenset("".join(HEADER_LABELS))

SECTION_MARK = next(iter(performance_labels("section")))   # printed above the header row, and repeated on continuation pages
LEVEL1_LABELS = frozenset(performance_labels("level1"))
_LEVEL_TOKEN = pattern("indicator_level")

OPERATORS = performance_labels("operator")
NATURE = {key: label for label, key in performance_labels("nature").items()}   # quantitative -> 定量 …
NATURE_WORDS = frozenset(NATURE.values())
_GLUED_OPERATOR = re.compile(r"^(≥|≤|≧|≦|>=|<=|=|＝|>|<|＞|＜)([+-]?\d[\d,]*(?:\.\d+)?%?)$")
_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)%$")

UNIT_WORDS = frozenset(performance_labels("unit"))
CORE_WORDS = frozenset(performance_labels("core"))   # 是否核心: 是 / 否
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")

TRAILER = pattern("performance_trailer")
_PAGE_NUMBER = pattern("performance_page_number")
_ATTACHMENT = pattern("attachment_label")
_CODE_NAME = re.compile(r"^([0-9A-Za-z]{8,})\s*[-－—–_]\s*(.*)$", re.S)

# header cells of a project table printed as a list, one project a row
LIST_LABELS = performance_labels("list")

SHORT_FRAGMENT = 8   # a wrapped value fits a narrow column: at most this many characters a line


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
def parse_performance(lines: list[Line], kind: str, title: str, file: str = "") -> PerformanceTarget:
    """Parse one 绩效目标表 (``kind`` "overall" or "project") from the lines after its title."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    target = PerformanceTarget(kind=kind, title=title, file=file)
    body = [l for i, l in enumerate(lines) if not _is_furniture(lines, i)]
    start = _indicator_start(body)
    read_fields(body[:start], target, table_unit=_table_unit(lines))
    reader = IndicatorReader(kind)
    for line in body[start:]:
        if _is_trailer(line):
            break
        reader.feed(line)
    target.indicators = reader.finish()
    used = {l.page for l in body[:start]} | reader.pages
    target.pages = sorted(used)
    return target


def parse_project_list(lines: list[Line], title: str, file: str = "") -> list[PerformanceTarget]:
    """A 项目绩效目标表 printed as a list of projects, one ruled row each (单位名称 | 项目名称 | 金额 |
    绩效目标): one target per project, with its unit, fund and goal; [] for a table of another shape
    (label/value fields and indicators: ``parse_performance``)."""
    body = [l for i, l in enumerate(lines) if not _is_furniture(lines, i)]
    head = next((i for i, l in enumerate(body[:4]) if _list_columns(l)), None)
    if head is None:
        return []
    columns, unit = _list_columns(body[head]), _table_unit(lines)
    out: list[PerformanceTarget] = []
    for line in body[head + 1:]:
        if _is_trailer(line) or not line.grid:
            break
        if _list_columns(line):
            continue   # the header again on a continuation page
        cells: dict = {}
        for c in line.cells:
            key = _column_at(columns, c.x0, c.x1) if c.text and c.text.strip() else None
            if key is not None:
                cells[key] = cells.get(key, "") + cell_text(c.text)
        name = cells.get("project", "")
        if not name or pattern("row_total").match(compact(name)) or pattern("row_subtotal").match(compact(name)):
            if out and not name and cells.get("goal") and not cells.get("fund"):
                out[-1].goal += cells["goal"]   # a row the page break split
            continue
        target = PerformanceTarget(kind="project", title=title, file=file, project_name=name,
                                   department=cells.get("department", ""), goal=cells.get("goal", ""),
                                   pages=[line.page])
        amount = parse_number(compact(cells.get("fund", "")))
        target.fund_total = to_wan(amount, unit) if amount is not None else None
        out.append(target)
    return out


def _list_columns(line: Line) -> list:
    """[(key, x0, x1)] of a list header row: ruled cells naming a project, its goal and no
    indicator column; [] for any other row."""
    if not line.grid or header_keys(line) is not None:
        return []
    cols = [(LIST_LABELS.get(header_label(c.text)), c.x0, c.x1) for c in line.cells if c.text and c.text.strip()]
    keys = {k for k, _, _ in cols}
    if None in keys or not {"project", "goal"} <= keys:
        return []
    return cols


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------
def compact(text: str) -> str:
    """NFKC text without white space."""
    return re.sub(r"\s+", "", normalize(text))


def join_lines(parts: list[str]) -> str:
    """Join the pieces of a wrapped cell: no separator between printed lines."""
    return "".join(p.strip() for p in parts if p and p.strip())


def cell_text(text: str) -> str:
    """A ruled cell's text with its wrapped lines joined."""
    return join_lines((text or "").split("\n"))


def operator_of(token: str) -> Optional[str]:
    return OPERATORS.get(normalize(token).replace(" ", "")) or OPERATORS.get((token or "").strip())


def is_number(token: str) -> bool:
    return parse_number(token) is not None


def is_percent(token: str) -> bool:
    return bool(_PERCENT.match(normalize(token)))


def is_unit(token: str) -> bool:
    """A unit as printed in 度量单位: 次, 万元, %, 万元/年, 元/户（套）, 无 ..."""
    t = _BRACKETED.sub("", normalize(token)).strip()
    if not t or len(t) > 10:
        return False
    return all(part in UNIT_WORDS for part in t.split("/"))


def is_level_token(token: str) -> bool:
    """一级/二级指标 cells: 产出指标, 数量指标, 服务对象满意度指标 ... (not header labels)."""
    t = compact(token)
    return bool(_LEVEL_TOKEN.match(t)) and t not in HEADER_LABELS and t != SECTION_MARK


def split_glued(tokens: list[str]) -> list[str]:
    """Split tokens such as "≥90" into operator and value."""
    out: list[str] = []
    for tok in tokens:
        m = _GLUED_OPERATOR.match(tok)
        out.extend([m.group(1), m.group(2)] if m else [tok])
    return out


def _table_unit(lines: list[Line]) -> str:
    for line in lines[:6]:
        unit = find_unit(line.text)
        if unit:
            return unit
    return DEFAULT_UNIT


def _is_furniture(lines: list[Line], i: int) -> bool:
    """Repeated titles, unit statements, 附件 labels and page numbers: not table content."""
    line = lines[i]
    c = compact(line.text)
    if not c:
        return True
    if pattern("performance_title_word").search(c) and len(c) < 60:
        return True
    if pattern("unit_line").fullmatch(c) or _ATTACHMENT.match(c):
        return True
    if _PAGE_NUMBER.match(c) and not line.grid:
        first = i == 0 or lines[i - 1].page != line.page
        last = i == len(lines) - 1 or lines[i + 1].page != line.page
        return first or last
    return False


def _is_trailer(line: Line) -> bool:
    return bool(TRAILER.match(compact(line.text)))


def _units(line: Line) -> list[str]:
    """The pieces of a line: cell texts of a ruled row, tokens of a text line."""
    if line.grid:
        return [cell_text(c.text) for c in line.cells if c.text and c.text.strip()]
    return [c.text for c in line.cells if c.text and c.text.strip()]


def _is_section_mark(line: Line) -> bool:
    return any(compact(u) == SECTION_MARK for u in _units(line))


def _indicator_start(lines: list[Line]) -> int:
    """Index of the first line of the indicator part (绩效指标 mark or header row)."""
    for i, line in enumerate(lines):
        if _is_section_mark(line) or header_keys(line) is not None:
            return i
    for i, line in enumerate(lines):
        units = _units(line)
        if units and compact(units[0]) in LEVEL1_LABELS:
            return i
    return len(lines)


# ---------------------------------------------------------------------------
# Field part
# ---------------------------------------------------------------------------
def field_label(unit: str) -> Optional[tuple[str, str, str]]:
    """(key, unit in brackets, rest of the text) when ``unit`` starts with a field label."""
    c = compact(unit).rstrip(":：")
    base = _BRACKETED.sub("", c) if c.endswith(")") else c
    if base in FIELD_LABELS:
        m = re.search(r"\(([^()]*)\)$", c)
        return FIELD_LABELS[base], (m.group(1) if m else ""), ""
    for label in sorted(FIELD_LABELS, key=len, reverse=True):
        if len(label) >= 4 and c.startswith(label):
            rest = c[len(label):].lstrip(":：")
            m = re.match(r"\(([^()]*)\)", rest)
            if m:
                return FIELD_LABELS[label], m.group(1), rest[m.end():]
            return FIELD_LABELS[label], "", rest
    return None


def read_fields(lines: list[Line], target: PerformanceTarget, table_unit: str = DEFAULT_UNIT) -> None:
    """Fill the label/value fields of ``target`` from the lines above the indicators."""
    values: dict[str, list[list[str]]] = {}   # key -> printed lines -> pieces
    units: dict[str, str] = {}
    key, last_line = None, None
    for n, line in enumerate(lines):
        for piece in _units(line):
            found = field_label(piece)
            if found:
                key, units[found[0]], rest = found
                values.setdefault(key, [])
                last_line = None
                if not rest:
                    continue
                piece = rest
            if key is None:
                continue
            if last_line != n:
                values[key].append([])
                last_line = n
            values[key][-1].append(piece)
    text = {k: join_lines([" ".join(p) for p in v]) for k, v in values.items()}
    _apply_fields(target, text, units, table_unit)


def _apply_fields(target: PerformanceTarget, text: dict, units: dict, table_unit: str) -> None:
    project = text.get("project", "")
    m = _CODE_NAME.match(project)
    target.project_code, target.project_name = (m.group(1), m.group(2).strip()) if m else ("", project)
    target.department = text.get("department", "")
    target.period_start = text.get("start", "")
    target.period_end = text.get("end", "")
    target.goal = text.get("goal", "")
    target.overview = text.get("overview", "")
    target.basis = text.get("basis", "")
    amount = parse_number(compact(text.get("fund", "")))
    if amount is not None:
        unit = units.get("fund") if units.get("fund") in UNIT_SCALE else table_unit
        target.fund_total = to_wan(amount, unit)


# ---------------------------------------------------------------------------
# Indicator header
# ---------------------------------------------------------------------------
def header_label(text: str) -> str:
    """A header cell without the unit it names in brackets: "指标权重(%)" -> "指标权重"."""
    c = compact(text)
    bare = _BRACKETED.sub("", c)
    return bare if bare and labels_to_keys(bare) is not None else c


def header_keys(line: Line) -> Optional[list[str]]:
    """Column keys of a header row, or None when ``line`` is not one."""
    labels = [header_label(u) for u in _units(line) if compact(u) != SECTION_MARK]
    if len(labels) < 2:
        return None
    keys = labels_to_keys("".join(labels))
    if keys is None or len(keys) < 2:
        return None
    return keys


def labels_to_keys(text: str) -> Optional[list[str]]:
    """Split concatenated header labels ("一级指标二级指标…") into column keys; None if other text."""
    keys, pos = [], 0
    for m in _HEADER_RE.finditer(text):
        if m.start() != pos:
            return None
        keys.append(HEADER_LABELS[m.group(0)])
        pos = m.end()
    return keys if keys and pos == len(text) else None


def is_header_fragment(line: Line) -> bool:
    """A piece of a wrapped header row in text ("指标性", "质", "度量单位")."""
    c = compact(line.text)
    return bool(c) and not line.grid and all(ch in _HEADER_CHARS for ch in c)


def default_keys(kind: str, starts_with_level: bool) -> list[str]:
    if starts_with_level:
        return ["level1", "level2", "name", "value", "nature", "unit"]
    if kind == "overall":
        return ["name", "weight", "unit", "nature", "value"]
    return ["name", "value", "nature", "unit"]


# ---------------------------------------------------------------------------
# Splitting the tail of a text row
# ---------------------------------------------------------------------------
def _group(keys: list[str], key: str) -> int:
    """Order of a column; the value and operator columns are interchangeable (≥ 90 / 90 ≥)."""
    if key in ("value", "nature") and "value" in keys and "nature" in keys:
        return min(keys.index("value"), keys.index("nature"))
    return keys.index(key)


def _candidates(tokens: list[str], i: int, keys: list[str], tail: dict) -> list[str]:
    """Columns token ``i`` may fill, best first."""
    tok = tokens[i]
    left = tokens[i - 1] if i > 0 else ""
    if operator_of(tok):
        return ["nature"]
    if compact(tok) in NATURE_WORDS:
        return ["nature", "value"]
    if compact(tok) in CORE_WORDS:
        return ["core"]
    if is_percent(tok):
        return ["weight", "value"]
    if is_number(tok):
        return ["value", "weight"] if "weight" in keys else ["value"]
    out = []
    after_operator = (operator_of(left) or compact(left) in NATURE_WORDS) and not tail
    if is_unit(tok) or (after_operator and len(compact(tok)) <= 8 and not re.search(r"\d", tok)):
        out.append("unit")
    if "value" in keys:
        # text is a value only beside a column printed right of it (定性, a unit), or last
        right_of_value = keys[keys.index("value") + 1:]
        if not right_of_value or any(k in tail for k in right_of_value):
            out.append("value")
    return out


def peel_tail(tokens: list[str], keys: list[str]) -> tuple[list[str], dict]:
    """Split a text line into (leading tokens, {column: token}) for the columns right of the name.

    Tokens are taken from the right while each fits a column that lies left of the one
    taken before (in header order). The result counts as a row's tail only when it holds
    the 指标性质/operator column or at least two columns; otherwise nothing is taken.
    """
    if "name" not in keys:
        return tokens, {}
    right = keys[keys.index("name") + 1:]
    tail: dict = {}
    bound = len(keys)
    i = len(tokens)
    while i > 0:
        fits = [k for k in _candidates(tokens, i - 1, keys, tail)
                if k in right and k not in tail and _group(keys, k) <= bound
                and (_group(keys, k) < bound or not tail or _is_pair(k, tail))]
        # the rightmost column that still fits (a number right of 指标值 is a weight); ties keep their order
        key = max(fits, key=lambda k: _group(keys, k)) if fits else None
        if key is None:
            break
        tail[key] = tokens[i - 1]
        bound = _group(keys, key)
        i -= 1
    if "nature" in tail or len(tail) >= 2:
        return tokens[:i], tail
    return tokens, {}


def _is_pair(key: str, tail: dict) -> bool:
    other = "nature" if key == "value" else "value" if key == "nature" else None
    return other is not None and other in tail


# ---------------------------------------------------------------------------
# Building one indicator
# ---------------------------------------------------------------------------
def make_indicator(levels: tuple[str, str], name: str, cells: dict, page: int, raw: str) -> Indicator:
    """An Indicator from column texts (value, nature, unit, weight), normalized."""
    value_raw = (cells.get("value") or "").strip()
    nature_raw = compact(cells.get("nature") or "")
    unit = (cells.get("unit") or "").strip()
    operator = operator_of(nature_raw) or ""
    m = _GLUED_OPERATOR.match(compact(value_raw))
    if m:
        operator, value_raw = operator or OPERATORS[m.group(1)], m.group(2)
    elif not operator:
        m = re.match(r"^(≥|≤|≧|≦|>=|<=|=|＝|>|<|＞|＜)\s*(.+)$", value_raw)
        if m and is_number(m.group(2).rstrip("%")):
            operator, value_raw = OPERATORS[m.group(1)], m.group(2)
    value = parse_number(value_raw)
    if value is None and is_percent(compact(value_raw)):
        value = Decimal(_PERCENT.match(normalize(compact(value_raw))).group(1))
        unit = unit or "%"
    quantitative = value is not None and (operator or nature_raw == NATURE["quantitative"])
    weight_text = compact(cells.get("weight") or "").rstrip("%")
    return Indicator(level1=levels[0], level2=levels[1], name=name.strip(), value_raw=value_raw,
                     value=value, operator=operator, unit=unit,
                     nature=NATURE["quantitative"] if quantitative else NATURE["qualitative"],
                     weight=parse_number(weight_text) if weight_text else None,
                     page=page, raw=raw)


def unsplit_indicator(levels: tuple[str, str], page: int, raw: str) -> Indicator:
    """A row that could not be split into columns: kept whole."""
    return Indicator(level1=levels[0], level2=levels[1], name="", value_raw=raw, nature="",
                     page=page, raw=raw)


def resolve_levels(tokens: list[str], previous: tuple[str, str], n_levels: int) -> tuple[str, str]:
    """(一级, 二级) from the level cells printed on a row; merged cells are inherited."""
    if n_levels < 2:
        return (tokens[0] if tokens else previous[0]), ""
    if len(tokens) >= 2:
        return tokens[0], tokens[-1]
    if not tokens:
        return previous
    tok = tokens[0]
    if tok in LEVEL1_LABELS and (tok != previous[0] or not previous[0]):
        return tok, ""
    return previous[0], tok


def merge_levels(before: list[str], after: list[str]) -> list[str]:
    """Level cells of a row printed over several lines. A cell repeated at the start of the
    next line is one merged cell printed twice; repeats within one line are two cells."""
    if before and after and after[0] == before[-1]:
        after = after[1:]
    return before + after


# ---------------------------------------------------------------------------
# Rows of text
# ---------------------------------------------------------------------------
@dataclass
class TextPiece:
    """One text line of the indicator part, split into level cells, body and tail."""
    line: Line
    levels: list
    body: list
    tail: dict

    @property
    def text(self) -> str:
        return " ".join(self.body)


@dataclass
class TextRow:
    """The text lines of one indicator row."""
    levels: list = field(default_factory=list)
    head: list = field(default_factory=list)       # text beside the level cells (a name)
    fragments: list = field(default_factory=list)  # wrapped lines without levels or tail
    tail_body: str = ""                            # text left of the tail on the tail line
    tail: Optional[dict] = None
    lines: list = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.tail is not None

    @property
    def only_levels(self) -> bool:
        return not (self.head or self.fragments or self.tail is not None)

    def add(self, piece: TextPiece) -> None:
        self.lines.append(piece.line)
        self.levels = merge_levels(self.levels, piece.levels)
        if piece.tail:
            self.tail_body, self.tail = piece.text, piece.tail
        elif piece.body and piece.levels:
            self.head.append(piece.text)
        elif piece.body:
            self.fragments.append(piece.text)

    def raw(self) -> str:
        return "\n".join(l.text for l in self.lines)

    def name_and_value(self) -> tuple[str, str]:
        """Share the row's text between the name and value cells.

        The value wraps in its narrow column only when it is text; it is taken from the
        short lines above the tail line when the name was printed beside the level cells.
        Otherwise every line without a tail belongs to the name.
        """
        value = (self.tail or {}).get("value", "")
        fragments = list(self.fragments)
        if self.head and not self.tail_body and not is_number(value):
            k = 0
            while k < len(fragments) and len(compact(fragments[-1 - k])) <= SHORT_FRAGMENT:
                k += 1
            if k:
                value = join_lines(fragments[-k:]) + value
                fragments = fragments[:-k]
        elif not value and not self.head and len(fragments) > 1 \
                and len(compact(fragments[-1])) <= SHORT_FRAGMENT:
            value = fragments.pop()
        return join_lines(self.head + fragments + [self.tail_body]), value


class IndicatorReader:
    """Turns the lines of the indicator part into Indicators, row by row."""

    def __init__(self, kind: str):
        self.kind = kind
        self.keys: Optional[list[str]] = None
        self.columns: list = []          # (key, x0, x1) from a ruled header row
        self.header_buffer: Optional[str] = None
        self.indicators: list[Indicator] = []
        self.levels: tuple[str, str] = ("", "")
        self.row: Optional[TextRow] = None
        self.last_row: Optional[TextRow] = None
        self.orphans: list[TextPiece] = []
        self.pages: set = set()
        self.last_grid_page: Optional[int] = None

    # -- dispatch ---------------------------------------------------------------------
    def feed(self, line: Line) -> None:
        if self._header(line):
            return
        units = [u for u in _units(line) if compact(u) != SECTION_MARK]
        if not units:
            return
        if self.keys is None:
            self.keys = default_keys(self.kind, is_level_token(units[0]))
        self.pages.add(line.page)
        if line.grid:
            self._flush_text()
            self._grid_row(line)
        else:
            self._text_line(line, units)

    def finish(self) -> list[Indicator]:
        self._flush_text(at_end=True)
        return self.indicators

    @property
    def n_levels(self) -> int:
        return sum(1 for k in (self.keys or []) if k in ("level1", "level2"))

    # -- header rows ------------------------------------------------------------------
    def _header(self, line: Line) -> bool:
        """Read (or skip a repeat of) the header row; True when ``line`` was header."""
        keys = header_keys(line)
        if keys is not None:
            self._flush_text()
            if line.grid:
                self._grid_columns(line)
                self.keys = [k for k, _, _ in self.columns]
                self.header_buffer = None
            else:
                self.header_buffer = "".join(header_label(u) for u in _units(line) if compact(u) != SECTION_MARK)
                self.keys = keys
            return True
        if self.header_buffer is not None and is_header_fragment(line):
            self.header_buffer += compact(line.text)
            self.keys = labels_to_keys(self.header_buffer) or self.keys
            return True
        self.header_buffer = None
        return False

    def _grid_columns(self, line: Line) -> None:
        self.columns = []
        for c in line.cells:
            label = header_label(c.text or "")
            if not label or label == SECTION_MARK:
                continue
            for key in labels_to_keys(label) or []:
                self.columns.append((key, c.x0, c.x1))

    # -- ruled rows -------------------------------------------------------------------
    def _grid_cells(self, line: Line) -> dict:
        """Column key -> text of a ruled row: by x-extent under the header cells, else by
        position, right-aligned (merged level cells are missing on the left)."""
        cells = [c for c in line.cells if c.text and c.text.strip() and compact(c.text) != SECTION_MARK]
        positioned = bool(self.columns) and all(c.x0 is not None and c.x1 is not None for c in cells)
        keys = self.keys or []
        out: dict = {}
        for n, c in enumerate(cells):
            if positioned:
                key = _column_at(self.columns, c.x0, c.x1)
            else:
                idx = n + len(keys) - len(cells)
                key = keys[idx] if 0 <= idx < len(keys) else None
            key = key or "extra"
            out[key] = join_lines([out.get(key, ""), cell_text(c.text)])
        return out

    def _grid_levels(self, cells: dict) -> tuple[str, str]:
        """Level cells of a ruled row; a merged (absent) cell repeats the row above."""
        level1 = cells.get("level1", "")
        if level1:
            return level1, cells.get("level2", "")
        return self.levels[0], cells.get("level2", "") or self.levels[1]

    def _grid_row(self, line: Line) -> None:
        cells = self._grid_cells(line)
        if self._grid_continuation(line, cells):
            return
        levels = self._grid_levels(cells)
        raw = " | ".join(cell_text(c.text) for c in line.cells if c.text)
        if not any(cells.get(k) for k in ("value", "nature", "unit", "weight", "name")):
            self.indicators.append(unsplit_indicator(levels, line.page, raw))
        else:
            self.indicators.append(make_indicator(levels, cells.get("name", ""), cells, line.page, raw))
        self.levels = levels
        self.last_grid_page = line.page

    def _grid_continuation(self, line: Line, cells: dict) -> bool:
        """A ruled row cut by a page break: its second part continues the last indicator."""
        if not self.indicators or self.last_grid_page is None or line.page == self.last_grid_page:
            return False
        if any(cells.get(k) for k in ("level1", "level2", "nature", "unit", "weight")):
            return False
        last = self.indicators[-1]
        last.name = join_lines([last.name, cells.get("name", "")])
        if cells.get("value"):
            updated = make_indicator((last.level1, last.level2), last.name,
                                     {"value": last.value_raw + cells["value"],
                                      "nature": last.operator or last.nature, "unit": last.unit},
                                     last.page, last.raw)
            last.value_raw, last.value, last.nature = updated.value_raw, updated.value, updated.nature
        last.raw += "\n" + " | ".join(cell_text(c.text) for c in line.cells if c.text)
        self.last_grid_page = line.page
        return True

    # -- text lines -------------------------------------------------------------------
    def _piece(self, line: Line, units: list[str]) -> TextPiece:
        tokens = split_glued(units)
        levels: list[str] = []
        while tokens and len(levels) < self.n_levels and is_level_token(tokens[0]):
            levels.append(compact(tokens.pop(0)))
        body, tail = peel_tail(tokens, self.keys or [])
        return TextPiece(line, levels, body, tail)

    def _text_line(self, line: Line, units: list[str]) -> None:
        piece = self._piece(line, units)
        if piece.levels:
            if self.row is not None and self.row.only_levels \
                    and len(merge_levels(self.row.levels, piece.levels)) <= self.n_levels:
                self.row.add(piece)
            else:
                self._flush_orphans(at_end=False)
                self._close_row()
                self.row = TextRow()
                self.row.add(piece)
        elif self.row is not None:
            self.row.add(piece)
        elif piece.tail:
            self.row = TextRow()
            for orphan in self.orphans:
                self.row.add(orphan)
            self.orphans = []
            self.row.add(piece)
        else:
            self.orphans.append(piece)
        if self.row is not None and self.row.complete:
            self._close_row()

    def _close_row(self) -> None:
        row, self.row = self.row, None
        if row is None:
            return
        levels = resolve_levels(row.levels, self.levels, self.n_levels)
        page = row.lines[0].page
        if row.complete:
            name, value = row.name_and_value()
            cells = dict(row.tail)
            cells["value"] = value
            self.indicators.append(make_indicator(levels, name, cells, page, row.raw()))
        else:
            self.indicators.append(unsplit_indicator(levels, page, row.raw()))
        self.levels = levels
        self.last_row = row

    def _flush_text(self, at_end: bool = False) -> None:
        self._flush_orphans(at_end)
        self._close_row()

    def _flush_orphans(self, at_end: bool) -> None:
        """Lines left between rows: the end of a wrapped name cut by a page break, else kept."""
        orphans, self.orphans = self.orphans, []
        if not orphans:
            return
        last = self.last_row
        if last is not None and len(last.lines) > 1 and self.indicators:
            ind = self.indicators[-1]
            ind.name = join_lines([ind.name] + [o.text for o in orphans])
            ind.raw += "\n" + "\n".join(o.line.text for o in orphans)
            return
        row_pages = {i.page for i in self.indicators}
        if at_end and not any(o.line.page in row_pages for o in orphans):
            for o in orphans:       # text after the table on a page of its own: not indicators
                self.pages.discard(o.line.page)
            return
        raw = "\n".join(o.line.text for o in orphans)
        self.indicators.append(unsplit_indicator(self.levels, orphans[0].line.page, raw))


def _column_at(columns: list, x0: float, x1: float) -> Optional[str]:
    """The column a cell [x0, x1] overlaps most (leftmost on ties)."""
    best, best_overlap = None, 0.0
    for key, c0, c1 in columns:
        if c0 is None or c1 is None:
            continue
        overlap = min(x1, c1) - max(x0, c0)
        if overlap > best_overlap:
            best, best_overlap = key, overlap
    return best
