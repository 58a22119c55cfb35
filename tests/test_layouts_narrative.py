"""Narrative and performance-target layouts of unseen disclosures (issue 15), pinned without the
shared corpus: small narratives and tables built by hand, read by the reader and the checks.

Each test names the phenomenon it pins (P09 scope of a claim, P10 changes, P11 weights, P12
labels, P17 项目支出 by class, shares, comparison years, definitions)."""
from __future__ import annotations

from decimal import Decimal as D

from analysis.inputs.base import Cell, Line
from analysis.parse.performance import parse_performance


def grid(page: int, *cells: tuple) -> Line:
    """A ruled row: cells are (text, x0, x1)."""
    return Line(page=page, top=0.0, cells=[Cell(t, x0, x1) for t, x0, x1 in cells], grid=True,
                grid_id=f"p{page}t0")


# ---------------------------------------------------------------------------
# P11: the weight column is read by its header, never the 指标值 column
# ---------------------------------------------------------------------------
CQ_COLUMNS = ((145, 336), (336, 419), (419, 524), (524, 610), (610, 685), (685, 761))


def _cq_row(*texts) -> Line:
    return grid(22, *((t, x0, x1) for t, (x0, x1) in zip(texts, CQ_COLUMNS)))


def test_p11_weight_is_read_from_the_weight_column_whatever_its_unit_or_neighbours():
    lines = [
        grid(22, ("当年整体绩效目标", 81, 761)),
        grid(22, ("保障机关正常运转。", 81, 761)),
        grid(22, ("绩效指标", 81, 145), ("指标名称", 145, 336), ("指标性质", 336, 419), ("指标值", 419, 524),
             ("计量单位", 524, 610), ("指标权重(%)", 610, 685), ("是否核心", 685, 761)),
        _cq_row("网站优化整改次数", "≥", "4", "次", "10", "是"),
        _cq_row("诉求工单问题解决率", "≥", "85", "%", "40", "是"),
        _cq_row("网站访问量", "≥", "2000", "万人次", "50", "否"),
    ]
    t = parse_performance(lines, "overall", "2026年部门整体绩效目标表")
    got = [(i.name, i.operator, i.value, i.unit, i.weight) for i in t.indicators]
    assert got == [("网站优化整改次数", "≥", D(4), "次", D(10)),
                   ("诉求工单问题解决率", "≥", D(85), "%", D(40)),
                   ("网站访问量", "≥", D(2000), "万人次", D(50))]


def test_p11_text_rows_with_a_core_column_keep_weight_and_value_apart():
    def text(*tokens):
        return Line(page=5, top=0.0, cells=[Cell(t) for t in tokens], grid=False)
    lines = [text("指标名称", "指标性质", "指标值", "计量单位", "指标权重(%)", "是否核心"),
             text("网站优化整改次数", "≥", "4", "次", "10", "是"),
             text("网络可用率", "≥", "99.5", "%", "90", "否")]
    t = parse_performance(lines, "overall", "2026年部门整体绩效目标表")
    assert [(i.name, i.value, i.unit, i.weight) for i in t.indicators] == [
        ("网站优化整改次数", D(4), "次", D(10)), ("网络可用率", D("99.5"), "%", D(90))]


# ---------------------------------------------------------------------------
# Narratives and tables built by hand
# ---------------------------------------------------------------------------
from analysis.checks import Context, run_checks  # noqa: E402
from analysis.figures import locate  # noqa: E402
from analysis.model import Claim, Column, Disclosure, NarrativePage, Row, Table  # noqa: E402
from analysis.parse.narrative import extract_claims  # noqa: E402

YEAR = 2026
MATCH, CHANGE = "narrative.claim_matches_table", "narrative.change_recomputed"
SHARE, YEARS = "narrative.share_recomputed", "narrative.comparison_year"


def claims_of(*pages: str, year: int = YEAR) -> list:
    return extract_claims([NarrativePage("n.pdf", i, t) for i, t in enumerate(pages, 1)], year)


