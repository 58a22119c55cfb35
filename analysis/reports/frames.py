"""DataFrames of the model: what a disclosure is made of (income, expenditure by function,
basic and project, personnel and public, 三公, projects, indicators), its parsed tables as
printed, and the comparison of several disclosures (totals, composition, growth, per staff).

Every number a report shows is computed here or in ``findings`` / ``checklist``; rows are
sorted so that outputs are deterministic (the committed notebooks are checked with nbval).
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Optional

import pandas as pd

from .. import vocab
from ..figures import claim_places, figures_of, headline_figures
from ..model import Disclosure, Table
from .data import HEADLINE, figures, fnum, label

# The tables a report section needs, to tell an unreadable table from one not disclosed.
SECTION_TABLES = {
    "收入来源": ("department_income",),
    "支出功能分类": ("department_expenditure", "general_budget_expenditure", "fiscal_expenditure"),
    "基本支出与项目支出": ("department_expenditure", "general_budget_expenditure", "fiscal_expenditure",
                  "department_summary"),
    "人员经费与公用经费": ("general_budget_basic_expenditure", "fiscal_basic_expenditure"),
    "“三公”经费": ("three_public",),
    "项目支出": ("project_performance", "project_expenditure"),
    "绩效指标": ("overall_performance", "project_performance"),
}


# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------
def availability(d: Disclosure, kinds) -> tuple:
    """(status, table) for the first table of ``kinds``: "ok" (a readable table with rows),
    "unreadable" (printed, but not readable by the tool, or read without any row), or
    "absent" (not in the disclosure)."""
    if isinstance(kinds, str):
        kinds = (kinds,)
    found = [t for k in kinds for t in d.tables_of(k)]
    for t in found:
        if t.readable and t.rows:
            return "ok", t
    empty = [t for t in found if t.readable and not t.rows and t.empty_reason]
    if empty:
        return "absent", empty[0]       # printed empty, with the reason the document gives
    if found:
        return "unreadable", found[0]
    return "absent", None


def section_status(d: Disclosure, what: str) -> str:
    """"ok", "unreadable" or "absent" for a report section (``SECTION_TABLES``)."""
    states = [availability(d, k)[0] for k in SECTION_TABLES[what]]
    for s in ("ok", "unreadable"):
        if s in states:
            return s
    return "absent"


def holds_figures(d: Disclosure, what: str) -> bool:
    """Whether a readable table of a report section (``SECTION_TABLES``) prints a non-zero figure."""
    if any(v for k in SECTION_TABLES[what] for t in d.tables_of(k) if t.readable
           for r in t.rows for v in r.amounts.values()):
        return True
    # a project performance-target table prints the project's funds above its indicators (项目资金总额),
    # not in rows: projects read without their funds are the tool's failure, not an empty table
    return "project_performance" in SECTION_TABLES[what] and any(p.kind == "project" for p in d.performance)


def readable_table(d: Disclosure, kind: str) -> Optional[Table]:
    """The first table of ``kind`` whose figures may be used (``Table.readable``)."""
    return next((t for t in d.tables_of(kind) if t.readable), None)


def total_row(t: Table):
    return next((r for r in t.rows if r.is_total), None)


# ---------------------------------------------------------------------------
# a department report: what the budget is made of
# ---------------------------------------------------------------------------
def income_by_source(d: Disclosure) -> pd.DataFrame:
    """Income by source from the 部门收入总表: its total row's source columns where the table prints
    sources as columns, else its rows where it prints them as rows (收入总计 / 小计 left out, a
    section's items named with their section), each non-zero source once."""
    t = readable_table(d, "department_income")
    if t is None:
        return pd.DataFrame(columns=["收入来源 source", "金额 万元"])
    rows = _income_columns(t) or _income_rows(t)
    df = pd.DataFrame(rows, columns=["收入来源 source", "金额 万元"])
    return df.sort_values("金额 万元", ascending=False, kind="stable")


def _income_columns(t: Table) -> list:
    rows = []
    if (r := total_row(t)) is not None:
        for c in t.columns:
            if c.key == "total" or c.key.startswith("prior"):
                continue
            v = fnum(r.amounts.get(c.key))
            if v:
                rows.append({"收入来源 source": c.label or c.key, "金额 万元": v})
    return rows


SUBTOTAL_NAME = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:小\s*计|合\s*计|总\s*计|收入总计|收入合计)$")


