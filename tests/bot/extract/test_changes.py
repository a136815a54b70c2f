"""Change cues: direction, basis, and which words may separate a change from its level."""

from __future__ import annotations

import pytest

from bot.extract.changes import basis_only, detect


def cue(text: str, number: str) -> tuple[int, str] | None:
    start = text.index(number)
    found = detect(text, start, start + len(number))
    return (found.sign, found.basis) if found else None


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("sales were up 46.1 percent year on year", "46.1 percent", (1, "year on year")),
        ("a 12.5% increase from the previous year", "12.5%", (1, "previous year")),
        ("revenue was down 0.9%", "0.9%", (-1, "previous period")),
        ("比上年下降0.9%", "0.9%", (-1, "previous year")),
        ("同比增长6.2%", "6.2%", (1, "year on year")),
        ("较上年末净增4.88亿户", "4.88亿户", (1, "previous year")),
        ("占比回落0.8个百分点", "0.8个百分点", (-1, "previous period")),
    ],
)
def test_change_cues(text: str, number: str, expected: tuple[int, str]) -> None:
    assert cue(text, number) == expected


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("penetration rose to 66.5%", "66.5%"),
        ("占比提升至15.6%", "15.6%"),
        ("网民达10.9亿人", "10.9亿人"),
    ],
)
def test_levels_are_not_changes(text: str, number: str) -> None:
    assert cue(text, number) is None


def test_comparison_words_only_gap() -> None:
    assert basis_only("，比上年")
    assert basis_only(", an ")
    assert not basis_only(", while the number of data centres")
