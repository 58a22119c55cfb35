"""Synthetic disclosures for how a table's rows and segments are read (tests/test_layouts_rows.py).

Each builder writes a small PDF with reportlab in a layout real disclosures print, every figure
consistent, so an arithmetic finding is a reading mistake:

* ``continued_budget``: Jiangsu-style pages (a running header '<部门> 2026 年度部门预算公开' and a
  page number on every page, labels '公开 03 表' above short titles); a 支出总表 continued on a
  page that holds only the running header and the rest of its rows, starting in the middle of
  the hierarchy (项 rows whose 类 is on the page before); a two-sided 财政拨款收支总表 whose
  收入总计/支出总计 line spills alone onto the next page, spaced out ('收 入 总 计') and outside
  any ruling; a 财政拨款支出表 with codes in 类/款/项 cells (a 款 row printing only its 款 code, a
  continuation page starting with a 项 part alone); a 一般公共预算支出表 whose one code cell
  prints only the 款 or 项 part under its parent ('06' under '201'); a 收入预算总表 in 元 whose
  print area pushed its last column header and its unit line onto a page of their own, then a
  blank page.
* ``indented_budget``: Hangzhou-style tables without codes, 类/款/项 shown only by indenting the
  names; a two-sided 收支总表 whose income side indents 一般公共预算 under 一、财政拨款, a 其中
  line, and a 财政拨款收支总表 whose expenditure side prints 一、本年支出合计 above its 类 rows at
  the same indentation; a Shanghai-style 财务收支预算总表 whose income row '3、国有资本经营预算'
  stands on a line of its own under the expenditure row 三、住房保障支出.
* ``stacked_budget``: a 部门预算 一般公共预算支出表 printed as the department's block, then a block
  per unit, each headed by a line naming the unit; a 基本支出表 classified by 政府预算支出经济分类
  (501, 505) with the 部门预算支出经济分类 codes (301 …) repeated under each; a 报表目录 whose
  columns say which table is empty and why (是否空表 / 表格为空的理由), the empty 政府性基金 table
  not printed.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4

from .draw import Quirks, Span, draw_table, draw_text, new_canvas

DEPARTMENT = "某市数据管理局"
YEAR = 2026
IDEO = "\u3000"   # an ideographic space: how these templates indent a name


def _furniture(c, number: int) -> None:
    """The running header and the page number every page of a Jiangsu disclosure prints."""
    draw_text(c, 40, 12, f"{DEPARTMENT} {YEAR} 年度部门预算公开", size=9)
    draw_text(c, 297, 805, f"- {number} -", size=9, align="centre")


def _title(c, label: str, title: str, unit: str = "万元") -> None:
    if label:
        draw_text(c, 50, 50, label, size=11)
    draw_text(c, 297, 72, title, size=14, align="centre")
    draw_text(c, 50, 100, f"部门：{DEPARTMENT}", size=10)
    draw_text(c, 480, 100, f"单位：{unit}", size=10)


# ---------------------------------------------------------------------------
# continuation pages
# ---------------------------------------------------------------------------
EXP_HEADER = [Span("科目编码", 0, 0), Span("科目名称", 0, 1), Span("合计", 0, 2), Span("基本支出", 0, 3),
              Span("项目支出", 0, 4)]
EXP_WIDTHS = [70, 180, 80, 80, 80]
EXP_PAGE_1 = [
    ["", "合计", "1,000.00", "800.00", "200.00"],
    ["201", "一般公共服务支出", "600.00", "400.00", "200.00"],
    ["20106", "财政事务", "600.00", "400.00", "200.00"],
    ["2010601", "行政运行", "400.00", "400.00", ""],
    ["2010602", "一般行政管理事务", "200.00", "", "200.00"],
    ["208", "社会保障和就业支出", "250.00", "250.00", ""],
    ["20805", "行政事业单位养老支出", "250.00", "250.00", ""],
    ["2080505", "机关事业单位基本养老保险缴费支出", "150.00", "150.00", ""],
]
EXP_PAGE_2 = [   # the rest: a 项 of 20805, then 221 with its 款 and 项
    ["2080506", "机关事业单位职业年金缴费支出", "100.00", "100.00", ""],
    ["221", "住房保障支出", "150.00", "150.00", ""],
    ["22102", "住房改革支出", "150.00", "150.00", ""],
    ["2210201", "住房公积金", "80.00", "80.00", ""],
    ["2210202", "提租补贴", "70.00", "70.00", ""],
]

FISCAL_HEADER = [Span("收入", 0, 0, 1, 2), Span("支出", 0, 2, 1, 2),
                 Span("项目", 1, 0), Span("预算数", 1, 1), Span("项目", 1, 2), Span("预算数", 1, 3)]
FISCAL_WIDTHS = [150, 80, 170, 80]
FISCAL_ROWS = [
    ["一、本年收入", "1,000.00", "一、本年支出", "1,000.00"],
    ["（一）一般公共预算拨款", "1,000.00", "（一）一般公共服务支出", "600.00"],
    ["（二）政府性基金预算拨款", "", "（二）社会保障和就业支出", "250.00"],
    ["（三）国有资本经营预算拨款", "", "（三）住房保障支出", "150.00"],
    ["二、上年结转", "", "二、年终结转结余", ""],
]

SPLIT_HEADER = [Span("科目编码", 0, 0, 1, 3), Span("科目名称", 0, 3, 2, 1), Span("合计", 0, 4, 2, 1),
                Span("基本支出", 0, 5, 2, 1), Span("项目支出", 0, 6, 2, 1),
                Span("类", 1, 0), Span("款", 1, 1), Span("项", 1, 2)]
SPLIT_WIDTHS = [40, 30, 30, 170, 80, 80, 80]
SPLIT_PAGE_1 = [
    ["", "", "", "合计", "1,000.00", "800.00", "200.00"],
    ["201", "", "", "一般公共服务支出", "600.00", "400.00", "200.00"],
    ["", "06", "", "财政事务", "600.00", "400.00", "200.00"],
    ["", "", "01", "行政运行", "400.00", "400.00", ""],
]
SPLIT_PAGE_2 = [   # a continuation page that starts with a 项 part alone
    ["", "", "02", "一般行政管理事务", "200.00", "", "200.00"],
    ["208", "", "", "社会保障和就业支出", "250.00", "250.00", ""],
    ["", "05", "", "行政事业单位养老支出", "250.00", "250.00", ""],
    ["", "", "05", "机关事业单位基本养老保险缴费支出", "150.00", "150.00", ""],
    ["", "", "06", "机关事业单位职业年金缴费支出", "100.00", "100.00", ""],
    ["221", "", "", "住房保障支出", "150.00", "150.00", ""],
    ["", "02", "", "住房改革支出", "150.00", "150.00", ""],
    ["", "", "01", "住房公积金", "80.00", "80.00", ""],
    ["", "", "02", "提租补贴", "70.00", "70.00", ""],
]
PARTIAL_ROWS = [   # one code cell printing only the 款 or 项 part under its parent, indented as it
    ["", "合计", "1,000.00", "800.00", "200.00"],
    ["201", "一般公共服务支出", "600.00", "400.00", "200.00"],
    [IDEO + "06", "财政事务", "600.00", "400.00", "200.00"],
    [IDEO * 2 + "01", "行政运行", "400.00", "400.00", ""],
    [IDEO * 2 + "02", "一般行政管理事务", "200.00", "", "200.00"],
    ["208", "社会保障和就业支出", "250.00", "250.00", ""],
    [IDEO + "05", "行政事业单位养老支出", "250.00", "250.00", ""],
    [IDEO * 2 + "05", "机关事业单位基本养老保险缴费支出", "150.00", "150.00", ""],
    [IDEO * 2 + "06", "机关事业单位职业年金缴费支出", "100.00", "100.00", ""],
    ["221", "住房保障支出", "150.00", "150.00", ""],
    [IDEO + "02", "住房改革支出", "150.00", "150.00", ""],
    [IDEO * 2 + "01", "住房公积金", "80.00", "80.00", ""],
    [IDEO * 2 + "02", "提租补贴", "70.00", "70.00", ""],
]
PARTIAL_CODES = ["201", "20106", "2010601", "2010602", "208", "20805", "2080505", "2080506", "221", "22102",
                 "2210201", "2210202"]

INCOME_HEADER = [Span("功能分类科目编码", 0, 0), Span("功能分类科目名称", 0, 1), Span("合计", 0, 2),
                 Span("财政拨款收入", 0, 3)]
INCOME_ROWS = [
    ["201", "一般公共服务支出", "6,000,000", "6,000,000"],
    ["208", "社会保障和就业支出", "2,500,000", "2,500,000"],
    ["221", "住房保障支出", "1,500,000", "1,500,000"],
    ["", "合计", "10,000,000", "10,000,000"],
]

CONTINUED_TABLES = [  # (kind, label, pages)
    ("department_expenditure", "公开03表", [2, 3]),
    ("fiscal_summary", "公开04表", [4, 5]),
    ("fiscal_expenditure", "公开05表", [6, 7]),
    ("general_budget_expenditure", "公开07表", [8]),
    ("department_income", "", [9, 10, 11]),
]


def continued_budget(path: Path) -> Path:
    c = new_canvas(path, A4)
    draw_text(c, 297, 300, f"{DEPARTMENT}{YEAR}年度部门预算公开", size=20, align="centre")
    _furniture(c, 1)
    c.showPage()
    # p2-3: 支出总表 continued on a page with only the running header and the rest of its rows
    _furniture(c, 2)
    _title(c, "公开 03 表", "支出总表")
    draw_table(c, 50, 120, EXP_WIDTHS, EXP_HEADER, EXP_PAGE_1)
    c.showPage()
    _furniture(c, 3)
    draw_table(c, 50, 40, EXP_WIDTHS, [], EXP_PAGE_2)
    c.showPage()
    # p4-5: the next table opens with the running header and its label; its totals spill over
    _furniture(c, 4)
    _title(c, "公开 04 表", "财政拨款收支总表")
    drawn = draw_table(c, 50, 120, FISCAL_WIDTHS, FISCAL_HEADER, FISCAL_ROWS)
    c.showPage()
    _furniture(c, 5)
    xs = drawn.xs
    for k, ch in enumerate("收入总计"):
        draw_text(c, xs[0] + 6 + 18 * k, 40, ch, size=9)
    draw_text(c, xs[2] - 3, 40, "1,000.00", size=9, align="right")
    for k, ch in enumerate("支出总计"):
        draw_text(c, xs[2] + 6 + 18 * k, 40, ch, size=9)
    draw_text(c, xs[4] - 3, 40, "1,000.00", size=9, align="right")
    c.showPage()
    # p6-7: codes in 类/款/项 cells, a continuation page that starts with a 项 part
    _furniture(c, 6)
    _title(c, "公开 05 表", "财政拨款支出表（功能科目）")
    draw_table(c, 50, 120, SPLIT_WIDTHS, SPLIT_HEADER, SPLIT_PAGE_1)
    c.showPage()
    _furniture(c, 7)
    draw_table(c, 50, 40, SPLIT_WIDTHS, [], SPLIT_PAGE_2)
    c.showPage()
    # p8: one code cell printing only the 款/项 part under its parent
    _furniture(c, 8)
    _title(c, "公开 07 表", "一般公共预算支出表")
    draw_table(c, 50, 120, EXP_WIDTHS, EXP_HEADER, PARTIAL_ROWS)
    c.showPage()
    # p9-11: a table in 元 whose unit line and last column header were pushed onto p10; p11 blank
    _furniture(c, 9)
    draw_text(c, 297, 72, f"{YEAR}年预算单位收入预算总表", size=14, align="centre")
    draw_text(c, 50, 100, f"编制单位：{DEPARTMENT}", size=10)
    draw_table(c, 50, 120, [90, 180, 100, 100], INCOME_HEADER, INCOME_ROWS)
    c.showPage()
    _furniture(c, 10)
    draw_text(c, 4, 72, f"6年预算单位收入预算总表", size=14)
    draw_text(c, 60, 100, "单位：元", size=10)
    draw_text(c, 60, 125, "收入预算", size=9)
    draw_text(c, 60, 145, "其他收入", size=9)
    c.showPage()
    c.showPage()   # p11: blank
    c.save()
    return path


# ---------------------------------------------------------------------------
# hierarchy by indentation and numbering
# ---------------------------------------------------------------------------
def _ind(level: int, name: str) -> str:
    return IDEO * level + name


SUMMARY_HEADER = [Span("收入", 0, 0, 1, 2), Span("支出", 0, 2, 1, 2),
                  Span("项目", 1, 0), Span("预算数", 1, 1), Span("项目", 1, 2), Span("预算数", 1, 3)]
SUMMARY_WIDTHS = [150, 80, 190, 80]
SUMMARY_ROWS = [   # income: 一、财政拨款 with indented parts; expenditure: 类/款/项 by indentation only
    ["一、财政拨款", "900.00", _ind(0, "一般公共服务支出"), "600.00"],
    [_ind(4, "一般公共预算"), "900.00", _ind(1, "财政事务"), "600.00"],
    [_ind(4, "政府性基金预算"), "", _ind(2, "行政运行"), "400.00"],
    [_ind(4, "国有资本经营预算"), "", _ind(2, "一般行政管理事务"), "200.00"],
    ["二、事业收入", "100.00", _ind(0, "社会保障和就业支出"), "250.00"],
    [_ind(4, "其中：教育收费"), "60.00", _ind(1, "行政事业单位养老支出"), "250.00"],
    ["三、其他收入", "", _ind(2, "机关事业单位基本养老保险缴费支出"), "150.00"],
    ["", "", _ind(2, "机关事业单位职业年金缴费支出"), "100.00"],
    ["", "", _ind(0, "住房保障支出"), "150.00"],
    ["", "", _ind(1, "住房改革支出"), "150.00"],
    ["", "", _ind(2, "住房公积金"), "150.00"],
    ["本年收入合计", "1,000.00", "本年支出合计", "1,000.00"],
    ["上年结转结余", "", "年终结转结余", ""],
    ["收入总计", "1,000.00", "支出总计", "1,000.00"],
]
FISCAL_INDENTED = [   # 一、本年支出合计 above its 类 rows, printed at the same indentation
    ["一、财政拨款", "900.00", "一、本年支出合计", "900.00"],
    [_ind(4, "一般公共预算"), "900.00", "一般公共服务支出", "500.00"],
    [_ind(4, "政府性基金预算"), "", _ind(1, "财政事务"), "500.00"],
    ["二、上年结转结余", "", _ind(2, "行政运行"), "300.00"],
    ["", "", _ind(2, "一般行政管理事务"), "200.00"],
    ["", "", "社会保障和就业支出", "250.00"],
    ["", "", _ind(1, "行政事业单位养老支出"), "250.00"],
    ["", "", _ind(2, "机关事业单位基本养老保险缴费支出"), "150.00"],
    ["", "", _ind(2, "机关事业单位职业年金缴费支出"), "100.00"],
    ["", "", "住房保障支出", "150.00"],
    ["", "", _ind(1, "住房改革支出"), "150.00"],
    ["", "", _ind(2, "住房公积金"), "150.00"],
    ["", "", "二、年终结转结余", ""],
    ["收入总计", "900.00", "支出总计", "900.00"],
]
GB_HEADER = [Span("功能分类科目名称", 0, 0), Span("合计", 0, 1), Span("基本支出", 0, 2), Span("项目支出", 0, 3)]
GB_ROWS = [
    ["合计", "900.00", "700.00", "200.00"],
    [_ind(0, "一般公共服务支出"), "500.00", "300.00", "200.00"],
    [_ind(1, "财政事务"), "500.00", "300.00", "200.00"],
    [_ind(2, "行政运行"), "300.00", "300.00", ""],
    [_ind(2, "一般行政管理事务"), "200.00", "", "200.00"],
    [_ind(0, "社会保障和就业支出"), "250.00", "250.00", ""],
    [_ind(1, "行政事业单位养老支出"), "250.00", "250.00", ""],
    [_ind(2, "机关事业单位基本养老保险缴费支出"), "150.00", "150.00", ""],
    [_ind(2, "机关事业单位职业年金缴费支出"), "100.00", "100.00", ""],
    [_ind(0, "住房保障支出"), "150.00", "150.00", ""],
    [_ind(1, "住房改革支出"), "150.00", "150.00", ""],
    [_ind(2, "住房公积金"), "150.00", "150.00", ""],
]
TWO_SIDED_HEADER = [Span("本年收入", 0, 0, 1, 2), Span("本年支出", 0, 2, 1, 2),
                    Span("项目", 1, 0), Span("预算数", 1, 1), Span("项目", 1, 2), Span("预算数", 1, 3)]
TWO_SIDED_ROWS = [   # '3、国有资本经营预算' alone on its line under the expenditure row 三、住房保障支出
    ["一、财政拨款收入", "1,000.00", "一、社会保障和就业支出", "700.00"],
    ["1、一般公共预算", "1,000.00", "二、卫生健康支出", "200.00"],
    ["2、政府性基金预算", "", "三、住房保障支出", "100.00"],
    ["3、国有资本经营预算", "", "", ""],
    ["二、事业收入", "", "", ""],
    ["收入总计", "1,000.00", "支出总计", "1,000.00"],
]

INDENTED_TABLES = [("department_summary", "表1", [1]), ("fiscal_summary", "表4", [2]),
                   ("general_budget_expenditure", "表5", [3])]


def _hz_page(c, number: int, title: str, header: list, widths: list, rows: list) -> None:
    draw_text(c, 297, 40, title, size=13, align="centre")
    draw_text(c, 40, 70, f"部门名称：{DEPARTMENT}", size=10)
    draw_text(c, 480, 70, "单位：万元", size=10)
    draw_table(c, 40, 90, widths, header, rows)
    draw_text(c, 297, 805, str(number), size=9, align="centre")
    c.showPage()


def indented_budget(path: Path) -> Path:
    c = new_canvas(path, A4)
    _hz_page(c, 1, f"表1：{YEAR}年市级部门收支预算总表", SUMMARY_HEADER, SUMMARY_WIDTHS, SUMMARY_ROWS)
    _hz_page(c, 2, f"表4：{YEAR}年市级部门财政拨款收支预算总表", SUMMARY_HEADER, SUMMARY_WIDTHS, FISCAL_INDENTED)
    _hz_page(c, 3, f"表5：{YEAR}年市级部门一般公共预算支出预算表", GB_HEADER, [220, 90, 90, 90], GB_ROWS)
    c.save()
    return path


def numbered_summary(path: Path) -> Path:
    """A Shanghai-style 财务收支预算总表 whose income row '3、国有资本经营预算' stands alone on its line
    under the expenditure row 三、住房保障支出."""
    c = new_canvas(path, A4)
    _hz_page(c, 1, f"{YEAR}年预算单位财务收支预算总表", TWO_SIDED_HEADER, SUMMARY_WIDTHS, TWO_SIDED_ROWS)
    c.save()
    return path


# ---------------------------------------------------------------------------
# stacked per unit, cross-classified, declared empty
# ---------------------------------------------------------------------------
STACKED_ROWS = [
    ["", "合计", "1,000.00", "800.00", "200.00"],
    ["201", "一般公共服务支出", "700.00", "500.00", "200.00"],
    ["20106", "财政事务", "700.00", "500.00", "200.00"],
    ["2010601", "行政运行", "500.00", "500.00", ""],
    ["2010602", "一般行政管理事务", "200.00", "", "200.00"],
    ["208", "社会保障和就业支出", "300.00", "300.00", ""],
    ["20805", "行政事业单位养老支出", "300.00", "300.00", ""],
    ["2080505", "机关事业单位基本养老保险缴费支出", "300.00", "300.00", ""],
    ["", "某市数据管理局（本级）", "600.00", "400.00", "200.00"],
    ["201", "一般公共服务支出", "500.00", "300.00", "200.00"],
    ["20106", "财政事务", "500.00", "300.00", "200.00"],
    ["2010601", "行政运行", "300.00", "300.00", ""],
    ["2010602", "一般行政管理事务", "200.00", "", "200.00"],
    ["208", "社会保障和就业支出", "100.00", "100.00", ""],
    ["20805", "行政事业单位养老支出", "100.00", "100.00", ""],
    ["2080505", "机关事业单位基本养老保险缴费支出", "100.00", "100.00", ""],
    ["", "某市大数据中心", "400.00", "400.00", ""],
    ["201", "一般公共服务支出", "200.00", "200.00", ""],
    ["20106", "财政事务", "200.00", "200.00", ""],
    ["2010601", "行政运行", "200.00", "200.00", ""],
    ["208", "社会保障和就业支出", "200.00", "200.00", ""],
    ["20805", "行政事业单位养老支出", "200.00", "200.00", ""],
    ["2080505", "机关事业单位基本养老保险缴费支出", "200.00", "200.00", ""],
]
UNITS = ["某市数据管理局（本级）", "某市大数据中心"]

CROSS_HEADER = [Span("科目编码", 0, 0), Span("科目名称", 0, 1), Span("合计", 0, 2), Span("人员经费", 0, 3),
                Span("公用经费", 0, 4)]
CROSS_ROWS = [   # 政府预算支出经济分类 (501, 505) with the 部门预算支出经济分类 codes under each
    ["", "合计", "800.00", "600.00", "200.00"],
    ["501", "机关工资福利支出", "500.00", "500.00", ""],
    ["301", "工资福利支出", "500.00", "500.00", ""],
    ["30101", "基本工资", "300.00", "300.00", ""],
    ["30102", "津贴补贴", "200.00", "200.00", ""],
    ["505", "对事业单位经常性补助", "300.00", "100.00", "200.00"],
    ["301", "工资福利支出", "100.00", "100.00", ""],
    ["30101", "基本工资", "100.00", "100.00", ""],
    ["302", "商品和服务支出", "200.00", "", "200.00"],
    ["30201", "办公费", "200.00", "", "200.00"],
]
CATALOGUE_HEADER = [Span("序号", 0, 0), Span("报表名称", 0, 1), Span("是否空表", 0, 2), Span("表格为空的理由", 0, 3)]
CATALOGUE_ROWS = [
    ["1", "一般公共预算支出表", "否", ""],
    ["2", "一般公共预算基本支出表", "否", ""],
    ["3", "政府性基金预算支出表", "是", "不涉及"],
]

STACKED_TABLES = [("general_budget_expenditure", [2]), ("general_budget_expenditure", [2]),
                  ("general_budget_expenditure", [2]), ("general_budget_basic_expenditure", [3]),
                  ("government_fund", [1])]


def stacked_budget(path: Path) -> Path:
    c = new_canvas(path, A4)
    draw_text(c, 297, 40, "报表目录", size=14, align="centre")
    draw_table(c, 60, 70, [40, 250, 70, 110], CATALOGUE_HEADER, CATALOGUE_ROWS)
    c.showPage()
    draw_text(c, 297, 40, f"{YEAR}年一般公共预算支出表", size=14, align="centre")
    draw_text(c, 40, 62, f"部门：{DEPARTMENT}", size=10)
    draw_text(c, 480, 62, "单位：万元", size=10)
    draw_table(c, 40, 80, [60, 200, 80, 80, 80], EXP_HEADER, STACKED_ROWS, row_height=18)
    c.showPage()
    draw_text(c, 297, 40, f"{YEAR}年一般公共预算基本支出表", size=14, align="centre")
    draw_text(c, 40, 62, f"部门：{DEPARTMENT}", size=10)
    draw_text(c, 480, 62, "单位：万元", size=10)
    draw_table(c, 40, 80, [60, 200, 80, 80, 80], CROSS_HEADER, CROSS_ROWS)
    c.showPage()
    c.save()
    return path


# ---------------------------------------------------------------------------
# a row cut by a page break
# ---------------------------------------------------------------------------
UNIT_INCOME_HEADER = [Span("单位名称", 0, 0, 2, 1), Span("总计", 0, 1, 2, 1), Span("本年收入", 0, 2, 1, 4),
                      Span("上年结转结余", 0, 6, 2, 1), Span("小计", 1, 2), Span("一般公共预算", 1, 3),
                      Span("事业收入", 1, 4), Span("其他收入", 1, 5)]
UNIT_INCOME_WIDTHS = [130, 66, 66, 66, 66, 66, 66]
CUT_UNIT = "某市机动车驾驶员考试服务中心"
CUT_PAGE_1 = [   # per unit; the last row's name and its 事业收入 12,437.36 are cut by the page break
    ["合计", "20,999.64", "20,899.64", "6,350.00", "12,437.36", "2,112.28", "100.00"],
    ["某市数据管理局（本级）", "5,450.00", "5,350.00", "5,350.00", "", "", "100.00"],
    ["某市机动", "14,549.64", "14,549.64", "", "12,437.3", "2,112.28", ""],
]
CUT_PAGE_2 = [
    ["车驾驶员考试服务中心", "", "", "", "6", "", ""],
    ["某市数据安全中心", "1,000.00", "1,000.00", "1,000.00", "", "", ""],
]
WHOLE_PAGE_1 = CUT_PAGE_1[:2] + [[CUT_UNIT, "14,549.64", "14,549.64", "", "12,437.36", "2,112.28", ""]]
WHOLE_PAGE_2 = [   # a unit of its own at the top of the page, printing 6 under 事业收入 and no 总计: an error
    ["某市数据服务站", "", "", "", "6", "", ""],
    ["某市数据安全中心", "1,000.00", "1,000.00", "1,000.00", "", "", ""],
]


def _unit_income(path: Path, page_1: list, page_2: list) -> Path:
    c = new_canvas(path, A4)
    _title(c, "表2", f"{YEAR}年部门收入预算总表")
    draw_table(c, 35, 120, UNIT_INCOME_WIDTHS, UNIT_INCOME_HEADER, page_1)
    c.showPage()
    draw_table(c, 35, 40, UNIT_INCOME_WIDTHS, [], page_2)
    c.showPage()
    c.save()
    return path


def unruled_cut_row_budget(path: Path) -> Path:
    """The same table with a cut row, printed without rulings (text aligned): its group label 本年收入
    stands alone on a line above the header, centred over its columns; the next page holds the rest
    of the cut row and more units."""
    c = new_canvas(path, A4)
    _title(c, "表2", f"{YEAR}年部门收入预算总表")
    draw_table(c, 35, 120, UNIT_INCOME_WIDTHS, UNIT_INCOME_HEADER, CUT_PAGE_1, quirks=Quirks(borders="none"))
    c.showPage()
    more = [[f"某市数据中心{k}", "1,000.00", "1,000.00", "1,000.00", "", "", ""] for k in range(1, 6)]
    draw_table(c, 35, 40, UNIT_INCOME_WIDTHS, [], CUT_PAGE_2[:1] + more, quirks=Quirks(borders="none"))
    c.showPage()
    c.save()
    return path


def cut_row_budget(path: Path) -> Path:
    """A Hangzhou-style 部门收入预算总表 by unit whose row '某市机动|车驾驶员考试服务中心' is cut by the
    page break, its 事业收入 too: '12,437.3' at the foot of page 1, '6' at the top of page 2."""
    return _unit_income(path, CUT_PAGE_1, CUT_PAGE_2)


def top_row_error_budget(path: Path) -> Path:
    """The same table printed whole, with a unit of its own at the top of page 2 whose 事业收入 6 has
    no 总计: a real error of the table, which joining the rows would hide."""
    return _unit_income(path, WHOLE_PAGE_1, WHOLE_PAGE_2)


# ---------------------------------------------------------------------------
# codes printed in the name cell, bracketed or before a dash
# ---------------------------------------------------------------------------
CODED_HEADER = [Span("功能分类科目", 0, 0), Span("合计", 0, 1), Span("基本支出", 0, 2), Span("项目支出", 0, 3)]
CODED_ROWS = [   # as budgeting systems export them: '[201]一般公共服务支出'
    ["合计", "900.00", "700.00", "200.00"],
    ["[201]一般公共服务支出", "500.00", "300.00", "200.00"],
    ["[20106]财政事务", "500.00", "300.00", "200.00"],
    ["[2010601]行政运行", "300.00", "300.00", ""],
    ["[2010602]一般行政管理事务", "200.00", "", "200.00"],
    ["[208]社会保障和就业支出", "250.00", "250.00", ""],
    ["[20805]行政事业单位养老支出", "250.00", "250.00", ""],
    ["[2080505]机关事业单位基本养老保险缴费支出", "150.00", "150.00", ""],
    ["[2080506]机关事业单位职业年金缴费支出", "100.00", "100.00", ""],
    ["[221]住房保障支出", "150.00", "150.00", ""],
    ["[22102]住房改革支出", "150.00", "150.00", ""],
    ["[2210201]住房公积金", "150.00", "150.00", ""],
]
CODED_ECONOMIC_HEADER = [Span("经济分类科目", 0, 0), Span("合计", 0, 1), Span("人员经费", 0, 2), Span("公用经费", 0, 3)]
CODED_ECONOMIC_ROWS = [   # and '301-工资福利支出'; the items the function table's 基本支出 pays for
    ["合计", "700.00", "650.00", "50.00"],
    ["301-工资福利支出", "650.00", "650.00", ""],
    ["30101-基本工资", "200.00", "200.00", ""],
    ["30102-津贴补贴", "50.00", "50.00", ""],
    ["30108-机关事业单位基本养老保险缴费", "150.00", "150.00", ""],
    ["30109-职业年金缴费", "100.00", "100.00", ""],
    ["30113-住房公积金", "150.00", "150.00", ""],
    ["302-商品和服务支出", "50.00", "", "50.00"],
    ["30201-办公费", "50.00", "", "50.00"],
]
CODED_CODES = ["201", "20106", "2010601", "2010602", "208", "20805", "2080505", "2080506", "221", "22102", "2210201"]


def coded_names_budget(path: Path) -> Path:
    c = new_canvas(path, A4)
    _hz_page(c, 1, f"{YEAR}年一般公共预算支出表", CODED_HEADER, [240, 90, 90, 90], CODED_ROWS)
    _hz_page(c, 2, f"{YEAR}年一般公共预算基本支出表", CODED_ECONOMIC_HEADER, [240, 90, 90, 90], CODED_ECONOMIC_ROWS)
    c.save()
    return path


# ---------------------------------------------------------------------------
# an unruled table continued on a page where its last columns are empty
# ---------------------------------------------------------------------------
SPARSE_HEADER = [Span("科目编码", 0, 0), Span("科目名称", 0, 1), Span("合计", 0, 2), Span("基本支出", 0, 3),
                 Span("项目支出", 0, 4), Span("事业单位经营支出", 0, 5), Span("上缴上级支出", 0, 6)]
SPARSE_WIDTHS = [50, 140, 60, 60, 60, 85, 70]
SPARSE_PAGE_1 = [
    ["", "合计", "1,030.00", "800.00", "200.00", "20.00", "10.00"],
    ["201", "一般公共服务支出", "630.00", "400.00", "200.00", "20.00", "10.00"],
    ["20106", "财政事务", "630.00", "400.00", "200.00", "20.00", "10.00"],
    ["2010601", "行政运行", "430.00", "400.00", "", "20.00", "10.00"],
    ["2010602", "一般行政管理事务", "200.00", "", "200.00", "", ""],
    ["208", "社会保障和就业支出", "250.00", "250.00", "", "", ""],
    ["20805", "行政事业单位养老支出", "250.00", "250.00", "", "", ""],
    ["2080505", "机关事业单位基本养老保险缴费支出", "150.00", "150.00", "", "", ""],
]
SPARSE_PAGE_2 = [   # nothing under 项目支出, 事业单位经营支出 or 上缴上级支出: the alignment finds 4 columns
    ["2080506", "机关事业单位职业年金缴费支出", "100.00", "100.00", "", "", ""],
    ["221", "住房保障支出", "150.00", "150.00", "", "", ""],
    ["22102", "住房改革支出", "150.00", "150.00", "", "", ""],
    ["2210201", "住房公积金", "80.00", "80.00", "", "", ""],
    ["2210202", "提租补贴", "70.00", "70.00", "", "", ""],
]


def sparse_continuation_budget(path: Path) -> Path:
    """A 支出总表 printed without rulings (text aligned), continued on a page that prints nothing in
    its last three columns."""
    c = new_canvas(path, A4)
    _title(c, "公开 03 表", "支出总表")
    draw_table(c, 30, 120, SPARSE_WIDTHS, SPARSE_HEADER, SPARSE_PAGE_1, quirks=Quirks(borders="none"))
    c.showPage()
    draw_table(c, 30, 40, SPARSE_WIDTHS, [], SPARSE_PAGE_2, quirks=Quirks(borders="none"))
    c.showPage()
    c.save()
    return path


# ---------------------------------------------------------------------------
# a 收支总表 printed one side under the other
# ---------------------------------------------------------------------------
STACKED_SUMMARY_HEADER = [Span("项目", 0, 0), Span(f"{YEAR}年预算数", 0, 1)]
STACKED_SUMMARY_ROWS = [   # income, then expenditure, in one column of names and one of amounts
    ["一、一般公共预算拨款收入", "900.00"], ["二、政府性基金预算拨款收入", "100.00"], ["三、事业收入", ""],
    ["本年收入合计", "1,000.00"], ["上年结转", ""], ["收入总计", "1,000.00"],
    ["一、一般公共服务支出", "600.00"], ["二、社会保障和就业支出", "250.00"], ["三、住房保障支出", "150.00"],
    ["本年支出合计", "1,000.00"], ["年终结转结余", ""], ["支出总计", "1,000.00"],
]


def _stacked_summary(path: Path, rows: list) -> Path:
    c = new_canvas(path, A4)
    _hz_page(c, 1, f"{YEAR}年部门收支总表", STACKED_SUMMARY_HEADER, [250, 100], rows)
    c.save()
    return path


def stacked_summary_budget(path: Path) -> Path:
    return _stacked_summary(path, STACKED_SUMMARY_ROWS)


def stacked_summary_error_budget(path: Path) -> Path:
    """The same, its 住房保障支出 printed 140.00: 本年支出合计 is 10.00 more than its items."""
    return _stacked_summary(path, [["三、住房保障支出", "140.00"] if r[0] == "三、住房保障支出" else r
                                   for r in STACKED_SUMMARY_ROWS])


# ---------------------------------------------------------------------------
# remark columns: 备注 after the amounts, 项目类别 and 资金来源 around them
# ---------------------------------------------------------------------------
REMARK_HEADER = [Span("科目编码", 0, 0), Span("科目名称", 0, 1), Span("合计", 0, 2), Span("基本支出", 0, 3),
                 Span("项目支出", 0, 4), Span("备注", 0, 5)]
REMARK_ROWS = [
    ["", "合计", "1,000.00", "800.00", "200.00", ""],
    ["201", "一般公共服务支出", "1,000.00", "800.00", "200.00", ""],
    ["20106", "财政事务", "1,000.00", "800.00", "200.00", ""],
    ["2010601", "行政运行", "800.00", "800.00", "", "含离退休人员"],
    ["2010602", "一般行政管理事务", "200.00", "", "200.00", "专项业务"],
]
PROJECTS_HEADER = [Span("序号", 0, 0), Span("项目名称", 0, 1), Span("项目类别", 0, 2), Span("金额", 0, 3), Span("资金来源", 0, 4)]
PROJECTS_ROWS = [
    ["", "合计", "", "200.00", ""],
    ["1", "信息化运维项目", "其他运转类", "150.00", "一般公共预算"],
    ["2", "数据治理项目", "特定目标类", "50.00", "一般公共预算"],
]


PURCHASES_HEADER = [Span("采购项目", 0, 0), Span("采购品目", 0, 1), Span("采购方式", 0, 2), Span("数量", 0, 3),
                    Span("单价", 0, 4), Span("金额", 0, 5)]
PURCHASES_ROWS = [   # a count and a unit price beside the amount: neither is an amount of the table
    ["合计", "", "", "", "", "60.00"],
    ["办公设备购置", "台式计算机", "集中采购", "10", "0.50", "5.00"],
    ["办公设备购置", "打印机", "集中采购", "5", "0.20", "1.00"],
    ["信息系统运维", "运行维护服务", "公开招标", "1", "54.00", "54.00"],
]


def remarks_budget(path: Path) -> Path:
    """A 一般公共预算支出表 with a 备注 column after its amounts, a 项目支出表 whose 项目类别 and
    资金来源 columns print text beside the project names, and a 政府采购预算表 printing 数量 and 单价."""
    c = new_canvas(path, A4)
    _hz_page(c, 1, f"{YEAR}年一般公共预算支出表", REMARK_HEADER, [50, 140, 70, 70, 70, 90], REMARK_ROWS)
    _hz_page(c, 2, f"{YEAR}年项目支出预算表", PROJECTS_HEADER, [40, 160, 80, 80, 100], PROJECTS_ROWS)
    _hz_page(c, 3, f"{YEAR}年政府采购预算表", PURCHASES_HEADER, [110, 100, 70, 50, 60, 70], PURCHASES_ROWS)
    c.save()
    return path
