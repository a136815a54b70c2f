"""Turn the written forms of a number into a float: digits, Chinese numerals, English words.

Releases mix ``94,000``, ``816 000``, full-width ``１２３``, ``三十多``, ``两千余`` and
``three million``; everything downstream wants one float. Scale words (万, 亿, million)
are kept separate from units so ``1.68万亿元`` and ``RMB 15.42 trillion`` parse the same way.
"""

from __future__ import annotations

import re

from bot.extract.wordlists import UNITS

# Full-width digits and number punctuation → ASCII, one character for one, so offsets in the
# normalised text are offsets in the original sentence.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９％．，：／－＋\u3000", "0123456789%.,:/-+ ")
_FULL_WIDTH_CHAR = re.compile("[０１２３４５６７８９％．，：／－＋\u3000]")

# Scale and number words are data (bot/data/units.toml).
EN_SCALES: dict[str, float] = UNITS["scales"]["en"]
ZH_SCALES: dict[str, float] = UNITS["scales"]["zh"]
EN_WORDS: dict[str, int] = UNITS["number_words"]
EN_FRACTIONS: dict[str, float] = UNITS["number_fractions"]

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_ZH_DIGITS |= {"七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}
_SEPARATORS = re.compile(r"[,\s\u00a0\u2009\u202f]")


def normalize(text: str) -> str:
    """ASCII digits and punctuation for full-width ones; length and offsets unchanged."""
    if text.isascii() or not _FULL_WIDTH_CHAR.search(text):
        return text  # nothing to translate (the common case, and much cheaper to find)
    return text.translate(_FULL_WIDTH)


def parse_arabic(token: str) -> float:
    """``94,000`` → 94000.0, ``816 000`` → 816000.0, ``1,234.5`` → 1234.5."""
    return float(_SEPARATORS.sub("", token))


def parse_chinese(token: str) -> float | None:
    """Chinese numerals → number: 三十 → 30, 两千 → 2000, 一万二千 → 12000, 三亿 → 3e8.

    Returns None for strings that are not a well-formed numeral (e.g. an idiom's 一).
    """
    total = 0.0
    section = 0.0
    digit: float | None = None
    for ch in token:
        if ch in "零〇" and digit is None and (section or total):
            continue  # 一千零五, 一亿零五百万: a zero after a unit only holds a place
        if ch in _ZH_DIGITS:
            if digit is not None:  # two digits in a row (一二) is not a numeral we read
                return None
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            section += (1 if digit is None else digit) * _ZH_UNITS[ch]
            digit = None
        elif ch in _ZH_BIG:
            section += digit or 0
            total = (total + section) * _ZH_BIG[ch] if ch == "亿" else total + section * 1e4
            section, digit = 0.0, None
        else:
            return None
    return total + section + (digit or 0)


def parse_english(words: str) -> float | None:
    """``three`` → 3, ``twenty-five`` → 25, ``a quarter`` → 0.25; None when not a number."""
    key = words.lower().strip()
    if key in EN_WORDS:
        return float(EN_WORDS[key])
    if key in EN_FRACTIONS:
        return EN_FRACTIONS[key]
    parts = re.split(r"[-\s]+", key)
    if len(parts) == 2 and parts[0] in EN_WORDS and parts[1] in EN_WORDS:
        tens, ones = EN_WORDS[parts[0]], EN_WORDS[parts[1]]
        if tens % 10 == 0 and 20 <= tens <= 90 and ones < 10:
            return float(tens + ones)
    return None


def scale_of(word: str) -> float:
    """Multiplier of an English or Chinese scale word (1.0 when unknown)."""
    return EN_SCALES.get(word.lower(), ZH_SCALES.get(word, 1.0))
