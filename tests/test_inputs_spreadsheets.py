"""Spreadsheets as an input: workbooks read into the same source-document form as a PDF.

(a) the shared blank workbooks (a Shanghai district's 2026 department and unit forms, .xlsx and
.xls): every table sheet is found with its kind and its header columns; (b) filled copies of the
department and the unit form, written here with openpyxl from a consistent set of invented
figures: every table parses with the written values and ties out, and a broken subtotal is an
arithmetic error pointing at ``Sheet!Cell``; a filled form beside a narrative of the same
department-year joins it; (c) a workbook built here (no shared file): merged headers, amounts
stored as text, 类/款/项 in separate columns, a narrative sheet, findings' places in reports;
(d) a corrupt workbook is one clear error line.
"""
from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

from analysis.checks import audit
from analysis.dataset import write_dataset
from analysis.figures import headline_figures
from analysis.inputs import InputError, read_source
from analysis.inputs.sheets import amount_text, sheet_ref
from analysis.parse.grouping import parse_paths, read_file
from analysis.reports import compare
from analysis.reports.findings import findings_frame
from analysis.store import write_disclosure
from tests.conftest import CORPUS, needs_shared

SHEETS = CORPUS / "spreadsheets"
DEPARTMENT = "上海市普陀区示例局"
W = Decimal(10000)   # 元 per 万元

# kind -> the column keys its header names, in the shared forms (the department form; the unit
# form's summary splits its expenditure side further)
EXPECTED_KINDS = ["department_summary", "department_income", "department_expenditure", "fiscal_summary",
                  "general_budget_expenditure", "government_fund", "state_capital",
                  "general_budget_basic_expenditure", "three_public"]
EXPECTED_COLUMNS = {
    "department_income": ["total", "fiscal", "business", "operating", "other"],
    "department_expenditure": ["total", "basic", "project"],
    "general_budget_expenditure": ["total", "basic", "project"],
    "government_fund": ["total", "basic", "project"],
    "state_capital": ["total", "basic", "project"],
    "general_budget_basic_expenditure": ["total", "personnel", "public"],
    "three_public": ["three_public", "overseas", "reception", "vehicle_total", "vehicle_purchase",
                     "vehicle_operation", "operating_costs"],
}


def _workbooks() -> list:
    return sorted(SHEETS.glob("*.xls*")) if SHEETS.is_dir() else []


# ---------------------------------------------------------------------------
# (a) the shared blank forms
# ---------------------------------------------------------------------------
@needs_shared
@pytest.mark.parametrize("path", _workbooks(), ids=lambda p: p.suffix + ":" + p.stem[-30:])
def test_every_table_of_the_shared_forms_is_found_with_its_kind_and_header(path):
    doc = read_source(path)
    assert doc.format == path.suffix.lstrip(".")
    assert all(p.name for p in doc.pages), "every page is a sheet, named"
    parsed = read_file(str(path))
    assert not isinstance(parsed, InputError), parsed
    assert parsed.year == 2026 and parsed.kind == "budget"
    assert parsed.scope == ("unit" if "单位" in path.name else "department")
    kinds = [t.kind for t in parsed.tables]
    assert kinds == EXPECTED_KINDS
    by_kind = {t.kind: t for t in parsed.tables}
    for kind, keys in EXPECTED_COLUMNS.items():
        assert by_kind[kind].column_keys() == keys, kind
        assert by_kind[kind].confidence == 1.0, kind
    for kind in ("department_summary", "fiscal_summary"):
        sides = {c.label.split(":")[0] for c in by_kind[kind].columns}
        assert sides == {"income", "expenditure"}, kind
    # each table on its own sheet, named like the table
    sheet_of = {p.number: p.name for p in doc.pages}
    assert all(len(t.pages) == 1 and sheet_of[t.pages[0]] for t in parsed.tables)
    # 类/款/项 in separate columns come out as whole codes
    codes = [r.code for r in by_kind["department_expenditure"].rows if r.code]
    assert codes[:3] == ["205", "20502", "2050205"]
    econ = [r.code for r in by_kind["general_budget_basic_expenditure"].rows if r.code]
    assert econ[:2] == ["301", "30101"]
    # the narrative sheets are the disclosure's narrative
    assert any("名词解释" in n.text for n in parsed.narrative)


