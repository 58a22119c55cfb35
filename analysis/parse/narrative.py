"""The numeric statements of a disclosure's narrative (情况说明) as structured claims.

Public API::

    extract_claims(pages: list[NarrativePage], year: int | None = None) -> list[Claim]

How it reads a narrative
------------------------
1. *Stream.* The pages of one file are joined into one text. Page-number lines ("4",
   "- 3 -", "— 2 —") and table-of-contents dot leaders are dropped, wrapped lines are joined
   (white space is removed except between two digits), and each character remembers its
   page. A hard break starts a new *item* (paragraph) before a line that opens an
   enumeration or heading ("（一）", "1．", "一、", "第三部分") and after a short line (the
   end of a paragraph or a heading).
2. *Sentences* are cut at 。；;！？ inside an item; a claim keeps the page where its
   sentence starts. Reasons ("主要原因是…", "主要用于…") are masked up to the end of
   their clause group: numbers there explain, they are not claims.
3. *Tokens.* A figure is a number directly followed by a unit (万元 / 元 / 千元 / 亿元 are
   converted to 万元 exactly; 辆 名 人 个 项 台（套） are counts; % is a percentage).
   Dates (2024年12月), legal references ([2018]66 号) and item numbers carry no unit
   and are never figures. "与上年持平 / 与上年预算数一致 / 与上年相比无变化" are *flat*
   tokens.
4. *Roles.* A figure right after 增加/减少/增长/下降/… (or 小于上年预算数) is a change; a
   percentage after 占 is a share; other money and count figures are values. A value's
   subject is the nearest clause before it (widened to the previous clause when that
   clause is only "2025年年初预算数"); its metric comes from the vocabulary's
   keyword rules (``analysis.vocab.metric_rules``). A change (or flat token) goes to the claim its own subject names
   ("收入较去年增加…", "收、支预算总计各增加…"), else to the value just stated — or, after a
   list of two values or more ("收入X，其中：a、b、c，较上年增加…"), to the head of the list —
   else it makes a claim without value. "收入、支出预算总计 X" gives both total_income and
   total_expenditure. Figures whose subject names no metric with confidence are not claims: a
   generic subject ("2026年年初预算数") takes the item's heading ("（二）支出预算。"); a bare
   "支出" / "收入" names a total only beside the other total; a subject naming an economic item no
   metric measures ("委托业务费…财政拨款预算总额") or a sentence about one project ("该项目…其中：
   财政拨款…") names no department total; a figure right after a bound ("成本≤12万元") is a
   target, not an amount.
5. *Place.* Each claim carries the money it covers (``Claim.scope``: its subject's fund, else the
   fund of the value a list opens after, else the money of the headings above it), the column of
   a breakdown of 项目支出 / 基本支出 by class (``Claim.part``), the tables its heading cites
   ("（详见表5）": ``Claim.cites``), a prior-year amount stated beside it ("上年执行数X万元，本年安排
   Y万元", "（上年预算数为0万元）": ``Claim.prior_value``), what its change is measured against
   (``Claim.change_base``: 上年执行数 or 预算数) and the year it is compared with when printed
   (``Claim.compared_year``). See "Where a claim sits" below.

Metrics (``Claim.metric``; money in 万元)
----------------------------------------
total_income, total_expenditure, fiscal_income, fiscal_expenditure,
general_budget_income, general_budget_expenditure, government_fund_income,
government_fund_expenditure, state_capital_income, special_account_income, other_income,
basic_expenditure, project_expenditure, reserve_expenditure, personnel_expenditure,
public_expenditure, expenditure_by_function, expenditure_by_economic, three_public_total,
three_public_overseas, three_public_vehicle_total, three_public_vehicle_purchase,
three_public_vehicle_operation, three_public_reception, meeting_fee, training_fee,
operating_costs, procurement_total, procurement_goods, procurement_works,
procurement_services, performance_projects (个), performance_funds, vehicles_total (辆),
vehicles_general, vehicles_purchase, staff_authorized (名), share_pct (%).

Added here (the templates state them and they are not any of the above):
state_capital_expenditure (国有资本经营预算支出), business_income (事业收入),
business_operation_income (经营收入), superior_subsidy_income (上级补助收入),
subsidiary_income (附属单位上缴收入), carryover_income (上年结转), carryforward_expenditure
(结转下年), vehicles_enforcement (执法执勤用车), vehicles_special (特种专业技术用车),
vehicles_other (其他用车), staff_actual (在职/实有人员, 名), staff_retired (离退休人员, 名),
equipment_units (单价…以上的设备, 台（套）).

In a 决算 narrative ("年初预算为X，全年预算为Y，支出决算为Z，完成年初预算的P%") each amount keeps the
column it is read from in ``Claim.basis`` (initial_budget, adjusted_budget, budget, final); a clause
that names only a column takes the subject stated before it in the sentence, or the bare name that
leads the numbered paragraph ("1、…（类）…（款）…（项）。"). A rate "完成…预算的P%" is a
``completion_pct`` claim (basis: the budget it is a rate of) about the value just stated.

``Claim.year`` is the year printed in the claim's own phrase ("2016 年度部门支出预算安排为
…" gives 2016, "截止2024年12月…共有车辆" gives 2024), else the budget year (``year``, or
the year of "20XX年度部门预算" in the text).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Optional

from ..model import Claim, NarrativePage
from ..numbers import UNIT_SCALE, chinese_numeral, chinese_years, parse_number
from ..vocab import ECONOMIC_CLASSES, ECONOMIC_ITEMS, METRICS, header_rules, metric_rules  # noqa: F401
from ..vocab.words import mapping

# Metrics that many claims of one disclosure share; a change names one of them by subject.
OPEN_METRICS = ("expenditure_by_function", "expenditure_by_economic", "share_pct")

BREAK = "\n"   # hard break between items in the stream

# ---------------------------------------------------------------------------
# The metric keywords are the vocabulary's (``analysis.vocab.metrics``: reference/metric_rules.csv),
# written on normalized text (NFKC, so "（" is "(" and "．" is ".").
# ---------------------------------------------------------------------------
_CN_NUM = "一二三四五六七八九十"
_LEVEL_MARK = re.compile(r"\((?:类|款|项)\)")
_COUNT_UNIT = mapping("count_units")   # count units as printed -> as a claim states them

# ---------------------------------------------------------------------------
# Text patterns (normalized text)
# ---------------------------------------------------------------------------
_PAGE_NUMBER = re.compile(r"^[\s\-—─–－_]*(?:第\s*)?\d{1,3}\s*(?:页)?(?:\s*[/共]\s*\d{1,3}\s*页?)?[\s\-—─–－_]*$")
_DOT_LEADER = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{6,})\s*\d*\s*$")
_ITEM_START = re.compile(
    r"^\s*(?:[(（]\s*(?:\d{1,2}|[%s]{1,3})\s*[)）]|[%s]{1,3}\s*[、.．]|\d{1,2}\s*[、.．](?!\d)"
    r"|第[%s]+部分|附件)" % (_CN_NUM, _CN_NUM, _CN_NUM))
_HEADING_END = re.compile(r"(?:说明|情况|解释|概况|目标|职能|明细|预算表|[表图])$")

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_FIGURE = re.compile(
    r"(?<![A-Za-z0-9.,])(?P<num>%s) ?(?P<unit>万元(?![/每])|亿元(?![/每])|千元(?![/每])|元(?![/每])"
    r"|辆|名(?!称|单|义)|个(?!人)|人(?!次|民|大|均|口|员|数)|项(?!目)|台\(套\)|台|套|%%)" % _NUMBER)
# "成本≤12万元", "控制在5万元以内": the bound of a target printed right before a figure
_TARGET_BOUND = re.compile(r"(?:[≤≥<>＜＞≦≧]|不超过|不高于|不低于|不少于|控制在)\s?$")
# "公务用车购置为 0，与上年持平": a zero printed without unit
_BARE_ZERO = re.compile(r"为 ?(?P<num>0(?:\.0+)?)(?=[，,。;])")

_PRIOR = r"(?:\d{4}年度?|上年度?|去年|上一年度?|上年同期)(?:的)?(?:预算数?|决算数?|执行数?|数|同期)?"
_COMPARE = re.compile(r"(?:与|和|同|较|比)%s(?:相比|比较)?|同比" % _PRIOR)
_FLAT = re.compile(
    r"(?:与|和|同|较|比)%s(?:相比|比较)?[，,]?(?:保持|基本)?(?:持平|一致|相同|相等|无变化|没有变化|未发生变化|不变)"
    r"|持平" % _PRIOR)
_UP = r"增加|增长|上升|提高|增幅|调增|增"
_DOWN = r"减少|下降|降低|减幅|降幅|压减|缩减|调减|减"
_CHANGE_VERB = re.compile(
    r"(?P<verb>%s|%s)(?P<alt>\((?:%s|%s)\))?(?:率|幅度)?(?:了|约|为|达)?$" % (_UP, _DOWN, _UP, _DOWN))
_COMPARATIVE = re.compile(
    r"(?P<verb>大于|高于|多于|小于|低于|少于)(?:%s)[^，,。;]*$" % _PRIOR)
_REASON = re.compile(
    r"(?:(?:增加|减少|增长|下降|变动|变化|增减|差异)的?)?主要原因|原因(?:是|为|:|主要|在于)"
    r"|主要是由于|主要是因为|主要系|主要用于")
_REASON_GOES_ON = re.compile(r"^[;；]\s*(?:[%s]是|其[%s]|\d[、.)])" % (_CN_NUM, _CN_NUM))
_SENTENCE_END = re.compile(r"[。;!?]")
_CLAUSE_SEP = re.compile(r"[，,:;。]")
_BRACKET = re.compile(r"\([^()]*\)")
_YEAR = re.compile(r"((?:19|20)\d{2})年(?!\d{1,2}月)")
_DOC_YEAR = re.compile(r"((?:19|20)\d{2})年度?(?:部门)?预算")

_LEADING = re.compile(
    r"^(?:[，,:;、。\s]|\(\d{1,2}\)|\([%s]{1,3}\)|[%s]{1,3}[、.]|\d{1,2}[、.](?!\d)|第[%s]+部分"
    r"|其中|此外|另外|包括|以及)+" % (_CN_NUM, _CN_NUM, _CN_NUM))
_TRAILING = re.compile(r"(?:为|是|达到|达|共计|共|约|各|均|分别|都|[，,:;、\s])+$")
_GENERIC = re.compile(
    r"^(?:\d{4}年度?)?(?:年初)?(?:预算数?|预算安排|安排|合计|总计|总额|金额|数)?$")
_OWN_GENERIC = re.compile(r"本年数|本年|今年|增减相抵后|相抵后")

# The column a 决算 narrative reads an amount from: "年初预算为X，全年预算为Y，支出决算为Z，
# 完成年初预算的P%". A clause that names only such a column ("支出决算为") names no subject of
# its own: the subject is the item the sentence (or the numbered paragraph) is about.
_BASIS = re.compile("|".join(f"(?P<{k}>{rx.pattern})" for k, rx in header_rules("narrative", "basis")))
_COLUMN_FILLER = re.compile(r"(?:\d{4}年度?|支出|收入|金额|为|是|数|的|[，,:;、\s])+")
# "完成年初预算的95.45%" / "完成全年预算数的98.69%" / "完成预算的13.68%"
_COMPLETION = re.compile(r"(?:完成|达到|占)(?P<basis>年初|全年|调整后?)?预算(?:数)?的?(?:比例为?|为)?$")
# "决算数同预算数持平" compares with the budget, not with last year
_BUDGET_FLAT = re.compile(r"(?:决算数?)?(?:与|同|和|较|比)(?:年初|全年|调整后?)?预算数?(?:相比)?[，,]?(?:基本)?持平")
_TRAILING_BASIS = re.compile(r"[的\s]*(?:(?:年初|全年|调整后?)预算|预算|决算)数?[为是\s]*$")


def basis_of(clause: str) -> Optional[str]:
    """The budget/决算 column a normalized clause names, if any (the last one named)."""
    found = None
    for m in _BASIS.finditer(clause):
        found = m.lastgroup
    return found


def names_only_a_column(clause: str) -> bool:
    """True for "支出决算为", "年初预算为", "全年预算数": a column word and nothing else."""
    if not _BASIS.search(clause):
        return False
    return not _COLUMN_FILLER.sub("", _BASIS.sub("", clause))


@lru_cache(maxsize=None)
def _norm_char(c: str) -> str:
    """NFKC for one character when it stays one character; "，" is kept (not a thousands mark)."""
    if c == "，":
        return c
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


# ---------------------------------------------------------------------------
# Where a claim sits: headings, the money they name, the tables they cite
# ---------------------------------------------------------------------------
# Where a narrative claim sits: the headings above it, the money they name and the tables they cite.
#
# A claim's money (its *scope*) is said by its subject ("一般公共预算拨款收入"), by the total it is a part
# of ("一般公共预算财政拨款支出X，其中：基本支出Y") or by the heading it sits under ("（二）支出预算" of
# "二、部门收支总体情况": all the department's funds; "三、财政拨款情况说明": 财政拨款). The words are the
# vocabulary's (``analysis/reference/column_rules.csv``, context ``narrative``): ``scope`` (the funds:
# gb 一般公共预算, gf 政府性基金, sc 国有资本经营, fiscal 财政拨款), ``section`` (headings of the
# department's whole budget: 收入预算, 支出预算, 部门收支 …), ``part`` (基本支出 / 项目支出), ``cite``
# ("（详见表5）", "详见表1-3") and ``prior`` (上年执行数 / 上年预算数: what a change is measured against).
#
# Headings are numbered items: 第X部分 (level 0), 一、 (1), （一） (2), 1. / 1、 (3), （1） (4). The
# heading of an item is its lead up to the first 。：:， when the lead holds no figure ("（一）收入预算：
# 2026年…" gives 收入预算); an item that is only a heading is all heading. A heading opens a section
# that lasts until a heading of the same or a higher level.
#
# Scope of a section: a fund named by any enclosing heading, the innermost first; else ``dept`` when a
# heading names the department's whole budget (收入预算, 支出预算, 部门收支 …); else unknown.
_LEVELS = (
    (0, re.compile(r"^第[%s]+部分" % _CN_NUM)),
    (1, re.compile(r"^[%s]{1,3}[、.]" % _CN_NUM)),
    (2, re.compile(r"^\([%s]{1,3}\)" % _CN_NUM)),
    (3, re.compile(r"^\d{1,2}[、.](?!\d)")),
    (4, re.compile(r"^\(\d{1,2}\)")),
)
_LEAD_END = re.compile(r"[。:，,;]")
_LEAD_FIGURE = re.compile(r"\d[\d,.]*\s*(?:万元|元|亿元|千元|%)")
# a list opens after these: "收入X万元，其中：…", "包括：…", "X万元：货物…"
LIST_OPENER = re.compile(r"其中|包括|分别为|分别是|[:]")


def _rules(family: str) -> tuple:
    return header_rules("narrative", family)


def fund_scope(text: str) -> Optional[str]:
    """The fund a piece of normalized text names (gb, gf, sc, fiscal), else None."""
    for key, rx in _rules("scope"):
        if rx.search(text):
            return key
    return None


def whole_budget(text: str) -> bool:
    """True when a heading names the department's whole budget (收入预算, 支出预算, 部门收支 …)."""
    return any(rx.search(text) for _, rx in _rules("section"))


