"""Synthetic disclosures for how a table's title, header, columns, numbers and unit are read.

``nested_budget(path)`` writes a 部门预算 of an invented bureau whose pages show, each, one way real
exporters print a table's head (phenomena of the 2026 city disclosures, none of their files):

* p1: a narrative whose digits are set in a font that declares no ascent (its glyph boxes hang
  below the baseline) and whose lines are justified with spaces laid over the glyphs;
* p2: label 表一 above a title whose year is printed in that font ('2026' + '年部门收支总体情况表'),
  and a meta line whose colons are printed in it; a two-sided summary;
* p3: '…收入总体情况表' with two column groups side by side that repeat their sub-columns
  (本年收入: 小计 / 一般公共预算 / 政府性基金预算 / 其他收入 | 上年结转结余: 小计 / 一般公共预算 /
  单位资金), under a column-number row '** 1 2 3 …';
* p4: '…支出总体情况表' nesting 基本支出 over 小计 / 人员经费 / 日常公用支出 (wrapped '日常公用' / '支出'),
  column-number row again;
* p5-6: a table without rulings (columns from text alignment) whose group label 基本支出 stands over
  小计 / 人员经费 / 公用经费 with no cell spanning them, continued on a page where its header is
  repeated and the 公用经费 column is empty (alignment draws that page's columns elsewhere);
* p7: '财政拨款项目支出预算表' (项目支出 only), labelled '表5：' fused with its title.

``breakdown_budget(path)`` writes a three-table disclosure: an income table whose 本级财政拨款 group
holds 金额 and '其中：经费拨款' (a breakdown, not a part), an expenditure table that prints 基本支出
as 人员支出 + 日常公用支出 without its 小计, and one whose 基本支出 holds four sub-columns (小计,
人员经费, 公用经费, 对个人和家庭的补助 wrapped over two lines).

Every figure of both is consistent, so an arithmetic or cross-table error would be the reader's.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from .draw import Quirks, Span, draw_table, draw_text, new_canvas, page_height

DEPARTMENT = "某市某区气象局"
YEAR = 2026
BROKEN_FONT = "HeiseiMin-W3"    # a second CID font; its descriptor is spoiled after the file is written
_SOUND = b"/Ascent 723 /CapHeight 709 /Descent -241"
_SPOILED = b"/Ascent 000 /CapHeight 709 /Descent -999"   # same length: the xref stays right


def _broken_text(c, x: float, top: float, text: str, size: float = 10) -> float:
    """Draw ``text`` in the font whose metrics will be spoiled, on the baseline ``draw_text`` would
    use; returns the x after it."""
    if BROKEN_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(BROKEN_FONT))
    c.setFillGray(0)
    c.setFont(BROKEN_FONT, size)
    c.drawString(x, page_height(c) - top - size * 0.88, text)
    return x + pdfmetrics.stringWidth(text, BROKEN_FONT, size)


def _mixed_line(c, x: float, top: float, runs: list, size: float = 10, spaces_over: bool = False) -> None:
    """A line of runs (text, broken?) set one after the other; with ``spaces_over``, a space
    character is also laid over every glyph of the broken runs (justification by spaces)."""
    from .draw import FONT
    for text, broken in runs:
        start = x
        if broken:
            x = _broken_text(c, x, top, text, size)
            if spaces_over:
                c.setFont(FONT, size)
                step = (x - start) / max(len(text), 1)
                for k in range(len(text)):
                    c.drawString(start + k * step, page_height(c) - top - size * 0.88, " ")
        else:
            draw_text(c, x, top, text, size)
            x += pdfmetrics.stringWidth(text, FONT, size)


def _spoil_fonts(path: Path) -> None:
    data = path.read_bytes()
    assert _SOUND in data
    path.write_bytes(data.replace(_SOUND, _SPOILED))


SUMMARY_HEADER = [Span("收入", 0, 0, 1, 2), Span("支出", 0, 2, 1, 2),
                  Span("项目", 1, 0), Span("预算数", 1, 1), Span("项目", 1, 2), Span("预算数", 1, 3)]
SUMMARY_ROWS = [
    ["一、一般公共预算资金", "900.00", "一、一般公共服务支出", "700.00"],
    ["二、政府性基金预算资金", "60.00", "二、社会保障和就业支出", "300.00"],
    ["三、上年结转", "40.00", "", ""],
    ["收入总计", "1,000.00", "支出总计", "1,000.00"],
]

GROUPS_HEADER = [
    Span("单位名称", 0, 0, 2, 1), Span("总计", 0, 1, 2, 1), Span("本年收入", 0, 2, 1, 4), Span("上年结转结余", 0, 6, 1, 3),
    Span("小计", 1, 2), Span("一般公共\n预算", 1, 3), Span("政府性基\n金预算", 1, 4), Span("其他\n收入", 1, 5),
    Span("小计", 1, 6), Span("一般公共\n预算", 1, 7), Span("单位资\n金", 1, 8),
    Span("**", 2, 0), *[Span(str(k), 2, k) for k in range(1, 9)],
]
GROUPS_ROWS = [
    ["合计", "1,000.00", "960.00", "900.00", "60.00", "", "40.00", "", "40.00"],
    [DEPARTMENT, "1,000.00", "960.00", "900.00", "60.00", "", "40.00", "", "40.00"],
]

NESTED_HEADER = [
    Span("功能分类科目名称", 0, 0, 2, 1), Span("合 计", 0, 1, 2, 1), Span("基本支出", 0, 2, 1, 3), Span("项目支出", 0, 5, 2, 1),
    Span("小计", 1, 2), Span("人员经费", 1, 3), Span("日常公用\n支出", 1, 4),
    Span("**", 2, 0), *[Span(str(k), 2, k) for k in range(1, 6)],
]
NESTED_ROWS = [
    ["合计", "1,000.00", "600.00", "450.00", "150.00", "400.00"],
    ["一般公共服务支出", "700.00", "300.00", "200.00", "100.00", "400.00"],
    ["社会保障和就业支出", "300.00", "300.00", "250.00", "50.00", ""],
]

ALIGNED_HEADER = [
    Span("功能分类科目", 0, 0, 1, 2), Span("总计", 0, 2, 3, 1), Span("基本支出", 0, 3, 1, 3), Span("项目支出", 0, 6, 3, 1),
    Span("科目编码", 2, 0), Span("科目名称", 2, 1), Span("小计", 2, 3), Span("人员经费", 2, 4), Span("公用经费", 2, 5),
]
ALIGNED_WIDTHS = [80, 220, 90, 90, 90, 90, 90]
ALIGNED_PAGE_1 = [
    ["", "合计", "900.00", "500.00", "400.00", "100.00", "400.00"],
    ["201", "一般公共服务支出", "700.00", "300.00", "200.00", "100.00", "400.00"],
    ["20101", "人大事务", "700.00", "300.00", "200.00", "100.00", "400.00"],
    ["2010101", "行政运行", "300.00", "300.00", "200.00", "100.00", ""],
    ["2010102", "一般行政管理事务", "400.00", "", "", "", "400.00"],
]
ALIGNED_PAGE_2 = [
    ["208", "社会保障和就业支出", "200.00", "200.00", "200.00", "", ""],
    ["20805", "行政事业单位养老支出", "200.00", "200.00", "200.00", "", ""],
    ["2080505", "机关事业单位基本养老保险缴费支出", "200.00", "200.00", "200.00", "", ""],
]

PROJECT_HEADER = [Span("项目名称", 0, 0), Span("功能科目编码", 0, 1), Span("金额", 0, 2)]
PROJECT_ROWS = [["合计", "", "400.00"], ["气象业务运转项目", "2010102", "400.00"]]

EXPECTED_TABLES = [  # (kind, pages)
    ("department_summary", [2]),
    ("department_income", [3]),
    ("department_expenditure", [4]),
    ("general_budget_expenditure", [5, 6]),
    ("project_expenditure", [7]),
]


def _title(c, w: float, top: float, text: str, label: str = "") -> None:
    if label:
        draw_text(c, 60, top - 28, label, size=11)
    draw_text(c, w / 2, top, text, size=15, align="centre")


def _meta(c, top: float) -> None:
    """单位名称：… 单位：万元 with both colons in the broken font."""
    _mixed_line(c, 60, top, [("单位名称", False), ("：", True), (DEPARTMENT, False)])
    _mixed_line(c, 700, top, [("单位", False), ("：", True), ("万元", False)])


def nested_budget(path: Path) -> Path:
    c = new_canvas(path, landscape(A4))
    w = landscape(A4)[0]
    # p1: narrative; digits in the broken font, spaces laid over them
    draw_text(c, w / 2, 60, f"{DEPARTMENT}{YEAR}年部门预算情况说明", size=16, align="centre")
    _mixed_line(c, 80, 120, [("一、", False), (str(YEAR), True), ("年一般公共预算财政拨款收入", False), ("900.00", True),
                             ("万元，政府性基金预算财政拨款收入", False), ("60.00", True), ("万元。", False)],
                size=12, spaces_over=True)
    c.showPage()
    # p2: label above a title whose year is set in the broken font; colons of the meta line too
    draw_text(c, 60, 40, "表一", size=11)
    x = _broken_text(c, 300, 70, str(YEAR), size=15)
    draw_text(c, x, 70, "年部门收支总体情况表", size=15)
    _meta(c, 100)
    draw_table(c, 60, 120, [200, 150, 200, 150], SUMMARY_HEADER, SUMMARY_ROWS)
    c.showPage()
    # p3: two groups repeating their sub-columns, a column-number row under the header
    _title(c, w, 60, f"{YEAR}年部门收入总体情况表", "表二")
    _meta(c, 90)
    draw_table(c, 40, 110, [110, 80, 75, 75, 75, 60, 75, 75, 60], GROUPS_HEADER, GROUPS_ROWS, row_height=26)
    c.showPage()
    # p4: 基本支出 nesting 小计 / 人员经费 / 日常公用支出 (wrapped), column-number row
    _title(c, w, 60, f"{YEAR}年部门支出总体情况表", "表三")
    _meta(c, 90)
    draw_table(c, 60, 110, [230, 90, 90, 90, 90, 90], NESTED_HEADER, NESTED_ROWS, row_height=26)
    c.showPage()
    # p5-6: no rulings; the group label stands over three columns that no cell spans
    _title(c, w, 60, f"{YEAR}年一般公共预算支出情况表", "表四")
    _meta(c, 90)
    draw_table(c, 40, 110, ALIGNED_WIDTHS, ALIGNED_HEADER, ALIGNED_PAGE_1, quirks=Quirks(borders="none"))
    c.showPage()
    draw_table(c, 40, 50, ALIGNED_WIDTHS, ALIGNED_HEADER, ALIGNED_PAGE_2, quirks=Quirks(borders="none"))
    c.showPage()
    # p7: a 项目支出 table of 财政拨款, its label fused with the title by a colon
    _title(c, w, 60, f"表5：{YEAR}年财政拨款项目支出预算表")
    draw_text(c, 700, 90, "单位：万元", size=10)
    draw_table(c, 60, 110, [300, 150, 150], PROJECT_HEADER, PROJECT_ROWS)
    c.showPage()
    c.save()
    _spoil_fonts(path)
    return path


INCOME_HEADER = [
    Span("功能科目", 0, 0, 2, 1), Span("合计", 0, 1, 2, 1), Span("本级财政拨款", 0, 2, 1, 2), Span("事业收入", 0, 4, 2, 1),
    Span("金额", 1, 2), Span("其中：经费拨款", 1, 3),
    Span("**", 2, 0), *[Span(str(k), 2, k) for k in range(1, 5)],
]
INCOME_ROWS = [
    ["合计", "500.00", "480.00", "450.00", "20.00"],
    ["一般公共服务支出", "500.00", "480.00", "450.00", "20.00"],
]
NO_SUBTOTAL_HEADER = [
    Span("功能分类科目名称", 0, 0, 2, 1), Span("总计", 0, 1, 2, 1), Span("基本支出", 0, 2, 1, 2), Span("项目支出", 0, 4, 2, 1),
    Span("人员支出", 1, 2), Span("日常公用支\n出", 1, 3),
]
NO_SUBTOTAL_ROWS = [
    ["合计", "500.00", "300.00", "80.00", "120.00"],
    ["一般公共服务支出", "400.00", "220.00", "60.00", "120.00"],
    ["社会保障和就业支出", "100.00", "80.00", "20.00", ""],
]

FOUR_PARTS_HEADER = [
    Span("科目编码", 0, 0, 2, 1), Span("科目名称", 0, 1, 2, 1), Span("合计", 0, 2, 2, 1), Span("基本支出", 0, 3, 1, 4),
    Span("项目支出", 0, 7, 2, 1), Span("小计", 1, 3), Span("人员经费", 1, 4), Span("公用经费", 1, 5),
    Span("对个人和家\n庭的补助", 1, 6),
]
FOUR_PARTS_ROWS = [
    ["", "合计", "400.00", "280.00", "200.00", "60.00", "20.00", "120.00"],
    ["201", "一般公共服务支出", "400.00", "280.00", "200.00", "60.00", "20.00", "120.00"],
]


def breakdown_budget(path: Path) -> Path:
    c = new_canvas(path, landscape(A4))
    w = landscape(A4)[0]
    _title(c, w, 60, f"{YEAR}年部门收入总体情况表")
    draw_text(c, 60, 90, f"部门名称：{DEPARTMENT}", size=10)
    draw_text(c, 700, 90, "单位：万元", size=10)
    draw_table(c, 60, 110, [220, 100, 100, 120, 100], INCOME_HEADER, INCOME_ROWS, row_height=24)
    c.showPage()
    _title(c, w, 60, f"{YEAR}年部门支出总体情况表")
    draw_text(c, 60, 90, f"部门名称：{DEPARTMENT}", size=10)
    draw_text(c, 700, 90, "单位：万元", size=10)
    draw_table(c, 60, 110, [220, 100, 100, 100, 100], NO_SUBTOTAL_HEADER, NO_SUBTOTAL_ROWS, row_height=24)
    c.showPage()
    _title(c, w, 60, f"{YEAR}年一般公共预算支出情况表")
    draw_text(c, 60, 90, f"部门名称：{DEPARTMENT}", size=10)
    draw_text(c, 700, 90, "单位：万元", size=10)
    draw_table(c, 40, 110, [70, 200, 80, 80, 80, 80, 90, 80], FOUR_PARTS_HEADER, FOUR_PARTS_ROWS, row_height=26)
    c.showPage()
    c.save()
    return path


UNIT_SUMMARY_HEADER = [Span("收入", 0, 0, 1, 2), Span("支出", 0, 2, 1, 2),
                       Span("项目", 1, 0), Span("预算数", 1, 1), Span("项目", 1, 2), Span("预算数", 1, 3)]
UNIT_SUMMARY_ROWS = [   # 元, every amount of a million or more printed with its last separator only
    ["一、财政拨款收入", "12345,600", "一、一般公共服务支出", "10000,000"],
    ["二、事业收入", "", "二、社会保障和就业支出", "3000,000"],
    ["三、其他收入", "654,400", "", ""],
    ["收入总计", "13000,000", "支出总计", "13000,000"],
]
NO_UNIT_HEADER = [Span("科目编码", 0, 0), Span("科目名称", 0, 1), Span("合计", 0, 2), Span("财政拨款收入", 0, 3),
                  Span("其他收入", 0, 4)]
NO_UNIT_ROWS = [
    ["201", "一般公共服务支出", "10,000,000", "9,345,600", "654,400"],
    ["208", "社会保障和就业支出", "3,000,000", "3,000,000", ""],
    ["", "合计", "13,000,000", "12,345,600", "654,400"],
]
TITLE_UNIT_HEADER = [Span("科目编码", 0, 0), Span("科目名称", 0, 1), Span("合计", 0, 2), Span("基本支出", 0, 3),
                     Span("项目支出", 0, 4)]
TITLE_UNIT_ROWS = [   # full-width digits in one cell
    ["201", "一般公共服务支出", "１０，０００，０００", "7,000,000", "3,000,000"],
    ["208", "社会保障和就业支出", "3,000,000", "3,000,000", ""],
    ["", "合计", "13,000,000", "10,000,000", "3,000,000"],
]
UNTIED_ROWS = [   # a garbled 合计 that its rows do not confirm: it stays unreadable
    ["201", "一般公共服务支出", "9000,000", "9000,000", ""],
    ["208", "社会保障和就业支出", "3,000,000", "3,000,000", ""],
    ["", "合计", "13000,000", "13000,000", ""],
]


def units_budget(path: Path) -> Path:
    """A 部门预算 in 元: p1 a summary titled with a year in Chinese digits (二〇二六年) whose amounts
    print only their last thousands separator and whose 收入 side leaves 二、事业收入 blank; p2 an
    income table that prints no unit at all; p3 an expenditure table whose title carries the unit
    and one of whose cells prints full-width digits; p4 a table whose garbled 合计 its rows do not
    add up to."""
    c = new_canvas(path, landscape(A4))
    w = landscape(A4)[0]
    _title(c, w, 60, "二〇二六年部门收支总表")
    draw_text(c, 60, 90, f"部门：{DEPARTMENT}", size=10)
    draw_text(c, 700, 90, "单位：元", size=10)
    draw_table(c, 60, 110, [200, 150, 200, 150], UNIT_SUMMARY_HEADER, UNIT_SUMMARY_ROWS)
    c.showPage()
    _title(c, w, 60, f"{YEAR}年部门收入总表")
    draw_table(c, 60, 110, [80, 250, 120, 120, 120], NO_UNIT_HEADER, NO_UNIT_ROWS)
    c.showPage()
    _title(c, w, 60, f"{YEAR}年部门支出总表（单位：元）")
    draw_table(c, 60, 110, [80, 250, 120, 120, 120], TITLE_UNIT_HEADER, TITLE_UNIT_ROWS)
    c.showPage()
    _title(c, w, 60, f"{YEAR}年一般公共预算支出表")
    draw_text(c, 700, 90, "单位：元", size=10)
    draw_table(c, 60, 110, [80, 250, 120, 120, 120], TITLE_UNIT_HEADER, UNTIED_ROWS)
    c.showPage()
    c.save()
    return path


# ---------------------------------------------------------------------------
# the change on the year before, and a 三公 table printed down the page
# ---------------------------------------------------------------------------
CHANGE_HEADER = [Span("科目编码", 0, 0, 2, 1), Span("科目名称", 0, 1, 2, 1), Span("2025年预算数", 0, 2, 2, 1),
                 Span("2026年预算数", 0, 3, 2, 1), Span("比上年增减", 0, 4, 1, 2), Span("金额", 1, 4), Span("%", 1, 5)]
CHANGE_ROWS = [   # 比上年增减/金额 is no second 上年 column, its negative amounts no negative budget
    ["", "合计", "1,000.00", "900.00", "-100.00", "-10.00"],
    ["201", "一般公共服务支出", "600.00", "500.00", "-100.00", "-16.67"],
    ["20106", "财政事务", "600.00", "500.00", "-100.00", "-16.67"],
    ["2010601", "行政运行", "400.00", "300.00", "-100.00", "-25.00"],
    ["2010602", "一般行政管理事务", "200.00", "200.00", "0.00", "0.00"],
    ["208", "社会保障和就业支出", "400.00", "400.00", "0.00", "0.00"],
    ["20805", "行政事业单位养老支出", "400.00", "400.00", "0.00", "0.00"],
    ["2080505", "机关事业单位基本养老保险缴费支出", "400.00", "400.00", "0.00", "0.00"],
]
ITEMS_HEADER = [Span("项目", 0, 0), Span("2025年预算数", 0, 1), Span("2026年预算数", 0, 2), Span("增减额", 0, 3),
                Span("增减率(%)", 0, 4)]
ITEMS_ROWS = [   # one row per item, one column per year
    ["合计", "30.00", "24.00", "-6.00", "-20.00%"],
    ["1.因公出国（境）费", "0.00", "0.00", "0.00", ""],
    ["2.公务接待费", "10.00", "8.00", "-2.00", "-20.00%"],
    ["3.公务用车购置及运行费", "20.00", "16.00", "-4.00", "-20.00%"],
    ["其中：公务用车购置费", "0.00", "0.00", "0.00", ""],
    ["公务用车运行费", "20.00", "16.00", "-4.00", "-20.00%"],
]


def _budget_pages(path: Path, pages: tuple) -> Path:
    """One page per (title, header, widths, rows): the title, 部门名称 and 单位：万元, then the table."""
    c = new_canvas(path, A4)
    for title, header, widths, rows in pages:
        draw_text(c, 297, 40, title, size=13, align="centre")
        draw_text(c, 40, 70, f"部门名称：{DEPARTMENT}", size=10)
        draw_text(c, 480, 70, "单位：万元", size=10)
        draw_table(c, 40, 90, widths, header, rows)
        c.showPage()
    c.save()
    return path


def change_budget(path: Path) -> Path:
    """A 一般公共预算支出表 printing last year's budget, this year's and the change (比上年增减: 金额,
    %), and a “三公”经费 table printing its items down the page, with the change and its rate."""
    return _budget_pages(path, ((f"{YEAR}年一般公共预算支出表", CHANGE_HEADER, [60, 180, 75, 75, 70, 60], CHANGE_ROWS),
                                (f"{YEAR}年“三公”经费支出预算表", ITEMS_HEADER, [200, 80, 80, 80, 80], ITEMS_ROWS)))


# ---------------------------------------------------------------------------
# 基本支出 and 项目支出 both printed as their parts only, 项目支出 by its classes
# ---------------------------------------------------------------------------
CLASSES_HEADER = [Span("科目编码", 0, 0, 2, 1), Span("科目名称", 0, 1, 2, 1), Span("合计", 0, 2, 2, 1),
                  Span("基本支出", 0, 3, 1, 2), Span("项目支出", 0, 5, 1, 2), Span("人员经费", 1, 3), Span("公用经费", 1, 4),
                  Span("其他运转类", 1, 5), Span("特定目标类", 1, 6)]
CLASSES_ROWS = [
    ["", "合计", "1,000.00", "700.00", "100.00", "150.00", "50.00"],
    ["201", "一般公共服务支出", "1,000.00", "700.00", "100.00", "150.00", "50.00"],
    ["20106", "财政事务", "1,000.00", "700.00", "100.00", "150.00", "50.00"],
    ["2010601", "行政运行", "800.00", "700.00", "100.00", "", ""],
    ["2010602", "一般行政管理事务", "200.00", "", "", "150.00", "50.00"],
]


def project_classes_budget(path: Path) -> Path:
    """A 一般公共预算支出表 printing 基本支出 as 人员经费 and 公用经费 and 项目支出 as its classes of the
    budgeting system (其他运转类, 特定目标类), neither group with its own amount."""
    return _budget_pages(path, ((f"{YEAR}年一般公共预算支出表", CLASSES_HEADER, [50, 140, 65, 65, 65, 65, 65], CLASSES_ROWS),))


# ---------------------------------------------------------------------------
# a 三公 table printing its years as rows
# ---------------------------------------------------------------------------
YEARS_HEADER = [Span("年度", 0, 0, 2, 1), Span("合计", 0, 1, 2, 1), Span("因公出国（境）费", 0, 2, 2, 1),
                Span("公务用车购置及运行费", 0, 3, 1, 3), Span("公务接待费", 0, 6, 2, 1), Span("小计", 1, 3),
                Span("公务用车购置费", 1, 4), Span("公务用车运行费", 1, 5)]
YEARS_ROWS = [   # last year's row first: it was taken for the table's figures
    ["2025年预算数", "30.00", "0.00", "20.00", "0.00", "20.00", "10.00"],
    ["2026年预算数", "24.00", "0.00", "16.00", "0.00", "16.00", "8.00"],
    ["增减额", "-6.00", "0.00", "-4.00", "0.00", "-4.00", "-2.00"],
]


OPERATING_HEADER = [Span("项目", 0, 0), Span("机关运行经费", 0, 1)]
OPERATING_ROWS = [["2025年预算数", "110.00"], ["2026年预算数", "100.00"], ["增减额", "-10.00"]]


def years_down_budget(path: Path) -> Path:
    """A “三公”经费 table whose columns are its items and whose rows are 2025年预算数, 2026年预算数
    and their change; a 机关运行经费 table printing its one amount the same way."""
    return _budget_pages(path, ((f"{YEAR}年“三公”经费支出预算表", YEARS_HEADER, [90, 60, 70, 60, 70, 70, 70], YEARS_ROWS),
                                (f"{YEAR}年机关运行经费预算表", OPERATING_HEADER, [200, 90], OPERATING_ROWS)))


# ---------------------------------------------------------------------------
# an income table printing 财政拨款收入 as a subtotal over its budgets
# ---------------------------------------------------------------------------
FISCAL_GROUP_HEADER = [Span("科目编码", 0, 0, 2, 1), Span("科目名称", 0, 1, 2, 1), Span("合计", 0, 2, 2, 1),
                       Span("财政拨款收入", 0, 3, 1, 3), Span("事业收入", 0, 6, 2, 1), Span("其他收入", 0, 7, 2, 1),
                       Span("上年结转", 0, 8, 2, 1), Span("小计", 1, 3), Span("一般公共预算", 1, 4), Span("政府性基金", 1, 5)]
FISCAL_GROUP_ROWS = [
    ["", "合计", "1,000.00", "800.00", "700.00", "100.00", "100.00", "50.00", "50.00"],
    ["201", "一般公共服务支出", "1,000.00", "800.00", "700.00", "100.00", "100.00", "50.00", "50.00"],
    ["20106", "财政事务", "1,000.00", "800.00", "700.00", "100.00", "100.00", "50.00", "50.00"],
    ["2010601", "行政运行", "1,000.00", "800.00", "700.00", "100.00", "100.00", "50.00", "50.00"],
]


def fiscal_group_budget(path: Path) -> Path:
    return _budget_pages(path, ((f"{YEAR}年部门收入总表", FISCAL_GROUP_HEADER, [45, 115, 55, 55, 55, 55, 50, 50, 50],
                                 FISCAL_GROUP_ROWS),))