@needs_shared
def test_the_xls_and_xlsx_unit_forms_read_alike():
    xls, xlsx = (next(SHEETS.glob(f"*单位*.{ext}")) for ext in ("xls", "xlsx"))
    a, b = read_file(str(xls)), read_file(str(xlsx))
    assert [(t.kind, t.column_keys(), len(t.rows)) for t in a.tables] == \
           [(t.kind, t.column_keys(), len(t.rows)) for t in b.tables]


# ---------------------------------------------------------------------------
# (b) a filled copy of the department form
# ---------------------------------------------------------------------------
# function classification rows: code parts, name, basic, project (元)
FUNCTION_ROWS = [
    ("201", "", "", "一般公共服务支出", 500000, 200000),
    ("201", "03", "", "政府办公厅（室）及相关机构事务", 500000, 200000),
    ("201", "03", "01", "行政运行", 500000, 0),
    ("201", "03", "02", "一般行政管理事务", 0, 200000),
    ("208", "", "", "社会保障和就业支出", 80000, 0),
    ("208", "05", "", "行政事业单位养老支出", 80000, 0),
    ("208", "05", "05", "机关事业单位基本养老保险缴费支出", 80000, 0),
    ("221", "", "", "住房保障支出", 60000, 0),
    ("221", "02", "", "住房改革支出", 60000, 0),
    ("221", "02", "01", "住房公积金", 60000, 0),
]
# economic classification rows of the basic expenditure: code parts, name, personnel, public (元)
ECONOMIC_ROWS = [
    ("301", "", "工资福利支出", 560000, 0),
    ("301", "01", "基本工资", 300000, 0),
    ("301", "02", "津贴补贴", 120000, 0),
    ("301", "08", "机关事业单位基本养老保险缴费", 80000, 0),
    ("301", "13", "住房公积金", 60000, 0),
    ("302", "", "商品和服务支出", 0, 80000),
    ("302", "01", "办公费", 0, 50000),
    ("302", "99", "其他商品和服务支出", 0, 30000),
]
BASIC, PROJECT = 640000, 200000
TOTAL = BASIC + PROJECT


def _clear(ws, first: int, last: int) -> None:
    """Empty rows ``first``..``last`` (1-based) of the form's body."""
    for r in range(first, last + 1):
        for c in range(1, ws.max_column + 1):
            cell = ws.cell(r, c)
            if type(cell).__name__ != "MergedCell":
                cell.value = None


def _put(ws, row: int, values: list, col: int = 1) -> None:
    for k, v in enumerate(values):
        if v is not None:
            ws.cell(row, col + k).value = v


def _department(wb) -> None:
    """The department (or unit) named on the cover and in every table's 编制部门：/编制单位： cell."""
    cover = wb["封面"]["A9"]
    cover.value = cover.value.split("：")[0] + "：" + DEPARTMENT
    for ws in wb.worksheets:
        for r in (3, 4):
            if ws.cell(r, 1).value in ("编制部门：", "编制单位："):
                ws.cell(r, 1).value += DEPARTMENT


# the summary's expenditure side by class: total, and (the unit form) personnel, public, project (元)
SUMMARY_SPEND = [("一、一般公共服务支出", 700000, 440000, 60000, 200000), ("二、社会保障和就业支出", 80000, 80000, 0, 0),
                 ("三、住房保障支出", 60000, 40000, 20000, 0)]


