"""Tests of ``completeness.required_explanations`` (``analysis/checks/completeness/required_explanations.py``)."""
from __future__ import annotations

import pytest

from .builders import disclosure, run

EXPL = "completeness.required_explanations"


FULL = ("一、部门职责 区政府办公室的主要职责是协助区政府领导处理日常政务，统筹全区政务公开。"
        "二、机构设置 本部门内设机构5个，所属事业单位2个。"
        "三、收支预算总体情况 2025年收支预算总计2218.51万元，比上年增加881.28万元，主要原因是事业单位划入。"
        "四、“三公”经费情况说明 2025年“三公”经费预算51万元，比2024年增加8万元，主要原因是公务用车运行维护费增加。"
        "五、其他重要事项 1、机关运行经费。2025年机关运行经费206.14万元。"
        "2、政府采购情况。政府采购预算总额0万元：货物0万元、工程0万元、服务0万元。"
        "3、绩效目标设置情况。2025年项目支出均实行了绩效目标管理，涉及1205万元。"
        "4、国有资产占有使用情况。共有车辆9辆。"
        "六、专业性名词解释（一）财政拨款收入：指本年度从本级财政部门取得的财政拨款。")


def test_required_explanations_silent_when_all_are_there():
    assert run(disclosure(narrative=[FULL]), EXPL) == []


@pytest.mark.parametrize("drop,rule", [("区政府办公室的主要职责是协助区政府领导处理日常政务，统筹全区政务公开。", "E01"),
                                       ("本部门内设机构5个，所属事业单位2个。", "E02"),
                                       ("，比上年增加881.28万元，主要原因是事业单位划入", "E03"),
                                       ("1、机关运行经费。2025年机关运行经费206.14万元。", "E05"),
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


def test_tables_given_without_their_narrative_are_said_once():
    from .builders import mktable, total

    fs = run(disclosure(mktable("department_summary", ["total"], [total(total="1")])), EXPL)
    assert [(f.severity, f.item) for f in fs] == [("warning", "情况说明")]
    assert "项应说明的事项无法核对" in fs[0].message
