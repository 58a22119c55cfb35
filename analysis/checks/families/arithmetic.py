"""Arithmetic: every printed total equals the sum of the parts printed under or beside it.

Checks here read one table at a time:

* ``arithmetic.children_sum`` – a 类 equals the sum of its 款, a 款 the sum of its 项 (by code
  prefix), and the 合计 row the sum of the 类 rows, in every amount column of every coded table;
* ``arithmetic.column_parts`` – identities between the columns of one row (总计 = 基本 + 项目 …);
* ``arithmetic.income_equals_expenditure`` – the two sides of a 收支总表 balance;
* ``arithmetic.section_sum`` – the items of each side of a 收支总表 add up to its totals, and the
  groups of a 收入总表 to their 小计.

A cell printed as a placeholder (``.``) or unreadable text is not a number: sums that need it are
skipped (``data_quality`` reports the cell). Rows whose column placement the text reader had to
guess (flag ``columns_inferred``) are reported at severity warning, never error.

The helpers at the top (formatting, places, readable values) are shared with the other families
of this package.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Iterable, Optional

from ...model import Row, Table
from ..base import Context, check, tolerance

D0 = Decimal(0)

# ---------------------------------------------------------------------------
# shared helpers
# ---------------------------------------------------------------------------
KIND_ZH = {
    "department_summary": "部门收支总表",
    "department_income": "部门收入总表",
    "department_expenditure": "部门支出总表",
    "fiscal_summary": "财政拨款收支总表",
    "fiscal_expenditure": "财政拨款支出表",
    "fiscal_basic_expenditure": "财政拨款基本支出表",
    "general_budget_expenditure": "一般公共预算支出表",
    "general_budget_basic_expenditure": "一般公共预算基本支出表",
    "three_public": "“三公”经费支出表",
    "operating_costs": "机关运行经费支出表",
    "government_fund": "政府性基金预算支出表",
    "state_capital": "国有资本经营预算支出表",
    "procurement": "政府采购预算表",
    "project_expenditure": "项目支出表",
    "overall_performance": "部门整体绩效目标表",
    "project_performance": "项目绩效目标表",
    "final_summary": "收入支出决算总表",
    "final_income": "收入决算表",
    "final_expenditure": "支出决算表",
    "final_fiscal_summary": "财政拨款收入支出决算总表",
    "final_general_budget_expenditure": "一般公共预算财政拨款支出决算表",
    "final_general_budget_basic_expenditure": "一般公共预算财政拨款基本支出决算表",
    "final_three_public": "财政拨款“三公”经费支出决算表",
    "final_government_fund": "政府性基金预算财政拨款收入支出决算表",
    "final_state_capital": "国有资本经营预算财政拨款支出决算表",
    "unknown": "未识别的表格",
}

COLUMN_ZH = {
    "total": "合计", "prior_total": "上年合计", "basic": "基本支出", "project": "项目支出",
    "reserve": "单位预留机动经费", "carry_forward": "结转下年资金", "personnel": "人员经费",
    "public": "公用经费", "three_public": "“三公”经费小计", "overseas": "因公出国（境）费",
    "vehicle_total": "公务用车购置及运行维护费小计", "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费", "meeting": "会议费",
    "training": "培训费", "general_budget": "一般公共预算", "government_fund": "政府性基金预算",
    "state_capital": "国有资本经营预算", "special_account": "财政专户管理资金",
    "business": "事业收入", "superior_subsidy": "上级补助收入", "affiliated": "附属单位上缴收入",
    "operating": "事业单位经营收入", "other": "其他收入", "carryover": "上年结转",
    "operating_costs": "机关运行经费", "specific_total": "年初特定目标小计", "superior_total": "上级专项小计",
    "personnel_projects": "人员性项目", "general_projects": "一般性项目", "livelihood_projects": "民生配套项目",
    "advance": "提前下达专项", "carried_projects": "结转项目", "municipal": "市级专项",
    "fiscal": "财政拨款收入", "income": "本年收入", "remit_superior": "上缴上级支出",
    "operating_expenditure": "经营支出", "subsidy_affiliated": "对附属单位补助支出",
}

INFERRED_NOTE = "（注：该行数字所在的列由文本推断，原文未印出空列，请对照原表核实）"

CODED_KINDS = ("department_income", "department_expenditure", "fiscal_expenditure",
               "general_budget_expenditure", "government_fund", "state_capital",
               "fiscal_basic_expenditure", "general_budget_basic_expenditure", "operating_costs")
FUNCTION_KINDS = ("department_income", "department_expenditure", "fiscal_expenditure",
                  "general_budget_expenditure", "government_fund", "state_capital")
ECONOMIC_KINDS = ("fiscal_basic_expenditure", "general_budget_basic_expenditure", "operating_costs")
TWO_SIDED = ("department_summary", "fiscal_summary")

SIDE_NAMES = ("income", "expenditure", "expenditure_purpose")
CN_NUM = "一二三四五六七八九十"
TOP_ORD = re.compile(rf"^[{CN_NUM}]+[、.．]")
SUB_ORD = re.compile(rf"^(?:（[{CN_NUM}]+）|\([{CN_NUM}]+\)|\d+[.．、](?!\d))")
ANY_ORD = re.compile(rf"^(?:[{CN_NUM}]+[、.．]|（[{CN_NUM}]+）|\([{CN_NUM}]+\)|\d+[.．、](?!\d))")


def fmt(v: Optional[Decimal]) -> str:
    """An amount as printed in messages: thousands separators, two decimals, more where the
    figure has them (amounts printed in 元 are exact to 0.000001 万元)."""
    if v is None:
        return "—"
    exp = v.normalize().as_tuple().exponent
    places = min(6, -exp) if isinstance(exp, int) and exp < -2 else 2
    return f"{v:,.{places}f}"


def cname(text: str) -> str:
    """Compact a printed name: NFKC, no white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def fold(name: str) -> str:
    """A name reduced for matching: no ordinal, no white space, no trailing 支出."""
    s = ANY_ORD.sub("", cname(name))
    s = re.sub(r"[（(](?:类|款|项)[)）]", "", s)
    if s.endswith("支出") and len(s) > 2:
        s = s[:-2]
    return s


