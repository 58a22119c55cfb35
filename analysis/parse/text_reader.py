"""The text table reader: a Table from flattened lines (tokens without positions).

A row is label tokens followed by amount tokens; wrapped names are joined; amounts fill the
columns named by the header text (``text_header_keys``) left to right, and where a row prints
fewer amounts than there are columns, the placement is inferred from the code hierarchy and
flagged ``columns_inferred``. Two-sided tables (收支总表) print an income and an expenditure
side on one line.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..inputs.base import Line
from ..model import Column, Problem, Row
from ..numbers import is_amount_token, parse_number
from ..vocab import THREE_PUBLIC_LIKELY, THREE_PUBLIC_TEXT_ORDER, TWO_SIDED, header_rules
from ..vocab.words import pattern
from .rows import CODE, ENUM, PROJECT_CODE, SUBTOTAL, TOTAL, TableBuilder, text_data_starts
from .titles import compact


class TextReader(TableBuilder):
    """Reads a table from the lines of a segment of flattened text."""

    # -- text --------------------------------------------------------------
    def build_text(self, lines: list[Line], header_keys: list) -> None:
        """Flattened text: header_keys are the amount columns in printed order
        (``(side, key)`` pairs for two-sided tables)."""
        for item in header_keys:
            if isinstance(item, tuple):
                self.table.columns.append(Column(key=item[1], label=f"{item[0]}:{item[1]}"))
            else:
                self.table.columns.append(Column(key=item, label=item))
        keys = [k for k in header_keys if not isinstance(k, tuple)]
        pending: Optional[dict] = None
        started = False
        for line in lines:
            toks = [c.text for c in line.cells]
            if not started:
                if not text_data_starts(toks):
                    continue
                started = True
            pending = self._text_line(line, toks, pending, keys)
        if pending is not None:
            self._text_row(pending, keys)

    def _text_line(self, line: Line, toks: list, pending: Optional[dict], keys: list) -> dict:
        """Add one line to the row being read, or end that row and start one; returns the row
        being read: ``{tokens, amounts, seq (kind and token in printed order), page, raw}``."""
        first = compact(toks[0])
        starts_row = _row_start(first)
        if self.kind in TWO_SIDED:
            starts_row = not is_amount_token(first) or starts_row   # any label line
        wraps = _wraps(pending)
        if wraps and PROJECT_CODE.match(first) and re.match(r"^\d{1,3}$", compact(pending["tokens"][0])):
            starts_row = False  # the project code-name of a numbered row, wrapped to its own line
        if starts_row or pending is None or pending["amounts"] or not wraps:
            if pending is not None:
                self._text_row(pending, keys)
            pending = {"tokens": [], "amounts": [], "seq": [], "page": line.page, "raw": []}
        pending["raw"].append(" ".join(toks))
        for j, t in enumerate(toks):
            if j == 0 and starts_row and len(toks) > 1:
                kind = "label"   # a row's first token is its label or code
            else:
                kind = "amount" if _is_value(t, j, toks, pending) else "label"
            pending["amounts" if kind == "amount" else "tokens"].append(t)
            pending["seq"].append((kind, t))
        return pending

    def _text_row(self, p: dict, keys: list[str]) -> None:
        raw = " / ".join(p["raw"])
        toks = p["tokens"]
        if self.kind in TWO_SIDED:
            self._text_two_sided(p)
            return
        name = "".join(t for t in toks)
        row = self._new_row(name, p["page"], raw)
        if toks and CODE.match(compact(toks[0])):
            row.code = compact(toks[0])
            row.name = "".join(toks[1:])
        seq = re.match(r"^\d{1,3}$", compact(toks[0])) if toks else None
        if seq and self.kind == "project_expenditure":
            row.extra["seq"] = toks[0]
            rest = toks[1:]
            fc = [t for t in rest if CODE.match(compact(t))]
            if fc:
                row.code = compact(fc[0])
                i = rest.index(fc[0])
                row.extra["unit_name"] = "".join(rest[:i])
                tail = rest[i + 1:]
                # function name, then the project code-name
                j = next((k for k, t in enumerate(tail) if PROJECT_CODE.match(compact(t))), len(tail))
                row.extra["function_name"] = "".join(tail[:j])
                row.extra["project_name"] = "".join(tail[j:])
                row.name = row.extra["project_name"]
        values = p["amounts"]
        self._place(row, keys, values)
        self._finish_row(row)

    def _place(self, row: Row, keys: list[str], values: list[str]) -> None:
        if len(values) > len(keys):
            self.problems.append(Problem(self.seg.file, row.page, "extra_values",
                                         f"{self.table.id}: {len(values)} values for {len(keys)} columns", row.raw))
            extra = values[len(keys):]
            row.extra["unplaced_values"] = " ".join(extra)
            values = values[:len(keys)]
        if len(values) == len(keys) or not values:
            for k, v in zip(keys, values):
                self._set_amount(row, k, v)
            for k in keys[len(values):]:
                self._set_amount(row, k, "")
            return
        placement = self._infer_placement(row, keys, values)
        row.flags.append("columns_inferred")
        for k in keys:
            self._set_amount(row, k, placement.get(k, ""))

    def _infer_three_public(self, keys: list[str], values: list[str]) -> dict:
        """Place a 三公 row printed with blanks (flattened text): split prior/current evenly,
        then fill the columns most likely to be printed, in printed order."""
        prior = [k for k in keys if k.startswith("prior_")]
        current = [k for k in keys if not k.startswith("prior_")]
        halves = [(prior, values[:len(values) // 2]), (current, values[len(values) // 2:])] if prior \
            else [(current, values)]
        out: dict = {}
        for cols, vals in halves:
            rank = {c: THREE_PUBLIC_LIKELY.index(c.removeprefix("prior_"))
                    if c.removeprefix("prior_") in THREE_PUBLIC_LIKELY else 99 for c in cols}
            chosen = sorted(sorted(cols, key=lambda c: rank[c])[:len(vals)], key=cols.index)
            out.update(zip(chosen, vals))
        return out

    def _infer_placement(self, row: Row, keys: list[str], values: list[str]) -> dict:
        """Place fewer values than columns: prior-year columns first, then total, then the part
        that the parent row still has room for (exact remainder first)."""
        if self.kind == "three_public":
            return self._infer_three_public(keys, values)
        out: dict = {}
        prior = [k for k in keys if k.startswith("prior_")]
        current = [k for k in keys if not k.startswith("prior_")]
        n_prior = len(values) - min(len(current), len(values))
        if prior and n_prior <= 0 and len(values) >= 2:
            n_prior = 1
        for k, v in zip(prior, values[:n_prior]):
            out[k] = v
        cur_vals = values[n_prior:]
        if not cur_vals:
            return out
        total_key = current[0]
        parts = current[1:]
        out[total_key] = cur_vals[0]
        rest = cur_vals[1:]
        if not rest or not parts:
            return out
        if len(rest) >= len(parts):
            for k, v in zip(parts, rest):
                out[k] = v
            return out
        parent = self._parent_of(row)
        for v in rest:
            best = self._part_with_room(v, parts, parent, out)
            if best is None:
                best = next(k for k in parts if k not in out)
            out[best] = v
        return out

    def _part_with_room(self, value: str, parts: list, parent: Optional[Row], out: dict) -> Optional[str]:
        """The part column (not yet filled) where ``value`` fits what the parent row still has:
        an exact remainder, else room, else any part the parent fills; None without a parent."""
        dv = parse_number(value)
        if parent is None or dv is None:
            return None
        remain = {}
        for k in parts:
            pv = parent.amounts.get(k) or Decimal(0)
            used = sum((r.amounts.get(k) or Decimal(0)) for r in self._children_of(parent))
            remain[k] = pv - used
        exact = [k for k in parts if k not in out and remain[k] == dv * self.table.scale]
        room = [k for k in parts if k not in out and remain[k] >= dv * self.table.scale]
        nonzero = [k for k in parts if k not in out and (parent.amounts.get(k) or 0) != 0]
        return (exact or room or nonzero or [None])[0]

    def _parent_of(self, row: Row) -> Optional[Row]:
        code = row.code
        if self.kind == "project_expenditure":
            return next((r for r in reversed(self.table.rows) if r.is_total), None)
        for r in reversed(self.table.rows):
            if code and r.code and len(r.code) < len(code) and code.startswith(r.code):
                return r
            if r.is_total and (not code or len(code) == 3):
                return r
        return None

    def _children_of(self, parent: Row) -> list:
        if self.kind == "project_expenditure":
            return [r for r in self.table.rows if not r.is_total]
        out = []
        for r in self.table.rows:
            if parent.is_total:
                if r.code and len(r.code) == 3:
                    out.append(r)
            elif r.code and parent.code and r.code.startswith(parent.code) and len(r.code) == len(parent.code) + 2:
                out.append(r)
        return out

    def _text_two_sided(self, p: dict) -> None:
        """A flattened line of a two-sided table: label, amounts, label, amounts.

        A new side starts at a label that follows amounts, or at an enumerated or 支出 label
        that follows another label. A lone group is placed by its words (支出 -> right)."""
        raw = " / ".join(p["raw"])
        groups, side_of = _sides(_side_groups(p["seq"]))
        keys_of = {
            "income": [c.key for c in self.table.columns if c.label.startswith("income")] or ["total"],
            "expenditure": [c.key for c in self.table.columns if c.label.startswith("expenditure")] or ["total"],
        }
        for g, side in zip(groups, side_of):
            row = self._new_row("".join(g["label"]), p["page"], raw, section=side)
            self._place(row, keys_of[side], g["amounts"])
            self._finish_row(row)


def _row_start(first: str) -> bool:
    """A first token that starts a row: a code, a total or subtotal label, an enumeration, a
    project code or a sequence number."""
    return bool(CODE.match(first) or TOTAL.match(first) or SUBTOTAL.match(first) or ENUM.match(first)
                or PROJECT_CODE.match(first) or re.match(r"^\d{1,3}$|^\d{6,}$", first))


def _wraps(pending: Optional[dict]) -> bool:
    """The row being read has only its code (or number) so far: its name goes on next line."""
    if pending is None or pending["amounts"] or not pending["tokens"]:
        return False
    first = compact(pending["tokens"][0])
    return bool(CODE.match(first) or PROJECT_CODE.match(first) or re.match(r"^\d{1,3}$", first))


def _is_value(t: str, j: int, toks: list, pending: dict) -> bool:
    """Token ``j`` of a line is an amount: a number or placeholder, but not a code that opens the
    row or that comes before its name."""
    if not is_amount_token(t):
        return False
    if not CODE.match(compact(t)):
        return True
    return not (not pending["tokens"] or (j + 1 < len(toks) and not is_amount_token(toks[j + 1])
                                          and not pending["amounts"]))


def _side_groups(seq: list) -> list:
    """The tokens of a two-sided line as groups of labels followed by amounts."""
    groups: list[dict] = []
    for typ, t in seq:
        c = compact(t)
        if typ == "label":
            if not groups or groups[-1]["amounts"] or (groups[-1]["label"] and _opens_side(c, groups[-1])):
                groups.append({"label": [], "amounts": []})
            groups[-1]["label"].append(t)
        else:
            if not groups:
                groups.append({"label": [], "amounts": []})
            groups[-1]["amounts"].append(t)
    return groups


def _opens_side(c: str, group: dict) -> bool:
    """A label that starts the expenditure side after another label."""
    expenditure = pattern("expenditure_word")
    return bool(ENUM.match(c) or (expenditure.search(c) and not expenditure.search("".join(group["label"])))
                or pattern("carryforward_label").fullmatch(c))


def _sides(groups: list) -> tuple:
    """(groups, side of each): one group goes by its words, the first of several is income and
    the rest expenditure (more than two are joined into the right side)."""
    if len(groups) == 1:
        label = compact("".join(groups[0]["label"]))
        right = (pattern("expenditure_word").search(label) and not pattern("income_word").search(label)) \
            or pattern("carryforward_label").match(label)
        return groups, ["expenditure" if right else "income"]
    side_of = ["income"] + ["expenditure"] * (len(groups) - 1)
    if len(groups) > 2:  # more labels than sides: keep the first two, the rest join the right
        groups = [groups[0], {"label": sum((g["label"] for g in groups[1:]), []),
                              "amounts": sum((g["amounts"] for g in groups[1:]), [])}]
        side_of = side_of[:2]
    return groups, side_of


# ---------------------------------------------------------------------------
# text headers
# ---------------------------------------------------------------------------

def text_header_keys(kind: str, header_text: str, year: Optional[int]) -> list:
    """Amount columns, in printed order, read from the flattened header text of a table."""
    s = compact(header_text)
    if kind in TWO_SIDED:
        return _two_sided_keys(s)
    years = [int(y) for y in pattern("year_label").findall(s)]
    has_prior = bool(year and any(y < year for y in years)) or bool(pattern("prior_year_word").search(s))
    if kind == "three_public":
        base = list(THREE_PUBLIC_TEXT_ORDER)
        base += [key for key, rx in header_rules("text", "three_public_extra") if rx.search(s)]
        return [f"prior_{k}" for k in base] + base if has_prior else base
    keys = _keyword_keys(s)
    if "total" not in keys:
        keys.insert(0, "total")
    if has_prior:
        keys.insert(0, "prior_total")
    return keys


def _two_sided_keys(s: str) -> list:
    """(side, key) pairs of a two-sided table: the income total, then the expenditure columns
    named after 支出."""
    m = pattern("expenditure_word").search(s)
    right = s[m.end():] if m else ""
    keys = [("income", "total")]
    found = []
    for key, rx in header_rules("text", "two_sided_expenditure"):
        m = rx.search(right)
        if m:
            found.append((m.start(), key))
    keys += [("expenditure", k) for _, k in sorted(found)] or [("expenditure", "total")]
    return keys


def _keyword_keys(s: str) -> list:
    """The column keys the header text names, in the order it names them."""
    hits = []
    for key, rx in header_rules("text"):
        for m in rx.finditer(s):
            before = s[max(0, m.start() - 6):m.start()]
            if pattern("year_heading").search(before):
                continue  # "2025年基本支出": a group heading over the real columns
            hits.append((m.start(), key))
            break
    # group headings printed above their own 小计 (年初特定目标 / 上级专项 over 小计 …) stand
    # where their 小计 stands
    groups = [h for h in sorted(hits) if h[1] in ("specific_total", "superior_total")]
    subtotals = [m.start() for m in pattern("subtotal_word").finditer(s)]
    if groups and len(subtotals) >= len(groups):
        moved = dict(zip([g[1] for g in groups], subtotals))
        hits = [(moved.get(k, pos), k) for pos, k in hits]
    return [k for _, k in sorted(hits)]
