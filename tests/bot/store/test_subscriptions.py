"""Digest subscriptions: one per channel, upserted."""

from __future__ import annotations

import pytest

from bot.errors import NotFoundError
from bot.model import Subscription


def test_upsert_creates_then_replaces_the_channels_subscription(store):
    created = store.upsert_subscription(Subscription("C01", created_by="U1"))
    replaced = store.upsert_subscription(
        Subscription("C01", day_of_week="fri", hour=17, filters={"source": "cdf"})
    )
    assert replaced.id == created.id
    assert (replaced.day_of_week, replaced.hour, replaced.filters) == ("fri", 17, {"source": "cdf"})
    assert replaced.created_by == "U1"
    assert store.list_subscriptions() == [replaced]


def test_list_active_only(store):
    store.upsert_subscription(Subscription("C01"))
    store.upsert_subscription(Subscription("C02", active=False))
    assert [s.channel_id for s in store.list_subscriptions(active_only=True)] == ["C01"]
    assert len(store.list_subscriptions()) == 2


def test_remove_subscription_returns_it_and_missing_is_not_found(store):
    created = store.upsert_subscription(Subscription("C01"))
    assert store.remove_subscription("C01") == created
    with pytest.raises(NotFoundError, match="C01"):
        store.remove_subscription("C01")