def _summary(ws, first: int, split: bool) -> None:
    """The 收支总表 from row ``first``; ``split``: the unit form's expenditure side prints 合计,
    基本支出 (人员经费, 公用经费) and 项目支出."""
    _clear(ws, first, 20)
    income = [("一、财政拨款收入", TOTAL), ("1. 一般公共预算", TOTAL), ("2. 政府性基金预算", 0),
              ("3. 国有资本经营预算", 0), ("二、事业收入", 0), ("三、事业单位经营收入", 0), ("四、其他收入", 0)]
    for k, (name, v) in enumerate(income):
        _put(ws, first + k, [name, v])
    for k, (name, *v) in enumerate(SUMMARY_SPEND):
        _put(ws, first + k, [name] + (v if split else v[:1]), col=3)
    _put(ws, 21, ["收入总计", TOTAL, "支出总计", TOTAL] + ([560000, 80000, PROJECT] if split else []))


def _fiscal_summary(ws) -> None:
    _clear(ws, 8, 20)
    for k, (name, v) in enumerate([("一、一般公共预算", TOTAL), ("二、政府性基金预算", 0), ("三、国有资本经营预算", 0)]):
        _put(ws, 8 + k, [name, v])
    for k, (name, v) in enumerate([("一、一般公共服务支出", 700000), ("二、社会保障和就业支出", 80000),
                                   ("三、住房保障支出", 60000)]):
        _put(ws, 8 + k, [name, v, v, 0, 0], col=3)
    _put(ws, 21, ["收入总计", TOTAL, "支出总计", TOTAL, TOTAL, 0, 0])


def _function_table(ws, total_row: int, columns) -> None:
    """Function rows from row 9, 类 as a number (as the form has it), 款/项 as text; the total row."""
    _clear(ws, 9, total_row - 1)
    for k, (c1, c2, c3, name, basic, project) in enumerate(FUNCTION_ROWS):
        _put(ws, 9 + k, [int(c1), c2 or None, c3 or None, name] + columns(basic, project))
    _put(ws, total_row, columns(BASIC, PROJECT), col=5)


def _economic_table(ws) -> None:
    _clear(ws, 9, 20)
    for k, (c1, c2, name, personnel, public) in enumerate(ECONOMIC_ROWS):
        _put(ws, 9 + k, [int(c1), c2 or None, name, personnel + public, personnel, public])
    _put(ws, 21, [BASIC, 560000, 80000], col=4)


def fill_department_form(src: Path, out: Path) -> Path:
    """The shared department (部门) or unit (单位) form with the figures above written in (元; the
    三公 table in 万元). One amount is stored as text, as some units type it."""
    wb = openpyxl.load_workbook(src)
    who = "单位" if "单位收支总表" in wb.sheetnames else "部门"
    _department(wb)
    _summary(wb[f"{who}收支总表"], 10 if who == "单位" else 8, split=who == "单位")
    _fiscal_summary(wb[f"{who}财政拨款收支总表"])
    _function_table(wb[f"{who}收入总表"], 20, lambda b, p: [b + p, b + p, 0, 0, 0])
    _function_table(wb[f"{who}支出总表"], 20, lambda b, p: [b + p, b, p])
    _function_table(wb[f"{who}一般公共预算拨款表"], 21, lambda b, p: [b + p, b, p])
    for name in (f"{who}政府性基金拨款表", f"{who}国有资本经营预算拨款表 "):
        _clear(wb[name], 9, 20)
    _economic_table(wb[f"{who}一般公共预算拨款基本支出明细表"])
    wb[f"{who}支出总表"]["F11"] = "500,000.00"   # an amount stored as text
    _put(wb[f"{who}“三公”经费和机关运行费预算表"], 7, [3.5, 0, 0.5, 3, 0, 3, 8])
    wb.save(out)
    return out