def kind_zh(t: Table) -> str:
    return KIND_ZH.get(t.kind, t.title or t.kind)


def place(t: Table, row: Optional[Row] = None, page: Optional[int] = None) -> str:
    """Where a figure is printed: ``附件3《一般公共预算基本支出表》第9页``."""
    if page is None:
        page = row.page if row is not None and row.page else (t.pages[0] if t.pages else None)
    head = f"{t.label}《{kind_zh(t)}》" if t.label else f"《{kind_zh(t)}》"
    return f"{head}第{page}页" if page else head


def row_label(r: Row) -> str:
    """A row as printed: ``302 商品和服务支出``, ``合计``, or what an unnamed row carries."""
    if r.code:
        return f"{r.code} {r.name}".strip()
    if r.name and "subtotal" in r.flags and r.section and r.section not in SIDE_NAMES:
        return f"{r.section} {r.name}"
    if r.name:
        return r.name
    extra = [str(r.extra[k]) for k in ("code_as_printed", "dept_name", "unit_name", "project_name", "item")
             if r.extra.get(k)]
    if extra:
        return " ".join(extra)
    return "合计行" if r.is_total else "无名称行"


def col_label(t: Table, key: str) -> str:
    """The printed header of a column, shortened (``2024年公务接待费``), or a Chinese name for its key."""
    label = (t.label_of(key) or "").split(":", 1)[-1]
    parts = [p for p in label.split("/") if p]
    if parts and re.search(r"[\u4e00-\u9fff]", parts[-1]):
        name = parts[-1]
        if name in ("小计", "合计", "总计") and len(parts) > 1 and not re.match(r"^20\d{2}年", parts[-2]):
            name = parts[-2] + name
        if name in ("金额", "预算数") or re.fullmatch(r"20\d{2}年预算数", name):
            name = COLUMN_ZH.get(key.replace("prior_", ""), name) if len(parts) == 1 else name
        m = re.match(r"^(20\d{2})年", parts[0])
        if m and len(parts) > 1 and not name.startswith(m.group(0)):
            name = m.group(0) + name
        elif not m and key.startswith("prior_") and not name.startswith("上年"):
            name = "上年" + name
        return name
    if key.startswith("prior_") and key[6:] in COLUMN_ZH:
        return "上年" + COLUMN_ZH[key[6:]]
    return COLUMN_ZH.get(key, key)


