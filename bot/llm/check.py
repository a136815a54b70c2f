"""The rule that keeps model-written text honest: every number it writes is in the release.

A number is a run of digits, with decimal points and thousands commas (``4.838``,
``1,265``, ``2025``); commas are dropped before comparing, so "1,265" matches "1265". A
summary that converts 483.8万 to "4.838 million" is rejected too: the reader could not find
4.838 in the release, and checking conversions would mean trusting the model's arithmetic.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(text: str) -> set[str]:
    return {match.replace(",", "").rstrip(".") for match in _NUMBER.findall(text)}


def invented_numbers(output: str, release_text: str) -> set[str]:
    """Numbers in ``output`` that the release never states (empty: the output may be used)."""
    return numbers_in(output) - numbers_in(release_text)
