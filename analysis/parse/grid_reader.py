"""Read a table from its grids (one per page it covers): header tree, columns by meaning,
one row model for every template, and a confidence.

The reader never guesses silently: what it cannot place lowers the table's confidence and is
recorded as a reading issue (``Table.reading``); below ``CONFIDENCE_THRESHOLD`` the table's
figures are withheld and the checks report a reading warning instead of findings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import permutations
from typing import Optional

from ..inputs.base import Grid
from ..model import Column, Problem, Row
from ..numbers import PLACEHOLDERS, UNIT_SCALE, find_unit, parse_cell
from ..settings import DEFAULT, ReaderSettings
from ..vocab import LABEL_TEXT_KEYS, SUM_IDENTITIES, SUM_KEYS, header_rules, sum_family
from ..vocab.words import pattern
from .columns import CODE_PARTS, Profile, amount_key, assign_columns, column_groups
from .header import (HeaderColumn, header_columns, header_depth, header_signature, is_amount_text,
                     lead_rows, repeated_header_rows)
from .rows import CODE, ENUM, TOTAL, TableBuilder, row_flags
from .titles import compact

NAME_KEY = re.compile(r"^name(?:_\d+)?$")
_DIGITS_TAIL = re.compile(r"^[\d.,]{1,4}$")   # the end of an amount a page break cut off


@dataclass
class DataRow:
    """One printed row of the table body: the anchored text of each leaf column."""
    grid: Optional[Grid]     # None for a row printed as text outside the ruling
    r: int
    page: int
    texts: dict = field(default_factory=dict)     # leaf column -> text (anchored cells)
    spans: dict = field(default_factory=dict)     # leaf column -> colspan of the anchored cell
    covered: dict = field(default_factory=dict)   # leaf column -> text of a cell spanning down into this row
    x0s: dict = field(default_factory=dict)       # leaf column -> its first printed character, pt from the cell's edge
    refs: dict = field(default_factory=dict)      # leaf column -> its workbook cell ("Sheet!B12"), where read from one
    confidence: dict = field(default_factory=dict)  # leaf column -> the recogniser's confidence (OCR cells only)

    @property
    def raw(self) -> str:
        return " | ".join(compact(self.texts[c]) for c in sorted(self.texts) if compact(self.texts[c]))


def _logical_columns(grid: Grid, cols: list, start: int, depth: int) -> tuple:
    """Merge adjacent elementary columns that the header never tells apart (one header cell over
    both at every header row) and that no data row fills separately: slivers left by a ruling
    that is offset on some rows. Returns (logical HeaderColumns, elementary -> logical)."""
    groups: list = [[0]] if cols else []
    for c in range(1, len(cols)):
        same_header = depth > 0 and all(grid.at(r, c) is grid.at(r, c - 1) for r in range(start, start + depth))
        separate = same_header and any(
            compact(a.text) and compact(b.text)
            for r in range(start + depth, grid.n_rows)
            for a, b in [(grid.at(r, c - 1), grid.at(r, c))] if a is not None and b is not None and a is not b)
        if same_header and not separate:
            groups[-1].append(c)
        else:
            groups.append([c])
    out, mapping = [], {}
    for i, g in enumerate(groups):
        first = cols[g[0]]
        out.append(HeaderColumn(i, first.x0, cols[g[-1]].x1, list(first.path), list(first.spans)))
        for c in g:
            mapping[c] = i
    return out, mapping


def _map_columns(grid: Grid, header: list, s: ReaderSettings) -> dict:
    """Elementary columns of a continuation grid -> leaf columns of the table, by the column's
    left edge (a cell spanning a label and an amount column starts in the label column). The
    columns of a grid read from text alignment are drawn where its own words fall, not where the
    first page's fell: each goes to the leaf column it overlaps most."""
    out = {}
    for c in range(grid.n_cols):
        x0, x1 = grid.xs[c], grid.xs[c + 1]
        if grid.source == "text":
            overlaps = [(min(x1, h.x1) - max(x0, h.x0), h.index) for h in header]
            best = max(overlaps)[1] if overlaps and max(overlaps)[0] > 0 else None
        else:
            probe = x0 + min(s.cell_probe, (x1 - x0) / 2)
            best = next((h.index for h in header if h.x0 - 1 <= probe <= h.x1 + 1), None)
        if best is not None:
            out[c] = best
    return out


def _cell_columns(cell, header: list, mapping: dict, s: ReaderSettings) -> Optional[tuple]:
    """(first, last) leaf column a cell covers."""
    first = mapping.get(cell.col)
    if first is None:
        return None
    end = cell.x1 - min(s.cell_probe, (cell.x1 - cell.x0) / 2)
    last = next((h.index for h in header if h.x0 - 1 <= end <= h.x1 + 1), first)
    return first, max(first, last)


