"""A user's words → catalog indicators, in English or Chinese, tolerant of typos and order.

Why rapidfuzz rather than the catalog's token overlap: people type ``netizns``,
``compute power`` or ``stations base``; ``fuzz.WRatio`` scores typos and partial names,
``fuzz.token_set_ratio`` ignores word order, and both run in C over the ~400 names of the
catalog in well under a millisecond (https://rapidfuzz.github.io/RapidFuzz/). Exact names,
ids and Chinese names short-circuit the fuzzy step so ``/cdf 网民`` is never ambiguous.

The result is a ranked list; :mod:`bot.lookup.answer` decides between answering, a pick list
and "did you mean" using :data:`MATCH_SCORE`, :data:`SUGGEST_SCORE` and :data:`MARGIN`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from bot.extract.catalog import Catalog, Indicator, load_catalog

MATCH_SCORE = 80.0
"""A candidate this good is what the user meant (or one of the things)."""
SUGGEST_SCORE = 70.0
"""Below MATCH_SCORE but at least this: offered as "did you mean"."""
MARGIN = 4.0
"""A best candidate this far ahead of the next is unambiguous."""
EXACT = 100.0
_FUZZY_LIMIT = 40
_PUNCTUATION = re.compile(r"[^\w\u3400-\u9fff%+&]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_SUFFIX = re.compile(r"(ing|ers|er|es|ed|e|s)$")
_SHORT = 3
_WORD_MATCH = 80


@dataclass(frozen=True, slots=True)
class Candidate:
    """An indicator and how well the query matched one of its names (0–100)."""

    indicator: Indicator
    score: float
    exact: bool = False


def normalize(text: str) -> str:
    """NFKC (full-width ５Ｇ → 5G), lower case, punctuation and extra spaces removed."""
    folded = unicodedata.normalize("NFKC", text).lower().replace("_", " ")
    return " ".join(_PUNCTUATION.sub(" ", folded).split())


@dataclass(frozen=True, slots=True)
class _Names:
    """Every written form of every indicator, normalized, with the owning catalog index."""

    choices: tuple[str, ...]
    owners: tuple[int, ...]
    exact: dict[str, int]


@cache
def _names(catalog: Catalog) -> _Names:
    choices: list[str] = []
    owners: list[int] = []
    exact: dict[str, int] = {}
    for position, indicator in enumerate(catalog.all()):
        for name in {indicator.id, *indicator.names()}:
            key = normalize(name)
            choices.append(key)
            owners.append(position)
            exact.setdefault(key, position)
            exact.setdefault(key.replace(" ", ""), position)
            exact.setdefault(stem(key), position)
    return _Names(tuple(choices), tuple(owners), exact)


def stem(key: str) -> str:
    """A light English stemmer so ``compute power`` meets ``computing power``.

    Applied to both sides, it only has to be consistent, not linguistically right.
    """
    return " ".join(_SUFFIX.sub("", word) if len(word) > 4 else word for word in key.split())


def _whole_word(query: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9]){re.escape(query)}")


def resolve(query: str, catalog: Catalog | None = None) -> list[Candidate]:
    """Indicators for ``query``, best first (ties keep catalog order); empty for nothing.

    Exact (or stemmed-exact) names win outright. Otherwise ``fuzz.WRatio`` scores typos
    and partial names, ``fuzz.token_sort_ratio`` word order; both are rapidfuzz's native
    scorers, so the ~400 names take well under a millisecond. Queries of one to three
    Latin characters (``5g``, ``ai``) only match names with a word starting that way,
    because partial matching would find ``ai`` inside ``domain``. Scores below
    :data:`SUGGEST_SCORE` are dropped; callers split the rest at :data:`MATCH_SCORE`.
    """
    catalog = catalog or load_catalog()
    indicators = catalog.all()
    names = _names(catalog)
    key = normalize(query)
    if not key:
        return []
    for form in (key, key.replace(" ", ""), stem(key)):
        if form in names.exact:
            return [Candidate(indicators[names.exact[form]], EXACT, exact=True)]
    scorers = [fuzz.WRatio]
    if " " in key and not _CJK.search(key):
        scorers.append(fuzz.token_sort_ratio)
    best: dict[int, float] = {}
    short = _whole_word(key) if len(key) <= _SHORT and key.isascii() else None
    for scorer in scorers:
        found = process.extract(
            key, names.choices, scorer=scorer, limit=_FUZZY_LIMIT, score_cutoff=SUGGEST_SCORE
        )
        for choice, score, index in found:
            if short is not None and not short.search(choice):
                continue
            owner = names.owners[index]
            best[owner] = max(best.get(owner, 0.0), float(score))
    if " " in key:
        best = {owner: _covered(key, indicators[owner], score) for owner, score in best.items()}
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return [Candidate(indicators[position], score) for position, score in ranked]


def _covered(key: str, indicator: Indicator, score: float) -> float:
    """Cap a multi-word match below MATCH_SCORE unless every query word is (nearly) in a name.

    WRatio scores "quantum computing patents" high against "computing power" on one shared
    word; such a candidate is a suggestion, not an answer.
    """
    words = {w for name in indicator.names() for w in normalize(name).split()}
    for word in key.split():
        if not any(fuzz.ratio(word, known) >= _WORD_MATCH for known in words):
            return min(score, MATCH_SCORE - 1)
    return score


def split(candidates: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """(matches ≥ MATCH_SCORE, suggestions below it)."""
    matches = [c for c in candidates if c.score >= MATCH_SCORE]
    return matches, [c for c in candidates if c.score < MATCH_SCORE]


def is_clear(matches: list[Candidate]) -> bool:
    """True when the best match is exact or leads the next by at least :data:`MARGIN`."""
    if not matches:
        return False
    if matches[0].exact or len(matches) == 1:
        return True
    return matches[0].score - matches[1].score >= MARGIN
