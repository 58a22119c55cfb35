"""The completeness checklist: the items a disclosure must publish and whether each is there,
as the audit judged them (``AuditResult.checklist``: the same list the completeness checks and
the score read). Across many disclosures the comparison reads the dataset's ``checklist``
resource (``analysis.reports.compare.presence``)."""
from __future__ import annotations

import pandas as pd

from .data import checklist


def completeness(result) -> pd.DataFrame:
    rows = [{"编号 id": i.id, "公开事项 item": i.name, "是否公开 present": i.status_zh,
             "位置 where": i.where, "说明 detail": i.detail} for i in checklist(result)]
    return pd.DataFrame(rows, columns=["编号 id", "公开事项 item", "是否公开 present", "位置 where", "说明 detail"])