def has(r: Row, key: str) -> bool:
    return key in r.amounts or key in r.placeholders or key in r.unreadable


def val(r: Row, key: str) -> Optional[Decimal]:
    """The readable amount of a cell (0 for a blank), None for a placeholder, unreadable text
    or a column the row does not have."""
    if key in r.placeholders or key in r.unreadable:
        return None
    return r.amounts.get(key)


def inferred(*rows: Row) -> bool:
    return any("columns_inferred" in r.flags for r in rows if r is not None)


def amount_keys(t: Table) -> list:
    """The distinct amount columns of a table, in printed order."""
    return list(dict.fromkeys(c.key for c in t.columns))


def is_sub_item(r: Row) -> bool:
    """A ``其中:`` row: a part of the row above it, not an addend."""
    return cname(r.name).startswith("其中")


def unit_slack(*tables: Table) -> Decimal:
    """Extra tolerance for tables printed in a unit coarser than 万元 (half a printed cent)."""
    out = D0
    for t in tables:
        if t is not None and t.scale and t.scale > 1:
            out += Decimal("0.005") * t.scale
    return out


def total_rows(t: Table) -> list:
    return [r for r in t.rows if r.is_total]


def first_total(t: Table) -> Optional[Row]:
    rows = total_rows(t)
    return rows[0] if rows else None


def related(t: Table, r: Optional[Row], key: Optional[str] = None, value=None, page=None) -> dict:
    d = {"table": t.kind, "table_id": t.id, "page": page if page is not None else (r.page if r is not None else (t.pages[0] if t.pages else None))}
    if r is not None:
        if r.code:
            d["code"] = r.code
        d["item"] = row_label(r)
    if key:
        d["column"] = key
    if value is not None:
        d["value"] = str(value)
    return d


def _pages_note(parent_page: Optional[int], rows: Iterable[Row]) -> str:
    pages = sorted({r.page for r in rows if r.page})
    if not pages or pages == [parent_page]:
        return ""
    if len(pages) == 1:
        return f"（见第{pages[0]}页）"
    return f"（见第{pages[0]}—{pages[-1]}页）"


def _sum_finding(ctx: Context, check_id: str, t: Table, whole: Row, parts: list, key: str,
                 what: str, extra_rows: Optional[list] = None, label: Optional[str] = None,
                 show_column: Optional[bool] = None):
    """A finding when ``whole[key]`` differs from the sum of ``parts[key]`` beyond rounding, else
    None. ``what`` names the parts (其下各款, 各类 …); ``extra_rows`` are rows that may have lost
    their code and are accepted into the sum; ``label`` names the whole where its row does not."""
    actual = val(whole, key)
    if actual is None or not parts:
        return None
    vals = [val(p, key) for p in parts]
    if any(v is None for v in vals):
        return None
    expected = sum(vals, D0)
    diff = actual - expected
    if abs(diff) <= tolerance(len(parts), t):
        return None
    if extra_rows:
        ev = [val(p, key) for p in extra_rows]
        if all(v is not None for v in ev) and abs(actual - expected - sum(ev, D0)) <= tolerance(len(parts) + len(ev), t):
            return None
    if show_column is None:
        show_column = len(amount_keys(t)) > 1 and col_label(t, key) != row_label(whole)
    guess = inferred(whole, *parts)
    msg = _sum_message(t, whole, parts, key, what, actual, expected, diff, label, show_column)
    if guess:
        msg += INFERRED_NOTE
    return ctx.finding(check_id, msg, table=t, row=whole, severity="warning" if guess else "error",
                       item=label or "", expected=expected, actual=actual, difference=diff,
                       related=[related(t, p, key, val(p, key)) for p in parts])


# ---------------------------------------------------------------------------
# arithmetic.children_sum
# ---------------------------------------------------------------------------
LEVEL_WORD = {1: "款", 2: "项"}


