"""``performance.inline_arithmetic``: arithmetic written inside an indicator name ("（2 次*3 万/次）")
recomputed and compared with the indicator value."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from ...model import Indicator
from ..base import Context, check, tolerance
from ..common.amounts import fmt
from ..common.targets import target_label, target_name, tfinding
from ..common.text import nfkc, squeeze

_NUM = r"\d+(?:\.\d+)?"
_FACTOR = rf"{_NUM}\s*[\u4e00-\u9fffA-Za-z]{{0,4}}(?:\s*/\s*[\u4e00-\u9fffA-Za-z]{{1,4}})?"
_PRODUCT = re.compile(rf"({_FACTOR})(?:\s*[*×xX＊]\s*({_FACTOR}))+")
_FACTOR_PARTS = re.compile(rf"({_NUM})\s*([\u4e00-\u9fffA-Za-z]{{0,4}})(?:\s*/\s*([\u4e00-\u9fffA-Za-z]{{1,4}}))?")
# money units of a factor (in 元) and of an indicator value (in 元)
_MONEY = {"万元": Decimal(10000), "万": Decimal(10000), "元": Decimal(1), "千元": Decimal(1000)}
_VALUE_SCALE = {"万元": Decimal(10000), "万元/年": Decimal(10000), "元": Decimal(1), "千元": Decimal(1000)}


@dataclass
class Product:
    text: str
    value: Decimal           # in 元 when money, else in the count unit
    money: bool
    low: Decimal             # range of the value when each factor is a rounded figure
    high: Decimal


def _product(text: str, factors: list) -> Optional[Product]:
    value, low, high, money = Decimal(1), Decimal(1), Decimal(1), False
    for num, unit, per in factors:
        try:
            v = Decimal(num)
        except InvalidOperation:
            return None
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
    return Product(text, value, money, low, high)


def products_in(name: str) -> list:
    """Products written in a name: "（60期*300 份*3 元/份）" -> 54000 元."""
    s = nfkc(name).replace("＊", "*").replace("×", "*")
    out = []
    for m in _PRODUCT.finditer(s):
        factors = _FACTOR_PARTS.findall(m.group(0))
        if len(factors) < 2:
            continue
        prod = _product(m.group(0).strip(), factors)
        if prod is not None:
            out.append(prod)
    return out


def _finding(ctx: Context, p, ind: Indicator, prods: list):
    unit = squeeze(ind.unit)
    scale = _VALUE_SCALE.get(unit)
    if scale is None:
        return None
    total = sum((x.value for x in prods), Decimal(0)) / scale
    low = sum((x.low for x in prods), Decimal(0)) / scale
    high = sum((x.high for x in prods), Decimal(0)) / scale
    value = ind.value
    if abs(total - value) <= tolerance(len(prods)):
        return None
    shown = "＋".join(f"{x.text}={fmt(x.value / scale)}" for x in prods)
    within_rounding = low - tolerance(1) <= value <= high + tolerance(1)
    close = value != 0 and abs(total - value) / value <= Decimal("0.01")
    severity = "info" if within_rounding and close else "error"
    extra = "（差额在名称所列单价的取整范围内）" if severity == "info" else ""
    return tfinding(ctx, p, (f"{target_label(ctx.d, p, ind.page)}“{target_name(p)}”指标“{ind.name}”：名称中的算式"
                             f"{shown}，合计{fmt(total)}{unit}，而指标值为{ind.value_raw}{unit}，"
                             f"相差{fmt(value - total)}{unit}{extra}。"),
                    ind=ind, severity=severity, expected=total, actual=value, difference=value - total)


@check("performance.inline_arithmetic", "error",
       "指标名称中的算式与指标值一致", "Arithmetic written in an indicator name matches its value",
       "绩效指标应清晰、可衡量（财预〔2020〕10号）：名称中写明的测算式（次数×单价）应等于所填指标值。")
def inline_arithmetic(ctx: Context):
    for p in ctx.d.performance:
        for ind in p.indicators:
            prods = [x for x in products_in(ind.name) if x.money]
            if not prods or ind.value is None:
                continue
            f = _finding(ctx, p, ind, prods)
            if f is not None:
                yield f
