"""Performance-target checks (整体/项目绩效目标表).

* ``performance.target_for_each_project`` – every project of the 项目支出 table has a target
  table with the same fund total, and every target table a project (by code, else by name).
* ``performance.cost_vs_fund`` – the 成本指标 of a project, in 万元, against its fund.
* ``performance.inline_arithmetic`` – arithmetic written inside an indicator name
  ("（2 次*3 万/次）") recomputed and compared with the indicator value.
* ``performance.count_consistency`` – one quantity stated with different values: the overall
  table against a project table, or two places of one project table.
* ``performance.wrong_year`` – references to another budget year (立项依据, goals), project
  periods that start after / end before the budget year.
* ``performance.unmeasurable`` – targets that cannot be measured (value or 三级指标 "定性",
  "长期", "好" …).
* ``performance.weights_sum`` – the weights of the overall table sum to 100%.

The 项目概况 and 立项依据 fields are read by the parser (``PerformanceTarget.overview`` and
``.basis``); the checks never re-read the source file.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from ...model import Disclosure, Indicator, PerformanceTarget, Row, Table
from ..base import Context, Finding, check, tolerance
from .narrative import fmt, usable, where

# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------
def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s or "")


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", nfkc(s))


def target_table(d: Disclosure, p: PerformanceTarget) -> Optional[Table]:
    return next((t for t in d.tables if t.id == p.table_id), None)


def target_label(d: Disclosure, p: PerformanceTarget, page: Optional[int] = None) -> str:
    """'附件12《…绩效目标表-5》第24页' (``page``: the page of the row cited, else the first)."""
    t = target_table(d, p)
    title = (t.title if t is not None else p.title) or p.title
    page = page or (p.pages[0] if p.pages else None)
    label = (t.label + " ") if t is not None and t.label else ""
    return f"{label}《{title}》" + (f"第{page}页" if page else "")


def target_name(p: PerformanceTarget) -> str:
    if p.kind == "overall":
        return "部门整体绩效目标"
    return p.project_name or p.project_code or p.title


def tfinding(d: Disclosure, p: PerformanceTarget, message: str, *, ind: Optional[Indicator] = None,
             severity: str = "", **kw) -> Finding:
    t = target_table(d, p)
    page = ind.page if ind is not None and ind.page else (p.pages[0] if p.pages else None)
    return Finding(check="", severity=severity, message=message,
                   table=t.kind if t is not None else ("overall_performance" if p.kind == "overall"
                                                        else "project_performance"),
                   table_id=p.table_id, file=p.file, page=page,
                   item=kw.pop("item", None) or (ind.name if ind is not None else target_name(p)),
                   code=kw.pop("code", None) or (p.project_code or None), **kw)


# -- texts of the target table -------------------------------------------------
def target_texts(d: Disclosure, p: PerformanceTarget) -> dict:
    """{'overview': 项目概况, 'basis': 立项依据} of a target, as the parser read them from the
    target table (checks never go back to the source file)."""
    return {"overview": p.overview or "", "basis": p.basis or ""}


# -- projects of the 项目支出 table ----------------------------------------------
_PROJECT_CODE = re.compile(r"([0-9A-Za-z]{12,})\s*[-－—–_]?\s*(.*)$")
_FUNCTION_CODE_AMOUNT = re.compile(r"^2\d{6}$")


@dataclass
class ProjectLine:
    code: str
    name: str
    amount: Optional[Decimal]
    table: Table
    row: Row


def project_lines(d: Disclosure) -> list:
    out = []
    for t in d.tables_of("project_expenditure"):
        for r in t.rows:
            if r.is_total or "subtotal" in r.flags:
                continue
            amount = usable(r, "total")
            code = (r.extra.get("project_code") or "").strip()
            name = (r.extra.get("project_name") or "").strip()
            if not code:
                joined = squeeze((r.code or "") + r.name) if not name else squeeze(name)
                m = _PROJECT_CODE.match(joined)
                if m and re.search(r"\d{6}", m.group(1)):
                    code, name = m.group(1), name or m.group(2)
            if not name:
                name = r.name if not code else name
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
            yield ctx.finding("", f"{where(t)}列有{len(lines)}个项目，但未公开项目绩效目标表。",
                              table=t, severity="warning")
        return
    matched: set = set()
    for line in lines:
        p = _match(line, targets)
        label = f"{line.code + '-' if line.code else ''}{line.name}"
        if p is None:
            yield ctx.finding("", f"{where(line.table, line.row)}项目“{label}”（{fmt(line.amount)}万元）没有对应的项目绩效目标表。",
                              table=line.table, row=line.row, item=line.name, code=line.code or None,
                              severity="warning")
            continue
        matched.add(id(p))
        if line.amount is not None and p.fund_total is not None and abs(line.amount - p.fund_total) > tolerance(1):
            yield ctx.finding(
                "", (f"{where(line.table, line.row)}项目“{label}”为{fmt(line.amount)}万元，而{target_label(d, p)}"
                     f"资金总额为{fmt(p.fund_total)}万元，相差{fmt(line.amount - p.fund_total)}万元。"),
                table=line.table, row=line.row, item=line.name, code=line.code or None,
                expected=line.amount, actual=p.fund_total, difference=p.fund_total - line.amount,
                related=[{"table": "project_performance", "table_id": p.table_id, "page": p.pages[0] if p.pages else None}])
    t = lines[0].table
    for p in targets:
        if id(p) not in matched:
            yield tfinding(d, p, (f"{target_label(d, p)}项目“{p.project_code + '-' if p.project_code else ''}"
                                  f"{p.project_name}”（资金总额{fmt(p.fund_total)}万元）未列入{where(t)}。"),
                           severity="warning",
                           related=[{"table": t.kind, "table_id": t.id, "page": t.pages[0] if t.pages else None}])


# ---------------------------------------------------------------------------
# performance.cost_vs_fund
# ---------------------------------------------------------------------------
MONEY_UNITS = {"万元": Decimal(1), "元": Decimal("0.0001"), "千元": Decimal("0.1"), "亿元": Decimal(10000),
               "万元/年": Decimal(1), "元/年": Decimal("0.0001"), "万": Decimal(1)}
_NOT_A_COST = re.compile(r"^每|单价|标准|比例|保额|限额|最高|人均|平均|/")


def is_cost(ind: Indicator) -> bool:
    return "成本" in (ind.level1 or "") or "成本" in (ind.level2 or "")


def cost_in_wan(ind: Indicator) -> Optional[Decimal]:
    """A cost indicator's amount in 万元 (None for rates, per-unit costs, percentages)."""
    if ind.value is None:
        return None
    unit = squeeze(ind.unit)
    if unit not in MONEY_UNITS:
        return None
    if _NOT_A_COST.search(squeeze(ind.name)):
        return None
    return ind.value * MONEY_UNITS[unit]


