"""``performance.target_for_each_project``: every project of the 项目支出 table has a target table
with the same fund total, and every target table a project (by code, else by name)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ...model import Disclosure, PerformanceTarget, Row, Table
from ..base import Context, check, tolerance
from ..common.amounts import fmt, val
from ..common.places import where
from ..common.targets import target_label, tfinding
from ..common.text import squeeze

_PROJECT_CODE = re.compile(r"([0-9A-Za-z]{12,})\s*[-－—–_]?\s*(.*)$")
_FUNCTION_CODE_AMOUNT = re.compile(r"^2\d{6}$")


@dataclass
class ProjectLine:
    code: str
    name: str
    amount: Optional[Decimal]
    table: Table
    row: Row


def _code_and_name(r: Row) -> tuple:
    """The project code and name of a row: its own columns, else split from the printed text."""
    code = (r.extra.get("project_code") or "").strip()
    name = (r.extra.get("project_name") or "").strip()
    if not code:
        joined = squeeze((r.code or "") + r.name) if not name else squeeze(name)
        m = _PROJECT_CODE.match(joined)
        if m and re.search(r"\d{6}", m.group(1)):
            code, name = m.group(1), name or m.group(2)
    if not name:
        name = r.name if not code else name
    return code, name


def project_lines(d: Disclosure) -> list:
    out = []
    for t in d.tables_of("project_expenditure"):
        for r in t.rows:
            if r.is_total or "subtotal" in r.flags:
                continue
            if not r.extra.get("project_name") and r.amounts and all(k in r.blank for k in r.amounts):
                continue   # a line printing no amount and no project: the tail of a wrapped unit name
            amount = val(r, "total")
            code, name = _code_and_name(r)
            if not code and not r.extra.get("project_name"):
                # a row of the 功能分类 columns only ("1 区政府办 2010302 一般行政管理事务"): the
                # text reader can put the function code in the amount column
                if amount is None or _FUNCTION_CODE_AMOUNT.match(str(amount)) or not name:
                    continue
            out.append(ProjectLine(code, name, amount, t, r))
    return out


def fold_project(name: str) -> str:
    s = squeeze(name)
    s = re.sub(r"^[0-9A-Za-z]{12,}[-－—–_]?", "", s)
    return s


def _match(line: ProjectLine, targets: list) -> Optional[PerformanceTarget]:
    if line.code:
        for p in targets:
            if p.project_code and squeeze(p.project_code) == squeeze(line.code):
                return p
    n = fold_project(line.name)
    if not n:
        return None
    for p in targets:
        if fold_project(p.project_name) == n:
            return p
    for p in targets:
        q = fold_project(p.project_name)
        if q and (q in n or n in q) and min(len(q), len(n)) >= 4:
            return p
    return None


def _same_fund(line: ProjectLine, p: PerformanceTarget) -> bool:
    return line.amount is not None and p.fund_total is not None and abs(line.amount - p.fund_total) <= tolerance(1)


def _named(line: ProjectLine, targets: list) -> list:
    n = fold_project(line.name)
    return [p for p in targets if n and not line.code and fold_project(p.project_name) == n]


def pairs(lines: list, targets: list) -> list:
    """The target of each project line (None: none found). A name printed for several units'
    projects (日常保障运行) is told apart by its fund, else by its turn (both tables list the
    projects in one order): projects with a target of their name and fund are paired first, and a
    project whose name's targets are all paired with other projects has none."""
    out: list = [None] * len(lines)
    used: set = set()
    for i, line in enumerate(lines):
        p = next((p for p in _named(line, targets) if id(p) not in used and _same_fund(line, p)), None)
        if p is not None:
            out[i] = p
            used.add(id(p))
    for i, line in enumerate(lines):
        if out[i] is not None:
            continue
        named = _named(line, targets)
        fresh = [p for p in named if id(p) not in used]
        # every target of its name is another project's: this one has none
        out[i] = (fresh[0] if fresh else None) if named else _match(line, targets)
        if out[i] is not None:
            used.add(id(out[i]))
    return out


def _line(ctx: Context, line: ProjectLine, p: Optional[PerformanceTarget]):
    """A project line without its target, or whose fund differs from its target's."""
    label = f"{line.code + '-' if line.code else ''}{line.name}"
    if p is None:
        return ctx.finding(f"{where(line.table, line.row)}项目“{label}”（{fmt(line.amount)}万元）没有对应的项目绩效目标表。",
                           table=line.table, row=line.row, item=line.name, code=line.code or None,
                           severity="warning")
    if line.amount is None or p.fund_total is None or abs(line.amount - p.fund_total) <= tolerance(1):
        return None
    return ctx.finding(
        (f"{where(line.table, line.row)}项目“{label}”为{fmt(line.amount)}万元，而{target_label(ctx.d, p)}"
         f"资金总额为{fmt(p.fund_total)}万元，相差{fmt(line.amount - p.fund_total)}万元。"),
        table=line.table, row=line.row, item=line.name, code=line.code or None,
        expected=line.amount, actual=p.fund_total, difference=p.fund_total - line.amount,
        related=[{"table": "project_performance", "table_id": p.table_id, "page": p.pages[0] if p.pages else None}])


@check("performance.target_for_each_project", "error",
       "每个项目都有绩效目标表且资金总额一致", "Every project has a performance target with the same fund",
       "《项目支出绩效评价管理办法》（财预〔2020〕10号）与预算公开要求：纳入预算的项目应设定绩效目标，"
       "项目绩效目标表的资金总额应与项目支出明细表所列金额一致。")
def target_for_each_project(ctx: Context):
    d = ctx.d
    lines = project_lines(d)
    targets = [p for p in d.performance if p.kind == "project"]
    if not lines or not targets:
        if lines and not targets and d.performance:
            # the document publishes performance tables, only none for its projects
            t = lines[0].table
            yield ctx.finding(f"{where(t)}列有{len(lines)}个项目，但未公开项目绩效目标表。",
                              table=t, severity="warning")
        return
    matched: set = set()
    for line, p in zip(lines, pairs(lines, targets)):
        if p is not None:
            matched.add(id(p))
        f = _line(ctx, line, p)
        if f is not None:
            yield f
    t = lines[0].table
    for p in targets:
        if id(p) not in matched:
            yield tfinding(ctx, p, (f"{target_label(d, p)}项目“{p.project_code + '-' if p.project_code else ''}"
                                    f"{p.project_name}”（资金总额{fmt(p.fund_total)}万元）未列入{where(t)}。"),
                           severity="warning",
                           related=[{"table": t.kind, "table_id": t.id, "page": t.pages[0] if t.pages else None}])