def one(claims: list, metric: str, value=None) -> Claim:
    hits = [c for c in claims if c.metric == metric and (value is None or c.value == D(value))]
    assert len(hits) == 1, [(c.metric, c.value, c.subject) for c in claims]
    return hits[0]


def row(name, code=None, page=20, flags=(), **amounts) -> Row:
    return Row(index=0, name=name, code=code, level={3: 1, 5: 2, 7: 3}.get(len(code)) if code else None,
               amounts={k: D(str(v)) for k, v in amounts.items()}, page=page, file="t.pdf", flags=list(flags))


def table(tid, kind, label, keys, rows, page=20) -> Table:
    for i, r in enumerate(rows):
        r.index, r.page = i, page
    return Table(id=tid, kind=kind, title=kind, label=label, file="t.pdf", pages=[page],
                 columns=[Column(k, k) for k in keys], rows=rows)


def spending(tid, kind, label, lines, page=20) -> Table:
    """A spending table by function: (name, code, total, basic, project) lines under a 合计 row."""
    keys = ("total", "basic", "project")
    total = [sum(D(str(x[i])) for x in lines if len(x[1]) == 3) for i in (2, 3, 4)]
    rows = [row("合计", flags=("total",), **dict(zip(keys, total)))]
    rows += [row(n, c, **dict(zip(keys, v))) for n, c, *v in lines]
    return table(tid, kind, label, keys, rows, page)


def audit(claims, *tables, checks=(MATCH, CHANGE, SHARE, YEARS), year=YEAR) -> list:
    d = Disclosure(department="测试局", year=year, tables=list(tables), claims=claims)
    d.figures = locate(d)
    return [f for f in run_checks(Context(d, [d]), ids=list(checks)) if f.severity != "info"]


def said(findings, check=None) -> list:
    return [(f.check, f.severity, f.item) for f in findings if check is None or f.check == check]


# the department's all-funds spending and its 一般公共预算 part: 201 differs by 事业收入 812.48
DEPT = [("一般公共服务支出", "201", "15958.96", "6420.41", "9538.55"), ("住房保障支出", "221", "539.91", "539.91", "0")]
GB = [("一般公共服务支出", "201", "15146.48", "6420.41", "8726.07"), ("住房保障支出", "221", "539.91", "539.91", "0")]


def dept_table(label="表三"):
    return spending("t03", "department_expenditure", label, DEPT, page=12)


def gb_table(label="表五"):
    return spending("t05", "general_budget_expenditure", label, GB, page=15)


# ---------------------------------------------------------------------------
# P09: the money of a claim comes from its subject, the list it is in and the heading above it
# ---------------------------------------------------------------------------
ALL_FUNDS = ("二、部门收支总体情况\n"
             "（二）支出预算。2026 年年初预算数 16,498.87 万元，其中：一般公共服务支出 15,958.96 万元，"
             "住房保障支出 539.91 万元。\n"
             "三、财政拨款情况说明\n"
             "2026 年一般公共预算财政拨款支出 15,686.39 万元。其中：基本支出 6,960.32 万元，"
             "项目支出 8,726.07 万元。\n")


def test_p09_claims_take_the_money_of_their_heading_subject_and_list_head():
    cl = claims_of(ALL_FUNDS)
    assert one(cl, "total_expenditure").scope == "dept"      # "（二）支出预算。2026年年初预算数…": the heading names it
    assert {c.scope for c in cl if c.metric == "expenditure_by_function"} == {"dept"}
    assert one(cl, "basic_expenditure").scope == "gb" and one(cl, "project_expenditure").scope == "gb"


def test_p09_an_all_funds_class_is_compared_with_the_all_funds_table_never_the_general_budget_one():
    cl = claims_of(ALL_FUNDS)
    assert said(audit(cl, dept_table(), gb_table()), MATCH) == []
    # without a readable all-funds table the claim cannot be confirmed: listed, never an error
    assert said(audit(cl, gb_table()), MATCH) == []
    # a wrong all-funds figure is an error against the all-funds table
    wrong = claims_of(ALL_FUNDS.replace("15,958.96", "15,958.69"))
    (f,) = [f for f in audit(wrong, dept_table(), gb_table()) if f.check == MATCH]
    assert f.severity == "error" and f.expected == D("15958.96") and "表三" in f.message