def part_of(text: str) -> Optional[str]:
    """"project" / "basic" when the text names 项目支出 / 基本支出."""
    for key, rx in _rules("part"):
        if rx.search(text):
            return key
    return None


def cites_of(text: str) -> list:
    """The table numbers a normalized text cites: "详见表1-3" -> [1, 2, 3], "（详见表五）" -> [5]."""
    out: list = []
    for _, rx in _rules("cite"):
        for m in rx.finditer(text):
            a = chinese_numeral(m.group("a"))
            b = chinese_numeral(m.group("b")) if m.group("b") else None
            if a is None:
                continue
            sep = text[m.end("a"):m.start("b")] if b is not None else ""
            if b is not None and "、" not in sep and a < b <= a + 20:
                out.extend(range(a, b + 1))
            else:
                out.extend(x for x in (a, b) if x is not None)
    return list(dict.fromkeys(out))


def prior_base(text: str) -> Optional[str]:
    """What a prior-year amount is ("executed" 上年执行数 / "budget" 上年预算数) when the text names it."""
    for key, rx in _rules("prior"):
        if rx.search(text):
            return key
    return None


def heading_level(item: str) -> Optional[int]:
    """The level of a numbered item (normalized text), None for a plain paragraph."""
    s = item.lstrip()
    for level, rx in _LEVELS:
        if rx.match(s):
            return level
    return None