def _income_rows(t: Table) -> list:
    """Sources printed as rows (uncoded, not totals): the deepest rows with an amount."""
    items = [r for r in t.rows if not r.is_total and not r.code and not SUBTOTAL_NAME.match(re.sub(r"\s+", "", r.name or ""))]
    parents = {r.parent for r in t.rows if r.parent is not None}
    rows = []
    for i, r in enumerate(t.rows):
        if r not in items or i in parents:
            continue
        v = fnum(r.amounts.get("total"))
        if v:
            name = re.sub(r"^(?:其中[:：]\s*)", "", r.name or "")
            rows.append({"收入来源 source": f"{r.section}：{name}" if r.section and r.section not in name else name,
                         "金额 万元": v})
    return rows


def _function_table(d: Disclosure) -> Optional[Table]:
    """The first readable spending table that prints function classes (类, 3-digit codes) with a
    figure, the all-funds table first; one printing 基本支出 and 项目支出 apart is preferred."""
    found = []
    for kind in ("department_expenditure", "general_budget_expenditure", "fiscal_expenditure"):
        for t in d.tables_of(kind):
            if t.readable and any(r.code and len(r.code) == 3 and not r.is_total and any(r.amounts.values())
                                  for r in t.rows):
                found.append(t)
    split = [t for t in found if {"basic", "project"} <= set(t.column_keys())]
    return (split or found or [None])[0]


def function_source(d: Disclosure) -> str:
    """The table the function classes are read from ("t05 财政拨款支出预算表 第7页"), or ""."""
    t = _function_table(d)
    return f"{t.id} {t.title} 第{','.join(map(str, t.pages))}页" if t is not None else ""


def expenditure_by_function(d: Disclosure) -> pd.DataFrame:
    """Level-1 function classes (类) with total, basic and project amounts (blank where the table
    does not print the column)."""
    t = _function_table(d)
    rows = []
    if t is not None:
        for r in t.rows:
            if r.is_total or not r.code or len(r.code) != 3:
                continue
            rows.append({"科目 code": r.code, "功能分类 class": r.name,
                         "合计 total": fnum(r.amounts.get("total")),
                         "基本支出 basic": fnum(r.amounts.get("basic")),
                         "项目支出 project": fnum(r.amounts.get("project"))})
    df = pd.DataFrame(rows, columns=["科目 code", "功能分类 class", "合计 total", "基本支出 basic", "项目支出 project"])
    return df.sort_values("科目 code", kind="stable")


def function_long(fx: pd.DataFrame) -> pd.DataFrame:
    """The chart's data: basic and project per class where the table prints them apart, else the
    class totals."""
    parts = [c for c in ("基本支出 basic", "项目支出 project") if fx[c].notna().any()]
    cols = parts or ["合计 total"]
    long = fx.melt(id_vars=["功能分类 class"], value_vars=cols, var_name="类别", value_name="金额")
    return long.dropna(subset=["金额"])


PART_COLUMNS = ["类别 part", "金额 万元", "占比 share %", "来源 source"]
REMAINDER = "其他（合计减去所列各部分）other: total less the parts printed"


def _place(t: Table, r, column: str = "") -> str:
    col = f" {vocab.column_zh(column)}列" if column else ""
    return f"{t.id} 第{r.page or ','.join(map(str, t.pages))}页{col}"


def _parts_frame(parts: list, total) -> pd.DataFrame:
    """Parts with their shares of ``total`` (the printed whole; the sum of the parts when none is
    printed); a remainder row makes the parts account for the whole when they do not."""
    whole = total if total is not None else sum(v for _, v, _ in parts)
    rows = [{"类别 part": name, "金额 万元": v, "来源 source": where} for name, v, where in parts]
    rest = round(whole - sum(v for _, v, _ in parts), 2) if total is not None else 0
    if rest:
        rows.append({"类别 part": REMAINDER, "金额 万元": rest, "来源 source": "合计与各部分之差 total less parts"})
    for r in rows:
        r["占比 share %"] = round(r["金额 万元"] / whole * 100, 1) if whole else None
    return pd.DataFrame(rows, columns=PART_COLUMNS)