class GridReader(TableBuilder):
    """A TableBuilder that reads ruled (or text-aligned) grids."""

    def read(self, grids: list) -> None:
        """Read the table from its grids: header, rows, columns by meaning, confidence."""
        self.issues: dict = {}
        if not grids:
            return
        header, rows = self._header_and_rows(grids)
        self._header_words_in_first_row(rows, header)
        profiles = [Profile(share=self.settings.column_mostly) for _ in header]
        for dr in rows:
            for c, t in dr.texts.items():
                if dr.spans.get(c, 1) == 1:
                    profiles[c].add(t)
        specs = assign_columns([h.label for h in header], profiles, self.kind, self.year)
        self.specs = specs
        rows = _join_wrapped_labels(rows, specs)
        self.side_names = self._side_names(specs, header)
        self._add_columns(specs)
        self._build_rows(rows, specs)
        self._keys_from_sums(specs)
        self._group_totals(specs)
        self._score(rows, specs, profiles)

    def _header_and_rows(self, grids: list) -> tuple:
        """(leaf columns of the first grid's header, data rows of every grid): a continuation grid
        repeats the header or not, and its columns are mapped onto the first grid's."""
        s = self.settings
        g0 = grids[0]
        start = lead_rows(g0, s)
        depth = header_depth(g0, start, s)
        elementary = header_columns(g0, start, depth)
        signature = header_signature(g0, start, depth)
        if depth == 0:
            self._issue("no_header", 1)
        header, mapping0 = _logical_columns(g0, elementary, start, depth)
        self._unit_from_header(header, g0, start)
        rows: list[DataRow] = []
        for gi, g in enumerate(grids):
            if gi == 0:
                first = start + depth
                mapping = mapping0
            else:
                first = repeated_header_rows(g, signature, s) if depth else lead_rows(g, s)
                mapping = _map_columns(g, header, s)
                if len(mapping) < g.n_cols and any(compact(c.text) for c in g.cells if c.col not in mapping):
                    self._issue("continuation_columns", 1)
            rows.extend(self._data_rows(g, first, mapping, header))
        if self.seg.text_rows:
            rows = self._with_text_rows(rows, header)
        return header, rows

    def _add_columns(self, specs: list) -> None:
        """The table's amount columns; a column without a name is called ``colN``."""
        for spec in specs:
            if spec.is_amount:
                key = spec.key or f"col{spec.index + 1}"
                spec.key = key
                side = self.side_names.get(spec.side, "")
                if not side and key in self.table.column_keys():
                    continue  # one list printed in two column groups: one column per key
                self.table.columns.append(Column(key=key, label=f"{side}:{spec.label}" if side else (spec.label or key)))

    # -- columns the header does not name: chosen by the table's own sums ------------------------
    def _keys_from_sums(self, specs: list) -> None:
        """Amount columns without a usable header (no label, or a label shared by two columns) get
        the keys of the kind's column identities (合计 = 基本支出 + 项目支出 …) under which the
        table's own rows reconcile: published tables almost always do. The assignment is taken
        only when it reconciles nearly every row and no other does as well."""
        family = sum_family(self.table.role)
        if family is None:
            return
        for side in {spec.side for spec in specs}:
            loose, free = self._loose_columns(specs, side, family)
            keys = self._keys_reconciled(loose, free, side, family) if loose else None
            if keys is not None:
                self._rename_columns(loose, keys)

    def _loose_columns(self, specs: list, side: int, family: str) -> tuple:
        """(amount columns of ``side`` without a usable key, the identity keys not used on it);
        nothing when there are too many loose columns or too few free keys."""
        cols = [spec for spec in specs if spec.is_amount and spec.side == side]
        loose = [spec for spec in cols if re.match(r"^col\d+$", spec.key) or "duplicate_key" in spec.notes]
        if not loose or len(loose) > self.settings.sums_max_columns:
            return [], []
        used = {spec.key for spec in cols if spec not in loose}
        free = [k for k in SUM_KEYS[family] if k not in used]
        if len(free) < len(loose):
            return [], []
        return loose, free

    def _keys_reconciled(self, loose: list, free: list, side: int, family: str) -> Optional[tuple]:
        """The keys for ``loose`` under which the side's rows reconcile best, when they reconcile
        on enough rows and better than under any other keys; else None."""
        side_name = self.side_names.get(side)
        rows = [r for r in self.table.rows if not side_name or r.section == side_name]
        scored = []
        for keys in permutations(free, len(loose)):
            rename = {spec.key: k for spec, k in zip(loose, keys)}
            scored.append((_reconciled(rows, rename, family, self.table), keys))
        scored.sort(key=lambda x: -x[0][0])
        (best, checked), keys = scored[0]
        runner_up = scored[1][0][0] if len(scored) > 1 else -1
        s = self.settings
        if checked < s.sums_min_rows or best < s.sums_share * checked or best == runner_up:
            return None
        return keys

    def _rename_columns(self, loose: list, keys: tuple) -> None:
        rename = {spec.key: k for spec, k in zip(loose, keys)}
        for r in self.table.rows:
            for old, new in rename.items():
                for store in (r.amounts, r.placeholders, r.unreadable, r.refs):
                    if old in store:
                        store[new] = store.pop(old)
            r.blank = [rename.get(k, k) for k in r.blank]
        for c in self.table.columns:
            if c.key in rename:
                c.key = rename[c.key]
        for spec in loose:
            spec.key = rename[spec.key]
            spec.notes = [n for n in spec.notes if n != "duplicate_key"] + ["key_from_sums"]
        self._issue("keys_from_sums", len(loose))

    # -- a column group printed without its subtotal ---------------------------------------------
    def _group_totals(self, specs: list) -> None:
        """A group of columns printed without its own amount (基本支出 over 人员支出 and 日常公用支出,
        no 小计): where the table's rows tie out with the group's amount taken as the sum of its
        sub-columns (合计 = 人员 + 公用 + 项目 …), the group's column is added with that sum
        (``group_total_derived``); otherwise the sub-columns stay as printed and no column holds
        the group's amount."""
        family = sum_family(self.table.role)
        if family is None:
            return
        for side in sorted({spec.side for spec in specs}):
            mine = [spec for spec in specs if spec.side == side]
            keys = {spec.key for spec in mine if spec.is_amount}
            for g in column_groups(mine, self.kind, self.year):
                parts = [m.key for m in g.parts()]
                if g.key in SUM_KEYS[family] and g.key not in keys and g.subtotal is None and len(parts) > 1 \
                        and self._group_ties_out(g.key, parts, keys, side):
                    self._add_group_total(g, parts, side)
                    keys = (keys - set(parts)) | {g.key}   # a group added stands for its parts

    def _side_rows(self, side: int) -> list:
        side_name = self.side_names.get(side)
        return [r for r in self.table.rows if not side_name or r.section == side_name]

    def _group_ties_out(self, key: str, parts: list, keys: set, side: int) -> bool:
        """Whether 合计 = (the group's parts) + (the side's other amount columns) on nearly every
        row that prints them."""
        others = [k for k in keys if k not in parts and k != "total" and not k.startswith(("prior_", "budget_", "of_which"))]
        ok = checked = 0
        for r in self._side_rows(side):
            if "total" not in r.amounts or not all(k in r.amounts for k in parts):
                continue
            whole = r.amounts["total"]
            rest = sum((r.amounts.get(k) or Decimal(0) for k in parts + others), Decimal(0))
            if whole == 0 and rest == 0:
                continue
            checked += 1
            ok += abs(whole - rest) <= _tolerance(self.table)
        s = self.settings
        return checked >= s.sums_min_rows and ok >= s.sums_share * checked

    def _add_group_total(self, g, parts: list, side: int) -> None:
        for r in self._side_rows(side):
            if all(k in r.amounts for k in parts):
                r.amounts[g.key] = sum((r.amounts[k] for k in parts), Decimal(0))
                if all(k in r.blank for k in parts):
                    r.blank.append(g.key)
        side_name = self.side_names.get(side, "")
        first = next(i for i, c in enumerate(self.table.columns) if c.key == g.members[0].key)
        self.table.columns.insert(first, Column(key=g.key, label=f"{side_name}:{g.parent}" if side_name else g.parent))
        self._issue("group_total_derived", 1)

    # -- rows of the body -------------------------------------------------------
    def _data_rows(self, g: Grid, first: int, mapping: dict, header: list) -> list:
        out = []
        for r in range(first, g.n_rows):
            dr = DataRow(g, r, g.page)
            for cell in g.row(r):
                cols = _cell_columns(cell, header, mapping, self.settings)
                c = cols[0] if cols else None
                if c is None:
                    if compact(cell.text):
                        self._issue("unplaced_cells", 1)
                        self.problems.append(Problem(self.seg.file, g.page, "unplaced_cell",
                                                     f"{self.table.id}: a cell lies outside the header columns",
                                                     cell.text))
                    continue
                if compact(dr.texts.get(c, "")) and compact(cell.text):
                    dr.texts[c] += cell.text  # two slivers of one logical column
                elif c not in dr.texts or compact(cell.text):
                    dr.texts[c] = cell.text
                    dr.x0s[c] = None if cell.text_x0 is None else cell.text_x0 - cell.x0
                if cell.ref and (c not in dr.refs or compact(cell.text) and not compact(dr.texts.get(c, ""))):
                    dr.refs[c] = cell.ref
                if cell.confidence is not None:
                    dr.confidence[c] = min(cell.confidence, dr.confidence.get(c, 1.0))
                dr.spans[c] = max(dr.spans.get(c, 1), cols[1] - cols[0] + 1)
            for cell in g.cells:
                if cell.row < r < cell.row + cell.rowspan and compact(cell.text):
                    c = mapping.get(cell.col)
                    if c is not None:
                        dr.covered[c] = cell.text
            out.append(dr)  # blank rows too: a table without label columns prints its zeros blank
        return out

    def _unit_from_header(self, header: list, grid: Grid, start: int) -> None:
        """Where no 单位 line names the unit, a header or banner that prints it (金额（元）,
        单位：元 inside the ruling) does."""
        if self.seg.unit is not None:
            return
        texts = [h.label for h in header] + [c.text for r in range(start) for c in grid.row(r)]
        unit = next((u for u in (find_unit(t) for t in texts) if u), None)
        if unit is None:
            hits = {m for t in texts for m in pattern("unit_in_brackets").findall(compact(t))}
            unit = hits.pop() if len(hits) == 1 else None
        if unit:
            self.seg.unit = unit   # the segment's unit is printed, in its header
        if unit and unit != self.table.unit:
            self.table.unit, self.table.scale = unit, UNIT_SCALE[unit]

    def _with_text_rows(self, rows: list, header: list) -> list:
        """Rows the ruling did not enclose (a last 合计 row alone on the next page): their words
        are placed in the columns under which they stand."""
        keyed = [((dr.page, dr.grid.ys[dr.r] if dr.grid else 0.0), dr) for dr in rows]
        for line in self.seg.text_rows:
            dr = DataRow(None, -1, line.page)
            for w in line.cells:
                mid = w.center if w.center is not None else 0.0
                c = next((h.index for h in header if h.x0 - 1 <= mid <= h.x1 + 1), None)
                if c is None:
                    self._issue("unplaced_cells", 1)
                    continue
                dr.texts[c] = dr.texts.get(c, "") + w.text
                if w.x0 is not None:
                    dr.x0s.setdefault(c, w.x0 - header[c].x0)
            if dr.texts:
                keyed.append(((line.page, line.top), dr))
        keyed.sort(key=lambda kv: kv[0])
        return [dr for _, dr in keyed]

    def _header_words_in_first_row(self, rows: list, header: list) -> None:
        """A template that prints the sub-column labels of a group (合计 基本支出 项目支出) in the
        合计 row: take them into the header, keep the row's label."""
        if not rows:
            return
        dr = rows[0]
        words = {c: compact(t) for c, t in dr.texts.items() if c > 0 and compact(t)}
        if len(words) < 2 or any(is_amount_text(t) or t in PLACEHOLDERS for t in words.values()):
            return
        if not all(amount_key(w, self.kind, self.year) for w in words.values()):
            return
        for c, w in words.items():
            header[c].path.append(w)
            header[c].spans.append(1)
            dr.texts[c] = ""

    @staticmethod
    def _side_names(specs: list, header: list) -> dict:
        sides = sorted({s.side for s in specs})
        if len(sides) < 2:
            return {}
        labels = {sd: [header[s.index].label for s in specs if s.side == sd] for sd in sides}
        first = labels[sides[0]]
        if all([re.sub(r"^[^/]*/", "", x) for x in labels[sd]] == [re.sub(r"^[^/]*/", "", x) for x in first]
               and not any(pattern("side_of_group").search(x.split("/")[0]) for x in labels[sd]) for sd in sides[1:]):
            return {}  # one list printed in several column groups (决算 经济分类 halves)
        out = {}
        for i, sd in enumerate(sides):
            text = " ".join(labels[sd])
            name = next((n for n, rx in header_rules("side", "any") if rx.search(text)), "")
            if not name or name in out.values():
                name = ("income", "expenditure", "expenditure_purpose")[min(i, 2)]
            out[sd] = name
        return out

    def _build_rows(self, rows: list, specs: list) -> None:
        by_side: dict = {}
        for s in specs:
            by_side.setdefault(s.side, []).append(s)
        if len(by_side) > 1 and not self.side_names:
            # one list printed in several column groups: read the groups one after the other
            for sd in sorted(by_side):
                self._build_rows_of(rows, {sd: by_side[sd]})
            return
        self._build_rows_of(rows, by_side)

    def _build_rows_of(self, rows: list, by_side: dict) -> None:
        carry_parts: dict = {}
        prev: dict = {}   # side -> the last row read on it
        drafts: dict = {}   # side -> the draft it was made from (its cells' texts)
        for dr in rows:
            made = []
            pending_name: dict = {}
            for sd, cols in by_side.items():
                row = self._side_row(dr, sd, cols, carry_parts)
                if row is None:
                    continue
                made.append((sd, row))
            # a label cell merged across sides names the side that holds the amount
            for sd, row in list(made):
                if row.amounts_text or row.code or not row.name:
                    continue
                spanning = any(dr.spans.get(s.index, 1) > 1 for s in by_side[sd] if s.role == "label")
                target = next((r2 for s2, r2 in made if s2 != sd and r2.amounts_text and not r2.name), None)
                if spanning and target is not None:
                    target.name = row.name
                    made.remove((sd, row))
                    pending_name[sd] = True
            for sd, row in made:
                last = prev.get(sd)
                if last is not None and self._is_cut_tail(dr, row, last):
                    _join_tail(last, row.name, dr.raw)
                    continue
                if last is not None and self._joins_cut_row(dr, row, last, drafts.get(sd), sd):
                    continue
                prev[sd], drafts[sd] = self._finish_grid_row(row, sd), row

    def _side_row(self, dr: DataRow, sd: int, cols: list, carry_parts: dict) -> Optional["_RowDraft"]:
        """The draft of the row that ``dr`` prints on side ``sd`` (columns ``cols``); None for a
        blank row."""
        labels, group, amounts = _side_cells(dr, cols)
        gov = _government_code(labels, cols)
        name, group = _row_name(labels, group)
        code = self._code(labels, sd, carry_parts, _code_indent(dr, cols), self.settings)
        extra = {k: compact(v) if k != "code_as_printed" else v for k, v in labels.items()
                 if not NAME_KEY.match(k) and k not in CODE_PARTS.values() and k != "code"}
        if gov:
            extra["gov_code"] = gov
        name = _name_in_code_cells(labels, code, name, extra)
        if not name and not code and not any(compact(v) for v in amounts.values()) and (
                any(spec.role == "label" for spec in cols) or self.table.rows):
            return None  # a blank row (kept once in a table without label columns: its zeros)
        recognised = {spec.key: dr.confidence[spec.index] for spec in cols
                      if spec.role == "amount" and spec.index in dr.confidence}
        return _RowDraft(name=name, code=code, group=group, amounts=amounts, extra=extra,
                         page=dr.page, raw=dr.raw, indent=_name_indent(dr, cols), refs=_refs(dr, cols),
                         recognised=recognised)

    @staticmethod
    def _code(labels: dict, sd: int, carry_parts: dict, indent: Optional[float] = None,
              s: ReaderSettings = DEFAULT) -> Optional[str]:
        if labels.get("code"):
            seen = carry_parts.setdefault(("code", sd), {})
            return _one_cell_code(compact(labels["code"]), seen, indent, labels, s)
        parts = [compact(labels.get(k, "")) for k in ("code_1", "code_2", "code_3")]
        if not any(parts) or not all(re.match(r"^\d*$", p) for p in parts):
            return None
        last = max(i for i, p in enumerate(parts) if p)
        prev = carry_parts.get(sd, ["", "", ""])
        filled = [p or (prev[i] if i < last else "") for i, p in enumerate(parts)]
        carry_parts[sd] = filled
        if filled[0] and len(filled[0]) == 7 and not any(filled[1:]):
            return filled[0]  # a full code printed in the 类 column
        return _joined_code(filled, last, parts, labels)

    def _is_cut_tail(self, dr: DataRow, draft: "_RowDraft", prev: Row) -> bool:
        """The tail of a label cut by a page break: first row of a page, only a short label."""
        if dr.page == prev.page or draft.code or draft.amounts_text or not draft.name:
            return False
        if dr.grid is None or dr.r > (lead_rows(dr.grid, self.settings) + self.settings.cut_tail_rows):
            return False
        n = draft.name
        return len(n) <= self.settings.cut_tail_chars and not (ENUM.match(n) or TOTAL.match(n) or CODE.match(n))

    def _joins_cut_row(self, dr: DataRow, draft: "_RowDraft", prev: Row, prev_draft: Optional["_RowDraft"],
                       sd: int) -> bool:
        """Join ``draft`` to ``prev`` when it is the rest of ``prev`` cut by a page break: among the
        first rows of a page, no code of its own, its amounts only the last digits of amounts
        ``prev`` prints (``12,437.3`` | page break | ``6``), its name the end of ``prev``'s. The
        table's own arithmetic decides (``_sums_confirm``). Otherwise the two stay rows of their own."""
        if prev_draft is None or dr.page == prev.page or draft.code or dr.grid is None:
            return False
        if dr.r > lead_rows(dr.grid, self.settings) + self.settings.cut_tail_rows:
            return False
        tails = {k: compact(v) for k, v in draft.amounts.items() if compact(v)}
        joined = self._joined_amounts(tails, prev, prev_draft)
        if not joined or not self._sums_confirm(prev, joined, sd):
            return False
        prev.amounts.update(joined)
        for k, tail in tails.items():
            prev_draft.amounts[k] = compact(prev_draft.amounts[k]) + tail
        for k, v in draft.extra.items():
            if isinstance(v, str) and v and isinstance(prev.extra.get(k), str):
                prev.extra[k] += v
        _join_tail(prev, draft.name, dr.raw)
        self._issue("row_cut_by_page", 1)
        return True

    def _joined_amounts(self, tails: dict, prev: Row, prev_draft: "_RowDraft") -> dict:
        """key -> the amount ``prev`` prints in that column followed by the digits ``tails`` give it;
        nothing unless every tail is a few digits after an amount that ``prev`` prints."""
        if not tails or not all(_DIGITS_TAIL.match(v) for v in tails.values()):
            return {}
        joined = {}
        for k, tail in tails.items():
            head = compact(prev_draft.amounts.get(k, ""))
            cell = parse_cell(head + tail)
            if not head or k not in prev.amounts or k in prev.blank or cell.kind != "number":
                return {}
            joined[k] = cell.value * self.table.scale
        return joined

    def _sums_confirm(self, prev: Row, joined: dict, sd: int) -> bool:
        """Whether the row identities (``_row_identities``) that the ``joined`` cells take part in
        fail on ``prev`` as printed and all hold with the joined amounts."""
        identities = [(w, ps) for w, ps in self._row_identities(sd)
                      if ({w, *ps} & set(joined)) and all(k in prev.amounts for k in (w, *ps))]
        if not identities:
            return False
        tol = _tolerance(self.table)
        after = {**prev.amounts, **joined}

        def holds(amounts: dict, whole: str, parts: tuple) -> bool:
            return abs(amounts[whole] - sum((amounts[p] for p in parts), Decimal(0))) <= tol

        return (not all(holds(prev.amounts, w, ps) for w, ps in identities)
                and all(holds(after, w, ps) for w, ps in identities))

    def _row_identities(self, sd: int) -> list:
        """(whole key, part keys) of the identities between the amount columns of side ``sd``: the
        kind's (合计 = 基本支出 + 项目支出 …) and each header group's (本年收入/小计 = the columns under
        本年收入), where the side prints every key of one."""
        specs = [s for s in self.specs if s.is_amount and s.side == sd]
        keys = {s.key for s in specs if s.key}
        family = sum_family(self.table.role)
        out = [(w, ps) for w, ps in (SUM_IDENTITIES[family] if family else ()) if {w, *ps} <= keys]
        for g in column_groups(specs, self.kind, self.year):
            sub, parts = g.subtotal, tuple(m.key for m in g.parts())
            if sub is not None and sub.key and len(parts) >= 2 and all(parts) and sub.key not in parts:
                out.append((sub.key, parts))
        return out

    def _finish_grid_row(self, d: "_RowDraft", sd: int) -> Row:
        side = self.side_names.get(sd) or None
        row = self._new_row(d.name, d.page, d.raw, section=side)
        row.code = d.code
        row.indent = d.indent
        row.refs = d.refs
        row.extra.update(d.extra)
        if d.group and not row.section:
            row.section = d.group
        for s in self.specs:
            if s.is_amount and s.side == sd:
                self._set_amount(row, s.key, d.amounts.get(s.key, ""))
                if s.key in d.recognised and s.key in row.amounts and s.key not in row.blank:
                    row.recognised[s.key] = d.recognised[s.key]
        if not row.name and not row.code and d.amounts_text:
            row.flags.append("unlabelled")
            if not self.table.rows or all("unlabelled" in r.flags for r in self.table.rows):
                row.flags.append("total")
        self._finish_row(row)
        return row

    # -- confidence ---------------------------------------------------------------
    def _issue(self, code: str, n: int) -> None:
        self.issues[code] = self.issues.get(code, 0) + n

    def _score(self, rows: list, specs: list, profiles: list) -> None:
        """The table's confidence: 1 less the penalties of its reading issues (see
        ``ReaderSettings``); the issues are recorded in ``Table.reading``."""
        counts = self._count_issues(rows, specs, profiles)
        self.table.confidence = round(max(0.0, 1.0 - self._penalty(*counts)), 3)
        self.table.reading = sorted(self.issues)

    def _count_issues(self, rows: list, specs: list, profiles: list) -> tuple:
        """Record the issues of columns and rows; return (numbers, numbers in unnamed columns,
        numbers in columns named by sums, numbers in duplicate columns, unreadable cells,
        unlabelled rows)."""
        numbers, unnamed, chosen, dup = _numbers_by_naming(specs, profiles)
        if unnamed:
            self._issue("unnamed_column", unnamed)
        if dup:
            self._issue("duplicate_key", dup)
        unreadable = sum(len(r.unreadable) for r in self.table.rows)
        if unreadable:
            self._issue("unreadable_cells", unreadable)
        unlabelled = [r for r in self.table.rows if "unlabelled" in r.flags and "total" not in r.flags]
        if unlabelled:
            self._issue("unlabelled_rows", len(unlabelled))
        if not any(spec.is_amount for spec in specs) and rows:
            self._issue("no_amount_column", 1)
        return numbers, unnamed, chosen, dup, unreadable, len(unlabelled)

    def _penalty(self, numbers: int, unnamed: int, chosen: int, dup: int, unreadable: int, unlabelled: int) -> float:
        p = self.settings
        penalty = 0.0
        if unnamed:
            penalty += max(p.penalty_unnamed, p.penalty_unnamed_share * unnamed / numbers)
        if chosen:
            penalty += p.penalty_keys_from_sums   # columns named by the table's sums, not by its header
        if dup:
            penalty += max(p.penalty_duplicate, p.penalty_duplicate_share * dup / numbers)
        penalty += min(p.penalty_unreadable_max, p.penalty_unreadable * unreadable)
        penalty += min(p.penalty_unlabelled_max, p.penalty_unlabelled * unlabelled)
        for code, weight in (("no_header", p.penalty_no_header), ("continuation_columns", p.penalty_continuation_columns),
                             ("unplaced_cells", p.penalty_unplaced), ("no_amount_column", p.penalty_no_amount_column)):
            if code in self.issues:
                penalty += weight if code != "unplaced_cells" else min(p.penalty_unplaced_max, weight * self.issues[code])
        return penalty