def heading_text(item: str) -> str:
    """The heading an item opens with: its lead up to 。：:， when the lead holds no figure."""
    s = item.lstrip()
    m = _LEAD_END.search(s)
    lead = s[:m.start()] if m else s
    if _LEAD_FIGURE.search(lead) or len(lead) > 60:
        return ""
    return lead


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Sections:
    """The headings above the current item, outermost first."""
    stack: list = field(default_factory=list)

    def enter(self, item: str) -> None:
        """Read the item that comes next: a numbered item closes the sections of its level or deeper."""
        level = heading_level(item)
        if level is None:
            return
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        self.stack.append(Heading(level, heading_text(item)))

    def scope(self) -> Optional[str]:
        """The money the current section is about (see the module doc)."""
        for h in reversed(self.stack):
            found = fund_scope(h.text)
            if found:
                return found
        if any(whole_budget(h.text) for h in self.stack):
            return "dept"
        return None

    def part(self) -> Optional[str]:
        """基本支出 / 项目支出 when the innermost heading names one ("（二）项目支出：")."""
        if not self.stack:
            return None
        return part_of(self.stack[-1].text)

    def cites(self) -> list:
        """The tables the nearest heading that cites any cites."""
        for h in reversed(self.stack):
            found = cites_of(h.text)
            if found:
                return found
        return []