FAR_BELOW = Decimal("0.5")


@check("performance.cost_vs_fund", "error",
       "成本指标合计不超过项目资金", "Cost indicators do not exceed the fund",
       "成本指标反映项目预期成本（财预〔2020〕10号附件：成本指标包括经济成本、社会成本、生态环境成本），"
       "以金额表示的成本指标之和不应超过项目资金总额；远低于资金总额时成本指标未覆盖资金用途。")
def cost_vs_fund(ctx: Context):
    d = ctx.d
    for p in d.performance:
        if p.kind != "project" or p.fund_total is None:
            continue
        costs = [(i, cost_in_wan(i)) for i in p.indicators if is_cost(i)]
        counted = [(i, v) for i, v in costs if v is not None]
        skipped = [i for i, v in costs if v is None]
        if not counted:
            continue
        total = sum((v for _, v in counted), Decimal(0))
        terms = "＋".join(f"{fmt(v)}" for _, v in counted)
        listed = "；".join(f"“{i.name}”{i.value_raw}{i.unit}" for i, _ in counted)
        note = ("（未计入：" + "；".join(f"“{i.name}”{i.value_raw}{i.unit}" for i in skipped) + "）") if skipped else ""
        if total > p.fund_total + tolerance(len(counted)):
            yield tfinding(d, p, (f"{target_label(d, p)}“{target_name(p)}”的成本指标合计{fmt(total)}万元"
                                  f"（{terms}）超过资金总额{fmt(p.fund_total)}万元，超出{fmt(total - p.fund_total)}万元。"
                                  f"成本指标：{listed}{note}。"),
                           severity="error", expected=p.fund_total, actual=total, difference=total - p.fund_total)
        elif p.fund_total > 0 and total < p.fund_total * FAR_BELOW:
            share = (total / p.fund_total * 100).quantize(Decimal("0.1"))
            yield tfinding(d, p, (f"{target_label(d, p)}“{target_name(p)}”的成本指标合计{fmt(total)}万元"
                                  f"（{terms}），仅为资金总额{fmt(p.fund_total)}万元的{share}%，"
                                  f"成本指标未覆盖大部分资金。成本指标：{listed}{note}。"),
                           severity="info", expected=p.fund_total, actual=total, difference=total - p.fund_total)


