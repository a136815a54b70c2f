"""Numbers that are not figures: dates, times, years, phone numbers, IDs, ordinals, names.

Releases are full of digits that measure nothing (``March 25, 2024``, ``86-10-64255855``,
``No.138``, ``the 14th Five-Year Plan``, ``5G``, ``Issue 28``). Reporting them would flood
the digest with noise, so the scanner asks this module before it keeps a number: first
for spans to skip wholesale, then whether a bare number (no unit, no scale word) counts.
"""

from __future__ import annotations

import re

from bot.extract.wordlists import CUES, alternation
from bot.months import MONTH_ABBREVIATIONS, MONTH_PATTERNS
from bot.text.ignorecase import caseless
from bot.text.script import ascii_without_digits

_MONTH_NAMES = tuple(name[0].upper() + name[1:] for name in MONTH_PATTERNS)  # capitalised
_MONTH = f"(?:{'|'.join(_MONTH_NAMES)})"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?\b"
# _MONTH and _DAY once their first character is matched (a month checks it behind itself).
_MONTH_REST = "(?:" + "|".join(f"(?<={name[0]}){name[1:]}" for name in _MONTH_NAMES) + ")"
_DAY_REST = r"(?<=\d)\d?(?:st|nd|rd|th)?\b"
# "March 5(–7)(, 2024)", "5 (of) March( 2024)", "March(,) 2024", each at a word start. The
# first character (a month's capital or a digit) is matched on its own so the regex engine
# jumps between candidates; the lookbehind after it stands in for the leading \b.
_MONTH_SPANS = re.compile(
    r"[JFMASOND\d](?<!\w[\s\S])(?:"
    rf"{_MONTH_REST}\.?\s+{_DAY}(?:\s*(?:-|–|—|to)\s*(?:{_MONTH}\.?\s+)?{_DAY})?(?:,?\s+\d{{4}})?"
    rf"|{_DAY_REST}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+\d{{4}})?"
    rf"|{_MONTH_REST},?\s+\d{{4}}\b)"
)
# What every _MONTH_SPANS branch holds: the first three letters of a capitalised month name.
# Case-sensitive literals, so the engine jumps between the (rare) capitals they start with.
_MONTH_CAPITAL = re.compile("|".join(stem.capitalize() for stem in MONTH_ABBREVIATIONS))
# Every other skipped span starts with a digit or 第. Matching that first character as a
# group lets the regex engine jump between candidate characters instead of trying each
# alternative at every position; the lookbehinds after it stand in for a leading \b.
_DIGIT_SPANS_BODY = (
    r"(?:"
    r"(?<![A-Za-z0-9]\d)\d{3}[-/.]\d{1,2}[-/.]\d{1,2}\b"  # 2024-06-18
    r"|(?<=\d)\d{0,3}年\d{1,2}月(?:\d{1,2}[日号])?|(?<=\d)\d?月\d{1,2}[日号]"  # 2024年6月18日
    r"|(?<![A-Za-z0-9]\d)\d?:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?"  # 09:30
    r"|(?<![A-Za-z0-9]\d)\d?\s?[ap]\.m\."  # 9 a.m.
    r"|(?<=\d)\d{0,3}(?:[-‐]\d{2,8}){2,}"  # 010-6820-3344
    r"|(?<![A-Za-z0-9]\d)\d*(?:st|nd|rd|th)\b"  # 14th
    r"|(?:(?<=1)9|(?<=2)0)\d{2}\s?(?:-|–|—|~|至|到|/)\s?(?:(?:19|20)\d{2}|\d{2}\b)年?"  # 2024-2026
    r"|(?<=第)[\d零〇一二两三四五六七八九十百千]+"  # 第十二
    r"|(?<=前)\d{1,2}(?:名|位|强)"  # 前5名: a ranking, not a count
    r")"
)
_DIGIT_SPANS = re.compile(rf"(?P<lead>[\d第前]){_DIGIT_SPANS_BODY}")
# The same for ASCII text, where only 0-9 can lead: one range is cheaper to test at each
# character than \d (a Unicode look-up) and 第前.
_ASCII_DIGIT_SPANS = re.compile(rf"(?P<lead>[0-9]){_DIGIT_SPANS_BODY}")
_WEB_SPANS = re.compile(
    "|".join(
        (
            r"(?:https?://|www\.)[^\s，。；]+",
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
            r"\b[\w-]+(?:\.[\w-]+)*\.(?:cn|com|org|net|gov|edu|int)\b[^\s，。；]*",
        )
    )
)
_WEB_HINT = re.compile(r"@|www|http|\.(?:cn|com|org|net|gov|edu|int)\b")
# Words before a bare number that make it a label, not a quantity.
_LABEL_BEFORE = re.compile(rf"(?:\b(?:{alternation(CUES['nonfigures']['labels'])})\.?|#|＃)\s*$")
# Words that may follow a bare count without making it a count of something.
_NOT_NOUNS = frozenset(CUES["nonfigures"]["not_nouns"])
_WORD_AFTER = re.compile(r"\s+[\"“‘']?((?:[a-z][a-z'’-]*|\d+[A-Za-z][A-Za-z0-9-]*))\b")
_HYPHENATED_WORD = re.compile(r"[A-Za-z-]+")  # the words after a spelled number
# A bare number right after a change word is the size of the change (``up 874,000 from``);
# it takes the unit of the level it modifies, so no noun has to follow it.
_CHANGE_BEFORE = re.compile(
    r"\b(?:up|down|(?:rose|grew|fell|dropped|declined|increased|decreased|jumped) by|added|adding|"
    r"(?:net )?(?:increase|decrease|rise|drop|gain|decline) of)\s*$",
    re.IGNORECASE,
)
# "the number of open datasets had grown to 370,000": the clause names what is counted.
_NUMBER_OF_BEFORE = re.compile(
    r"\b(?:number|total number|count) of\b(?:[^,;:.!?]|[,.](?=\d)){1,90}?"
    r"\b(?:reached|hit|exceeded|surpassed|"
    r"topped|stood at|totall?ed|was|were|is|are|rose to|grew to|grown to|increased to|climbed to|"
    r"came to|amounted to|reaches|exceeds|surpasses|tops|totals|stands at|"
    r"(?:will|would|to)\s+(?:reach|exceed|surpass|top|hit|total))"
    r"\s+(?:(?:more than|over|nearly|about|around|some)\s+)?$",
    re.IGNORECASE,
)
# "foreign-invested firms now number more than 4,300": the verb says the subject is counted.
_NUMBER_VERB_BEFORE = re.compile(
    r"(?<!\bthe )(?<!\ba )\bnumber(?:s|ed)?\s+"
    r"(?:(?:more than|over|nearly|almost|about|around|some|roughly|close to)\s+)?$",
    re.IGNORECASE,
)
_NONFIG = CUES["nonfigures"]
_LEVEL_VERB_BEFORE = re.compile(
    rf"\b(?:{alternation(_NONFIG['level_verbs_en'])})\s+"
    rf"(?:(?:{alternation(_NONFIG['level_qualifiers_en'])})\s+)?$",
    re.IGNORECASE,
)
_LEVEL_ENDINGS = tuple(
    {w.split()[-1] for w in _NONFIG["level_verbs_en"] + _NONFIG["level_qualifiers_en"]}
)
# A plural noun (products, entities, merchants), not is/was/its/this/as/us/less/across.
_PLURAL_NOUN = re.compile(r"\b[A-Za-z][a-z-]{2,}(?<![su])s\b")
_LEVEL_WINDOW = 90
_DURATION_AFTER = re.compile(
    r"\s+(?:consecutive|straight|successive|running|full|past|more)\s+"
    r"(?:years?|months?|days?|weeks?|hours?|decades?|quarters?|times)\b",
    re.IGNORECASE,
)
_SPELLED_BLOCK_BEFORE = re.compile(
    r"(?:\b(?:the|these|those|its|their|our|all|top|first|past|next|last|following|every|each|"
    r"other|remaining|another|only|of\s+the)\s+|^\s*)$",
    re.IGNORECASE,
)
# Nouns that turn a small spelled-out number into discourse ("five areas"), not a figure.
_DISCOURSE_NOUNS = frozenset(CUES["nonfigures"]["discourse_nouns"])


