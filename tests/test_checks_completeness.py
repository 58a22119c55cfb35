"""completeness.*: the required tables and explanations are there, at the required detail."""
from __future__ import annotations

import pytest

from analysis.checks import REGISTRY
from analysis.checks.families.completeness import TABLE_RULES

from .test_checks_arithmetic import disclosure, economic, mkrow, mktable, run, total

TABLES = "completeness.required_tables"
EXPL = "completeness.required_explanations"
FUNC = "completeness.function_granularity"
ECON = "completeness.economic_granularity"
SPLIT = "completeness.three_public_split"
EMPTY = "completeness.empty_table_reason"
JIANGSU = [(d, y) for d in ("江苏省人大常委", "江苏省委", "江苏省政协") for y in (2017, 2018, 2019)]


def test_registered():
    run(disclosure())
    for cid in (TABLES, EXPL, FUNC, ECON, SPLIT, EMPTY):
        c = REGISTRY[cid]
        assert c.family == "completeness" and c.title_zh and c.title_en and c.rationale
    assert REGISTRY[TABLES].severity == "error" and REGISTRY[EXPL].severity == "warning"


# -- required_tables -------------------------------------------------------------------------------
def _all_tables():
    return [mktable(kind, ["total"], [total(total="1")], tid=f"t{i:02d}") for i, kind in enumerate(TABLE_RULES.values())]


def test_required_tables_missing_are_errors_named_with_their_rule():
    ts = _all_tables()
    d = disclosure(*[t for t in ts if t.kind not in ("three_public", "government_fund")], year=2019)
    fs = run(d, TABLES)
    assert sorted(f.item for f in fs) == ["“三公”经费支出表", "政府性基金预算支出表"]
    assert all(f.severity == "error" for f in fs)
    assert any("T07" in f.message and "财政预决算领域基层政务公开标准目录" in f.message for f in fs)
    assert run(disclosure(*ts, year=2019), TABLES) == []


def test_from_2020_basic_and_project_printed_apart():
    ts = _all_tables()
    fs = run(disclosure(*ts, year=2025), TABLES)
    assert len(fs) == 1 and "T09" in fs[0].message and fs[0].table == "general_budget_expenditure"
    assert run(disclosure(*ts, year=2019), TABLES) == []


def test_sample_and_jiangsu_have_every_table(sample, jiangsu):
    assert run(sample, TABLES) == []
    for key in JIANGSU:
        assert run(jiangsu[key], TABLES) == [], key


# -- required_explanations -------------------------------------------------------------------------
FULL = ("四、“三公”经费情况说明 2025年“三公”经费预算51万元，比2024年增加8万元，主要原因是公务用车运行维护费增加。"
        "五、其他重要事项 1、机关运行经费。2025年机关运行经费206.14万元。"
        "2、政府采购情况。政府采购预算总额0万元：货物0万元、工程0万元、服务0万元。"
        "3、绩效目标设置情况。2025年项目支出均实行了绩效目标管理，涉及1205万元。"
        "4、国有资产占有使用情况。共有车辆9辆。"
        "六、专业性名词解释（一）财政拨款收入：指本年度从本级财政部门取得的财政拨款。")


def test_required_explanations_silent_when_all_are_there():
    assert run(disclosure(narrative=[FULL]), EXPL) == []


@pytest.mark.parametrize("drop,rule", [("1、机关运行经费。2025年机关运行经费206.14万元。", "E05"),
                                       ("4、国有资产占有使用情况。共有车辆9辆。", "E08"),
                                       ("3、绩效目标设置情况。2025年项目支出均实行了绩效目标管理，涉及1205万元。", "E09"),
                                       ("（一）财政拨款收入：指本年度从本级财政部门取得的财政拨款。", "E07")])
def test_required_explanation_missing(drop, rule):
    fs = run(disclosure(narrative=[FULL.replace(drop, "")]), EXPL)
    assert len(fs) == 1 and rule in fs[0].message and fs[0].severity == "warning"


def test_procurement_must_split_goods_works_services():
    fs = run(disclosure(narrative=[FULL.replace("工程0万元、", "")]), EXPL)
    assert len(fs) == 1 and "未分别列出工程类" in fs[0].message and fs[0].page == 1


def test_three_public_change_needs_a_reason():
    fs = run(disclosure(narrative=[FULL.replace("主要原因是公务用车运行维护费增加。", "")]), EXPL)
    assert len(fs) == 1 and "未说明增减原因" in fs[0].message
    flat = FULL.replace("比2024年增加8万元，主要原因是公务用车运行维护费增加。", "与2024年持平。")
    assert run(disclosure(narrative=[flat]), EXPL) == []


def test_each_three_public_change_needs_its_reason():
    two = FULL.replace("主要原因是公务用车运行维护费增加。",
                       "主要原因是公务用车运行维护费增加。公务接待费15万元，比2024年减少3万元。")
    fs = run(disclosure(narrative=[two]), EXPL)
    assert len(fs) == 1 and "比2024年减少3万元" in fs[0].message
    # a reason in the next sentence counts
    nxt = two.replace("比2024年减少3万元。", "比2024年减少3万元。主要原因是压减接待批次。")
    assert run(disclosure(narrative=[nxt]), EXPL) == []