def _spending_row(d: Disclosure) -> tuple:
    """(table, total row) of the first readable spending table whose total row prints 基本支出 or
    项目支出 in columns, the all-funds table first."""
    for kind in ("department_expenditure", "general_budget_expenditure", "fiscal_expenditure"):
        for t in d.tables_of(kind):
            r = total_row(t) if t.readable else None
            if r is not None and ({"basic", "project"} & {k for k, v in r.amounts.items() if v is not None}):
                return t, r
    return None, None


def basic_vs_project(d: Disclosure) -> pd.DataFrame:
    """What the year's spending is made of: 基本支出, 项目支出 and every other part the spending
    table prints beside them (单位预留机动经费, 上缴上级支出, 结转下年 …), with shares of its total
    that add up to 100% (a remainder row when the printed parts do not make the total)."""
    t, r = _spending_row(d)
    if t is not None:
        keys = t.column_keys()
        parts = [(vocab.column_zh(k), fnum(r.amounts.get(k)), _place(t, r, k)) for k in vocab.SPENDING_PARTS
                 if k in keys and fnum(r.amounts.get(k))]
        return _parts_frame(parts, fnum(r.amounts.get("total")))
    figs = figures(d)
    parts = [(vocab.metric_zh(k), figs[k].value, figs[k].where)
             for k in ("basic_expenditure", "project_expenditure") if figs[k].value]
    reserve = _first_place(d, "reserve_expenditure")
    if reserve is not None and fnum(reserve.value):
        parts.append((vocab.metric_zh("reserve_expenditure"), fnum(reserve.value), f"{reserve.table_id} 第{reserve.page}页"))
    return _parts_frame(parts, None)


def _first_place(d: Disclosure, figure: str, table_id: Optional[str] = None, roles: Optional[tuple] = None):
    """The most authoritative readable place of ``figure`` in the current year (in ``table_id``
    or in tables of ``roles`` when given)."""
    places = [f for f in figures_of(d) if f.figure == figure and not f.unreadable and f.period == "current"
              and (table_id is None or f.table_id == table_id)
              and (roles is None or vocab.role_of(f.kind) in roles)]
    return min(places, key=lambda f: f.rank) if places else None


def personnel_vs_public(d: Disclosure) -> pd.DataFrame:
    """基本支出 as 人员经费 and 公用经费, as the basic-expenditure table prints them: in columns of its
    total row, as rows (人员经费合计 / 公用经费合计), or summed from its classes (301+303, 302), with
    shares of that table's 基本支出 (a remainder row for classes in neither)."""
    first = _first_place(d, "personnel_expenditure", roles=vocab.BASIC_KINDS)
    if first is None:
        return pd.DataFrame(columns=PART_COLUMNS)
    parts = []
    for figure, part in (("personnel_expenditure", "人员经费 personnel"), ("public_expenditure", "公用经费 public")):
        f = _first_place(d, figure, table_id=first.table_id)
        if f is not None:
            how = f"（{f.derived}类之和）" if f.derived else ""
            parts.append((part, fnum(f.value), f"{f.table_id} 第{f.page}页{how}"))
    basic = _first_place(d, "basic_expenditure", table_id=first.table_id)
    return _parts_frame(parts, fnum(basic.value) if basic is not None else None)


# 三公 items as the report lists them: the column keys of a 三公 table, the 三公 subtotal first; what
# a 三公 table prints beside them (会议费, 培训费) is shown apart (``three_public_beside``)
THREE_PUBLIC_ITEMS = ("three_public", "overseas", "vehicle_purchase", "vehicle_operation", "reception")
THREE_PUBLIC_TOTAL = vocab.column_zh("three_public")
THREE_PUBLIC_SUM = "“三公”经费（四项之和）sum of the four items"
NOT_THREE_PUBLIC = "（不属于“三公”经费 not a 三公 item）"


