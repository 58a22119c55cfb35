"""The completeness checklist: the items a disclosure must publish and whether each is there
(``data.checklist``), for one disclosure and as a matrix across several."""
from __future__ import annotations

import pandas as pd

from ..model import Disclosure
from .data import checklist, label

ABSENT_FROM_KIND = "—"   # the item is not required of this kind of disclosure
ORDER = "TFE"            # budget tables, 决算 tables, explanations


def completeness(d: Disclosure) -> pd.DataFrame:
    rows = [{"编号 id": i.id, "公开事项 item": i.name, "是否公开 present": "✔ 有" if i.present else "✘ 未见",
             "位置 where": i.where} for i in checklist(d)]
    return pd.DataFrame(rows, columns=["编号 id", "公开事项 item", "是否公开 present", "位置 where"])


def presence_matrix(disclosures: list) -> pd.DataFrame:
    """One row per item any of ``disclosures`` must publish, one column per disclosure:
    ✔ present, ✘ not seen, — not required of it (a budget's items in a 决算, and the reverse)."""
    lists = [{i.id: i for i in checklist(d)} for d in disclosures]
    names: dict = {}
    for items in lists:
        for i in items.values():
            names.setdefault(i.id, i.name)
    rows = []
    for rid in sorted(names, key=lambda r: (ORDER.index(r[0]), r)):
        row = {"编号 id": rid, "公开事项 item": names[rid]}
        for d, items in zip(disclosures, lists):
            row[label(d)] = ABSENT_FROM_KIND if rid not in items else "✔" if items[rid].present else "✘"
        rows.append(row)
    return pd.DataFrame(rows)
