"""The bundled sample disclosure: its data file, its renderer and the committed PDF.

The PDF in data/raw is rebuilt by ``python -m analysis.sample.build`` from
analysis/sample/tongnan_2025.json; these tests keep the two from drifting apart and check
that pdfplumber reads back the text, the figures and the ruled tables.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

pdfplumber = pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

from analysis.sample import build as sample  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "data" / "raw" / "chongqing-tongnan-govoffice-2025.pdf"
UNIT = "重庆市潼南区人民政府办公室（本级）"

# The titles as published, one per attachment (附件12 holds 14 project tables, -1 .. -14).
TITLES = {
    1: UNIT + "财政拨款收支总表",
    2: UNIT + "一般公共预算财政拨款支出预算表",
    3: UNIT + "一般公共预算财政拨款基本支出预算表",
    4: "潼南区人民政府办公室（本级）一般公共预算“三公”经费支出表",
    5: UNIT + "政府性基金预算支出表",
    6: UNIT + "部门收支总表",
    7: UNIT + "部门收入总表",
    8: UNIT + "部门支出总表",
    9: UNIT + "政府采购预算明细表",
    10: "重庆市潼南区人民政府办公室项目支出明细表",
    11: "重庆市潼南区人民政府办公室(本级)预算整体绩效目标表",
    12: "重庆市潼南区人民政府办公室2025年预算项目绩效目标表-1",
}
PROJECT_TITLE = "重庆市潼南区人民政府办公室2025年预算项目绩效目标表-{}"
NARRATIVE_PAGES = 3


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _amount(text: str) -> Decimal:
    """A printed amount; blank cells count as zero."""
    text = text.replace(",", "").strip()
    return Decimal(text) if text else Decimal(0)


@pytest.fixture(scope="module")
def data() -> dict:
    return sample.load_data()


@pytest.fixture(scope="module")
def pages() -> list:
    """Per page of the committed PDF: (text, [table rows as extracted by pdfplumber])."""
    if not PDF.exists():
        pytest.fail(f"committed sample missing: {PDF} (run python -m analysis.sample.build)")
    out = []
    with pdfplumber.open(PDF) as pdf:
        for page in pdf.pages:
            out.append((page.extract_text() or "", [t.extract() for t in page.find_tables()]))
    return out


def _table(data: dict, number: int, index: int = 0) -> dict:
    attachment = next(a for a in data["attachments"] if a["number"] == number)
    return attachment["tables"][index]


def _title_pages(pages: list, title: str) -> list:
    return [i for i, (text, _) in enumerate(pages, start=1) if title in text.splitlines()]


# --------------------------------------------------------------------------- (1) no drift

def test_rebuilding_gives_the_committed_bytes(tmp_path):
    out = sample.build(tmp_path / "sample.pdf")
    assert out.read_bytes() == PDF.read_bytes(), (
        "data/raw/chongqing-tongnan-govoffice-2025.pdf is stale: run python -m analysis.sample.build")


def test_main_writes_to_the_given_path(tmp_path, capsys):
    out = tmp_path / "nested" / "x.pdf"
    assert sample.main(["--out", str(out)]) == 0
    assert out.read_bytes()[:5] == b"%PDF-"
    assert str(out) in capsys.readouterr().out


# --------------------------------------------------------------------------- (2) the PDF reads back

def test_page_layout(pages):
    assert len(pages) == 36
    # Narrative first, without tables; every later page holds a ruled table.
    for text, tables in pages[:NARRATIVE_PAGES]:
        assert tables == []
    for number, (text, tables) in enumerate(pages[NARRATIVE_PAGES:], start=NARRATIVE_PAGES + 1):
        assert tables, f"page {number} has no ruled table"
        assert max(len(rows) for rows in tables) >= 2
    # Footer page numbers.
    for number, (text, _) in enumerate(pages, start=1):
        assert text.splitlines()[-1].strip() == str(number)


def test_attachment_labels_and_titles(pages):
    for number, title in TITLES.items():
        found = _title_pages(pages, title)
        assert found, f"title of 附件{number} not found: {title}"
        lines = pages[found[0] - 1][0].splitlines()
        # Label, title and unit lines as plain text above the grid.
        assert lines[:3] == [f"附件{number}", title, "单位：万元"], lines[:3]
    for n in range(1, 15):
        assert len(_title_pages(pages, PROJECT_TITLE.format(n))) in (1, 2)


def test_long_tables_span_two_pages_and_repeat_their_headers(pages):
    assert _title_pages(pages, TITLES[1]) == [4, 5]
    assert _title_pages(pages, TITLES[3]) == [7, 8]
    assert _title_pages(pages, TITLES[6]) == [11, 12]
    assert _title_pages(pages, TITLES[10]) == [16, 17]
    for page in (5, 8, 17):
        first_row = pages[page - 1][1][0][0]
        assert first_row[0] in {"收入", "经济分类科目", "序号"}
    # Performance tables -3, -5, -6, -8 continue on a second page with the indicator header row.
    for n, page in ((3, 21), (5, 24), (6, 26), (8, 29)):
        assert _title_pages(pages, PROJECT_TITLE.format(n)) == [page]
        header = pages[page][1][0][0]
        assert header == ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "指标性质", "度量单位"]


def test_key_figures_and_punctuation_in_text(pages):
    text = "\n".join(t for t, _ in pages)
    for figure in ("2218.51", "1013.51", "1205.00", "725.33", "206.14", "51.00", "1,337.23", "881.28"):
        assert figure in text, figure
    # The narrative without the footer page numbers, which would split a sentence running over a page.
    narrative = _squash("".join("".join(t.splitlines()[:-1]) for t, _ in pages[:NARRATIVE_PAGES]))
    for phrase in ("收入预算为2218.51万元", "支出预算为2218.51万元，比上年增加881.28万元", "一般公共服务支出安排1955.20万元",
                   "社会保障和就业支出安排181.56万元", "卫生健康支出安排17.38万元", "住房保障支出安排64.37万元",
                   "基本支出安排1013.51万元，比2024年增加10.28万元", "项目支出安排1205万元，比2024年增加871万元",
                   "政府性基金预算收入安排0万元", "政府性基金预算支出安排0万元",
                   "“三公”经费预算安排51万元，比2024年增加8万元", "公务用车运行维护费预算36万元，比2024年增加8万元",
                   "公务接待费预算15万元（持平）", "因公出国（境）费用预算0万元（持平）", "公务用车购置费预算0万元（持平）",
                   "206.14万元，较上年增加16.94万元", "政府采购预算总额为0万元", "货物采购预算0万元，工程采购预算0万元，服务采购预算0万元",
                   "财政拨款1205万元", "实有车辆9辆，其中一般公务用车9辆", "计划购置车辆0辆",
                   "行政编制25名", "事业编制8名", "六、专业性名词解释"):
        assert phrase in narrative, phrase
    # Full-width punctuation and operators come back as the same characters.
    for mark in ("（本级）", "“三公”", "、", "：", "≥", "≤", "＝", "；"):
        assert mark in text, mark


def test_published_quirks_survive_extraction(pages):
    rows = [row for _, tables in pages for table in tables for row in table]
    assert ["合计", None, "1,337.23", "2218.51", "1013.51", "1205.00"] in rows
    assert ["30114", "医疗费", "725.33", "725.33", ""] in rows
    assert ["302", "商品和服务支出", "189.20", "", "189.20"] in rows
    assert ["303", "医疗费补助", "5.40", "5.40", ""] in rows
    assert ["合计", None, "43.00", "", "43.00", "", "28.00", "15.00", "43.00", "", "51.00", "", "36", "15.00"] in rows
    assert ["收入总计", ",.", "支出总计", ",."] in rows
    assert ["", "", "十一、节能环保支出", ",."] in rows
    assert ["（二）政府性基金预算拨款", ".", "（二）外交支出", "", "", "", ""] in rows
    assert ["合计"] + [""] * 11 in rows  # 附件9: an empty government-procurement table
    squashed = [[_squash(c) for c in row if c] for row in rows]
    assert ["成本指标", "经济成本指标", "全区政务信息培训（2次*3万/次）", "6", "≥", "万元"] in squashed
    assert ["成本指标", "经济成本指标", "政府网站内容安全云检测（12次*0.83万/次）", "10", "＝", "万元"] in squashed
    text = "\n".join(t for t, _ in pages)
    assert "（备注：本单位无政府性基金收支，故此表无数据。）" in text


def test_every_table_cell_reads_back(pages, data):
    """Each non-empty cell of the data file is a cell of a ruled table in the PDF."""
    extracted = {_squash(c) for _, tables in pages for table in tables for row in table for c in row if c}
    expected = []
    for attachment in data["attachments"]:
        for table in attachment["tables"]:
            if table["kind"] == "grid":
                for row in table["header"] + table["rows"]:
                    expected += [c for c in row if c not in ("", "<", "^")]
            elif table["kind"] == "project_performance":
                expected += [v for v in table["project"].values() if v]
                expected += [c for row in table["indicators"] for c in row if c]
            else:
                expected += [table["department"], table["budget"], table["target"]] + table["indicator_columns"]
                expected += [c for row in table["indicators"] for c in row if c]
    assert len(expected) > 1500
    missing = [c for c in expected if _squash(c) not in extracted]
    assert missing == []


# --------------------------------------------------------------------------- (3) the data

def test_function_table_sums_as_published(data):
    table = _table(data, 2)
    assert table["title"] == TITLES[2]
    rows = {row[0]: row for row in table["rows"]}
    # [2024年预算数, 总计, 基本支出, 项目支出] as published.
    published = {
        "合计": ("1,337.23", "2218.51", "1013.51", "1205.00"),
        "201": ("1,042.00", "1955.20", "750.20", "1205.00"),
        "20103": ("1,042.00", "1955.20", "750.20", "1205.00"),
        "2010301": ("708.00", "750.20", "750.20", ""),
        "2010302": ("334.00", "1205.00", "", "1205.00"),
        "208": ("174.21", "181.56", "181.56", ""),
        "20805": ("174.21", "181.56", "181.56", ""),
        "2080505": ("70.03", "73.16", "73.16", ""),
        "2080506": ("35.02", "36.58", "36.58", ""),
        "2080599": ("69.16", "71.82", "71.82", ""),
        "210": ("59.55", "17.38", "17.38", ""),
        "21011": ("59.55", "17.38", "17.38", ""),
        "2101101": ("49.55", "6.86", "6.86", ""),
        "2101103": ("4.80", "5.12", "5.12", ""),
        "2101199": ("5.20", "5.4", "5.4", ""),
        "221": ("61.47", "64.37", "64.37", ""),
        "22102": ("61.47", "64.37", "64.37", ""),
        "2210201": ("61.47", "64.37", "64.37", ""),
    }
    assert {code: tuple(row[2:]) for code, row in rows.items()} == published

    amounts = {code: [_amount(v) for v in row[2:]] for code, row in rows.items()}
    # 总计 = 基本支出 + 项目支出 on every row.
    for code, (_, total, basic, project) in amounts.items():
        assert total == basic + project, code
    # Every level is the sum of the level below, in all four columns.
    codes = [c for c in amounts if c != "合计"]
    for parent in codes:
        children = [c for c in codes if c.startswith(parent) and len(c) == len(parent) + 2]
        if children:
            sums = [sum(amounts[c][i] for c in children) for i in range(4)]
            assert sums == amounts[parent], parent
    classes = [c for c in codes if len(c) == 3]
    assert [sum(amounts[c][i] for c in classes) for i in range(4)] == amounts["合计"]
    assert amounts["合计"] == [Decimal("1337.23"), Decimal("2218.51"), Decimal("1013.51"), Decimal("1205.00")]


def test_expenditure_table_repeats_the_function_table(data):
    function = {row[0]: row[3:] for row in _table(data, 2)["rows"]}
    expenditure = {row[0]: row[2:] for row in _table(data, 8)["rows"]}
    assert expenditure == function


def test_economic_table_keeps_its_published_errors(data):
    rows = {row[0]: row for row in _table(data, 3)["rows"]}
    assert rows["合计"][2:] == ["1013.51", "807.37", "206.14"]
    assert rows["30112"][1:3] == ["其他社会保障缴费", "64.37"]
    assert rows["30113"][1:3] == ["住房公积金", "5.12"]
    assert rows["30114"][1:3] == ["医疗费", "725.33"]
    assert rows["30239"][1:3] == ["对个人和家庭的补助", "82.05"]
    assert rows["30299"][1:3] == ["生活补助", "76.65"]
    assert rows["303"][1:3] == ["医疗费补助", "5.40"]
    goods = [c for c in rows if c.startswith("302") and len(c) == 5 and c not in ("30239", "30299")]
    assert sum(_amount(rows[c][2]) for c in goods) == Decimal("206.14")  # printed 302 total: 189.20
    assert rows["302"][2] == "189.20"


def test_projects_match_their_performance_tables(data):
    projects = [row for row in _table(data, 10)["rows"] if row[0] != "合计"]
    assert len(projects) == 14
    assert sum(_amount(row[5]) for row in projects) == Decimal("1205.00")
    assert sum(_amount(row[8]) for row in projects) == Decimal("985.00")
    assert sum(_amount(row[9]) for row in projects) == Decimal("220.00")
    performance = [_table(data, 12, i) for i in range(14)]
    assert [t["project"]["name"] for t in performance] == [row[4] for row in projects]
    assert [_amount(t["project"]["amount"]) for t in performance] == [_amount(row[5]) for row in projects]
    assert [t["title"] for t in performance] == [PROJECT_TITLE.format(n) for n in range(1, 15)]


def test_three_public_table_as_published(data):
    table = _table(data, 4)
    assert table["title"] == TITLES[4]
    assert table["rows"][0] == ["合计", "<", "43.00", "", "43.00", "", "28.00", "15.00",
                                "43.00", "", "51.00", "", "36", "15.00"]
    assert table["header"][0][2] == "2024年预算数" and table["header"][0][8] == "2025年预算数"
