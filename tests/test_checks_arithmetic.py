"""arithmetic.*: totals equal the sum of their parts, within one table.

Minimal tables built by hand show each check firing and staying silent; the bundled sample,
the Chongqing text and the Jiangsu corpus pin what the checks find in real disclosures.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from analysis.checks import Context, REGISTRY, run_checks
from analysis.model import Column, Disclosure, NarrativePage, Row, Table

D = Decimal

CHILDREN = "arithmetic.children_sum"
PARTS = "arithmetic.column_parts"
BALANCE = "arithmetic.income_equals_expenditure"
SECTIONS = "arithmetic.section_sum"


# ---------------------------------------------------------------------------
# builders (shared with the other check tests)
# ---------------------------------------------------------------------------
def mkrow(name: str, code: str | None = None, *, page: int = 1, section: str | None = None, flags=(),
          ph: dict | None = None, ur: dict | None = None, extra: dict | None = None, **amounts) -> Row:
    level = {3: 1, 5: 2, 7: 3}.get(len(code)) if code else None
    return Row(index=0, name=name, code=code, level=level,
               amounts={k: D(str(v)) for k, v in amounts.items()},
               placeholders=dict(ph or {}), unreadable=dict(ur or {}), section=section, page=page,
               file="sample.pdf", raw=name, flags=list(flags), extra=dict(extra or {}))


def total(name: str = "合计", **kw) -> Row:
    return mkrow(name, flags=("total",), **kw)


def mktable(kind: str, keys, rows, *, label: str = "附件3", tid: str = "t01", unit: str = "万元",
            scale=D(1), labels: dict | None = None) -> Table:
    cols = [Column(k if isinstance(k, str) else k[1], (labels or {}).get(k, k) if isinstance(k, str) else f"{k[0]}:{k[1]}")
            for k in keys]
    for i, r in enumerate(rows):
        r.index = i
    pages = sorted({r.page for r in rows}) or [1]
    return Table(id=tid, kind=kind, title=kind, label=label, unit=unit, scale=scale, file="sample.pdf",
                 pages=pages, columns=cols, rows=list(rows))


def disclosure(*tables, narrative=(), year: int = 2025, problems=()) -> Disclosure:
    return Disclosure(department="测试单位", year=year, tables=list(tables),
                      narrative=[NarrativePage("sample.pdf", i + 1, t) for i, t in enumerate(narrative)],
                      problems=list(problems))


def run(d: Disclosure, *ids: str) -> list:
    return run_checks(Context(disclosure=d, batch=[d]), ids=list(ids))


def errors(findings: list) -> list:
    return [f for f in findings if f.severity == "error"]


def economic(rows, keys=("total", "personnel", "public"), **kw) -> Table:
    return mktable("general_budget_basic_expenditure", list(keys), rows, **kw)


# ---------------------------------------------------------------------------
# registry
# ---------------------------------------------------------------------------
def test_arithmetic_checks_are_registered_with_bilingual_titles_and_sources():
    run(disclosure())  # imports the families
    for cid in (CHILDREN, PARTS, BALANCE, SECTIONS):
        c = REGISTRY[cid]
        assert c.family == "arithmetic" and c.severity == "error"
        assert c.title_zh and c.title_en and c.rationale
        assert "预算法" in c.rationale or "财预〔2016〕143号" in c.rationale


# ---------------------------------------------------------------------------
# arithmetic.children_sum
# ---------------------------------------------------------------------------
def _goods(parent_total="189.20", page=9):
    return [
        mkrow("商品和服务支出", "302", page=page, total=parent_total, public=parent_total),
        mkrow("办公费", "30201", page=page, total="47.18", public="47.18"),
        mkrow("印刷费", "30202", page=page, total="10.00", public="10.00"),
        mkrow("会议费", "30215", page=page, total="118.08", public="118.08"),
    ]


def test_children_sum_fires_with_the_evidence_on_the_page():
    t = economic([total(total="175.26", public="175.26", page=9)] + _goods(), label="附件3")
    fs = run(disclosure(t), CHILDREN)
    f = next(f for f in fs if f.code == "302" and "公用经费" in f.message)
    assert f.severity == "error" and f.table == "general_budget_basic_expenditure" and f.page == 9
    assert (f.actual, f.expected, f.difference) == (D("189.20"), D("175.26"), D("13.94"))
    assert f.message.startswith("附件3《一般公共预算基本支出表》第9页 302 商品和服务支出")
    assert "189.20 万元" in f.message and "175.26 万元" in f.message and "相差 13.94 万元" in f.message
    assert {r["code"] for r in f.related} == {"30201", "30202", "30215"}


def test_children_sum_silent_when_the_hierarchy_adds_up():
    t = economic([total(total="175.26", public="175.26")] + _goods("175.26"))
    assert run(disclosure(t), CHILDREN) == []


def test_children_sum_tolerates_rounding_of_one_cent_per_term():
    rows = [mkrow("一般公共服务支出", "201", total="10.03"), mkrow("人大事务", "20101", total="10.03"),
            mkrow("行政运行", "2010101", total="3.34"), mkrow("一般行政管理事务", "2010102", total="3.33"),
            mkrow("人大会议", "2010104", total="3.33")]
    t = mktable("general_budget_expenditure", ["total"], rows)
    assert run(disclosure(t), CHILDREN) == []  # 10.03 vs 10.00: three terms, 0.03 allowed
    rows[1].amounts["total"] = D("10.04")
    rows[0].amounts["total"] = D("10.04")
    assert [f.code for f in run(disclosure(t), CHILDREN)] == ["20101"]


def test_children_sum_checks_the_total_row_against_the_classes():
    rows = [total(total="300.00"), mkrow("一般公共服务支出", "201", total="200.00"),
            mkrow("住房保障支出", "221", total="90.00")]
    fs = run(disclosure(mktable("department_expenditure", ["total"], rows, label="公开03表")), CHILDREN)
    assert len(fs) == 1 and fs[0].item == "合计" and fs[0].difference == D("10.00")
    assert "各类（2 行）合计 290.00 万元" in fs[0].message


def test_children_sum_accepts_a_class_row_whose_code_was_not_read():
    # 江苏省人大 2017 p11: the 301 row is read without its code; the 合计 still adds up with it
    rows = [total(total="7666.68"), mkrow("", flags=("unlabelled",), total="2928.98"),
            mkrow("基本工资", "30101", total="2928.98"), mkrow("商品和服务支出", "302", total="1585.96"),
            mkrow("对个人和家庭的补助", "303", total="3151.74")]
    assert run(disclosure(mktable("fiscal_basic_expenditure", ["total"], rows)), CHILDREN) == []


def test_children_sum_skips_columns_with_placeholders():
    rows = [mkrow("工资福利支出", "301", total="10.00", ph={"personnel": "."}),
            mkrow("基本工资", "30101", total="4.00", personnel="4.00"),
            mkrow("津贴补贴", "30102", total="6.00", personnel="5.00")]
    assert run(disclosure(economic(rows)), CHILDREN) == []


def test_children_sum_reports_guessed_columns_as_warnings_and_says_so():
    rows = [mkrow("工资福利支出", "301", flags=("columns_inferred",), total="725.33", personnel="725.33"),
            mkrow("基本工资", "30101", flags=("columns_inferred",), total="173.54", personnel="173.54")]
    fs = run(disclosure(economic(rows)), CHILDREN)
    assert fs and all(f.severity == "warning" for f in fs)
    assert all("由文本推断" in f.message for f in fs)


def test_children_sum_reads_children_below_their_parent_only():
    # a table that repeats its codes per unit: each block adds up on its own
    rows = [mkrow("一般公共服务支出", "201", total="5"), mkrow("人大事务", "20101", total="5"),
            mkrow("一般公共服务支出", "201", total="7"), mkrow("人大事务", "20101", total="7")]
    assert run(disclosure(mktable("department_expenditure", ["total"], rows)), CHILDREN) == []


# ---------------------------------------------------------------------------
# arithmetic.column_parts
# ---------------------------------------------------------------------------
def test_column_parts_function_table_total_is_basic_plus_project_plus_reserve():
    keys = ["total", "basic", "project", "reserve", "carry_forward"]
    good = total(total="10150.48", basic="5678.17", project="3314.68", reserve="1157.63", carry_forward="0")
    assert run(disclosure(mktable("department_expenditure", keys, [good])), PARTS) == []
    bad = total(total="10150.48", basic="5678.17", project="3314.68", reserve="1057.63", carry_forward="0")
    fs = run(disclosure(mktable("department_expenditure", keys, [bad], label="公开03表")), PARTS)
    assert len(fs) == 1 and fs[0].severity == "error"
    assert fs[0].expected == D("10050.48") and fs[0].difference == D("100.00")
    assert "基本支出 5,678.17" in fs[0].message and "单位预留机动经费 1,057.63" in fs[0].message


def test_column_parts_prior_year_columns_too():
    r = mkrow("一般公共服务支出", "201", prior_total="100", prior_basic="60", prior_project="30",
              total="50", basic="20", project="30")
    fs = run(disclosure(mktable("general_budget_expenditure",
                                ["prior_total", "prior_basic", "prior_project", "total", "basic", "project"], [r])), PARTS)
    assert [(f.actual, f.expected) for f in fs] == [(D(100), D(90))]


def test_column_parts_personnel_plus_public():
    ok = total(total="1013.51", personnel="807.37", public="206.14")
    bad = mkrow("商品和服务支出", "302", total="189.20", personnel="0", public="180.20")
    fs = run(disclosure(economic([ok, bad])), PARTS)
    assert [f.code for f in fs] == ["302"] and fs[0].difference == D("9.00")


THREE = ["total", "three_public", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation",
         "reception", "meeting", "training"]


def test_column_parts_three_public_identities():
    # 江苏省政协 2018 公开09表: 675.10 = 106 + 156.60 + 412.50; 1656.86 = 675.10 + 884.16 + 97.60
    good = total(total="1656.86", three_public="675.10", overseas="106.00", vehicle_total="156.60",
                 vehicle_purchase="0", vehicle_operation="156.60", reception="412.50", meeting="884.16",
                 training="97.60")
    assert run(disclosure(mktable("three_public", THREE, [good])), PARTS) == []
    bad = total(total="1656.86", three_public="675.10", overseas="106.00", vehicle_total="166.60",
                vehicle_purchase="0", vehicle_operation="156.60", reception="412.50", meeting="884.16",
                training="97.60")
    fs = run(disclosure(mktable("three_public", THREE, [bad])), PARTS)
    assert sorted(str(f.difference) for f in fs) == ["-10.00", "10.00"]  # 小计 vs parts, 三公 vs items


def test_column_parts_three_public_without_subtotal_column():
    keys = ["prior_total", "prior_overseas", "prior_vehicle_total", "prior_vehicle_purchase",
            "prior_vehicle_operation", "prior_reception", "total", "overseas", "vehicle_total",
            "vehicle_purchase", "vehicle_operation", "reception"]
    r = total(prior_total="43", prior_overseas="0", prior_vehicle_total="28", prior_vehicle_purchase="0",
              prior_vehicle_operation="28", prior_reception="15", total="51", overseas="0", vehicle_total="36",
              vehicle_purchase="0", vehicle_operation="36", reception="15")
    assert run(disclosure(mktable("three_public", keys, [r])), PARTS) == []


def test_column_parts_income_sources_add_up():
    keys = ["total", "general_budget", "government_fund", "other"]
    r = total(total="2218.51", general_budget="2218.51", government_fund="0", other="10")
    fs = run(disclosure(mktable("department_income", keys, [r], label="附件7")), PARTS)
    assert len(fs) == 1 and fs[0].difference == D("-10.00")


def test_column_parts_skips_placeholders():
    r = total(total="2218.51", general_budget="2218.51", state_capital="0", ph={"government_fund": "."})
    r.section = "expenditure"
    t = mktable("fiscal_summary", [("expenditure", "total"), ("expenditure", "general_budget"),
                                   ("expenditure", "government_fund"), ("expenditure", "state_capital")], [r])
    assert run(disclosure(t), PARTS) == []


# ---------------------------------------------------------------------------
# two-sided tables
# ---------------------------------------------------------------------------
SUMMARY_KEYS = [("income", "total"), ("expenditure", "total"), ("expenditure_purpose", "total")]


def _summary(inc_current="10150.48", inc_total="10150.48", exp_total="10150.48", basic="5678.17"):
    """江苏省政协 2018 公开01表, reduced."""
    rows = [
        mkrow("一、财政拨款", section="income", total="10070.48"),
        mkrow("一、一般公共服务支出", section="expenditure", total="7827.46"),
        mkrow("一、基本支出", section="expenditure_purpose", total=basic),
        mkrow("1.一般公共预算", section="income", total="10070.48"),
        mkrow("二、项目支出", section="expenditure_purpose", total="3314.68"),
        mkrow("2.政府性基金预算", section="income", total="0"),
        mkrow("三、单位预留机动经费", section="expenditure_purpose", total="1157.63"),
        mkrow("二、财政专户管理资金", section="income", total="0"),
        mkrow("八、社会保障和就业支出", section="expenditure", total="823.76"),
        mkrow("三、其他资金", section="income", total="80.00"),
        mkrow("十八、住房保障支出", section="expenditure", total="1499.26"),
        mkrow("当年收入小计", section="income", flags=("total",), total=inc_current),
        mkrow("当年支出小计", section="expenditure_purpose", flags=("total",), total="10150.48"),
        mkrow("上年结转资金", section="income", total="0"),
        mkrow("结转下年资金", section="expenditure", total="0"),
        mkrow("收入合计", section="income", flags=("total",), total=inc_total),
        mkrow("支出合计", section="expenditure_purpose", flags=("total",), total=exp_total),
    ]
    return mktable("department_summary", SUMMARY_KEYS, rows, label="公开01表")


def test_balance_and_sections_silent_on_a_consistent_summary():
    assert run(disclosure(_summary()), BALANCE, SECTIONS) == []


def test_income_equals_expenditure_fires():
    fs = run(disclosure(_summary(inc_total="10150.48", exp_total="10250.48")), BALANCE)
    assert len(fs) == 1 and fs[0].difference == D("100.00") and fs[0].item == "支出合计"
    assert "收入方「收入合计」10,150.48 万元" in fs[0].message


def test_section_sum_fires_on_items_and_on_the_grand_total():
    fs = run(disclosure(_summary(basic="5578.17")), SECTIONS)
    assert [(f.item, f.difference) for f in fs] == [("当年支出小计", D("100.00"))]
    assert "各支出用途（3 行）合计 10,050.48 万元" in fs[0].message
    fs = run(disclosure(_summary(inc_total="10160.48")), SECTIONS)
    assert [(f.item, f.difference) for f in fs] == [("收入合计", D("10.00"))]


def test_section_sum_top_row_equals_its_sub_rows():
    t = _summary()
    t.rows[3].amounts["total"] = D("10000.00")  # 1.一般公共预算
    fs = run(disclosure(t), SECTIONS)
    assert [(f.item, f.expected) for f in fs] == [("一、财政拨款", D("10000.00"))]


def test_section_sum_skips_sums_over_placeholders():
    t = _summary()
    t.rows[9].placeholders["total"] = ","  # 三、其他资金
    del t.rows[9].amounts["total"]
    assert run(disclosure(t), SECTIONS) == []


def test_section_sum_income_table_groups():
    rows = [total("收入总计", total="10150.48"),
            mkrow("小计", section="一般公共预算资金", flags=("subtotal",), total="10070.48"),
            mkrow("公共财政拨款(补助)资金", section="一般公共预算资金", total="10070.48"),
            mkrow("专项收入", section="一般公共预算资金", total="0"),
            mkrow("小计", section="其他资金", flags=("subtotal",), total="80.00"),
            mkrow("其他收入", section="其他资金", total="70.00"),
            mkrow("小计", section="上年结转和结余资金", flags=("subtotal",), total="0"),
            mkrow("其中:动用上年结转和结余资金", section="上年结转和结余资金", total="0")]
    fs = run(disclosure(mktable("department_income", ["total"], rows, label="公开02表")), SECTIONS)
    assert [(f.item, f.difference) for f in fs] == [("其他资金 小计", D("10.00"))]
    rows[5].amounts["total"] = D("80.00")
    assert run(disclosure(mktable("department_income", ["total"], rows)), SECTIONS) == []


# ---------------------------------------------------------------------------
# real disclosures
# ---------------------------------------------------------------------------
def _by(fs, check, code=None, page=None):
    return [f for f in fs if f.check == check and (code is None or f.code == code) and (page is None or f.page == page)]


def test_sample_economic_table_published_errors(sample):
    """附件3 (p7-8): 302 商品和服务支出 189.20 while its items add up to 364.84 (206.14 in 日常公用经费);
    301 工资福利支出 725.33 while its items, with 30114 医疗费 repeating 725.33, add up to 1,449.28;
    合计 1,013.51 while the classes add up to 919.93."""
    fs = run(sample, CHILDREN)
    assert all(f.severity == "error" and f.table == "general_budget_basic_expenditure" for f in fs)
    got = {(f.code, f.actual, f.expected) for f in fs}
    assert ("302", D("189.20"), D("364.84")) in got
    assert ("302", D("189.20"), D("206.14")) in got        # 日常公用经费 column
    assert ("301", D("725.33"), D("1449.28")) in got
    assert (None, D("1013.51"), D("919.93")) in got        # 合计 vs 301 + 302 + 303
    f = next(f for f in fs if f.code == "302" and f.expected == D("206.14"))
    assert f.page == 7 and f.message.startswith("附件3《一般公共预算基本支出表》第7页 302 商品和服务支出 2025年日常公用经费 189.20 万元")
    assert "（见第7—8页）" in f.message and "相差 -16.94 万元" in f.message
    # every other coded table of the sample adds up
    assert {f.table for f in fs} == {"general_budget_basic_expenditure"}


def test_sample_three_public_row_does_not_add_up(sample):
    """附件4 (p9): 2025 总计 43.00 while 小计 51.00 + 接待 15.00 = 66.00; 小计 51.00 while 运行维护 36."""
    fs = _by(run(sample, PARTS), PARTS)
    assert fs and {f.table for f in fs} == {"three_public"} and {f.page for f in fs} == {9}
    got = {(f.item, f.actual, f.expected) for f in fs}
    assert ("合计", D("43.00"), D("66.00")) in got
    assert ("合计", D("51.00"), D("36")) in got
    assert ("合计", D("43.00"), D("58.00")) in got            # 2024: 43 vs 43 + 15
    assert all(f.severity == "error" for f in fs)


def test_sample_summary_tables_balance(sample):
    assert run(sample, BALANCE, SECTIONS) == []


def test_chongqing_text_same_errors_but_only_warnings(chongqing_text):
    """The text file prints no empty cells: placements are guessed, so nothing is an error."""
    fs = run(chongqing_text, CHILDREN, PARTS, BALANCE, SECTIONS)
    assert fs and all(f.severity == "warning" and "由文本推断" in f.message for f in fs)
    got = {(f.code, f.actual, f.expected) for f in fs if f.check == CHILDREN}
    assert ("302", D("189.20"), D("364.84")) in got and ("301", D("725.33"), D("1449.28")) in got
    three = [f for f in fs if f.check == PARTS and f.table == "three_public"]
    # the text reader now places the 附件4 row like the ruled sample: the same mismatches
    assert {(f.actual, f.expected) for f in three} >= {(D("43.00"), D("66.00")), (D("51.00"), D("36")),
                                                       (D("43.00"), D("58.00"))}


@pytest.mark.parametrize("dept,year", [(d, y) for d in ("江苏省人大常委", "江苏省委", "江苏省政协")
                                       for y in (2017, 2018, 2019)])
def test_jiangsu_tables_add_up(jiangsu, dept, year):
    """Every Jiangsu department-year adds up: every check runs on its tables and finds nothing."""
    d = jiangsu[(dept, year)]
    assert d.tables_of("department_summary") and d.tables_of("general_budget_basic_expenditure")
    assert run(d, CHILDREN, PARTS, BALANCE, SECTIONS) == []


def test_jiangsu_mutation_is_caught(jiangsu):
    """The same tables with one figure changed: the checks see it."""
    import copy

    d = copy.deepcopy(jiangsu[("江苏省政协", 2018)])
    t = d.table("general_budget_basic_expenditure")
    r = next(r for r in t.rows if r.code == "30201")
    r.amounts["total"] += D("1.00")
    fs = run(d, CHILDREN)
    assert [(f.code, f.difference, f.page) for f in fs] == [("302", D("-1.00"), 8)]
    s = d.table("department_summary")
    s.rows[-1].amounts["total"] += D("5")
    assert [f.check for f in run(d, BALANCE)] == [BALANCE]


def test_children_sum_reports_a_wrong_subtotal_at_the_subtotal_not_at_its_parent():
    """212 is right (it equals the items under 21201 and 21202); 21201 is printed 1 元 too high.
    Only 21201 is reported; in a table printed in 元 a 1 元 slip is found."""
    yuan = D(1) / D(10000)
    rows = [mkrow("城乡社区支出", "212", total=D("1000.0000")),
            mkrow("城乡社区管理事务", "21201", total=D("600.0001")),
            mkrow("行政运行", "2120101", total=D("400.0000")),
            mkrow("一般行政管理事务", "2120102", total=D("200.0000")),
            mkrow("城乡社区规划与管理", "21202", total=D("400.0000")),
            mkrow("城乡社区规划与管理", "2120201", total=D("400.0000"))]
    t = mktable("general_budget_expenditure", ["total"], rows, unit="元", scale=yuan)
    fs = errors(run(disclosure(t), "arithmetic.children_sum"))
    assert [(f.code, f.difference) for f in fs] == [("21201", D("0.0001"))]
    assert "600.0001" in fs[0].message
    # printed in 万元 (rounded to 0.01), the same 0.0001 is rounding, not an error
    rows_wan = [mkrow(r.name, r.code, total=r.amounts["total"]) for r in rows]
    assert errors(run(disclosure(mktable("general_budget_expenditure", ["total"], rows_wan)),
                      "arithmetic.children_sum")) == []
