"""Cross-table: the same figure agrees wherever the disclosure prints it.

``cross_table.totals_agree`` collects every place a figure is printed – totals, 基本支出, 项目支出,
function-class (类/款/项) and economic-class amounts, column by column – each with the scope of
money it covers:

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

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Optional

from ...model import Row, Table
from ..base import Context, check, tolerance
from .arithmetic import (ANY_ORD, D0, INFERRED_NOTE, TWO_SIDED, Side, cname, col_label, first_total, fmt, fold,
                         inferred, place, related, row_label, unit_slack, val)

SCOPE_ZH = {"dept": "部门预算", "fiscal": "财政拨款", "gb": "一般公共预算", "gf": "政府性基金预算",
            "sc": "国有资本经营预算"}
FIGURE_ZH = {"total": "收支总计", "basic": "基本支出", "project": "项目支出", "reserve": "单位预留机动经费",
             "personnel": "基本支出中的人员经费", "public": "基本支出中的公用经费",
             "current_income": "本年收入合计", "current_expenditure": "本年支出合计"}
KIND_PRIORITY = ("department_expenditure", "general_budget_expenditure", "fiscal_expenditure",
                 "general_budget_basic_expenditure", "fiscal_basic_expenditure", "government_fund",
                 "state_capital", "department_income", "project_expenditure", "department_summary",
                 "fiscal_summary")
RULE = ("同一数据在不同公开表中应一致：部门收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表及基本支出表之间"
        "的合计、基本支出、项目支出和各科目金额应相互衔接（财政部《地方预决算公开操作规程》（财预〔2016〕143号）所附公开表样；"
        "中华人民共和国预算法 第十四条）。")


@dataclass
class Obs:
    scope: str
    figure: str
    value: Decimal
    table: Table
    row: Row
    key: str

    @property
    def priority(self) -> int:
        k = self.table.kind
        return KIND_PRIORITY.index(k) if k in KIND_PRIORITY else len(KIND_PRIORITY)


def bare(name: str) -> str:
    return ANY_ORD.sub("", cname(name))


@lru_cache(maxsize=1)
def _reference_classes() -> dict:
    """folded name -> 3-digit function code, from the reference code table."""
    try:
        from importlib import resources

        import pandas as pd
        with resources.files("analysis.reference").joinpath("function_codes.csv").open(encoding="utf-8") as fh:
            frame = pd.read_csv(fh, dtype=str, keep_default_na=False)
    except Exception:  # pragma: no cover
        return {}
    out = {}
    for rec in frame.to_dict("records"):
        if len(rec.get("code", "")) == 3:
            out.setdefault(fold(rec["name"]), rec["code"])
    return out


def class_codes(d) -> dict:
    """folded class name -> function code: from the disclosure's own coded tables, then the reference."""
    out = dict(_reference_classes())
    for t in d.tables:
        if t.role in ("department_expenditure", "department_income", "fiscal_expenditure",
                      "general_budget_expenditure", "government_fund", "state_capital"):
            for r in t.rows:
                if r.code and len(r.code) == 3 and r.name:
                    out[fold(r.name)] = r.code
    return out


def _named(t: Table, sections: tuple, pattern: str) -> Optional[Row]:
    rx = re.compile(pattern)
    for r in t.rows:
        if (r.section or "") in sections and rx.search(bare(r.name)):
            return r
    return None


GB_INCOME = r"^(?:一般公共预算|公共财政)(?:拨款|财政拨款)?(?:收入|资金|\(补助\)资金)?$"
GF_INCOME = r"^政府性基金(?:预算)?(?:拨款|财政拨款)?(?:收入|资金)?$"
SC_INCOME = r"^国有资本经营预算(?:拨款|财政拨款)?(?:收入|资金)?$"
FISCAL_INCOME = r"^财政拨款(?:收入|资金)?$"
FISCAL_KEYS = {"general_budget": "gb", "government_fund": "gf", "state_capital": "sc"}


