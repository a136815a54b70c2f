"""Exactly-once digest sends: claim, complete, fail, stale takeover, races."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import update

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
