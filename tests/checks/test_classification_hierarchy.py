"""Tests of ``classification.hierarchy`` (``analysis/checks/classification/hierarchy.py``)."""
from __future__ import annotations

from .builders_classification import disclosure, run, table

TREE = "classification.hierarchy"


def test_children_under_their_parents_are_silent():
    d = disclosure(table("general_budget_expenditure",
                         [("201", "一般公共服务支出", "3"), ("20101", "人大事务", "3"), ("2010101", "行政运行", "1"),
                          ("2010102", "一般行政管理事务", "2"), ("221", "住房保障支出", "1"),
                          ("22102", "住房改革支出", "1"), ("2210201", "住房公积金", "1")]))
    assert run(TREE, d) == []


def test_child_printed_under_another_parent_is_an_error():
    d = disclosure(table("general_budget_expenditure",
                         [("201", "一般公共服务支出", "3"), ("20101", "人大事务", "1"), ("2010101", "行政运行", "1"),
                          ("20102", "政协事务", "2"), ("2010102", "一般行政管理事务", "2")]))
    (f,) = run(TREE, d)
    assert f.severity == "error" and f.code == "2010102" and "20102" in f.message and "20101" in f.message


def test_missing_parent_is_a_warning_when_the_table_prints_that_level():
    d = disclosure(table("general_budget_basic_expenditure",
                         [("301", "工资福利支出", "1"), ("30101", "基本工资", "1"), ("30201", "办公费", "2")]))
    (f,) = run(TREE, d)
    assert f.severity == "warning" and f.code == "30201" and "302" in f.message


def test_table_printing_one_level_only_is_silent():
    d = disclosure(table("general_budget_expenditure", [("2010101", "行政运行", "1"), ("2210201", "住房公积金", "1")]))
    assert run(TREE, d) == []


def test_jiangsu_and_sample_trees_are_well_formed(jiangsu, sample):
    # Jiangsu 2017 人大 prints 301 in 表六 as a row the parser leaves unlabelled: not a missing parent
    for d in list(jiangsu.values()) + [sample]:
        assert run(TREE, d) == [], d.slug