# ---------------------------------------------------------------------------
# performance.inline_arithmetic
# ---------------------------------------------------------------------------
_NUM = r"\d+(?:\.\d+)?"
_FACTOR = rf"{_NUM}\s*[\u4e00-\u9fffA-Za-z]{{0,4}}(?:\s*/\s*[\u4e00-\u9fffA-Za-z]{{1,4}})?"
_PRODUCT = re.compile(rf"({_FACTOR})(?:\s*[*×xX＊]\s*({_FACTOR}))+")
_FACTOR_PARTS = re.compile(rf"({_NUM})\s*([\u4e00-\u9fffA-Za-z]{{0,4}})(?:\s*/\s*([\u4e00-\u9fffA-Za-z]{{1,4}}))?")
_MONEY = {"万元": Decimal(10000), "万": Decimal(10000), "元": Decimal(1), "千元": Decimal(1000)}


@dataclass
class Product:
    text: str
    value: Decimal           # in 元 when money, else in the count unit
    money: bool
    low: Decimal             # range of the value when each factor is a rounded figure
    high: Decimal


def products_in(name: str) -> list:
    """Products written in a name: "（60期*300 份*3 元/份）" -> 54000 元."""
    s = nfkc(name).replace("＊", "*").replace("×", "*")
    out = []
    for m in _PRODUCT.finditer(s):
        factors = _FACTOR_PARTS.findall(m.group(0))
        if len(factors) < 2:
            continue
        value, low, high, money = Decimal(1), Decimal(1), Decimal(1), False
        for num, unit, per in factors:
            try:
                v = Decimal(num)
            except InvalidOperation:
                break
            scale = Decimal(1)
            u = unit.strip()
            if u in _MONEY:
                scale, money = _MONEY[u], True
            elif u.startswith("万") and per:
                scale, money = Decimal(10000), True
            half = Decimal(5).scaleb(-(max(0, -v.as_tuple().exponent) + 1)) if "." in num else Decimal(0)
            value *= v * scale
            low *= (v - half) * scale
            high *= (v + half) * scale
        else:
            out.append(Product(m.group(0).strip(), value, money, low, high))
    return out


@check("performance.inline_arithmetic", "error",
       "指标名称中的算式与指标值一致", "Arithmetic written in an indicator name matches its value",
       "绩效指标应清晰、可衡量（财预〔2020〕10号）：名称中写明的测算式（次数×单价）应等于所填指标值。")
def inline_arithmetic(ctx: Context):
    d = ctx.d
    for p in d.performance:
        for ind in p.indicators:
            prods = [x for x in products_in(ind.name) if x.money]
            if not prods or ind.value is None:
                continue
            unit = squeeze(ind.unit)
            scale = {"万元": Decimal(10000), "万元/年": Decimal(10000), "元": Decimal(1), "千元": Decimal(1000)}.get(unit)
            if scale is None:
                continue
            total = sum((x.value for x in prods), Decimal(0)) / scale
            low = sum((x.low for x in prods), Decimal(0)) / scale
            high = sum((x.high for x in prods), Decimal(0)) / scale
            value = ind.value
            if abs(total - value) <= tolerance(len(prods)):
                continue
            shown = "＋".join(f"{x.text}={fmt(x.value / scale)}" for x in prods)
            within_rounding = low - tolerance(1) <= value <= high + tolerance(1)
            close = value != 0 and abs(total - value) / value <= Decimal("0.01")
            severity = "info" if within_rounding and close else "error"
            extra = "（差额在名称所列单价的取整范围内）" if severity == "info" else ""
            yield tfinding(d, p, (f"{target_label(d, p, ind.page)}“{target_name(p)}”指标“{ind.name}”：名称中的算式"
                                  f"{shown}，合计{fmt(total)}{unit}，而指标值为{ind.value_raw}{unit}，"
                                  f"相差{fmt(value - total)}{unit}{extra}。"),
                           ind=ind, severity=severity, expected=total, actual=value, difference=value - total)


