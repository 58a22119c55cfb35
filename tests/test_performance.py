"""Performance-target tables (整体绩效目标表, 项目绩效目标表) -> PerformanceTarget."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from analysis.inputs.base import Cell, Line
from analysis.parse.performance import (
    is_unit, labels_to_keys, parse_performance, peel_tail,
)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "chongqing-tongnan-2025"
RULED_PDF = REPO / "data" / "raw" / "chongqing-tongnan-govoffice-2025.pdf"

PROJECT_KEYS = ["level1", "level2", "name", "value", "nature", "unit"]
OVERALL_KEYS = ["name", "weight", "unit", "nature", "value"]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def text_lines(block: str, page: int = 1) -> list[Line]:
    """Text lines as analysis.inputs.text makes them; a line "<page>" starts a new page."""
    out, y = [], 0.0
    for raw in block.strip("\n").splitlines():
        if raw.strip() == "<page>":
            page += 1
            continue
        if not raw.strip():
            continue
        y += 1
        out.append(Line(page=page, top=y, cells=[Cell(t) for t in raw.split()], grid=False))
    return out


def grid(page: int, *cells: tuple) -> Line:
    """A ruled row: cells are (text, x0, x1)."""
    return Line(page=page, top=0.0, cells=[Cell(t, x0, x1) for t, x0, x1 in cells], grid=True,
                grid_id=f"p{page}t0")


def summary(target) -> list[tuple]:
    return [(i.level1, i.level2, i.name, i.value_raw, i.value, i.operator, i.unit, i.nature, i.weight)
            for i in target.indicators]


def corpus_lines() -> list[Line]:
    from analysis.inputs.text import read_text

    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip(f"corpus not available: {CORPUS} (the shared corpus sits beside the repository)")
    doc = read_text(files[0])
    return [l for p in doc.pages for l in p.lines]


def table_slices(lines: list[Line]) -> dict[str, tuple[str, list[Line]]]:
    """'overall' / 'project-N' -> (title, lines after the title up to the next title).

    A title repeated on a continuation page (same text as the open table's) does not
    start a new table; the parser skips it.
    """
    titles = []
    for i, line in enumerate(lines):
        c = re.sub(r"\s+", "", line.text)
        if "绩效目标表" in c and len(c) < 60 and (not titles or titles[-1][1] != c):
            titles.append((i, c))
    out = {}
    for n, (i, c) in enumerate(titles):
        end = titles[n + 1][0] if n + 1 < len(titles) else len(lines)
        m = re.search(r"绩效目标表-(\d+)", c)
        key = f"project-{m.group(1)}" if m else ("overall" if "整体" in c else c)
        out[key] = (lines[i].text, lines[i + 1:end])
    return out


@pytest.fixture(scope="module")
def corpus():
    tables = table_slices(corpus_lines())
    parsed = {}
    for key, (title, body) in tables.items():
        kind = "overall" if key == "overall" else "project"
        parsed[key] = parse_performance(body, kind, title, file="tongnan.txt")
    return parsed


# ---------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------
def test_header_labels_give_column_order():
    assert labels_to_keys("一级指标二级指标三级指标指标值指标性质度量单位") == PROJECT_KEYS
    assert labels_to_keys("指标指标权重计量单位指标性质指标值") == OVERALL_KEYS
    assert labels_to_keys("项目名称") is None


@pytest.mark.parametrize("tokens, rest, tail", [
    ("召开区政府常务会 40 ≥ 次", ["召开区政府常务会"], {"value": "40", "nature": "≥", "unit": "次"}),
    ("满意度 ≥ 90 %", ["满意度"], {"value": "90", "nature": "≥", "unit": "%"}),
    ("开展现场督查 70次以上 11.55 ＝ 万元", ["开展现场督查", "70次以上"],
     {"value": "11.55", "nature": "＝", "unit": "万元"}),
    ("编制《调研文集》 1000 ≥ 元/户（套）", ["编制《调研文集》"],
     {"value": "1000", "nature": "≥", "unit": "元/户（套）"}),
    ("外事活动 完成 定性", ["外事活动"], {"value": "完成", "nature": "定性"}),
    ("定性 定性 定性", ["定性"], {"value": "定性", "nature": "定性"}),
    ("定性", [], {"nature": "定性"}),
    ("城市互访）综合成本", ["城市互访）综合成本"], {}),
    ("万/次）", ["万/次）"], {}),
])
def test_peel_tail_project_order(tokens, rest, tail):
    assert peel_tail(tokens.split(), PROJECT_KEYS) == (rest, tail)


@pytest.mark.parametrize("tokens, rest, tail", [
    ("开展督查次数 9% 次 ≥ 70", ["开展督查次数"], {"weight": "9%", "unit": "次", "nature": "≥", "value": "70"}),
    ("服务企业满意度 5% 无 满意", ["服务企业满意度"], {"weight": "5%", "unit": "无", "value": "满意"}),
    ("开展督查", ["开展督查"], {}),
])
def test_peel_tail_overall_order(tokens, rest, tail):
    assert peel_tail(tokens.split(), OVERALL_KEYS) == (rest, tail)


def test_units():
    for u in ("次", "万元", "%", "万元/年", "元/户（套）", "次/年", "小时", "无"):
        assert is_unit(u), u
    for t in ("满意", "长期", "综合成本", "万元/场次。"):
        assert not is_unit(t), t


# ---------------------------------------------------------------------------
# Text rows (synthetic, from the shapes of the Tongnan corpus)
# ---------------------------------------------------------------------------
PROJECT_TEXT = """
项目名称 50015224T000004234154-区政府办征兵外事专项（常年
性项目）
主管部门 312-政府办 实施单位 312001-政府办（本级）
资金总额（万元） 20 项目属性 新增
项目起始时间 2024 年 项目终止时间 长期
项目概况
用于兵役登记、审核查验、兵员征集等征兵协调工作；
立项依据 关于编制 2024 年政府部门预算的通知
项目当年绩效目标 圆满完成年度征兵工作，确保外事工
作和涉外活动顺利开展
绩效指标
一级指标 二级指标 三级指标 指标值
指标性
质
度量单位
成本指标 经济成本指标
接待港澳、外国政商代表团（包括友好
城市互访）综合成本
10 ≥ 万元
效益指标 社会效益指标 推进各项工作开展
优良中
低差
定性
产出指标 质量指标 外事活动 完成 定性
满意度指标
满意度指标
服务对象满意度指标 网上办结率 100 ＝ %
满意度指标 群众来电情况 ≥ 90 %
产出指标 数量指标 调研企业情况 ≥90 次
"""


def test_text_project_table():
    t = parse_performance(text_lines(PROJECT_TEXT), "project", "绩效目标表-2", file="x.txt")
    assert (t.project_code, t.project_name) == ("50015224T000004234154", "区政府办征兵外事专项（常年性项目）")
    assert t.department == "312-政府办"
    assert t.fund_total == Decimal("20")
    assert (t.period_start, t.period_end) == ("2024 年", "长期")
    assert t.goal == "圆满完成年度征兵工作，确保外事工作和涉外活动顺利开展"
    assert t.file == "x.txt" and t.kind == "project" and t.pages == [1]
    assert summary(t) == [
        ("成本指标", "经济成本指标", "接待港澳、外国政商代表团（包括友好城市互访）综合成本",
         "10", Decimal("10"), "≥", "万元", "定量", None),
        ("效益指标", "社会效益指标", "推进各项工作开展", "优良中低差", None, "", "", "定性", None),
        ("产出指标", "质量指标", "外事活动", "完成", None, "", "", "定性", None),
        ("满意度指标", "服务对象满意度指标", "网上办结率", "100", Decimal("100"), "=", "%", "定量", None),
        ("满意度指标", "满意度指标", "群众来电情况", "90", Decimal("90"), "≥", "%", "定量", None),
        ("产出指标", "数量指标", "调研企业情况", "90", Decimal("90"), "≥", "次", "定量", None),
    ]
    assert t.indicators[0].raw.splitlines()[0] == "成本指标 经济成本指标"


def test_text_overall_table_reads_its_own_header():
    t = parse_performance(text_lines("""
部门(单位)名称 重庆市潼南区人民政府办公室（本级） 部门支出预算数 2218.51
当年整体绩效目标
保障区政府的正常运转，
完成交办的任务。
绩效指标
指标 指标权重 计量单位 指标性质 指标值
开展督查次数 9% 次 ≥ 70
服务企业满意度 5% 无 满意
联系人：周艳
联系电话：023-44556966
"""), "overall", "预算整体绩效目标表")
    assert t.department == "重庆市潼南区人民政府办公室（本级）"
    assert t.fund_total == Decimal("2218.51")
    assert t.goal == "保障区政府的正常运转，完成交办的任务。"
    assert summary(t) == [
        ("", "", "开展督查次数", "70", Decimal("70"), "≥", "次", "定量", Decimal("9")),
        ("", "", "服务企业满意度", "满意", None, "", "无", "定性", Decimal("5")),
    ]


def test_name_continued_on_next_page_and_page_furniture():
    t = parse_performance(text_lines("""
项目名称 50015224T000004234172-区政府办督查议案专项
绩效指标
一级指标 二级指标 三级指标 指标值 指标性质 度量单位
产出指标 时效指标
督促部门、镇街按照中央、国务院和市
委、市政府有关工作和区委、区政府明确的
完成 定性
12
<page>
既定目标、时间节点抓好工作贯彻落实。
绩效指标
一级指标 二级指标 三级指标 指标值 指标性质 度量单位
效益指标 可持续影响指标 政府督查作用持续期限。 长期 定性
"""), "project", "t")
    assert [i.name for i in t.indicators] == [
        "督促部门、镇街按照中央、国务院和市委、市政府有关工作和区委、区政府明确的"
        "既定目标、时间节点抓好工作贯彻落实。",
        "政府督查作用持续期限。",
    ]
    assert t.pages == [1, 2]
    assert t.indicators[1].page == 2


def test_row_that_cannot_be_split_is_kept():
    t = parse_performance(text_lines("""
绩效指标
一级指标 二级指标 三级指标 指标值 指标性质 度量单位
产出指标 数量指标 某项工作推进情况
产出指标 数量指标 召开区政府常务会 40 ≥ 次
"""), "project", "t")
    first, second = t.indicators
    assert (first.level1, first.level2, first.value_raw, first.nature) == \
        ("产出指标", "数量指标", "产出指标 数量指标 某项工作推进情况", "")
    assert second.name == "召开区政府常务会" and second.value == Decimal("40")


def test_text_after_the_table_on_its_own_page_is_not_an_indicator():
    t = parse_performance(text_lines("""
绩效指标
一级指标 二级指标 三级指标 指标值 指标性质 度量单位
满意度指标 服务对象满意度指标 满意度 90 ≥ %
40
<page>
重庆市潼南区人民政府办公室（本级）
"""), "project", "t")
    assert [i.name for i in t.indicators] == ["满意度"]
    assert t.pages == [1]


def test_fund_printed_in_yuan_is_converted():
    t = parse_performance(text_lines("资金总额（元） 500000\n绩效指标"), "project", "t")
    assert t.fund_total == Decimal("50")


def test_kind_is_checked():
    with pytest.raises(ValueError):
        parse_performance([], "projects", "t")


# ---------------------------------------------------------------------------
# Ruled rows (a ruled-PDF version of 绩效目标表-1, built by hand)
# ---------------------------------------------------------------------------
FULL = 10, 500
COLS = {"level1": (40, 100), "level2": (100, 170), "name": (170, 330),
        "value": (330, 390), "nature": (390, 440), "unit": (440, 500)}


def row(page: int, **cells: str) -> Line:
    return grid(page, *[(text, *COLS[key]) for key, text in cells.items()])


def header(page: int) -> Line:
    return grid(page, ("绩效指标", 10, 40), ("一级指标", *COLS["level1"]), ("二级指标", *COLS["level2"]),
                ("三级指标", *COLS["name"]), ("指标值", *COLS["value"]), ("指标性\n质", *COLS["nature"]),
                ("度量单位", *COLS["unit"]))


def ruled_table_1() -> list[Line]:
    return [
        grid(21, ("项目名称", 10, 100), ("50015222T000000125711-区政府办政府会议专项", 100, 500)),
        grid(21, ("主管部门", 10, 100), ("312-政府办", 100, 250), ("实施单位", 250, 330),
             ("312001-政府办（本级）", 330, 500)),
        grid(21, ("资金总额（万元）", 10, 100), ("50", 100, 250), ("项目属性", 250, 330), ("新增", 330, 500)),
        grid(21, ("项目起始时间", 10, 100), ("2022 年", 100, 250), ("项目终止时间", 250, 330), ("长期", 330, 500)),
        grid(21, ("项目概况", 10, 100), ("项目预算用于区政府全体会、区政府党组会等各类会议的会务支出以及会议\n"
                                       "室维修维护等支出。", 100, 500)),
        grid(21, ("立项依据", 10, 100), ("根据市政府工作规则", 100, 500)),
        grid(21, ("项目当年绩效目标", 10, 100), ("确保各类会议顺利召开，有效推进\n工作开展。", 100, 500)),
        header(21),
        # 产出指标 is merged over four rows, 数量指标 and 成本指标 over two each
        row(21, level1="产出指标", level2="数量指标", name="区政府全体会议、区长办公会、专\n题会",
            value="168", nature="≥", unit="次"),
        row(21, name="召开区政府常务会", value="40", nature="≥", unit="次"),
        row(21, level2="成本指标", name="会议系统维护", value="85000", nature="＝", unit="元"),
        row(21, name="印制会议资料", value="200000", nature="＝", unit="元"),
        # the table goes on over a page break: title and header are repeated
        Line(page=22, top=0.0, cells=[Cell("重庆市潼南区人民政府办公室"), Cell("2025年预算项目绩效目标表-1")]),
        header(22),
        row(22, level1="效益指标", level2="社会效益指标", name="推进各项工作开展", value="优良中\n低差",
            nature="定性", unit=""),
        row(22, level1="满意度指标", level2="服务对象满意度指标", name="满意度", value="90", nature="≥",
            unit="%"),
    ]


TABLE_1 = [
    ("产出指标", "数量指标", "区政府全体会议、区长办公会、专题会", "168", Decimal("168"), "≥", "次", "定量", None),
    ("产出指标", "数量指标", "召开区政府常务会", "40", Decimal("40"), "≥", "次", "定量", None),
    ("产出指标", "成本指标", "会议系统维护", "85000", Decimal("85000"), "=", "元", "定量", None),
    ("产出指标", "成本指标", "印制会议资料", "200000", Decimal("200000"), "=", "元", "定量", None),
    ("效益指标", "社会效益指标", "推进各项工作开展", "优良中低差", None, "", "", "定性", None),
    ("满意度指标", "服务对象满意度指标", "满意度", "90", Decimal("90"), "≥", "%", "定量", None),
]


def check_table_1(t) -> None:
    assert (t.project_code, t.project_name) == ("50015222T000000125711", "区政府办政府会议专项")
    assert t.department == "312-政府办"
    assert t.fund_total == Decimal("50")
    assert t.period_start.replace(" ", "") == "2022年" and t.period_end == "长期"
    assert t.goal == "确保各类会议顺利召开，有效推进工作开展。"
    assert summary(t) == TABLE_1


def test_ruled_table_1():
    t = parse_performance(ruled_table_1(), "project", "2025年预算项目绩效目标表-1", file="x.pdf")
    check_table_1(t)
    assert t.pages == [21, 22]
    assert [i.page for i in t.indicators] == [21, 21, 21, 21, 22, 22]
    assert t.indicators[1].raw == "召开区政府常务会 | 40 | ≥ | 次"


def test_ruled_rows_without_positions_are_right_aligned():
    lines = [Line(page=1, top=0.0, grid=True, cells=[Cell(t) for t in texts]) for texts in (
        ["一级指标", "二级指标", "三级指标", "指标值", "指标性质", "度量单位"],
        ["产出指标", "数量指标", "召开区政府常务会", "40", "≥", "次"],
        ["印制会议资料", "200000", "＝", "元"],
    )]
    t = parse_performance(lines, "project", "t")
    assert [(i.level1, i.level2, i.name, i.value, i.operator, i.unit) for i in t.indicators] == [
        ("产出指标", "数量指标", "召开区政府常务会", Decimal("40"), "≥", "次"),
        ("产出指标", "数量指标", "印制会议资料", Decimal("200000"), "=", "元"),
    ]


def test_ruled_row_cut_by_a_page_break_is_joined():
    t = parse_performance([
        header(23),
        row(23, level1="产出指标", level2="时效指标", name="督促部门、镇街按照中央、国务院和市\n委、市政府明确的",
            value="完成", nature="定性", unit=""),
        header(24),
        row(24, name="既定目标、时间节点抓好工作贯彻落实。"),
        row(24, level1="效益指标", level2="社会效益指标", name="督促重点工作", value="长期", nature="定性"),
    ], "project", "t")
    assert [(i.level1, i.name, i.value_raw) for i in t.indicators] == [
        ("产出指标", "督促部门、镇街按照中央、国务院和市委、市政府明确的既定目标、时间节点抓好工作贯彻落实。", "完成"),
        ("效益指标", "督促重点工作", "长期"),
    ]


def test_ruled_overall_table():
    cols = [("指标", 10, 200), ("指标权重", 200, 260), ("计量单位", 260, 320), ("指标性质", 320, 380),
            ("指标值", 380, 500)]
    lines = [
        grid(20, ("部门(单位)名称", 10, 100), ("重庆市潼南区人民政府办公室（本级）", 100, 300),
             ("部门支出预算数", 300, 400), ("2218.51", 400, 500)),
        grid(20, ("当年整体绩效目标", 10, 100), ("保障区政府的正常运转。", 100, 500)),
        grid(20, ("绩效指标", 10, 500)),
        grid(20, *cols),
        grid(20, *[(t, x0, x1) for t, (_, x0, x1) in zip(["开展督查次数", "9%", "次", "≥", "70"], cols)]),
        grid(20, *[(t, x0, x1) for t, (_, x0, x1) in zip(["服务企业满意度", "5%", "无", "", "满意"], cols)]),
    ]
    t = parse_performance(lines, "overall", "预算整体绩效目标表")
    assert t.department == "重庆市潼南区人民政府办公室（本级）" and t.fund_total == Decimal("2218.51")
    assert t.goal == "保障区政府的正常运转。"
    assert summary(t) == [
        ("", "", "开展督查次数", "70", Decimal("70"), "≥", "次", "定量", Decimal("9")),
        ("", "", "服务企业满意度", "满意", None, "", "无", "定性", Decimal("5")),
    ]


# ---------------------------------------------------------------------------
# The Tongnan 2025 disclosure (text extracted from its PDF)
# ---------------------------------------------------------------------------
# Indicator rows counted by reading 附件11 and 附件12 of the text.
CORPUS_COUNTS = {
    "overall": 10, "project-1": 6, "project-2": 11, "project-3": 16, "project-4": 11, "project-5": 17,
    "project-6": 16, "project-7": 8, "project-8": 18, "project-9": 4, "project-10": 8, "project-11": 7,
    "project-12": 12, "project-13": 8, "project-14": 14,
}
CORPUS_FUNDS = {
    "overall": "2218.51", "project-1": "50", "project-2": "20", "project-3": "60", "project-4": "15",
    "project-5": "70", "project-6": "60", "project-7": "60", "project-8": "300", "project-9": "20",
    "project-10": "220", "project-11": "200", "project-12": "40", "project-13": "40", "project-14": "50",
}


def test_corpus_tables_and_counts(corpus):
    assert {k: len(t.indicators) for k, t in corpus.items()} == CORPUS_COUNTS
    assert {k: str(t.fund_total) for k, t in corpus.items()} == CORPUS_FUNDS
    for key, t in corpus.items():
        for ind in t.indicators:
            assert ind.nature in ("定量", "定性"), (key, ind.raw)   # every row was split
            assert ind.operator in ("≥", "≤", "=", ">", "<", "")
            assert ind.name, (key, ind.raw)
            assert (ind.nature == "定量") == (ind.value is not None and ind.operator != "")
        if key != "overall":
            assert re.fullmatch(r"50015\d{3}T\d{12}", t.project_code), key
            assert t.department == "312-政府办" and t.period_end == "长期" and t.goal, key


def test_corpus_table_1(corpus):
    t = corpus["project-1"]
    check_table_1(t)
    assert t.period_start == "2022 年"   # as printed, words joined with one space
    assert t.pages == [21] and t.file == "tongnan.txt"


def test_corpus_table_5_wrapped_names(corpus):
    t = corpus["project-5"]
    assert t.project_name == "区政府办电子政务、政务（政府）信息公开专项（常年性项目）"
    by_name = {i.name: (i.value, i.operator, i.unit) for i in t.indicators}
    assert by_name["全区政务信息培训（2 次*3 万/次）"] == (Decimal("6"), "≥", "万元")
    assert by_name["政府网站内容安全云检测（12 次*0.83万/次）"] == (Decimal("10"), "=", "万元")
    assert by_name["政务新媒体内容安全云检测（12 次*0.6万/次）"] == (Decimal("6.9"), "≥", "万元")
    assert by_name["潼南政报（60期*300 份*3 元/份）、合订本（100 元/本*150 本）、大事记编撰印刷"
                   "（50 元/本*300 本）综合成本"] == (Decimal("8.1"), "≥", "万元")
    assert t.pages == [26, 27]


def test_corpus_overall(corpus):
    t = corpus["overall"]
    assert t.kind == "overall" and t.department == "重庆市潼南区人民政府办公室（本级）"
    assert t.fund_total == Decimal("2218.51")
    assert t.goal.startswith("保障区政府的正常运转") and t.goal.endswith("统筹协调好“放管服”改革工作。")
    # the printed weights add up to 92% (9+5+8+5+5+5+5+7+29+14), not 100%
    assert sum(i.weight for i in t.indicators) == Decimal("92")
    assert [(i.name, i.value_raw, i.operator, i.unit) for i in t.indicators][:2] == [
        ("开展督查次数", "70", "≥", "次"), ("服务企业满意度", "满意", "", "无")]
    assert t.indicators[-2].value == Decimal("1013.51") and t.indicators[-1].value == Decimal("1205.00")


def test_corpus_special_rows(corpus):
    def find(key, name):
        return next(i for i in corpus[key].indicators if i.name == name)

    # a name cut by a page break, its last line printed on the next page
    assert find("project-3", "督促部门、镇街按照中央、国务院和市委、市政府有关工作和区委、区政府明确的"
                             "既定目标、时间节点抓好工作贯彻落实。").value_raw == "完成"
    # a name with words before the value on the same line
    assert find("project-3", "开展现场督查 70次以上").value == Decimal("11.55")
    # a merged 一级指标 printed on two lines of its own
    r = find("project-6", "网上办结率")
    assert (r.level1, r.level2, r.value, r.operator, r.unit) == \
        ("满意度指标", "服务对象满意度指标", Decimal("100"), "=", "%")
    assert find("project-6", "群众来电情况").level2 == "满意度指标"
    assert find("project-6", "重大突发事件调度时限").value_raw == "立即响应"
    assert find("project-7", "群众满意度").level2 == "满意度指标"
    assert find("project-9", "定性").value_raw == "定性"
    assert find("project-13", "编制《调研文集》").unit == "元/户（套）"
    # text after the last table (page number, back cover) is not an indicator
    assert corpus["project-14"].indicators[-1].name == "满意度" and corpus["project-14"].pages == [38]


# ---------------------------------------------------------------------------
# The ruled PDF of the same disclosure (built by a colleague; optional)
# ---------------------------------------------------------------------------
def test_ruled_pdf_matches_text(corpus):
    if not RULED_PDF.exists():
        pytest.skip(f"ruled PDF not built yet: {RULED_PDF}")
    from analysis.inputs.pdf import read_pdf

    doc = read_pdf(RULED_PDF)
    lines = [l for p in doc.pages for l in p.lines]
    tables = table_slices(lines)
    assert set(tables) == set(CORPUS_COUNTS)
    for key, (title, body) in tables.items():
        t = parse_performance(body, "overall" if key == "overall" else "project", title, RULED_PDF.name)
        expected = corpus[key]
        assert len(t.indicators) == CORPUS_COUNTS[key], key
        assert (t.project_code, t.fund_total) == (expected.project_code, expected.fund_total), key
        squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
        assert [(squash(i.name), i.value, i.operator, i.unit) for i in t.indicators] == \
            [(squash(i.name), i.value, i.operator, i.unit) for i in expected.indicators], key
