"""The digit and newline pre-checks give the same answers as the patterns they guard.

A pattern opening with a character class (a digit, a CJK numeral, an odd newline) is
skipped when a few memchr-speed tests show that no character of the class is there; these
tests compare each guarded call with the plain pattern on random text, including Unicode
digits (٣, ３), CJK numerals and every character the newline class holds.
"""

from __future__ import annotations

import random

from bot.extract import nonfigures, quantities
from bot.text import clean, furniture
from bot.text.script import ascii_without_digits

_PIECE_TEXT = (
    "the digital economy grew by 10.5% in 2023 to 5.6 trillion yuan March 5, 2024 May 2024 "
    "Jan. 3 14th No. 8 09:30 9 a.m. 2024-06-18 010-6820-3344 2024-2026 第十二 前5名 "
    "3年6月 五千 百分之三 two hundred a quarter half www.gov.cn x@y.org 100 million 4K 5G "
    "٣ ３ ² ½ 一 十 零 〇 first second percent per cent ZB EFLOPS Mar Jun Sep Dec "
    "\r \x0b \x0c \x85 \u2028 \u2029 \u3000 ’ — \x1c \x1f"
)
_PIECES = tuple(_PIECE_TEXT.split(" "))
_GLUE = (" ", "", ", ", ". ", "-", "\n")


def _samples(count: int = 5000, seed: int = 23) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(_PIECES) + rng.choice(_GLUE) for _ in range(rng.randint(0, 9)))
        for _ in range(count)
    ]


def test_ascii_without_digits_means_no_digit_class_matches() -> None:
    for text in _samples():
        if ascii_without_digits(text):
            assert not quantities._NUM_CORE.search(text), text
            assert not nonfigures._DIGIT_SPANS.search(text), text
            assert not nonfigures._MONTH_SPANS.search(text), text
            assert not furniture._FIGURE.search(text), text
        else:
            assert not text.isascii() or any(ch.isdigit() for ch in text), text


def test_carries_figure_agrees_with_the_figure_pattern() -> None:
    for text in _samples():
        assert furniture.carries_figure(text) == bool(furniture._FIGURE.search(text)), text


def test_skip_spans_agrees_with_the_unguarded_searches() -> None:
    for text in _samples():
        plain = [m.span() for m in nonfigures._DIGIT_SPANS.finditer(text)]
        plain += [m.span() for m in nonfigures._MONTH_SPANS.finditer(text)]
        plain += [m.span() for m in nonfigures._WEB_SPANS.finditer(text)]
        assert sorted(nonfigures.skip_spans(text)) == sorted(plain), text


def test_odd_newline_check_agrees_with_the_newline_class() -> None:
    for text in [*_samples(), "a\rb", "\x85", "x\u2028", "\u2029y", "\x0c", "\x0b", "plain"]:
        assert clean._has_odd_newline(text) == bool(clean._ODD_NEWLINE.search(text)), text


def test_ascii_variants_find_what_the_full_patterns_find_in_ascii_text() -> None:
    pairs = (
        (quantities._ASCII_NUM_CORE, quantities._NUM_CORE),
        (nonfigures._ASCII_DIGIT_SPANS, nonfigures._DIGIT_SPANS),
    )
    texts = [text for text in _samples(8000, seed=29) if text.isascii()]
    assert len(texts) > 1000
    for fast, plain in pairs:
        for text in texts:
            got = [(m.span(), m.lastgroup) for m in fast.finditer(text)]
            assert got == [(m.span(), m.lastgroup) for m in plain.finditer(text)], text


def test_scan_cores_agree_with_the_full_pattern() -> None:
    for text in _samples():
        got = [(m.span(), kind) for m, kind in quantities._number_cores(text)]
        plain = [(m.span(), m.lastgroup or "ar") for m in quantities._NUM_CORE.finditer(text)]
        assert got == plain, text
