"""The completeness checklist: the items a disclosure must publish and whether each is there,
as the audit judged them (``AuditResult.checklist``: the same list the completeness checks and
the score read), for one disclosure and as a matrix across several."""
from __future__ import annotations

import pandas as pd

from ..checklist import NOT_APPLICABLE, UNREADABLE
from .data import checklist, label

ABSENT_FROM_KIND = "—"   # the item is not required of this kind of disclosure
ORDER = "TFE"            # budget tables, 决算 tables, explanations
MARK = {True: "✔", False: "✘"}


def completeness(result) -> pd.DataFrame:
    rows = [{"编号 id": i.id, "公开事项 item": i.name, "是否公开 present": i.status_zh,
             "位置 where": i.where, "说明 detail": i.detail} for i in checklist(result)]
    return pd.DataFrame(rows, columns=["编号 id", "公开事项 item", "是否公开 present", "位置 where", "说明 detail"])


def _mark(item) -> str:
    if item.status == NOT_APPLICABLE:
        return ABSENT_FROM_KIND
    return MARK[item.present] + ("?" if item.status == UNREADABLE else "")


def presence_matrix(disclosures: list, results: list) -> pd.DataFrame:
    """One row per item any of ``disclosures`` must publish, one column per disclosure:
    ✔ present (✔? printed but not read with confidence), ✘ not seen, — not required of it (a
    budget's items in a 决算, and the reverse, or a rule with nothing to apply to)."""
    lists = [{i.id: i for i in checklist(r)} for r in results]
    names: dict = {}
    for items in lists:
        for i in items.values():
            names.setdefault(i.id, i.name)
    rows = []
    for rid in sorted(names, key=lambda r: (ORDER.index(r[0]), r)):
        row = {"编号 id": rid, "公开事项 item": names[rid]}
        for d, items in zip(disclosures, lists):
            row[label(d)] = ABSENT_FROM_KIND if rid not in items else _mark(items[rid])
        rows.append(row)
    return pd.DataFrame(rows)