def observations(d) -> list:
    out: list = []

    def add(scope: str, figure: str, t: Table, r: Optional[Row], key: str):
        if r is None:
            return
        v = val(r, key)
        if v is not None:
            out.append(Obs(scope, figure, v, t, r, key))

    classes = class_codes(d)

    def summary_classes(t: Table, scope_of_key: dict):
        for r in t.rows:
            if r.section != "expenditure" or r.is_total:
                continue
            code = classes.get(fold(r.name))
            if code:
                for key, scope in scope_of_key.items():
                    add(scope, f"fn:{code}:total", t, r, key)

    final = d.kind == "final"
    for t in d.tables:
        k = t.role
        tot = first_total(t)
        if final and k in ("department_summary", "fiscal_summary", "department_income", "department_expenditure"):
            _final_observations(t, add, classes)
            continue
        if k == "department_summary":
            for side in ("income", "expenditure"):
                add("dept", "total", t, Side(t, side).total(), "total")
            for fig, rx in (("basic", r"^基本支出$"), ("project", r"^项目支出$"), ("reserve", r"预留机动经费")):
                add("dept", fig, t, _named(t, ("expenditure_purpose", "expenditure"), rx), "total")
            add("fiscal", "total", t, _named(t, ("income",), FISCAL_INCOME), "total")
            add("gb", "total", t, _named(t, ("income",), GB_INCOME), "total")
            add("gf", "total", t, _named(t, ("income",), GF_INCOME), "total")
            add("sc", "total", t, _named(t, ("income",), SC_INCOME), "total")
            summary_classes(t, {"total": "dept"})
        elif k == "fiscal_summary":
            inc, exp = Side(t, "income"), Side(t, "expenditure")
            add("fiscal", "total", t, inc.total(), "total")
            et = exp.total()
            add("fiscal", "total", t, et, "total")
            for key, scope in FISCAL_KEYS.items():
                add(scope, "total", t, et, key)
            for fig, rx in (("basic", r"^基本支出$"), ("project", r"^项目支出$"), ("reserve", r"预留机动经费")):
                add("fiscal", fig, t, _named(t, ("expenditure_purpose",), rx), "total")
            add("gb", "total", t, _named(t, ("income",), GB_INCOME), "total")
            add("gf", "total", t, _named(t, ("income",), GF_INCOME), "total")
            add("sc", "total", t, _named(t, ("income",), SC_INCOME), "total")
            summary_classes(t, {"total": "fiscal", **FISCAL_KEYS})
        elif k == "department_income":
            add("dept", "total", t, tot, "total")
            for key, scope in FISCAL_KEYS.items():
                add(scope, "total", t, tot, key)
            for r in t.rows:
                if "subtotal" in r.flags and r.section:
                    sec = cname(r.section)
                    if re.search(r"一般公共预算|公共财政", sec):
                        add("gb", "total", t, r, "total")
                    elif "政府性基金" in sec:
                        add("gf", "total", t, r, "total")
                    elif "国有资本" in sec:
                        add("sc", "total", t, r, "total")
                if r.code and not r.is_total:
                    add("dept", f"fn:{r.code}:total", t, r, "total")
                    for key, scope in FISCAL_KEYS.items():
                        add(scope, f"fn:{r.code}:total", t, r, key)
        elif k in ("department_expenditure", "fiscal_expenditure", "general_budget_expenditure",
                   "government_fund", "state_capital"):
            scope = {"department_expenditure": "dept", "fiscal_expenditure": "fiscal",
                     "general_budget_expenditure": "gb", "government_fund": "gf", "state_capital": "sc"}[k]
            keys = [c.key for c in t.columns if c.key in ("total", "basic", "project", "reserve", "carry_forward", "prior_total")]
            for key in keys:
                if key in ("total", "basic", "project", "reserve"):
                    add(scope, key, t, tot, key)
            for r in t.rows:
                if r.code and not r.is_total:
                    for key in keys:
                        add(scope, f"fn:{r.code}:{key}", t, r, key)
        elif k in ("fiscal_basic_expenditure", "general_budget_basic_expenditure"):
            scope = "fiscal" if k == "fiscal_basic_expenditure" else "gb"
            add(scope, "basic", t, tot, "total")
            add(scope, "personnel", t, tot, "personnel")
            add(scope, "public", t, tot, "public")
            for r in t.rows:
                if r.code and not r.is_total:
                    for key in ("total", "personnel", "public"):
                        add(scope, f"econ:{r.code}:{key}", t, r, key)
        elif k == "project_expenditure":
            add("dept", "project", t, tot, "total")
    return out