def _numbers_by_naming(specs: list, profiles: list) -> tuple:
    """(numbers in amount columns, in unnamed ones, in ones named by sums, in duplicate ones)."""
    pairs = list(zip(specs, profiles))
    numbers = sum(p.amounts + p.codes for spec, p in pairs if spec.is_amount) or 1
    unnamed = sum(p.amounts for spec, p in pairs if spec.is_amount and re.match(r"^col\d+$", spec.key))
    chosen = sum(p.amounts for spec, p in pairs if "key_from_sums" in spec.notes)
    dup = sum(p.amounts for spec, p in pairs if spec.is_amount and "duplicate_key" in spec.notes)
    return numbers, unnamed, chosen, dup


def _government_code(labels: dict, cols: list) -> str:
    """A row of a cross-classified table printed with two codes, one of the 政府预算支出经济分类
    (501 …) and one of the 部门预算支出经济分类 (301 …): the government code, taken out of the
    labels (the other is the row's code); "" for any other row."""
    if any(sp.key == "code_1" for sp in cols):
        return ""   # codes split into 类/款/项 columns
    keys = [k for k in labels if re.match(r"^code(?:_\d+)?$", k) and CODE.match(compact(labels[k]))]
    gov = [k for k in keys if pattern("government_economic_code").match(compact(labels[k]))]
    if len(keys) != 2 or len(gov) != 1:
        return ""
    other = next(k for k in keys if k not in gov)
    code = compact(labels.pop(gov[0]))
    labels["code"] = labels.pop(other)
    return code


