"""The table layer's entry: one table segment -> a ``Table`` (and its reading problems).

A segment cut from ruled or aligned grids is read by ``grid_reader`` (header tree, columns by
meaning, one row model for every template, a confidence); a segment of flattened text by
``text_reader`` (header text, rows of tokens). Either way, a table whose amounts are all zero and
whose note says it has nothing to show (无, 不涉及 …) keeps that note as its reason for being empty.

A table that prints no unit (no 单位 line, header or title names one) is first read in 万元;
``infer_units`` then decides its unit from the document's other tables and its narrative: the same
figures printed there at a fixed ratio (10,000 for 元) name the unit, which is used and noted
(``unit_inferred``), never reported as a disagreement.
"""
from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

from ..numbers import UNIT_SCALE, find_unit, loose_number, parse_number
from ..settings import DEFAULT, ReaderSettings
from ..vocab.words import pattern
from .grid_reader import GridReader
from .rows import text_data_starts
from .segment import Segment
from .text_reader import TextReader, text_header_keys
from .titles import compact


def read_table(seg: Segment, table_id: str, year: Optional[int], settings: ReaderSettings = DEFAULT) -> tuple:
    """(Table, reading problems) of one table segment; ``year`` is the document's budget year."""
    if seg.unit is None:
        seg.unit = _title_unit(seg.match.title)
    if seg.grids:
        b = GridReader(seg, table_id, year, settings)
        b.read(seg.grids)
    else:
        b = TextReader(seg, table_id, year, settings)
        header: list = []
        for line in seg.lines:
            if text_data_starts([c.text for c in line.cells]):
                break
            header.append(line.text)
        keys = text_header_keys(seg.match.kind, " ".join(header), b.year)
        b.build_text(seg.lines, keys)
    t = b.table
    confirm_loose_numbers(t, settings)
    if not any(any(v != 0 for v in r.amounts.values()) for r in t.rows):
        if t.note and pattern("empty_note").search(t.note):
            t.empty_reason = t.note
    return t, b.problems


def _title_unit(title: str) -> Optional[str]:
    """The unit a title prints (…表（单位：万元）, …表（元）), if any."""
    hits = pattern("unit_in_brackets").findall(compact(title))
    return find_unit(title) or (hits[0] if len(set(hits)) == 1 else None)


# ---------------------------------------------------------------------------
# units a table does not print
# ---------------------------------------------------------------------------
_CENT = Decimal("0.01")
_NARRATIVE_AMOUNT = pattern("wan_amount")


def _cents(v: Decimal) -> Decimal:
    return v.quantize(_CENT, rounding=ROUND_HALF_UP)


def _printed_values(t) -> list:
    """The non-zero amounts of a table as printed (before its unit was applied)."""
    scale = t.scale or Decimal(1)
    return [v / scale for r in t.rows for v in r.amounts.values() if v]


def _known_figures(tables: list, narrative: list) -> set:
    """Figures in 万元 (to the cent) that the document prints with a unit: the amounts of its tables
    whose unit is printed, and the 万元 amounts of its narrative."""
    out = {_cents(v) for t in tables for r in t.rows for v in r.amounts.values() if v}
    for page in narrative:
        for m in _NARRATIVE_AMOUNT.finditer(page.text.replace(" ", "")):
            v = parse_number(m.group(1))
            if v:
                out.add(_cents(v))
    return out


def _unit_by_figures(t, known: set, s: ReaderSettings) -> Optional[str]:
    """The unit under which the most of the table's figures are figures the document prints
    elsewhere, when they are enough and clearly more than under any other unit."""
    values = [v for v in _printed_values(t) if abs(v) >= 1]
    hits = Counter({u: sum(_cents(v * scale) in known for v in values) for u, scale in UNIT_SCALE.items()})
    (best, n), *rest = hits.most_common() or [(None, 0)]
    second = rest[0][1] if rest else 0
    return best if n >= s.unit_matches_min and n > s.unit_matches_ratio * second else None


def infer_units(tables: list, assumed: set, narrative: list, s: ReaderSettings = DEFAULT) -> None:
    """Give the tables of one document whose unit is not printed (ids in ``assumed``) the unit
    under which their figures are the document's other figures; rescale their amounts and note
    ``unit_inferred`` where that unit is not the one assumed."""
    printed = [t for t in tables if t.id not in assumed]
    known = _known_figures(printed, narrative)
    for t in tables:
        if t.id not in assumed:
            continue
        unit = _unit_by_figures(t, known, s)
        if unit is None or unit == t.unit:
            continue
        factor = UNIT_SCALE[unit] / (t.scale or Decimal(1))
        for r in t.rows:
            r.amounts = {k: v * factor for k, v in r.amounts.items()}
        t.unit, t.scale = unit, UNIT_SCALE[unit]
        t.reading = sorted(set(t.reading) | {"unit_inferred"})


