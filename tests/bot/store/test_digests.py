"""Exactly-once digest sends: claim, complete, fail, stale takeover, races."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select, update

from bot.errors import NotFoundError
from bot.model import Subscription
from bot.store import open_store
from bot.store.engine import transaction, writer
from bot.store.schema import digests_sent
from tests.support import store_reads as reads

WEEK = (date(2024, 5, 20), date(2024, 5, 26))
STALE = timedelta(minutes=10)


@pytest.fixture
def sub_id(store) -> int:
    return store.upsert_subscription(Subscription("C01")).id


def claim(store, sub_id: int, who: str = "worker-1") -> bool:
    return store.claim_digest(sub_id, *WEEK, claimed_by=who, stale_after=STALE)


def test_second_claim_returns_false(store, sub_id):
    assert claim(store, sub_id, "a") is True
    assert claim(store, sub_id, "b") is False


def test_stale_claim_is_taken_over(store, sub_id):
    claim(store, sub_id, "crashed")
    with transaction(writer(store.engine)) as conn:
        conn.execute(update(digests_sent).values(claimed_at=digests_sent.c.claimed_at - STALE * 2))
    assert claim(store, sub_id, "rescuer") is True


def test_failed_digest_can_be_claimed_again(store, sub_id):
    claim(store, sub_id)
    store.fail_digest(sub_id, WEEK[0], "channel_not_found")
    assert claim(store, sub_id, "retry") is True


def test_sent_digest_stays_sent(store, sub_id):
    claim(store, sub_id)
    store.complete_digest(sub_id, WEEK[0], "1716800000.000100")
    store.fail_digest(sub_id, WEEK[0], "late error")
    assert claim(store, sub_id, "again") is False
    assert reads.last_digest(store, sub_id) == WEEK[0]


def test_last_digest_ignores_unsent(store, sub_id):
    assert reads.last_digest(store, sub_id) is None
    claim(store, sub_id)
    assert reads.last_digest(store, sub_id) is None


def test_completing_an_unclaimed_digest_is_not_found(store, sub_id):
    with pytest.raises(NotFoundError):
        store.complete_digest(sub_id, WEEK[0], None)


def race(contenders, sub_id: int, start: date) -> list[bool]:
    """Release one thread per store at the same instant; collect what each claim returned."""
    barrier = threading.Barrier(len(contenders))
    results: list[bool] = []

    def run(contender, name: str) -> None:
        barrier.wait()
        results.append(contender.claim_digest(sub_id, start, start, name, stale_after=STALE))

    threads = [
        threading.Thread(target=run, args=(contender, f"worker-{n}"))
        for n, contender in enumerate(contenders)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_processes_racing_exactly_one_wins(database_url, store, sub_id):
    """Two stores (two pools, like two processes), many rounds, threads released together."""
    other = open_store(database_url)
    try:
        for week in range(20):
            start = WEEK[0] + timedelta(weeks=week)
            assert sorted(race([store, other], sub_id, start)) == [False, True]
    finally:
        other.close()


# --- Edges: what each step records, and that each step touches only its own row. ---

NEXT_WEEK = (WEEK[0] + timedelta(weeks=1), WEEK[1] + timedelta(weeks=1))


def row(store, sub_id: int, start: date = WEEK[0]):
    query = select(digests_sent).where(
        digests_sent.c.subscription_id == sub_id, digests_sent.c.period_start == start
    )
    with transaction(store.engine) as conn:
        return conn.execute(query).one()


@pytest.fixture
def other_sub(store) -> int:
    return store.upsert_subscription(Subscription("C02")).id


def test_sent_digest_is_never_taken_over_however_old_its_claim(store, sub_id):
    claim(store, sub_id, "sender")
    store.complete_digest(sub_id, WEEK[0], "1716800000.000100")
    with transaction(writer(store.engine)) as conn:
        conn.execute(update(digests_sent).values(claimed_at=digests_sent.c.claimed_at - STALE * 9))
    assert claim(store, sub_id, "late") is False


def test_fresh_claim_is_not_taken_over(store, sub_id):
    claim(store, sub_id, "working")
    assert claim(store, sub_id, "impatient") is False


def test_claim_for_another_week_never_takes_over_a_failed_week(store, sub_id):
    claim(store, sub_id, "a")
    store.fail_digest(sub_id, WEEK[0], "boom")
    assert store.claim_digest(sub_id, *NEXT_WEEK, claimed_by="b", stale_after=STALE) is True
    assert store.claim_digest(sub_id, *NEXT_WEEK, claimed_by="c", stale_after=STALE) is False
    assert (row(store, sub_id).status, row(store, sub_id).claimed_by) == ("failed", "a")


def test_claim_for_another_subscription_never_takes_over_a_failed_one(store, sub_id, other_sub):
    claim(store, sub_id, "a")
    store.fail_digest(sub_id, WEEK[0], "boom")
    assert claim(store, other_sub, "b") is True
    assert claim(store, other_sub, "c") is False
    assert row(store, sub_id).status == "failed"


def test_completion_records_the_message_and_clears_the_claim(store, sub_id):
    claim(store, sub_id)
    store.complete_digest(sub_id, WEEK[0], "1716800000.000100")
    sent = row(store, sub_id)
    assert (sent.status, sent.message_ts, sent.error) == ("sent", "1716800000.000100", None)


def test_failure_records_the_error(store, sub_id):
    claim(store, sub_id)
    store.fail_digest(sub_id, WEEK[0], "channel_not_found")
    failed = row(store, sub_id)
    assert (failed.status, failed.error) == ("failed", "channel_not_found")


def test_retaken_claim_clears_the_old_error(store, sub_id):
    claim(store, sub_id)
    store.fail_digest(sub_id, WEEK[0], "channel_not_found")
    claim(store, sub_id, "retry")
    retried = row(store, sub_id)
    assert (retried.status, retried.claimed_by, retried.error) == ("claimed", "retry", None)


def test_completing_one_week_leaves_the_others(store, sub_id, other_sub):
    claim(store, sub_id)
    store.claim_digest(sub_id, *NEXT_WEEK, claimed_by="w", stale_after=STALE)
    claim(store, other_sub)
    store.complete_digest(sub_id, WEEK[0], "ts")
    assert (row(store, sub_id, NEXT_WEEK[0]).status, row(store, other_sub).status) == (
        "claimed",
        "claimed",
    )


def test_failing_one_week_leaves_the_others(store, sub_id, other_sub):
    claim(store, sub_id)
    store.claim_digest(sub_id, *NEXT_WEEK, claimed_by="w", stale_after=STALE)
    claim(store, other_sub)
    store.fail_digest(sub_id, WEEK[0], "boom")
    assert (row(store, sub_id, NEXT_WEEK[0]).status, row(store, other_sub).status) == (
        "claimed",
        "claimed",
    )


def test_completing_an_unclaimed_digest_names_it(store, sub_id):
    with pytest.raises(NotFoundError, match=rf"subscription {sub_id} 2024-05-20"):
        store.complete_digest(sub_id, WEEK[0], None)


def test_failing_an_unclaimed_digest_is_not_found(store, sub_id):
    with pytest.raises(NotFoundError, match=rf"subscription {sub_id} 2024-05-20"):
        store.fail_digest(sub_id, WEEK[0], "boom")


def test_failing_a_week_not_claimed_is_not_found(store, sub_id):
    claim(store, sub_id)
    with pytest.raises(NotFoundError):
        store.fail_digest(sub_id, NEXT_WEEK[0], "boom")


def test_failing_a_claim_of_another_subscription_is_not_found(store, sub_id, other_sub):
    claim(store, other_sub)
    with pytest.raises(NotFoundError):
        store.fail_digest(sub_id, WEEK[0], "boom")


def test_last_digest_is_per_subscription(store, sub_id, other_sub):
    claim(store, other_sub)
    store.complete_digest(other_sub, WEEK[0], "ts")
    assert reads.last_digest(store, sub_id) is None


def test_delivery_floor_moves_to_the_time_a_digest_was_sent(store, sub_id):
    claim(store, sub_id)
    before = datetime.now(UTC)
    store.complete_digest(sub_id, WEEK[0], "ts")
    assert store.delivery_floor(sub_id) >= before


def test_delivery_floor_ignores_claims_failures_and_other_subscriptions(store, sub_id, other_sub):
    floor = store.delivery_floor(sub_id)
    claim(store, sub_id)
    store.fail_digest(sub_id, WEEK[0], "boom")
    claim(store, other_sub)
    store.complete_digest(other_sub, WEEK[0], "ts")
    assert store.delivery_floor(sub_id) == floor


# --- What a won claim reports, the exact stale boundary, and abandoned digests. ---

FROZEN = datetime(2024, 5, 27, 9, 0, tzinfo=UTC)


def attempt(store, sub_id: int, who: str = "worker-1"):
    return store.claim_digest_attempt(sub_id, *WEEK, claimed_by=who, stale_after=STALE)


def test_first_claim_is_no_retry(store, sub_id):
    assert attempt(store, sub_id).retry is False


def test_first_claim_reports_when_it_was_claimed_in_utc(store, sub_id):
    with time_machine.travel(FROZEN, tick=False):
        assert attempt(store, sub_id).claimed_at == FROZEN


def test_taking_over_a_failed_claim_is_a_retry(store, sub_id):
    attempt(store, sub_id)
    store.fail_digest(sub_id, WEEK[0], "HTTP 500")
    assert attempt(store, sub_id, "retry").retry is True


def test_takeover_reports_when_it_was_claimed_in_utc(store, sub_id):
    attempt(store, sub_id)
    store.fail_digest(sub_id, WEEK[0], "HTTP 500")
    with time_machine.travel(FROZEN, tick=False):
        assert attempt(store, sub_id, "retry").claimed_at == FROZEN


def test_claim_exactly_stale_after_old_is_not_taken_over(store, sub_id):
    with time_machine.travel(FROZEN, tick=False):
        claim(store, sub_id, "slow")
    with time_machine.travel(FROZEN + STALE, tick=False):
        assert claim(store, sub_id, "impatient") is False


def test_completing_a_failed_digest_clears_its_error(store, sub_id):
    claim(store, sub_id)
    store.fail_digest(sub_id, WEEK[0], "HTTP 500")
    store.complete_digest(sub_id, WEEK[0], "ts")
    assert row(store, sub_id).error is None


def test_abandoning_a_claim_closes_it_as_sent_without_a_message(store, sub_id):
    claim(store, sub_id)
    store.abandon_digest(sub_id, WEEK[0], "channel_not_found")
    closed = row(store, sub_id)
    assert (closed.status, closed.message_ts) == ("sent", None)


def test_abandoning_keeps_the_refusal(store, sub_id):
    claim(store, sub_id)
    store.abandon_digest(sub_id, WEEK[0], "channel_not_found")
    assert row(store, sub_id).error == "refused: channel_not_found"


def test_abandoning_is_true_the_first_time(store, sub_id):
    claim(store, sub_id)
    assert store.abandon_digest(sub_id, WEEK[0], "channel_not_found") is True


def test_abandoning_again_is_false(store, sub_id):
    claim(store, sub_id)
    store.abandon_digest(sub_id, WEEK[0], "channel_not_found")
    assert store.abandon_digest(sub_id, WEEK[0], "channel_not_found") is False


def test_abandoning_a_sent_digest_leaves_it_as_sent(store, sub_id):
    claim(store, sub_id)
    store.complete_digest(sub_id, WEEK[0], "1716800000.000100")
    assert store.abandon_digest(sub_id, WEEK[0], "channel_not_found") is False
    kept = row(store, sub_id)
    assert (kept.message_ts, kept.error) == ("1716800000.000100", None)


def test_an_abandoned_digest_is_never_taken_over(store, sub_id):
    claim(store, sub_id)
    store.abandon_digest(sub_id, WEEK[0], "channel_not_found")
    with time_machine.travel(datetime.now(UTC) + STALE * 9, tick=False):
        assert claim(store, sub_id, "late") is False


def test_abandoning_moves_the_delivery_floor_to_then(store, sub_id):
    claim(store, sub_id)
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    with time_machine.travel(later, tick=False):
        store.abandon_digest(sub_id, WEEK[0], "channel_not_found")
    assert store.delivery_floor(sub_id) == later


def test_abandoning_one_week_leaves_the_others(store, sub_id, other_sub):
    claim(store, sub_id)
    store.claim_digest(sub_id, *NEXT_WEEK, claimed_by="w", stale_after=STALE)
    claim(store, other_sub)
    store.abandon_digest(sub_id, WEEK[0], "channel_not_found")
    assert (row(store, sub_id, NEXT_WEEK[0]).status, row(store, other_sub).status) == (
        "claimed",
        "claimed",
    )


def test_abandoning_an_unclaimed_digest_is_false(store, sub_id):
    assert store.abandon_digest(sub_id, WEEK[0], "channel_not_found") is False
