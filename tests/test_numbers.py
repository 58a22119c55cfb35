from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from analysis.numbers import find_unit, fmt, parse_cell, parse_number, to_wan


@pytest.mark.parametrize("text,value", [
    ("2218.51", Decimal("2218.51")), ("1,337.23", Decimal("1337.23")), ("24,458.43", Decimal("24458.43")),
    ("36", Decimal("36")), ("5.4", Decimal("5.4")), ("(3.20)", Decimal("-3.20")), ("-12.5", Decimal("-12.5")),
    ("２２１８.５１", Decimal("2218.51")), (" 0 ", Decimal("0")), ("0.76", Decimal("0.76")),
    ("\u22121,234.00", Decimal("-1234.00")), ("\u20135.4", Decimal("-5.4")), ("\u2012.50", Decimal("-0.50")),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["2024年", "1,33", "12.3.4", "abc", "", "2,3456.00", "万元", "1\u22122", "\u2212\u22121"])
def test_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text,kind", [
    ("", "blank"), ("  ", "blank"), (None, "blank"), (".", "placeholder"), (",.", "placeholder"),
    ("-", "placeholder"), ("—", "placeholder"), ("——", "placeholder"), ("\u2212", "placeholder"), ("1,205.00", "number"),
    ("定性", "unreadable"), ("12万", "unreadable"),
])
def test_parse_cell_kinds(text, kind):
    cell = parse_cell(text)
    assert cell.kind == kind
    if kind == "blank":
        assert cell.value == 0
    if kind in ("placeholder", "unreadable"):
        assert cell.value is None


def test_units():
    assert find_unit("单位：万元") == "万元"
    assert find_unit("部门：中共江苏省委办公厅 单位:元") == "元"
    assert find_unit("金额合计") is None
    assert to_wan(Decimal("12345600"), "元") == Decimal("1234.56")
    assert to_wan(Decimal("2218.51"), "万元") == Decimal("2218.51")


amounts = st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2,
                      allow_nan=False, allow_infinity=False)


@given(amounts)
def test_thousands_separators_round_trip(v):
    assert parse_number(f"{v:,}") == v
    assert parse_number(f"{v}") == v
    assert parse_cell(fmt(v)).value == v


@given(st.integers(min_value=0, max_value=10**12))
def test_yuan_to_wan_is_exact(yuan):
    wan = to_wan(Decimal(yuan), "元")
    assert wan * 10000 == yuan


@given(st.sampled_from([".", ",.", "-", "—", "——", "/"]), st.sampled_from(["", " ", "  "]))
def test_placeholders_never_numbers(p, pad):
    assert parse_cell(pad + p + pad).kind == "placeholder"
