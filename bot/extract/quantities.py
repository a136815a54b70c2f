"""Find every quantity in a sentence: number, scale word, unit, qualifier, range.

One linear pass: a single regex finds number cores (digits, Chinese numerals, English
number words), then short anchored regexes read what sits right after (scale, unit, range,
trailing qualifier) and right before (currency, qualifier). Nothing here decides what the
quantity measures; that is ``subjects`` and ``changes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract import nonfigures
from bot.extract.numbers import (
    EN_SCALES,
    EN_WORDS,
    ZH_SCALES,
    parse_arabic,
    parse_chinese,
    parse_english,
    scale_of,
)
from bot.extract.units import CURRENCY_BEFORE, UNIT_AFTER, currency_code, unit_from_match
from bot.extract.wordlists import CUES, UNITS, alternation
from bot.text.ignorecase import ascii_words, ignorecase_lead, lower_ascii_words
from bot.text.script import ascii_without_digits

_ZH_NUM = "零〇一二两三四五六七八九十百千万亿"
_WORD_END = r"\b"
# The one-word numbers below twenty and the tens, in the order bot/data/units.toml gives them.
_EN_SMALL = "|".join(w for w, v in EN_WORDS.items() if v < 20 and " " not in w)
_EN_TENS = "|".join(w for w, v in EN_WORDS.items() if 20 <= v < 100 and v % 10 == 0)
# Digits and Chinese numerals. The first character is matched on its own so the regex engine
# can jump between candidate characters; lookbehinds after it reject numbers glued to letters
# (IPv6, G20), parts of dates or phone numbers (05 in 2024-05-27) and ordinals (第十).
_NUM_CORE_BODY = (
    r"(?:(?<=\d)(?<![A-Za-z0-9_.\-‐/\\]\d)(?P<ar>\d{0,2}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{0,2}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d.,])|\d*(?:\.\d+)?)"
    r"|(?<=百)(?P<pzh>分之(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百点]+))"
    rf"|(?<=[{_ZH_NUM}])(?<![{_ZH_NUM}数几第每].)(?P<zh>[{_ZH_NUM}]*)"
    r")"
)
_NUM_CORE = re.compile(rf"(?P<lead>[\d{_ZH_NUM}]){_NUM_CORE_BODY}")
# The same for ASCII text, where only 0-9 can lead: a class of one range is tested at each
# character at half the cost of \d (a Unicode look-up) plus the numerals.
_ASCII_NUM_CORE = re.compile(rf"(?P<lead>[0-9]){_NUM_CORE_BODY}")
_EN_UNITS = "(?:-(?:" + "|".join(w for w, v in EN_WORDS.items() if v < 10) + "))?"
# (?<![A-Za-z-])(?:(?:a|one)\s+(?:hundred|quarter|third)|half|(?:TENS)UNITS?|SMALL)\b, each
# alternative opening with its own letter (see ignorecase_lead), so the engine can jump
# between the letters a number word starts with.
_EN_CORE = re.compile(
    "(?P<en>"
    + ignorecase_lead(
        [
            r"a\s+(?:hundred|quarter|third)",
            r"one\s+(?:hundred|quarter|third)",
            "half",
            *(tens + _EN_UNITS for tens in _EN_TENS.split("|")),
            *_EN_SMALL.split("|"),
        ],
        not_after="A-Za-z-",
    )
    + r")\b",
    re.IGNORECASE,
)
_EN_HINT_WORDS = frozenset(f"{_EN_SMALL}|{_EN_TENS}|half|quarter|hundred|third".split("|"))
_SCALE = re.compile(
    rf"\s?(?P<s>{alternation(EN_SCALES, suffix=_WORD_END)})"
    rf"|(?P<z>{alternation(ZH_SCALES, not_before=UNITS['scales']['zh_not_before'])})"
)
_ZH_QUAL_MID = ("多", "余")  # a qualifier between the digits and the scale word or unit
_QUAL_AFTER = re.compile(r"\s?(?P<q>以上|左右|余|多|or more\b|plus\b)")
_THRESHOLD_TAILS = ("以上的", "以下的", "及以上的", "及以下的")
_RANGE = re.compile(r"\s?(?:-|–|—|~|～|至|到)\s?(?P<hi>\d+(?:\.\d+)?)")
_QUALIFIERS_BEFORE: list[str] = CUES["qualifiers"]["before"]
_QUAL_BEFORE = re.compile(
    rf"(?<![A-Za-z])(?P<q>{alternation(_QUALIFIERS_BEFORE)})\s*$",
    re.IGNORECASE,
)
# The last words of _QUAL_BEFORE's phrases (more than, close to, in excess of), and the last
# characters of its Chinese ones (超过, 不足): what the words before a number must end in.
_QUAL_ENDINGS = tuple(sorted({q.split()[-1] if q.isascii() else q[-1] for q in _QUALIFIERS_BEFORE}))
_FRACTION_OF = re.compile(r"\s+of\b")
# "accounted for roughly a quarter": a fraction is a share after these verbs even without "of".
_SHARE_VERB = re.compile(
    r"\b(?:account(?:s|ed|ing)? for|ma(?:de|ke|kes|king) up|represent(?:s|ed|ing)?|"
    r"constitut(?:e|es|ed|ing)|compris(?:e|es|ed|ing))(?:\s+(?:about|around|roughly|nearly|almost|"
    r"approximately|some|over|more than|less than))?\s+$",
    re.IGNORECASE,
)
_HALF_OF_PERIOD = re.compile(r"(?:first|second|latter|former|upper|lower)\s+$", re.IGNORECASE)


@dataclass(slots=True)
class Quantity:
    """One quantity in a sentence, value already in base units.

    ``start``/``end`` cover the quantity's own text (currency, qualifier, number, unit);
    ``num_start`` is where the digits begin; ``bare`` means no unit and no scale word.
    """

    start: int
    end: int
    num_start: int
    value: float
    unit: str
    qualifier: str | None
    bare: bool
    high: float | None = None
    in_parentheses: bool = False


def scan(text: str) -> list[Quantity]:
    """All quantities in ``text`` (a normalised sentence), in order, traps left out."""
    # _NUM_CORE opens with a digit or a Chinese numeral: an ASCII sentence without digits has
    # none, and is not searched (its class would be tested at every character).
    cores = [] if ascii_without_digits(text) else _number_cores(text)
    words = lower_ascii_words(text)
    if not _EN_HINT_WORDS.isdisjoint(ascii_words(text.lower()) if words is None else words):
        cores += [(m, "en") for m in _EN_CORE.finditer(text)]
        cores.sort(key=lambda pair: pair[0].start())
    if not cores:
        return []
    skip = sorted(nonfigures.skip_spans(text))
    found: list[Quantity] = []
    last_end = 0
    next_skip = 0
    for match, kind in cores:
        start = match.start()
        while next_skip < len(skip) and skip[next_skip][1] <= start:
            next_skip += 1
        if start < last_end or _skipped(start, skip, next_skip):
            continue
        quantity = _read(text, match, kind)
        if quantity is not None:
            found.append(quantity)
            last_end = quantity.end
    return found


def _number_cores(text: str) -> list[tuple[re.Match[str], str]]:
    r"""Each _NUM_CORE match with its kind ("ar", "pzh", "zh"); an ASCII text is searched
    with _ASCII_NUM_CORE, which finds the same there (\d is 0-9, no numeral can lead)."""
    pattern = _ASCII_NUM_CORE if text.isascii() else _NUM_CORE
    return [(m, m.lastgroup or "ar") for m in pattern.finditer(text)]


def _skipped(start: int, skip: list[tuple[int, int]], index: int) -> bool:
    """Whether ``start`` falls in one of the spans ``skip[index:index + 3]`` (sorted): none
    does when the first of them starts after it, the common case, found without a loop."""
    if index == len(skip) or skip[index][0] > start:
        return False
    return nonfigures.in_spans(start, skip[index : index + 3])


def _read(text: str, match: re.Match[str], kind: str) -> Quantity | None:
    token = match.group()
    pos = match.end()
    if kind == "ar":
        value = parse_arabic(token)
    elif kind == "pzh":
        value = _percent_zh(token)
        if value is None:
            return None
        return _finish(text, match.start(), pos, value, "percent", None, bare=False)
    elif kind == "zh":
        value = parse_chinese(token)
    else:
        value = parse_english(token)
    if value is None:
        return None
    qualifier = None
    if kind != "en" and text[pos : pos + 1] in _ZH_QUAL_MID:
        qualifier, pos = text[pos], pos + 1
    scale = _SCALE.match(text, pos)
    factor = 1.0
    if scale and not (kind == "zh" and scale.group("z")):
        factor = scale_of((scale.group("s") or scale.group("z")).strip())
        pos = scale.end()
        if kind != "en" and text[pos : pos + 1] in _ZH_QUAL_MID:
            qualifier, pos = text[pos], pos + 1
    unit_match = UNIT_AFTER.match(text, pos)
    unit, unit_factor = unit_from_match(unit_match) if unit_match else ("count", 1.0)
    high = None
    if unit_match:
        pos = unit_match.end()
    currency = CURRENCY_BEFORE.search(text, max(0, match.start() - 5), match.start())
    if currency and (not unit_match or unit == "count"):
        unit, unit_factor, unit_match = currency_code(currency.group("cur")), 1.0, unit_match
    range_match = _RANGE.match(text, pos) if kind == "ar" else None
    if range_match:
        end_hi = range_match.end()
        hi_unit = UNIT_AFTER.match(text, end_hi)
        if hi_unit and (not unit_match or unit_from_match(hi_unit)[0] == unit):
            unit, unit_factor = unit_from_match(hi_unit)
            high = float(range_match.group("hi")) * factor * unit_factor
            pos, unit_match = hi_unit.end(), hi_unit
    bare = unit_match is None and factor == 1.0 and not currency
    if kind == "zh" and value < 10 and factor == 1.0 and qualifier is None:
        return None  # 三家, 两项, 一批: small counts written out are wording, not figures
    if kind == "en" and value < 1:
        share = _FRACTION_OF.match(text, match.end()) or _SHARE_VERB.search(
            text, max(0, match.start() - 40), match.start()
        )
        if not share or _HALF_OF_PERIOD.search(text, max(0, match.start() - 10), match.start()):
            return None
        value, unit, bare = value * 100, "percent", False
    if bare and not _bare_ok(text, match, token, kind):
        return None
    if unit_match is None and text[pos : pos + 1].isascii() and text[pos : pos + 1].isalpha():
        return None  # glued letters: 5G, 4K, 3D are names, not quantities
    if text.startswith(_THRESHOLD_TAILS, pos):
        return None  # 月收入在5000元以上的网民: a threshold that defines a group, not a figure
    if unit == "second" and unit_factor == 3600.0 and value * factor == 24:
        return None  # 24 hours, 7×24小时: round-the-clock wording, not a duration measured
    after = _QUAL_AFTER.match(text, pos)
    if after and (after.group("q") not in ("多", "余") or not bare):
        qualifier, pos = qualifier or after.group("q").strip(), after.end()
    start = currency.start() if currency else match.start()
    before = _qualifier_before(text, start)
    if before and qualifier is None:
        qualifier, start = before.group("q"), before.start()
    total = value * factor * unit_factor
    if high is not None:
        qualifier = qualifier or f"range to {high:g}"
    quantity = Quantity(start, pos, match.start(), total, unit, qualifier, bare, high)
    quantity.in_parentheses = text[max(0, start - 1) : start] in ("(", "（")
    return quantity


def _qualifier_before(text: str, start: int) -> re.Match[str] | None:
    """``_QUAL_BEFORE`` right before ``start``, searched only when the words there can end it."""
    low = max(0, start - 16)
    if not nonfigures.ends_in(text, low, start, _QUAL_ENDINGS):
        return None
    return _QUAL_BEFORE.search(text, low, start)


def _bare_ok(text: str, match: re.Match[str], token: str, kind: str | None) -> bool:
    if kind == "zh":
        return False
    spelled = kind == "en"
    if not spelled and "." in token:
        return False
    return nonfigures.bare_count_ok(text, match.start(), match.end(), token, spelled)


def _finish(
    text: str, start: int, end: int, value: float, unit: str, qualifier: str | None, *, bare: bool
) -> Quantity:
    before = _qualifier_before(text, start)
    if before:
        qualifier, start = before.group("q"), before.start()
    return Quantity(start, end, start, value, unit, qualifier, bare)


def _percent_zh(token: str) -> float | None:
    body = token.removeprefix("百分之")
    if body[:1].isdigit():
        return float(body)
    whole, _, frac = body.partition("点")
    value = parse_chinese(whole)
    if value is None:
        return None
    digits = "".join(str(int(parse_chinese(ch) or 0)) for ch in frac)
    return float(f"{int(value)}.{digits}") if digits else value
