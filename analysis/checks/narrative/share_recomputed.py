"""``narrative.share_recomputed``: a share the narrative states ("一般公共预算拨款收入414,883.38万元，
占62.3%") is recomputed from the two amounts it relates: the part it follows and the whole it is a
share of.

The whole is the amount the shares of one list are of: when the narrative names it ("占部门预算总额的
9.2%"), a stated amount of that metric; otherwise the amount stated before the list (收入预算X，其中：
…) or the sum of the listed parts. It is taken only when it explains the list: the amount that most
of the list's shares agree with, at least two of them; a lone share is checked only against a
department total it names plainly ("占本年支出合计的99.86%", stated on its page or the one before),
never against a whole named otherwise ("占财政性资金（…除外）总额的比例"). A share that does not agree
with its whole is reported by the printed precision: within half a unit of its last digit it
agrees; exactly on the rounding boundary it is noted (info); cut instead of rounded (99.868%
printed 99.86%), or off by at most one unit in a list whose shares add up to 100% (adjusted to
make them do so), it is a warning; beyond, it is wrong (error).
"""
from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_DOWN, Decimal
from typing import Optional

from ...model import Claim
from ...vocab import metric_rules
from ..base import Context, check
from ..common.amounts import decimals, fmt
from ..common.claims import about_budget_year
from ..common.text import claim_text

HUNDRED = Decimal(100)
CENT = Decimal("0.005")     # half a printed cent of an amount in 万元
LOOK_BACK = 40              # claims before a list that may state its whole
BRACKETED = re.compile(r"\([^()]*\)")
# the wholes a lone share is checked against: the department's totals a narrative names plainly
# ("占本年支出合计的99.86%"); a lone share of anything else ("占财政性资金…总额的比例") is left alone
LONE_WHOLES = ("total_income", "total_expenditure", "general_budget_income", "general_budget_expenditure",
               "fiscal_income", "fiscal_expenditure")


def _part_of(claims: list, i: int) -> Optional[int]:
    """Where the amount a share claim follows is (a claim just before it, of the same sentence)."""
    s = claims[i]
    for j in range(i - 1, max(-1, i - 4), -1):
        c = claims[j]
        if c.unit == "万元" and c.value is not None and c.sentence == s.sentence and s.subject.startswith(c.subject):
            return j
    return None


def _lists(claims: list) -> list:
    """[[(share, part, where the part is)]]: consecutive (part, share) pairs of one file form a list."""
    out: list = []
    current: list = []
    last = -2
    for i, c in enumerate(claims):
        if c.metric != "share_pct" or c.value is None:
            continue
        j = _part_of(claims, i)
        if j is None:
            continue
        part = claims[j]
        if not current or j != last + 1 or part.file != current[-1][1].file:
            current = []
            out.append(current)
        current.append((c, part, j))
        last = i
    return out


def _named_whole(share: Claim, part: Claim) -> Optional[str]:
    """The metric of the whole a share names ("占部门预算总额的"), None when it names none; what a
    bracket adds or leaves out ("财政性资金（人员类…公用经费…除外）总额") does not name it."""
    whole = BRACKETED.sub("", unicodedata.normalize("NFKC", share.subject[len(part.subject):].lstrip("占")))
    if not whole:
        return None
    for rule in metric_rules("万元"):
        if rule.matches(whole, share.sentence):
            return rule.metric
    return None


def _exact_range(part: Decimal, whole: Decimal) -> tuple:
    """The shares the printed amounts allow (each rounded to half a cent)."""
    lo = max(part - CENT, Decimal(0)) / (whole + CENT) * HUNDRED
    hi = (part + CENT) / max(whole - CENT, CENT) * HUNDRED
    return lo, hi


def _off(share: Decimal, part: Decimal, whole: Decimal) -> Decimal:
    """How far a printed share lies from every share the amounts allow."""
    lo, hi = _exact_range(part, whole)
    return max(lo - share, share - hi, Decimal(0))


def _half_unit(share: Decimal) -> Decimal:
    return Decimal(5).scaleb(-(decimals(share) + 1))


def _agrees(share: Claim, part: Claim, whole: Decimal) -> bool:
    return _off(share.value, part.value, whole) <= _half_unit(share.value)