@pytest.fixture(scope="module", params=["部门", "单位"])
def filled(tmp_path_factory, request):
    """A filled copy of the department form, then of the unit form."""
    if not SHEETS.is_dir():
        pytest.skip(f"../shared is absent ({SHEETS}): the shared workbooks are needed")
    src = next(SHEETS.glob(f"*{request.param}预算模板*.xlsx"))
    return fill_department_form(src, tmp_path_factory.mktemp("filled") / f"示例局2026{request.param}预算.xlsx")


def _who(path: Path) -> str:
    return "单位" if "单位" in path.name else "部门"


def _audit(*paths) -> tuple:
    ds, errors = parse_paths([str(p) for p in paths])
    assert not errors, [e.line() for e in errors]
    assert len(ds) == 1
    return ds[0], audit(ds)[0]


@needs_shared
def test_a_filled_form_parses_with_its_values_and_ties_out(filled):
    who = _who(filled)
    d, res = _audit(filled)
    assert d.department == DEPARTMENT and d.year == 2026
    assert d.scope == ("unit" if who == "单位" else "department")
    assert [t.kind for t in d.tables] == EXPECTED_KINDS
    t = {t.kind: t for t in d.tables}
    rows = {r.code: r for r in t["department_expenditure"].rows if r.code}
    assert rows["2010301"].amounts == {"total": 500000 / W, "basic": 500000 / W, "project": 0}
    assert rows["201"].amounts["project"] == Decimal(20)
    assert rows["2010301"].refs["basic"] == f"{who}支出总表!F11"   # the amount typed as text
    econ = {r.code: r for r in t["general_budget_basic_expenditure"].rows if r.code}
    assert econ["30101"].amounts["personnel"] == Decimal(30) and econ["302"].amounts["public"] == Decimal(8)
    income = {r.code: r for r in t["department_income"].rows if r.code}
    assert income["221"].amounts["fiscal"] == Decimal(6)
    summary = t["department_summary"]
    assert [r.amounts.get("total") for r in summary.rows if r.is_total] == [TOTAL / W, TOTAL / W]
    if who == "单位":   # the unit form's expenditure side: 合计, 基本支出 (人员经费, 公用经费), 项目支出
        spend = [r for r in summary.rows if r.section == "expenditure"]
        assert [(r.amounts["personnel"], r.amounts["public"], r.amounts["project"]) for r in spend[:3]] == \
               [(Decimal(44), Decimal(6), Decimal(20)), (Decimal(8), 0, 0), (Decimal(4), Decimal(2), 0)]
    three = t["three_public"].rows[0].amounts
    assert three["three_public"] == Decimal("3.5") and three["operating_costs"] == Decimal(8)
    assert all(tb.confidence == 1.0 for tb in d.tables)
    wrong = [(f.check, f.place, f.message) for f in res.findings
             if f.check.startswith(("arithmetic.", "cross_table.")) or f.severity == "error"
             and f.check.startswith("classification.")]
    assert wrong == []
    # headline figures and findings on a narrative sheet point to the workbook's cells and sheets
    heads = headline_figures(d)
    assert (heads["total_income"].value, heads["total_income"].place) == (TOTAL / W, f"{who}收支总表!B21")
    assert heads["basic_expenditure"].place == f"{who}支出总表!F20"
    assert {f.place for f in d.figures if f.figure == "function:2010301" and f.column == "basic"} == \
           {f"{who}支出总表!F11", f"{who}一般公共预算拨款表!F11"}
    narrative = f"{who}编制说明"
    texts = [f for f in res.findings if f.check == "text.placeholder" and f.place == narrative]
    assert texts and all(f.message.startswith(f"工作表“{narrative}”") for f in texts)
    empty = [f for f in res.findings if f.check == "completeness.empty_table_reason"]
    assert {f.place for f in empty} == {f"{who}政府性基金拨款表", f"'{who}国有资本经营预算拨款表 '"}


