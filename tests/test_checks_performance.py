"""performance.* checks on the bundled sample (ruled PDF) and on built targets."""
from __future__ import annotations

from decimal import Decimal as D


from analysis.checks.base import REGISTRY, Context
from analysis.checks.families import performance as perf
from analysis.model import Column, Disclosure, Indicator, PerformanceTarget, Row, Table


def run(check_id, d):
    return REGISTRY[check_id].run(Context(d, [d]))


def by(found, severity):
    return [f for f in found if f.severity == severity]


def ind(name, value, unit="万元", level1="成本指标", level2="经济成本指标", op="=", weight=None):
    v = None
    try:
        v = D(value)
    except Exception:  # noqa: BLE001
        pass
    return Indicator(level1=level1, level2=level2, name=name, value_raw=value, value=v,
                     operator=op if v is not None else "", unit=unit, nature="定量" if v is not None else "定性",
                     weight=None if weight is None else D(weight), page=21)


def target(name, fund, indicators, code="", kind="project", tid="t12", start="2024年", goal=""):
    return PerformanceTarget(kind=kind, title=f"{name}绩效目标表", project_code=code, project_name=name,
                             fund_total=None if fund is None else D(fund), period_start=start, period_end="长期",
                             goal=goal, indicators=indicators, pages=[21], file="x.pdf", table_id=tid)


def project_table(*projects):
    rows = [Row(0, "合计", amounts={"total": sum((D(a) for _, _, a in projects), D(0))}, flags=["total"], page=18)]
    for i, (code, name, amount) in enumerate(projects, start=1):
        rows.append(Row(i, "一般行政管理事务", code="2010302", amounts={"total": D(amount)}, page=18,
                        extra={"project_code": code, "project_name": name}))
    return Table(id="t10", kind="project_expenditure", title="项目支出明细表", label="附件10", file="x.pdf",
                 pages=[18], columns=[Column("total", "合计")], rows=rows)


def disclosure(targets, tables=(), year=2025):
    tabs = list(tables) + [Table(id=p.table_id, kind="overall_performance" if p.kind == "overall" else "project_performance",
                                 title=p.title, file="x.pdf", pages=p.pages) for p in targets]
    return Disclosure(department="测试单位", year=year, tables=tabs, performance=list(targets))


# -- target_for_each_project ------------------------------------------------------
TFP = "performance.target_for_each_project"


def test_every_project_with_its_target_and_same_fund_is_silent():
    d = disclosure([target("会议专项", "50", [], code="500T1"), target("外事专项", "20", [], code="500T2", tid="t13")],
                   [project_table(("500T1", "会议专项", "50.00"), ("500T2", "外事专项", "20.00"))])
    assert run(TFP, d) == []


def test_fund_differs_from_the_project_table_is_an_error():
    d = disclosure([target("会议专项", "60", [], code="500T1")], [project_table(("500T1", "会议专项", "50.00"))])
    (f,) = run(TFP, d)
    assert f.severity == "error" and f.difference == D(10) and "附件10" in f.message


def test_project_without_target_and_target_without_project_are_warnings():
    d = disclosure([target("会议专项", "50", [], code="500T1"), target("调研专项", "40", [], code="500T9", tid="t13")],
                   [project_table(("500T1", "会议专项", "50.00"), ("500T2", "外事专项", "20.00"))])
    found = run(TFP, d)
    assert sorted(f.item for f in found) == ["外事专项", "调研专项"]
    assert all(f.severity == "warning" for f in found)


def test_match_by_name_when_codes_are_missing():
    d = disclosure([target("区政府办督查议案专项（常年性项目）", "60", [])],
                   [project_table(("", "区政府办督查议案专项（常年性项目）", "60.00"))])
    assert run(TFP, d) == []


def test_sample_fourteen_projects_all_have_their_targets(sample):
    assert len(perf.project_lines(sample)) == 14
    assert run(TFP, sample) == []


def test_chongqing_text_projects_found_despite_split_codes(chongqing_text):
    lines = perf.project_lines(chongqing_text)
    assert len(lines) == 14 and lines[0].code == "50015222T000000125711"
    assert run(TFP, chongqing_text) == []