def _final_observations(t: Table, add, classes: dict) -> None:
    """A 决算's summary, income and expenditure tables. Its year's income and spending differ by
    the balances carried in and out, so 本年收入 is compared with 本年收入 and 本年支出 with 本年支出
    (income by function is not spending by function); 收入总计 = 支出总计 is arithmetic's."""
    k = t.role
    tot = first_total(t)
    scope = "fiscal" if k == "fiscal_summary" else "dept"
    if k in ("department_summary", "fiscal_summary"):
        inc, exp = Side(t, "income"), Side(t, "expenditure")
        add(scope, "current_income", t, inc.current, "total")
        add(scope, "current_expenditure", t, exp.current, "total")
        if k == "fiscal_summary":
            for key, sc in FISCAL_KEYS.items():
                add(sc, "current_expenditure", t, exp.current, key)
        for r in t.rows:
            if r.section == "expenditure" and not r.is_total and classes.get(fold(r.name)):
                add(scope, f"fn:{classes[fold(r.name)]}:total", t, r, "total")
    elif k == "department_income":
        add("dept", "current_income", t, tot, "total")
        for r in t.rows:
            if r.code and not r.is_total:
                add("dept", f"fn_income:{r.code}:total", t, r, "total")
    elif k == "department_expenditure":
        for key in ("basic", "project"):
            add("dept", key, t, tot, key)
        add("dept", "current_expenditure", t, tot, "total")
        for r in t.rows:
            if r.code and not r.is_total:
                for key in ("total", "basic", "project"):
                    add("dept", f"fn:{r.code}:{key}", t, r, key)


def _zero_evidence(values: list) -> bool:
    return bool(values) and all(v == 0 for v in values)


def merges(d, obs: list) -> dict:
    """scope -> the scope it is merged into."""
    out = {}
    gf = [o.value for o in obs if o.scope == "gf" and o.figure == "total"]
    sc = [o.value for o in obs if o.scope == "sc" and o.figure == "total"]
    if _zero_evidence(gf) and all(v == 0 for v in sc):
        out["gb"] = "fiscal"
    other: list = []
    for t in d.tables_of("department_summary"):
        s = Side(t, "income")
        for r in s.items("income") + s.after_current():
            if re.search(r"财政拨款|一般公共预算|公共财政|政府性基金|国有资本经营", bare(r.name)):
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
    if _zero_evidence(other):
        out["dept"] = "fiscal"
    return out