def coded_rows(t: Table) -> list:
    return [r for r in t.rows if r.code and len(r.code) in (3, 5, 7) and not r.is_total]


def children_of(rows: list, parent: Row) -> list:
    """The rows one level below ``parent`` (code prefix, two more digits) printed after it and
    before the next row of its own level or above (a table may repeat its codes per unit)."""
    n = len(parent.code)
    out = []
    started = False
    for r in rows:
        if r is parent:
            started = True
            continue
        if not started:
            continue
        if len(r.code) <= n:
            break
        if len(r.code) == n + 2 and r.code.startswith(parent.code):
            out.append(r)
    return out


def _explained_by_a_child(rows: list, parent: Row, kids: list, key: str, t: Table) -> bool:
    """The parent agrees with its children once each child that disagrees with its own children
    is replaced by their sum: the error is the child's, reported at the child, not here."""
    total = D0
    replaced = False
    for k in kids:
        v = val(k, key)
        grand = children_of(rows, k)
        gv = [val(g, key) for g in grand]
        if v is None or any(x is None for x in gv):
            return False
        if grand and abs(v - sum(gv, D0)) > tolerance(len(gv), t):
            v, replaced = sum(gv, D0), True
        total += v
    pv = val(parent, key)
    return replaced and pv is not None and abs(pv - total) <= tolerance(len(kids), t)


@check("arithmetic.children_sum", "error",
       "上级科目金额等于下级科目之和", "Parent rows equal the sum of their children",
       "功能分类按类、款、项，经济分类按类、款逐级汇总（《政府收支分类科目》；中华人民共和国预算法 第三十二条、"
       "第四十六条：预算按功能和经济性质分类编列），表中每一上级科目的金额应等于其下级科目金额之和，"
       "合计行应等于各类之和。")
def children_sum(ctx: Context):
    cid = "arithmetic.children_sum"
    for t in ctx.tables(*CODED_KINDS):
        rows = coded_rows(t)
        if not rows:
            continue
        keys = amount_keys(t)
        for parent in rows:
            if len(parent.code) not in (3, 5):
                continue
            kids = children_of(rows, parent)
            if not kids:
                continue
            what = f"其下各{LEVEL_WORD.get(len(parent.code) // 2, '下级科目')}"
            for key in keys:
                if _explained_by_a_child(rows, parent, kids, key, t):
                    continue
                f = _sum_finding(ctx, cid, t, parent, kids, key, what)
                if f:
                    yield f
        total = first_total(t)
        classes = [r for r in rows if len(r.code) == 3]
        if total is None or not classes:
            continue
        # rows without a code that carry amounts may be class rows whose code was not read
        loose = [r for r in t.rows if not r.code and not r.is_total and "subtotal" not in r.flags
                 and any(v for v in r.amounts.values())]
        for key in keys:
            f = _sum_finding(ctx, cid, t, total, classes, key, "各类", extra_rows=loose)
            if f:
                yield f


# ---------------------------------------------------------------------------
# arithmetic.column_parts
# ---------------------------------------------------------------------------
FUNCTION_PARTS = ("basic", "project", "reserve", "carry_forward", "remit_superior", "operating_expenditure",
                  "subsidy_affiliated")
SOURCE_KEYS = ("carryover", "fiscal", "general_budget", "government_fund", "state_capital", "special_account",
               "business", "superior_subsidy", "affiliated", "operating", "other")
PREFIXES = ("", "prior_", "budget_")   # this year's, last year's, and (决算) the budget's columns


