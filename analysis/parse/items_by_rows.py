"""“三公”经费 tables printed down the page: one row per item (因公出国（境）费, 公务接待费,
公务用车购置及运行费, 其中：公务用车购置费 …) and one column per year (上年预算数, 本年预算数, 增减).

Many templates print the items as columns; the rest of the tool reads a 三公 table that way (its
figures, its sums, whether vehicle purchase and operation are shown apart). A table whose rows are
named by the items (by the same header rules that name the item columns) and whose amount columns
are the year's and the year before's is turned to that form: one row, its total, with a column per
item and year (``overseas``, ``prior_overseas`` …). Each column remembers the row it was printed
in; the page, the blank, placeholder and unreadable cells and a workbook's cell places go with it.
A table any other row of which names no item, or two rows of which name one, is left as printed.
"""
from __future__ import annotations

from typing import Optional

from ..model import Column, Row, Table
from ..vocab import THREE_PUBLIC_COLUMNS
from ..vocab.words import pattern
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
