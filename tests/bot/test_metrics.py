"""Prometheus metrics (issue 14, item 3): names, source health, what increments them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from prometheus_client import REGISTRY

from bot import metrics
from bot.errors import StorageError
from bot.model import Source


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _source(**fields: object) -> Source:
    return Source("https://example.cn/feed", "rss", "S", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "health"),
    [
        ({"enabled": False, "failures": 9}, "paused"),
        ({"failures": 5}, "failing"),
        ({"failures": 2}, "degraded"),
        ({}, "never_polled"),
        ({"last_success_at": datetime(2026, 1, 1, tzinfo=UTC)}, "ok"),
    ],
)
def test_source_health_states(fields: dict, health: str) -> None:
    assert metrics.source_health(_source(**fields), failure_threshold=5) == health


def test_source_gauge_counts_the_stored_sources_at_scrape_time(services) -> None:
    services.store.add_source(_source())
    metrics.watch_source_health(services.store.list_sources, 5)
    assert value("cdfbot_sources", health="never_polled") == 1
    services.store.add_source(Source("https://example.cn/other", "rss", "T", enabled=False))
    assert value("cdfbot_sources", health="paused") == 1


def test_every_bot_metric_name_starts_with_cdfbot() -> None:
    text = metrics.exposition().decode()
    names = {line.split()[2] for line in text.splitlines() if line.startswith("# TYPE")}
    ours = {n for n in names if not n.startswith(("process_", "python_"))}
    assert ours and all(n.startswith("cdfbot_") for n in ours)


def test_a_failed_transaction_counts_as_a_database_error(services) -> None:
    from sqlalchemy import text

    from bot.store.engine import transaction

    before = value("cdfbot_database_errors_total", kind="operational")
    with pytest.raises(StorageError), transaction(services.store.engine) as conn:
        conn.execute(text("SELECT * FROM no_such_table"))
    assert value("cdfbot_database_errors_total", kind="operational") == before + 1


def test_storing_a_release_counts_it_with_its_figures(services) -> None:
    from tests.support.digest_data import release

    before = (value("cdfbot_releases_stored_total"), value("cdfbot_figures_stored_total"))
    services.store.add_release(release())
    assert value("cdfbot_releases_stored_total") == before[0] + 1
    assert value("cdfbot_figures_stored_total") == before[1] + 1