def _candidates(claims: list, items: list) -> list:
    """Wholes a list may be of: amounts stated before it (nearest first), and the sum of its parts."""
    first = items[0][2]
    parts = {id(p) for _, p, _ in items}
    biggest = max(p.value for _, p, _ in items)
    named = {_named_whole(s, p) for s, p, _ in items} - {None}
    page = items[0][1].page
    out = []
    for c in reversed(claims[max(0, first - LOOK_BACK):first + 1]):
        if (c.unit == "万元" and c.value is not None and id(c) not in parts and c.value >= biggest
                and c.value > 0 and c.file == items[0][1].file and (not named or c.metric in named)
                and (len(items) > 1 or page - 1 <= c.page <= page)):
            out.append(c.value)
    total = sum((p.value for _, p, _ in items), Decimal(0))
    if total > 0 and not named:
        out.append(total)
    return list(dict.fromkeys(out))


def _whole(claims: list, items: list) -> Optional[Decimal]:
    """The whole that most shares of the list agree with (at least two; a lone share only with a
    whole it names)."""
    best, best_n = None, 0
    for w in _candidates(claims, items):
        n = sum(_agrees(s, p, w) for s, p, _ in items)
        if n > best_n:
            best, best_n = w, n
    alone = len(items) == 1 and _named_whole(items[0][0], items[0][1]) in LONE_WHOLES
    if best_n >= 2 or (alone and best_n == 1):
        return best
    if alone:
        cands = _candidates(claims, items)
        return cands[0] if cands else None
    return None


def _truncated(share: Decimal, part: Decimal, whole: Decimal) -> bool:
    """The printed share is the exact one cut (not rounded) to its printed digits."""
    q = Decimal(1).scaleb(-decimals(share))
    return any(x.quantize(q, rounding=ROUND_DOWN) == share for x in _exact_range(part, whole))


def _severity(share: Claim, part: Claim, whole: Decimal, adds_to_100: bool) -> Optional[str]:
    """None when the share agrees; info on the rounding boundary (or within it only by the amounts'
    own rounding); warning when cut instead of rounded, or one unit off in a list made to add up to
    100%; else error."""
    half = _half_unit(share.value)
    point = abs(share.value - part.value / whole * HUNDRED)
    if point < half:
        return None
    if _off(share.value, part.value, whole) <= half:
        return "info"
    if _truncated(share.value, part.value, whole):
        return "warning:cut"
    if adds_to_100 and point <= 2 * half:
        return "warning:100"
    return "error"


NOTES = {"info": "，正处于四舍五入的边界", "warning:cut": "；所称比例系截尾而非四舍五入",
         "warning:100": "；该组占比合计恰为100%，此项可能为凑足100%而调整"}


def _finding(ctx: Context, share: Claim, part: Claim, whole: Decimal, grade: str):
    exact = part.value / whole * HUNDRED
    q = Decimal(1).scaleb(-(decimals(share.value) + 2))
    note = NOTES.get(grade, "")
    severity = grade.partition(":")[0]
    return ctx.finding(
        (f"说明第{share.page}页称“{part.subject}”{fmt(part.value)}万元占{fmt(share.value, decimals(share.value))}%"
         f"（“{claim_text(share)}”），按{fmt(part.value)}÷{fmt(whole)}计算为{exact.quantize(q)}%{note}。"),
        table="narrative", severity=severity, file=share.file, page=share.page, item=part.subject or share.subject,
        expected=exact.quantize(q), actual=share.value, difference=share.value - exact.quantize(q))


@check("narrative.share_recomputed", "error",
       "说明中的占比可由所述金额重算", "Shares recompute from the amounts they relate",
       "说明中“占…%”的比例应等于所述金额除以其所占的总额（《地方预决算公开操作规程》要求说明内容与公开表格一致、准确）。")
def share_recomputed(ctx: Context):
    claims = [c for c in ctx.d.claims if about_budget_year(ctx.d, c)]
    for items in _lists(claims):
        whole = _whole(claims, items)
        if whole is None:
            continue
        adds_to_100 = abs(sum((s.value for s, _, _ in items), Decimal(0)) - HUNDRED) <= Decimal("0.01")
        for share, part, _ in items:
            severity = _severity(share, part, whole, adds_to_100)
            if severity is not None:
                yield _finding(ctx, share, part, whole, severity)