def ends_in(text: str, start: int, end: int, endings: tuple[str, ...]) -> bool:
    r"""Whether ``text[start:end]``, trailing spaces dropped and folded as re.IGNORECASE folds
    ASCII letters, ends in one of ``endings`` (lower-case): a cheap necessary test before a
    pattern ending in ``(?:…|word)\s*$`` is searched between ``start`` and ``end``."""
    return caseless(text[start:end].rstrip()).endswith(endings)


# The words a _CHANGE_BEFORE match can end in (before the trailing spaces).
_CHANGE_ENDINGS = ("up", "down", "by", "added", "adding", "of")


def skip_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of dates, times, URLs, phone numbers, ordinals and year ranges.

    A _DIGIT_SPANS span starts with a digit, 第 or 前 and every _MONTH_SPANS branch holds a
    digit, so an ASCII text without digits (a sentence with only spelled-out numbers) skips
    both searches and keeps only the web spans."""
    spans: list[tuple[int, int]] = []
    if not ascii_without_digits(text):
        digit_spans = _ASCII_DIGIT_SPANS if text.isascii() else _DIGIT_SPANS
        spans = [m.span() for m in digit_spans.finditer(text)]
        if _MONTH_CAPITAL.search(text):
            spans += [m.span() for m in _MONTH_SPANS.finditer(text)]
    if _WEB_HINT.search(text):
        spans += [m.span() for m in _WEB_SPANS.finditer(text)]
    return spans


def _has_number_of(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds ``number of``/``count of`` (folded as re.IGNORECASE
    folds), without which _NUMBER_OF_BEFORE cannot match there."""
    window = caseless(text[start:end])
    return "number of" in window or "count of" in window


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """True when ``pos`` falls inside one of ``spans``."""
    return any(start <= pos < end for start, end in spans)


