"""The word lists in bot/data/ and the patterns built from them."""

from __future__ import annotations

import re

import pytest

from bot.extract.commitment_cues import find_deadline
from bot.extract.wordlists import CUES, TARGET_LEAD, TARGET_YEAR_LEAD, UNITS, alternation


def test_alternation_escapes_and_puts_longer_words_first() -> None:
    pattern = alternation(["人", "人次", "a+"])
    assert pattern == r"人次|a\+|人"
    assert re.match(pattern, "人次").group() == "人次"


def test_alternation_guards_a_word_by_what_follows() -> None:
    pattern = re.compile(alternation(["千", "万"], not_before={"千": "米瓦"}))
    assert pattern.match("千米") is None
    assert pattern.match("千家").group() == "千"


def test_the_lists_are_loaded() -> None:
    assert "will" in CUES["commitments"]["modals_en"]
    assert UNITS["scales"]["zh"]["万亿"] == 1e12
    assert "部" in UNITS["classifiers"]["zh"]


@pytest.mark.parametrize(
    ("text", "language", "deadline"),
    [
        ("The network will be completed by the end of 2027.", "en", "2027"),
        ("Pilots will run until mid-2026.", "en", "2026"),
        ("Coverage will expand through 2028.", "en", "2028"),
        ("力争2027年建成全国一体化算力网。", "zh", "2027"),
        ("到2025年，数字经济核心产业增加值占比达到10%。", "zh", "2025"),
    ],
)
def test_one_target_lead_serves_every_deadline(text: str, language: str, deadline: str) -> None:
    assert find_deadline(text, language) == deadline


@pytest.mark.parametrize("lead", [TARGET_LEAD, TARGET_YEAR_LEAD])
def test_as_of_is_not_a_target_lead(lead: str) -> None:
    pattern = re.compile(lead + "2025", re.IGNORECASE)
    assert pattern.search("到2025") and pattern.search("至2025")
    assert not pattern.search("截至2025")