def _identities(t: Table, r: Row) -> list:
    """(whole key, [part keys]) identities that apply to one row of a table."""
    out = []
    if t.role in FUNCTION_KINDS and t.role != "department_income":
        for p in PREFIXES:
            parts = [p + k for k in FUNCTION_PARTS if has(r, p + k)]
            if has(r, p + "total") and has(r, p + "basic") and has(r, p + "project"):
                out.append((p + "total", parts))
    if t.role in ("fiscal_basic_expenditure", "general_budget_basic_expenditure"):
        for p in PREFIXES:
            if has(r, p + "total") and has(r, p + "personnel") and has(r, p + "public"):
                out.append((p + "total", [p + "personnel", p + "public"]))
    if t.role == "three_public":
        for p in PREFIXES:
            if has(r, p + "vehicle_total") and has(r, p + "vehicle_purchase") and has(r, p + "vehicle_operation"):
                out.append((p + "vehicle_total", [p + "vehicle_purchase", p + "vehicle_operation"]))
            vehicle = [p + "vehicle_total"] if has(r, p + "vehicle_total") else \
                [p + k for k in ("vehicle_purchase", "vehicle_operation") if has(r, p + k)]
            items = [k for k in [p + "overseas"] + vehicle + [p + "reception"] if has(r, k)]
            extras = [p + k for k in ("meeting", "training") if has(r, p + k)]
            if has(r, p + "three_public"):
                if len(items) >= 2:
                    out.append((p + "three_public", items))
                if has(r, p + "total") and extras:
                    out.append((p + "total", [p + "three_public"] + extras))
            elif has(r, p + "total") and len(items) >= 2:
                out.append((p + "total", items + extras))
    if t.role in ("department_income", "procurement") or (t.role in TWO_SIDED and (r.section or "").startswith("expenditure")):
        parts = [k for k in SOURCE_KEYS if has(r, k)]
        if has(r, "total") and len(parts) >= 2:
            out.append(("total", parts))
    return out


@check("arithmetic.column_parts", "error",
       "分列金额之和等于合计列", "Column parts add up to the row total",
       "表内同一行各分列之和应等于合计列：总计 = 基本支出 + 项目支出（+ 单位预留机动经费）；人员经费 + 公用经费 = 合计；"
       "“三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费，公务用车购置及运行维护费 = 购置费 + 运行维护费"
       "（财政部《地方预决算公开操作规程》财预〔2016〕143号 所附公开表样）。")
def column_parts(ctx: Context):
    cid = "arithmetic.column_parts"
    for t in ctx.tables():
        if t.role in ("overall_performance", "project_performance", "project_expenditure"):
            continue
        for r in t.rows:
            for whole, parts in _identities(t, r):
                actual = val(r, whole)
                vals = [val(r, k) for k in parts]
                if actual is None or any(v is None for v in vals):
                    continue
                expected = sum(vals, D0)
                diff = actual - expected
                if abs(diff) <= tolerance(len(parts), t):
                    continue
                guess = inferred(r)
                terms = " + ".join(f"{col_label(t, k)} {fmt(v)}" for k, v in zip(parts, vals))
                msg = (f"{place(t, r)} {row_label(r)}：{col_label(t, whole)} {fmt(actual)} 万元，而 {terms} = "
                       f"{fmt(expected)} 万元，相差 {fmt(diff)} 万元")
                if guess:
                    msg += INFERRED_NOTE
                yield ctx.finding(cid, msg, table=t, row=r, severity="warning" if guess else "error",
                                  expected=expected, actual=actual, difference=diff,
                                  related=[{"table": t.kind, "table_id": t.id, "page": r.page, "column": k,
                                            "value": str(v)} for k, v in zip(parts, vals)])


# ---------------------------------------------------------------------------
# two-sided tables: sides, items and totals
# ---------------------------------------------------------------------------
CURRENT_TOTAL = re.compile(r"^(?:本年|当年)(?:收入|支出)(?:合计|小计)?$|^(?:收入|支出)小计$")
GRAND_TOTAL = re.compile(r"^(?:收入|支出)?(?:合计|总计)$")
SIDES = {"income": ("income",), "expenditure": ("expenditure", "expenditure_purpose")}
SIDE_ZH = {"income": "收入", "expenditure": "支出", "expenditure_purpose": "支出（按用途）"}


def side_rows(t: Table, side: str) -> list:
    secs = SIDES[side]
    return [r for r in t.rows if (r.section or "") in secs]


