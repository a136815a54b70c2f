"""Claiming queued alerts: once per alert, stale claims taken over, failures retried a while."""

from __future__ import annotations

from datetime import date, timedelta

import time_machine

from bot.model import Watch
from bot.store import Store
from tests.support.digest_data import figure, release

STALE = timedelta(minutes=5)


def _queued(store: Store) -> int:
    store.upsert_watch(Watch("5g_base_stations", "count", "5G base stations", "user", "U1"))
    found = release(published=date(2026, 1, 20), figures=[figure(value=4_838_000, period="2025")])
    assert store.add_release(found).stored
    [alert] = store.due_alerts(STALE, 5)
    return alert.id


def test_only_one_claim_wins(store: Store) -> None:
    alert = _queued(store)
    assert store.claim_alert(alert, "a", STALE, 5)
    assert not store.claim_alert(alert, "b", STALE, 5)


def test_a_sent_alert_is_never_claimed_again(store: Store) -> None:
    alert = _queued(store)
    assert store.claim_alert(alert, "a", STALE, 5)
    store.complete_alert(alert, "1700000000.000100")
    store.fail_alert(alert, "late error")  # a sent alert is never reopened
    assert store.due_alerts(STALE, 5) == []
    assert not store.claim_alert(alert, "b", STALE, 5)
    assert store.alert_counts() == {"sent": 1}


def test_a_stale_claim_is_taken_over(store: Store) -> None:
    alert = _queued(store)
    assert store.claim_alert(alert, "crashed", STALE, 5)
    with time_machine.travel(timedelta(minutes=6), tick=False):
        assert store.claim_alert(alert, "b", STALE, 5)


def test_a_failed_alert_is_retried_until_the_attempt_limit(store: Store) -> None:
    alert = _queued(store)
    for _ in range(2):
        assert store.claim_alert(alert, "a", STALE, 2)
        store.fail_alert(alert, "HTTP 500")
    assert not store.claim_alert(alert, "a", STALE, 2)


def test_a_dropped_alert_is_never_retried(store: Store) -> None:
    alert = _queued(store)
    assert store.claim_alert(alert, "a", STALE, 5)
    store.drop_alert(alert, "channel_not_found")
    assert not store.claim_alert(alert, "a", STALE, 5)
    assert store.alert_counts() == {"dropped": 1}


def test_removing_the_watch_removes_its_queued_alerts(store: Store) -> None:
    _queued(store)
    store.remove_watch("5g_base_stations", "U1")
    assert store.alert_counts() == {}