# -- cost_vs_fund ----------------------------------------------------------------------
CVF = "performance.cost_vs_fund"


def test_costs_within_the_fund_are_silent_and_yuan_are_converted():
    d = disclosure([target("会议专项", "50", [ind("会议系统维护", "85000", "元"), ind("印制会议资料", "200000", "元"),
                                          ind("会务", "20")])])
    assert run(CVF, d) == []   # 8.5 + 20 + 20 = 48.5 <= 50


def test_costs_exceeding_the_fund_are_an_error():
    d = disclosure([target("外事专项", "20", [ind("接待", "15"), ind("宣传", "10")])])
    (f,) = run(CVF, d)
    assert f.severity == "error" and f.actual == D(25) and f.expected == D(20)


def test_costs_far_below_the_fund_are_info_and_rates_are_not_summed():
    d = disclosure([target("调研专项", "40", [ind("编制《调研文集》", "1000", "元/户（套）"),
                                          ind("专题调研综合成本", "9000", "元/月"), ind("资料", "5")])])
    (f,) = run(CVF, d)
    assert f.severity == "info" and f.actual == D(5) and "未计入" in f.message


def test_sample_cost_findings(sample):
    found = run(CVF, sample)
    assert by(found, "error") == []
    assert sorted(f.item for f in by(found, "info")) == ["巨灾保险", "打击非法集资和金融监管专项"]


# -- inline_arithmetic -------------------------------------------------------------------
IA = "performance.inline_arithmetic"


def test_products_in_names():
    (p,) = perf.products_in("全区政务信息培训（2 次*3 万/次）")
    assert p.money and p.value == D(60000)
    ps = perf.products_in("潼南政报（60期*300 份*3 元/份）、合订本（100 元/本*150 本）、大事记编撰印刷（50 元/本*300 本）综合成本")
    assert [x.value for x in ps] == [D(54000), D(15000), D(15000)]
    assert perf.products_in("开展现场督查 70次以上") == []


def test_arithmetic_equal_to_the_value_is_silent():
    d = disclosure([target("电子政务", "70", [ind("全区政务信息培训（2 次*3 万/次）", "6")])])
    assert run(IA, d) == []


def test_arithmetic_different_from_the_value_is_an_error():
    d = disclosure([target("电子政务", "70", [ind("政府网站升级改版（1 次*15 万/次）", "20")])])
    (f,) = run(IA, d)
    assert f.severity == "error" and f.expected == D(15) and f.actual == D(20)


def test_rounded_unit_price_within_one_percent_is_info():
    d = disclosure([target("电子政务", "70", [ind("政府网站内容安全云检测（12 次*0.83万/次）", "10")])])
    (f,) = run(IA, d)
    assert f.severity == "info" and f.expected == D("9.96")


def test_sample_inline_arithmetic(sample):
    found = run(IA, sample)
    assert sorted((f.expected, f.actual) for f in by(found, "error")) == [
        (D("7.2"), D("6.9")), (D("8.4"), D("8.1")), (D(15), D(20))]
    assert [(f.expected, f.actual) for f in by(found, "info")] == [(D("9.96"), D(10))]


# -- count_consistency ---------------------------------------------------------------------
CC = "performance.count_consistency"


def test_same_count_in_overall_and_project_is_silent():
    overall = target("整体", None, [ind("开展督查次数", "70", "次", "", "", "≥", weight="9")], kind="overall", tid="t11")
    proj = target("督查专项", "60", [ind("开展专项督查次数", "70", "次", "产出指标", "质量指标", "≥"),
                                   ind("开展现场督查 70次以上", "11.55")])
    assert run(CC, disclosure([overall, proj])) == []


def test_count_contradicting_the_overall_table_is_a_warning():
    overall = target("整体", None, [ind("政府网站内容安全云检测", "12", "次", "", "", "≥", weight="8")],
                     kind="overall", tid="t11")
    proj = target("电子政务", "70", [ind("网站群云检测", "4", "次", "产出指标", "数量指标")])
    (f,) = run(CC, disclosure([overall, proj]))
    assert f.severity == "warning" and f.actual == D(4) and f.expected == D(12)


