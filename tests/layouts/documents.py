"""Whole synthetic disclosures in layouts the shared corpus never shows.

``unseen_budget(path)`` writes a seven-page 部门预算 of an invented district bureau, drawn with
the habits of exporters the project has not seen: a table of contents of ordinal titles with
no grid under them; a title that starts with an ordinal and wraps over two lines, the
department before the year; a unit line wrapped after its colon (单位： / 元); cells padded with white
rectangles; a summary table printed as three groups side by side (收入 | 支出功能分类 |
支出经济分类); a table labelled 表三 with the year before the department, codes in 类/款/项
columns, no header over its total column, continued on the next page without a repeated header
and its 合计 row left outside the ruling; a title at the foot of one page with its table on the
next; a table printed without a title; and a table whose amount columns have no header at all.
Every figure is consistent, so an audit that reports an error reports a reading mistake.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape

from .draw import Quirks, Span, draw_table, draw_text, new_canvas

DEPARTMENT = "某市某区财政局"
YEAR = 2026

SUMMARY_HEADER = [
    Span("收入", 0, 0, 1, 2), Span("支出", 0, 2, 1, 4),
    Span("项目", 1, 0, 2, 1), Span("金额", 1, 1, 2, 1), Span("按功能分类", 1, 2, 1, 2), Span("按经济分类", 1, 4, 1, 2),
    Span("科目名称", 2, 2), Span("金额", 2, 3), Span("科目名称", 2, 4), Span("金额", 2, 5),
]
SUMMARY_ROWS = [
    ["一、财政拨款收入", "5,000,000.00", "一般公共服务支出", "4,000,000.00", "工资福利支出", "2,500,000.00"],
    ["二、事业收入", "", "社会保障和就业支出", "600,000.00", "商品和服务支出", "2,000,000.00"],
    ["三、其他收入", "", "住房保障支出", "400,000.00", "对个人和家庭的补助", "500,000.00"],
    ["收入总计", "5,000,000.00", "支出总计", "5,000,000.00", "支出总计", "5,000,000.00"],
]

EXPENDITURE_HEADER = [
    Span("科目编码", 0, 0, 1, 3), Span("科目名称", 0, 3, 2, 1), Span("", 0, 4, 2, 1),
    Span("基本支出", 0, 5, 2, 1), Span("项目支出", 0, 6, 2, 1),
    Span("类", 1, 0), Span("款", 1, 1), Span("项", 1, 2),
]
EXPENDITURE_WIDTHS = [40, 40, 40, 230, 110, 110, 110]
EXPENDITURE_PAGE_1 = [
    ["201", "", "", "一般公共服务支出", "4,000,000.00", "2,400,000.00", "1,600,000.00"],
    ["201", "01", "", "人大事务", "4,000,000.00", "2,400,000.00", "1,600,000.00"],
    ["201", "01", "01", "行政运行", "2,400,000.00", "2,400,000.00", ""],
    ["201", "01", "02", "一般行政管理事务", "1,600,000.00", "", "1,600,000.00"],
    ["208", "", "", "社会保障和就业支出", "600,000.00", "600,000.00", ""],
    ["208", "05", "", "行政事业单位养老支出", "600,000.00", "600,000.00", ""],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "600,000.00", "600,000.00", ""],
]
EXPENDITURE_PAGE_2 = [
    ["221", "", "", "住房保障支出", "400,000.00", "400,000.00", ""],
    ["221", "02", "", "住房改革支出", "400,000.00", "400,000.00", ""],
    ["221", "02", "01", "住房公积金", "400,000.00", "400,000.00", ""],
]

THREE_PUBLIC_HEADER = [
    Span("合计", 0, 0, 2, 1), Span("因公出国（境）费", 0, 1, 2, 1), Span("公务用车购置及运行费", 0, 2, 1, 3),
    Span("公务接待费", 0, 5, 2, 1), Span("小计", 1, 2), Span("购置费", 1, 3), Span("运行费", 1, 4),
]
THREE_PUBLIC_ROW = ["15.00", "0.00", "10.00", "0.00", "10.00", "5.00"]

PROCUREMENT_HEADER = [Span("采购品目", 0, 0), Span("采购方式", 0, 1), Span("金额", 0, 2)]
PROCUREMENT_ROWS = [["合计", "", "30.00"], ["货物", "公开招标", "20.00"], ["服务", "询价", "10.00"]]

FUND_HEADER = [Span("科目编码", 0, 0), Span("科目名称", 0, 1), Span("", 0, 2), Span("", 0, 3)]
FUND_ROWS = [["", "合计", "9.00", "4.00"], ["229", "其他支出", "7.00", "3.00"]]

EXPECTED_TABLES = [  # (kind, pages)
    ("department_summary", [2]),
    ("department_expenditure", [3, 4]),
    ("three_public", [4, 5]),
    ("procurement", [6]),
    ("government_fund", [7]),
]


def unseen_budget(path: Path) -> Path:
    c = new_canvas(path, landscape(A4))
    w = landscape(A4)[0]
    # p1: cover and a table of contents (ordinal titles, no grid under them)
    draw_text(c, w / 2, 120, f"{DEPARTMENT}{YEAR}年部门预算", size=20, align="centre")
    draw_text(c, w / 2, 200, "目  录", size=14, align="centre")
    for k, line in enumerate((f"一、{YEAR}年部门收支总表", f"二、{YEAR}年部门支出总表", f"三、{YEAR}年部门“三公”经费支出表",
                              f"四、{YEAR}年部门政府采购预算表")):
        draw_text(c, 200, 240 + 24 * k, line, size=12)
    draw_text(c, 120, 400, f"{YEAR}年部门收支预算总额500.00万元，比上年增加20.00万元。", size=11)
    c.showPage()
    # p2: ordinal title wrapped over two lines; wrapped unit; white padding; three groups
    draw_text(c, w / 2, 40, f"一、{DEPARTMENT}", size=15, align="centre")
    draw_text(c, w / 2, 60, f"{YEAR}年部门收支总表", size=15, align="centre")
    draw_text(c, 60, 92, f"编制单位：{DEPARTMENT}", size=10)
    draw_text(c, 730, 92, "单位：", size=10)
    draw_text(c, 730, 104, "元", size=10)
    draw_table(c, 60, 120, [130, 100, 150, 100, 150, 100], SUMMARY_HEADER, SUMMARY_ROWS,
               quirks=Quirks(padding=1.5))
    draw_text(c, w / 2, 560, "— 2 —", size=9, align="centre")
    c.showPage()
    # p3: label, year before the department, split codes, no header over the total column
    draw_text(c, 60, 40, "表三", size=11)
    draw_text(c, w / 2, 56, f"{YEAR}年{DEPARTMENT}部门支出总表", size=15, align="centre")
    draw_text(c, 60, 88, f"部门：{DEPARTMENT}", size=10)
    draw_text(c, 730, 88, "单位：元", size=10)
    draw_table(c, 60, 110, EXPENDITURE_WIDTHS, EXPENDITURE_HEADER, EXPENDITURE_PAGE_1, quirks=Quirks(borders="rects"))
    c.showPage()
    # p4: the table goes on without a header; its 合计 row is printed outside the ruling; a title
    # at the foot of the page belongs to the table on the next page
    drawn = draw_table(c, 60, 50, EXPENDITURE_WIDTHS, [], EXPENDITURE_PAGE_2, quirks=Quirks(borders="rects"))
    top = drawn.ys[-1] + 6
    xs = drawn.xs
    draw_text(c, xs[3] + 3, top, "合计", size=9)
    for k, text in ((4, "5,000,000.00"), (5, "3,400,000.00"), (6, "1,600,000.00")):
        draw_text(c, xs[k + 1] - 3, top, text, size=9, align="right")
    draw_text(c, w / 2, 520, f"三、{YEAR}年部门“三公”经费支出表", size=15, align="centre")
    draw_text(c, 730, 545, "单位：万元", size=10)
    c.showPage()
    # p5: the 三公 table, boxed cells drawn in CMYK
    draw_table(c, 60, 60, [110, 120, 120, 100, 100, 110], THREE_PUBLIC_HEADER, [THREE_PUBLIC_ROW],
               quirks=Quirks(borders="boxes", colour="cmyk"))
    c.showPage()
    # p6: a table printed without a title (procurement columns say what it is)
    draw_text(c, 730, 40, "单位：万元", size=10)
    draw_table(c, 60, 60, [200, 200, 150], PROCUREMENT_HEADER, PROCUREMENT_ROWS)
    c.showPage()
    # p7: a titled table whose amount columns carry no header: the tool cannot tell them apart
    draw_text(c, w / 2, 40, f"五、{YEAR}年部门政府性基金预算支出表", size=15, align="centre")
    draw_text(c, 730, 70, "单位：万元", size=10)
    draw_table(c, 60, 90, [100, 250, 120, 120], FUND_HEADER, FUND_ROWS)
    c.showPage()
    c.save()
    return path