def three_public_columns(d: Disclosure) -> tuple:
    """(this year's column, the column it is compared with) of the 三公 frames: a budget's year
    against the prior year its table prints, a 决算 against its own 预算数."""
    if d.kind == "final":
        return "决算数 final accounts", "预算数 budget"
    return "本年 budget year", "上年 prior year"


def _three_public_rows(d: Disclosure, t: Table, keys: tuple, label) -> list:
    r = total_row(t) or t.rows[0]
    have = t.column_keys()
    cmp = "budget_" if d.kind == "final" and any(k.startswith("budget_") for k in have) else "prior_"
    cur_col, cmp_col = three_public_columns(d)
    rows = []
    for key in keys:
        k = key
        if key == "three_public" and "three_public" not in have:
            # a table without a 三公 subtotal column: its 合计 is the 三公 total only when it prints
            # nothing else (会议费, 培训费) beside the 三公 items
            if any(b in have for b in vocab.THREE_PUBLIC_BESIDE):
                continue
            k = "total"
        if k not in have and f"{cmp}{k}" not in have:
            continue
        cur, before = fnum(r.amounts.get(k)), fnum(r.amounts.get(f"{cmp}{k}"))
        rows.append(_change_row(label(key), cur, before, cur_col, cmp_col))
    return rows


def _change_row(item: str, cur, before, cur_col: str, cmp_col: str) -> dict:
    change = None if cur is None or before is None else round(cur - before, 2)
    pct = None if change is None or not before else round(change / before * 100, 1)
    return {"项目 item": item, cur_col: cur, cmp_col: before, "增减 change": change, "增减率 % change": pct}


def _three_public_frame(d: Disclosure, rows: list) -> pd.DataFrame:
    cur_col, cmp_col = three_public_columns(d)
    return pd.DataFrame(rows, columns=["项目 item", cur_col, cmp_col, "增减 change", "增减率 % change"])


def three_public(d: Disclosure) -> pd.DataFrame:
    """The 三公 items only (因公出国（境）费, 公务用车购置费, 公务用车运行维护费, 公务接待费 and their
    subtotal) against the prior-year (a 决算: the 预算数) columns the table prints. Where the printed
    subtotal is not the sum of the four items, the sum is shown too, on its own row: the disclosure
    disagrees with itself and the reader sees both figures."""
    t = readable_table(d, "three_public")
    if t is None or not t.rows:
        return _three_public_frame(d, [])
    rows = _three_public_rows(d, t, THREE_PUBLIC_ITEMS, vocab.column_zh)
    cur_col, cmp_col = three_public_columns(d)
    items = [r for r in rows if r["项目 item"] != THREE_PUBLIC_TOTAL]
    total = next((r for r in rows if r["项目 item"] == THREE_PUBLIC_TOTAL), None)
    if len(items) == 4:
        sums = [None if any(r[c] is None for r in items) else round(sum(r[c] for r in items), 2) for c in (cur_col, cmp_col)]
        if total is None or sums[0] != total[cur_col] or (sums[1] is not None and sums[1] != total[cmp_col]):
            rows.insert(1 if total is not None else 0, _change_row(THREE_PUBLIC_SUM, *sums, cur_col, cmp_col))
    return _three_public_frame(d, rows)


def three_public_beside(d: Disclosure) -> pd.DataFrame:
    """What the 三公 table prints beside the 三公 items that is not 三公 (会议费, 培训费), labelled so."""
    t = readable_table(d, "three_public")
    if t is None or not t.rows:
        return _three_public_frame(d, [])
    return _three_public_frame(d, _three_public_rows(d, t, vocab.THREE_PUBLIC_BESIDE,
                                                     lambda k: vocab.column_zh(k) + NOT_THREE_PUBLIC))


