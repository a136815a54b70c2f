"""Retry-After and freshness parsing (RFC 9110 §10.2.3, RFC 9111 §4.2)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.fetch.headers import freshness_seconds, retry_after_seconds

NOW = datetime(2024, 3, 15, 8, 0, 0, tzinfo=UTC)


def test_retry_after_in_seconds() -> None:
    assert retry_after_seconds("120") == 120.0


def test_retry_after_as_http_date() -> None:
    assert retry_after_seconds("Fri, 15 Mar 2024 08:01:30 GMT", now=NOW) == 90.0


def test_retry_after_garbage_is_ignored() -> None:
    assert retry_after_seconds("soon") is None


def test_max_age_minus_age() -> None:
    assert freshness_seconds({"cache-control": "public, max-age=600", "age": "100"}) == 500.0


def test_no_cache_means_revalidate_now() -> None:
    assert freshness_seconds({"cache-control": "no-cache, max-age=600"}) == 0.0


def test_expires_relative_to_date() -> None:
    headers = {"date": "Fri, 15 Mar 2024 08:00:00 GMT", "expires": "Fri, 15 Mar 2024 09:00:00 GMT"}
    assert freshness_seconds(headers) == 3600.0


def test_no_freshness_information() -> None:
    assert freshness_seconds({"content-type": "text/html"}) is None
