"""The indicator catalog: enough indicators, and every name and alias finds its indicator."""

from __future__ import annotations

import pytest

from bot.extract.catalog import Indicator, load_catalog

CATALOG = load_catalog()
ALIASES = [(i, alias) for i in CATALOG.all() for alias in (i.name_en, *i.names_zh, *i.aliases)]


def test_catalog_is_large_enough_and_ids_unique() -> None:
    ids = [i.id for i in CATALOG.all()]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(("indicator", "alias"), ALIASES, ids=lambda v: getattr(v, "id", v))
def test_alias_resolves_back_as_query(indicator: Indicator, alias: str) -> None:
    assert CATALOG.resolve_query(alias)[0].id == indicator.id


@pytest.mark.parametrize(("indicator", "alias"), ALIASES, ids=lambda v: getattr(v, "id", v))
def test_alias_matches_as_subject(indicator: Indicator, alias: str) -> None:
    found = CATALOG.match_subject(alias, "zh" if not alias.isascii() else "en")
    assert found is not None and found.id == indicator.id


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