def is_year(token: str) -> bool:
    """A four-digit integer between 1900 and 2100 written without separators."""
    return token.isdigit() and len(token) == 4 and 1900 <= int(token) <= 2100


def _counts_its_subject(text: str, start: int) -> bool:
    """ "Registered data products in China reached 12,840": a level verb right before the
    number, and a plural noun in its clause before the verb (what it counts)."""
    if not ends_in(text, max(0, start - 16), start, _LEVEL_ENDINGS):
        return False  # the last word before the number is no level verb or qualifier
    low = max(0, start - _LEVEL_WINDOW)
    verb = _LEVEL_VERB_BEFORE.search(text, low, start)
    if verb is None:
        return False
    clause = text[low : verb.start()]
    clause = clause[max(clause.rfind(","), clause.rfind(";"), clause.rfind(":")) + 1 :]
    return bool(_PLURAL_NOUN.search(clause))


def bare_count_ok(text: str, start: int, end: int, token: str, spelled: bool) -> bool:
    """Whether a number with no unit or scale word is a count of the noun that follows it.

    ``21 policy documents`` is, and so is a number whose clause names what it counts
    (``the number of X reached 340``) or that sizes a change (``up 874,000``); ``in 2023``,
    ``Issue 28``, ``100011, China``, ``No. 1``,
    ``five areas`` and ``the three sectors`` are not.
    """
    if is_year(token) or (token.isdigit() and len(token) >= 7):
        return False
    if _LABEL_BEFORE.search(text[max(0, start - 12) : start]):
        return False
    after = text[end : end + 40]
    if after[:1] in "-‐/:" or after[:1].isalpha() or _DURATION_AFTER.match(after):
        return False
    if not spelled and (
        (
            ends_in(text, max(0, start - 30), start, _CHANGE_ENDINGS)
            and _CHANGE_BEFORE.search(text, max(0, start - 30), start)
        )
        or (
            _has_number_of(text, max(0, start - 160), start)
            and _NUMBER_OF_BEFORE.search(text, max(0, start - 160), start)
        )
        or (
            "number" in caseless(text[max(0, start - 30) : start])
            and _NUMBER_VERB_BEFORE.search(text, max(0, start - 30), start)
        )
        or _counts_its_subject(text, start)
    ):
        return True
    word = _WORD_AFTER.match(after)
    if not word or word.group(1).lower() in _NOT_NOUNS:
        return False
    if spelled:
        if _SPELLED_BLOCK_BEFORE.search(text[max(0, start - 20) : start]):
            return False
        words = _HYPHENATED_WORD.findall(after)[:2]
        if any(w.lower() in _DISCOURSE_NOUNS for w in words):
            return False
    return True