def test_p09_a_general_budget_section_is_compared_with_the_general_budget_table():
    text = ("（五）一般公共预算当年拨款情况说明（详见表5）\n"
            "2.一般公共预算当年拨款结构情况。\n一般公共服务（类）支出 15,146.48 万元，住房保障（类）支出 539.91 万元。\n")
    cl = claims_of(text)
    assert {(c.scope, tuple(c.cites)) for c in cl} == {("gb", (5,))}
    assert said(audit(cl, dept_table("表3"), gb_table("表5")), MATCH) == []


def test_p09_a_section_citing_a_table_is_compared_with_that_table():
    """"一般公共预算当年拨款X（详见表5）": the total of 表5 (which holds 上年结转), not the year's income."""
    text = ("（五）一般公共预算当年拨款情况说明（详见表5）\n1.一般公共预算当年拨款规模变化情况。\n"
            "2026年一般公共预算当年拨款 15,686.39 万元，比上年执行数增加 600.98 万元，增长 4.0%。\n")
    summary = table("t01", "department_summary", "表1", ("total",), [
        Row(0, "一般公共预算", amounts={"total": D("15346.39")}, section="income"),
        Row(1, "上年结转", amounts={"total": D("340.00")}, section="income"),
        Row(2, "收入总计", amounts={"total": D("16838.87")}, section="income", flags=["total"]),
        Row(3, "支出总计", amounts={"total": D("16838.87")}, section="expenditure", flags=["total"])], page=9)
    cl = claims_of(text)
    assert one(cl, "general_budget_income").cites == [5]
    assert said(audit(cl, summary, gb_table("表5"), checks=(MATCH,)), MATCH) == []
    # the same sentence under a heading citing nothing is the year's 一般公共预算 income (上年结转 apart)
    uncited = claims_of(text.replace("（详见表5）", ""))
    (f,) = audit(uncited, summary, gb_table("表5"), checks=(MATCH,))
    assert f.severity == "error" and f.expected == D("15346.39")


def test_p09_procurement_of_the_general_budget_is_read_from_its_column():
    text = ("（二）政府采购情况。所属各预算单位政府采购预算总额 110.00 万元：政府采购货物预算 60.00 万元、"
            "政府采购服务预算 50.00 万元；其中一般公共预算拨款政府采购 50.00 万元：政府采购货物预算 6.00 万元、"
            "政府采购服务预算 44.00 万元。\n")
    keys = ("total", "general_budget", "other")
    proc = table("t09", "procurement", "表九", keys, [
        row("合计", flags=("total",), total="110.00", general_budget="50.00", other="60.00"),
        Row(1, "A货物", amounts={"total": D("60.00"), "general_budget": D("6.00"), "other": D("54.00")}),
        Row(2, "C服务", amounts={"total": D("50.00"), "general_budget": D("44.00"), "other": D("6.00")})], page=27)
    cl = claims_of(text)
    assert [c.scope for c in cl if c.metric.startswith("procurement")] == [None, None, None, "gb", "gb", "gb"]
    assert said(audit(cl, proc), MATCH) == []


# ---------------------------------------------------------------------------
# P17: a class named in a breakdown of 项目支出 is that column of the class row
# ---------------------------------------------------------------------------
PROJECT = ("四、一般公共预算拨款支出\n"
           "（二）项目支出：2026 年本单位项目支出预算 8,726.07 万元，主要是单位为完成特定行政工作任务而发生的支出，"
           "其中：一般公共服务支出 8,726.07 万元，主要用于信访业务工作专项。\n")