def three_public_long(df: pd.DataFrame, year: Optional[int], kind: str = "budget") -> pd.DataFrame:
    """The four 三公 items of ``three_public`` in long form for the chart (totals left out)."""
    cur_col, cmp_col = df.columns[1], df.columns[2]
    if kind == "final":
        labels = ((cmp_col, "预算数"), (cur_col, "决算数"))
    else:
        labels = ((cmp_col, f"{year - 1}年" if year else "上年"), (cur_col, f"{year}年" if year else "本年"))
    out = []
    for _, r in df.iterrows():
        if r["项目 item"] in (THREE_PUBLIC_TOTAL, THREE_PUBLIC_SUM):
            continue
        for col, lab in labels:
            if r[col] is not None and r[col] == r[col]:
                out.append({"项目": r["项目 item"], "年度": lab, "金额": r[col]})
    return pd.DataFrame(out, columns=["项目", "年度", "金额"])


# ---------------------------------------------------------------------------
# where the disclosure disagrees with itself
# ---------------------------------------------------------------------------
DISAGREE_COLUMNS = ["指标 figure", "数值 value 万元", "出处 where", "说明 note"]
SAME = Decimal("0.015")          # printed to 0.01 万元: a smaller difference is the same figure
THREE_PUBLIC_PARTS = ("three_public_overseas", "three_public_vehicle_purchase", "three_public_vehicle_operation",
                      "three_public_reception")


def _where_located(f) -> str:
    col = f" {vocab.column_zh(f.column)}列" if f.column and f.column != "total" else ""
    row = f" “{f.name}”行" if f.name else ""
    return f"{f.table_id} 第{f.page}页{row}{col}"


def _headline_place(d: Disclosure, name: str):
    """The located place the report's headline figure ``name`` was read from, or None."""
    h = headline_figures(d).get(name)
    if h is None or h.source != "table":
        return h, None
    found = [f for f in figures_of(d) if f.figure == name and f.table_id == h.table and not f.unreadable
             and f.period == "current"]
    # the place printing the figure shown; else (a 三公 total shown as the sum of its items) the
    # printed total of the same table
    return h, next((f for f in found if f.value == h.value), found[0] if found else None)


def _printed_values(d: Disclosure, name: str, scope: str) -> dict:
    """value -> places of ``name`` printed for the current year in the money ``scope``."""
    out: dict = {}
    for f in sorted(figures_of(d), key=lambda f: f.rank):
        if f.figure == name and f.scope == scope and f.period == "current" and not f.unreadable and not f.derived:
            out.setdefault(round(f.value, 2), []).append(_where_located(f))
    return out


def _add_narrative(d: Disclosure, name: str, scope: str, printed: dict) -> None:
    """Add to ``printed`` (value -> places of the money ``scope``) the narrative's claims of ``name``
    (this year, 万元, the document's own column) about the same money: a claim within rounding of a
    printed value joins it ("40870万元" for 40,869.60); one that no place it names prints is a value
    of its own; one that another place it names prints (of other money, another period) is left out."""
    for c in d.claims:
        if c.metric != name or c.value is None or c.unit != "万元" or (c.year and d.year and c.year != d.year):
            continue
        places = claim_places(d, name, c.subject, c)
        if c.basis not in (None, "final" if d.kind == "final" else None) or not any(p.scope == scope for p in places):
            continue
        slack = max(SAME, Decimal(5).scaleb(c.value.as_tuple().exponent - 1) + Decimal("0.005"))
        near = next((v for v in sorted(printed, key=lambda v: abs(v - c.value)) if abs(c.value - v) < slack), None)
        if near is None and any(abs(c.value - p.value) < slack for p in places):
            continue
        printed.setdefault(near if near is not None else round(c.value, 2), []).append(f"情况说明 第{c.page}页")


def _three_public_sum(d: Disclosure, place) -> dict:
    """The four 三公 items of the row the 三公 total is printed in, summed (value -> [where])."""
    if place is None:
        return {}
    items = [f for f in figures_of(d) if f.figure in THREE_PUBLIC_PARTS and f.table_id == place.table_id
             and f.row == place.row and f.period == "current" and not f.unreadable]
    if len({f.figure for f in items}) != len(THREE_PUBLIC_PARTS):
        return {}
    total = sum((f.value for f in items if f.figure in THREE_PUBLIC_PARTS), Decimal(0))
    return {round(total, 2): [f"{place.table_id} 第{place.page}页 四项之和 sum of the four items"]}