class Side:
    """One side of a two-sided table: its rows, its current-year total (本年收入合计 / 当年支出小计)
    and its grand total (收入总计 / 支出合计)."""

    def __init__(self, t: Table, side: str):
        self.table = t
        self.side = side
        self.rows = side_rows(t, side)
        names = [cname(r.name) for r in self.rows]
        self.current = next((r for r, n in zip(self.rows, names) if CURRENT_TOTAL.match(n)), None)
        grands = [r for r, n in zip(self.rows, names) if GRAND_TOTAL.match(n) and r is not self.current]
        self.grand = grands[-1] if grands else None

    def _before(self, stop: Optional[Row]) -> list:
        if stop is None:
            return list(self.rows)
        return [r for r in self.rows if r.index < stop.index]

    def items(self, section: str) -> list:
        """Top-level items of one section printed before the side's first total."""
        stop = self.current or self.grand
        out = []
        for r in self._before(stop):
            if r.section != section or r.is_total or "subtotal" in r.flags or is_sub_item(r):
                continue
            if SUB_ORD.match(cname(r.name)):
                continue
            if not cname(r.name) and not any(r.amounts.values()):
                continue
            out.append(r)
        if not out:  # a side printed only with （一）/1. items
            out = [r for r in self._before(stop) if r.section == section and not r.is_total
                   and "subtotal" not in r.flags and SUB_ORD.match(cname(r.name))]
        return out

    def groups(self) -> list:
        """(top-level row, [its （一）/1. sub-rows]) for the whole side."""
        out = []
        current = None
        for r in self.rows:
            n = cname(r.name)
            if r.is_total or "subtotal" in r.flags or CURRENT_TOTAL.match(n):
                current = None
                continue
            if TOP_ORD.match(n):
                current = (r, [])
                out.append(current)
            elif SUB_ORD.match(n) and current is not None and r.section == current[0].section:
                current[1].append(r)
        return [(top, subs) for top, subs in out if subs]

    def after_current(self) -> list:
        """Rows between the current-year total and the grand total (上年结转 …)."""
        if self.current is None or self.grand is None:
            return []
        return [r for r in self.rows if self.current.index < r.index < self.grand.index
                and not r.is_total and "subtotal" not in r.flags and not is_sub_item(r)
                and not SUB_ORD.match(cname(r.name))]

    def total(self) -> Optional[Row]:
        """The grand total when readable, else the current-year total when nothing is printed
        between the two (so the two are equal)."""
        if self.grand is not None and val(self.grand, "total") is not None:
            return self.grand
        if self.current is not None and val(self.current, "total") is not None:
            between = self.after_current()
            if self.grand is None or all(val(r, "total") == 0 for r in between):
                return self.current
        return None


# ---------------------------------------------------------------------------
# arithmetic.income_equals_expenditure
# ---------------------------------------------------------------------------
@check("arithmetic.income_equals_expenditure", "error",
       "收支总表收入合计等于支出合计", "Income total equals expenditure total in summary tables",
       "部门预算收支平衡：收支总表、财政拨款收支总表的收入合计（总计）应等于支出合计（总计）"
       "（中华人民共和国预算法 第十二条：各级预算应当遵循统筹兼顾、勤俭节约、量力而行、讲求绩效和收支平衡的原则）。")
def income_equals_expenditure(ctx: Context):
    cid = "arithmetic.income_equals_expenditure"
    for t in ctx.tables(*TWO_SIDED):
        inc, exp = Side(t, "income"), Side(t, "expenditure")
        for a, b, what in ((inc.current, exp.current, "本年收支合计"), (inc.grand, exp.grand, "收支总计")):
            if a is None or b is None:
                continue
            if what == "本年收支合计" and t.kind.startswith("final_"):
                continue  # a year's final income and spending differ by the balances carried
            va, vb = val(a, "total"), val(b, "total")
            if va is None or vb is None:
                continue
            diff = vb - va
            if abs(diff) <= tolerance(1, t):
                continue
            guess = inferred(a, b)
            msg = (f"{place(t, a)} 收入方「{row_label(a)}」{fmt(va)} 万元，支出方「{row_label(b)}」{fmt(vb)} 万元"
                   f"{'' if b.page == a.page else f'（第{b.page}页）'}，{what}不平衡，相差 {fmt(diff)} 万元")
            if guess:
                msg += INFERRED_NOTE
            yield ctx.finding(cid, msg, table=t, row=b, severity="warning" if guess else "error",
                              expected=va, actual=vb, difference=diff,
                              related=[related(t, a, "total", va)])


