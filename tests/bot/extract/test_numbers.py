"""Number parsing: digits with separators, full-width digits, Chinese numerals, English words."""

from __future__ import annotations

import pytest

from bot.extract.numbers import normalize, parse_arabic, parse_chinese, parse_english, scale_of
from bot.extract.quantities import scan


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


# --- Edges: nested Chinese scales, a zero that holds a place, scale abbreviations. ---


def read(text: str) -> list[tuple[float, str]]:
    """What the quantity scanner reads in ``text``: (value, unit) pairs."""
    return [(q.value, q.unit) for q in scan(normalize(text))]


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("三亿五千万", 3.5e8),
        ("一千二百三十四万五千六百", 12_345_600),
        ("一万亿", 1e12),
        ("三千万亿", 3e15),
        ("两亿零三百", 200_000_300),
        ("十万零一", 100_001),
    ],
)
def test_nested_chinese_scales(token: str, value: float) -> None:
    assert parse_chinese(token) == value


@pytest.mark.parametrize(
    ("token", "value"), [("一千零五", 1005), ("一亿零五百万", 105_000_000), ("两千零二十", 2020)]
)
def test_zero_after_a_unit_holds_a_place(token: str, value: float) -> None:
    assert parse_chinese(token) == value


@pytest.mark.parametrize("token", ["二〇二三", "零五", "三亿X", "一千零X"])
def test_strings_that_are_not_numerals_read_as_none(token: str) -> None:
    assert parse_chinese(token) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("规模达1.2万亿元", (1.2e12, "CNY")),
        ("用户三亿五千万人", (3.5e8, "count")),
        ("营收一千二百三十四万五千六百元", (12_345_600, "CNY")),
    ],
)
def test_chinese_scales_in_text(text: str, expected: tuple[float, str]) -> None:
    assert read(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("deals worth $2.5 bn were signed", (2.5e9, "USD")),
        ("deals worth $2.5bn were signed", (2.5e9, "USD")),
        ("a fund of RMB 3 bln", (3e9, "CNY")),
        ("12 mn users", (12e6, "count")),
        ("5 mln users", (5e6, "count")),
        ("trade of $4.2 tn in 2024", (4.2e12, "USD")),
        ("output of RMB 4 trln", (4e12, "CNY")),
    ],
)
def test_english_scale_abbreviations(text: str, expected: tuple[float, str]) -> None:
    assert read(text) == [expected]


@pytest.mark.parametrize("word", ["percent", "个", "bnx", ""])
def test_unknown_scale_word_multiplies_by_one(word: str) -> None:
    assert scale_of(word) == 1.0


def test_scale_words_are_case_insensitive_in_english() -> None:
    assert scale_of("Billion") == 1e9


@pytest.mark.parametrize(
    "words", ["ninety-nine", "twenty nine", "Forty-Two"], ids=["hyphen", "space", "case"]
)
def test_compound_english_numbers(words: str) -> None:
    tens, ones = words.lower().replace("-", " ").split()
    assert parse_english(words) == parse_english(tens) + parse_english(ones)


@pytest.mark.parametrize(
    "words",
    ["ten five", "one two", "twenty ten", "twenty hundred", "lots five", "five lots", "a b c"],
)
def test_word_pairs_that_are_not_numbers(words: str) -> None:
    assert parse_english(words) is None


def test_three_number_words_are_not_one_number() -> None:
    assert parse_english("twenty five six") is None


def test_text_without_full_width_characters_is_unchanged() -> None:
    assert normalize("增长12.5%") == "增长12.5%"
