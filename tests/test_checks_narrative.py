"""narrative.claim_matches_table and narrative.change_recomputed: real findings pinned on the
corpus and the bundled sample, and built disclosures showing each rule firing and staying silent."""
from __future__ import annotations

import copy
from decimal import Decimal as D


from analysis.checks.base import REGISTRY, Context
from analysis.checks.families import narrative as nar  # noqa: F401  (registers the checks)
from analysis.model import Claim, Column, Disclosure, Row, Table

MATCH = "narrative.claim_matches_table"
CHANGE = "narrative.change_recomputed"


def run(check_id, d, batch=None):
    return REGISTRY[check_id].run(Context(d, batch or [d]))


def errors(findings):
    return [f for f in findings if f.severity == "error"]


# ---------------------------------------------------------------------------
# built disclosures
# ---------------------------------------------------------------------------
def function_table(prior=True):
    cols = ([Column("prior_total", "2024年预算数")] if prior else []) + [
        Column("total", "总计"), Column("basic", "基本支出"), Column("project", "项目支出")]

    def amounts(p, t, b, j):
        a = {"total": D(t), "basic": D(b), "project": D(j)}
        if prior:
            a["prior_total"] = D(p)
        return a
    rows = [
        Row(0, "合计", amounts=amounts("1337.23", "2218.51", "1013.51", "1205.00"), flags=["total"], page=8),
        Row(1, "一般公共服务支出", code="201", level=1, amounts=amounts("1042.00", "1955.20", "750.20", "1205.00"), page=8),
        Row(2, "政府办公厅（室）及相关机构事务", code="20103", level=2,
            amounts=amounts("1042.00", "1955.20", "750.20", "1205.00"), page=8),
        Row(3, "行政运行", code="2010301", level=3, amounts=amounts("708.00", "750.20", "750.20", "0"), page=8),
        Row(4, "一般行政管理事务", code="2010302", level=3, amounts=amounts("334.00", "1205.00", "0", "1205.00"), page=8),
        Row(5, "住房保障支出", code="221", level=1, amounts=amounts("61.47", "263.31", "263.31", "0"), page=8),
    ]
    return Table(id="t02", kind="general_budget_expenditure", title="一般公共预算财政拨款支出预算表",
                 label="附件2", file="x.pdf", pages=[8], columns=cols, rows=rows)


def three_public_table():
    keys = ["prior_total", "prior_overseas", "prior_vehicle_total", "prior_vehicle_purchase",
            "prior_vehicle_operation", "prior_reception", "total", "overseas", "vehicle_total",
            "vehicle_purchase", "vehicle_operation", "reception"]
    vals = ["43", "0", "28", "0", "28", "15", "51", "0", "36", "0", "36", "15"]
    return Table(id="t04", kind="three_public", title="一般公共预算“三公”经费支出表", label="附件4",
                 file="x.pdf", pages=[11], columns=[Column(k, k) for k in keys],
                 rows=[Row(0, "合计", amounts={k: D(v) for k, v in zip(keys, vals)}, flags=["total"], page=11)])


def claim(metric, value, subject, change=None, change_value=None, pct=None, page=3, year=2025):
    return Claim(metric=metric, value=None if value is None else D(value), unit="万元", sentence=f"{subject}{value}万元",
                 page=page, file="x.pdf", subject=subject, change=change,
                 change_value=None if change_value is None else D(change_value),
                 change_pct=None if pct is None else D(pct), year=year)


def disclosure(claims, tables=None, year=2025, department="重庆市潼南区人民政府办公室"):
    return Disclosure(department=department, year=year,
                      tables=tables if tables is not None else [function_table(), three_public_table()],
                      claims=claims)