# ---------------------------------------------------------------------------
# performance.count_consistency
# ---------------------------------------------------------------------------
COUNT_UNITS = {"次": "次", "次数": "次", "次/年": "次", "场": "场", "场次": "场", "期": "期", "份": "份",
               "本": "本", "套": "套", "家": "家", "个": "个", "件": "件", "条": "条", "篇": "篇", "册": "册",
               "人次": "人次", "项": "项", "户": "户"}
_EMBEDDED = re.compile(rf"({_NUM})\s*(次|场次|场|期|个|套|家|件|项)(?!/)")


@dataclass
class Fact:
    core: str                 # what is counted (name without its numbers)
    value: Decimal
    unit: str
    operator: str
    target: PerformanceTarget
    ind: Indicator
    embedded: bool            # read inside another indicator's name


def _core(name: str) -> str:
    s = squeeze(name)
    s = re.sub(r"[(（][^()（）]*[)）]", "", s)
    s = re.sub(rf"{_NUM}(?:次|场次|场|期|个|套|家|件|项)(?:以上|以下)?", "", s)
    s = re.sub(r"[。.,，、:：;；“”\"《》]", "", s)
    return s


def facts_of(p: PerformanceTarget) -> list:
    out = []
    for ind in p.indicators:
        unit = COUNT_UNITS.get(squeeze(ind.unit))
        if unit and ind.value is not None and not is_cost(ind):
            out.append(Fact(_core(ind.name), ind.value, unit, ind.operator, p, ind, False))
        name = nfkc(ind.name)
        for m in _EMBEDDED.finditer(name):
            # a count followed by a rate ("12 次*0.83万/次") or standing alone ("70次以上")
            before = re.sub(r"[(（][^()（）]*$", "", name[:m.start()])
            core = _core(before) or _core(name)
            if len(core) < 4:
                continue
            out.append(Fact(core, Decimal(m.group(1)), COUNT_UNITS[m.group(2)], "", p, ind, True))
    return out


def _bigrams(s: str) -> set:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def similar(a: str, b: str) -> bool:
    """Two counted things are the same quantity: most bigrams of the shorter name recur."""
    if len(a) < 4 or len(b) < 4:
        return False
    if a == b:
        return True
    x, y = _bigrams(a), _bigrams(b)
    small = min(len(x), len(y))
    common = len(x & y)
    return small > 0 and common >= 3 and common / small >= 0.6


@check("performance.count_consistency", "warning",
       "同一数量在各表中一致", "Counts do not contradict each other across tables",
       "整体绩效目标与项目绩效目标应相互衔接（财预〔2020〕10号）：同一事项（如督查次数、"
       "检测次数）在整体表与项目表、指标与测算式中应填报相同数量。")
