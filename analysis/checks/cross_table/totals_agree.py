"""``cross_table.totals_agree``: the same figure agrees wherever the disclosure prints it.

Every place a figure is printed – totals, 基本支出, 项目支出, function-class (类/款/项) and
economic-class amounts, column by column – is collected with the scope of money it covers
(``analysis.checks.common.lookup.observations``):

* ``dept``   部门预算（全部资金）: 部门收支总表, 部门收入总表, 部门支出总表, 项目支出表;
* ``fiscal`` 财政拨款: 财政拨款收支总表, 财政拨款支出表, 财政拨款基本支出表, and the 财政拨款 row of
  部门收支总表;
* ``gb``     一般公共预算: 一般公共预算支出表 and 基本支出表, the 一般公共预算 rows and columns of the
  summary and income tables;
* ``gf``/``sc`` 政府性基金 / 国有资本经营预算.

Scopes that must coincide are merged before comparing: a department without non-fiscal income
has ``dept`` = ``fiscal``; without 政府性基金 and 国有资本经营 money, ``gb`` = ``fiscal``. Within a
scope every printed value of a figure must agree (the value most places print is taken as the
reference; each place that differs is one finding naming both places). Across scopes that stay
apart the parts may not exceed the whole (财政拨款 ≤ 部门预算, 一般公共预算 ≤ 财政拨款).

Two further comparisons: a 基本支出 economic row such as 公务接待费 or 公务用车运行维护费 cannot
exceed the same item in the “三公”经费 table (which covers basic and project money), and the
机关运行经费 total cannot exceed the 公用经费 of 一般公共预算基本支出.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ...model import Table
from ...vocab import CODED_FIGURE_ZH, FIGURE_ZH, MONEY_SCOPE_ZH, TWO_SIDED, keyword, keyword_rules
from ..base import Context, check, tolerance
from ..common.amounts import D0, INFERRED_NOTE, fmt, inferred, unit_slack, val
from ..common.lookup import Obs, observations
from ..common.places import col_label, place, related, row_label
from ..common.rows import Side, bare, cname, first_total

RULE = ("同一数据在不同公开表中应一致：部门收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表及基本支出表之间"
        "的合计、基本支出、项目支出和各科目金额应相互衔接（财政部《地方预决算公开操作规程》（财预〔2016〕143号）所附公开表样；"
        "中华人民共和国预算法 第十四条）。")
# 公用经费 in the economic classification: 商品和服务支出 and 资本性支出
PUBLIC_CLASSES = ("302", "310")


def _zero_evidence(values: list) -> bool:
    return bool(values) and all(v == 0 for v in values)


def _other_income(d) -> list:
    """Income other than fiscal appropriations, as printed (-1 where unreadable)."""
    other: list = []
    fiscal = keyword("income_row", "fiscal")
    for t in d.tables_of("department_summary"):
        s = Side(t, "income")
        for r in s.items("income") + s.after_current():
            if fiscal.search(bare(r.name)):
                continue
            v = val(r, "total")
            other.append(v if v is not None else Decimal(-1))
    for t in d.tables_of("department_income"):
        tot = first_total(t)
        if tot is not None:
            for key in tot.amounts:
                if key not in ("total", "general_budget", "government_fund", "state_capital"):
                    v = val(tot, key)
                    other.append(v if v is not None else Decimal(-1))
    return other


def merges(d, obs: list) -> dict:
    """scope -> the scope it is merged into."""
    out = {}
    gf = [o.value for o in obs if o.scope == "gf" and o.figure == "total"]
    sc = [o.value for o in obs if o.scope == "sc" and o.figure == "total"]
    if _zero_evidence(gf) and all(v == 0 for v in sc):
        out["gb"] = "fiscal"
    if _zero_evidence(_other_income(d)):
        out["dept"] = "fiscal"
    return out


def _describe(o: Obs) -> str:
    if o.figure.startswith(("fn:", "econ:", "fn_income:")):
        kind, code, key = o.figure.split(":")
        name = o.row.name if o.row.code == code else ""
        return f"{CODED_FIGURE_ZH[kind]}科目 {code} {name}（{col_label(o.table, key)}）".replace("  ", " ")
    return FIGURE_ZH.get(o.figure, o.figure)


def _at(o: Obs) -> str:
    col = ""
    if not o.figure.startswith(("fn:", "econ:")) and len(o.table.columns) > 1 and not (
            o.key == "total" and (o.table.role in TWO_SIDED or col_label(o.table, o.key) in ("金额", "预算数"))):
        col = f" {col_label(o.table, o.key)}"
    return f"{place(o.table, o.row)}「{row_label(o.row)}」{col} {fmt(o.value)} 万元"


def _finding(ctx: Context, ref: Obs, o: Obs, head: str, tail: str = ""):
    diff = o.value - ref.value
    guess = inferred(ref.row, o.row)
    msg = f"{head}：{_at(ref)}，而{_at(o)}，相差 {fmt(diff)} 万元{tail}"
    if guess:
        msg += INFERRED_NOTE
    code = o.figure.split(":")[1] if o.figure.startswith(("fn:", "econ:")) else o.row.code
    return ctx.finding(msg, table=o.table, row=o.row, column=o.key, severity="warning" if guess else "error", code=code,
                       expected=ref.value, actual=o.value, difference=diff,
                       related=[related(ref.table, ref.row, ref.key, ref.value)])


def _clusters(group: list) -> list:
    """Observations grouped by value (within rounding), largest group first, then by priority."""
    clusters: list = []
    for o in sorted(group, key=lambda x: x.priority):
        for c in clusters:
            if abs(c[0].value - o.value) <= tolerance(1, c[0].table, o.table) + unit_slack(c[0].table, o.table):
                c.append(o)
                break
        else:
            clusters.append([o])
    clusters.sort(key=lambda c: (-len(c), min(x.priority for x in c)))
    return clusters


def _merged(d) -> tuple:
    """(observations with merged scopes, the merges, the name shown for each scope)."""
    obs = observations(d)
    into = merges(d, obs)
    for o in obs:
        o.scope = into.get(o.scope, o.scope)
        o.scope = into.get(o.scope, o.scope)
    # a merged scope is named after the widest money it covers
    shown = dict(MONEY_SCOPE_ZH)
    for s in ("gb", "dept"):
        if s in into:
            shown[into[s]] = MONEY_SCOPE_ZH[s]
    return obs, into, shown


def _within_scopes(ctx: Context, obs: list, shown: dict, reps: dict):
    """Every printed value of one figure in one scope agrees; ``reps`` gets each reference."""
    groups: dict = {}
    for o in obs:
        groups.setdefault((o.scope, o.figure), []).append(o)
    for (scope, figure), group in groups.items():
        clusters = _clusters(group)
        ref = clusters[0][0]
        reps[(scope, figure)] = ref
        for c in clusters[1:]:
            for o in c:
                yield _finding(ctx, ref, o, f"{shown[scope]}{_describe(o)}在两处不一致")


def _parts_within_wholes(ctx: Context, into: dict, reps: dict):
    """Across scopes kept apart, a part may not exceed its whole."""
    for part, whole in (("fiscal", "dept"), ("gb", "fiscal"), ("gf", "fiscal"), ("sc", "fiscal")):
        if into.get(part, part) == into.get(whole, whole):
            continue
        for (scope, figure), o in reps.items():
            if scope != part or figure in ("personnel", "public"):
                continue
            w = reps.get((into.get(whole, whole), figure))
            if w is None:
                continue
            if o.value - w.value > tolerance(1) + unit_slack(o.table, w.table):
                yield _finding(ctx, w, o,
                               f"{MONEY_SCOPE_ZH[part]}{_describe(o)}大于{MONEY_SCOPE_ZH[whole]}的同一数字",
                               f"（{MONEY_SCOPE_ZH[part]}是{MONEY_SCOPE_ZH[whole]}的一部分，不应更大）")


@check("cross_table.totals_agree", "error",
       "同一数据在各表之间一致", "The same figure agrees across tables", RULE)
def totals_agree(ctx: Context):
    obs, into, shown = _merged(ctx.d)
    reps: dict = {}
    yield from _within_scopes(ctx, obs, shown, reps)
    yield from _parts_within_wholes(ctx, into, reps)
    yield from _three_public_vs_economic(ctx)
    yield from _operating_costs_vs_public(ctx)


def _basic_table(d) -> Optional[Table]:
    return d.table("general_budget_basic_expenditure") or d.table("fiscal_basic_expenditure")


def _item_vs_economic(ctx: Context, t: Table, row, econ: Table, key: str, rx):
    """One 三公 item against the 基本支出 economic row of the same name."""
    tp = val(row, key)
    if tp is None or key not in t.column_keys():
        return None
    er = next((r for r in econ.rows if r.code and len(r.code) == 5 and rx.match(cname(r.name))), None)
    if er is None:
        return None
    ev = val(er, "total")
    if ev is None or ev - tp <= tolerance(1) + unit_slack(t, econ):
        return None
    diff = ev - tp
    guess = inferred(row, er)
    msg = (f"{place(econ, er)}「{row_label(er)}」（基本支出）{fmt(ev)} 万元，大于{place(t, row)} "
           f"{col_label(t, key)} {fmt(tp)} 万元，相差 {fmt(diff)} 万元（“三公”经费表包括基本支出和项目支出，"
           f"其中每项不应小于基本支出中的同名科目）")
    if guess:
        msg += INFERRED_NOTE
    return ctx.finding(msg, table=t, row=row, column=key, severity="warning" if guess else "error", code=er.code,
                       item=col_label(t, key), expected=ev, actual=tp, difference=tp - ev,
                       related=[related(econ, er, "total", ev)])


def _three_public_vs_economic(ctx: Context):
    econ = _basic_table(ctx.d)
    if econ is None:
        return
    for t in ctx.d.tables_of("three_public"):
        row = first_total(t) or (t.rows[0] if t.rows else None)
        if row is None:
            continue
        for key, rx in keyword_rules("three_public_economic_item"):
            f = _item_vs_economic(ctx, t, row, econ, key, rx)
            if f is not None:
                yield f


def _public_funds(econ: Table) -> Optional[tuple]:
    """(公用经费, rows it is read from, how it is named) of a basic-expenditure table."""
    etot = first_total(econ)
    if etot is not None and "public" in econ.column_keys():
        return val(etot, "public"), [etot], f"{place(econ, etot)}「{row_label(etot)}」{col_label(econ, 'public')}"
    rows = [r for r in econ.rows if r.code in PUBLIC_CLASSES and not r.is_total]
    if not rows or any(val(r, "total") is None for r in rows):
        return None
    how = f"{place(econ, rows[0])}「{'」+「'.join(row_label(r) for r in rows)}」"
    return sum((val(r, "total") for r in rows), D0), rows, how


def _operating_costs_vs_public(ctx: Context):
    econ = ctx.d.table("general_budget_basic_expenditure")
    got = _public_funds(econ) if econ is not None else None
    if got is None or got[0] is None:
        return
    public, where_rows, how = got
    for t in ctx.d.tables_of("operating_costs"):
        tot = first_total(t)
        if tot is None:
            continue
        key = "operating_costs" if "operating_costs" in tot.amounts else "total"
        v = val(tot, key)
        if v is None or v - public <= tolerance(len(where_rows)) + unit_slack(t, econ):
            continue
        diff = v - public
        msg = (f"{place(t, tot)}「{row_label(tot)}」机关运行经费 {fmt(v)} 万元，大于{how} {fmt(public)} 万元，"
               f"相差 {fmt(diff)} 万元（机关运行经费指行政单位一般公共预算基本支出中的日常公用经费，不应超过公用经费）")
        yield ctx.finding(msg, table=t, row=tot, column=key, severity="warning",
                          expected=public, actual=v, difference=diff,
                          related=[related(econ, r) for r in where_rows])