# -- claim_matches_table ------------------------------------------------------
def test_claim_equal_to_its_table_figure_is_silent():
    d = disclosure([claim("basic_expenditure", "1013.51", "基本支出"),
                    claim("general_budget_expenditure", "2218.51", "一般公共预算财政拨款支出"),
                    claim("three_public_total", "51", "“三公”经费预算"),
                    claim("expenditure_by_function", "750.20", "政府办公厅（室）及相关机构事务（款）行政运行（项）支出"),
                    claim("project_expenditure", "1205", "项目支出")])  # 1205 = 1205.00 at the claim's precision
    assert run(MATCH, d) == []


def test_claim_differing_from_its_table_figure_is_an_error_quoting_both():
    d = disclosure([claim("basic_expenditure", "1031.51", "基本支出", page=4)])
    (f,) = run(MATCH, d)
    assert f.severity == "error" and f.page == 4
    assert f.expected == D("1013.51") and f.actual == D("1031.51") and f.difference == D("18.00")
    assert "1031.51" in f.message and "1013.51" in f.message and "附件2" in f.message and "第8页" in f.message


def test_function_claim_matched_by_name_under_its_parent():
    d = disclosure([claim("expenditure_by_function", "708", "政府办公厅（室）及相关机构事务（款）行政运行（项）支出")])
    (f,) = errors(run(MATCH, d))
    assert f.code == "2010301" and f.expected == D("750.20")


def test_claims_no_table_states_are_listed_once_as_info():
    d = disclosure([Claim("vehicles_total", D(9), "辆", "共有车辆9辆", 4, subject="共有车辆"),
                    Claim("staff_authorized", D(25), "名", "行政编制25名", 3, subject="行政编制"),
                    claim("operating_costs", "206.14", "机关运行经费")])  # no operating-cost table here
    (f,) = run(MATCH, d)
    assert f.severity == "info"
    assert "共有车辆" in f.message and "行政编制" in f.message and "机关运行经费" in f.message and "共3项" in f.message


def test_claim_about_another_year_is_not_compared_with_this_years_tables():
    d = disclosure([claim("total_expenditure", "8648.07", "2016年度部门支出预算安排", year=2016)])
    assert run(MATCH, d) == []


# -- change_recomputed ---------------------------------------------------------
def test_change_agreeing_with_the_prior_year_column_is_silent():
    d = disclosure([claim("general_budget_expenditure", "2218.51", "一般公共预算财政拨款支出", "increase", "881.28", "65.90"),
                    claim("three_public_total", "51", "“三公”经费", "increase", "8"),
                    claim("three_public_reception", "15", "公务接待费", "flat", "0"),
                    claim("expenditure_by_function", "64.37", "住房保障支出")])
    assert run(CHANGE, d) == []


def test_change_amount_disagreeing_with_prior_column_is_an_error():
    d = disclosure([claim("general_budget_expenditure", "2218.51", "一般公共预算财政拨款支出", "increase", "818.28")])
    (f,) = run(CHANGE, d)
    assert f.severity == "error"
    assert f.expected == D("881.28") and f.actual == D("818.28")
    assert "2024年预算数" in f.message and "1337.23" in f.message


def test_change_in_the_wrong_direction_is_an_error():
    d = disclosure([claim("three_public_vehicle_operation", "36", "公务用车运行维护费", "decrease", "8"),
                    claim("three_public_reception", "20", "公务接待费", "flat", "0")])
    d.tables[1].rows[0].amounts["reception"] = D(20)
    found = run(CHANGE, d)
    assert len(found) == 2 and all(f.severity == "error" for f in found)
    assert all("增减方向与说明不符" in f.message for f in found)


def test_wrong_percentage_is_an_error_rounded_to_the_claims_precision():
    ok = disclosure([claim("general_budget_expenditure", "2218.51", "一般公共预算财政拨款支出", "increase", "881.28", "65.9")])
    assert run(CHANGE, ok) == []
    bad = disclosure([claim("general_budget_expenditure", "2218.51", "一般公共预算财政拨款支出", "increase", "881.28", "66.9")])
    (f,) = run(CHANGE, bad)
    assert f.severity == "error" and "65.90%" in f.message


