"""Synthetic disclosures for readings decided by a table's own structure (tests/test_layouts_readings.py).

Each builder writes a small PDF with reportlab in a layout real 2026 city disclosures print (none of
their files), every figure consistent, so an arithmetic, cross-table or narrative error is a reading
mistake:

* ``carryover_budget``: a Chongqing-style 部门预算. 表一 部门收支总体情况表 and 表二 部门收入总体情况表
  print no 上年结转 of their own: the carried-over money is folded into the fund it belongs to
  (一般公共预算资金 1,000.00 = this year's 900.00 + 100.00 carried over). 表四 财政拨款收支总体情况表
  prints it apart: 一、本年收入 and 二、上年结转 centred in their cells (so indented deeper than
  the flush-left （一）（二）（三） rows under them), each with its breakdown by fund, and the first
  （一） printed over a stray hidden glyph '1' (the text reads '1（一）一般公共预算资金').
* ``listed_targets_budget``: a Hangzhou-style 部门预算 whose 项目支出绩效表 is a list, one ruled row a
  project (单位名称 | 项目名称 | 金额 | 绩效目标), two units each with a project named 日常保障运行;
  the 项目支出预算表 lists one project more (no target) and a line holding only the tail of a
  unit's name (a wrapped name a page break cut); the narrative counts the projects under
  performance management and their funds ('共计4个一级项目，涉及资金…').
* ``repeated_row_budget``: a 一般公共预算支出表 that prints the line '21999 其他支出 502.00' twice in a
  row under 219 援助其他地区支出 502.00 (its 项 with the code cut to the 款's).
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape

from .draw import PAD, Span, draw_table, draw_text, new_canvas

DEPARTMENT = "某市测绘地理信息局"
YEAR = 2026
IDEO = "\u3000"
CENTRED = IDEO * 5      # a label centred in a wide cell starts this far in

# -- Chongqing style: carry-over folded into the funds, and printed apart ---------------------------
SUMMARY_HEADER = [Span("收入", 0, 0, 1, 2), Span("支出", 0, 2, 1, 2),
                  Span("项目", 1, 0), Span("预算数", 1, 1), Span("项目", 1, 2), Span("预算数", 1, 3)]
SUMMARY_ROWS = [
    ["合计", "1,100.00", "合计", "1,100.00"],
    ["一、一般公共预算资金", "1,000.00", "一、一般公共服务支出", "900.00"],
    ["二、政府性基金预算资金", "", "二、住房保障支出", "200.00"],
    ["三、事业收入资金", "100.00", "", ""],
]
INCOME_HEADER = [Span("科目编码", 0, 0), Span("科目名称", 0, 1), Span("总计", 0, 2),
                 Span("一般公共预\n算拨款收入", 0, 3), Span("政府性基金预\n算拨款收入", 0, 4), Span("事业收入", 0, 5)]
INCOME_ROWS = [
    ["", "合计", "1,100.00", "1,000.00", "", "100.00"],
    ["201", "一般公共服务支出", "900.00", "800.00", "", "100.00"],
    ["20103", "政府办公厅（室）及相关机构事务", "900.00", "800.00", "", "100.00"],
    ["2010301", "行政运行", "900.00", "800.00", "", "100.00"],
    ["221", "住房保障支出", "200.00", "200.00", "", ""],
    ["22102", "住房改革支出", "200.00", "200.00", "", ""],
    ["2210201", "住房公积金", "200.00", "200.00", "", ""],
]
FISCAL_HEADER = [Span("收入", 0, 0, 1, 2), Span("支出", 0, 2, 1, 5),
                 Span("项目", 1, 0), Span("预算数", 1, 1), Span("项目", 1, 2), Span("总计", 1, 3),
                 Span("一般公共预算", 1, 4), Span("政府性基金预算", 1, 5), Span("国有资本经营预算", 1, 6)]
FISCAL_WIDTHS = [150, 70, 150, 70, 70, 70, 70]
FISCAL_ROWS = [
    [CENTRED + "一、本年收入", "900.00", CENTRED + "一、本年支出", "1,000.00", "1,000.00", "", ""],
    ["（一）一般公共预算资金", "900.00", "（一）一般公共服务支出", "800.00", "800.00", "", ""],
    ["（二）政府性基金预算资金", "", "（二）住房保障支出", "200.00", "200.00", "", ""],
    ["（三）国有资本经营预算资金", "", "", "", "", "", ""],
    [CENTRED + "二、上年结转", "100.00", CENTRED + "二、结转下年", "", "", "", ""],
    ["（一）一般公共预算拨款", "100.00", "", "", "", "", ""],
    ["（二）政府性基金预算拨款", "", "", "", "", "", ""],
    ["（三）国有资本经营预算拨款", "", "", "", "", "", ""],
    [CENTRED + "收入合计", "1,000.00", CENTRED + "支出合计", "1,000.00", "1,000.00", "", ""],
]
FISCAL_TOP, ROW_HEIGHT = 110, 20.0
CARRYOVER_TABLES = [("department_summary", [1]), ("department_income", [2]), ("fiscal_summary", [3])]


def _cq_page(c, label: str, title: str, widths: list, header: list, rows: list, top: float = 110) -> None:
    draw_text(c, 40, 30, label, size=11)
    draw_text(c, 421, 55, title, size=14, align="centre")
    draw_text(c, 40, 85, f"单位名称：{DEPARTMENT}", size=10)
    draw_text(c, 720, 85, "单位：万元", size=10)
    draw_table(c, 40, top, widths, header, rows)


def carryover_budget(path: Path) -> Path:
    c = new_canvas(path, landscape(A4))
    _cq_page(c, "表一", f"{YEAR}年部门收支总体情况表", [180, 90, 180, 90], SUMMARY_HEADER, SUMMARY_ROWS)
    c.showPage()
    _cq_page(c, "表二", f"{YEAR}年部门收入总体情况表", [70, 200, 80, 90, 90, 80], INCOME_HEADER, INCOME_ROWS)
    c.showPage()
    _cq_page(c, "表四", f"{YEAR}年财政拨款收支总体情况表", FISCAL_WIDTHS, FISCAL_HEADER, FISCAL_ROWS, FISCAL_TOP)
    # a hidden glyph '1', smaller, printed under the bracket of the first （一）
    second_body = FISCAL_TOP + 3 * ROW_HEIGHT
    draw_text(c, 40 + PAD - 1.5, second_body + 7, "1", size=7)
    c.showPage()
    c.save()
    return path


# -- Hangzhou style: project targets printed as a list -------------------------------------------
UNIT_A, UNIT_B = DEPARTMENT, "某市测绘成果管理中心"
PROJECTS = [   # (unit, project, amount, target?)
    (UNIT_A, "测绘行业管理", "120.00", True),
    (UNIT_A, "日常保障运行", "30.00", True),
    (UNIT_B, "基础测绘", "400.00", True),
    (UNIT_B, "日常保障运行", "50.00", True),
    (UNIT_B, "档案数字化", "25.00", False),
]
PROJECT_TOTAL = "625.00"
TARGET_FUNDS = "600.00"
PROJECT_HEADER = [Span("单位名称", 0, 0), Span("项目名称", 0, 1), Span("总计", 0, 2), Span("一般公共预算", 0, 3)]
LIST_HEADER = [Span("单位名称", 0, 0), Span("项目名称", 0, 1), Span("金额", 0, 2), Span("绩效目标", 0, 3)]
NARRATIVE = [
    f"{DEPARTMENT}{YEAR}年部门预算",
    "一、部门预算情况说明",
    f"{YEAR}年本部门其他运转类项目和特定目标类项目均实行绩效目标管理，共计4个一级项目，",
    f"涉及资金{TARGET_FUNDS}万元（一级项目绩效目标表，详见表11）。",
]


def _hz_page(c, title: str, widths: list, header: list, rows: list) -> None:
    draw_text(c, 421, 40, title, size=13, align="centre")
    draw_text(c, 40, 70, f"部门名称：{DEPARTMENT}", size=10)
    draw_text(c, 700, 70, "单位：万元", size=10)
    draw_table(c, 40, 90, widths, header, rows, row_height=26)


def listed_targets_budget(path: Path) -> Path:
    c = new_canvas(path, landscape(A4))
    for i, line in enumerate(NARRATIVE):
        draw_text(c, 60, 60 + 24 * i, line, size=12)
    c.showPage()
    project_rows = [["合计", "", PROJECT_TOTAL, PROJECT_TOTAL]] + [[u, p, a, a] for u, p, a, _ in PROJECTS]
    project_rows.insert(4, ["（测绘档案馆）", "", "", ""])   # a unit name's tail alone on a line, no amount
    _hz_page(c, f"表10：{YEAR}年市级部门项目支出预算表", [220, 200, 100, 100], PROJECT_HEADER, project_rows)
    c.showPage()
    listed = [[u, p, a, f"完成{p}年度任务，保障工作正常开展。"] for u, p, a, has in PROJECTS if has]
    _hz_page(c, f"表11：{YEAR}年市级部门项目支出绩效表", [200, 160, 80, 300], LIST_HEADER, listed)
    c.showPage()
    c.save()
    return path


# -- a coded line printed twice in a row -------------------------------------------------------
GB_HEADER = [Span("科目编码", 0, 0), Span("科目名称", 0, 1), Span("合计", 0, 2), Span("基本支出", 0, 3),
             Span("项目支出", 0, 4)]
GB_ROWS = [
    ["", "合计", "1,002.00", "500.00", "502.00"],
    ["201", "一般公共服务支出", "500.00", "500.00", ""],
    ["20103", "政府办公厅（室）及相关机构事务", "500.00", "500.00", ""],
    ["2010301", "行政运行", "500.00", "500.00", ""],
    ["219", "援助其他地区支出", "502.00", "", "502.00"],
    ["21999", "其他支出", "502.00", "", "502.00"],
    ["21999", "其他支出", "502.00", "", "502.00"],
]


def repeated_row_budget(path: Path) -> Path:
    c = new_canvas(path, landscape(A4))
    _cq_page(c, "表五", f"{YEAR}年一般公共预算支出表", [80, 220, 90, 90, 90], GB_HEADER, GB_ROWS)
    c.showPage()
    c.save()
    return path
