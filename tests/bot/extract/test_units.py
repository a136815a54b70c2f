"""Units after a number convert to the contract's base units."""

from __future__ import annotations

import pytest

from bot.extract.units import UNIT_AFTER, currency_code, unit_from_match


@pytest.mark.parametrize(
    ("written", "unit", "factor"),
    [
        (" EFLOPS", "FLOPS", 1e18),
        (" ZFLOPS", "FLOPS", 1e21),
        (" PFLOPS", "FLOPS", 1e15),
        (" ZB", "byte", 1e21),
        (" zettabytes", "byte", 1e21),
        ("泽字节", "byte", 1e21),
        (" TB", "byte", 1e12),
        (" per cent", "percent", 1.0),
        (" percent", "percent", 1.0),
        ("%", "percent", 1.0),
        (" percentage points", "percentage_point", 1.0),
        ("个百分点", "percentage_point", 1.0),
        (" yuan", "CNY", 1.0),
        ("元", "CNY", 1.0),
        ("美元", "USD", 1.0),
        (" US dollars", "USD", 1.0),
        ("倍", "times", 1.0),
        ("家", "count", 1.0),
        (" t", "t", 1.0),
        (" milliseconds", "second", 1e-3),
    ],
)
def test_unit_after_number(written: str, unit: str, factor: float) -> None:
    match = UNIT_AFTER.match(written)
    assert match is not None
    assert unit_from_match(match) == (unit, factor)


def test_percentage_points_are_not_percent() -> None:
    match = UNIT_AFTER.match(" percentage points")
    assert match is not None
    assert unit_from_match(match)[0] == "percentage_point"


@pytest.mark.parametrize(("symbol", "code"), [("$", "USD"), ("RMB", "CNY"), ("US$", "USD")])
def test_currency_before_number(symbol: str, code: str) -> None:
    assert currency_code(symbol) == code