def test_percentage_is_checked_against_the_claims_own_amounts_without_any_prior_year_source():
    d = disclosure([claim("reserve_expenditure", "1685.72", "单位预留机动经费预算数", "increase", "1557.29", "1312.56")],
                   tables=[])
    (f,) = run(CHANGE, d)
    assert f.severity == "error" and "1212.56%" in f.message


def test_previous_years_disclosure_is_the_fallback_source_and_is_named():
    prev = disclosure([], tables=[function_table(prior=False)], year=2024)
    prev.tables[0].rows[1].amounts["total"] = D("1900.00")   # 201 一般公共服务支出 in 2024
    cur = disclosure([claim("expenditure_by_function", "1955.20", "一般公共服务（类）支出", "increase", "100.00")],
                     tables=[function_table(prior=False)])
    (f,) = run(CHANGE, cur, [prev, cur])
    assert f.severity == "warning"
    assert "上年公开文件" in f.message and "2024年" in f.message and "55.2" in f.message
    cur.claims[0].change_value = D("55.20")
    assert run(CHANGE, cur, [prev, cur]) == []


# ---------------------------------------------------------------------------
# real documents
# ---------------------------------------------------------------------------
def test_jiangsu_npc_2017_labels_the_class_total_as_xingzheng_yunxing(jiangsu):
    d = jiangsu[("江苏省人大常委", 2017)]
    errs = errors(run(MATCH, d))
    assert [(f.page, f.actual, f.expected, f.code) for f in errs] == [(26, D("10528.33"), D("4545.94"), "2010101")]


def test_jiangsu_wrong_percentages_are_pinned(jiangsu):
    got = {(y, f.page, f.actual) for (k, y), d in jiangsu.items() for f in errors(run(CHANGE, d, list(jiangsu.values())))}
    assert got == {
        (2018, 21, D("1312.56")),   # 人大 单位预留机动经费 1557.29 / 128.43 = 1212.56%
        (2017, 8, D("1.66")),       # 省委办 行政运行 101.48 / 6005.51 = 1.69%
        (2019, 8, D("30")),         # 省委办 住房保障 878.93 / 3015.16 = 29.15%
    }


def test_jiangsu_changes_agree_with_the_previous_years_disclosures(jiangsu):
    batch = list(jiangsu.values())
    warnings = [f for d in batch for f in run(CHANGE, d, batch) if f.severity == "warning"]
    assert warnings == []


def test_jiangsu_cppcc_narratives_match_their_tables(jiangsu):
    for year in (2017, 2018, 2019):
        assert errors(run(MATCH, jiangsu[("江苏省政协", year)])) == []


def test_sample_three_public_total_printed_43_while_narrative_says_51(sample):
    errs = errors(run(MATCH, sample))
    assert [(f.item, f.actual, f.expected) for f in errs] == [("2025年“三公”经费预算安排", D("51"), D("43.00"))]
    assert "附件4" in errs[0].message and "第9页" in errs[0].message


def test_sample_changes_recompute_from_the_printed_prior_year_columns(sample):
    assert run(CHANGE, sample) == []


def test_chongqing_text_three_public_columns_are_inferred_so_only_warnings(chongqing_text):
    found = run(MATCH, chongqing_text) + run(CHANGE, chongqing_text)
    assert [f.item for f in errors(found)] == ["2025年“三公”经费预算"]
    assert all("按位置推断" in f.message for f in found if f.severity == "warning")


def test_figures_for_reads_function_rows_by_marked_name(jiangsu):
    d = jiangsu[("江苏省人大常委", 2018)]
    figs = nar.figures_for(d, "expenditure_by_function", "行政事业单位离退休（类）未归口管理的行政单位离退休支出（项）")
    assert {f.row.code for f in figs} == {"2080504"} and {f.value for f in figs} == {D("256.76")}


