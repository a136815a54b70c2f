"""Tell changes from levels: ``up 46.1 percent year on year``, 比上年下降0.9%, 净增4.88亿户.

A change is reported nested under the level it modifies when nothing but comparison words
stand between them (``3.377 million base stations, a 46.1% increase``); otherwise it is a
figure of its own (``电信业务总量同比增长16.8%``). Decreases are negative. ``rose to 66.5%``
and 提升至15.6% are levels: the cue must sit right before the number, not before 至/to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.wordlists import CUES, alternation
from bot.text.ignorecase import caseless

_CHANGE_WORDS = CUES["changes"]
_NEG_EN = alternation(_CHANGE_WORDS["decrease_verbs_en"])
_POS_EN = alternation(_CHANGE_WORDS["increase_verbs_en"])
_NOUN_EN = alternation(_CHANGE_WORDS["change_nouns_en"])
_NEG_ZH = alternation(_CHANGE_WORDS["decrease_zh"])
_POS_ZH = alternation(_CHANGE_WORDS["increase_zh"])
_CUE_VERB_EN = (
    rf"\b(?<!\bma(?:de|ke) )(?<!\bmakes )(?<!\bmaking )(?<!\bto(?:ok|ke) )(?<!\btakes )"
    rf"(?<!\btaking )(?P<ven>{_NEG_EN}|{_POS_EN})(?:\s+by)?"
)
_CUE_NOUN_EN = rf"\b(?P<nen>{_NOUN_EN})(?:\s+rates?)?\s+(?:of|by|at|was|were|reached|stood at)"
_CUE_VERB_ZH = rf"(?P<vzh>{_NEG_ZH}|{_POS_ZH})(?:了|率)?(?:分别)?(?:为|达到?|是)?"
_CUE_BEFORE = re.compile(
    rf"(?:{_CUE_VERB_EN}|{_CUE_NOUN_EN}|{_CUE_VERB_ZH})\s*$",
    re.IGNORECASE,
)
# _CUE_BEFORE one branch at a time, each with what its match ends in (before the trailing
# spaces, lower-cased): the last word of an English verb (``went up``) or ``by``; the noun's
# of/by/at/was…; the last character of a Chinese cue or of 了/率/分别/为/达到/是. Only the
# branches the window can end in are searched; the leftmost match wins, ties in branch order.
_CUE_BRANCHES = tuple(
    (re.compile(rf"(?:{branch})\s*$", re.IGNORECASE), tuple(sorted(endings)))
    for branch, endings in (
        (
            _CUE_VERB_EN,
            {
                w.split()[-1]
                for w in _CHANGE_WORDS["decrease_verbs_en"] + _CHANGE_WORDS["increase_verbs_en"]
            }
            | {"by"},
        ),
        (_CUE_NOUN_EN, {"of", "by", "at", "was", "were", "reached"}),
        (
            _CUE_VERB_ZH,
            {w[-1] for w in _CHANGE_WORDS["decrease_zh"] + _CHANGE_WORDS["increase_zh"]}
            | set("了率别为达到是"),
        ),
    )
)
_CUE_AFTER = re.compile(
    rf"\s*(?:(?P<nen>{_NOUN_EN})\b|(?P<yoy>year[- ]on[- ]year|y-o-y|yoy)\b"
    r"|(?P<cmp>higher|lower|more|less|up|down)\s+(?:than|from|over|compared)\b)",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    rf"^(?:{_NEG_EN}|{_NEG_ZH}|drop|decrease|decline|fall|reduction|lower|less)", re.I
)
_BASIS_PATTERNS = (
    (re.compile(r"year[- ]on[- ]year|y-o-y|\byoy\b|同比", re.I), "year on year"),
    (re.compile(r"环比|month[- ]on[- ]month", re.I), "month on month"),
    (
        re.compile(
            r"(?:from|over|than|compared (?:with|to)) (?:the |a )?(?:previous|last|prior) year"
            r"|(?:from|than) a year (?:earlier|ago|before)|比上年|较上年|比去年|较去年",
            re.I,
        ),
        "previous year",
    ),
    (re.compile(r"年末|年底|end of (?:the )?(?:previous|last) year", re.I), "previous year end"),
    (re.compile(r"净增|净减|\bnet\b|\badd(?:ed|ing|s)\b", re.I), "net change"),
)
# Words each basis pattern (and _COMPARED) cannot match without, lower-cased: a window
# holding none of them skips the pattern.
_BASIS_KEYS = (
    ("year", "y-o-y", "yoy", "同比"),
    ("环比", "month"),
    ("year", "上年", "去年"),
    ("年末", "年底", "end of"),
    ("净增", "净减", "net", "add"),
)
_COMPARED_KEYS = ("较", "比", "compared", "over", "from")
_COMPARED = re.compile(
    r"(?:较|比|compared (?:with|to)|over|from)\s*(?P<when>(?:last |the )?[\w ]{0,12}?\d{4}[年]?"
    r"(?:\d{1,2}月)?(?:底|末)?|last \w+)",
    re.IGNORECASE,
)
# What may stand between a level and the change that modifies it.
_GAP_FILLER = re.compile(
    r"(?:[\s,，、;；()（）]|\band\b|\bwith\b|\ba\b|\ban\b|\bnet\b|\bwhich\b|\bis\b|\bwas\b|\bthat\b|"
    r"\brepresenting\b|\bmarking\b|\bor\b|\bafter\b|同比|环比|[比较]上年(?:末|同期)?|比去年|较去年|"
    r"[比较](?:\d{4}年)?(?:\d{1,2}月)?(?:底|末)?|占比|分别|均|其中|last year|this year|"
    r"\bin \d{4}\b|year[- ]on[- ]year|"
    r"(?:compared (?:with|to)|over|from)\s+(?:last\s+)?[A-Za-z]*\.?\s*\d{0,4})+",
    re.IGNORECASE,
)


_OBJECT_VERB_WINDOW = 90
_OBJECT_VERB_BY = re.compile(
    rf"\b(?:(?P<reduce>{alternation(_CHANGE_WORDS['reduce_object_verbs_en'])})"
    rf"|{alternation(_CHANGE_WORDS['raise_object_verbs_en'])})\s+[^,;.!?]{{1,80}}?\s+by\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ChangeCue:
    """How a quantity reads as a change: its sign, basis and where the cue starts."""

    sign: int
    basis: str
    cue_start: int


def detect(text: str, start: int, end: int) -> ChangeCue | None:
    """The change cue around the quantity at ``start``..``end`` of ``text``, if any."""
    before = _cue_before(text, max(0, start - 30), start)
    after = None if before else _CUE_AFTER.match(text, end)
    if not before and not after:
        return _object_verb_by(text, start)
    cue = before or after
    assert cue is not None
    word = next(g for g in cue.groups() if g)
    sign = -1 if _NEGATIVE.match(word) else 1
    cue_start = before.start() if before else start
    window = text[max(0, cue_start - 30) : min(len(text), end + 40)]
    return ChangeCue(sign, basis_of(window), cue_start)


def _object_verb_by(text: str, start: int) -> ChangeCue | None:
    """ "cut the cost of data circulation for enterprises by 20%": a verb, its object and
    "by" in one clause before the value make it a change (reducing verbs a decrease)."""
    if text[max(0, start - 4) : start].rstrip()[-2:] not in ("by", "By", "BY"):
        return None  # (cheap: the two letters before the spaces)
    low = max(0, start - _OBJECT_VERB_WINDOW)
    verbs = list(_OBJECT_VERB_BY.finditer(text, low, start))
    if not verbs:
        return None
    found = verbs[-1]  # the last verb before the value: the one "by" belongs to
    sign = -1 if found.group("reduce") else 1
    window = text[max(0, found.start() - 30) : min(len(text), start + 40)]
    return ChangeCue(sign, basis_of(window), found.start())


def _cue_before(text: str, low: int, start: int) -> re.Match[str] | None:
    """``_CUE_BEFORE.search(text, low, start)``, searching only the branches that can match."""
    tail = caseless(text[low:start].rstrip())
    found = None
    for pattern, endings in _CUE_BRANCHES:
        if tail.endswith(endings):
            match = pattern.search(text, low, start)
            if match and (found is None or match.start() < found.start()):
                found = match
    return found


def basis_of(window: str) -> str:
    """What a change compares against, from the words around it ('year on year', ...)."""
    low = caseless(window)
    for (pattern, label), keys in zip(_BASIS_PATTERNS, _BASIS_KEYS, strict=True):
        if any(key in low for key in keys) and pattern.search(window):
            return label
    compared = _COMPARED.search(window) if any(k in low for k in _COMPARED_KEYS) else None
    if compared:
        return f"since {compared.group('when').strip()}"
    return "previous period"


def basis_only(gap: str) -> bool:
    """True when ``gap`` holds only comparison words and punctuation (no subject of its own)."""
    return not gap.strip() or (len(gap) <= 60 and bool(_GAP_FILLER.fullmatch(gap)))
