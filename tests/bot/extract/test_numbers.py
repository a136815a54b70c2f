"""Number parsing: digits with separators, full-width digits, Chinese numerals, English words."""

from __future__ import annotations

import pytest

from bot.extract.numbers import normalize, parse_arabic, parse_chinese, parse_english, scale_of


@pytest.mark.parametrize(
    ("token", "value"),
    [("94,000", 94000.0), ("1,234.5", 1234.5), ("816 000", 816000.0), ("46.1", 46.1)],
)
def test_arabic_separators(token: str, value: float) -> None:
    assert parse_arabic(token) == value


def test_full_width_digits_keep_offsets() -> None:
    text = "增长１２３．５％"
    assert normalize(text) == "增长123.5%"
    assert len(normalize(text)) == len(text)


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("三十", 30),
        ("两千", 2000),
        ("一万二千", 12000),
        ("三亿", 3e8),
        ("十二", 12),
        ("五千万", 5e7),
    ],
)
def test_chinese_numerals(token: str, value: float) -> None:
    assert parse_chinese(token) == value


def test_chinese_idiom_is_not_a_numeral() -> None:
    assert parse_chinese("一二") is None


@pytest.mark.parametrize(
    ("words", "value"),
    [("three", 3), ("twenty-five", 25), ("a quarter", 0.25), ("one", 1)],
)
def test_english_number_words(words: str, value: float) -> None:
    assert parse_english(words) == value


def test_scale_words() -> None:
    assert scale_of("billion") == 1e9
    assert scale_of("万亿") == 1e12
    assert scale_of("亿") == 1e8
