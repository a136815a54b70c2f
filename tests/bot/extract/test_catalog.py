"""The indicator catalog: enough indicators, and every name and alias finds its indicator."""

from __future__ import annotations

import pytest

from bot.extract.catalog import load_catalog

CATALOG = load_catalog()
ALIASES = [(i, alias) for i in CATALOG.all() for alias in (i.name_en, *i.names_zh, *i.aliases)]


def test_catalog_is_large_enough_and_ids_unique() -> None:
    ids = [i.id for i in CATALOG.all()]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)


def test_every_name_and_alias_finds_its_indicator() -> None:
    """As a /cdf query and as a figure's subject; all misses are reported at once."""
    misses = []
    for indicator, alias in ALIASES:
        queried = CATALOG.resolve_query(alias)
        if not queried or queried[0].id != indicator.id:
            misses.append(f"query {alias!r} -> {queried[0].id if queried else None}")
        subject = CATALOG.match_subject(alias, "en" if alias.isascii() else "zh")
        if subject is None or subject.id != indicator.id:
            misses.append(f"subject {alias!r} -> {subject.id if subject else None}")
    assert misses == [], f"{len(misses)} of {2 * len(ALIASES)} lookups miss"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("5g", "5g_base_stations"),
        ("5G基站", "5g_base_stations"),
        ("base stations", "5g_base_stations"),
        ("netizens", "netizens"),
        ("网民", "netizens"),
    ],
)
def test_user_queries(query: str, expected: str) -> None:
    assert CATALOG.resolve_query(query)[0].id == expected


def test_subject_prefers_longest_name() -> None:
    found = CATALOG.match_subject("rural internet penetration rate", "en")
    assert found is not None and found.id == "rural_internet_penetration"


def test_get_and_unknown_subject() -> None:
    assert CATALOG.get("netizens") is not None
    assert CATALOG.get("nope") is None
    assert CATALOG.match_subject("academicians attending", "en") is None


def test_load_is_cached() -> None:
    assert load_catalog() is CATALOG