def _describe(o: Obs) -> str:
    if o.figure.startswith(("fn:", "econ:", "fn_income:")):
        _, code, key = o.figure.split(":")
        kind = {"fn": "功能分类", "econ": "经济分类", "fn_income": "收入功能分类"}[o.figure.split(":")[0]]
        name = o.row.name if o.row.code == code else ""
        return f"{kind}科目 {code} {name}（{col_label(o.table, key)}）".replace("  ", " ")
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
    return ctx.finding("cross_table.totals_agree", msg, table=o.table, row=o.row,
                       severity="warning" if guess else "error", code=code,
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


THREE_PUBLIC_ECON = (
    ("overseas", r"^因公出国\(境\)费用?$"),
    ("vehicle_purchase", r"^公务用车购置费?$"),
    ("vehicle_operation", r"^公务用车运行维护费$"),
    ("reception", r"^公务接待费$"),
    ("meeting", r"^会议费$"),
    ("training", r"^培训费$"),
)


@check("cross_table.totals_agree", "error",
       "同一数据在各表之间一致", "The same figure agrees across tables", RULE)
def totals_agree(ctx: Context):
    d = ctx.d
    obs = observations(d)
    into = merges(d, obs)
    for o in obs:
        o.scope = into.get(o.scope, o.scope)
        o.scope = into.get(o.scope, o.scope)
    groups: dict = {}
    for o in obs:
        groups.setdefault((o.scope, o.figure), []).append(o)
    reps: dict = {}
    # a merged scope is named after the widest money it covers
    shown = {s: SCOPE_ZH[s] for s in SCOPE_ZH}
    for s in ("gb", "dept"):
        if s in into:
            shown[into[s]] = SCOPE_ZH[s]
    for (scope, figure), group in groups.items():
        clusters = _clusters(group)
        ref = clusters[0][0]
        reps[(scope, figure)] = ref
        for c in clusters[1:]:
            for o in c:
                yield _finding(ctx, ref, o, f"{shown[scope]}{_describe(o)}在两处不一致")
    # parts may not exceed the whole across scopes kept apart
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
                yield _finding(ctx, w, o, f"{SCOPE_ZH[part]}{_describe(o)}大于{SCOPE_ZH[whole]}的同一数字",
                               f"（{SCOPE_ZH[part]}是{SCOPE_ZH[whole]}的一部分，不应更大）")
    yield from _three_public_vs_economic(ctx)
    yield from _operating_costs_vs_public(ctx)


def _basic_table(d) -> Optional[Table]:
    return d.table("general_budget_basic_expenditure") or d.table("fiscal_basic_expenditure")


def _three_public_vs_economic(ctx: Context):
    d = ctx.d
    econ = _basic_table(d)
    if econ is None:
        return
    for t in d.tables_of("three_public"):
        row = first_total(t) or (t.rows[0] if t.rows else None)
        if row is None:
            continue
        for key, rx in THREE_PUBLIC_ECON:
            tp = val(row, key)
            if tp is None or key not in t.column_keys():
                continue
            er = next((r for r in econ.rows if r.code and len(r.code) == 5 and re.match(rx, cname(r.name))), None)
            if er is None:
                continue
            ev = val(er, "total")
            if ev is None or ev - tp <= tolerance(1) + unit_slack(t, econ):
                continue
            diff = ev - tp
            guess = inferred(row, er)
            msg = (f"{place(econ, er)}「{row_label(er)}」（基本支出）{fmt(ev)} 万元，大于{place(t, row)} "
                   f"{col_label(t, key)} {fmt(tp)} 万元，相差 {fmt(diff)} 万元（“三公”经费表包括基本支出和项目支出，"
                   f"其中每项不应小于基本支出中的同名科目）")
            if guess:
                msg += INFERRED_NOTE
            yield ctx.finding("cross_table.totals_agree", msg, table=t, row=row,
                              severity="warning" if guess else "error", code=er.code,
                              item=col_label(t, key), expected=ev, actual=tp, difference=tp - ev,
                              related=[related(econ, er, "total", ev)])


def _operating_costs_vs_public(ctx: Context):
    d = ctx.d
    econ = d.table("general_budget_basic_expenditure")
    if econ is None:
        return
    etot = first_total(econ)
    if etot is not None and "public" in econ.column_keys():
        public, where_rows = val(etot, "public"), [etot]
        how = f"{place(econ, etot)}「{row_label(etot)}」{col_label(econ, 'public')}"
    else:
        where_rows = [r for r in econ.rows if r.code in ("302", "310") and not r.is_total]
        if not where_rows or any(val(r, "total") is None for r in where_rows):
            return
        public = sum((val(r, "total") for r in where_rows), D0)
        how = f"{place(econ, where_rows[0])}「{'」+「'.join(row_label(r) for r in where_rows)}」"
    if public is None:
        return
    for t in d.tables_of("operating_costs"):
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
        yield ctx.finding("cross_table.totals_agree", msg, table=t, row=tot, severity="warning",
                          expected=public, actual=v, difference=diff,
                          related=[related(econ, r) for r in where_rows])