# ---------------------------------------------------------------------------
# arithmetic.section_sum
# ---------------------------------------------------------------------------
def _sum_message(t: Table, whole: Row, parts: list, key: str, what: str, actual, expected, diff,
                 label: Optional[str] = None, show_column: bool = True) -> str:
    col = f" {col_label(t, key)}" if show_column else ""
    return (f"{place(t, whole)} {label or row_label(whole)}{col} {fmt(actual)} 万元，{what}（{len(parts)} 行）合计 "
            f"{fmt(expected)} 万元{_pages_note(whole.page, parts)}，相差 {fmt(diff)} 万元")


def _check_sum(ctx: Context, cid: str, t: Table, whole: Row, parts: list, key: str, what: str,
               label: Optional[str] = None):
    """Column parts and section sums: the column is named unless it is the total."""
    show = key != "total" and col_label(t, key) != (label or row_label(whole))
    return _sum_finding(ctx, cid, t, whole, parts, key, what, label=label, show_column=show)


def _side_keys(t: Table, rows: list) -> list:
    keys = []
    for r in rows:
        for k in list(r.amounts) + list(r.placeholders) + list(r.unreadable):
            if k not in keys:
                keys.append(k)
    return keys or ["total"]


@check("arithmetic.section_sum", "error",
       "收支总表各项之和等于合计", "Items of each side add up to its totals",
       "收支总表中各收入项目之和应等于本年收入合计，各支出功能分类（或支出用途）之和应等于本年支出合计，"
       "本年合计加上年结转（结转下年）应等于总计；收入总表各来源分组之和应等于小计与总计"
       "（财政部《地方预决算公开操作规程》财预〔2016〕143号 所附公开表样）。")
def section_sum(ctx: Context):
    cid = "arithmetic.section_sum"
    for t in ctx.tables(*TWO_SIDED):
        for side in ("income", "expenditure"):
            s = Side(t, side)
            if not s.rows:
                continue
            keys = _side_keys(t, s.rows)
            # a top-level row equals the sum of its （一）/1. sub-rows
            for top, subs in s.groups():
                for key in keys:
                    if not has(top, key):
                        continue
                    f = _check_sum(ctx, cid, t, top, [r for r in subs if has(r, key)], key, "其下各分项")
                    if f:
                        yield f
            sections = [sec for sec in SIDES[side] if any(r.section == sec for r in s.rows)]
            target = s.current or s.grand
            if target is not None:
                for sec in sections:
                    items = s.items(sec)
                    if not items:
                        continue
                    word = "各支出用途" if sec == "expenditure_purpose" else (
                        "各收入项目" if side == "income" else "各支出功能分类")
                    for key in keys:
                        if not has(target, key):
                            continue
                        f = _check_sum(ctx, cid, t, target, [r for r in items if has(r, key)], key, word)
                        if f:
                            yield f
            if s.current is not None and s.grand is not None:
                parts = [s.current] + s.after_current()
                f = _check_sum(ctx, cid, t, s.grand, parts, "total",
                               f"{row_label(s.current)}与其后各行")
                if f:
                    yield f
    # 收入总表: groups (一般公共预算资金 / 政府性基金 / …) with a 小计 row
    for t in ctx.tables("department_income"):
        groups: dict = {}
        for r in t.rows:
            if r.section and not r.is_total:
                groups.setdefault(r.section, []).append(r)
        subtotals = []
        for name, rows in groups.items():
            sub = next((r for r in rows if "subtotal" in r.flags), None)
            parts = [r for r in rows if r is not sub and "subtotal" not in r.flags and not is_sub_item(r)]
            if sub is None:
                continue
            subtotals.append(sub)
            for key in amount_keys(t):
                f = _check_sum(ctx, cid, t, sub, parts, key, f"“{name}”各项", label=f"{name} 小计")
                if f:
                    yield f
        total = first_total(t)
        if total is not None and subtotals and len(subtotals) == len(groups):
            loose = [r for r in t.rows if not r.section and not r.is_total and any(r.amounts.values())]
            if loose:
                continue
            for key in amount_keys(t):
                f = _check_sum(ctx, cid, t, total, subtotals, key, "各分组小计")
                if f:
                    yield f