# ---------------------------------------------------------------------------
# Stream: the pages of one file as one text
# ---------------------------------------------------------------------------
@dataclass
class _Stream:
    file: str
    raw: str = ""
    norm: str = ""
    page: list = field(default_factory=list)   # page of each character


def _is_noise(line: str) -> bool:
    """A page number ("4", "- 3 -", "— 2 —", "第3页") or a table-of-contents entry."""
    s = line.strip()
    return bool(_PAGE_NUMBER.match(s) or _DOT_LEADER.search(s))


def _lines_of(pages: list[NarrativePage]) -> list[tuple[int, str]]:
    return [(p.page, ln.strip()) for p in pages for ln in (p.text or "").splitlines()
            if ln.strip() and not _is_noise(ln)]


def _is_heading(line: str) -> bool:
    """A numbered line without sentence punctuation that ends like a heading ("…情况说明")."""
    return bool(_ITEM_START.match(line)) and not re.search(r"[，。；：,;:]", line) \
        and _HEADING_END.search(line) is not None


def _typical_length(lines: list[tuple[int, str]]) -> float:
    """The length of a full line (90th percentile); 0 when there are too few lines to tell."""
    lengths = sorted(len(re.sub(r"\s", "", t)) for _, t in lines)
    if len(lengths) < 8:
        return 0.0
    return float(lengths[int(0.9 * (len(lengths) - 1))])


def _build_stream(file: str, pages: list[NarrativePage]) -> _Stream:
    lines = _lines_of(pages)
    typical = _typical_length(lines)
    raw: list[str] = []
    pg: list[int] = []
    after_short = False
    for page, text in lines:
        if raw and (after_short or _ITEM_START.match(text)):
            raw.append(BREAK)
            pg.append(page)
        for i, c in enumerate(text):
            if c.isspace():
                # keep one space between two digits ("2,542.60 833.60"), drop the rest
                before = raw[-1] if raw else ""
                after = text[i + 1:].lstrip()[:1]
                if before.isdigit() and after.isdigit() and before.isascii() and after.isascii():
                    raw.append(" ")
                    pg.append(page)
                continue
            raw.append(c)
            pg.append(page)
        length = len(re.sub(r"\s", "", text))
        after_short = (bool(typical) and length < 0.7 * typical) or _is_heading(text)
    raw_text = "".join(raw)
    return _Stream(file, raw_text, chinese_years("".join(_norm_char(c) for c in raw_text)), pg)


def _infer_year(stream: _Stream) -> Optional[int]:
    years = Counter(int(y) for y in _DOC_YEAR.findall(stream.norm))
    return years.most_common(1)[0][0] if years else None


# ---------------------------------------------------------------------------
# Spans: pieces of the stream (possibly with holes), read normalized or as printed
# ---------------------------------------------------------------------------
class _Span:
    def __init__(self, stream: _Stream, idx):
        self.stream = stream
        self.idx = list(idx)

    @property
    def norm(self) -> str:
        return "".join(self.stream.norm[i] for i in self.idx)

    @property
    def raw(self) -> str:
        return "".join(self.stream.raw[i] for i in self.idx)

    def cut(self, a: int, b: Optional[int] = None) -> "_Span":
        return _Span(self.stream, self.idx[a:b])

    def drop(self, pattern: re.Pattern) -> "_Span":
        keep = [True] * len(self.idx)
        for m in pattern.finditer(self.norm):
            for k in range(m.start(), m.end()):
                keep[k] = False
        return _Span(self.stream, [i for i, k in zip(self.idx, keep) if k])

    def strip(self) -> "_Span":
        s = self.norm
        a = _LEADING.match(s)
        start = a.end() if a else 0
        t = _TRAILING.search(s, start)
        end = t.start() if t else len(s)
        return self.cut(start, end)

    def clauses(self) -> list["_Span"]:
        out, start = [], 0
        for m in _CLAUSE_SEP.finditer(self.norm):
            out.append(self.cut(start, m.end()))
            start = m.end()
        out.append(self.cut(start))
        return out

    def __bool__(self) -> bool:
        return bool(self.idx)


# ---------------------------------------------------------------------------
# Metric of a subject
# ---------------------------------------------------------------------------
_INCOME_AND_EXPENDITURE = re.compile(r"收(?:入)?(?:、|和|与|及|/)?支(?:出)?")


def metrics_of(subject: str, unit: str, sentence: str = "", lists: bool = False) -> list[tuple[str, str]]:
    """The metrics a normalized subject names, as (metric, part of the subject) pairs.

    "收、支预算总计" names both totals; with ``lists``, "项目支出、单位预留机动经费" names
    each of its parts.
    """
    m = _INCOME_AND_EXPENDITURE.search(subject)
    if m and unit == "万元":
        out = []
        for word in ("收入", "支出"):
            variant = subject[:m.start()] + word + subject[m.end():]
            out += [(metric, subject) for metric, _ in metrics_of(variant, unit, sentence)]
        return out
    if lists and "、" in subject:
        parts = [p for p in subject.split("、") if p]
        found = [metrics_of(p, unit, sentence) for p in parts]
        if len(parts) > 1 and all(found):
            return [(metric, p) for f, p in zip(found, parts) for metric, _ in f]
    rules = metric_rules(unit)
    for rule in rules:
        if rule.matches(subject, sentence):
            return [(rule.metric, subject)]
    return []


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------
@dataclass
class _Figure:
    start: int
    end: int
    value: Decimal
    unit: str          # "万元", a count unit, or "%"
    aside: int = -1    # start of the bracket holding it: "（2016 年度…为8,648.07万元）"

    @property
    def is_aside(self) -> bool:
        return self.aside >= 0


@dataclass
class _Flat:
    start: int
    end: int


