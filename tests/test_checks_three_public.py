"""three_public.zero_budget_but_planned and three_public.reception_in_projects."""
from __future__ import annotations

from decimal import Decimal as D

from analysis.checks.base import REGISTRY, Context
from analysis.checks.families import three_public  # noqa: F401  (registers the checks)
from analysis.model import Claim, Column, Disclosure, Indicator, PerformanceTarget, Row, Table

ZERO = "three_public.zero_budget_but_planned"
RECEPTION = "three_public.reception_in_projects"


def run(check_id, d):
    return REGISTRY[check_id].run(Context(d, [d]))


def three_public_table(overseas="0", purchase="0", operation="36", reception="15"):
    vals = {"overseas": overseas, "vehicle_purchase": purchase, "vehicle_operation": operation, "reception": reception}
    total = sum(D(v) for v in vals.values())
    amounts = {"total": total, "vehicle_total": D(purchase) + D(operation), **{k: D(v) for k, v in vals.items()}}
    return Table(id="t04", kind="three_public", title="一般公共预算“三公”经费支出表", label="附件4", file="x.pdf",
                 pages=[9], columns=[Column(k, k) for k in amounts],
                 rows=[Row(0, "合计", amounts=amounts, flags=["total"], page=9)])


def ind(name, value, unit="万元", level1="成本指标", level2="经济成本指标", op="="):
    return Indicator(level1=level1, level2=level2, name=name, value_raw=value, value=D(value), operator=op,
                     unit=unit, nature="定量", page=36)


def project(name, indicators, goal="", tid="t25"):
    return PerformanceTarget(kind="project", title=f"{name}绩效目标表", project_code="500T", project_name=name,
                             fund_total=D(50), goal=goal, indicators=indicators, pages=[36], file="x.pdf",
                             table_id=tid)


def disclosure(table, projects, claims=()):
    tabs = [table] + [Table(id=p.table_id, kind="project_performance", title=p.title, file="x.pdf", pages=p.pages)
                      for p in projects]
    return Disclosure(department="测试单位", year=2025, tables=tabs, performance=list(projects), claims=list(claims))


# -- zero_budget_but_planned ---------------------------------------------------------
def test_no_project_plans_a_zero_item_is_silent():
    d = disclosure(three_public_table(), [project("会议专项", [ind("印制会议资料", "20")])])
    assert run(ZERO, d) == []


def test_overseas_zero_while_a_project_costs_overseas_trips_is_an_error():
    d = disclosure(three_public_table(), [project("招商外事专项", [
        ind("因公出国（境）、招商经贸活动", "1", "次", "产出指标", "数量指标", "≥"),
        ind("因公出国（境）、招商经贸活动", "20")])])
    (f,) = run(ZERO, d)
    assert f.severity == "error" and f.item == "因公出国（境）费" and f.actual == D(20)
    assert "附件4" in f.message and "第9页" in f.message and "招商外事专项" in f.message


def test_vehicle_purchase_zero_while_a_project_buys_a_car_is_an_error():
    d = disclosure(three_public_table(), [project("执法装备", [ind("购置执法执勤用车1辆", "25")])])
    (f,) = run(ZERO, d)
    assert f.item == "公务用车购置费" and f.severity == "error"


def test_mention_only_in_the_goal_is_a_warning():
    d = disclosure(three_public_table(), [project("外事专项", [ind("宣传资料", "5")], goal="组织因公出国（境）考察1次。")])
    (f,) = run(ZERO, d)
    assert f.severity == "warning" and "当年绩效目标" in f.message


def test_table_zero_contradicted_by_the_narrative_is_left_to_the_narrative_check():
    claims = [Claim("three_public_overseas", D(20), "万元", "因公出国（境）费20万元", 3, subject="因公出国（境）费")]
    d = disclosure(three_public_table(), [project("招商外事专项", [ind("因公出国（境）、招商经贸活动", "20")])], claims)
    assert run(ZERO, d) == []


def test_sample_overseas_budget_zero_but_the_investment_project_plans_trips(sample):
    (f,) = run(ZERO, sample)
    assert f.severity == "error" and f.item == "因公出国（境）费"
    assert f.actual == D(20) and "招商外事专项" in f.message and "项目概况" in f.message


def test_chongqing_text_reception_read_as_zero_is_not_reported(chongqing_text):
    # the text reader places 公务接待费 15 in another column; the narrative says 15: no zero-budget finding
    assert [f.item for f in run(ZERO, chongqing_text)] == ["因公出国（境）费"]


def test_jiangsu_has_no_project_targets(jiangsu):
    for d in jiangsu.values():
        assert run(ZERO, d) == [] and run(RECEPTION, d) == []


# -- reception_in_projects ------------------------------------------------------------
def test_projects_without_reception_costs_are_silent():
    d = disclosure(three_public_table(), [project("会议专项", [ind("会议系统维护", "8.5")])])
    assert run(RECEPTION, d) == []


def test_reception_costs_in_projects_are_info_and_compared_with_the_reception_budget():
    d = disclosure(three_public_table(reception="15"), [
        project("征兵外事专项", [ind("接待港澳、外国政商代表团（包括友好城市互访）综合成本", "10", op="≥")], tid="t13"),
        project("招商外事专项", [ind("接待港澳、外国政商代表团、友好城市互访经费", "15")])])
    found = run(RECEPTION, d)
    assert [f.severity for f in found] == ["info", "info"]
    assert all("25万元" in f.message and "公务接待费预算为15万元" in f.message for f in found)


def test_sample_reception_in_the_two_foreign_affairs_projects(sample):
    found = run(RECEPTION, sample)
    assert sorted((f.page, f.actual) for f in found) == [(20, D(10)), (36, D(15))]
