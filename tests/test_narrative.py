"""Claims read from the narrative (情况说明): built sentences for each phrase pattern, a
property test, and real values (with their pages) read from the shared corpus."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.model import Claim, NarrativePage
from analysis.parse.narrative import METRICS, extract_claims

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
CORPUS = SHARED / "corpus"
D = Decimal


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------
def claims_of(*texts: str, year: Optional[int] = 2024) -> list[Claim]:
    """Claims of one file whose pages hold ``texts`` (page 1, 2, ...)."""
    return extract_claims([NarrativePage("t.pdf", i, t) for i, t in enumerate(texts, 1)], year)


def only(claims: list[Claim], metric: str, value=None, subject: Optional[str] = None) -> Claim:
    """The one claim of ``metric`` (with ``value`` / containing ``subject`` when given)."""
    hits = [c for c in claims if c.metric == metric
            and (value is None or c.value == D(value))
            and (subject is None or subject in c.subject)]
    assert len(hits) == 1, f"{metric} {value} {subject}: {[(c.metric, c.value, c.subject) for c in claims]}"
    return hits[0]


def summary(claims: list[Claim]) -> list[tuple]:
    return [(c.metric, c.value, c.change, c.change_value, c.change_pct) for c in claims]


# ---------------------------------------------------------------------------
# phrase patterns, one built sentence each
# ---------------------------------------------------------------------------
def test_value_with_increase_amount_and_percent():
    c = only(claims_of("2024年收入预算总额为1,234.56万元，比上年增加12.30万元，增长1.01%。"), "total_income")
    assert (c.value, c.unit, c.change, c.change_value, c.change_pct) == \
        (D("1234.56"), "万元", "increase", D("12.30"), D("1.01"))
    assert c.subject == "2024年收入预算总额" and c.year == 2024 and c.page == 1


def test_decrease_then_percent_drop():
    c = only(claims_of("2024年度机关运行经费预算为120.5万元，较上年减少5.5万元，下降4.37%。"), "operating_costs")
    assert (c.change, c.change_value, c.change_pct) == ("decrease", D("5.5"), D("4.37"))


def test_compared_with_last_year_increase_and_growth():
    c = only(claims_of("基本支出预算数为10403.11万元。与上年相比增加439.04万元，增长4.41%。"),
             "basic_expenditure")
    assert (c.change, c.change_value, c.change_pct) == ("increase", D("439.04"), D("4.41"))


def test_reduction_then_decline_percent():
    c = only(claims_of("公务接待费预算支出443.50万元，与上年数相比，减少0.8万元，下降0.18%。"),
             "three_public_reception")
    assert (c.change, c.change_value, c.change_pct) == ("decrease", D("0.8"), D("0.18"))


def test_smaller_than_last_year_is_a_decrease():
    c = only(claims_of("会议费预算支出1305.25万元，本年数小于上年预算数403.75万元。"), "meeting_fee")
    assert (c.change, c.change_value) == ("decrease", D("403.75"))


@pytest.mark.parametrize("phrase", [
    "与上年持平", "与2023年持平", "与上年预算数一致", "与上年数一致", "与上年相比无变化",
    "本年数与上年预算数一致", "与上年度持平", "与上年保持一致",
])
def test_flat_phrases(phrase):
    c = only(claims_of(f"因公出国（境）费预算支出70万元，{phrase}。"), "three_public_overseas")
    assert (c.value, c.change, c.change_value) == (D(70), "flat", D(0))


def test_template_placeholder_change_of_zero_is_flat():
    c = only(claims_of("政府性基金收入预算0万元，与上年相比增加（减少）0万元，增长（减少）0%。"),
             "government_fund_income")
    assert (c.change, c.change_value, c.change_pct) == ("flat", D(0), D(0))


def test_share_is_not_a_change():
    cl = claims_of("本年支出预算合计800万元，其中：基本支出600万元，占75%；项目支出200万元，占本年支出合计的25%。")
    basic = only(cl, "basic_expenditure")
    assert basic.change is None and basic.change_pct is None
    shares = [c for c in cl if c.metric == "share_pct"]
    assert [(c.value, c.unit) for c in shares] == [(D(75), "%"), (D(25), "%")]
    assert shares[1].subject == "项目支出占本年支出合计"


def test_yuan_converted_to_wan_exactly():
    c = only(claims_of("“三公”经费预算数为51,000元，较上年减少2,000元。"), "three_public_total")
    assert (c.value, c.unit, c.change_value) == (D("5.1"), "万元", D("0.2"))


def test_one_claim_per_figure_with_own_subject():
    cl = claims_of("支出预算：2025年年初预算数 2218.51万元，其中：一般公共服务支出 1955.20万元，"
                   "社会保障和就业支出 181.56万元，卫生健康支出 17.38万元。支出较去年增加 881.28 万元。")
    total = only(cl, "total_expenditure")
    assert (total.value, total.change_value) == (D("2218.51"), D("881.28"))
    by_function = [(c.subject, c.value, c.change) for c in cl if c.metric == "expenditure_by_function"]
    assert by_function == [("一般公共服务支出", D("1955.20"), None), ("社会保障和就业支出", D("181.56"), None),
                           ("卫生健康支出", D("17.38"), None)]


def test_income_and_expenditure_totals_change_together():
    cl = claims_of("本部门2018年度收入、支出预算总计24458.43万元，与上年相比收、支预算总计各增加3608.98万元，增长17.31%。")
    assert summary(cl) == [
        ("total_income", D("24458.43"), "increase", D("3608.98"), D("17.31")),
        ("total_expenditure", D("24458.43"), "increase", D("3608.98"), D("17.31")),
    ]


def test_change_named_by_its_subject_goes_to_that_claim():
    cl = claims_of("收入预算：2025年年初预算数 2218.51万元，其中：一般公共预算拨款 2218.51万元。"
                   "收入较去年增加 881.28 万元。")
    assert only(cl, "total_income").change_value == D("881.28")
    assert only(cl, "general_budget_income").change_value is None


def test_function_and_economic_classes():
    cl = claims_of("1．住房改革支出（款）住房公积金（项）支出715.28万元，与上年相比增加94万元。\n"
                   "1、工资福利支出（类）2,097.51 万元\n"
                   "（5）住房公积金（款）支出 341.75 万元。")
    f = only(cl, "expenditure_by_function")
    assert (f.subject, f.value, f.change_value) == ("住房改革支出（款）住房公积金（项）支出", D("715.28"), D(94))
    assert only(cl, "expenditure_by_economic", "2097.51").subject == "工资福利支出（类）"
    assert only(cl, "expenditure_by_economic", "341.75").subject == "住房公积金（款）支出"


def test_three_public_items():
    cl = claims_of("公务用车购置及运行维护费12万元，其中：公务用车购置费0万元，公务用车运行维护费12万元；"
                   "因公出国（境）费0万元；公务接待费3万元。")
    assert [(c.metric, c.value) for c in cl] == [
        ("three_public_vehicle_total", D(12)), ("three_public_vehicle_purchase", D(0)),
        ("three_public_vehicle_operation", D(12)), ("three_public_overseas", D(0)),
        ("three_public_reception", D(3))]


def test_counts_keep_their_unit():
    cl = claims_of("本部门共有车辆46辆，其中，一般公务用车46辆。2024年安排购置车辆0辆。"
                   "机关行政编制为25名，实有人员22人。2024年本部门共3个项目实行绩效目标管理，涉及财政性资金合计120万元。")
    assert [(c.metric, c.value, c.unit) for c in cl] == [
        ("vehicles_total", D(46), "辆"), ("vehicles_general", D(46), "辆"), ("vehicles_purchase", D(0), "辆"),
        ("staff_authorized", D(25), "名"), ("staff_actual", D(22), "名"),
        ("performance_projects", D(3), "个"), ("performance_funds", D(120), "万元")]


def test_procurement():
    cl = claims_of("2018年度政府采购支出预算总额1449.50万元，其中：拟采购货物支出90万元、拟采购工程支出0万元、"
                   "拟购买服务支出1359.50万元。")
    assert [(c.metric, c.value) for c in cl] == [
        ("procurement_total", D("1449.50")), ("procurement_goods", D(90)),
        ("procurement_works", D(0)), ("procurement_services", D("1359.50"))]


def test_a_sentence_over_a_page_break_keeps_its_first_page():
    cl = claims_of("一、收支预算总体情况说明\n本部门2018年度收入、支出预算总计24458.43万",
                   "元，与上年相比收、支预算总计各增加3608.98万元，增长\n3",
                   "17.31%。主要原因是人员经费政策性调增。")
    assert summary(cl)[0] == ("total_income", D("24458.43"), "increase", D("3608.98"), D("17.31"))
    assert {c.page for c in cl} == {1}


def test_changes_stated_without_the_value_make_claims_without_value():
    cl = claims_of("按支出用途分类，基本支出增加 498.72 万元，项目支出、单位预留机动经费与上年数一致。")
    assert summary(cl) == [("basic_expenditure", None, "increase", D("498.72"), None),
                           ("project_expenditure", None, "flat", D(0), None),
                           ("reserve_expenditure", None, "flat", D(0), None)]


def test_prior_year_aside_keeps_its_year_and_takes_no_change():
    cl = claims_of("2017年度部门支出预算安排与2016年度相比（2016年度部门支出预算安排为8,648.07万元），"
                   "增加498.72万元，增长5.77%。", year=2017)
    aside, change = cl
    assert (aside.metric, aside.value, aside.year, aside.change) == ("total_expenditure", D("8648.07"), 2016, None)
    assert (change.metric, change.value, change.year, change.change_value) == \
        ("total_expenditure", None, 2017, D("498.72"))


# ---------------------------------------------------------------------------
# what is not a claim
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "截止2024年12月，本单位在职人员情况良好。",                       # a date
    "根据《通知》（潼南府办发[2018]66 号）和（苏财预〔2017〕19号）文件精神编制。",  # legal references
    "（1）负责区政府领导同志文件运行管理。\n1．积极协助省委制定和实施重大决策部署。",  # item numbering
    "第三部分 2018年度部门预算情况说明……………………12",             # table of contents
    "全年计划召开全体会议 1 次，办理提案 700 件左右，接待 200 多人次。",   # prose counts
    "对租赁业务用房按市场租金指导价的 50%予以补贴，按建筑面积 1000 元/平方米补贴。",
    "主要原因是上年度列入此项的预留机动经费128.43万元本年度调入行政运行项。",  # a reason
    "4\n- 5 -\n— 6 —\n第7页",                                          # page numbers
])
def test_no_claims_from_prose(text):
    assert claims_of(text) == []


def test_reason_clause_does_not_hide_the_next_statement():
    cl = claims_of("基本支出1013.51万元，比2024年增加10.28万元，增加的主要原因是机构改革；"
                   "项目支出1205万元，比2024年增加871万元。")
    assert summary(cl) == [("basic_expenditure", D("1013.51"), "increase", D("10.28"), None),
                           ("project_expenditure", D(1205), "increase", D(871), None)]


def test_what_money_is_used_for_is_not_a_claim():
    cl = claims_of("项目支出1205万元，主要用于会议费10万元和培训费5万元；公用经费206.14万元。")
    assert [(c.metric, c.value) for c in cl] == [("project_expenditure", D(1205)),
                                                 ("public_expenditure", D("206.14"))]


def test_heading_line_is_not_part_of_the_subject():
    cl = claims_of("十一、一般公共预算机关运行经费支出预算情况说明\n"
                   "2018年本部门一般公共预算机关运行经费预算支出2094.58\n"
                   "万元，与上年相比减少8007.18万元，降低79.27 %。")
    c = only(cl, "operating_costs")
    assert c.subject == "2018年本部门一般公共预算机关运行经费预算支出"
    assert (c.value, c.change, c.change_value, c.change_pct) == \
        (D("2094.58"), "decrease", D("8007.18"), D("79.27"))


def test_zero_printed_without_unit():
    c = only(claims_of("(1)公务用车购置为 0，与上年持平。"), "three_public_vehicle_purchase")
    assert (c.value, c.unit, c.change) == (D(0), "万元", "flat")


def test_percentage_of_total_is_never_a_change():
    c = only(claims_of("公务接待费支出27万元，占“三公”经费的5.31%。"), "three_public_reception")
    assert c.change is None and c.change_pct is None


def test_metric_ids_are_known():
    cl = claims_of("2024年收入预算100万元，比上年增加1万元。基本支出60万元，占60%。")
    assert {c.metric for c in cl} <= set(METRICS)


# ---------------------------------------------------------------------------
# property: any amount with thousands separators round-trips
# ---------------------------------------------------------------------------
amounts = st.decimals(min_value=0, max_value=D("99999999.99"), places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(value=amounts, delta=amounts, unit=st.sampled_from(["万元", "元"]), space=st.sampled_from(["", " "]))
def test_amounts_round_trip(value, delta, unit, space):
    scale = D(1) if unit == "万元" else D(10000)
    text = f"2024年基本支出预算{value:,}{space}{unit}，比上年减少{delta:,}{unit}。"
    c = only(claims_of(text), "basic_expenditure")
    assert c.value == value / scale and c.unit == "万元"
    assert c.change_value == delta / scale
    assert c.change == ("flat" if delta == 0 else "decrease")


@settings(max_examples=60, deadline=None)
@given(value=amounts, pct=st.decimals(min_value=D("0.01"), max_value=D("999.99"), places=2))
def test_share_percent_round_trips_and_leaves_the_value_unchanged(value, pct):
    cl = claims_of(f"项目支出{value:,}万元，占{pct}%。")
    assert only(cl, "project_expenditure").change is None
    assert only(cl, "share_pct").value == pct


# ---------------------------------------------------------------------------
# real disclosures (read-only shared corpus)
# ---------------------------------------------------------------------------
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")


def _pdf_pages(path: Path) -> list[NarrativePage]:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(path) as pdf:
        return [NarrativePage(path.name, i, p.extract_text() or "") for i, p in enumerate(pdf.pages, 1)]


def _text_narrative(path: Path) -> list[NarrativePage]:
    """Pages of an extracted text (a line starting with a space starts a page), up to "附件 1"."""
    from analysis.inputs.text import read_text

    pages = []
    for page in read_text(path).pages:
        lines = []
        for line in page.lines:
            if line.compact.startswith("附件1"):
                if lines:
                    pages.append(NarrativePage(path.name, page.number, "\n".join(lines)))
                return pages
            lines.append(line.text)
        pages.append(NarrativePage(path.name, page.number, "\n".join(lines)))
    return pages


_cache: dict = {}


def doc_claims(rel: str) -> list[Claim]:
    if rel not in _cache:
        path = CORPUS / rel
        if not path.exists():
            pytest.skip(f"{path} not found")
        pages = _text_narrative(path) if path.suffix == ".txt" else _pdf_pages(path)
        _cache[rel] = extract_claims(pages)
    return _cache[rel]


def expect(claims: list[Claim], metric: str, value, page: int, change=None, change_value=None,
           change_pct=None, subject: Optional[str] = None) -> None:
    """A claim with exactly these values exists."""
    want = (metric, None if value is None else D(value), page, change,
            None if change_value is None else D(change_value), None if change_pct is None else D(change_pct))
    got = [(c.metric, c.value, c.page, c.change, c.change_value, c.change_pct) for c in claims
           if subject is None or subject in c.subject]
    assert want in got, f"{want} not in {[g for g in got if g[0] == metric]}"


TONGNAN = "chongqing-tongnan-2025/重庆市潼南区人民政府办公室（本级）2025年部门预算情况说明.txt"
SW2018 = "jiangsu/江苏省委办公厅/江苏省委办公厅2018年度部门预算公开文件.pdf"


@needs_corpus
@pytest.mark.parametrize("spec", [
    ("staff_authorized", "25", 3, None, None, None, "行政编制"),
    ("staff_authorized", "8", 3, None, None, None, "事业编制"),
    ("total_income", "2218.51", 3, "increase", "881.28", None, "收入预算"),
    ("general_budget_income", "2218.51", 3, None, None, None, "一般公共预算拨款"),
    ("total_expenditure", "2218.51", 3, "increase", "881.28", None, "支出预算"),
    ("expenditure_by_function", "1955.20", 3, None, None, None, "一般公共服务支出"),
    ("expenditure_by_function", "181.56", 3, None, None, None, "社会保障和就业支出"),
    ("expenditure_by_function", "17.38", 3, None, None, None, "卫生健康支出"),
    ("expenditure_by_function", "64.37", 3, None, None, None, "住房保障支出"),
    ("general_budget_expenditure", "2218.51", 3, "increase", "881.28", None, None),
    ("basic_expenditure", "1013.51", 3, "increase", "10.28", None, None),
    ("project_expenditure", "1205", 3, "increase", "871", None, None),
    ("government_fund_income", "0", 3, None, None, None, None),
    ("government_fund_expenditure", "0", 3, None, None, None, None),
    ("three_public_total", "51", 3, "increase", "8", None, None),
    ("three_public_overseas", "0", 3, "flat", "0", None, None),
    ("three_public_reception", "15", 3, "flat", "0", None, None),
    ("three_public_vehicle_operation", "36", 3, "increase", "8", None, None),
    ("three_public_vehicle_purchase", "0", 3, "flat", "0", None, None),
    ("operating_costs", "206.14", 3, "increase", "16.94", None, None),
    ("procurement_total", "0", 3, None, None, None, None),
    ("procurement_goods", "0", 3, None, None, None, None),
    ("procurement_works", "0", 3, None, None, None, None),
    ("procurement_services", "0", 3, None, None, None, None),
    ("performance_funds", "1205", 4, None, None, None, None),
    ("vehicles_total", "9", 4, None, None, None, None),
    ("vehicles_general", "9", 4, None, None, None, None),
    ("vehicles_purchase", "0", 4, None, None, None, None),
])
def test_tongnan_2025(spec):
    expect(doc_claims(TONGNAN), *spec)


@needs_corpus
def test_tongnan_2025_has_nothing_else():
    cl = doc_claims(TONGNAN)
    assert len(cl) == 29
    assert all(c.year == 2025 and c.unit in ("万元", "名", "辆") for c in cl)


@needs_corpus
@pytest.mark.parametrize("spec", [
    ("total_income", "24458.43", 5, "increase", "3608.98", "17.31", "收入、支出预算总计"),
    ("total_expenditure", "24458.43", 5, "increase", "3608.98", "17.31", "收入、支出预算总计"),
    ("fiscal_income", "24458.43", 6, None, None, None, "财政拨款收入预算总计"),
    ("general_budget_income", "24458.43", 6, "increase", "3756.18", "18.14", None),
    ("special_account_income", "0", 6, "decrease", "147.20", "100", None),
    ("expenditure_by_function", "20153.75", 6, "increase", "3161.38", "18.60", "一般公共服务（类）"),
    ("expenditure_by_function", "1289.52", 6, "decrease", "710.87", "35.54", "社会保障和就业（类）"),
    ("expenditure_by_function", "3015.16", 7, "increase", "1158.47", "62.39", "住房保障（类）"),
    ("basic_expenditure", "10403.11", 7, "increase", "439.04", "4.41", None),
    ("project_expenditure", "12081.46", 7, "increase", "1392.80", "13.03", None),
    ("reserve_expenditure", "1973.86", 7, "increase", "1777.14", "903.39", None),
    ("share_pct", "42.53", 7, None, None, None, "基本支出"),
    ("fiscal_income", "24458.43", 8, "increase", "3756.18", "18.14", "收、支总预算"),
    ("fiscal_expenditure", "24458.43", 8, "increase", "3756.18", "18.14", "收、支总预算"),
    ("expenditure_by_function", "715.28", 9, "increase", "94", "15.13", "住房公积金（项）"),
    ("expenditure_by_function", "743.39", 9, "increase", "743.39", None, "基本养老保险缴费（项）"),
    ("personnel_expenditure", "8308.53", 9, None, None, None, None),
    ("public_expenditure", "2094.58", 9, None, None, None, None),
    ("general_budget_expenditure", "24458.43", 10, "increase", "3756.18", "18.14", None),
    ("three_public_overseas", "70", 10, None, None, None, None),
    ("share_pct", "13.77", 10, None, None, None, "因公出国（境）费支出占“三公”经费"),
    ("three_public_overseas", "70", 11, "flat", "0", None, None),
    ("three_public_vehicle_total", "411.20", 11, None, None, None, "预算支出"),
    ("three_public_vehicle_purchase", "0", 11, "flat", "0", None, None),
    ("three_public_vehicle_operation", "411.20", 11, "flat", "0", None, None),
    ("three_public_reception", "27", 11, "decrease", "1", None, None),
    ("meeting_fee", "933.50", 11, "flat", "0", None, None),
    ("training_fee", "30", 11, "increase", "5", None, None),
    ("government_fund_expenditure", "0", 11, "flat", "0", None, None),
    ("operating_costs", "2094.58", 11, "decrease", "8007.18", "79.27", None),
    ("procurement_total", "1449.50", 12, None, None, None, None),
    ("procurement_goods", "90", 12, None, None, None, None),
    ("procurement_works", "0", 12, None, None, None, None),
    ("procurement_services", "1359.50", 12, None, None, None, None),
    ("performance_projects", "0", 12, None, None, None, None),
    ("performance_funds", "0", 12, None, None, None, None),
    ("state_capital_income", "0", 12, "flat", "0", None, None),
])
def test_jiangsu_party_office_2018(spec):
    expect(doc_claims(SW2018), *spec)


@needs_corpus
def test_jiangsu_party_office_2018_no_stray_claims():
    cl = doc_claims(SW2018)
    assert len(cl) == 63
    assert not [c for c in cl if c.page in (1, 2, 3, 4, 13)]   # cover, contents, 部门概况, 名词解释
    # the reason "预留机动经费128.43万元" style numbers never appear: every value is stated once per role
    assert {c.year for c in cl} == {2018}


@needs_corpus
@pytest.mark.parametrize("rel,specs", [
    ("jiangsu/江苏省政协办公厅/江苏省政协办公厅2017年度部门预算.pdf", [
        ("total_expenditure", "8648.07", 6, None, None, None, "2016年度部门支出预算安排"),
        ("total_expenditure", None, 6, "increase", "498.72", "5.77", "2017年度部门支出预算安排"),
        ("project_expenditure", None, 6, "flat", "0", None, None),
        ("total_income", "9146.79", 7, "increase", "498.72", "5.77", None),
        ("other_income", "80", 7, "flat", "0", None, None),
        ("expenditure_by_function", "6543.55", 7, "decrease", "108.56", "1.63", None),
        ("project_expenditure", "3123.68", 8, "flat", "0", None, None),
        ("expenditure_by_function", "195.50", 10, "flat", "0", None, "其他政协事务支出（项）"),
        ("expenditure_by_economic", "2097.51", 11, None, None, None, "工资福利支出（类）"),
        ("expenditure_by_economic", "100", 12, None, None, None, "维修（护）费（款）"),
        ("operating_costs", "3348.98", 17, "increase", "2173.13", "184.81", None),
        ("three_public_reception", "443.50", 19, "decrease", "0.8", "0.18", None),
        ("procurement_goods", "259.32", 19, None, None, None, None),
        ("share_pct", "79.60", 19, None, None, None, "服务类"),
    ]),
    ("jiangsu/江苏省政协办公厅/江苏省政协办公厅2018年度部门预算.pdf", [
        ("total_income", "10150.48", 7, "increase", "1003.69", "10.97", None),
        ("carryover_income", "0", 8, "flat", "0", None, None),
        ("reserve_expenditure", "1157.63", 9, "increase", "1050.79", "983.52", None),
        ("carryforward_expenditure", "0", 10, None, None, None, None),
        ("three_public_overseas", "106", 14, "increase", "30", None, None),
        ("meeting_fee", "884.16", 14, "decrease", "210.46", None, None),
        ("operating_costs", "1115.85", 15, "decrease", "2233.13", "66.69", None),
    ]),
    ("jiangsu/江苏省政协办公厅/江苏省政协办公厅2019年度部门预算.pdf", [
        ("total_income", "13377.11", 9, "increase", "3226.63", "31.79", None),
        ("three_public_vehicle_total", "156.6", 15, None, None, None, "运行维护费支出"),
        ("training_fee", "281.77", 16, "increase", "184.17", None, None),
        ("vehicles_total", "46", 17, None, None, None, None),
        ("vehicles_enforcement", "0", 17, None, None, None, None),
        ("equipment_units", "4", 17, None, None, None, None),
    ]),
    ("jiangsu/江苏省委办公厅/江苏省委办公厅2017年部门预算.pdf", [
        ("total_income", "20849.45", 5, "increase", "2043.58", "10.87", None),
        ("special_account_income", "147.20", 6, "flat", "0", None, "财政专户管理资金收入预算总计"),
        ("reserve_expenditure", "196.72", 7, "flat", "0", None, None),
        ("operating_costs", "10101.76", 11, "increase", "7952.30", "369.97", None),
        ("three_public_reception", "28", 11, "flat", "0", None, None),
        ("procurement_services", "1278.50", 12, None, None, None, None),
    ]),
    ("jiangsu/江苏省委办公厅/江苏省委办公厅2019年度部门预算公开文件.pdf", [
        ("total_expenditure", "27664.22", 6, "increase", "3205.79", "13.11", None),
        ("government_fund_income", "0", 7, "flat", "0", None, None),
        ("expenditure_by_function", "3894.09", 8, "increase", "878.93", "30", None),
        ("vehicles_general", "127", 13, None, None, None, None),
        ("equipment_units", "33", 13, None, None, None, None),
    ]),
    ("jiangsu/江苏省人大办公厅/江苏省人大常委会2019年度部门预算公开.pdf", [
        ("staff_authorized", "338", 4, None, None, None, None),
        ("staff_authorized", "104", 4, None, None, None, "行政附属编制"),
        ("special_account_income", "0", 9, "flat", "0", "0", None),
        ("project_expenditure", "6459.58", 10, "increase", "125.62", "1.98", None),
        ("expenditure_by_function", "729", 13, "decrease", "81", "10", "人大立法（项）"),
        ("three_public_vehicle_purchase", "0", 16, "flat", "0", None, None),
        ("procurement_services", "2183.33", 17, None, None, None, None),
    ]),
    ("jiangsu/江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf", [
        ("staff_actual", "274", 6, None, None, None, None),
        ("staff_retired", "150", 6, None, None, None, None),
        ("total_income", "13649.07", 23, "increase", "844.15", "6.59", "收入预算总计"),
        ("project_expenditure", "5853.96", 24, "flat", "0", None, None),
        ("three_public_vehicle_purchase", "0", 28, "flat", "0", None, None),   # "公务用车购置为 0，与上年持平"
        ("meeting_fee", "1305.25", 29, "decrease", "403.75", None, None),
        ("training_fee", "403.75", 29, "increase", "403.75", None, None),
    ]),
    ("jiangsu/江苏省人大办公厅/省人大办公厅2018预算公开.pdf", [
        ("total_income", "15897.44", 19, "increase", "2248.37", "16.47", None),
        ("expenditure_by_function", "1068.78", 20, "decrease", "539.73", "33.55", None),
        ("expenditure_by_function", "2340.35", 24, "decrease", "128.43", "5.20", None),
        ("three_public_vehicle_purchase", "0", 28, "flat", "0", None, None),
        ("operating_costs", "1579.38", 29, "decrease", "4039.93", "71.89", None),
    ]),
])
def test_jiangsu_narratives(rel, specs):
    cl = doc_claims(rel)
    for spec in specs:
        expect(cl, *spec)


@needs_corpus
@pytest.mark.parametrize("rel,first_narrative_page", [
    ("jiangsu/江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf", 23),
    ("jiangsu/江苏省人大办公厅/省人大办公厅2018预算公开.pdf", 19),
])
def test_tables_in_the_same_file_give_no_claims(rel, first_narrative_page):
    """The 人大 files hold the tables before the narrative: only 部门概况 (staff) and the narrative speak."""
    cl = doc_claims(rel)
    assert not [c for c in cl if 6 < c.page < first_narrative_page]
    assert all(c.metric.startswith("staff_") for c in cl if c.page < first_narrative_page)


@needs_corpus
def test_reasons_are_not_claims():
    """"上年度列入此项的预留机动经费128.43万元本年度调入行政运行项" is a reason, not a reserve claim."""
    cl = doc_claims("jiangsu/江苏省人大办公厅/省人大办公厅2018预算公开.pdf")
    assert not [c for c in cl if c.metric == "reserve_expenditure" and c.value == D("128.43")]


_NOISY = st.text(alphabet=list("0123456789.,，。；：、（）()%万元辆名个项年月占增加减少持平与上年一致比收入支出预算总计基本项目三公经费其中主要原因是用于 \n-—"),
                 max_size=200)


@settings(max_examples=300, deadline=None)
@given(pages=st.lists(_NOISY, min_size=0, max_size=3))
def test_any_text_gives_well_formed_claims(pages):
    cl = claims_of(*pages)
    for c in cl:
        assert c.metric in METRICS
        assert 1 <= c.page <= len(pages)
        assert c.value is not None or c.change_value is not None or c.change_pct is not None
        assert c.change in (None, "increase", "decrease", "flat")
        assert c.unit in ("万元", "%", "辆", "名", "个", "台(套)")


# ---------------------------------------------------------------------------
# 决算 narratives: budget and final columns, completion rates
# ---------------------------------------------------------------------------
def test_final_sentence_keeps_its_subject_across_column_words():
    cl = claims_of("一般公共预算财政拨款支出年初预算为 10210.34 万元，支出决算为 9746.50 万元，"
                   "完成年初预算的 95.45%。")
    assert [(c.metric, c.basis, c.value, c.subject) for c in cl] == [
        ("general_budget_expenditure", "initial_budget", D("10210.34"), "一般公共预算财政拨款支出年初预算"),
        ("general_budget_expenditure", "final", D("9746.50"), "一般公共预算财政拨款支出"),
        ("completion_pct", "initial_budget", D("95.45"), "一般公共预算财政拨款支出"),
    ]


def test_numbered_paragraph_lends_its_function_name_to_column_words():
    cl = claims_of("1、社会保障和就业支出（类）行政事业单位养老支出（款）\n行政单位离退休（项）。主要用于：行政单位退休"
                   "人员支出。年初预算为 54.53 万元，支出决算为 54.53 万元。决算数同预算数持平。\n"
                   "2、住房保障支出（类）住房改革支出（款）购房补贴（项）。全年预算为 11.72 万元，支出\n"
                   "决算为 11.70 万元，完成全年预算数的 99.83%。")
    got = [(c.metric, c.basis, c.value, c.subject.split("（款）")[-1], c.change) for c in cl]
    assert got == [
        ("expenditure_by_function", "initial_budget", D("54.53"), "行政单位离退休（项）", None),
        ("expenditure_by_function", "final", D("54.53"), "行政单位离退休（项）", None),   # not "与上年持平"
        ("expenditure_by_function", "adjusted_budget", D("11.72"), "购房补贴（项）", None),
        ("expenditure_by_function", "final", D("11.70"), "购房补贴（项）", None),
        ("completion_pct", "adjusted_budget", D("99.83"), "购房补贴（项）", None),
    ]


def test_column_words_without_a_subject_make_no_claim():
    # "支出决算为" alone is not the total expenditure
    assert claims_of("年初预算为 5.00 万元，支出决算为 4.00 万元。") == []


def test_a_completion_rate_in_a_sentence_of_its_own_goes_with_the_amounts_before_it():
    cl = claims_of("5、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位退休人员活动费支出（项）。"
                   "年初预算为 0.88 万元，支出决算为 0.88 万元。完成年初预算的 100.00%。")
    [final] = [c for c in cl if c.metric == "expenditure_by_function" and c.basis == "final"]
    rate = only(cl, "completion_pct")
    assert [c.basis for c in cl] == ["initial_budget", "final", "initial_budget"]
    assert rate.value == D("100.00") and rate.sentence == final.sentence
