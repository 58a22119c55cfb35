"""Chinese (and bilingual) labels of the small closed vocabularies: severities, document kinds,
scopes, sides of a two-sided table, classification levels, narrative changes and bases, the
money scopes and figures the cross-table check compares, and the tool's reading problems."""
from __future__ import annotations

SEVERITIES = ("error", "warning", "info")
SEVERITY_ZH = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
SEVERITY_COUNT_ZH = {"error": "错误 errors", "warning": "警告 warnings", "info": "提示 info"}   # headings of counts
SEVERITY_COUNT_ZH = {"error": "错误 errors", "warning": "警告 warnings", "info": "提示 info"}   # headings of counts
DOCUMENT_KINDS = ("budget", "final")
SCOPES = ("department", "unit")
DOCUMENT_ZH = {"budget": "预算", "final": "决算"}
SCOPE_ZH = {"department": "部门", "unit": "单位"}
# A required item of a disclosure's checklist (``analysis.checklist``).
CHECKLIST_STATUS_ZH = {"present": "✔ 有", "missing": "✘ 未见", "unreadable": "✔ 有（本工具未能可靠读取）",
                       "not_applicable": "— 不适用", "not_given": "— 未收到（该部分未在所给文件中）"}
SECTION_ZH = {"income": "收入", "expenditure": "支出", "expenditure_purpose": "支出（按用途）"}
# ``analysis.model.Problem.what``: what the reader met and could not read
PROBLEM_ZH = {"unplaced_cell": "单元格落在表头各列之外", "table_failed": "表格读取失败", "unknown_table": "未能识别的表格",
              "extra_values": "一行中的数字多于表头的列数", "unreadable_amount": "金额单元格无法识别为数字"}


def document_name(kind: str, scope: str) -> str:
    """部门预算 / 单位预算 / 部门决算 / 单位决算."""
    return SCOPE_ZH.get(scope, scope) + DOCUMENT_ZH.get(kind, kind)


# Classifications of 政府收支分类科目 and their levels, by code length.
CLASSIFICATION_ZH = {"function": "功能分类", "economic": "经济分类"}
CODE_LEVEL_ZH = {3: "类", 5: "款", 7: "项"}

# A narrative claim: the direction of a change it states, and (决算) the column it is read from.
CHANGE_ZH = {"increase": "增加", "decrease": "减少", "flat": "持平"}
BASIS_ZH = {"initial_budget": "年初预算", "adjusted_budget": "全年预算", "budget": "预算", "final": "决算"}
BUDGET_BASES = ("initial_budget", "adjusted_budget", "budget")

# The money a figure covers (cross-table comparison scopes) and the figures compared.
MONEY_SCOPE_ZH = {"dept": "部门预算", "fiscal": "财政拨款", "gb": "一般公共预算", "gf": "政府性基金预算",
                  "sc": "国有资本经营预算"}
FIGURE_ZH = {"total": "收支总计", "basic": "基本支出", "project": "项目支出", "reserve": "单位预留机动经费",
             "personnel": "基本支出中的人员经费", "public": "基本支出中的公用经费",
             "current_income": "本年收入合计", "current_expenditure": "本年支出合计"}
CODED_FIGURE_ZH = {"fn": "功能分类", "econ": "经济分类", "fn_income": "收入功能分类"}

# What the reader could not read: a table's reading issues (``Table.reading``) and the parser's
# problems (``Problem.what``).
READING_ISSUE_ZH = {
    "unnamed_column": "有金额的列没有可识别的表头",
    "duplicate_key": "两列表头含义相同，无法区分",
    "unreadable_cells": "部分金额单元格无法识别为数字",
    "unlabelled_rows": "部分有金额的行没有科目名称或编码",
    "no_header": "未找到表头",
    "continuation_columns": "续页的列与首页表头对不齐",
    "unplaced_cells": "部分单元格落在表头各列之外",
    "no_amount_column": "未找到金额列",
    "untitled_table": "表格没有可识别的标题，内容也不足以判断是哪张表",
    "kind_from_rows": "表题所示表种与各行科目编码不一致，已按科目编码判断",
    "kind_from_columns": "表格没有可识别的标题，已按列名判断表种",
    "unit_inferred": "表格未印金额单位，已按本文件其他表格和说明中相同数字的比例推定单位",
    "group_total_derived": "表头分组未印小计（如基本支出只印人员、公用两列），已按表内各行勾稽取其分列之和",
    "ocr": "表格印在扫描页上，由文字识别（OCR）读取，金额可能有识别错误",
    "ocr_turned": "扫描页横置或倒置，已按页面图像判断方向、转正后再识别",
    "items_by_rows": "“三公”经费各项按行列示（每行一项、每列一年），已转为按列读取",
    "years_by_rows": "表格按行列示年度（上年、本年、增减各一行），已取本年一行，上年数作比较数，增减行不计",
    "sides_stacked": "收入、支出两部分上下排列（表头未分左右两栏），已按各行顺序区分收入与支出",
    "row_cut_by_page": "有一行被分页截断（名称和金额的末几位印在下一页），已按本表各列的勾稽关系接回上一行",
}
READING_PROBLEM_ZH = {
    "unplaced_cell": "单元格落在表头各列之外",
    "table_failed": "表格读取失败",
    "unknown_table": "未能识别的表格",
    "extra_values": "一行中的数字多于表头的列数",
    "unreadable_amount": "金额单元格无法识别为数字",
}
PROBLEM_ZH = READING_PROBLEM_ZH


def problem_zh(what: str) -> str:
    """The Chinese name of a reading problem (the identifier itself when it has none)."""
    return READING_PROBLEM_ZH.get(what, what)
