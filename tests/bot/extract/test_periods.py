"""Periods: as stated, months take the release year, comparisons are a basis not a period."""

from __future__ import annotations

import pytest

from bot.extract.periods import find_periods


def first(text: str, ref: int | None = 2024) -> tuple[str, str]:
    period = find_periods(text, ref)[0]
    return period.value, period.kind


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("By the end of 2023, the network", "2023"),
        ("In 2022 the ministry", "2022"),
        ("As of June, users", "2024-06"),
        ("as of the end of September this year", "2024-09"),
        ("in the first three quarters", "2024-Q1/2024-Q3"),
        ("in the third quarter of 2023", "2023-Q3"),
        ("in the first half of 2023", "2023-H1"),
        ("By the end of last year", "2023"),
        ("截至2023年底", "2023"),
        ("截至10月末", "2024-10"),
        ("2024年1—10月", "2024-01/2024-10"),
        ("上半年", "2024-H1"),
        ("前三季度", "2024-Q1/2024-Q3"),
        ("2012–13", "2012/2013"),
    ],
)
def test_status_periods(text: str, value: str) -> None:
    assert first(text) == (value, "status")


@pytest.mark.parametrize(
    ("text", "value"),
    [("by 2027", "2027"), ("到2025年", "2025"), ("(2024-2026)", "2024/2026")],
)
def test_target_periods(text: str, value: str) -> None:
    assert first(text, 2024) == (value, "target")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("较2022年12月", "2022-12"),
        ("compared with December 2022", "2022-12"),
        ("over 2022", "2022"),
    ],
)
def test_comparison_is_basis(text: str, value: str) -> None:
    assert first(text) == (value, "basis")


def test_day_dates_are_not_periods() -> None:
    assert find_periods("12月8日,峰会开幕", 2024) == []


def test_month_without_year_needs_a_reference() -> None:
    assert find_periods("As of June, users", None) == []
