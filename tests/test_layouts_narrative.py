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
