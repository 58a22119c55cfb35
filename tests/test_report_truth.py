"""What a report shows is true of the disclosure: charts laid out the same whatever fonts the
machine drawing them has, CSV downloads that Excel on Chinese Windows reads, no ``NaN``, a "nothing
to show" note only when the tables hold nothing, a disclosure that disagrees with itself said so,
shares that account for the whole, 三公 apart from 会议费 and 培训费, headings for 预算 and 决算."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.reports import present

ROOT = Path(__file__).resolve().parents[1]
LONG = "区政府办电子政务、政务（政府）信息公开专项（常年性项目）"


def _chart_svg() -> str:
    df = pd.DataFrame({"n": [LONG, "一般公共服务支出", "abc 2024"], "v": [1.0, 2.0, 3.0],
                       "g": ["2024年", "2025年", "2025年"]})
    return (present.svg_text(present.bar(df, "n", "v", "金额最大的项目（万元，至多20项）" * 3, color="g"))
            + present.svg_text(present.grouped_bar(df, "n", "v", "g", "“三公”经费：本年与上年（万元）")))


def _layout(svg: str) -> list:
    """Every element of the SVG but the invisible backgrounds of legend entries (sized by vl-convert's
    own measure of the legend labels, drawn with no fill or stroke)."""
    return [e for e in re.findall(r"<[^>]*>", svg) if not re.match(r'<path class="background"[^>]*pointer-events', e)]


def test_text_width_counts_wide_characters_as_one_em():
    assert present.text_width("三公经费", 10) == 40
    assert present.text_width("ab", 10) == pytest.approx(2 * present.NARROW_EM * 10)
    assert present.text_width("一二\n一二三", 10) == 30          # the widest line
    assert present.axis_extent(["一二三"]) == 33 + present.AXIS_GAP
    lines = present.title_lines("一" * 50, 140)
    assert [len(x) for x in lines] == [10] * 5 and "".join(lines) == "一" * 50


def test_chart_room_for_labels_comes_from_the_characters_not_from_the_fonts():
    """The y axis takes exactly the room its widest (wrapped) label needs at 1 em per CJK character:
    the plot starts at padding + that room, whatever vl-convert measured."""
    svg = present.svg_text(present.bar(pd.DataFrame({"n": [LONG, "x"], "v": [1.0, 2.0]}), "n", "v", "标题"))
    room = present.axis_extent(present.wrap(LONG).split("\n"))
    assert room == 16 * present.LABEL_SIZE + present.AXIS_GAP
    x = int(re.search(r'<g fill="none" stroke-miterlimit="10" transform="translate\((\d+),', svg).group(1))
    assert x == 8 + room
    assert int(re.search(r'width="(\d+)"', svg).group(1)) >= 8 + room + present.CHART_WIDTH + 8


def test_long_titles_wrap_within_the_chart():
    svg = present.svg_text(present.bar(pd.DataFrame({"n": ["a"], "v": [1.0]}), "n", "v", "很长的标题" * 30))
    width = int(re.search(r'width="(\d+)"', svg).group(1))
    titles = re.findall(r'<g class="mark-text role-title-text".*?</g>', svg, flags=re.S)
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", titles[0]) or re.findall(r">([^<>]+)</text>", titles[0])
    assert "".join(lines) == "很长的标题" * 30 and len(lines) > 1
    assert all(present.text_width(x, present.TITLE_SIZE) <= width for x in lines)


CAN_HIDE_FONTS = (sys.platform.startswith("linux") and shutil.which("unshare") is not None
                  and Path("/usr/share/fonts").is_dir())


@pytest.mark.slow
@pytest.mark.skipif(not CAN_HIDE_FONTS, reason="needs Linux with unshare to hide the system fonts from one process")
def test_charts_are_the_same_on_a_machine_without_cjk_fonts(tmp_path):
    """The same charts drawn in a process that sees no system font at all (every font folder
    hidden in a private mount namespace) are laid out exactly as with the fonts."""
    empty = tmp_path / "empty"
    empty.mkdir()
    script = tmp_path / "draw.py"
    script.write_text("import sys\nsys.path.insert(0, %r)\nfrom tests.test_report_truth import _chart_svg\n"
                      "open(sys.argv[1], 'w', encoding='utf-8').write(_chart_svg())\n" % str(ROOT), encoding="utf-8")
    hide = " && ".join(f"mount --bind {empty} {d}" for d in ("/usr/share/fonts", "/usr/local/share/fonts")
                       if Path(d).is_dir())
    out = tmp_path / "bare.svg"
    r = subprocess.run(["unshare", "-m", "sh", "-c", f"{hide} && fc-list 2>/dev/null | wc -l > {tmp_path}/n && "
                        f"{sys.executable} {script} {out}"], capture_output=True, text=True, timeout=300)
    if r.returncode != 0 and "Operation not permitted" in r.stderr:
        pytest.skip(f"cannot make a private mount namespace here: {r.stderr.strip()[:200]}")
    assert r.returncode == 0, r.stderr[-2000:]
    if (tmp_path / "n").read_text().strip() not in ("0", ""):
        pytest.skip("fonts still visible in the private namespace")
    assert _layout(out.read_text(encoding="utf-8")) == _layout(_chart_svg())


# ---------------------------------------------------------------------------
# what the department report shows, on real disclosures
# ---------------------------------------------------------------------------
import copy  # noqa: E402
from decimal import Decimal  # noqa: E402

from analysis.reports import findings as report_findings, frames  # noqa: E402
from analysis.store import write_disclosure  # noqa: E402

from .conftest import CORPUS, needs_sample, needs_shared  # noqa: E402

SECTIONS = {"收入来源": frames.income_by_source, "支出功能分类": frames.expenditure_by_function,
            "人员经费与公用经费": frames.personnel_vs_public}


def _rows(df: pd.DataFrame, *cols) -> list:
    return [tuple(r) for r in df[list(cols)].itertuples(index=False)]


def _one(jiangsu: dict, name: str, year: int):
    [d] = [d for (_, y), d in jiangsu.items() if name in d.department and y == year]
    return d


@needs_shared
def test_jiangsu_sections_show_what_the_tables_print(jiangsu):
    """Jiangsu prints income sources as rows, function classes only in the 财政拨款 and 一般公共预算
    tables, 人员经费/公用经费 only as economic classes, 预留机动经费 beside 基本/项目支出, and 会议费 and
    培训费 in its 三公 table: every section shows them, and no section says there is nothing."""
    d = _one(jiangsu, "委办公厅", 2018)
    assert _rows(frames.income_by_source(d), "收入来源 source", "金额 万元") == [
        ("一般公共预算资金：公共财政拨款(补助)资金", 24458.43)]
    fx = frames.expenditure_by_function(d)
    assert _rows(fx, "科目 code", "合计 total") == [("201", 20153.75), ("208", 1289.52), ("221", 3015.16)]
    assert frames.function_long(fx)["类别"].unique().tolist() == ["合计 total"]     # no 基本/项目 columns: totals charted
    pp = frames.personnel_vs_public(d)
    assert _rows(pp, "类别 part", "金额 万元", "占比 share %") == [("人员经费 personnel", 8308.53, 79.9),
                                                              ("公用经费 public", 2094.58, 20.1)]
    assert "301+303" in pp["来源 source"].iloc[0]
    bp = frames.basic_vs_project(d)
    assert _rows(bp, "类别 part", "金额 万元") == [("基本支出", 10403.11), ("项目支出", 12081.46),
                                                 ("单位预留机动经费", 1973.86)]
    assert round(sum(bp["金额 万元"]), 2) == 24458.43 and round(sum(bp["占比 share %"]), 1) == 100.0
    tp = frames.three_public(d)
    assert tp["项目 item"].tolist() == ["“三公”经费小计", "因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
    assert tp["本年 budget year"].tolist() == [508.2, 70.0, 0.0, 411.2, 27.0]
    beside = frames.three_public_beside(d)
    assert _rows(beside, "项目 item", "本年 budget year") == [("会议费" + frames.NOT_THREE_PUBLIC, 933.5),
                                                           ("培训费" + frames.NOT_THREE_PUBLIC, 30.0)]
    assert not set(frames.three_public_long(tp, 2018)["项目"]) & {"会议费", "培训费", "会议费" + frames.NOT_THREE_PUBLIC}
    for (dept, year), x in sorted(jiangsu.items()):
        for what, frame in SECTIONS.items():
            assert frames.holds_figures(x, what) and not frame(x).empty, (dept, year, what)


@pytest.fixture(scope="module")
def putuo_final():
    folder = CORPUS / "shanghai-putuo" / "planning-resources"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    from analysis.parse import parse_paths

    ds, errors = parse_paths([folder])
    assert errors == [] and len(ds) == 1 and ds[0].kind == "final"
    return ds[0]


@needs_shared
def test_final_accounts_show_personnel_and_public_from_their_totals(putuo_final):
    """The national 决算 template prints 人员经费合计 and 公用经费合计 as rows of its basic table:
    they are the section, with shares of that table's 基本支出; the 三公 table compares 决算数 with
    预算数, not a prior year."""
    d = putuo_final
    pp = frames.personnel_vs_public(d)
    assert _rows(pp, "类别 part", "金额 万元", "占比 share %") == [("人员经费 personnel", 4884.09, 91.0),
                                                              ("公用经费 public", 480.66, 9.0)]
    assert frames.section_status(d, "人员经费与公用经费") == "ok"
    tp = frames.three_public(d)
    assert list(tp.columns[1:3]) == ["决算数 final accounts", "预算数 budget"]
    assert _rows(tp, "项目 item", "决算数 final accounts", "预算数 budget")[0] == ("“三公”经费小计", 0.39, 2.85)
    assert set(frames.three_public_long(tp, d.year, d.kind)["年度"]) == {"预算数", "决算数"}
    bp = frames.basic_vs_project(d)
    assert _rows(bp, "类别 part", "金额 万元") == [("基本支出", 5377.64), ("项目支出", 4381.74)]


@needs_sample
def test_the_sample_says_where_it_disagrees_with_itself(sample):
    """The sample's 三公 table prints 43.00 as its 合计 while its four items add up to 51.00 (as the
    narrative says): both are shown, with their places, and which one the report's figures use."""
    dis = frames.disagreements(sample)
    assert _rows(dis, "指标 figure", "数值 value 万元") == [("“三公”经费", 43.0), ("“三公”经费", 51.0)]
    where = dict(_rows(dis, "数值 value 万元", "出处 where"))
    assert where[43.0] == "t04 第9页 “合计”行"
    assert where[51.0].startswith("t04 第9页 四项之和") and "情况说明 第2页" in where[51.0]
    assert dis["说明 note"].iloc[0].endswith("本报告的汇总数取 51.00（t04 第9页）")
    tp = frames.three_public(sample)
    assert _rows(tp, "项目 item", "本年 budget year")[:2] == [("“三公”经费小计", 43.0), (frames.THREE_PUBLIC_SUM, 51.0)]
    many = frames.disagreements_many([sample, sample])
    assert len(many) == 4 and many["披露 disclosure"].iloc[0].startswith("重庆市潼南区人民政府办公室 2025")