def test_table_of_contents_is_not_an_explanation():
    toc = "第二部分 十、一般公共预算机关运行经费支出预算表 十二、政府采购支出预算表 第四部分名词解释第一部分部门概况"
    fs = run(disclosure(narrative=[toc]), EXPL)
    assert {f.item for f in fs} >= {"机关运行经费安排情况", "政府采购预算情况", "名词解释"}


def test_sample_narrative(sample):
    """The sample says “增量全部来自公务用车运行维护费”: where the increase sits, not why."""
    fs = run(sample, EXPL)
    assert [(f.page, "E04" in f.message) for f in fs] == [(2, True)]


def test_chongqing_text_narrative(chongqing_text):
    """The published text: 三公 “比2024年增加8万元” with no reason given (p3)."""
    fs = run(chongqing_text, EXPL)
    assert [(f.page, "未说明增减原因" in f.message) for f in fs] == [(3, True)]


@pytest.mark.parametrize("key,missing", [
    (("江苏省人大常委", 2017), {"E08", "E09"}), (("江苏省人大常委", 2018), {"E08"}),
    (("江苏省人大常委", 2019), {"E06"}), (("江苏省委", 2017), {"E06", "E08", "E09"}),
    (("江苏省委", 2018), {"E08"}), (("江苏省委", 2019), {"E06"}),
    (("江苏省政协", 2017), {"E08", "E09"}), (("江苏省政协", 2018), {"E08"}), (("江苏省政协", 2019), set())])
def test_jiangsu_narratives(jiangsu, key, missing):
    """2017-2018 narratives say nothing of 国有资产 (车辆); 2017 ones nothing of 绩效目标; three
    procurement paragraphs list 货物 and 服务 but no 工程 figure."""
    fs = run(jiangsu[key], EXPL)
    assert {m for f in fs for m in ("E04", "E05", "E06", "E07", "E08", "E09") if f"（{m}：" in f.message} == missing


# -- granularity -----------------------------------------------------------------------------------
def test_function_granularity():
    rows = [total(total="10"), mkrow("一般公共服务支出", "201", total="10"), mkrow("人大事务", "20101", total="10")]
    fs = run(disclosure(mktable("general_budget_expenditure", ["total"], rows, label="附件2")), FUNC)
    assert [f.code for f in fs] == ["201", "20101"] and all(f.severity == "error" for f in fs)
    rows.append(mkrow("行政运行", "2010101", total="10"))
    assert run(disclosure(mktable("general_budget_expenditure", ["total"], rows)), FUNC) == []
    uncoded = [total(total="10"), mkrow("一般公共服务支出", total="10")]
    assert len(run(disclosure(mktable("general_budget_expenditure", ["total"], uncoded)), FUNC)) == 1


def test_economic_granularity_on_the_sample(sample):
    """附件3 p8 prints 303 医疗费补助 5.40 without any 款 under it."""
    fs = run(sample, ECON)
    assert [(f.code, f.page, f.severity) for f in fs] == [("303", 8, "error")]
    assert "303 医疗费补助（类级）5.40 万元 未细化到款级" in fs[0].message
    assert run(sample, FUNC) == []


def test_economic_granularity_silent_when_classes_have_items():
    rows = [mkrow("商品和服务支出", "302", total="5"), mkrow("办公费", "30201", total="5"),
            mkrow("资本性支出", "310", total="0")]  # an empty class needs no items
    assert run(disclosure(economic(rows, keys=("total",))), ECON) == []


def test_jiangsu_granularity(jiangsu):
    for key in JIANGSU:
        assert run(jiangsu[key], FUNC, ECON, SPLIT) == [], key


# -- three_public_split ----------------------------------------------------------------------------
def test_three_public_split():
    t = mktable("three_public", ["total", "overseas", "vehicle_total", "reception"], [total(total="1")])
    fs = run(disclosure(t), SPLIT)
    assert len(fs) == 1 and "公务用车购置费、公务用车运行维护费" in fs[0].message
    t = mktable("three_public", ["total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation",
                                 "reception"], [total(total="1")])
    assert run(disclosure(t), SPLIT) == []


# -- empty_table_reason ----------------------------------------------------------------------------
def _empty_fund(note=""):
    t = mktable("government_fund", ["total"], [total(total="0", page=10)], label="公开10表")
    t.note = note
    return t


def test_empty_table_without_a_reason():
    fs = run(disclosure(_empty_fund()), EMPTY)
    assert len(fs) == 1 and fs[0].page == 10 and "未说明原因" in fs[0].message
    assert run(disclosure(_empty_fund("注:本部门无该项目")), EMPTY) == []
    assert run(disclosure(_empty_fund(), narrative=["本部门无政府性基金预算。"]), EMPTY) == []


def test_a_table_with_figures_is_not_empty():
    t = mktable("government_fund", ["total"], [total(total="5")])
    assert run(disclosure(t), EMPTY) == []


def test_sample_empty_tables_say_why(sample):
    # 附件5 has its note; 附件9 (政府采购, all blank) is explained by the narrative: 预算总额为0万元
    assert run(sample, EMPTY) == []


def test_jiangsu_empty_tables_are_explained(jiangsu):
    """江苏省人大 2019 公开表十 and 江苏省委 2017 表七 print an empty 政府性基金 table without a note;
    their narratives state 政府性基金 0 万元 / 本部门无政府性基金预算."""
    for key in JIANGSU:
        assert run(jiangsu[key], EMPTY) == [], key
