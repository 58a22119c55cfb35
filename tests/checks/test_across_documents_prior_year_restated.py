"""Tests of ``across_documents.prior_year_restated`` (``analysis/checks/across_documents/prior_year_restated.py``)."""
from __future__ import annotations

import copy
from decimal import Decimal as D

from analysis.checks.base import REGISTRY, Context
from analysis.checks.common.lookup import previous_disclosure
from analysis.model import Claim, Column, Disclosure, Row, Table
from .builders import located

CHECK = "across_documents.prior_year_restated"


def run(d, batch):
    located(d, *batch)
    return REGISTRY[CHECK].run(Context(d, batch))


def three_public(year, values, prior=None, tid="t04"):
    keys = list(values)
    amounts = {k: D(v) for k, v in values.items()}
    cols = [Column(k, k) for k in keys]
    if prior:
        amounts.update({f"prior_{k}": D(v) for k, v in prior.items()})
        cols = [Column(f"prior_{k}", f"{year - 1}年预算数/{k}") for k in prior] + cols
    return Table(id=tid, kind="three_public", title=f"{year}年“三公”经费支出表", label="附件4", file=f"{year}.pdf",
                 pages=[9], columns=cols, rows=[Row(0, "合计", amounts=amounts, flags=["total"], page=9)])


def disclosure(year, tables=(), claims=(), department="重庆市潼南区人民政府办公室"):
    return Disclosure(department=department, year=year, tables=list(tables), claims=list(claims))


def test_no_previous_year_in_the_batch_is_silent():
    cur = disclosure(2025, [three_public(2025, {"total": "51"}, prior={"total": "43"})])
    assert run(cur, [cur]) == []


def test_prior_column_equal_to_last_years_figure_is_silent():
    prev = disclosure(2024, [three_public(2024, {"total": "43", "vehicle_total": "28"})])
    cur = disclosure(2025, [three_public(2025, {"total": "51", "vehicle_total": "36"},
                                         prior={"total": "43", "vehicle_total": "28"})])
    assert run(cur, [prev, cur]) == []


def test_prior_column_differing_from_last_years_figure_names_both_documents():
    prev = disclosure(2024, [three_public(2024, {"total": "43", "vehicle_total": "28"})])
    cur = disclosure(2025, [three_public(2025, {"total": "51", "vehicle_total": "36"},
                                         prior={"total": "43", "vehicle_total": "43"})])
    (f,) = run(cur, [prev, cur])
    assert f.severity == "warning" and f.actual == D(43) and f.expected == D(28)
    assert "2025年" in f.message and "2024年" in f.message and "2025.pdf" in f.message and "2024.pdf" in f.message


def test_department_spellings_fall_together_and_other_departments_do_not():
    prev = disclosure(2024, [three_public(2024, {"total": "40"})], department="重庆市潼南区人民政府办公室（本级）")
    other = disclosure(2024, [three_public(2024, {"total": "40"})], department="重庆市潼南区财政局")
    cur = disclosure(2025, [three_public(2025, {"total": "51"}, prior={"total": "43"})])
    assert previous_disclosure(Context(cur, [other, prev, cur])) is prev
    assert len(run(cur, [other, prev, cur])) == 1
    assert run(cur, [other, cur]) == []


def test_narrative_change_implies_last_years_amount():
    prev = disclosure(2024, [three_public(2024, {"reception": "15"})])
    ok = Claim("three_public_reception", D(15), "万元", "公务接待费15万元，与2024年持平", 3, file="2025.pdf",
               subject="公务接待费", change="flat", change_value=D(0), year=2025)
    cur = disclosure(2025, [], [ok])
    assert run(cur, [prev, cur]) == []
    bad = copy.deepcopy(ok)
    bad.value = D(20)
    cur = disclosure(2025, [], [bad])
    (f,) = run(cur, [prev, cur])
    assert f.actual == D(20) and f.expected == D(15) and "第3页" in f.message and "2024年" in f.message


def test_claim_dated_last_year_is_compared_directly():
    prev = disclosure(2016, [Table(id="t03", kind="department_expenditure", title="支出预算总表", file="2016.pdf",
                                   pages=[10], columns=[Column("total", "合计")],
                                   rows=[Row(0, "合计", amounts={"total": D("8648.07")}, flags=["total"], page=10)])],
                      department="江苏省政协办公厅")
    c = Claim("total_expenditure", D("8648.07"), "万元", "（2016年度部门支出预算安排为8,648.07万元）", 6,
              file="2017.pdf", subject="2016年度部门支出预算安排", year=2016)
    cur = disclosure(2017, [], [c], department="江苏省政协办公厅")
    assert run(cur, [prev, cur]) == []
    c.value = D("8684.07")
    (f,) = run(cur, [prev, cur])
    assert f.difference == D(36)


def test_jiangsu_prior_year_figures_agree_with_last_years_disclosures(jiangsu):
    batch = list(jiangsu.values())
    for d in batch:
        assert run(d, batch) == [], d.slug


def test_jiangsu_restated_figure_is_found(jiangsu):
    # 2019 says 因公出国（境）费 199.25 万元, 比上年减少 23.25 万元 (so 2018: 222.5); pretend 2018 printed 230
    cur = jiangsu[("江苏省人大常委", 2019)]
    prev = copy.deepcopy(jiangsu[("江苏省人大常委", 2018)])
    prev.tables_of("three_public")[0].rows[0].amounts["overseas"] = D(230)
    (f,) = run(cur, [prev, cur])
    assert f.item == "因公出国（境）费预算支出" and f.actual == D("222.5") and f.expected == D(230)
    assert "公开09表" in f.message and "2018年" in f.message and "2019年" in f.message


def test_sample_prior_columns_against_a_2024_disclosure(sample):
    # a 2024 disclosure whose tables print what the 2025 sample prints as 2024 figures, except the
    # 三公 vehicle subtotal: 28 (= 购置 0 + 运行 28), where the 2025 table prints 43
    prev = disclosure(2024, department=sample.department)
    fun = copy.deepcopy(sample.tables_of("general_budget_expenditure")[0])
    for r in fun.rows:
        r.amounts = {"total": r.amounts["prior_total"]}
    fun.columns = [Column("total", "2024年预算数")]
    tp = three_public(2024, {"total": "43", "overseas": "0", "vehicle_total": "28", "vehicle_purchase": "0",
                             "vehicle_operation": "28", "reception": "15"})
    prev.tables = [fun, tp]
    found = run(sample, [prev, sample])
    assert [(f.table, f.actual, f.expected) for f in found] == [("three_public", D("43.00"), D(28))]
    assert "附件4" in found[0].message and "第9页" in found[0].message