@needs_sample
def test_a_disclosure_that_agrees_with_itself_shows_no_disagreement(sample):
    d = copy.deepcopy(sample)
    t = d.table("three_public")
    total = frames.total_row(t) or t.rows[0]
    total.amounts["total"] = Decimal("51.00")
    d.figures = []
    from analysis.figures import locate
    d.figures = locate(d)
    assert frames.disagreements(d).empty
    assert frames.THREE_PUBLIC_SUM not in frames.three_public(d)["项目 item"].tolist()


@needs_sample
def test_basic_and_project_shares_account_for_the_whole(sample):
    bp = frames.basic_vs_project(sample)
    assert _rows(bp, "类别 part", "金额 万元", "占比 share %") == [("基本支出", 1013.51, 45.7), ("项目支出", 1205.0, 54.3)]
    d = copy.deepcopy(sample)
    r = frames.total_row(frames._spending_row(d)[0])
    r.amounts["total"] += Decimal("100")      # a total the printed parts do not make
    bp = frames.basic_vs_project(d)
    assert bp["类别 part"].iloc[-1] == frames.REMAINDER and bp["金额 万元"].iloc[-1] == 100.0
    assert round(sum(bp["占比 share %"]), 1) == 100.0


@needs_sample
def test_nothing_to_show_only_when_the_tables_hold_nothing(sample):
    d = copy.deepcopy(sample)
    d.figures = [f for f in d.figures if f.figure != "personnel_expenditure"]
    assert frames.personnel_vs_public(d).empty and frames.holds_figures(d, "人员经费与公用经费")
    text = present.missing(d, "人员经费与公用经费").data
    assert present.NOT_READ in text and "Nothing to show" not in text
    for t in d.tables_of("general_budget_basic_expenditure"):
        for r in t.rows:
            r.amounts = {k: Decimal(0) for k in r.amounts}
    assert "Nothing to show" in present.missing(d, "人员经费与公用经费").data


