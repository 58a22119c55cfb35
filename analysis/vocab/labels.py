"""Chinese (and bilingual) labels of the small closed vocabularies: severities, document kinds,
scopes, sides of a two-sided table, and what the reader could not read (reading problems)."""
from __future__ import annotations

SEVERITIES = ("error", "warning", "info")
SEVERITY_ZH = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
SEVERITY_COUNT_ZH = {"error": "错误 errors", "warning": "警告 warnings", "info": "提示 info"}   # headings of counts
DOCUMENT_KINDS = ("budget", "final")
SCOPES = ("department", "unit")
DOCUMENT_ZH = {"budget": "预算", "final": "决算"}
SCOPE_ZH = {"department": "部门", "unit": "单位"}
SECTION_ZH = {"income": "收入", "expenditure": "支出", "expenditure_purpose": "支出（按用途）"}
# ``analysis.model.Problem.what``: what the reader met and could not read
PROBLEM_ZH = {"unplaced_cell": "单元格落在表头各列之外", "table_failed": "表格读取失败", "unknown_table": "未能识别的表格",
              "extra_values": "一行中的数字多于表头的列数", "unreadable_amount": "金额单元格无法识别为数字"}


def document_name(kind: str, scope: str) -> str:
    """部门预算 / 单位预算 / 部门决算 / 单位决算."""
    return SCOPE_ZH.get(scope, scope) + DOCUMENT_ZH.get(kind, kind)


def problem_zh(what: str) -> str:
    """The Chinese name of a reading problem (the identifier itself when it has none)."""
    return PROBLEM_ZH.get(what, what)