def _to_wan(value: Decimal, unit: str) -> Decimal:
    """An amount in 万元, exactly (元 by division, so 51,000元 reads 5.1 and not 5.1000)."""
    return value / Decimal(10000) if unit == "元" else value * UNIT_SCALE[unit]


def _figures(stream: _Stream, a: int, b: int) -> list[_Figure]:
    """Numbers followed by a unit in stream[a:b] (and zeros printed without unit after 为)."""
    text = stream.norm[a:b]
    out = []
    for m in _FIGURE.finditer(text):
        value = parse_number(m.group("num"))
        unit = m.group("unit")
        if value is None or _TARGET_BOUND.search(text, max(0, m.start() - 4), m.start()):
            continue        # "成本≤12万元": a target's bound, not an amount stated
        if unit in UNIT_SCALE:
            value, unit = _to_wan(value, unit), "万元"
        elif unit != "%":
            unit = _COUNT_UNIT[unit]
        out.append(_Figure(a + m.start(), a + m.end(), value, unit))
    for m in _BARE_ZERO.finditer(text):
        out.append(_Figure(a + m.start("num"), a + m.end("num"), Decimal(0), "万元"))
    for g in _BRACKET.finditer(text):
        for f in out:
            if a + g.start() < f.start and f.end <= a + g.end():
                f.aside = a + g.start() + 1
    return out


def _reason_mask(text: str) -> list[tuple[int, int]]:
    """Spans of reasons ("主要原因：一是…；二是…。"), relative to ``text``."""
    spans = []
    for m in _REASON.finditer(text):
        end = m.end()
        while True:
            e = _SENTENCE_END.search(text, end)
            if e is None:
                end = len(text)
                break
            end = e.start()
            if text[end] == ";" and _REASON_GOES_ON.match(text[end:]):
                end += 1
                continue
            break
        spans.append((m.start(), end))
    return spans


# ---------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------
@dataclass
class _Sentence:
    start: int
    end: int
    page: int
    text: str   # as printed
    norm: str