@needs_sample
def test_findings_without_figures_show_empty_cells_not_nan(sample):
    from analysis.checks import audit

    res = audit([sample])[0]
    ff = report_findings.findings_frame(res, html_cells=True)
    amounts = ff[["应为 expected", "实际 actual", "差额 difference"]]
    assert (amounts == "").any().any() and not amounts.isna().any().any()
    assert not amounts.apply(lambda c: c.str.contains("nan", case=False)).any().any()
    with_figures = [f for f in res.findings if f.expected is not None and not f.check.startswith("reading.")]
    assert with_figures and f"{float(with_figures[0].expected):,.2f}" in set(ff["应为 expected"])


@needs_sample
def test_csv_files_start_with_a_utf8_bom_for_excel(sample, tmp_path):
    from analysis.checks import audit

    folder = write_disclosure(sample, tmp_path, result=audit([sample])[0])
    for name in ("findings.csv", "tables.csv", "rows.csv", "amounts.csv"):
        raw = (folder / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        text = raw.decode("utf-8-sig")
        assert not text.startswith("\ufeff") and re.search(r"[\u4e00-\u9fff]", text), name
    rows = pd.read_csv(folder / "rows.csv", encoding="utf-8-sig")
    assert rows.columns[0] == "table_id" and "一、本年收入" in set(rows["name"])


def test_headings_of_the_department_report_name_budgets_and_final_accounts():
    import nbformat

    nb = nbformat.read(str(ROOT / "notebooks" / "department_audit.ipynb"), as_version=4)
    heads = [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
             if line.startswith("#")]
    assert heads and all("决算" in h for h in heads if "预算" in h), heads
    assert any("预算或决算" in h for h in heads)


@needs_shared
def test_projects_read_without_their_funds_are_not_called_empty():
    """Putuo's 2023 project performance-target tables print 项目资金总额 above the indicators; where
    the tool did not read the funds, the report says so instead of "nothing to show"."""
    from analysis.parse import parse_paths

    path = CORPUS / "shanghai-putuo" / "wanli-street" / "上海市普陀区人民政府万里街道办事处2023年部门预算.pdf"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    [d], errors = parse_paths([path])
    assert len([p for p in d.performance if p.kind == "project"]) == 5
    if not frames.projects(d).empty:
        pytest.skip("the project funds are read now: the section shows them")
    assert frames.holds_figures(d, "项目支出")
    text = present.missing(d, "项目支出").data
    assert present.NOT_READ in text and "Nothing to show" not in text
