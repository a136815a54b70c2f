"""Digest deliveries are counted by result (issue 14, item 3)."""

from __future__ import annotations

from datetime import date

import pytest
from prometheus_client import REGISTRY

from bot.digest.delivery import deliver_digest
from bot.model import Subscription
from bot.services import Services
from tests.support.digest_data import RecordingPoster, release, store_releases

MONDAY = date(2024, 11, 25)


def _count(result: str) -> float:
    return REGISTRY.get_sample_value("cdfbot_digests_total", {"result": result}) or 0.0


def test_a_sent_digest_is_counted(services: Services) -> None:
    store_releases(services.store, release())
    sub = services.store.upsert_subscription(Subscription("C1"))
    before = _count("sent")
    deliver_digest(services.store, RecordingPoster(), sub, MONDAY, worker="test")
    assert _count("sent") == before + 1


def test_a_failed_digest_is_counted(services: Services) -> None:
    store_releases(services.store, release())
    sub = services.store.upsert_subscription(Subscription("C1"))

    def broken(channel: str, reply: object, thread_ts: str | None) -> str:
        raise RuntimeError("Slack is down")

    before = _count("failed")
    with pytest.raises(RuntimeError):
        deliver_digest(services.store, broken, sub, MONDAY, worker="test")
    assert _count("failed") == before + 1