class _Extractor:
    def __init__(self, stream: _Stream, year: Optional[int]):
        self.s = stream
        self.year = year
        self.claims: list[Claim] = []
        self.sections = Sections()

    # -- driving ----------------------------------------------------------
    def run(self) -> list[Claim]:
        start = 0
        for part in self.s.raw.split(BREAK):
            if part:
                self.sections.enter(self.s.norm[start:start + len(part)])
                self._item(start, start + len(part))
            start += len(part) + 1
        return self.claims

    def _sentences(self, a: int, b: int) -> list[_Sentence]:
        out, start = [], a
        for m in list(_SENTENCE_END.finditer(self.s.norm, a, b)) + [None]:
            end = m.start() if m else b
            if end > start:
                out.append(_Sentence(start, end, self.s.page[start], self.s.raw[start:end].strip(),
                                     self.s.norm[start:end]))
            start = m.end() if m else b
        return out

    def _item(self, a: int, b: int) -> None:
        text = self.s.norm[a:b]
        masked = [(a + x, a + y) for x, y in _reason_mask(text)]
        in_mask = lambda pos: any(x <= pos < y for x, y in masked)  # noqa: E731
        tokens: list = [f for f in _figures(self.s, a, b) if not in_mask(f.start)]
        budget_flat = [(a + m.start(), a + m.end()) for m in _BUDGET_FLAT.finditer(text)]
        tokens += [_Flat(a + m.start(), a + m.end()) for m in _FLAT.finditer(text)
                   if not in_mask(a + m.start()) and not any(x <= a + m.start() < y for x, y in budget_flat)]
        tokens.sort(key=lambda t: t.start)
        state = _ItemState()
        if heading_level(text) is not None:
            state.heading = _LEADING.sub("", heading_text(text))
        sentences = self._sentences(a, b)
        state.lead = self._lead(sentences[0], tokens) if sentences else None
        for sent in sentences:
            mine = [t for t in tokens if sent.start <= t.start < sent.end]
            self._sentence(sent, mine, state)

    def _sentence(self, sent: _Sentence, tokens: list, state: "_ItemState") -> None:
        boundary = sent.start          # subjects start after the last token used
        last_end = sent.start          # own subjects of changes start after any token
        last_plain_end = sent.start    # ... or after the last token outside brackets
        for tok in tokens:
            if isinstance(tok, _Flat):
                self._change(sent, state, last_plain_end, tok.start, None, "flat", Decimal(0), "")
                boundary = last_end = last_plain_end = tok.end
                continue
            before = self.s.norm[last_end:tok.start]
            change = _change_verb(before)
            if tok.unit == "%":
                completion = _COMPLETION.search(before.rstrip())
                if change:
                    self._change(sent, state, last_plain_end, tok.start, change, "pct", tok.value, "%")
                elif completion and state.targets and (
                        state.sentence == sent.start or _COMPLETION.fullmatch(
                            _LEADING.sub("", self.s.norm[sent.start:tok.start]).rstrip())):
                    # "…支出决算为0.88万元。完成年初预算的100.00%。": a rate sentence of its own
                    self._completion(sent, state, tok, completion.group("basis"))
                elif "占" in before:
                    self._share(sent, state, tok, before)
                boundary = last_end = tok.end
                if not tok.is_aside:
                    last_plain_end = tok.end
                continue
            if change:
                self._change(sent, state, last_plain_end, tok.start, change, "amount", tok.value, tok.unit)
                boundary = tok.end
            else:
                boundary = self._value(sent, state, tok, boundary)
            last_end = tok.end
            if not tok.is_aside:
                last_plain_end = tok.end

    # -- values -----------------------------------------------------------
    def _value(self, sent: _Sentence, state: "_ItemState", tok: _Figure, boundary: int) -> int:
        """Claims of a value figure; returns where the next subject may start."""
        span = _Span(self.s, range(max(boundary, tok.aside), tok.start))
        subject, found = _value_subject(span, tok.unit, sent.norm)
        subject_raw = subject.raw
        basis = None
        if tok.unit == "万元":
            near = next((c.strip().norm for c in reversed(span.clauses()) if c.strip()), "")
            basis = basis_of(near)
            if self._prior_amount(state, sent, tok, near):
                return max(boundary, tok.end)
            only_column = names_only_a_column(subject.norm)
            if only_column:
                # "年初预算为X，支出决算为Y": the subject is what the sentence or paragraph is about
                found, subject_raw = self._inherited(state, sent)
            state.sentence_at = sent.start
            if not found and state.prior is not None and state.prior[2] == sent.start and state.prior_subject[0]:
                # "…上年执行数X万元，本年安排Y万元": Y is what X was of
                found, subject_raw = state.prior_subject
            if not found and (only_column or _GENERIC.match(subject.norm)) and state.heading:
                # "（二）支出预算。2026年年初预算数X万元": the subject is the item's heading
                found = metrics_of(state.heading, tok.unit, state.heading)
                subject_raw = f"{state.heading}：{subject.raw}" if found else subject_raw
            found = _confident(found, subject.norm, sent, state)
        if not found and tok.unit not in ("万元", "%"):
            after = _Span(self.s, range(tok.end, sent.end)).clauses()[0]
            after = after.cut(0, _clause_len(after.norm)).strip()
            found = metrics_of(after.norm, tok.unit, sent.norm)
            if found:
                subject, boundary = after, after.idx[-1] + 1
                subject_raw = subject.raw
        year = _year_of(_Span(self.s, range(sent.start, tok.start))) or self.year
        claims = [self._claim(metric, tok.value, tok.unit, sent, subject_raw, year, basis)
                  for metric, _ in found]
        self._place(claims, subject.norm, state, tok)
        if not tok.is_aside:   # an aside is stated, never changed
            self._listed(state, claims, tok)
            state.claims += claims
            state.targets = claims
            if claims:
                state.sentence = sent.start
        if not claims:
            return boundary
        return max(boundary, tok.end)

    # -- where a claim sits: its money, its column, the tables cited --------
    def _opened_since(self, end: int, pos: int) -> bool:
        """A list opens between ``end`` and ``pos`` ("…X万元，其中：…", "。其中：") and no full stop
        closes it."""
        between = self.s.norm[end:pos]
        m = LIST_OPENER.search(between)
        return m is not None and "。" not in between[m.end():]

    def _place(self, claims: list, subject: str, state: "_ItemState", tok: _Figure) -> None:
        """Scope, column and cited tables of the claims of one value (see ``narrative_context``)."""
        own = fund_scope(subject)
        if own:
            scope = own
        elif state.scope_head and self._opened_since(state.scope_head[1], tok.start):
            scope = state.scope_head[0]
        else:
            scope = self.sections.scope()
        part = None
        if state.part_head and self._opened_since(state.part_head[1], tok.start):
            part = state.part_head[0]
        part = part or self.sections.part()
        cites = self.sections.cites()
        prior = state.prior if state.prior is not None and state.prior[2] == state.sentence_at else None
        for c in claims:
            c.scope = scope
            c.part = part if c.metric == "expenditure_by_function" else None
            c.cites = list(cites)
            if prior is not None and c.prior_value is None:
                c.prior_value, c.change_base = prior[:2]
        if claims:
            state.prior, state.prior_subject = None, ((), "")
        if claims and not tok.is_aside:
            if own:
                state.scope_head = (own, tok.end)
            named = part_of(subject) if claims[0].metric in ("basic_expenditure", "project_expenditure") else None
            if named:
                state.part_head = (named, tok.end)

    def _listed(self, state: "_ItemState", claims: list, tok: _Figure) -> None:
        """Count the values of a list ("收入X，其中：a、b、c"): the value before the list is its head."""
        if not claims:
            return
        if state.last_value and self._opened_since(state.last_value[1], tok.start):
            state.head, state.listed = state.last_value[0], 1
        elif state.head:
            state.listed += 1
        state.last_value = (claims, tok.end)

    def _prior_amount(self, state: "_ItemState", sent: _Sentence, tok: _Figure, near: str) -> bool:
        """"上年执行数X万元，本年安排Y万元" / "（上年预算数为0万元）": a prior-year amount, not a claim.
        It goes to the value stated just before in the sentence, else to the next one, which takes
        the subject printed before the prior amount ("住房保障支出上年执行数X万元，本年安排Y万元")."""
        clause = _TRAILING.sub("", _LEADING.sub("", near))
        m = _PRIOR_CLAUSE.search(clause)
        base = prior_base(m.group(0)) if m and m.end() == len(clause) else None
        if base is None:
            return False
        years = [int(y) for y in _YEAR_ONLY.findall(m.group(0))]
        if years and (self.year is None or years[0] >= self.year):
            return False    # "2026年预算数X" of the 2026 budget is this year's
        subject = clause[:m.start()]
        named = metrics_of(subject, tok.unit, sent.norm) if subject else []
        if not named and state.targets and state.sentence == sent.start:
            for c in state.targets:
                if c.prior_value is None:
                    c.prior_value, c.change_base = tok.value, base
        else:
            state.prior = (tok.value, base, sent.start)
            state.prior_subject = (named, subject)
        return True

    def _inherited(self, state: "_ItemState", sent: _Sentence) -> tuple[list, str]:
        """The subject a column-only clause refers to: the value stated just before in the
        same sentence, else the paragraph's lead ("1、…（类）…（款）…（项）。"); none otherwise."""
        if state.targets and state.sentence == sent.start:
            head = state.targets[0]
            subject = _TRAILING_BASIS.sub("", head.subject) or head.subject
            return [(c.metric, subject) for c in state.targets], subject
        if state.lead is not None:
            return state.lead
        return [], ""

    def _lead(self, first: _Sentence, tokens: list) -> Optional[tuple[list, str]]:
        """The subject of a numbered paragraph whose first sentence is a bare name."""
        if any(first.start <= t.start < first.end for t in tokens):
            return None
        span = _Span(self.s, range(first.start, first.end)).strip()
        found = metrics_of(span.norm, "万元", span.norm)
        if not found or not _LEVEL_MARK.search(span.norm):
            return None
        return [(metric, span.raw) for metric, _ in found], span.raw

    def _completion(self, sent: _Sentence, state: "_ItemState", tok: _Figure, basis: Optional[str]) -> None:
        """"完成年初预算的95.45%": the rate of the value just stated against a budget."""
        head = state.targets[0]
        name = {"年初": "initial_budget", "全年": "adjusted_budget"}.get(basis or "",
                                                                         "adjusted_budget" if basis else "budget")
        c = self._claim("completion_pct", tok.value, "%", sent, head.subject, head.year, name)
        c.sentence = head.sentence   # read with the amounts it is a rate of

    def _share(self, sent: _Sentence, state: "_ItemState", tok: _Figure, before: str) -> None:
        if not state.targets:
            return
        whole = before[before.index("占") + 1:]
        whole = re.sub(r"的$", "", whole.strip())
        head = state.targets[0]
        at = self.s.norm.rfind(whole, sent.start, tok.start) if whole else -1
        whole_raw = self.s.raw[at:at + len(whole)] if at >= 0 else whole
        subject = f"{head.subject}占{whole_raw}" if whole_raw else head.subject
        self._claim("share_pct", tok.value, "%", sent, subject, head.year)

    # -- changes ----------------------------------------------------------
    def _change(self, sent: _Sentence, state: "_ItemState", own_start: int, end: int,
                direction: Optional[str], kind: str, value: Decimal, unit: str) -> None:
        """Attach a change (kind "amount", "pct" or "flat") to the claims it is about."""
        own = _Span(self.s, range(own_start, end))
        own = own.drop(re.compile(r"\([^()]*\d[^()]*\)"))
        if kind != "flat":
            verb = _CHANGE_VERB.search(own.norm) or _COMPARATIVE.search(own.norm)
            own = own.cut(0, verb.start()) if verb else own
        compared = _COMPARE.search(self.s.norm[own_start:end]) or _FLAT.search(self.s.norm[own_start:end])
        own = own.drop(_COMPARE).drop(_OWN_GENERIC)
        own = next((c.strip() for c in reversed(own.clauses()) if c.strip()), own.strip())
        found = metrics_of(own.norm, unit if unit not in ("%", "") else "万元", sent.norm, lists=True) if own else []
        found = _confident(found, own.norm, sent, state, value=False)
        targets = self._targets(state, found)
        if targets is None:   # the subject names claims not stated: claims without value
            targets = [self._claim(metric, None, "万元" if unit in ("%", "") else unit, sent,
                                   _raw_part(own, part), _year_of(own) or self.year)
                       for metric, part in found]
            state.claims += targets
        if not targets:
            return
        state.targets = targets
        state.listed = 0
        for c in targets:
            _apply_change(c, direction, kind, value, unit)
            if compared is not None and c.change_base is None:
                c.change_base = prior_base(compared.group(0))
            if compared is not None and c.compared_year is None:
                years = _YEAR_ONLY.findall(compared.group(0))
                c.compared_year = int(years[0]) if years else None

    def _targets(self, state: "_ItemState", found: list) -> Optional[list]:
        if not found:
            if state.listed >= 2:
                # "收入X，其中：a、b、c，较上年增加…": a change after a list is the head's
                return state.head
            return state.targets
        hits = []
        for metric, part in found:
            for c in reversed(state.claims):
                if c.metric == metric and c not in hits and (
                        metric not in OPEN_METRICS or _same_subject(c.subject, part)):
                    hits.append(c)
                    break
        if len(hits) == len(found):
            return hits
        if state.targets and all(c.change is None and c.change_pct is None for c in state.targets):
            return state.targets   # "财政拨款收、支总预算 X。…收、支预算总计各增加 Y"
        return None

    def _claim(self, metric, value, unit, sent: _Sentence, subject: str, year, basis=None) -> Claim:
        c = Claim(metric=metric, value=value, unit=unit, sentence=sent.text, page=sent.page,
                  file=self.s.file, subject=subject, year=year, basis=basis)
        self.claims.append(c)
        return c


