"""The bilingual indicator catalog (``bot/data/indicators.toml``) and lookups over it.

Figures keep the subject as written; the catalog gives them a stable indicator id so
``/cdf 5G基站`` and ``/cdf 5g base stations`` find the same series across English and Chinese
releases. Matching is deliberately simple (longest contained name, then token overlap):
the data file, not code, is where coverage grows.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

_WORD = re.compile(r"[a-z0-9+&]+|[\u3400-\u9fff]")
_ASCII_WORD = re.compile(r"[a-z0-9+&.'’-]+")
_DETERMINERS = frozenset(
    {"the", "a", "an", "its", "their", "china's", "china’s", "country's", "country’s"}
    | {"nation's", "nation’s"}
)
# A rate per head or per household: "per 10,000 people", "for every 100 residents", 每万人, 人均.
_DENSITY = re.compile(
    r"\b(?:per|for every)\s+(?:[\d,.]+\s+|capita\b|head\b|(?:hundred|thousand)\s+)"
    r"|每[十百千万]+(?:人|户|名)|人均|户均"
)


@dataclass(frozen=True)
class Indicator:
    """One tracked series, e.g. ``5g_base_stations`` (5G base stations / 5G基站)."""

    id: str
    name_en: str
    names_zh: tuple[str, ...]
    aliases: tuple[str, ...]
    unit: str
    category: str

    def names(self) -> tuple[str, ...]:
        """Every way of writing this indicator, lower-cased."""
        return tuple(n.lower() for n in (self.name_en, *self.names_zh, *self.aliases))


def _tokens(text: str) -> set[str]:
    found = _WORD.findall(text.lower())
    cjk = [t for t in found if len(t) == 1 and "\u3400" <= t <= "\u9fff"]
    words = {t.rstrip("s") if len(t) > 3 else t for t in found if t not in cjk}
    return words | {a + b for a, b in itertools.pairwise(cjk)}


class Catalog:
    """All indicators, with lookups by id, by subject phrase and by user query."""

    def __init__(self, indicators: list[Indicator]) -> None:
        self._items = indicators
        self._by_id = {i.id: i for i in indicators}
        pairs = [(name, i) for i in indicators for name in i.names()]
        self._names = sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)
        self._density = {name: bool(_DENSITY.search(name)) for name, _ in pairs}
        # ASCII names are looked up by word n-grams of the subject (plural "s" dropped),
        # other names by substring: both avoid a regex per name for every figure.
        self._by_first: dict[str, list[tuple[tuple[str, ...], int, Indicator, str]]] = {}
        for name, indicator in self._names:
            if name.isascii():
                words = _singular_words(name)
                entry = (words, len(name), indicator, name)
                self._by_first.setdefault(words[0], []).append(entry)
        self._cjk = [(name, i) for name, i in self._names if not name.isascii()]
        # The same names by first character, each with its place in ``_cjk``: a subject
        # only tries the names that start with one of its characters.
        self._cjk_by_first: dict[str, list[tuple[int, str, Indicator]]] = {}
        for order, (name, indicator) in enumerate(self._cjk):
            self._cjk_by_first.setdefault(name[0], []).append((order, name, indicator))

    def get(self, indicator_id: str) -> Indicator | None:
        """The indicator with this id, or None."""
        return self._by_id.get(indicator_id)

    def all(self) -> list[Indicator]:
        """Every indicator, in file order."""
        return list(self._items)

    def match_subject(
        self, subject: str, language: str, *, unit: str | None = None
    ) -> Indicator | None:
        """The indicator whose longest name or alias occurs in ``subject`` (None if none).

        ``language`` is accepted for callers that know it; names of both languages are
        tried because English releases quote Chinese names and vice versa. With ``unit``
        (the figure's base unit), only indicators of that unit qualify — a share in percent
        is not a count of base stations — and a density subject (``per 10,000 people``,
        每万人, 人均) only matches a name that is itself a density.
        """
        lowered = subject.lower()
        accept = None
        if unit is not None:
            density: bool | None = None  # whether the subject is a density, once a name asks

            def accept(name: str, indicator: Indicator) -> bool:
                nonlocal density
                if indicator.unit != unit:
                    return False
                if density is None:
                    density = _is_density(lowered)
                return self._density[name] == density

        best: tuple[int, Indicator] | None = None
        words = _singular_words(lowered)
        for i, word in enumerate(words):
            for name_words, size, indicator, name in self._by_first.get(word, ()):
                if (
                    (best is None or size > best[0])
                    and words[i : i + len(name_words)] == name_words
                    and (accept is None or accept(name, indicator))
                ):
                    best = (size, indicator)
        if not lowered.isascii():
            # The first of ``_cjk`` (longest first) contained in the subject and longer
            # than the best ASCII name.
            floor = best[0] if best is not None else -1
            first: tuple[int, str, Indicator] | None = None
            for char in set(lowered):
                # Each list is in ``_cjk`` order (longest first): past a later entry than the
                # one found, or a name too short to win, nothing further in it can win.
                for entry in self._cjk_by_first.get(char, ()):
                    order, name, indicator = entry
                    if (first is not None and order >= first[0]) or len(name) <= floor:
                        break
                    if name in lowered and (accept is None or accept(name, indicator)):
                        first = entry
                        break
            if first is not None:
                best = (len(first[1]), first[2])
        return best[1] if best else None

    def resolve_query(self, query: str) -> list[Indicator]:
        """Best candidates for a user query (``5g``, ``网民``, ``base stations``), best first."""
        q = query.strip().lower()
        if not q:
            return []
        q_tokens = _tokens(q)
        scored: list[tuple[float, int, Indicator]] = []
        for order, indicator in enumerate(self._items):
            best = 0.0
            for name in indicator.names():
                if q == name or q == indicator.id:
                    score = 100.0
                elif q in name:
                    score = 40.0 + 20.0 * len(q) / len(name)
                elif name in q:
                    score = 30.0 + 20.0 * len(name) / len(q)
                else:
                    n_tokens = _tokens(name)
                    common = len(q_tokens & n_tokens)
                    score = 30.0 * common / len(q_tokens | n_tokens) if common else 0.0
                best = max(best, score)
            if best > 0:
                scored.append((best, -order, indicator))
        scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
        return [indicator for _, _, indicator in scored]


def _is_density(lowered: str) -> bool:
    """``_DENSITY`` found in ``lowered``, searched only when the words it needs are there: a
    pattern opening with a word boundary is tried at every position."""
    if "per" in lowered or "for every" in lowered or "每" in lowered or "均" in lowered:
        return bool(_DENSITY.search(lowered))
    return False


def _singular_words(phrase: str) -> tuple[str, ...]:
    """Words with plural folding, so ``5G base station`` and ``base stations`` look alike,
    without articles and possessive determiners (``share of China's digital economy in GDP``
    is a ``share of the digital economy in GDP``)."""
    return tuple(
        [
            w[:-1] if len(w) > 3 and w.endswith("s") else w
            for w in _ASCII_WORD.findall(phrase)
            if w not in _DETERMINERS
        ]
    )


@cache
def load_catalog() -> Catalog:
    """The catalog shipped in ``bot/data/indicators.toml`` (read once per process)."""
    raw = resources.files("bot").joinpath("data/indicators.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    indicators = [
        Indicator(
            id=item["id"],
            name_en=item["name_en"],
            names_zh=tuple(item.get("names_zh", ())),
            aliases=tuple(item.get("aliases", ())),
            unit=item["unit"],
            category=item["category"],
        )
        for item in data["indicator"]
    ]
    return Catalog(indicators)