def _disagreement(d: Disclosure, name: str) -> list:
    h, place = _headline_place(d, name)
    if h is None or h.value is None:
        return []
    printed = {}
    if place is not None:
        printed = _printed_values(d, name, place.scope)
        if name == "three_public_total":
            for v, w in _three_public_sum(d, place).items():
                printed.setdefault(v, []).extend(w)
        _add_narrative(d, name, place.scope, printed)
    values = sorted(printed)
    if len(values) < 2 or max(values) - min(values) < SAME:
        return []
    shown = round(h.value, 2)
    note = f"本披露对{vocab.metric_zh(name)}给出{len(values)}个不同的数；本报告的汇总数取 {shown:,.2f}（{_where_fig(h)}）"
    return [{"指标 figure": vocab.metric_zh(name), "数值 value 万元": float(v),
             "出处 where": "；".join(dict.fromkeys(printed[v])), "说明 note": note} for v in values]


def _where_fig(h) -> str:
    return "情况说明" if h.source == "narrative" else f"{h.table} 第{h.page}页"


def disagreements(d: Disclosure) -> pd.DataFrame:
    """The headline figures the disclosure itself states differently (two tables, a printed total
    and the sum of its items, the narrative and the tables): every value with its places, and
    which one the report's figures use. Places of different money (部门 / 财政拨款 / 一般公共预算)
    are not compared."""
    rows = [r for name in HEADLINE for r in _disagreement(d, name)]
    return pd.DataFrame(rows, columns=DISAGREE_COLUMNS)


def disagreements_many(disclosures: list) -> pd.DataFrame:
    """``disagreements`` of several disclosures, each row labelled with its disclosure."""
    frames = []
    for d in disclosures:
        f = disagreements(d)
        if not f.empty:
            f.insert(0, "披露 disclosure", label(d))
            frames.append(f)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["披露 disclosure", *DISAGREE_COLUMNS])


_PROJ_CODE = re.compile(r"^\s*\d*[A-Z]?\d{6,}-")


def projects(d: Disclosure) -> pd.DataFrame:
    """Projects by size: from the project performance targets (name, fund) or, failing that,
    the coded rows of the project expenditure table."""
    rows = {}
    for p in d.performance:
        if p.kind == "project" and p.project_name and p.fund_total is not None:
            rows.setdefault(p.project_name, {"项目 project": p.project_name, "金额 万元": fnum(p.fund_total),
                                             "来源 source": f"{p.table_id} 第{','.join(map(str, p.pages))}页"})
    t = readable_table(d, "project_expenditure") if not rows else None
    for r in t.rows if t is not None else []:
        v = fnum(r.amounts.get("total"))
        if r.is_total or not r.code or v is None:
            continue
        name = _PROJ_CODE.sub("", r.name)
        rows.setdefault(name, {"项目 project": name, "金额 万元": v, "来源 source": f"{t.id} 第{r.page}页"})
    df = pd.DataFrame(list(rows.values()), columns=["项目 project", "金额 万元", "来源 source"])
    return df.sort_values(["金额 万元", "项目 project"], ascending=[False, True], kind="stable")


def indicators(d: Disclosure) -> pd.DataFrame:
    """Performance indicators counted by level-1 indicator and nature (定量/定性)."""
    rows = []
    for p in d.performance:
        for i in p.indicators:
            rows.append({"目标 target": "整体 overall" if p.kind == "overall" else "项目 project",
                         "一级指标 level1": i.level1 or "（未分级）", "性质 nature": i.nature or "（未标明）"})
    df = pd.DataFrame(rows, columns=["目标 target", "一级指标 level1", "性质 nature"])
    if df.empty:
        return pd.DataFrame(columns=["一级指标 level1", "性质 nature", "指标数 count"])
    g = df.groupby(["一级指标 level1", "性质 nature"]).size().reset_index(name="指标数 count")
    return g.sort_values(["一级指标 level1", "性质 nature"], kind="stable")


