"""Claiming queued alerts: once per alert, stale claims taken over, failures retried a while."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from bot.errors import NotFoundError
from bot.model import Watch
from bot.store import Store
from bot.store.engine import transaction
from bot.store.schema import alert_outbox
from tests.support.digest_data import add_source, figure, release

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


# --- What a due alert carries, which alerts a step touches, and what each step records. ---

FROZEN = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


def _queued_for(store: Store, *users: str, source_id: int | None = None) -> list[int]:
    """One release alerting one watch per user; the alert ids, oldest first."""
    for user in users:
        store.upsert_watch(Watch("5g_base_stations", "count", "5G base stations", "user", user))
    found = release(
        published=date(2026, 1, 20),
        figures=[figure(value=4_838_000, period="2025")],
        source_id=source_id,
    )
    assert store.add_release(found).stored
    return sorted(alert.id for alert in store.due_alerts(STALE, 5))


def _row(store: Store, alert_id: int):
    with transaction(store.engine) as conn:
        return conn.execute(select(alert_outbox).where(alert_outbox.c.id == alert_id)).one()


def test_a_due_alert_carries_its_watch_release_and_state(store: Store) -> None:
    store.upsert_watch(Watch("5g_base_stations", "count", "5G base stations", "user", "U1"))
    found = release(published=date(2026, 1, 20), figures=[figure(value=4_838_000, period="2025")])
    stored = store.add_release(found).release
    [alert] = store.due_alerts(STALE, 5)
    assert (
        alert.watch.target_id,
        alert.release_id,
        alert.payload["value"],
        alert.release_title,
        alert.release_url,
        alert.status,
        alert.attempts,
    ) == ("U1", stored.id, 4_838_000, found.title, found.url, "pending", 0)


def test_a_due_alert_names_the_source_of_its_release(store: Store) -> None:
    add_source(store, "MIIT")
    ndrc = add_source(store, "NDRC")
    _queued_for(store, "U1", source_id=ndrc)
    [alert] = store.due_alerts(STALE, 5)
    assert alert.source_name == "NDRC"


def test_due_alerts_stop_at_the_limit(store: Store) -> None:
    first, _second = _queued_for(store, "U1", "U2")
    assert [alert.id for alert in store.due_alerts(STALE, 5, limit=1)] == [first]


def test_due_alerts_come_oldest_first_after_a_retry(store: Store) -> None:
    first, second = _queued_for(store, "U1", "U2")
    assert store.claim_alert(first, "a", STALE, 5)
    store.fail_alert(first, "HTTP 500")
    assert [alert.id for alert in store.due_alerts(STALE, 5)] == [first, second]


def test_claiming_one_alert_leaves_the_others_claimable(store: Store) -> None:
    first, second = _queued_for(store, "U1", "U2")
    assert store.claim_alert(first, "a", STALE, 5)
    assert store.claim_alert(second, "b", STALE, 5)


def test_a_claim_records_who_holds_it(store: Store) -> None:
    [alert] = _queued_for(store, "U1")
    store.claim_alert(alert, "worker-7", STALE, 5)
    assert _row(store, alert).claimed_by == "worker-7"


def test_a_claim_exactly_stale_after_old_is_not_taken_over(store: Store) -> None:
    [alert] = _queued_for(store, "U1")
    with time_machine.travel(FROZEN, tick=False):
        assert store.claim_alert(alert, "slow", STALE, 5)
    with time_machine.travel(FROZEN + STALE, tick=False):
        assert not store.claim_alert(alert, "impatient", STALE, 5)


def test_a_sent_alert_is_never_claimed_again_however_old_its_claim(store: Store) -> None:
    [alert] = _queued_for(store, "U1")
    with time_machine.travel(FROZEN, tick=False):
        store.claim_alert(alert, "a", STALE, 5)
        store.complete_alert(alert, "1700000000.000100")
    with time_machine.travel(FROZEN + STALE * 9, tick=False):
        assert not store.claim_alert(alert, "late", STALE, 5)


def test_completing_records_the_message(store: Store) -> None:
    [alert] = _queued_for(store, "U1")
    store.claim_alert(alert, "a", STALE, 5)
    store.complete_alert(alert, "1700000000.000100")
    assert _row(store, alert).message_ts == "1700000000.000100"


def test_completing_records_when_it_was_sent(store: Store) -> None:
    [alert] = _queued_for(store, "U1")
    store.claim_alert(alert, "a", STALE, 5)
    with time_machine.travel(FROZEN, tick=False):
        store.complete_alert(alert, "1700000000.000100")
    assert _row(store, alert).sent_at == FROZEN.replace(tzinfo=None)


def test_a_failure_records_no_send_time(store: Store) -> None:
    [alert] = _queued_for(store, "U1")
    store.claim_alert(alert, "a", STALE, 5)
    store.fail_alert(alert, "HTTP 500")
    failed = _row(store, alert)
    assert (failed.status, failed.sent_at, failed.error) == ("failed", None, "HTTP 500")


def test_finishing_one_alert_leaves_the_others(store: Store) -> None:
    first, second = _queued_for(store, "U1", "U2")
    store.claim_alert(first, "a", STALE, 5)
    store.claim_alert(second, "b", STALE, 5)
    store.complete_alert(first, "1700000000.000100")
    assert _row(store, second).status == "claimed"


def test_finishing_an_unknown_alert_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="No queued alert 999"):
        store.complete_alert(999, "1700000000.000100")


def test_a_due_retry_carries_its_status_and_attempts_so_far(store: Store) -> None:
    [alert] = _queued_for(store, "U1")
    store.claim_alert(alert, "a", STALE, 5)
    store.fail_alert(alert, "HTTP 500")
    [retry] = store.due_alerts(STALE, 5)
    assert (retry.status, retry.attempts) == ("failed", 1)