def test_p17_a_class_of_project_spending_is_its_project_column():
    (c,) = [c for c in claims_of(PROJECT) if c.metric == "expenditure_by_function"]
    assert (c.scope, c.part) == ("gb", "project")
    assert said(audit(claims_of(PROJECT), gb_table()), MATCH) == []
    wrong = claims_of(PROJECT.replace("其中：一般公共服务支出 8,726.07", "其中：一般公共服务支出 8,762.07"))
    (f,) = [f for f in audit(wrong, gb_table()) if f.check == MATCH]
    assert f.expected == D("8726.07") and "项目支出" in f.message


# ---------------------------------------------------------------------------
# P10: changes
# ---------------------------------------------------------------------------
def test_p10_a_change_after_a_list_binds_to_the_head_of_the_list():
    cl = claims_of("（二）支出预算：2026 年年初预算数 583,429.56 万元。按支出功能分类，包括教育支出 54.94 万元，"
                   "住房保障支出 6,931.53 万元，灾害防治及应急管理支出 20,889.67 万元。比 2025 年减少 29,815.76 万元，"
                   "主要是基本支出增加 9,481.64 万元。\n")
    assert one(cl, "total_expenditure").change_value == D("29815.76")
    assert all(c.change is None for c in cl if c.metric == "expenditure_by_function")
    cl = claims_of("（一）收入预算。2026 年年初预算数 19,230.18 万元，其中：一般公共预算拨款 18,417.70 万元，"
                   "事业收入 812.48 万元，收入比 2025 年增加 2,784.38 万元，其中：一般公共预算财政拨款增加 2,781.90 万元；"
                   "事业收入增加 2.48 万元。\n")
    assert one(cl, "total_income").change_value == D("2784.38")
    assert one(cl, "business_income").change_value == D("2.48")
    assert one(cl, "general_budget_income").change_value == D("2781.90")


def test_p10_a_change_against_last_years_outturn_uses_the_outturn_stated():
    cl = claims_of("住房保障支出上年执行数 500.00 万元，本年安排 539.91 万元，比上年执行数增加 8.0%。\n")
    c = one(cl, "expenditure_by_function")
    assert (c.value, c.prior_value, c.change_base, c.change_pct) == (D("539.91"), D("500.00"), "executed", D("8.0"))
    # 39.91 / 500 = 7.98 %: 8.0 agrees; and the table's 上年预算数 column is not last year's outturn
    t = gb_table()
    t.columns.append(Column("prior_total", "2025年预算数"))
    for r in t.rows:
        r.amounts["prior_total"] = r.amounts["total"]
    assert said(audit(cl, t, checks=(CHANGE,))) == []
    bad = claims_of("住房保障支出上年执行数 500.00 万元，本年安排 539.91 万元，比上年执行数增加 9.0%。\n")
    (f,) = audit(bad, t, checks=(CHANGE,))
    assert f.severity == "error" and "说明所列上年执行数500.00万元" in f.message


def test_p10_a_prior_amount_in_brackets_is_read():
    cl = claims_of("公务用车购置支出 421.30 万元，比上年预算数增加 421.30 万元（上年预算数为 0 万元，无法计算增减比率）。\n")
    c = one(cl, "three_public_vehicle_purchase")
    assert (c.prior_value, c.change_base, c.change_value) == (D(0), "budget", D("421.30"))


def test_p10_same_as_last_year_is_unchanged_whatever_the_word():
    for phrase in ("与上年相等", "与上年执行数持平", "与上年预算数一致", "与上年相同"):
        c = one(claims_of(f"公务接待费预算 70.00 万元，{phrase}。\n"), "three_public_reception")
        assert (c.change, c.change_value) == ("flat", D(0)), phrase


def test_p10_a_comparison_year_other_than_the_year_before_is_said():
    ok = claims_of("2026 年“三公”经费预算 13.85 万元，比 2025 年减少 5.45 万元。\n")
    assert said(audit(ok, checks=(YEARS,))) == []
    same = claims_of("2025 年“三公”经费预算 13.85 万元，比 2025 年减少 5.45 万元。\n")
    (f,) = audit(same, checks=(YEARS,))
    assert f.severity == "warning" and "2025年或为2026年之误" in f.message
    skipped = claims_of("2026 年“三公”经费预算 13.85 万元，比 2024 年减少 5.45 万元。\n")
    (f,) = audit(skipped, checks=(YEARS,))
    assert "上一年度应为2025年" in f.message


