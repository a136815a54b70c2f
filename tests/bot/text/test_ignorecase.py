"""``ascii_words`` gives what the regex it replaces finds, on any text."""

from __future__ import annotations

import random
import re

import pytest

from bot.text.ignorecase import ascii_words

# ASCII letters, digits and punctuation, the characters re.IGNORECASE equates with ASCII
# letters, CJK, full-width forms, a lone surrogate and an astral character.
_ALPHABET = "abcxyzABZ0189 .,-_'\t\n?İıſ\u212a\u0307é网民２ａ\ud800\U0001f600"


def _texts(count: int = 5000, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(_ALPHABET, k=rng.randint(0, 30))) for _ in range(count)]


@pytest.mark.parametrize(("digits", "pattern"), [(False, "[a-z]+"), (True, "[a-z0-9]+")])
def test_ascii_words_agree_with_findall(digits: bool, pattern: str) -> None:
    for text in [*_texts(), "", "a", "?", "Online retail 5G基站 up 10.5%"]:
        for variant in (text, text.lower()):
            assert ascii_words(variant, digits=digits) == re.findall(pattern, variant), variant