def count_consistency(ctx: Context):
    d = ctx.d
    overall = [p for p in d.performance if p.kind == "overall"]
    projects = [p for p in d.performance if p.kind == "project"]
    facts_overall = [f for p in overall for f in facts_of(p)]
    reported: set = set()
    for p in projects:
        facts = facts_of(p)
        for f in facts:
            if f.embedded:
                continue
            # the same project: an indicator against a count written in another indicator's name
            peers = [g for g in facts if g.ind is not f.ind and g.unit == f.unit and similar(f.core, g.core)]
            peers += [g for g in facts_overall if g.unit == f.unit and similar(f.core, g.core)]
            bad = [g for g in peers if g.value != f.value]
            if not bad:
                continue
            key = (id(f.ind),)
            if key in reported:
                continue
            reported.add(key)
            others = "；".join(
                (f"{target_label(d, g.target, g.ind.page)}" + ("“" + g.ind.name + "”中写明" if g.embedded else "指标“" + g.ind.name + "”为")
                 + f"{g.operator}{fmt(g.value)}{g.unit}") for g in bad)
            yield tfinding(d, p, (f"{target_label(d, p, f.ind.page)}“{target_name(p)}”指标“{f.ind.name}”为{f.operator}"
                                  f"{fmt(f.value)}{f.unit}，而{others}：同一事项数量不一致。"),
                           ind=f.ind, expected=bad[0].value, actual=f.value, difference=f.value - bad[0].value,
                           related=[{"table": "performance", "table_id": g.target.table_id, "page": g.ind.page}
                                    for g in bad])
        # counts in names of this project against the overall table (no indicator of its own)
        for g in facts:
            if not g.embedded or any(not f.embedded and similar(f.core, g.core) for f in facts):
                continue
            bad = [o for o in facts_overall if o.unit == g.unit and similar(o.core, g.core) and o.value != g.value]
            if bad and (id(g.ind), g.core) not in reported:
                reported.add((id(g.ind), g.core))
                o = bad[0]
                yield tfinding(d, p, (f"{target_label(d, p, g.ind.page)}“{target_name(p)}”指标“{g.ind.name}”中写明"
                                      f"{fmt(g.value)}{g.unit}，而{target_label(d, o.target, o.ind.page)}指标“{o.ind.name}”为"
                                      f"{o.operator}{fmt(o.value)}{o.unit}：同一事项数量不一致。"),
                               ind=g.ind, expected=o.value, actual=g.value, difference=g.value - o.value)


# ---------------------------------------------------------------------------
# performance.wrong_year
# ---------------------------------------------------------------------------
_YEAR_MENTION = re.compile(r"(?<![\[〔【(（\d])((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")


def _year_of(text: str) -> Optional[int]:
    m = re.search(r"((?:19|20)\d{2})", nfkc(text or ""))
    return int(m.group(1)) if m else None


@check("performance.wrong_year", "warning",
       "绩效目标表针对本预算年度", "Performance targets refer to the budget year",
       "绩效目标是预算年度内预期达到的产出和效果（财预〔2020〕10号）：目标、立项依据中引用其他"
       "年度的文件或目标，或项目起始时间晚于预算年度，说明表格沿用了其他年度的内容。")
def wrong_year(ctx: Context):
    d = ctx.d
    year = d.year
    if year is None:
        return
    basis_groups: dict = {}
    for p in d.performance:
        texts = target_texts(d, p)
        fields = [("当年绩效目标", p.goal), ("立项依据", texts.get("basis", "")),
                  ("项目概况", texts.get("overview", ""))]
        fields += [("指标“" + i.name + "”", i.name) for i in p.indicators]
        for label, text in fields:
            s = nfkc(text or "")
            for m in _YEAR_MENTION.finditer(s):
                y = int(m.group(1))
                if y == year:
                    continue
                if label == "立项依据":
                    # one basis is usually copied into many tables: one finding for all of them
                    basis_groups.setdefault((y, squeeze(s)), []).append(p)
                    break
                quote = s[max(0, m.start() - 20):m.end() + 20].strip()
                later = y > year
                yield tfinding(d, p, (f"{target_label(d, p)}“{target_name(p)}”的{label}提到{y}年：“…{quote}…”，"
                                      f"{'晚于' if later else '早于'}预算年度；{year}年预算的绩效目标应针对{year}年。"),
                               severity="info" if later else "warning")
                break
        if p.kind == "project":
            start = _year_of(p.period_start)
            end = _year_of(p.period_end)
            if start and start > year:
                yield tfinding(d, p, (f"{target_label(d, p)}“{target_name(p)}”项目起始时间为{p.period_start}，"
                                      f"晚于预算年度{year}年。"), severity="error")
            if end and end < year:
                yield tfinding(d, p, (f"{target_label(d, p)}“{target_name(p)}”项目终止时间为{p.period_end}，"
                                      f"早于预算年度{year}年，却列入{year}年预算。"), severity="error")
    for (y, text), ps in basis_groups.items():
        p = ps[0]
        names = "；".join(f"“{target_name(q)}”（第{q.pages[0] if q.pages else '?'}页，项目起始时间{q.period_start or '未填'}）"
                         for q in ps)
        later = y > year
        yield tfinding(d, p, (f"{len(ps)}张项目绩效目标表的立项依据为“{text}”，引用的是{y}年的文件，"
                              f"{'晚于' if later else '早于'}预算年度{year}年：{names}。"),
                       severity="info" if later else "warning", item="立项依据",
                       related=[{"table": "project_performance", "table_id": q.table_id,
                                 "page": q.pages[0] if q.pages else None} for q in ps[1:]])