@dataclass
class _ItemState:
    claims: list = field(default_factory=list)    # claims of the item so far
    targets: list = field(default_factory=list)   # claims of the value just stated
    sentence: int = -1                            # where the sentence of ``targets`` starts
    lead: Optional[tuple] = None                  # (metrics, subject) of a paragraph's bare-name lead
    heading: str = ""                             # the item's own heading ("支出预算" of "（二）支出预算。…")
    scope_head: Optional[tuple] = None            # (scope, end) of the last value whose subject names a fund
    part_head: Optional[tuple] = None             # (basic|project, end) of the last 基本支出 / 项目支出 value
    last_value: Optional[tuple] = None            # (claims, end) of the last value stated
    head: list = field(default_factory=list)      # the claims of the value a list is opened after
    listed: int = 0                               # values listed since that head (or since the last change)
    prior: Optional[tuple] = None                 # (amount, base) of a prior-year amount waiting for its value
    prior_subject: tuple = ((), "")               # (metrics, subject) printed before that prior amount
    sentence_at: int = -1                         # where the sentence of the value being read starts


# "上年执行数", "2025年预算数为", "上年预算": a clause that names only a prior-year amount
_PRIOR_CLAUSE = re.compile(r"(?:\d{4}年度?|上一?年度?|去年)(?:年初)?(?:预算)?(?:执行数?|决算数?|预算数?)[为是]?")
_YEAR_ONLY = re.compile(r"((?:19|20)\d{2})年")
_BARE_TOTAL = re.compile(r"^(?:收入|支出)$")
_TOTALS = ("total_income", "total_expenditure")
_CLASSIFIED = ("expenditure_by_function", "expenditure_by_economic")
# a sentence about one project (or its performance target), whose amounts are not the department's
_ONE_PROJECT = re.compile(r"该项目|本项目|此项目|该专项|本专项|项目名称|项目总投资|绩效目标值|成本指标")
_DEPARTMENT_TOTALS = ("total_income", "total_expenditure", "fiscal_income", "fiscal_expenditure",
                      "general_budget_income", "general_budget_expenditure", "government_fund_income",
                      "government_fund_expenditure", "state_capital_income", "state_capital_expenditure",
                      "basic_expenditure", "project_expenditure", "other_income", "business_income")