# ---------------------------------------------------------------------------
# P12: labels
# ---------------------------------------------------------------------------
def test_p12_a_label_form_with_a_colon_is_read():
    c = one(claims_of("住房公积金（项）：支出 341.75 万元。\n"), "expenditure_by_function")
    assert c.value == D("341.75")


def test_p12_a_generic_or_cut_label_names_no_total():
    # a 会议费 sentence cut by a page break: the page that goes on says only "支出"
    cl = claims_of("（三）一般性支出情况说明\n本部门会议费预算", "支出 10.05 万元，比上年预算减少 4.95 万元。\n")
    assert not [c for c in cl if c.metric in ("total_expenditure", "total_income")]
    # "委托业务费…财政拨款…总额": about 委托业务费, not the 财政拨款 total
    cl = claims_of("5.委托业务费安排情况\n2026年本部门委托业务费财政拨款预算总额 9,804.60 万元。\n")
    assert not [c for c in cl if c.metric.startswith("fiscal")]
    # beside the other total the bare word is that total
    cl = claims_of("2026 年收入 100.00 万元，支出 100.00 万元。\n")
    assert {c.metric for c in cl} == {"total_income", "total_expenditure"}


# ---------------------------------------------------------------------------
# shares
# ---------------------------------------------------------------------------
SHARES = ("（二）收入预算情况说明\n2026年收入预算 1,000.00 万元。其中：一般公共预算拨款收入 600.00 万元，占 60.0%；"
          "政府性基金预算收入 300.00 万元，占 {gf}%；事业收入 56.70 万元，占 {bi}%；其他收入 43.30 万元，占 {oi}%。\n")


def test_shares_are_recomputed_from_the_amounts_they_relate():
    assert said(audit(claims_of(SHARES.format(gf="30.0", bi="5.7", oi="4.3")), checks=(SHARE,))) == []
    (f,) = audit(claims_of(SHARES.format(gf="31.0", bi="5.7", oi="4.3")), checks=(SHARE,))
    assert (f.severity, f.item, f.expected, f.actual) == ("error", "政府性基金预算收入", D("30.000"), D("31.0"))


def test_a_share_cut_instead_of_rounded_or_adjusted_to_total_100_is_a_warning():
    # 56.70 / 1,000 = 5.67 % printed 5.6 (cut); 43.30 → 4.33 % printed 4.4 so that the list adds up to 100
    found = audit(claims_of(SHARES.format(gf="30.0", bi="5.6", oi="4.4")), checks=(SHARE,))
    assert [(f.severity, f.item) for f in found] == [("warning", "事业收入"), ("warning", "其他收入")]
    assert "截尾" in found[0].message and "凑足100%" in found[1].message
    cut = claims_of("2026 年支出合计 9,759.38 万元。一般公共预算财政拨款支出 9,746.50 万元，占本年支出合计的 99.86%。\n")
    (f,) = audit(cut, checks=(SHARE,))
    assert f.severity == "warning" and "截尾" in f.message and f.expected == D("99.8680")


def test_a_share_on_the_rounding_boundary_is_only_noted():
    d_claims = claims_of("2026 年支出合计 100.00 万元，其中：基本支出 29.15 万元，占 29.2%；项目支出 70.85 万元，占 70.8%。\n")
    d = Disclosure(department="测试局", year=YEAR, claims=d_claims)
    d.figures = locate(d)
    found = run_checks(Context(d, [d]), ids=[SHARE])
    assert [(f.severity, f.item) for f in found] == [("info", "基本支出"), ("info", "项目支出")]