# ---------------------------------------------------------------------------
# thousands separators misplaced: read where the table's arithmetic confirms it
# ---------------------------------------------------------------------------
_ROW_IDENTITIES = (("total", ("basic", "project")), ("basic", ("personnel", "public")),
                   ("total", ("personnel", "public", "project")))


def confirm_loose_numbers(t, s: ReaderSettings = DEFAULT) -> None:
    """Cells printed with their thousands separators misplaced or partly missing (``128138,600``)
    are unreadable as printed; they are read as the number their digits make when the table's
    arithmetic then ties out: the row identities (合计 = 基本 + 项目, 基本 = 人员 + 公用), a coded row
    against its children, a total row against its top rows, the two sides of a summary. Otherwise
    they stay unreadable (a reading problem, never a smaller number). Noted ``separators_misplaced``."""
    loose = [(r, k, v) for r in t.rows for k, raw in r.unreadable.items() if (v := loose_number(raw)) is not None]
    if not loose:
        return
    kept = [(r, k, r.unreadable[k]) for r, k, _ in loose]
    for r, k, v in loose:
        r.amounts[k] = v * (t.scale or Decimal(1))
        del r.unreadable[k]
    ok, checked = _ties_out(t, {(id(r), k) for r, k, _ in loose})
    if checked and ok >= s.sums_share * checked:
        left = sum(len(r.unreadable) for r in t.rows)
        if t.confidence is not None:   # the penalty of the cells now read is given back
            back = min(s.penalty_unreadable_max, s.penalty_unreadable * (left + len(loose))) - \
                min(s.penalty_unreadable_max, s.penalty_unreadable * left)
            t.confidence = round(min(1.0, t.confidence + back), 3)
        t.reading = sorted((set(t.reading) - ({"unreadable_cells"} if not left else set())) | {"separators_misplaced"})
        return
    for r, k, raw in kept:
        del r.amounts[k]
        r.unreadable[k] = raw


def _ties_out(t, cells: set) -> tuple:
    """(identities that hold, identities checked) among those that involve one of ``cells``."""
    tol = Decimal("0.01") * min(Decimal(1), t.scale or Decimal(1)) * 4
    checks = list(_row_sums(t)) + list(_code_sums(t)) + list(_side_sums(t))
    ok = checked = 0
    for whole, parts in checks:
        if not any((id(r), k) in cells for r, k in [whole] + parts):
            continue
        values = [r.amounts.get(k) for r, k in [whole] + parts]
        if any(v is None for v in values):
            continue
        checked += 1
        ok += abs(values[0] - sum(values[1:], Decimal(0))) <= tol
    return ok, checked


def _row_sums(t):
    """(whole cell, part cells) of the row identities a row prints all keys of."""
    for r in t.rows:
        for whole, parts in _ROW_IDENTITIES:
            if whole in r.amounts and all(p in r.amounts for p in parts):
                yield (r, whole), [(r, p) for p in parts]


def _code_sums(t):
    """(whole cell, part cells): a coded row against the rows one level under it, and a total row
    against the class (类) rows, column by column."""
    coded = [r for r in t.rows if r.code]
    keys = {k for r in t.rows for k in r.amounts}
    for r in coded + [r for r in t.rows if r.is_total and not r.section]:
        kids = [c for c in coded if (len(c.code) == len(r.code) + 2 and c.code.startswith(r.code)) if r.code] \
            if r.code else [c for c in coded if len(c.code) == 3]
        if kids:
            for k in keys:
                yield (r, k), [(c, k) for c in kids]


def _side_sums(t):
    """(whole cell, part cells) of a two-sided table: each side's total row against its top
    (一、二、…) rows, and the two totals against each other."""
    totals = {}
    for side in {r.section for r in t.rows if r.section}:
        rows = [r for r in t.rows if r.section == side]
        total = next((r for r in rows if r.is_total), None)
        tops = [r for r in rows if pattern("row_top_ordinal").match(compact(r.name))]
        if total is None:
            continue
        totals[side] = total
        if tops:
            yield (total, "total"), [(r, "total") for r in tops]
    if len(totals) == 2:
        a, b = totals.values()
        yield (a, "total"), [(b, "total")]