# ---------------------------------------------------------------------------
# performance.unmeasurable
# ---------------------------------------------------------------------------
PLACEHOLDER_WORDS = {"定性", "定量", "无", "/", "-", "—"}
VAGUE_WORDS = {"长期", "好", "较好", "良好", "满意", "完成", "顺利完成", "有效防范", "优良中低差", "优良差",
               "即时响应", "立即响应", "达标", "提高", "提升", "明显", "持续", "有效", "逐步提高", "优",
               "是", "合格", "正常", "稳定", "及时"}


@check("performance.unmeasurable", "warning",
       "绩效指标可衡量", "Targets are measurable",
       "绩效指标应当细化、量化，定性指标应当可衡量、可考核（财预〔2020〕10号第十六条）："
       "以“定性”“长期”“好”等代替指标值或指标名称，无法据以评价。")
def unmeasurable(ctx: Context):
    d = ctx.d
    for p in d.performance:
        vague = []
        for ind in p.indicators:
            name = squeeze(ind.name)
            value = squeeze(ind.value_raw)
            if name in PLACEHOLDER_WORDS:
                yield tfinding(d, p, (f"{target_label(d, p, ind.page)}“{target_name(p)}”的{ind.level2 or '指标'}"
                                      f"三级指标名称为“{ind.name}”，未写明考核什么（指标值“{ind.value_raw}”）。"),
                               ind=ind, severity="warning")
            elif value in PLACEHOLDER_WORDS and ind.value is None:
                yield tfinding(d, p, (f"{target_label(d, p, ind.page)}“{target_name(p)}”指标“{ind.name}”的指标值为"
                                      f"“{ind.value_raw}”，没有目标值。"), ind=ind, severity="warning")
            elif ind.value is None and value in VAGUE_WORDS:
                vague.append(ind)
        if vague:
            listed = "；".join(f"“{i.name}”：{i.value_raw}" for i in vague)
            yield tfinding(d, p, (f"{target_label(d, p)}“{target_name(p)}”有{len(vague)}项指标以定性描述代替"
                                  f"可考核的目标值：{listed}。"), ind=vague[0], severity="info",
                           item=target_name(p))


# ---------------------------------------------------------------------------
# performance.weights_sum
# ---------------------------------------------------------------------------
@check("performance.weights_sum", "error",
       "整体绩效目标指标权重合计为100%", "Overall target weights sum to 100%",
       "部门整体绩效目标表为每项指标设定权重，各指标权重之和应为100%。")
def weights_sum(ctx: Context):
    d = ctx.d
    for p in d.performance:
        weighted = [i for i in p.indicators if i.weight is not None]
        if not weighted:
            continue
        total = sum((i.weight for i in weighted), Decimal(0))
        if abs(total - 100) <= Decimal("0.01") * len(weighted):
            continue
        missing = [i for i in p.indicators if i.weight is None]
        terms = "＋".join(f"{fmt(i.weight)}%" for i in weighted)
        note = f"（另有{len(missing)}项指标未填权重）" if missing else ""
        yield tfinding(d, p, (f"{target_label(d, p)}{len(weighted)}项指标的权重合计为{terms}={fmt(total)}%，"
                              f"不等于100%{note}。"),
                       severity="error", item="指标权重", expected=Decimal(100), actual=total,
                       difference=total - 100)
