"""The registry and the running check: a finding's id comes from the check that yields it."""
from __future__ import annotations

import pytest

from analysis.checks import REGISTRY, Context, Finding, check

from .builders import disclosure, mkrow, mktable


@pytest.fixture
def registered():
    """Registers test checks under data_quality.* and removes them afterwards."""
    added = []

    def register(cid, func, severity="warning"):
        check(cid, severity, "测试", "test", "test only")(func)
        added.append(cid)
        return REGISTRY[cid]

    yield register
    for cid in added:
        del REGISTRY[cid]


def test_a_finding_takes_the_id_and_default_severity_of_the_check_that_yields_it(registered):
    t = mktable("general_budget_expenditure", ["total"], [mkrow("行政运行", "2010101", page=7, total="1")])

    def located(ctx):
        yield ctx.finding("某处有误", table=ctx.d.tables[0], row=ctx.d.tables[0].rows[0])
        yield ctx.finding("说明有误", table="narrative", page=3, severity="info")

    c = registered("data_quality.test_located", located)
    first, second = c.run(Context(disclosure(t)))
    assert (first.check, first.severity, first.table, first.page, first.code) == (
        "data_quality.test_located", "warning", "general_budget_expenditure", 7, "2010101")
    assert (second.check, second.severity, second.table, second.page) == (
        "data_quality.test_located", "info", "narrative", 3)


def test_a_finding_of_another_checks_id_is_refused(registered):
    def impostor(ctx):
        yield Finding(check="arithmetic.children_sum", severity="error", message="不是我的")

    c = registered("data_quality.test_impostor", impostor)
    with pytest.raises(ValueError, match="arithmetic.children_sum"):
        c.run(Context(disclosure()))


def test_an_id_cannot_be_passed_to_ctx_finding():
    with pytest.raises(TypeError):
        Context(disclosure()).finding("说明", check="arithmetic.children_sum")


def test_a_check_id_is_registered_once_in_a_known_family(registered):
    registered("data_quality.test_once", lambda ctx: [])
    with pytest.raises(ValueError, match="twice"):
        check("data_quality.test_once", "error", "测试", "test", "test only")(lambda ctx: [])
    with pytest.raises(ValueError, match="family"):
        check("nowhere.test", "error", "测试", "test", "test only")
