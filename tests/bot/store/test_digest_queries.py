"""The digest's store queries, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.model import Subscription
from bot.store import Store
from tests.bot.store.factories import make_figure, make_release


def _subscription(store: Store) -> int:
    stored = store.upsert_subscription(Subscription(channel_id="C0DIGEST"))
    assert stored.id is not None
    return stored.id


def test_previous_value_is_the_newest_before_the_week(store: Store) -> None:
    for year, value in ((2022, 2.31e6), (2023, 3.377e6)):
        store.add_release(
            make_release(
                published=date(year + 1, 1, 20),
                figures=[make_figure(indicator="5g_base_stations", unit="count", value=value)],
            )
        )
    found = store.previous_values({"5g_base_stations": "count"}, date(2025, 1, 1))
    assert found["5g_base_stations"].figure.value == 3.377e6


def test_previous_value_ignores_other_units(store: Store) -> None:
    store.add_release(
        make_release(
            published=date(2024, 1, 20),
            figures=[make_figure(indicator="5g_base_stations", unit="percent", value=29.1)],
        )
    )
    assert store.previous_values({"5g_base_stations": "count"}, date(2025, 1, 1)) == {}


def test_broken_subscription_is_reported_once(store: Store) -> None:
    subscription_id = _subscription(store)
    assert store.mark_subscription_broken(subscription_id, "channel_not_found") is True
    assert store.mark_subscription_broken(subscription_id, "channel_not_found") is False


def test_delivery_floor_moves_to_the_last_sent_digest(store: Store) -> None:
    subscription_id = _subscription(store)
    created = store.delivery_floor(subscription_id)
    assert created is not None
    start = date.today() - timedelta(days=7)
    assert store.claim_digest(subscription_id, start, date.today(), "w1", timedelta(minutes=5))
    store.complete_digest(subscription_id, start, "1700000000.000100")
    floor = store.delivery_floor(subscription_id)
    assert floor is not None and floor >= created
    assert floor <= datetime.now(UTC) + timedelta(seconds=5)