@needs_shared
def test_a_broken_subtotal_is_an_arithmetic_error_at_its_cell(filled, tmp_path):
    who = _who(filled)
    wb = openpyxl.load_workbook(filled)
    wb[f"{who}支出总表"]["E10"] = 700100   # 20103 合计: its 类 and its 项 print 700000
    wb.save(tmp_path / "broken.xlsx")
    d, res = _audit(tmp_path / "broken.xlsx")
    errors = [f for f in res.findings if f.check == "arithmetic.children_sum" and f.severity == "error"]
    assert [(f.code, f.place, f.actual, f.expected) for f in errors] == \
           [("20103", f"{who}支出总表!E10", Decimal("70.01"), Decimal(70))]
    assert f"{who}支出总表!A10" in errors[0].message
    assert errors[0].related and errors[0].related[0]["place"] == f"{who}支出总表!E11"
    frame = findings_frame(res)
    assert any(f"broken.xlsx {who}支出总表!E10" in str(v) for v in frame["出处 source"])
    write_disclosure(d, tmp_path / "processed", result=res, name="broken")   # the cell reaches the dataset
    write_dataset(tmp_path / "processed", tmp_path / "dataset")
    con = compare.connect(tmp_path / "dataset")
    assert con.execute("""SELECT place FROM findings WHERE "check" = 'arithmetic.children_sum'
                          AND severity = 'error'""").fetchall() == [(f"{who}支出总表!E10",)]
    assert con.execute("""SELECT value_wan FROM amounts WHERE cell = ?""", [f"{who}支出总表!E10"]).fetchall() == [(70.01,)]
    con.close()


@needs_shared
def test_a_figure_that_differs_between_two_sheets_points_at_its_cell(filled, tmp_path):
    """The 一般公共预算 table raised by 100 元 along 208 > 20805 > 2080505 and its 合计: it still ties
    out by itself, and disagrees with the other sheets at those cells."""
    who = _who(filled)
    wb = openpyxl.load_workbook(filled)
    ws = wb[f"{who}一般公共预算拨款表"]
    for r in (13, 14, 15, 21):
        for col in "EF":
            ws[f"{col}{r}"] = ws[f"{col}{r}"].value + 100
    wb.save(tmp_path / "differs.xlsx")
    d, res = _audit(tmp_path / "differs.xlsx")
    assert not [f for f in res.findings if f.check.startswith("arithmetic.")]
    cross = {(f.code, f.place) for f in res.findings if f.check == "cross_table.totals_agree" and f.severity == "error"}
    assert ("208", f"{who}一般公共预算拨款表!E13") in cross
    assert any(place == f"{who}一般公共预算拨款表!E21" for _, place in cross)


@needs_shared
def test_a_total_saved_as_a_formula_without_its_value_is_a_reading_problem(filled, tmp_path):
    """A workbook written by a program that does not calculate keeps a formula and no value: its
    cells are not read as blank (0 万元, a false arithmetic error) but as what they hold."""
    who = _who(filled)
    wb = openpyxl.load_workbook(filled)
    for col in "EFG":
        wb[f"{who}支出总表"][f"{col}20"] = f"=SUM({col}9,{col}13,{col}16)"
    wb.save(tmp_path / "formulas.xlsx")
    d, res = _audit(tmp_path / "formulas.xlsx")
    (t,) = [t for t in d.tables if t.kind == "department_expenditure"]
    assert t.rows[-1].unreadable["total"] == "=SUM(E9,E13,E16)"
    assert not [f for f in res.findings if f.check.startswith("arithmetic.")]
    cells = [f.place for f in res.findings if f.check == "reading.unreadable_cell"]
    assert cells == [f"{who}支出总表!E20", f"{who}支出总表!F20", f"{who}支出总表!G20"]


