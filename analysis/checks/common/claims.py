"""Narrative claims: which are about the budget year, and the year-on-year changes they state."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

from ...model import Claim, Disclosure
from ...vocab import CHANGE_ZH
from .amounts import decimals, fmt


def about_budget_year(d: Disclosure, c: Claim) -> bool:
    return c.year is None or d.year is None or c.year == d.year


def signed_change(c: Claim) -> Optional[Decimal]:
    """The claimed change as a signed amount (None when no amount is stated)."""
    if c.change == "flat":
        return Decimal(0)
    if c.change_value is None or c.change not in ("increase", "decrease"):
        return None
    return c.change_value if c.change == "increase" else -c.change_value


def implied_prior(c: Claim) -> Optional[Decimal]:
    """Last year's amount a claim implies: value − change."""
    ch = signed_change(c)
    if ch is None or c.value is None:
        return None
    return c.value - ch


def direction_of(delta: Decimal, tol: Decimal) -> str:
    if abs(delta) <= tol:
        return "flat"
    return "increase" if delta > 0 else "decrease"


def pct_matches(claimed: Decimal, exact: Decimal) -> bool:
    """The claim's percentage equals ``exact`` rounded to the claim's precision (± 0.01)."""
    q = Decimal(1).scaleb(-decimals(claimed))
    return abs(abs(claimed) - abs(exact).quantize(q, rounding=ROUND_HALF_UP)) <= Decimal("0.01")


def describe_change(c: Claim) -> str:
    """'增加12.00万元（5.2%）', '与上年持平'."""
    if c.change == "flat":
        return "与上年持平"
    s = CHANGE_ZH.get(c.change or "", "")
    if c.change_value is not None:
        s += f"{fmt(c.change_value)}万元"
    if c.change_pct is not None:
        s += f"（{fmt(c.change_pct, 0)}%）"
    return s


def change_claims(d: Disclosure) -> list:
    """The budget year's claims in 万元 that state a change, each once."""
    out, seen = [], set()
    for c in d.claims:
        if c.unit != "万元" or c.change not in ("increase", "decrease", "flat"):
            continue
        if not about_budget_year(d, c):
            continue
        key = (c.metric, c.subject, c.value, c.change, c.change_value, c.change_pct, c.page)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
