"""Units written after (or before) a number, and their conversion to base units.

The contract stores base units only (count, percent, percentage_point, CNY, USD, FLOPS,
byte, second, times, SI symbols) so figures from different releases compare directly:
``230 EFLOPS`` and ``0.23 ZFLOPS`` both become 2.3e20 FLOPS, ``32.85 ZB`` 3.285e22 byte.
The regexes are anchored (``match`` at a position) and have no nested repetition.
"""

from __future__ import annotations

import re

_PREFIX = {"": 1.0, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18, "Z": 1e21}
_PREFIX["Y"] = 1e24
_BYTE_WORDS = {"kilo": "K", "mega": "M", "giga": "G", "tera": "T", "peta": "P", "exa": "E"}
_BYTE_WORDS |= {"zetta": "Z", "yotta": "Y"}
_ZH_BYTES = {"泽字节": "Z", "艾字节": "E", "拍字节": "P", "太字节": "T", "吉字节": "G"}

# Chinese classifiers after a number: the figure is a count of something.
ZH_CLASSIFIERS = (
    "人次|户|人|个|家|项|台|座|条|款|所|名|位|件|套|种|批|张|部(?!门)|辆|架|艘|篇|场|处|类|只|块|片"
    "|宗|笔|次|门|枚|册|栋|间|颗|份"
)

# Units written after the number (and an optional space). Order matters: longer first.
_EN_AFTER = (
    r"(?P<pp>percentage[- ]points?|pct\.?\s?pts?|ppts?\b|pp\b)"
    r"|(?P<pct>%|percent\b|per\s?cent\b|pct\b)"
    r"|(?P<flops>[KMGTPEZ]?FLOPS\b|[kmgtpez]?flops\b)"
    r"|(?P<bytes>[KMGTPEZY]B\b|(?:kilo|mega|giga|tera|peta|exa|zetta|yotta)bytes?\b|bytes?\b)"
    r"|(?P<cny>yuan\b|RMB\b|renminbi\b)"
    r"|(?P<usd>U\.?S\.?\s?dollars\b|dollars\b|USD\b)"
    r"|(?P<eur>euros?\b|EUR\b)"
    r"|(?P<times>times\b|-fold\b|fold\b)"
    r"|(?P<ms>milliseconds?\b|ms\b)"
    r"|(?P<sec>seconds?\b)"
    r"|(?P<min>minutes?\b)"
    r"|(?P<hour>hours?\b)"
    r"|(?P<si>tonnes\b|tons\b|t\b|km\b|kilometres\b|kilometers\b|kWh\b|TWh\b|GWh\b|kW\b|MW\b|GW\b)"
)
_ZH_AFTER = (
    r"(?P<pp>个百分点|百分点)"
    r"|(?P<pct>%)"
    r"|(?P<zhbytes>泽字节|艾字节|拍字节|太字节|吉字节)"
    r"|(?P<flops>[KMGTPEZ]?FLOPS|[kmgtpez]?flops)"
    r"|(?P<bytes>[KMGTPEZY]B)"
    r"|(?P<usd>美元)"
    r"|(?P<eur>欧元)"
    r"|(?P<cny>元)"
    r"|(?P<times>倍)"
    r"|(?P<ms>毫秒)"
    r"|(?P<sec>秒钟|秒)"
    r"|(?P<min>分钟)"
    r"|(?P<hour>小时)"
    r"|(?P<si>万千瓦时|千瓦时|万千瓦|千瓦|公里|千米|万吨|吨)"
    r"|(?P<cls>" + ZH_CLASSIFIERS + ")"
)
UNIT_AFTER = re.compile(r"\s?(?:" + _EN_AFTER + "|" + _ZH_AFTER.replace("?P<", "?P<z") + ")")
CURRENCY_BEFORE = re.compile(r"(?P<cur>US\$|HK\$|\$|RMB|CNY|USD|EUR|€|¥|￥|人民币)\s?$")
_CURRENCY_CODES = {"US$": "USD", "$": "USD", "USD": "USD", "RMB": "CNY", "CNY": "CNY", "¥": "CNY"}
_CURRENCY_CODES |= {"￥": "CNY", "人民币": "CNY", "HK$": "HKD", "EUR": "EUR", "€": "EUR"}
_SI = {"tonnes": "t", "tons": "t", "kilometres": "km", "kilometers": "km", "公里": "km"}
_SI |= {"千米": "km", "吨": "t", "万吨": "t", "千瓦": "kW", "万千瓦": "kW", "千瓦时": "kWh"}
_SI |= {"万千瓦时": "kWh"}
_SI_FACTOR = {"万吨": 1e4, "万千瓦": 1e4, "万千瓦时": 1e4}
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
    kind = kind.removeprefix("z")
    if kind == "pp":
        return "percentage_point", 1.0
    if kind == "pct":
        return "percent", 1.0
    if kind == "flops":
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