def test_tampered_claim_fires_on_real_document(jiangsu):
    d = copy.deepcopy(jiangsu[("江苏省政协", 2019)])
    c = next(c for c in d.claims if c.metric == "three_public_reception" and c.value is not None)
    c.value = c.value + 1
    (f,) = errors(run(MATCH, d))
    assert f.page == c.page and f.difference == D(1)


# -- 决算: budget columns and completion rates ---------------------------------
RATE = "narrative.completion_rate"


def final_claim(metric, value, subject, basis, sentence, unit="万元"):
    return Claim(metric=metric, value=D(value), unit=unit, sentence=sentence, page=18, file="x.pdf",
                 subject=subject, year=2025, basis=basis)


def final_disclosure(claims):
    t = function_table(prior=False)
    t.columns = t.columns + [Column("budget_total", "年初预算数")]
    for r in t.rows:
        r.amounts["budget_total"] = r.amounts["total"] + 100
    return Disclosure(department="某局", year=2025, kind="final", tables=[t], claims=claims)


def test_final_budget_amount_is_compared_with_the_budget_column():
    s = "一般公共预算财政拨款支出年初预算为2318.51万元，支出决算为2218.51万元"
    ok = final_disclosure([final_claim("general_budget_expenditure", "2318.51", "一般公共预算财政拨款支出", "initial_budget", s),
                           final_claim("general_budget_expenditure", "2218.51", "一般公共预算财政拨款支出", "final", s)])
    assert run(MATCH, ok) == []
    bad = final_disclosure([final_claim("general_budget_expenditure", "2300.00", "一般公共预算财政拨款支出", "initial_budget", s)])
    [f] = errors(run(MATCH, bad))
    assert (f.expected, f.actual) == (D("2318.51"), D("2300.00")) and "年初预算数" in f.message
    # a column headed only "预算数" may be the 全年 budget: the disagreement is a warning
    bad.tables[0].columns[-1] = Column("budget_total", "预算数")
    [f] = run(MATCH, bad)
    assert f.severity == "warning" and "口径可能不同" in f.message


def test_final_budget_amount_without_a_budget_column_is_not_compared():
    s = "年初预算为9999万元"
    d = final_disclosure([final_claim("general_budget_expenditure", "9999", "一般公共预算财政拨款支出", "initial_budget", s)])
    d.tables[0].columns = [c for c in d.tables[0].columns if c.key != "budget_total"]
    for r in d.tables[0].rows:
        del r.amounts["budget_total"]
    assert errors(run(MATCH, d)) == []


def test_completion_rate_recomputes_and_names_the_budget_it_was_computed_on():
    s = "支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%"
    subject = "一般公共预算财政拨款支出"
    claims = [final_claim("general_budget_expenditure", "0", subject, "initial_budget", s),
              final_claim("general_budget_expenditure", "321.02", subject, "adjusted_budget", s),
              final_claim("general_budget_expenditure", "307.82", subject, "final", s),
              final_claim("completion_pct", "95.89", subject, "initial_budget", s, unit="%")]
    [f] = run(RATE, final_disclosure(claims))
    assert f.severity == "error" and f.page == 18 and "全年预算321.02万元" in f.message
    claims[-1].basis = "adjusted_budget"       # "完成全年预算的95.89%": 307.82 / 321.02 = 95.888
    assert run(RATE, final_disclosure(claims)) == []
    claims[-1].value = D("96.89")
    [f] = run(RATE, final_disclosure(claims))
    assert f.expected == D("95.89") and f.actual == D("96.89")


def test_truncated_completion_rate_is_accepted():
    s = "年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的95.45%"   # 95.457 printed truncated
    claims = [final_claim("general_budget_expenditure", "10210.34", "x", "initial_budget", s),
              final_claim("general_budget_expenditure", "9746.50", "x", "final", s),
              final_claim("completion_pct", "95.45", "x", "initial_budget", s, unit="%")]
    assert run(RATE, final_disclosure(claims)) == []