# economic items (款) that no metric names (委托业务费, 差旅费 …): a subject naming one is about that item
_OTHER_ITEMS = tuple(n for n in ECONOMIC_ITEMS if n not in ECONOMIC_CLASSES and not metrics_of(n, "万元", n))


def _item_qualified(metric: str, subject: str) -> bool:
    """The subject names an economic item no metric measures before the words of ``metric``:
    "委托业务费财政拨款预算总额" is about 委托业务费 (but "公用经费（办公费、印刷费…）" about 公用经费)."""
    items = [subject.find(n) for n in _OTHER_ITEMS if n in subject]
    if not items:
        return False
    rule = next((r for r in metric_rules("万元") if r.metric == metric and not callable(r.pattern)), None)
    m = re.search(rule.pattern, subject) if rule is not None else None
    at = m.start() if m else max(subject.rfind("收入"), subject.rfind("支出"))
    return min(items) < at or at < 0


def _confident(found: list, subject: str, sent: "_Sentence", state: _ItemState, value: bool = True) -> list:
    """The metrics a subject names with confidence. A bare "支出" / "收入" (a label cut by a page
    break) names a total only beside the other total of the same sentence ("收入X万元，支出Y万元");
    a subject naming an economic item no metric measures ("委托业务费财政拨款预算总额") names that
    item, not the fund or total its words also hold."""
    if not found:
        return found
    if value and _BARE_TOTAL.match(subject) and all(m in _TOTALS for m, _ in found):
        if not any(c.metric in _TOTALS and c.sentence == sent.text for c in state.claims):
            return []
    if any(m in _CLASSIFIED for m, _ in found):
        return found
    if any(_item_qualified(metric, subject) for metric, _ in found):
        return []
    if _ONE_PROJECT.search(sent.norm) and any(m in _DEPARTMENT_TOTALS for m, _ in found):
        return []      # "该项目预算X万元，其中：财政拨款Y万元": a project's money, not the department's
    return found


def _change_verb(before: str) -> Optional[str]:
    """"increase" / "decrease" / "ambiguous" when ``before`` ends with a change verb."""
    text = before.rstrip()
    m = _CHANGE_VERB.search(text)
    if m:
        up = re.fullmatch(_UP, m.group("verb")) is not None
        if m.group("alt"):
            alt_up = re.search(_UP, m.group("alt")) is not None
            if alt_up != up:
                return "ambiguous"     # "增加（减少）"
        return "increase" if up else "decrease"
    m = _COMPARATIVE.search(text)
    if m:
        return "increase" if m.group("verb") in ("大于", "高于", "多于") else "decrease"
    return None


def _apply_change(c: Claim, direction: Optional[str], kind: str, value: Decimal, unit: str) -> None:
    """Record a change on a claim; what the claim already has is kept."""
    if kind == "flat":
        if c.change is None and c.change_value is None:
            c.change, c.change_value = "flat", Decimal(0)
        return
    if value == 0:
        direction = "flat"          # "增加（减少）0万元"
    elif direction == "ambiguous":
        direction = None
    if kind == "pct":
        if c.change_pct is None:
            c.change_pct = value
            c.change = c.change or direction
    elif c.change_value is None and (unit == c.unit or c.value is None):
        c.change_value = value
        c.change = direction if c.change in (None, "flat") else c.change


def _value_subject(span: _Span, unit: str, sentence: str) -> tuple[_Span, list]:
    """The nearest clause before a value, widened over clauses that only say "年初预算数"."""
    clauses = [c for c in span.clauses() if c.strip()]
    if not clauses:
        return span.strip(), []
    k = 1
    while True:
        cand = _Span(span.stream, [i for c in clauses[-k:] for i in c.idx]).strip()
        found = metrics_of(cand.norm, unit, sentence)
        last = clauses[-k].strip().norm
        if k == 1 and len(clauses) > 1 and _BARE_TOTAL.match(last):
            # "住房公积金（项）：支出X万元": the label is the clause before the bare word
            wide = _Span(span.stream, [i for c in clauses[-2:] for i in c.idx]).strip()
            named = metrics_of(wide.norm, unit, sentence)
            if named and not all(m in _TOTALS for m, _ in named):
                return wide, named
        if found or k == len(clauses) or not _GENERIC.match(last) or k >= 3:
            return cand, found
        k += 1


def _clause_len(text: str) -> int:
    m = re.search(r"[、，,:;。(]", text)
    return m.start() if m else len(text)


def _year_of(span: _Span) -> Optional[int]:
    years = _YEAR.findall(span.drop(_COMPARE).norm)
    return int(years[-1]) if years else None


def _raw_part(own: _Span, part: str) -> str:
    """The printed text of ``part`` (a normalized piece of ``own``)."""
    at = own.norm.find(part)
    return own.cut(at, at + len(part)).raw if at >= 0 else own.raw


def _same_subject(a: str, b: str) -> bool:
    na = "".join(_norm_char(c) for c in a)
    nb = "".join(_norm_char(c) for c in b)
    return bool(na and nb) and (na.endswith(nb) or nb.endswith(na))


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
def extract_claims(pages: list[NarrativePage], year: Optional[int] = None) -> list[Claim]:
    """The claims stated by narrative pages, in reading order.

    Pages of one file are read as one text (a sentence may run over a page break); pages of
    different files are read separately. ``year`` is the budget year; when None it is read
    from the text ("2018年度部门预算").
    """
    claims: list[Claim] = []
    groups: list[tuple[str, list[NarrativePage]]] = []
    for p in pages:
        if groups and groups[-1][0] == p.file:
            groups[-1][1].append(p)
        else:
            groups.append((p.file, [p]))
    for file, group in groups:
        stream = _build_stream(file, group)
        if not stream.raw:
            continue
        claims += _Extractor(stream, year if year is not None else _infer_year(stream)).run()
    return claims
