"""Numbers for people: 3.377 million, ¥15.42 trillion, 77.5%, +46.1% y/y, +1.6 pp.

Values arrive in base units (count, CNY, FLOPS, byte…) from the extractor; Chinese
万/亿 scales are rendered with English scale words because our readers work in English.
"""

from __future__ import annotations

from bot.model import Change

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_SI = ((1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))
_CURRENCY_SIGNS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "JP¥"}
_BASIS_SHORT = {
    "year on year": "y/y",
    "yoy": "y/y",
    "from the previous year": "y/y",
    "previous year": "y/y",
    "over the previous year": "y/y",
    "same period last year": "y/y",
    "month on month": "m/m",
}


def _trim(number: float, digits: int = 3) -> str:
    text = f"{number:,.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def scaled(value: float) -> str:
    """1.542e13 → '15.42 trillion'; 94000 → '94,000'; 1.09967e9 → '1.0997 billion'.

    Four decimals at most, so a Chinese figure like 10.9967亿 keeps the precision the
    release gave instead of collapsing to a rounder number than it stated.
    """
    for factor, word in _SCALES:
        if abs(value) >= factor:
            return f"{_trim(value / factor, 4)} {word}"
    return _trim(value, 2)


def format_value(value: float, unit: str) -> str:
    """A stored value in its unit, ready to show."""
    if unit == "percent":
        return f"{_trim(value, 2)}%"
    if unit == "percentage_point":
        return f"{_trim(value, 2)} pp"
    if unit == "times":
        return f"{_trim(value, 2)}×"
    if unit == "count":
        return scaled(value)
    if unit in _CURRENCY_SIGNS:
        sign = "-" if value < 0 else ""
        return f"{sign}{_CURRENCY_SIGNS[unit]}{scaled(abs(value))}"
    if unit == "second":
        return _duration(value)
    if unit in ("FLOPS", "byte"):
        symbol = "FLOPS" if unit == "FLOPS" else "B"
        for factor, prefix in _SI:
            if abs(value) >= factor:
                return f"{_trim(value / factor, 2)} {prefix}{symbol}"
        return f"{_trim(value, 2)} {symbol}"
    if len(unit) == 3 and unit.isupper():
        return f"{scaled(value)} {unit}"
    return f"{scaled(value)} {unit}"


_DURATIONS = ((3600.0, "hours"), (60.0, "minutes"), (1.0, "seconds"))


def _duration(seconds: float) -> str:
    """Seconds in the largest unit that keeps them whole-ish: 103,320 s → '28.7 hours',
    0.02 s → '20 ms' (releases state durations in hours, minutes or milliseconds)."""
    for size, word in _DURATIONS:
        if abs(seconds) >= size:
            return f"{scaled(seconds / size)} {word}"
    return f"{_trim(seconds * 1000, 2)} ms"


_QUALIFIERS_EN = {
    "超过": "over",
    "超": "over",
    "逾": "over",
    "余": "over",
    "多": "over",
    "以上": "over",
    "近": "nearly",
    "将近": "nearly",
    "接近": "nearly",
    "约": "about",
    "大约": "about",
    "不足": "under",
    "不到": "under",
    "至少": "at least",
    "不少于": "at least",
    "不低于": "at least",
    "不超过": "at most",
    "不高于": "at most",
}


def format_qualified(value: float, unit: str, qualifier: str | None) -> str:
    """'nearly 1.1 billion': the value with its qualifier, Chinese qualifiers in English
    (our readers work in English; the original wording stays in the quoted sentence)."""
    text = format_value(value, unit)
    if not qualifier:
        return text
    if qualifier.startswith("range to "):
        upper = qualifier.removeprefix("range to ")
        if unit == "percent" and text.endswith("%"):
            return f"{text[:-1]}–{upper.rstrip('%')}%"
        return f"{text} to {upper}"
    return f"{_QUALIFIERS_EN.get(qualifier.strip(), qualifier)} {text}"


def format_change(change: Change) -> str:
    """'+46.1% y/y', '-0.9% y/y', '+1.6 pp', '+12.3 million (net)'."""
    sign = "+" if change.value > 0 else ("-" if change.value < 0 else "±")
    magnitude = format_value(abs(change.value), change.unit)
    basis = _BASIS_SHORT.get(change.basis.lower().strip(), change.basis) if change.basis else ""
    return f"{sign}{magnitude} {basis}".strip()
