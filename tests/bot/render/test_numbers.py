from __future__ import annotations

import pytest

from bot.model import Change
from bot.render.numbers import format_change, format_qualified, format_value


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (3_377_000, "count", "3.377 million"),
        (1.542e13, "CNY", "¥15.42 trillion"),
        (1.09967e9, "count", "1.0997 billion"),
        (94_000, "count", "94,000"),
        (77.5, "percent", "77.5%"),
        (1.6, "percentage_point", "1.6 pp"),
        (2.3e20, "FLOPS", "230 EFLOPS"),
        (3.285e22, "byte", "32.85 ZB"),
        (2.5, "times", "2.5×"),
        (4.5e10, "USD", "$45 billion"),
    ],
)
def test_format_value(value: float, unit: str, expected: str) -> None:
    assert format_value(value, unit) == expected


def test_wan_scale_value_renders_in_english_units() -> None:
    assert format_value(337.7 * 10_000, "count") == "3.377 million"


def test_yi_scale_money_renders_in_english_units() -> None:
    assert format_value(1.68 * 10**12, "CNY") == "¥1.68 trillion"


def test_percent_change_year_on_year() -> None:
    assert format_change(Change(46.1, "percent", "year on year")) == "+46.1% y/y"


def test_negative_change_keeps_its_sign() -> None:
    assert format_change(Change(-0.9, "percent", "year on year")) == "-0.9% y/y"


def test_percentage_point_change_is_not_percent() -> None:
    assert format_change(Change(1.6, "percentage_point", "")) == "+1.6 pp"


def test_yi_scale_count_renders_in_billions() -> None:
    assert format_value(10.92 * 10**8, "count") == "1.092 billion"


def test_negative_money_keeps_sign_before_currency() -> None:
    assert format_value(-2.5e9, "CNY") == "-¥2.5 billion"


def test_previous_year_basis_is_shortened_to_y_y() -> None:
    assert format_change(Change(3.2, "percent", "previous year")) == "+3.2% y/y"


def test_negative_count_change_uses_english_scale() -> None:
    assert format_change(Change(-8.74e5, "count", "")) == "-874,000"


def test_negative_percentage_point_change() -> None:
    assert format_change(Change(-0.4, "percentage_point", "")) == "-0.4 pp"


def test_chinese_qualifier_is_rendered_in_english() -> None:
    assert format_qualified(1.1e9, "count", "近") == "nearly 1.1 billion"


def test_english_qualifier_is_kept() -> None:
    assert format_qualified(230e18, "FLOPS", "over") == "over 230 EFLOPS"


def test_range_qualifier_reads_as_a_range() -> None:
    assert format_qualified(10, "percent", "range to 15") == "10–15%"


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (103_320, "28.7 hours"),
        (5.6862e13, "15.795 billion hours"),
        (90, "1.5 minutes"),
        (0.02, "20 ms"),
    ],
)
def test_durations_render_in_the_largest_fitting_unit(seconds: float, expected: str) -> None:
    assert format_value(seconds, "second") == expected


def test_chinese_upper_bound_renders_as_at_most() -> None:
    assert format_qualified(5e6, "CNY", "不超过") == "at most ¥5 million"