# ---------------------------------------------------------------------------
# the appendix: parsed tables as printed
# ---------------------------------------------------------------------------
OCR_MARK = "（扫描页，经文字识别 OCR 读取）"   # after the title of a table read from a scan
OCR_TURNED_MARK = "（扫描页横置或倒置，转正后经文字识别 OCR 读取）"   # ... from a scan turned upright


def _ocr_mark(t) -> str:
    if "ocr" not in t.reading:
        return ""
    return OCR_TURNED_MARK if "ocr_turned" in t.reading else OCR_MARK


def _pages(d: Disclosure, t) -> str:
    """The pages a table is printed on; in a workbook, the sheets."""
    sheets = next((f.sheets for f in d.files if f.sheets and Path(f.path).name == Path(t.file).name), {})
    return ",".join(sheets.get(p) or str(p) for p in t.pages)


def tables_index(d: Disclosure) -> pd.DataFrame:
    return pd.DataFrame([{"编号 id": t.id, "类型 kind": t.kind, "标题 title": t.title + _ocr_mark(t),
                          "表号 label": t.label,
                          "单位 unit": t.unit, "页 pages": _pages(d, t), "行数 rows": len(t.rows)}
                         for t in d.tables],
                        columns=["编号 id", "类型 kind", "标题 title", "表号 label", "单位 unit", "页 pages", "行数 rows"])


def appendix_tables(d: Disclosure) -> list:
    """The parsed tables the appendix prints (performance targets have their own frame)."""
    return [t for t in d.tables if t.kind not in vocab.PERFORMANCE_KINDS]


_SIDE = re.compile(r"^([a-z_]+):(.*)$", re.S)


def column_heading(key: str, label_text: str) -> tuple:
    """(side, Chinese heading) of a column: two-sided tables print an income side and an
    expenditure side, each with its own columns (labels ``income:…`` / ``expenditure:…``)."""
    m = _SIDE.match(label_text or "")
    side, text = (m.group(1), m.group(2)) if m else (None, label_text or "")
    return side, text or vocab.column_zh(key)


def _side_zh(side: Optional[str]) -> str:
    return vocab.SECTION_ZH.get(side or "", side or "")


def _headings(t: Table) -> list:
    """[(key, side, distinct heading)] of the table's amount columns."""
    heads, cols = [], []
    for c in t.columns:
        side, text = column_heading(c.key, c.label)
        if side and not text.startswith(_side_zh(side)[:2]):
            text = f"{_side_zh(side)}：{text}"
        while text in heads:
            text += "′"
        heads.append(text)
        cols.append((c.key, side, text))
    return cols


def table_frame(t: Table) -> pd.DataFrame:
    """A parsed table as printed: code, name, then one column per amount column (万元), each
    with its own values and its printed (Chinese) heading. In a two-sided table a row shows
    amounts only in the columns of its own side."""
    cols = _headings(t)
    two_sided = any(side for _k, side, _t in cols)
    sectioned = any(x.section for x in t.rows)
    out = []
    for r in t.rows:
        row = {"科目 code": r.code or "", "名称 name": r.name}
        if sectioned:
            row["部分 section"] = _side_zh(r.section)
        for key, side, text in cols:
            other_side = two_sided and side and r.section and side != r.section
            v = None if other_side else r.amounts.get(key)
            row[text] = fnum(v) if v is not None else None
        row["页 page"] = r.refs.get("") or r.page   # in a workbook, the row's cell
        out.append(row)
    return pd.DataFrame(out)


def performance_frame(d: Disclosure) -> pd.DataFrame:
    rows = []
    for p in d.performance:
        for i in p.indicators:
            rows.append({"表 table": p.table_id, "项目 project": p.project_name or p.title,
                         "一级 level1": i.level1, "二级 level2": i.level2, "指标 indicator": i.name,
                         "指标值 value": i.value_raw, "性质 nature": i.nature, "页 page": i.page})
    return pd.DataFrame(rows, columns=["表 table", "项目 project", "一级 level1", "二级 level2",
                                       "指标 indicator", "指标值 value", "性质 nature", "页 page"])