def _code_indent(dr: DataRow, cols: list) -> Optional[float]:
    """pt from the left edge of the row's code cell to its first printed digit."""
    spec = next((sp for sp in cols if sp.key == "code" and compact(dr.texts.get(sp.index, ""))), None)
    return None if spec is None else dr.x0s.get(spec.index)


def _one_cell_code(printed: str, seen: dict, indent: Optional[float], labels: dict,
                   s: ReaderSettings = DEFAULT) -> Optional[str]:
    """The full code of a code cell: printed whole (201, 2010601, '201 06 01'), or only its 款 or
    项 part under its parent ('06' under 201, '01' under 20106), joined to the last 类 or 款 above.
    ``seen`` keeps the last code of each level and where each level is printed."""
    if CODE.match(printed):
        _saw(seen, len(printed) // 2, printed, indent)
        return printed
    if not re.match(r"^\d{2}$", printed) or not seen.get(1):
        return None
    level = _part_level(seen, indent, s)
    parent = seen.get(level - 1)
    if not parent:
        return None
    labels["code_as_printed"] = printed
    _saw(seen, level, parent + printed, indent)
    return parent + printed


def _saw(seen: dict, level: int, code: str, indent: Optional[float]) -> None:
    seen[level] = code
    seen["last"] = level
    for lower in range(level + 1, 4):
        seen.pop(lower, None)
    if indent is not None:
        seen.setdefault(("indent", level), indent)


def _part_level(seen: dict, indent: Optional[float], s: ReaderSettings = DEFAULT) -> int:
    """The level (2 款, 3 项) of a code part: the level printed at its indentation, or one below
    the level printed left of it; without indentation to go by, the level below the row above
    (a 项 after a 项)."""
    last = seen["last"]
    if indent is not None:
        at = [lv for lv in (2, 3) if ("indent", lv) in seen and abs(seen[("indent", lv)] - indent) <= s.indent_same]
        if at:
            return at[0]
        shallower = [lv for lv in (1, 2) if ("indent", lv) in seen and indent - seen[("indent", lv)] >= s.indent_step]
        if shallower:
            return max(shallower) + 1
    return min(3, last + 1)


def _joined_code(filled: list, last: int, parts: list, labels: dict) -> Optional[str]:
    """The code of the 类/款/项 parts up to ``last`` (parts left blank carried from the row above);
    a 款/项 part printed without its leading zero (301 | 2 for 30102) is padded, and the code as
    printed kept in ``labels``."""
    code = "".join(filled[:last + 1])
    if not CODE.match(code) and len(filled[0]) == 3 and all(len(p) <= 2 for p in filled[1:last + 1]):
        padded = filled[0] + "".join(p.zfill(2) for p in filled[1:last + 1])
        if CODE.match(padded):
            labels["code_as_printed"] = " ".join(p for p in parts if p)
            return padded
    return code if CODE.match(code) else None


def _side_cells(dr: DataRow, cols: list) -> tuple:
    """(label texts by key, group label merged down over rows, amount texts by key) of one side
    of a data row."""
    labels: dict = {}
    group = ""
    amounts: dict = {}
    for spec in cols:
        text = dr.texts.get(spec.index)
        if spec.role == "amount":
            if text is not None:
                amounts[spec.key] = text
            continue
        if spec.role != "label":
            continue
        if text is None and spec.index in dr.covered and NAME_KEY.match(spec.key):
            group = group or compact(dr.covered[spec.index])  # a label merged down over rows
            continue
        if text is not None and compact(text):
            labels[spec.key] = text
    return labels, group, amounts


def _refs(dr: DataRow, cols: list) -> dict:
    """The workbook cells of a row's side: of each amount column by its key, and of the row itself
    under "" (its first label cell, else its first cell); empty for a PDF's row."""
    if not dr.refs:
        return {}
    out = {spec.key: dr.refs[spec.index] for spec in cols if spec.is_amount and spec.index in dr.refs}
    labels = [spec.index for spec in cols if spec.role == "label" and compact(dr.texts.get(spec.index, ""))]
    first = labels[0] if labels else min((spec.index for spec in cols if spec.index in dr.refs), default=None)
    if first is not None and first in dr.refs:
        out[""] = dr.refs[first]
    return out


def _join_tail(row: Row, tail: str, raw: str) -> None:
    """The tail of a row's label, cut onto the next page, joins it (当年收入 + 小计)."""
    row.name += compact(tail)
    row.raw += " / " + raw
    for f in row_flags(row.name):
        if f not in row.flags:
            row.flags.append(f)


def _name_indent(dr: DataRow, cols: list) -> Optional[float]:
    """pt from the left edge of the row's name cell to its first printed character (the
    hierarchy a template shows by indentation only), None where unknown."""
    names = [spec for spec in cols if spec.role == "label" and NAME_KEY.match(spec.key)
             and compact(dr.texts.get(spec.index, ""))]
    if not names:
        return None
    spec = max(names, key=lambda sp: int(sp.key.split("_")[1]) if "_" in sp.key else 1)
    x0 = dr.x0s.get(spec.index)
    return None if x0 is None else round(x0, 1)


def _row_name(labels: dict, group: str) -> tuple:
    """(name, group) of a row: the last name column, the first naming the group when there are
    several; else the first other text label."""
    names = [k for k in labels if NAME_KEY.match(k)]
    names.sort(key=lambda k: int(k.split("_")[1]) if "_" in k else 1)
    name = compact(labels[names[-1]]) if names else ""
    if len(names) > 1:
        group = compact(labels[names[0]])
    if not name:
        name = next((compact(labels[k]) for k in LABEL_TEXT_KEYS if labels.get(k)), "")
    return name, group


def _name_in_code_cells(labels: dict, code: Optional[str], name: str, extra: dict) -> str:
    """Where no code was read: text in the code columns is the name (合计 merged over them);
    a code column's unreadable code is kept as printed."""
    for k in ("code", "code_1", "code_2", "code_3"):
        printed = compact(labels.get(k, ""))
        if not printed or code:
            continue
        if not name and not re.match(r"^\d+$", printed):
            name = printed  # a label merged over the code columns (合计)
        elif k == "code":
            extra["code_as_printed"] = printed
    return name


def _join_wrapped_labels(rows: list, specs: list) -> list:
    """Rows read from text alignment (or printed outside the ruling) split a wrapped label into
    lines of their own: a line holding only a name joins the row whose name cell is empty after
    it (a label centred on its row), else the row before it."""
    names = {spec.index for spec in specs if spec.role == "label" and NAME_KEY.match(spec.key)}
    others = {spec.index for spec in specs if spec.index not in names and spec.role != "empty"}
    codes = {spec.index for spec in specs if spec.key in ("code", "code_1", "code_2", "code_3")}
    if not names:
        return rows
    out: list = []
    pending: list = []
    for dr in rows:
        text_row = dr.grid is None or dr.grid.source == "text"
        if text_row and _filled(dr, names) and not _filled(dr, others) and not dr.covered:
            pending.append(dr)
            continue
        if pending:
            _attach_names(pending, dr, out, names, codes)
            pending = []
        out.append(dr)
    for p in pending:
        _join_to_last(out, p, names)
    return out


def _filled(dr: DataRow, cols: set) -> set:
    return {c for c, t in dr.texts.items() if c in cols and compact(t)}


def _attach_names(pending: list, dr: DataRow, out: list, names: set, codes: set) -> None:
    """Lines holding only a name, before ``dr``: into ``dr`` when it has a code and no name (on
    the same page), else onto the row before them."""
    coded = any(re.match(r"^\d+$", compact(dr.texts[c])) for c in _filled(dr, codes))
    labelled = any(not re.match(r"^\d+$", compact(dr.texts[c])) for c in _filled(dr, codes))
    target_empty = not _filled(dr, names) and coded and not labelled and dr.page == pending[-1].page
    for p in pending:
        if target_empty:
            for c in _filled(p, names):
                dr.texts[c] = p.texts[c] + dr.texts.get(c, "")
        else:
            _join_to_last(out, p, names)


def _join_to_last(out: list, p: DataRow, names: set) -> None:
    """A name-only line joins the last row on its page, or stands as a row of its own."""
    if out and out[-1].page == p.page:
        for c in _filled(p, names):
            out[-1].texts[c] = out[-1].texts.get(c, "") + p.texts[c]
    else:
        out.append(p)


def _tolerance(table) -> Decimal:
    """Rounding allowed in a sum of a table's amounts (万元)."""
    return Decimal("0.01") * min(Decimal(1), table.scale or Decimal(1)) * 4


def _reconciled(rows: list, rename: dict, family: str, table) -> tuple:
    """(rows whose identities hold, rows with an identity to check) under a renaming of keys."""
    tol = _tolerance(table)
    ok = checked = 0
    for r in rows:
        amounts = {rename.get(k, k): v for k, v in r.amounts.items()}
        for whole, parts in SUM_IDENTITIES[family]:
            if whole in amounts and all(p in amounts for p in parts):
                vals = [amounts[p] for p in parts]
                if amounts[whole] == 0 and not any(vals):
                    continue
                checked += 1
                ok += abs(amounts[whole] - sum(vals, Decimal(0))) <= tol
    return ok, checked


@dataclass
class _RowDraft:
    name: str
    code: Optional[str]
    group: str
    amounts: dict
    extra: dict
    page: int
    raw: str
    indent: Optional[float] = None
    refs: dict = field(default_factory=dict)
    recognised: dict = field(default_factory=dict)   # amount key -> the recogniser's confidence (OCR)

    @property
    def amounts_text(self) -> bool:
        return any(compact(v) for v in self.amounts.values())