def test_different_things_with_different_counts_are_silent():
    overall = target("整体", None, [ind("开展督查次数", "70", "次", "", "", "≥", weight="9")], kind="overall", tid="t11")
    proj = target("数字化", "300", [ind("开展对镇街督查调研", "23", "次", "产出指标", "数量指标", "≥")])
    assert run(CC, disclosure([overall, proj])) == []


def test_sample_cloud_inspections_4_versus_12(sample):
    (f,) = run(CC, sample)
    assert f.item == "网站群云检测" and f.actual == D(4) and "12次" in f.message and "附件11" in f.message


# -- wrong_year ------------------------------------------------------------------------
WY = "performance.wrong_year"


def test_targets_about_the_budget_year_are_silent():
    d = disclosure([target("会议专项", "50", [ind("召开会议", "40", "次", "产出指标", "数量指标")],
                           start="2022年", goal="确保2025年各类会议顺利召开。")])
    assert run(WY, d) == []


def test_goal_naming_the_previous_year_is_a_warning_and_a_start_after_the_year_an_error():
    d = disclosure([target("督查专项", "60", [], goal="纳入 2024 年综合目标进行考核管理。"),
                    target("新专项", "10", [], start="2026年", tid="t13")])
    found = run(WY, d)
    assert [(f.severity, f.item) for f in found] == [("warning", "督查专项"), ("error", "新专项")]


def test_legal_reference_years_are_not_year_mentions():
    d = disclosure([target("金融补助", "200", [], goal="根据《通知》（潼南府办发[2018]66 号）给予补贴。")])
    assert run(WY, d) == []


def test_sample_basis_of_the_2024_budget_notice_and_2024_goal(sample):
    found = run(WY, sample)
    basis = [f for f in found if f.item == "立项依据"]
    assert len(basis) == 1 and basis[0].severity == "warning" and "13张" in basis[0].message
    assert "关于编制2024年政府部门预算的通知" in basis[0].message
    goals = [f for f in found if f.item != "立项依据"]
    assert [f.item for f in goals] == ["区政府办督查议案专项（常年性项目）"]


# -- unmeasurable -------------------------------------------------------------------------
UM = "performance.unmeasurable"


def test_quantified_targets_are_silent():
    d = disclosure([target("会议专项", "50", [ind("满意度", "90", "%", "满意度指标", "服务对象满意度指标", "≥")])])
    assert run(UM, d) == []


def test_placeholder_name_or_value_is_a_warning_vague_values_are_info():
    d = disclosure([target("周转房", "20", [ind("定性", "定性", "", "效益指标", "可持续影响指标"),
                                         ind("宣传效果", "定性", "", "效益指标", "社会效益指标"),
                                         ind("优化营商环境", "好", "", "效益指标", "社会效益指标"),
                                         ind("促进发展", "长期", "", "效益指标", "社会效益指标")])])
    found = run(UM, d)
    assert len(by(found, "warning")) == 2
    (info,) = by(found, "info")
    assert "优化营商环境" in info.message and "长期" in info.message


def test_sample_unmeasurable(sample):
    found = run(UM, sample)
    assert sorted(f.item for f in by(found, "warning")) == [
        "定性", "开展非法集资宣传活动，提升群众风险防范意识，打击非法金融活动，维护群众财产安全"]
    assert len(by(found, "info")) == 13   # the overall table and 12 of the 14 project tables


# -- weights_sum -------------------------------------------------------------------------
WS = "performance.weights_sum"


def test_weights_summing_to_100_are_silent():
    overall = target("整体", None, [ind("a", "1", "次", "", "", weight="60"), ind("b", "1", "次", "", "", weight="40")],
                     kind="overall", tid="t11")
    assert run(WS, disclosure([overall])) == []


def test_sample_overall_weights_sum_to_92(sample):
    (f,) = run(WS, sample)
    assert f.severity == "error" and f.actual == D(92) and "附件11" in f.message


def test_chongqing_text_overall_weights_sum_to_92(chongqing_text):
    (f,) = run(WS, chongqing_text)
    assert f.actual == D(92)


def test_jiangsu_has_no_performance_tables_so_nothing_fires(jiangsu):
    for d in jiangsu.values():
        for cid in (TFP, CVF, IA, CC, WY, UM, WS):
            assert run(cid, d) == [], (cid, d.slug)
