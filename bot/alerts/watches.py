"""Set, list and end indicator watches: the same code for ``/cdf watch`` and ``cdfbot watch``.

A watch names a catalog indicator (resolved like ``/cdf QUERY``, so ``5g``, ``5G基站`` and
``5g base stations`` are one watch) and a target: a user, told by DM, or a channel. One
watch per indicator and target; setting it again replaces its threshold.
"""

from __future__ import annotations

import re

from bot.errors import CommandError, NotFoundError
from bot.extract.catalog import Indicator
from bot.lookup.query import is_clear, resolve, split
from bot.model import Watch
from bot.store import Store

_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
    "万": 1e4,
    "亿": 1e8,
    "%": 1.0,
}
_THRESHOLD = re.compile(r"^([-+]?[\d,]*\.?\d+)\s*([a-z%万亿]*)$", re.IGNORECASE)


def parse_threshold(text: str) -> float:
    """``4.5 million``, ``4.5m``, ``4500000``, ``12%``, ``500万`` → a value in base units."""
    match = _THRESHOLD.match(" ".join(text.split()).lower())
    if not match or match.group(2) not in ("", *_SCALES):
        raise CommandError(
            f"“{text}” is not a threshold I can read: give a number such as 4500000, "
            "4.5 million, 4.5m or 12%."
        )
    number = float(match.group(1).replace(",", ""))
    return number * _SCALES.get(match.group(2), 1.0)


def find_indicator(query: str) -> Indicator:
    """The one catalog indicator ``query`` names; a clear error listing the candidates."""
    matches, suggestions = split(resolve(query))
    if matches and is_clear(matches):
        return matches[0].indicator
    names = [c.indicator.name_en for c in (matches or suggestions)[:3]]
    if names:
        raise CommandError(
            f"“{query}” could mean {', '.join(names)}: name one of them, "
            "e.g. `/cdf watch 5g base stations`."
        )
    raise CommandError(f"No indicator matches “{query}”; `/cdf indicators` lists them all.")


def set_watch(
    store: Store,
    actor: str,
    query: str,
    *,
    target_kind: str,
    target_id: str,
    above: float | None = None,
    below: float | None = None,
) -> Watch:
    if above is not None and below is not None:
        raise CommandError("A watch takes one threshold: `above VALUE` or `below VALUE`.")
    indicator = find_indicator(query)
    return store.upsert_watch(
        Watch(
            indicator=indicator.id,
            unit=indicator.unit,
            label=indicator.name_en,
            target_kind=target_kind,
            target_id=target_id,
            above=above,
            below=below,
            created_by=actor,
        )
    )


def remove_watch(store: Store, query: str, target_id: str) -> Watch:
    indicator = find_indicator(query)
    try:
        return store.remove_watch(indicator.id, target_id)
    except NotFoundError:
        raise NotFoundError(f"There is no watch on {indicator.name_en} here.") from None