# ---------------------------------------------------------------------------
# definitions: 公用经费 is not the 302 class
# ---------------------------------------------------------------------------
def test_a_claim_against_a_figure_summed_from_classes_is_at_most_a_warning():
    basic = table("t06", "general_budget_basic_expenditure", "表六", ("total",), [
        row("合计", flags=("total",), total="1000.00"),
        row("工资福利支出", "301", total="700.00"), row("商品和服务支出", "302", total="250.00"),
        row("对个人和家庭的补助", "303", total="30.00"), row("资本性支出", "310", total="20.00")], page=17)
    cl = claims_of("（六）一般公共预算基本支出情况说明\n2026年一般公共预算基本支出 1,000.00 万元，其中：人员经费 730.00 万元，"
                   "公用经费 270.00 万元。\n")
    (f,) = audit(cl, basic, checks=(MATCH,))
    assert f.severity == "warning" and "经济分类302类合计推算" in f.message and f.item == "公用经费"


# ---------------------------------------------------------------------------
# reasons: judged on the part of the narrative that states the change
# ---------------------------------------------------------------------------
def _e04(*pages):
    from analysis.checklist import checklist
    d = Disclosure(department="测试局", year=YEAR, narrative=[NarrativePage("n.pdf", i, t) for i, t in enumerate(pages, 1)])
    return next(i for i in checklist(d) if i.id == "E04")


def test_reasons_are_judged_on_the_section_that_states_the_change():
    given = _e04("四、“三公”经费情况说明\n2026 年“三公”经费预算 2,171.85 万元，比 2025 年减少 380.65 万元。"
                 "其中：因公出国（境）费用 321.91 万元，比 2025 年减少 21.5 万元，主要原因是因公出国计划减少；"
                 "公务接待费 279.19 万元，比 2025 年减少 359.15 万元，主要原因是严控公务接待支出。\n五、其他重要事项\n")
    assert given.status == "present"
    # a sentence about something else in the window is not a 三公 change
    other = _e04("一、“三公”经费预算 8.00 万元，与上年持平。\n二、收入预算 19,577 万元，其中：财政拨款收入 19,577 万元，"
                 "比 2025 年预算减少 290 万元。\n")
    assert other.status == "present"
    missing = _e04("四、“三公”经费情况说明\n2026 年“三公”经费预算 2,171.85 万元，比 2025 年减少 380.65 万元。\n"
                   "五、其他重要事项\n机关运行经费比上年减少 10 万元，主要原因是压减。\n")
    assert missing.status == "missing" and "未说明增减原因" in missing.detail


def test_p09_a_projects_money_or_a_targets_bound_is_never_a_department_total():
    cl = claims_of("三、项目情况\n该项目预算 120.00 万元，其中：财政拨款 100.00 万元，成本≤12 万元。\n"
                   "2026年收入预算 1,000.00 万元。\n")
    assert [(c.metric, c.value) for c in cl] == [("total_income", D("1000.00"))]


def test_p04_the_years_total_is_compared_with_the_years_figure_the_grand_total_with_the_grand_total():
    summary = table("t01", "department_summary", "表1", ("total",), [
        Row(0, "一般公共预算", amounts={"total": D("900.00")}, section="income"),
        Row(1, "本年收入合计", amounts={"total": D("900.00")}, section="income"),
        Row(2, "上年结转", amounts={"total": D("100.00")}, section="income"),
        Row(3, "收入总计", amounts={"total": D("1000.00")}, section="income"),
        Row(4, "本年支出合计", amounts={"total": D("1000.00")}, section="expenditure"),
        Row(5, "支出总计", amounts={"total": D("1000.00")}, section="expenditure")], page=9)
    ok = claims_of("2026年本年收入合计 900.00 万元，收入总计 1,000.00 万元。\n")
    assert said(audit(ok, summary, checks=(MATCH,))) == []
    (f,) = audit(claims_of("2026年本年收入合计 1,000.00 万元。\n"), summary, checks=(MATCH,))
    assert f.expected == D("900.00") and "本年收入合计" in f.message
