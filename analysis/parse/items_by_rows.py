"""“三公”经费 tables printed down the page: one row per item (因公出国（境）费, 公务接待费,
公务用车购置及运行费, 其中：公务用车购置费 …) and one column per year (上年预算数, 本年预算数, 增减).

Many templates print the items as columns; the rest of the tool reads a 三公 table that way (its
figures, its sums, whether vehicle purchase and operation are shown apart). A table whose rows are
named by the items (by the same header rules that name the item columns) and whose amount columns
are the year's and the year before's is turned to that form: one row, its total, with a column per
item and year (``overseas``, ``prior_overseas`` …). Each column remembers the row it was printed
in; the page, the blank, placeholder and unreadable cells and a workbook's cell places go with it.
A table any other row of which names no item, or two rows of which name one, is left as printed.

The other way round, a table printing its items as columns (or one amount, 机关运行经费) may print its
years as rows (2025年预算数, 2026年预算数, 增减额): the year's row is kept, with the year before's
amounts as its ``prior_`` columns; the change rows, derived, are left out (``years_by_rows``). Every
row must name a year or a change: any other row leaves the table as printed.
"""
from __future__ import annotations

from typing import Optional

from ..model import Column, Row, Table
from ..vocab import THREE_PUBLIC_COLUMNS
from ..vocab.words import pattern, words
from .columns import row_item_key
from .titles import compact, strip_ordinal

# Amount columns of a table printed down the page: the amount of each item, this year's, last
# year's and (a final-accounts table) its budget's.
YEAR_KEYS = ("total", "prior_total", "budget_total", "prior_budget_total")


def _item(row: Row, role: str) -> Optional[str]:
    name = pattern("of_which_header").sub("", strip_ordinal(compact(row.name)))
    return row_item_key(name, role) if name else None


def _printed_down(t: Table) -> Optional[list]:
    """(row, item key) of each row of ``t`` when it prints its items down the page, else None."""
    keys = t.column_keys()
    if any(k in keys for k in THREE_PUBLIC_COLUMNS if k != "total") or not t.rows:
        return None
    if "total" not in keys or any(k not in YEAR_KEYS for k in keys):
        return None
    items = [(r, _item(r, t.role)) for r in t.rows]
    named = [k for _, k in items if k]
    if len(named) != len(items) or len(set(named)) != len(named) or len(set(named) - {"total", "three_public"}) < 2:
        return None
    return items


def items_by_rows(t: Table) -> None:
    """Turn ``t`` (a 三公 table) to one row with a column per item and year when it prints its
    items down the page (see the module); else leave it."""
    items = _printed_down(t)
    if items is None:
        return
    years = t.column_keys()
    total = next((r for r, k in items if k in ("total", "three_public")), items[0][0])
    out = Row(index=0, name=total.name if total.is_total else "", page=min(r.page for r, _ in items),
              file=total.file, raw=" / ".join(r.raw for r, _ in items), flags=["total"])
    labels = {c.key: c.label for c in t.columns}
    columns = []
    for year in years:
        for r, item in items:
            key = item if year == "total" else year.replace("total", item)
            columns.append(Column(key=key, label=f"{labels.get(year, year)}/{compact(r.name)}"))
            _move(r, year, out, key)
    t.rows, t.columns = [out], columns
    t.reading = sorted(set(t.reading) | {"items_by_rows"})


def _move(r: Row, year: str, out: Row, key: str) -> None:
    """Row ``r``'s cell in column ``year`` as ``out``'s cell in column ``key``: its amount, blank,
    placeholder or unreadable text, workbook place and recognition confidence."""
    if year in r.amounts:
        out.amounts[key] = r.amounts[year]
    if year in r.blank:
        out.blank.append(key)
    for store, into in ((r.placeholders, out.placeholders), (r.unreadable, out.unreadable),
                        (r.refs, out.refs), (r.recognised, out.recognised)):
        if year in store:
            into[key] = store[year]


def _year_of(name: str) -> tuple:
    """(the year a row's name prints, or None; whether it names the year before; whether it is a
    change on the year before) of a row of a table printing its years down the page."""
    m = pattern("column_year").search(name)
    prior = bool(pattern("prior_year_word").search(name)) and not pattern("carryover_word").search(name)
    return (int(m.group(1)) if m else None), prior, bool(pattern("change_header").search(name))


def _years(t: Table, year: Optional[int]) -> Optional[tuple]:
    """(this year's row, the year before's row) of a table printing its years as rows, else None."""
    current, prior = [], []
    for r in t.rows:
        name = compact(r.name)
        y, before, change = _year_of(name)
        if change:
            continue
        if y is not None:
            (current if y == (year or y) else prior if year and y < year else []).append((y, r))
        elif before:
            prior.append((None, r))
        elif name in words("year_stack_labels"):
            current.append((None, r))
        else:
            return None
    if not year and len(current) > 1:   # no year known: the latest row is this year's
        current.sort(key=lambda x: x[0] or 0)
        prior, current = prior + current[:-1], current[-1:]
    if len(current) != 1 or len(prior) != 1:
        return None
    return current[0][1], prior[0][1]


def years_by_rows(t: Table, year: Optional[int]) -> None:
    """Turn ``t`` (a table printing its columns' amounts for one year a row: a 三公 table by item,
    a 机关运行经费 table, see the module) to one row, this year's, with the year before's amounts as
    ``prior_`` columns; else leave it."""
    keys = t.column_keys()
    if not keys or len(t.rows) < 2 or any(k.startswith(("prior_", "budget_")) for k in keys):
        return
    found = _years(t, t.year or year)
    if found is None:
        return
    current, prior = found
    for k in keys:
        _move(prior, k, current, f"prior_{k}")
    current.flags = sorted(set(current.flags) | {"total"})
    current.raw = " / ".join(r.raw for r in t.rows)
    current.index = 0
    t.columns = t.columns + [Column(key=f"prior_{c.key}", label=f"{compact(prior.name)}/{c.label}") for c in t.columns]
    t.rows = [current]
    t.reading = sorted(set(t.reading) | {"years_by_rows"})
