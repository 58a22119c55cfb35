"""Chinese (and bilingual) labels of the small closed vocabularies: severities, document kinds,
scopes, sides of a two-sided table."""
from __future__ import annotations

SEVERITIES = ("error", "warning", "info")
SEVERITY_ZH = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
DOCUMENT_KINDS = ("budget", "final")
SCOPES = ("department", "unit")
DOCUMENT_ZH = {"budget": "预算", "final": "决算"}
SCOPE_ZH = {"department": "部门", "unit": "单位"}
SECTION_ZH = {"income": "收入", "expenditure": "支出", "expenditure_purpose": "支出（按用途）"}


def document_name(kind: str, scope: str) -> str:
    """部门预算 / 单位预算 / 部门决算 / 单位决算."""
    return SCOPE_ZH.get(scope, scope) + DOCUMENT_ZH.get(kind, kind)
