"""Query resolution: English, Chinese, typos, word order, short words, junk."""

from __future__ import annotations

import pytest

from bot.lookup.query import MATCH_SCORE, is_clear, resolve, split


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("5G基站", "5g_base_stations"),
        ("netizens", "netizens"),
        ("网民", "netizens"),
        ("online retail", "online_retail_sales"),
        ("网上零售额", "online_retail_sales"),
        ("compute power", "computing_power_total"),
        ("netizns", "netizens"),
        ("stations base", "5g_base_stations"),
        ("ＮＥＴＩＺＥＮＳ", "netizens"),
        ("5g_users", "5g_users"),
    ],
)
def test_query_resolves_to_indicator(query: str, expected: str) -> None:
    matches, _ = split(resolve(query))
    assert is_clear(matches) and matches[0].indicator.id == expected


def test_5g_is_the_catalog_alias_of_base_stations() -> None:
    matches, _ = split(resolve("5g"))
    assert is_clear(matches)
    assert matches[0].indicator.id == "5g_base_stations"


def test_broad_query_is_ambiguous_between_indicators() -> None:
    matches, _ = split(resolve("broadband"))
    assert not is_clear(matches)
    assert {"gigabit_broadband_users", "fixed_broadband_users"} <= {m.indicator.id for m in matches}


def test_short_query_does_not_match_inside_words() -> None:
    assert "domain_names" not in {c.indicator.id for c in resolve("ai")}


def test_one_shared_word_is_only_a_suggestion() -> None:
    assert all(c.score < MATCH_SCORE for c in resolve("quantum computing patents"))


def test_gibberish_resolves_to_nothing() -> None:
    assert resolve("zxqv wplk") == []
