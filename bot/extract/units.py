"""Units written after (or before) a number, and their conversion to base units.

The contract stores base units only (count, percent, percentage_point, CNY, USD, FLOPS,
byte, second, times, SI symbols) so figures from different releases compare directly:
``230 EFLOPS`` and ``0.23 ZFLOPS`` both become 2.3e20 FLOPS, ``32.85 ZB`` 3.285e22 byte.
The regexes are anchored (``match`` at a position) and have no nested repetition.
"""

from __future__ import annotations

import re

from bot.extract.wordlists import UNITS, alternation

_PREFIX: dict[str, float] = UNITS["si_prefixes"]
_BYTE_WORDS: dict[str, str] = UNITS["byte_words"]
_ZH_BYTES: dict[str, str] = UNITS["zh_bytes"]

# Chinese classifiers after a number: the figure is a count of something.
ZH_CLASSIFIERS = alternation(
    UNITS["classifiers"]["zh"], not_before=UNITS["classifiers"]["zh_not_before"]
)
_ZH_UNITS: dict[str, list[str]] = UNITS["zh_units"]
_SI_UNITS: dict[str, list[str]] = UNITS["si_units"]
_SI_EN = alternation(_SI_UNITS["en"], suffix=r"\b")
_BYTE_PREFIX_WORDS = alternation(_BYTE_WORDS)

# Units written after the number (and an optional space). Order matters: longer first.
_EN_AFTER = (
    r"(?P<pp>percentage[- ]points?|pct\.?\s?pts?|ppts?\b|pp\b)"
    r"|(?P<pct>%|percent\b|per\s?cent\b|pct\b)"
    # EFLOPS, PFlops, eflops, petaflops: the prefix as a letter in either case, or spelled out
    rf"|(?P<flops>(?:{_BYTE_PREFIX_WORDS})flops\b|[KMGTPEZkmgtpez]?(?:FLOPS|[Ff]lops)\b)"
    rf"|(?P<bytes>[KMGTPEZY]B\b|(?:{_BYTE_PREFIX_WORDS})bytes?\b|bytes?\b)"
    r"|(?P<cny>yuan\b|RMB\b|renminbi\b)"
    r"|(?P<usd>U\.?S\.?\s?dollars\b|dollars\b|USD\b)"
    r"|(?P<eur>euros?\b|EUR\b)"
    r"|(?P<times>times\b|-fold\b|fold\b)"
    r"|(?P<ms>milliseconds?\b|ms\b)"
    r"|(?P<sec>seconds?\b)"
    r"|(?P<min>minutes?\b)"
    r"|(?P<hour>hours?\b)"
    rf"|(?P<si>{_SI_EN})"
)
_ZH_AFTER = (
    rf"(?P<pp>{alternation(_ZH_UNITS['percentage_point'])})"
    r"|(?P<pct>%)"
    rf"|(?P<zhbytes>{alternation(_ZH_BYTES)})"
    rf"|(?P<flops>(?:{_BYTE_PREFIX_WORDS})flops|[KMGTPEZkmgtpez]?(?:FLOPS|[Ff]lops))"
    r"|(?P<bytes>[KMGTPEZY]B)"
    rf"|(?P<usd>{alternation(_ZH_UNITS['USD'])})"
    rf"|(?P<eur>{alternation(_ZH_UNITS['EUR'])})"
    rf"|(?P<cny>{alternation(_ZH_UNITS['CNY'])})"
    rf"|(?P<times>{alternation(_ZH_UNITS['times'])})"
    rf"|(?P<ms>{alternation(_ZH_UNITS['millisecond'])})"
    rf"|(?P<sec>{alternation(_ZH_UNITS['second'])})"
    rf"|(?P<min>{alternation(_ZH_UNITS['minute'])})"
    rf"|(?P<hour>{alternation(_ZH_UNITS['hour'])})"
    rf"|(?P<si>{alternation(_SI_UNITS['zh'])})"
    r"|(?P<cls>" + ZH_CLASSIFIERS + ")"
)
# A percentage written as an adjective, hyphenated: "a 30.6-percent coverage rate".
UNIT_AFTER = re.compile(
    r"\s?(?:" + _EN_AFTER + "|" + _ZH_AFTER.replace("?P<", "?P<z") + ")"
    r"|-(?:(?P<xpct>percent\b|per-cent\b)|(?P<xpp>percentage-points?\b))"
)
_CURRENCY_CODES: dict[str, str] = UNITS["currency_codes"]
CURRENCY_BEFORE = re.compile(rf"(?P<cur>{alternation(_CURRENCY_CODES)})\s?$")
_SI: dict[str, str] = UNITS["si_symbols"]
_SI_FACTOR: dict[str, float] = UNITS["si_factors"]
_SECONDS = {"sec": 1.0, "min": 60.0, "hour": 3600.0}  # durations are stored in seconds
_SIMPLE = {"cny": "CNY", "usd": "USD", "eur": "EUR", "times": "times", "cls": "count"}


def currency_code(symbol: str) -> str:
    """ISO code for a currency written before a number (``$`` → USD, ``RMB`` → CNY)."""
    return _CURRENCY_CODES.get(symbol, "CNY")


def unit_from_match(match: re.Match[str]) -> tuple[str, float]:
    """(base unit, factor) for a ``UNIT_AFTER`` match: ``EFLOPS`` → ("FLOPS", 1e18)."""
    kind = match.lastgroup  # the one named group of the alternative that matched
    assert kind is not None
    token = match.group(kind).strip()
    kind = kind.removeprefix("z").removeprefix("x")
    if kind == "pp":
        return "percentage_point", 1.0
    if kind == "pct":
        return "percent", 1.0
    if kind == "flops":
        word = token[:-5].lower()  # "peta" of petaflops, "P" of PFlops, "" of FLOPS
        if word in _BYTE_WORDS:
            return "FLOPS", _PREFIX[_BYTE_WORDS[word]]
        return "FLOPS", _PREFIX[token[0].upper()] if len(token) > 5 else 1.0
    if kind == "bytes":
        return "byte", _byte_factor(token)
    if kind == "zhbytes":
        return "byte", _PREFIX[_ZH_BYTES[token]]
    if kind in _SIMPLE:
        return _SIMPLE[kind], 1.0
    if kind == "ms":
        return "second", 1e-3
    if kind in _SECONDS:
        return "second", _SECONDS[kind]
    return _SI.get(token, token), _SI_FACTOR.get(token, 1.0)


def _byte_factor(token: str) -> float:
    lowered = token.lower()
    for word, prefix in _BYTE_WORDS.items():
        if lowered.startswith(word):
            return _PREFIX[prefix]
    if lowered.startswith("byte"):
        return 1.0
    return _PREFIX[token[0].upper()] if len(token) == 2 else 1.0
