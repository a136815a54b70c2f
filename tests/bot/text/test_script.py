"""Letter counts by script, which both language guesses rest on."""

from __future__ import annotations

import pytest

from bot.text.script import script_counts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (0, 0)),
        ("5G base stations: 3.377 million", (0, 20)),
        ("截至2023年底，5G基站337.7万个", (8, 1)),
        ("ſome Kelvin, İ and ı", (0, 12)),  # ſ, İ and ı are not ASCII letters
    ],
)
def test_counts_cjk_ideographs_and_ascii_letters(text: str, expected: tuple[int, int]) -> None:
    assert script_counts(text) == expected


def test_agrees_with_a_count_per_character() -> None:
    text = "网民规模达10.92亿人 Online retail – «5G» 基站 ½ Ünïcode"
    cjk = sum("\u3400" <= ch <= "\u9fff" for ch in text)
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    assert script_counts(text) == (cjk, latin)