@needs_shared
def test_a_workbook_beside_a_narrative_of_the_same_department_year_joins_it(filled, tmp_path):
    narrative = tmp_path / "说明.txt"
    who = _who(filled)
    narrative.write_text(f"{DEPARTMENT}2026年{who}预算\n2026年{who}预算编制说明\n"
                         "2026年，收入预算84万元，其中：财政拨款收入84万元。支出预算84万元，其中：基本支出64万元，"
                         "项目支出20万元。一般公共预算拨款支出预算84万元。\n", encoding="utf-8")
    d, res = _audit(filled, narrative)
    assert sorted(Path(f.path).name for f in d.files) == sorted([filled.name, narrative.name])
    assert {f.format for f in d.files} == {"xlsx", "text"}


# ---------------------------------------------------------------------------
# (c) a workbook built here
# ---------------------------------------------------------------------------
def _synthetic(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "说明"
    ws["A1"] = "某区示例中心2026年单位预算"
    ws["A3"] = ("一、收支预算总体情况\n2026年，某区示例中心收入预算1,234.50万元，其中：财政拨款收入1,234.50万元。"
                "\n支出预算1,234.50万元，其中：基本支出1,034.50万元，项目支出200万元。")
    ws.merge_cells("A3:A10")
    t = wb.create_sheet("支出表")
    t["A1"] = "2026年单位支出预算总表"
    t.merge_cells("A1:G1")
    t["A2"], t["G2"] = "编制单位：某区示例中心", "单位：万元"
    t["A3"], t["D3"], t["E3"] = "科目编码", "科目名称", "支出预算"
    t.merge_cells("A3:C3")
    t.merge_cells("D3:D4")
    t.merge_cells("E3:G3")
    for col, text in zip("ABCEFG", ("类", "款", "项", "合计", "基本支出", "项目支出")):
        t[f"{col}4"] = text
    body = [(208, "", "", "社会保障和就业支出", 1234.5, 1034.5, 200),
            ("", "05", "", "行政事业单位养老支出", "1,234.50", "1,034.50", "200.00"),
            ("", "", "05", "机关事业单位基本养老保险缴费支出", 1234.5, "1,034.50", 200.0),
            ("合计", "", "", "", "1,234.50", 1034.5, 200)]
    for k, row in enumerate(body):
        for col, v in zip("ABCDEFG", row):
            if v != "":
                t[f"{col}{5 + k}"] = v
    t.merge_cells("A8:D8")
    hidden = wb.create_sheet("草稿")
    hidden["A1"], hidden["B1"] = "不应读取", 1
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


def test_a_built_workbook_reads_merged_headers_split_codes_and_text_amounts(tmp_path):
    path = _synthetic(tmp_path / "示例中心2026单位预算.xlsx")
    doc = read_source(path)
    assert [p.name for p in doc.pages] == ["说明", "支出表"], "hidden sheets are not read"
    page = doc.pages[1]
    assert [l.text for l in page.lines if not l.grid] == ["2026年单位支出预算总表", "编制单位：某区示例中心",
                                                          "单位：万元"]   # title and meta lines, above
    grid = page.grids[0]
    head = {c.text: (c.rowspan, c.colspan) for c in grid.cells if c.text}
    assert head["科目编码"] == (1, 3)
    assert head["支出预算"] == (1, 3) and head["科目名称"] == (2, 1)
    by_ref = {c.ref: c.text for c in grid.cells}
    assert (by_ref["支出表!A4"], by_ref["支出表!E5"], by_ref["支出表!E6"]) == ("类", "1,234.50", "1,234.50")
    assert by_ref["支出表!A5"] == "208", "a number in a code column is the code"
    narrative = doc.pages[0]
    assert not narrative.grids and narrative.lines[0].text == "某区示例中心2026年单位预算"
    assert any("基本支出1,034.50万元" in l.text for l in narrative.lines)

    parsed = read_file(str(path))
    assert not isinstance(parsed, InputError), parsed
    (t,) = parsed.tables
    assert t.kind == "department_expenditure" and t.unit == "万元" and t.column_keys() == ["total", "basic", "project"]
    got = [(r.code, r.name, r.amounts.get("total"), r.amounts.get("basic"), r.amounts.get("project")) for r in t.rows]
    assert got == [("208", "社会保障和就业支出", Decimal("1234.50"), Decimal("1034.50"), Decimal("200.00")),
                   ("20805", "行政事业单位养老支出", Decimal("1234.50"), Decimal("1034.50"), Decimal("200.00")),
                   ("2080505", "机关事业单位基本养老保险缴费支出", Decimal("1234.50"), Decimal("1034.50"),
                    Decimal("200.00")),
                   (None, "合计", Decimal("1234.50"), Decimal("1034.50"), Decimal("200.00"))]
    assert t.rows[1].refs == {"": "支出表!B6", "total": "支出表!E6", "basic": "支出表!F6", "project": "支出表!G6"}
    assert parsed.department == "某区示例中心" and parsed.year == 2026 and parsed.scope == "unit"
    assert any("基本支出1,034.50万元" in n.text for n in parsed.narrative)


_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
_COVERED = "<table:covered-table-cell/>"


def _ods_cell(v, cols: int = 1, rows: int = 1, repeat: int = 1) -> str:
    attrs = (f' table:number-columns-spanned="{cols}"' if cols > 1 else "") + \
            (f' table:number-rows-spanned="{rows}"' if rows > 1 else "") + \
            (f' table:number-columns-repeated="{repeat}"' if repeat > 1 else "")
    if v is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(v, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{v}"{attrs}><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"{attrs}><text:p>{escape(v)}</text:p></table:table-cell>'


def _ods(path: Path) -> Path:
    """An OpenDocument spreadsheet written by hand (content.xml): a merged title, merged header
    groups, a row repeated empty, 类/款/项 in separate columns, amounts as numbers and as text."""
    c = _ods_cell
    rows = [[c("2026年单位支出预算总表", cols=7)] + [_COVERED] * 6,
            [c("编制单位：某区示例中心"), c(None, repeat=5), c("单位：万元")],
            [c("科目编码", cols=3), _COVERED, _COVERED, c("科目名称", rows=2), c("支出预算", cols=3), _COVERED, _COVERED],
            [c("类"), c("款"), c("项"), _COVERED, c("合计"), c("基本支出"), c("项目支出")],
            [c(208), c(None), c(None), c("社会保障和就业支出"), c(1234.5), c(1034.5), c(200)],
            [c(None), c("05"), c(None), c("行政事业单位养老支出"), c("1,234.50"), c("1,034.50"), c("200.00")],
            [c(None), c(None), c("05"), c("机关事业单位基本养老保险缴费支出"), c(1234.5), c(1034.5), c(200)]]
    body = "".join("<table:table-row>" + "".join(r) + "</table:table-row>" for r in rows)
    body += '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>'
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="支出表">{body}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                   '<manifest:file-entry manifest:full-path="/" '
                   'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
        z.writestr("content.xml", content)
    return path


def test_an_ods_spreadsheet_reads_with_its_merged_cells(tmp_path):
    doc = read_source(_ods(tmp_path / "示例中心2026单位预算.ods"))
    assert doc.format == "ods" and [p.name for p in doc.pages] == ["支出表"]
    grid = doc.pages[0].grids[0]
    spans = {c.text: (c.rowspan, c.colspan, c.ref) for c in grid.cells if c.rowspan * c.colspan > 1}
    assert spans == {"科目编码": (1, 3, "支出表!A3"), "科目名称": (2, 1, "支出表!D3"), "支出预算": (1, 3, "支出表!E3")}
    assert [l.text for l in doc.pages[0].lines if not l.grid][0] == "2026年单位支出预算总表"
    (t,) = read_file(str(doc.path)).tables
    assert [(r.code, r.amounts["basic"], r.refs["basic"]) for r in t.rows] == \
           [("208", Decimal("1034.50"), "支出表!F5"), ("20805", Decimal("1034.50"), "支出表!F6"),
            ("2080505", Decimal("1034.50"), "支出表!F7")]


@needs_shared
def test_a_wps_et_name_and_a_workbook_under_another_name_read_by_content(tmp_path):
    xls = next(SHEETS.glob("*.xls"))
    et = tmp_path / "单位预算.et"
    et.write_bytes(xls.read_bytes())
    other = tmp_path / "下载.dat"
    other.write_bytes(next(SHEETS.glob("*部门*.xlsx")).read_bytes())
    assert (read_source(et).format, len(read_source(et).pages)) == ("et", len(read_source(xls).pages))
    assert read_source(other).format == "xlsx"


def test_a_label_and_title_above_the_table_and_a_note_under_it(tmp_path):
    wb = openpyxl.load_workbook(_synthetic(tmp_path / "a.xlsx"))
    t = wb["支出表"]
    t.unmerge_cells("A1:G1")
    t["A1"], t["B1"] = "附件3", "2026年单位支出预算总表"
    t["A10"] = "注：本表反映2026年单位支出预算，按功能分类科目列示到项级。"   # a note under the table
    t.merge_cells("A10:G10")
    wb.save(tmp_path / "b.xlsx")
    page = read_source(tmp_path / "b.xlsx").pages[1]
    assert [l.text for l in page.lines if not l.grid] == ["附件3", "2026年单位支出预算总表", "编制单位：某区示例中心",
                                                          "单位：万元", t["A10"].value]
    grid = page.grids[0]
    assert (grid.cells[0].ref, grid.cells[-1].ref) == ("支出表!A3", "支出表!G8"), "the table: header to 合计"
    (table,) = read_file(str(tmp_path / "b.xlsx")).tables
    assert (table.kind, table.label, table.title, table.unit) == ("department_expenditure", "附件3",
                                                                  "2026年单位支出预算总表", "万元")
    assert table.note.startswith("注") and [r.name for r in table.rows][-1] == "合计"


def test_numbers_are_printed_as_amounts_and_sheet_names_quoted():
    assert [amount_text(v) for v in (1234.5, 0.1 + 0.2, 1e6, 3, 0.125)] == \
           ["1,234.50", "0.30", "1,000,000.00", "3.00", "0.125"]
    assert sheet_ref("部门支出总表", 11, 5) == "部门支出总表!F12"
    assert sheet_ref("国有资本经营预算表 ", 0, 27) == "'国有资本经营预算表 '!AB1"
    assert sheet_ref("O'Neil", 0, 0) == "'O''Neil'!A1"


# ---------------------------------------------------------------------------
# (d) bad workbooks
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("content", [b"PK\x03\x04 not really a zip", b"\x00\x01 random bytes" * 20,
                                     b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600])
def test_a_corrupt_workbook_is_one_clear_error_line(tmp_path, content):
    path = tmp_path / "报表.xlsx"
    path.write_bytes(content)
    err = read_file(str(path))
    assert isinstance(err, InputError)
    line = err.line()
    assert "\n" not in line and line.startswith(f"{path}: ")
    assert "workbook" in line and ("corrupt" in line or "unreadable" in line), line


def test_a_truncated_workbook_and_a_workbook_saved_as_pdf(tmp_path):
    good = _synthetic(tmp_path / "good.xlsx")
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[:3000])
    err = read_file(str(cut))
    assert isinstance(err, InputError) and "corrupt or unreadable workbook" in err.line()
    renamed = tmp_path / "表格.pdf"
    renamed.write_bytes(good.read_bytes())
    doc = read_source(renamed)   # what a file is comes from its content
    assert [p.name for p in doc.pages] == ["说明", "支出表"]
    word = tmp_path / "说明.xls"
    word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    renamed_ole = tmp_path / "说明.pdf"
    renamed_ole.write_bytes(word.read_bytes())
    with pytest.raises(InputError, match="old Microsoft Office file"):
        read_source(renamed_ole)
