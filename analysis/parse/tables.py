"""Build a Table from a segment's lines.

Two readers share the row logic:
- grid: rows of a ruled PDF table; header cells give column labels by their x-extent,
  each data cell is placed in the column it covers;
- text: flattened lines (tokens without positions); a row is label tokens followed by
  amount tokens, wrapped names are joined, amounts fill columns left to right, and where
  a row prints fewer amounts than there are columns, the placement is inferred from the
  code hierarchy and flagged ``columns_inferred``.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..inputs.base import Line
from ..model import Column, Problem, Row, Table
from ..numbers import UNIT_SCALE, is_amount_token, parse_cell, parse_number
from .columns import assign_keys
from .segment import Segment
from .titles import compact

FUNCTION_KINDS = {"department_income", "department_expenditure", "fiscal_expenditure",
                  "general_budget_expenditure", "government_fund", "state_capital",
                  "project_expenditure"}
ECONOMIC_KINDS = {"fiscal_basic_expenditure", "general_budget_basic_expenditure", "operating_costs"}
TWO_SIDED = {"department_summary", "fiscal_summary"}

CODE = re.compile(r"^(\d{3}(?:\d{2}){0,2})$")
CODE_PREFIX = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?!\d)\s*(\S.*)?$")
PROJECT_CODE = re.compile(r"^(\d{6,}[A-Z]\d{6,})\s*[-—－]?\s*(.*)$", re.S)
TOTAL = re.compile(r"^(?:合\s*计|总\s*计|收入合计|支出合计|收入总计|支出总计|本年收入合计|本年支出合计|"
                   r"当年收入小计|当年支出小计|收\s*入\s*总\s*计|支\s*出\s*总\s*计)$")
SUBTOTAL = re.compile(r"^小\s*计$")
ENUM = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.．、](?!\d))")
YEARISH = re.compile(r"^20\d{2}(?:年.*)?$")


def code_level(code: Optional[str]) -> Optional[int]:
    if not code:
        return None
    return {3: 1, 5: 2, 7: 3}.get(len(code))


def _row_flags(name: str) -> list:
    n = compact(name)
    if TOTAL.match(n) or n in ("合计", "总计"):
        return ["total"]
    if SUBTOTAL.match(n):
        return ["subtotal"]
    return []


# ---------------------------------------------------------------------------
# grid reader
# ---------------------------------------------------------------------------
def _is_data_row_cells(texts: list[str]) -> bool:
    """A row that carries data: an amount or a code, or a row label (合计, 一、…) whose other
    cells are blank or amounts (a header row names columns instead)."""
    cells = [compact(t) for t in texts]
    labelled = False
    others_textual = False
    for c in cells:
        if not c:
            continue
        if CODE.match(c) or PROJECT_CODE.match(c):
            return True
        if parse_number(c) is not None and not YEARISH.match(c):
            return True
        if TOTAL.match(c) or SUBTOTAL.match(c) or ENUM.match(c):
            labelled = True
        elif not is_amount_token(c):
            others_textual = True
    return labelled and not (others_textual and len([c for c in cells if c]) > 1 and not any(ENUM.match(c) for c in cells))


def text_data_starts(toks: list[str]) -> bool:
    """In flattened text, the first line of data: a code, an amount after the first token,
    or a lone 合计 (an empty table). Header words such as 总计 or 小计 do not start data."""
    first = compact(toks[0]) if toks else ""
    has_amount = any(is_amount_token(t) and not YEARISH.match(compact(t)) for t in toks[1:])
    return bool(CODE.match(first) or PROJECT_CODE.match(first) or has_amount
                or (first == "合计" and len(toks) == 1))


def _leaves(header: list[Line], data: list[Line]) -> list[tuple[float, float]]:
    xs: list[float] = []
    right = 0.0
    for line in header + data:
        for c in line.cells:
            if c.x0 is None:
                continue
            xs.append(c.x0)
            right = max(right, c.x1)
    xs.sort()
    bounds: list[float] = []
    for x in xs:
        if not bounds or x - bounds[-1] > 2.5:
            bounds.append(x)
    bounds.append(right)
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i + 1] - bounds[i] > 2.5]


def _covers(cell, leaf) -> bool:
    mid = (leaf[0] + leaf[1]) / 2
    return cell.x0 - 1 <= mid <= cell.x1 + 1


def _join_rows_cut_by_page_break(data: list, leaves, labels) -> list:
    """A row whose label cell runs over a page break arrives as two rows: the tail of the
    label ("业支出") heads the next page with no amount and no code or numbering of its own.
    Join it back to the last row of the previous page."""
    out: list = []
    for line in data:
        prev = out[-1] if out else None
        texts = [c for c in line.cells if compact(c.text)]
        if prev is not None and line.page != prev.page and texts and all(
                not is_amount_token(c.text) and not CODE.match(compact(c.text)) and not ENUM.match(compact(c.text))
                and not TOTAL.match(compact(c.text)) and len(compact(c.text)) <= 4 for c in texts) \
                and (not any(c.text.endswith(("。", "）", "计", "金", "入", "出")) for c in prev.cells if c.text)
                     or any(TOTAL.match(compact(p.text + t.text)) for p in prev.cells for t in texts
                            if p.text and p.x0 is not None and t.x0 is not None and abs(p.center - t.center) < 8)):
            merged = []
            for pc in prev.cells:
                tail = [c.text for c in texts if c.x0 is not None and pc.x0 is not None
                        and abs(c.center - pc.center) < max(4.0, (pc.x1 - pc.x0) / 2)]
                merged.append(type(pc)(pc.text + "".join(tail), pc.x0, pc.x1, pc.top, pc.bottom))
            if any(m.text != p.text for m, p in zip(merged, prev.cells)):
                out[-1] = Line(page=prev.page, top=prev.top, cells=merged, grid=True, grid_id=prev.grid_id,
                               row_span=prev.row_span)
                continue
        out.append(line)
    return out


def _words_as_cells(line: Line, leaves) -> Line:
    """A text line inside a ruled table: join its words column by column into cells."""
    from ..inputs.base import Cell

    cells: list = []
    for w in line.cells:
        cx = w.center if w.center is not None else 0
        i = next((k for k, lf in enumerate(leaves) if lf[0] - 1 <= cx <= lf[1] + 1), None)
        if i is None:
            i = min(range(len(leaves)), key=lambda k: abs((leaves[k][0] + leaves[k][1]) / 2 - cx))
        if cells and cells[-1][0] == i:
            cells[-1][1].append(w.text)
        else:
            cells.append((i, [w.text]))
    out = [Cell("".join(ts), leaves[i][0] + 0.5, leaves[i][1] - 0.5, line.top) for i, ts in cells]
    return Line(page=line.page, top=line.top, cells=out, grid=True, grid_id=f"text@{line.page}")


def _header_labels(header: list[Line], leaves) -> tuple[list[str], list[str]]:
    """Label of each leaf column, and the top-level group of each leaf (收入/支出)."""
    labels = [[] for _ in leaves]
    groups = ["" for _ in leaves]
    for li, line in enumerate(header):
        for c in line.cells:
            t = compact(c.text)
            if not t:
                continue
            for i, leaf in enumerate(leaves):
                if _covers(c, leaf):
                    if not labels[i] or labels[i][-1] != t:
                        labels[i].append(t)
                    if t in ("收入", "支出") and not groups[i]:
                        groups[i] = t
    return ["/".join(l) for l in labels], groups


def _side(group: str, label: str) -> str:
    if group == "收入":
        return "income"
    if group == "支出":
        return "expenditure_purpose" if "支出用途" in label else "expenditure"
    return ""


class TableBuilder:
    def __init__(self, seg: Segment, table_id: str, year: Optional[int]):
        self.seg = seg
        self.kind = seg.match.kind
        self.year = seg.match.year or year
        unit = seg.unit or "万元"
        self.table = Table(id=table_id, kind=self.kind, title=seg.match.title, label=seg.label,
                           unit=unit, scale=UNIT_SCALE[unit], file=seg.file, pages=sorted(seg.pages),
                           year=seg.match.year)
        self.problems: list[Problem] = []
        notes = [compact(n) for n in seg.notes]
        self.table.note = "；".join(n for n in notes if n)

    # -- common -----------------------------------------------------------
    def _new_row(self, name: str, page: int, raw: str, section: Optional[str] = None) -> Row:
        return Row(index=len(self.table.rows), name=name, page=page, file=self.seg.file, raw=raw,
                   section=section)

    def _set_amount(self, row: Row, key: str, text: str) -> None:
        cell = parse_cell(text)
        if cell.kind == "number":
            row.amounts[key] = cell.value * self.table.scale
        elif cell.kind == "blank":
            row.amounts[key] = Decimal(0)
            row.blank.append(key)
        elif cell.kind == "placeholder":
            row.placeholders[key] = cell.raw
        else:
            row.unreadable[key] = cell.raw
            self.problems.append(Problem(self.seg.file, row.page, "unreadable_amount",
                                         f"{self.table.id} {self.kind}: column {key} holds '{cell.raw}'", row.raw))

    def _finish_row(self, row: Row) -> None:
        name = compact(row.name)
        code = row.code
        if not code and not PROJECT_CODE.match(name):
            m = CODE_PREFIX.match(name)
            if m and m.group(2):
                code, name = m.group(1), m.group(2)
        pm = PROJECT_CODE.match(row.extra.get("project_name", "") or name)
        if pm:
            row.extra["project_code"] = pm.group(1)
            if "project_name" in row.extra and name == compact(row.extra["project_name"]):
                name = compact(pm.group(2))
            if "project_name" in row.extra:
                row.extra["project_name"] = compact(pm.group(2))
            else:
                name = compact(pm.group(2))
        row.code = code or None
        row.name = name
        row.level = code_level(row.code)
        for f in _row_flags(name):
            if f not in row.flags:
                row.flags.append(f)
        self.table.rows.append(row)

    # -- grid --------------------------------------------------------------
    def build_grid(self, lines: list[Line]) -> None:
        """Rows of ruled tables; text lines among them (rows a grid failed to enclose) are
        placed by the x-position of their words."""
        header: list[Line] = []
        data: list[Line] = []
        header_texts: set = set()
        text_lines = [l for l in lines if not l.grid]
        lines = [l for l in lines if l.grid]
        for line in lines:
            texts = [c.text for c in line.cells]
            if not data and not _is_data_row_cells(texts):
                header.append(line)
                header_texts.add(line.compact)
                continue
            if data and line.compact in header_texts and not _is_data_row_cells(texts):
                continue  # header repeated on a continuation page
            data.append(line)
        if not data and not header:
            return
        first_grid = data[0].grid_id if data else header[0].grid_id
        leaves = _leaves(header, [l for l in data if l.grid_id == first_grid][:40])
        labels, groups = _header_labels(header, leaves)
        # drop phantom columns: no header label and no content in any row
        keep = [i for i, leaf in enumerate(leaves)
                if labels[i] or any(c.text and _covers(c, leaf) for l in data for c in l.cells)]
        leaves = [leaves[i] for i in keep]
        labels = [labels[i] for i in keep]
        groups = [groups[i] for i in keep]
        data = sorted(data + [_words_as_cells(l, leaves) for l in text_lines],
                      key=lambda l: (l.page, l.top))
        data = _join_rows_cut_by_page_break(data, leaves, labels)
        # groups propagate: leaves right of a 支出 header belong to it
        current = ""
        for i, g in enumerate(groups):
            current = g or current
            groups[i] = current
        sides = [_side(g, l) for g, l in zip(groups, labels)]
        # a column without a header label whose cells are text holds names (a sub-item
        # column under a header cell that the grid did not merge)
        for i, leaf in enumerate(leaves):
            if labels[i]:
                continue
            vals = [compact(c.text) for l in data for c in l.cells if c.text and _covers(c, leaf)
                    and c.x1 - c.x0 < (leaf[1] - leaf[0]) * 1.6]
            if vals and sum(1 for v in vals if not is_amount_token(v)) > len(vals) / 2:
                labels[i] = "名称"
        keyed: list[tuple[str, bool]] = [("", False)] * len(leaves)
        for side in dict.fromkeys(sides):
            idx = [i for i, s in enumerate(sides) if s == side]
            for i, kv in zip(idx, assign_keys([labels[i] for i in idx], self.kind, self.year)):
                keyed[i] = kv
        # a two-sided table without a 收入/支出 header falls back to one side
        for i, (key, is_amount) in enumerate(keyed):
            if is_amount:
                label = labels[i] if not sides[i] else f"{sides[i]}:{labels[i]}"
                self.table.columns.append(Column(key=key, label=label or f"column {i + 1}"))
        carry: dict[int, str] = {}
        for line in data:
            self._grid_row(line, leaves, keyed, sides, carry)

    def _grid_row(self, line: Line, leaves, keyed, sides, carry) -> None:
        by_side: dict[str, dict] = {}
        present: set = set()
        for c in line.cells:
            idx = [i for i, leaf in enumerate(leaves) if _covers(c, leaf)]
            if not idx and not c.text:
                continue
            if not idx:
                self.problems.append(Problem(self.seg.file, line.page, "unplaced_cell",
                                             f"{self.table.id}: a cell lies outside the header columns",
                                             c.text))
                continue
            present.update(idx)
            # a label cell spanning several columns: its text goes to the first label column
            label_idx = [i for i in idx if not keyed[i][1]]
            target = label_idx[0] if label_idx else idx[-1] if not c.text else idx[0]
            if c.text and not label_idx and len(idx) > 1 and parse_number(c.text) is None:
                target = idx[0]
            side = sides[target]
            slot = by_side.setdefault(side, {"labels": {}, "amounts": {}})
            key, is_amount = keyed[target]
            if is_amount and parse_number(c.text) is None and compact(c.text) and not is_amount_token(c.text) \
                    and not any(keyed[j][1] is False and sides[j] == side for j in range(len(keyed))):
                slot["labels"].setdefault("name", c.text)
                continue
            if is_amount:
                slot["amounts"][key] = c.text
            else:
                slot["labels"][key] = c.text
        raw = " | ".join(c.text.replace("\n", "") for c in line.cells)
        # vertically merged label cells: carry the group from the row above
        for i, (key, is_amount) in enumerate(keyed):
            if not is_amount and i not in present and i in carry:
                by_side.setdefault(sides[i], {"labels": {}, "amounts": {}})["labels"].setdefault(f"group:{key}", carry[i])
        for i, (key, is_amount) in enumerate(keyed):
            if not is_amount and i in present:
                t = by_side.get(sides[i], {}).get("labels", {}).get(key)
                if t:
                    carry[i] = t
        # a label cell merged across sides (当年支出小计 over 功能分类 and 支出用途) names the
        # side that holds the amount
        sides_with_amounts = [sd for sd, sl in by_side.items() if compact("".join(sl["amounts"].values()))]
        for sd, sl in list(by_side.items()):
            if sd in sides_with_amounts or not sl["labels"].get("name"):
                continue
            for other in sides_with_amounts:
                osl = by_side[other]
                if not any(osl["labels"].get(k) for k in osl["labels"] if not k.startswith("group:")) \
                        and sd.split("_")[0] == other.split("_")[0]:
                    osl["labels"]["name"] = sl["labels"]["name"]
                    del by_side[sd]
                    break
        for side, slot in by_side.items():
            labels = slot["labels"]
            amounts = slot["amounts"]
            name_keys = [k for k in labels if re.match(r"^name(?:_\d+)?$", k) and compact(labels[k])]
            name_keys.sort(key=lambda k: int(k.split("_")[1]) if "_" in k else 1)
            name = labels[name_keys[-1]] if name_keys else ""
            if len(name_keys) > 1:
                labels["group:name"] = labels[name_keys[0]]
            elif name_keys == ["name"] and "group:name" in labels:
                del labels["group:name"]  # a fresh top-level label ends the carried group
            else:
                for gk in [k for k in labels if k.startswith("group:name")]:
                    labels["group:name"] = labels[gk]
            if not name:
                for k in ("item", "project_name", "econ", "category"):
                    if labels.get(k):
                        name = labels[k]
                        break
            if not name and not compact("".join(amounts.values())) and not labels.get("code"):
                continue  # an empty side of a two-sided row
            row = self._new_row(name, line.page, raw, section=side or None)
            if labels.get("code"):
                printed = compact(labels["code"])
                if CODE.match(printed):
                    row.code = printed
                elif re.match(r"^\d+$", printed):
                    row.extra["code_as_printed"] = printed  # not a classification code (部门编码)
                elif not row.name:
                    row.name = printed  # a label merged over the code column (合计)
                else:
                    row.extra["code_as_printed"] = printed
            for k, v in labels.items():
                if k not in ("code",) and not re.match(r"^(?:group:)?name(?:_\d+)?$", k) and v:
                    row.extra[k] = compact(v)
            if "group:name" in labels and not row.section:
                row.section = compact(labels["group:name"])
            for i, (key, is_amount) in enumerate(keyed):
                if is_amount and sides[i] == side:
                    self._set_amount(row, key, amounts.get(key, ""))
            if not row.name and not row.code and amounts:
                row.flags.append("unlabelled")
                if not self.table.rows or all("unlabelled" in r.flags for r in self.table.rows):
                    row.flags.append("total")
            self._finish_row(row)

    # -- text --------------------------------------------------------------
    def build_text(self, lines: list[Line], header_keys: list) -> None:
        """Flattened text: header_keys are the amount columns in printed order
        (``(side, key)`` pairs for two-sided tables)."""
        for item in header_keys:
            if isinstance(item, tuple):
                self.table.columns.append(Column(key=item[1], label=f"{item[0]}:{item[1]}"))
            else:
                self.table.columns.append(Column(key=item, label=item))
        header_keys = [k for k in header_keys if not isinstance(k, tuple)]
        pending: Optional[dict] = None

        def flush():
            nonlocal pending
            if pending is not None:
                self._text_row(pending, header_keys)
            pending = None

        started = False
        for line in lines:
            toks = [c.text for c in line.cells]
            text = " ".join(toks)
            first = compact(toks[0])
            if not started:
                if text_data_starts(toks):
                    started = True
                else:
                    continue
            starts_row = bool(CODE.match(first) or TOTAL.match(first) or SUBTOTAL.match(first)
                              or ENUM.match(first) or PROJECT_CODE.match(first)
                              or re.match(r"^\d{1,3}$|^\d{6,}$", first))
            label_line = not is_amount_token(first) or starts_row
            if self.kind in TWO_SIDED:
                starts_row = label_line
            wraps = pending is not None and not pending["amounts"] and pending["tokens"] and (
                CODE.match(compact(pending["tokens"][0])) or PROJECT_CODE.match(compact(pending["tokens"][0]))
                or re.match(r"^\d{1,3}$", compact(pending["tokens"][0])))
            if wraps and PROJECT_CODE.match(first) and re.match(r"^\d{1,3}$", compact(pending["tokens"][0])):
                starts_row = False  # the project code-name of a numbered row, wrapped to its own line
            if starts_row or pending is None or pending["amounts"] or not wraps:
                flush()
                pending = {"tokens": [], "amounts": [], "seq": [], "page": line.page, "raw": []}
            pending["raw"].append(text)
            for j, t in enumerate(toks):
                if j == 0 and starts_row and len(toks) > 1:
                    pending["tokens"].append(t)  # a row's first token is its label or code
                    pending["seq"].append(("label", t))
                elif is_amount_token(t) and not (CODE.match(compact(t)) and (
                        not pending["tokens"] or (j + 1 < len(toks) and not is_amount_token(toks[j + 1])
                                                  and not pending["amounts"]))):
                    pending["amounts"].append(t)
                    pending["seq"].append(("amount", t))
                else:
                    pending["tokens"].append(t)
                    pending["seq"].append(("label", t))
        flush()

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

    # Columns of a 三公 row in the order they are most likely to carry a number: the total
    # and 接待 nearly always, the vehicle subtotal and running costs usually, 出国 and 购置
    # (often zero, printed blank) last.
    THREE_PUBLIC_LIKELY = ("total", "three_public", "reception", "vehicle_total", "vehicle_operation",
                           "meeting", "training", "overseas", "vehicle_purchase")

    def _infer_three_public(self, keys: list[str], values: list[str]) -> dict:
        """Place a 三公 row printed with blanks (flattened text): split prior/current evenly,
        then fill the columns most likely to be printed, in printed order."""
        prior = [k for k in keys if k.startswith("prior_")]
        current = [k for k in keys if not k.startswith("prior_")]
        halves = [(prior, values[:len(values) // 2]), (current, values[len(values) // 2:])] if prior \
            else [(current, values)]
        out: dict = {}
        for cols, vals in halves:
            rank = {c: self.THREE_PUBLIC_LIKELY.index(c.removeprefix("prior_"))
                    if c.removeprefix("prior_") in self.THREE_PUBLIC_LIKELY else 99 for c in cols}
            chosen = sorted(sorted(cols, key=lambda c: rank[c])[:len(vals)], key=cols.index)
            out.update(zip(chosen, vals))
        return out

    def _infer_placement(self, row: Row, keys: list[str], values: list[str]) -> dict:
        if self.kind == "three_public":
            return self._infer_three_public(keys, values)
        """Place fewer values than columns: prior-year columns first, then total, then the part
        that the parent row still has room for (exact remainder first)."""
        out: dict = {}
        vals = list(values)
        prior = [k for k in keys if k.startswith("prior_")]
        current = [k for k in keys if not k.startswith("prior_")]
        n_cur = min(len(current), len(vals))
        n_prior = len(vals) - n_cur
        if prior and n_prior <= 0 and len(vals) >= 2:
            n_prior = 1
            n_cur = len(vals) - 1
        for k, v in zip(prior, vals[:n_prior]):
            out[k] = v
        cur_vals = vals[n_prior:]
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
            dv = parse_number(v)
            best = None
            if parent is not None and dv is not None:
                remain = {}
                for k in parts:
                    pv = parent.amounts.get(k) or Decimal(0)
                    used = sum((r.amounts.get(k) or Decimal(0)) for r in self._children_of(parent))
                    remain[k] = pv - used
                exact = [k for k in parts if k not in out and remain[k] == dv * self.table.scale]
                room = [k for k in parts if k not in out and remain[k] >= dv * self.table.scale]
                nonzero = [k for k in parts if k not in out and (parent.amounts.get(k) or 0) != 0]
                best = (exact or room or nonzero or [None])[0]
            if best is None:
                best = next(k for k in parts if k not in out)
            out[best] = v
        return out

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
        groups: list[dict] = []
        for typ, t in p["seq"]:
            c = compact(t)
            if typ == "label":
                if not groups or groups[-1]["amounts"] or (
                        groups[-1]["label"] and (ENUM.match(c) or ("支出" in c and "支出" not in "".join(groups[-1]["label"]))
                                                 or c in ("结转下年",))):
                    groups.append({"label": [], "amounts": []})
                groups[-1]["label"].append(t)
            else:
                if not groups:
                    groups.append({"label": [], "amounts": []})
                groups[-1]["amounts"].append(t)
        if len(groups) == 1:
            label = compact("".join(groups[0]["label"]))
            side_of = ["expenditure" if (("支出" in label and "收入" not in label) or label.startswith("结转下年"))
                       else "income"]
        else:
            side_of = ["income"] + ["expenditure"] * (len(groups) - 1)
            if len(groups) > 2:  # more labels than sides: keep the first two, the rest join the right
                groups = [groups[0], {"label": sum((g["label"] for g in groups[1:]), []),
                                      "amounts": sum((g["amounts"] for g in groups[1:]), [])}]
                side_of = side_of[:2]
        keys_of = {
            "income": [c.key for c in self.table.columns if c.label.startswith("income")] or ["total"],
            "expenditure": [c.key for c in self.table.columns if c.label.startswith("expenditure")] or ["total"],
        }
        for g, side in zip(groups, side_of):
            row = self._new_row("".join(g["label"]), p["page"], raw, section=side)
            self._place(row, keys_of[side], g["amounts"])
            self._finish_row(row)


# ---------------------------------------------------------------------------
# text headers
# ---------------------------------------------------------------------------
_TEXT_KEYS = [
    ("total", r"总计|合计|预算数|金额"),
    ("basic", r"基本支出"),
    ("project", r"项目支出"),
    ("personnel", r"人员经费"),
    ("public", r"(?:日常)?公用经费"),
    ("carryover", r"上年结转"),
    ("general_budget", r"一般公共预算"),
    ("government_fund", r"政府性基金"),
    ("state_capital", r"国有资本"),
    ("special_account", r"财政专户"),
    ("business", r"(?<!单位)事业收入"),
    ("superior_subsidy", r"上级补助"),
    ("affiliated", r"附属单位"),
    ("operating", r"经营收入"),
    ("other", r"其他收入"),
    ("specific_total", r"年初特定目标"),
    ("personnel_projects", r"人员性项目"),
    ("general_projects", r"一般性项目"),
    ("livelihood_projects", r"民生配套项目"),
    ("superior_total", r"上级专项"),
    ("advance", r"提前下达专项"),
    ("carried_projects", r"结转项目"),
    ("municipal", r"市级专项"),
]
THREE_PUBLIC_ORDER = ["total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"]


def text_header_keys(kind: str, header_text: str, year: Optional[int]) -> list:
    """Amount columns, in printed order, read from the flattened header text of a table."""
    s = compact(header_text)
    if kind in TWO_SIDED:
        left, _, right = s.partition("支出")
        keys = [("income", "total")]
        found = []
        for key, rx in (("total", r"合计|预算数"), ("general_budget", r"一般公共预算"),
                        ("government_fund", r"政府性基金"), ("state_capital", r"国有资本")):
            m = re.search(rx, right)
            if m:
                found.append((m.start(), key))
        keys += [("expenditure", k) for _, k in sorted(found)] or [("expenditure", "total")]
        return keys
    years = [int(y) for y in re.findall(r"(20\d{2})年", s)]
    has_prior = bool(year and any(y < year for y in years)) or "上年" in s
    if kind == "three_public":
        base = list(THREE_PUBLIC_ORDER)
        if "会议费" in s:
            base.append("meeting")
        if "培训费" in s:
            base.append("training")
        return [f"prior_{k}" for k in base] + base if has_prior else base
    hits = []
    for key, rx in _TEXT_KEYS:
        for m in re.finditer(rx, s):
            before = s[max(0, m.start() - 6):m.start()]
            if re.search(r"20\d{2}年$", before):
                continue  # "2025年基本支出": a group heading over the real columns
            hits.append((m.start(), key))
            break
    # group headings printed above their own 小计 (年初特定目标 / 上级专项 over 小计 …) stand
    # where their 小计 stands
    groups = [h for h in sorted(hits) if h[1] in ("specific_total", "superior_total")]
    subtotals = [m.start() for m in re.finditer("小计", s)]
    if groups and len(subtotals) >= len(groups):
        moved = dict(zip([g[1] for g in groups], subtotals))
        hits = [(moved.get(k, pos), k) for pos, k in hits]
    keys = [k for _, k in sorted(hits)]
    if "total" not in keys:
        keys.insert(0, "total")
    if has_prior:
        keys.insert(0, "prior_total")
    return keys
