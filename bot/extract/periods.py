"""Periods a figure refers to: ``by the end of 2023``, ``as of June``, 截至10月末, 前三季度.

Values follow the contract: ``2023``, ``2023-10``, ``2023-Q3``, ``2023-H1``, and intervals
joined by a slash (``2024/2026``, ``2023-01/2023-10`` for 1—10月, ``2023-Q1/2023-Q3`` for
the first three quarters). A month or ``this year`` without a year takes the reference year
(the release's publication year). Each period is tagged ``status`` (what was), ``target``
(``by 2027``, 到2025年) or ``basis`` (``compared with December 2022``, 比上年: the other side
of a comparison, never the figure's own period).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from bot.extract.nonfigures import ends_in
from bot.extract.wordlists import TARGET_LEAD
from bot.months import MONTH_PATTERNS, MONTHS
from bot.text.ignorecase import caseless, ignorecase_lead

_MONTH_NAMES = MONTH_PATTERNS
_MONTH = rf"(?:{'|'.join(_MONTH_NAMES)})\b\.?"
# _MONTH when it opens a rule, written so the engine can jump between the letters a month
# starts with (see ignorecase_lead); the rules that open with a word are written so too.
_MONTH_LEAD = ignorecase_lead(_MONTH_NAMES) + r"\b\.?"
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "一": 1, "二": 2, "三": 3, "四": 4}
_ORD |= {"two": 2, "three": 3, "1": 1, "2": 2, "3": 3, "4": 4}
_YEARISH = r"(?P<y>(?:19|20)\d{2}|last year|this year|the year|the previous year|the same year)"
_BASIS_BEFORE = re.compile(
    r"(?:比|较|与|同|由|从|相比|相较|相当于|(?:\b(?:compared (?:with|to)|over|than|from|against|on|"
    r"versus|vs\.?|equivalent to|equal to))(?:\s+the)?)\s*$",
    re.IGNORECASE,
)
# The last words a _BASIS_BEFORE match can end in, before its trailing spaces.
_BASIS_ENDINGS = ("比", "较", "与", "同", "由", "从", "with", "to", "over", "than", "from")
_BASIS_ENDINGS += ("against", "on", "versus", "vs", "vs.", "the", "相当于")
# A future year after a target lead ("by", 到) or "in" ("in 2027") is a target.
_TARGET_BEFORE = re.compile(rf"(?:{TARGET_LEAD}|\bin\s*)$", re.IGNORECASE)
# A year that names the whole a share is taken of, not the share's period: "40 percent of the
# total recorded for all of 2024", "a third of 2024's total", "the whole of 2023".
_WHOLE_BEFORE = re.compile(
    r"(?:\b(?:all|whole) of (?:the )?|\btotals?(?: \w+)? (?:for|in|of) (?:all of )?)$",
    re.IGNORECASE,
)
_POSSESSIVE_AFTER = ("'s ", "’s ")
_END_OF = re.compile(r"(?:the )?end of (?:the )?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Period:
    """A period stated in a sentence, at ``start``..``end``."""

    start: int
    end: int
    value: str
    kind: str  # "status", "target" or "basis"


def _year(text: str | None, ref: int | None) -> int | None:
    if text is None:
        return ref
    lowered = text.lower()
    if lowered.isdigit():
        return int(lowered)
    if lowered in ("last year", "the previous year", "去年", "上年"):
        return ref - 1 if ref else None
    return ref


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return int(key) if key.isdigit() else MONTHS.get(key) or MONTHS[key[:3]]


Handler = Callable[[re.Match[str], int | None], str | None]


def _ym(m: re.Match[str], ref: int | None) -> str | None:
    year = _year(m.groupdict().get("y"), ref)
    if year and m.group().lower().startswith("last ") and m.groupdict().get("y") is None:
        year -= 1  # "over last December"
    month = m.groupdict().get("m")
    if year is None:
        return None
    return f"{year}-{_month(month):02d}" if month else str(year)


def _half(m: re.Match[str], ref: int | None) -> str | None:
    year = _year(m.groupdict().get("y"), ref)
    half = 1 if m.group("h") in ("first", "上") else 2
    return f"{year}-H{half}" if year else None


def _quarters(m: re.Match[str], ref: int | None) -> str | None:
    year = _year(m.groupdict().get("y"), ref)
    n = _ORD[m.group("n")]
    if year is None:
        return None
    return f"{year}-Q1/{year}-Q{n}" if m.groupdict().get("first") else f"{year}-Q{n}"


def _months(m: re.Match[str], ref: int | None) -> str | None:
    year = _year(m.groupdict().get("y"), ref)
    if year is None:
        return None
    return f"{year}-{_month(m.group('m1')):02d}/{year}-{_month(m.group('m2')):02d}"


def _years(m: re.Match[str], _ref: int | None) -> str | None:
    first, second = m.group("y1"), m.group("y2")
    if len(second) == 2:
        if int(second) <= int(first[2:]):
            return None  # 2023-10 is a month, not the span 2023–2010
        second = first[:2] + second
    return f"{first}/{second}"


# \b(?:19|20)\d{2} with the first digit matched before the \b test (a lookbehind), so the
# regex engine can jump between 1s and 2s instead of trying every position.
_YEAR_AT_WORD_START = r"[12](?<!\w[12])(?:(?<=1)9|(?<=2)0)\d{2}"


def _starting_with(first: str, pattern: str) -> str:
    """``pattern``, which opens with an optional year, behind a lookahead for the characters
    a match can start with: elsewhere the engine fails in one step instead of first trying
    the optional group (``first`` is a character class's inside)."""
    return f"(?=[{first}])(?:{pattern})"


# (regex, handler, trigger): a rule runs only when its trigger occurs in the sentence, so a
# sentence pays for the few rules that can match instead of one pass per rule.
_SPECS: tuple[tuple[str, Handler, str], ...] = (
    (
        r"(?P<y1>(?:19|20)\d{2})\s?(?:-|–|—|~|至|到)\s?(?P<y2>(?:19|20)?\d{2})年?(?![\d月])",
        _years,
        "year4",
    ),
    (rf"(?P<y>{_YEAR_AT_WORD_START})-(?P<m>0?[1-9]|1[0-2])\b(?!-\d)", _ym, "year4"),
    (
        ignorecase_lead([r"between (?P<y1>(?:19|20)\d{2}) and (?P<y2>(?:19|20)\d{2})"]),
        _years,
        "between",
    ),
    (
        ignorecase_lead([r"from (?P<y1>(?:19|20)\d{2}) to (?P<y2>(?:19|20)\d{2})"]),
        _years,
        "year4",
    ),
    (
        _starting_with(
            r"\d",
            r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m1>\d{1,2})\s?(?:-|–|—|~|至)\s?(?P<m2>\d{1,2})月",
        ),
        _months,
        "月",
    ),
    (
        ignorecase_lead(
            [rf"from (?P<m1>{_MONTH}) to (?P<m2>{_MONTH})(?:,? (?P<y>(?:19|20)\d{{2}}))?"]
        ),
        _months,
        "month",
    ),
    (rf"(?P<first>first) (?P<n>two|three) quarters(?: of {_YEARISH})?", _quarters, "quarter"),
    (
        _starting_with("12前", r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<first>前)(?P<n>[二三])季度"),
        _quarters,
        "季度",
    ),
    (
        rf"(?:the )?(?P<n>first|second|third|fourth) quarter(?: of {_YEARISH})?",
        _quarters,
        "quarter",
    ),
    (
        _starting_with("12第一二三四", r"(?:(?P<y>(?:19|20)\d{2})年)?第?(?P<n>[一二三四])季度"),
        _quarters,
        "季度",
    ),
    (r"\bQ(?P<n>[1-4])\s?(?P<y>(?:19|20)\d{2})?", _quarters, "Q"),
    (rf"(?:the )?(?P<h>first|second) half(?: of {_YEARISH})?", _half, "half"),
    (_starting_with("12上下", r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<h>[上下])半年"), _half, "半年"),
    (ignorecase_lead([rf"end of (?:(?P<m>{_MONTH}),? )?{_YEARISH}"]), _ym, "end of"),
    (ignorecase_lead([rf"end of (?P<m>{_MONTH})"]), _ym, "end of"),
    (rf"(?P<m>{_MONTH_LEAD}),? (?P<y>(?:19|20)\d{{2}})", _ym, "month"),
    (
        ignorecase_lead(["as of", "by", "in", "since", "until", "through", "last", "this"])
        + rf" (?:(?:the )?end of )?(?P<m>{_MONTH})",
        _ym,
        "month",
    ),
    (r"(?:截至|截止|到)(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月\d{1,2}[日号]", _ym, "年"),
    (r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?!\d{1,2}[日号])", _ym, "年"),
    (r"(?P<y>(?:19|20)\d{2})年", _ym, "年"),
    # (?<!\d)\d{1,2}, its lookbehind tried after the first digit (the engine jumps to digits)
    (r"(?P<m>\d(?<!\d\d)\d?)月(?:底|末|份)?(?!\d{1,2}[日号])", _ym, "月"),
    (r"(?P<y>去年|今年|本年)", _ym, "年"),
    (rf"(?P<y>{ignorecase_lead(['last year', 'this year'])})", _ym, "year"),
    (rf"(?P<y>{_YEAR_AT_WORD_START})\b(?![-–—/.]\d)", _ym, "year4"),
)
_RULES = [(re.compile(p, re.IGNORECASE), h, t) for p, h, t in _SPECS]
_YEAR4 = re.compile(r"(?:19|20)\d\d")
# Every "month" rule contains _MONTH, so a sentence where it is not found skips them. It is
# searched case-sensitively in ``caseless`` text, which answers as re.IGNORECASE on the text
# would: a case-insensitive pattern loses the engine's jump to the letters a month starts with.
_MONTH_NAME = re.compile(_MONTH)
_YEAR_SPAN_VALUE = re.compile(r"\d{4}/\d{4}")
# Without a reference year, only a target lead makes a year a target.
_BY_BEFORE = re.compile(rf"{TARGET_LEAD}$", re.IGNORECASE)
_WORD_TRIGGERS = ("between", "quarter", "half", "end of", "year")
_CHAR_TRIGGERS = ("月", "季度", "半年", "年", "Q")


def may_hold_a_year(text: str) -> bool:
    """Whether ``text`` holds 19 or 20, which every year 19xx/20xx starts with: a substring
    search is far cheaper per character than a regex opening with a character class."""
    return "20" in text or "19" in text


def _triggers(text: str) -> set[str]:
    lowered = caseless(text)
    found = {t for t in _WORD_TRIGGERS if t in lowered}
    found |= {t for t in _CHAR_TRIGGERS if t in text}
    if may_hold_a_year(text) and _YEAR4.search(text):
        found.add("year4")
    if _MONTH_NAME.search(lowered):
        found.add("month")
    return found


@cache
def _rules_for(triggers: frozenset[str]) -> tuple[tuple[re.Pattern[str], Handler], ...]:
    """The rules a set of triggers sets off, in rule order (few distinct sets occur)."""
    return tuple((pattern, handler) for pattern, handler, trigger in _RULES if trigger in triggers)


def find_periods(text: str, ref_year: int | None) -> list[Period]:
    """Periods stated in ``text`` (a normalised sentence), in order, without overlaps."""
    triggers = _triggers(text)
    if not triggers:
        return []
    taken = bytearray(len(text))
    found: list[Period] = []
    for pattern, handler in _rules_for(frozenset(triggers)):
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(taken[start:end]):
                continue
            value = handler(m, ref_year)
            if value is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            kind = _kind(text, start, value, ref_year)
            if kind == "status" and _names_a_whole(text, start, end):
                kind = "basis"
            found.append(Period(start, end, value, kind))
    return sorted(found, key=lambda p: p.start)


def _names_a_whole(text: str, start: int, end: int) -> bool:
    """The year is the base a share is taken of (``_WHOLE_BEFORE``, or 2024's)."""
    if text.startswith(_POSSESSIVE_AFTER, end):
        return True
    before = text[max(0, start - 30) : start]
    return ("of" in before or "for" in before or "in" in before) and bool(
        _WHOLE_BEFORE.search(before)
    )


def _kind(text: str, start: int, value: str, ref_year: int | None) -> str:
    """Each pattern is searched only when it can decide: the words before the period are
    checked for what it needs first (case-insensitive patterns are tried at every position)."""
    before = text[max(0, start - 24) : start]
    if "end of" in caseless(before):
        before = _END_OF.sub("", before)
    if ends_in(before, 0, len(before), _BASIS_ENDINGS) and _BASIS_BEFORE.search(before):
        return "basis"
    year = int(value[:4])
    future = ref_year is not None and year > ref_year
    if _YEAR_SPAN_VALUE.fullmatch(value) and ref_year and int(value[-4:]) >= ref_year:
        return "target"
    if (future and _TARGET_BEFORE.search(before)) or (
        ref_year is None and _BY_BEFORE.search(before)
    ):
        return "target"
    return "status"
