"""What a disclosure must publish: the required tables, explanations and rules, by document kind
and scope, with how each is detected and the rule it comes from.

Data: ``analysis/reference/disclosure_rules.csv``. Each row is one item:

* ``kind``: ``table`` / ``final_table`` (a table that must be printed), ``explanation`` (a matter
  the narrative must explain), ``rule`` (a requirement on the tables: T09 基本/项目 apart, E10
  empty tables say why);
* ``document``: ``budget``, ``final`` or ``all``; ``scope``: ``department``, ``unit`` or ``all``;
* ``detect``: how the item is seen: ``table`` (a table of one of ``tables``), ``window`` (the
  narrative holds ``anchor`` with ``need`` within ``window`` characters after it, or a table of
  ``tables`` is printed), ``columns``, ``three_public_reasons``, ``procurement_parts``,
  ``empty_tables`` (detectors of ``analysis.checklist``);
* ``required_from``: the first budget year the rule applies to (empty: every year);
* ``item``, ``granularity``, ``source_title``, ``source_url``: the rule as its source states it.

The checklist of a disclosure (``analysis.checklist``), the completeness checks, the
score and the report all read this one list.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ._data import rows

TABLE_ITEM_KINDS = ("table", "final_table")


@dataclass(frozen=True)
class RequiredItem:
    id: str                       # T01 … T09, E01 … E10, F01 … F09
    name: str                     # short Chinese name shown in checklists
    kind: str                     # table | final_table | explanation | rule
    document: str                 # budget | final | all
    scope: str                    # department | unit | all
    detect: str
    tables: tuple                 # table kinds that satisfy the item
    anchor: str = ""
    window: int = 0
    need: str = ""
    item: str = ""                # the requirement as its source words it
    required_from: Optional[int] = None
    granularity: str = ""
    source_title: str = ""
    source_url: str = ""

    @property
    def is_table(self) -> bool:
        return self.kind in TABLE_ITEM_KINDS

    def applies(self, document: str, scope: str, year: Optional[int]) -> bool:
        """Whether a disclosure of ``document`` kind, ``scope`` and budget ``year`` must meet it."""
        if self.document not in ("all", document) or self.scope not in ("all", scope):
            return False
        return self.required_from is None or year is None or year >= self.required_from

    @property
    def source(self) -> str:
        """'<source title>（T05：<item>）': the rule, citable in a message."""
        return f"{self.source_title}（{self.id}：{self.item}）"


@lru_cache(maxsize=1)
def all_items() -> tuple:
    out = []
    for r in rows("disclosure_rules.csv"):
        out.append(RequiredItem(
            id=r["id"], name=r["name"], kind=r["kind"], document=r["document"], scope=r["scope"],
            detect=r["detect"], tables=tuple(k for k in r["tables"].split("|") if k),
            anchor=r["anchor"], window=int(r["window"]) if r["window"] else 0, need=r["need"],
            item=r["item"], required_from=int(r["required_from"]) if r["required_from"] else None,
            granularity=r["granularity"], source_title=r["source_title"], source_url=r["source_url"]))
    return tuple(out)


def required_items(document: str = "budget", scope: str = "department", year: Optional[int] = None) -> tuple:
    """The items a disclosure of ``document`` kind and ``scope`` must publish (for ``year`` when
    given: items required only from a later year are left out)."""
    return tuple(i for i in all_items() if i.applies(document, scope, year))


def item(item_id: str) -> RequiredItem:
    return next(i for i in all_items() if i.id == item_id)
