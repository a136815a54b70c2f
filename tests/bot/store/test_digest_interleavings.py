"""Digest claims under every interleaving of two workers across two weeks.

Week W0 failed earlier (its row is 'failed'); W1 is new. Each worker goes through both
weeks in its own order: claim a week, then complete it if the claim was won. A small
scheduler runs the two workers' steps in every possible order (C(8, 4) = 70 schedules
per pair of week orders), one API call at a time, through two stores (two pools, like
two processes) on a real database. Whatever the order, every week is sent exactly once,
by the one worker whose claim won it — so taking over W0's failed claim can never hand
out W1, and W1's claim can never reopen W0.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.model import Subscription
from bot.store import Store, open_store
from bot.store.engine import transaction
from bot.store.schema import digests_sent

WEEKS = {"W0": date(2024, 5, 13), "W1": date(2024, 5, 20)}
STALE = timedelta(minutes=10)
ORDERS = [("W0", "W1"), ("W1", "W0")]

Step = Callable[[], None]


def schedules(steps_each: int = 4) -> Iterator[str]:
    """Every order of two workers' steps that keeps each worker's own order: "aabbabab"…"""
    for slots in itertools.combinations(range(2 * steps_each), steps_each):
        yield "".join("a" if n in slots else "b" for n in range(2 * steps_each))


class Worker:
    """One process sending digests: claim each week in ``order``, complete what it won."""

    def __init__(self, name: str, store: Store, sub_id: int, order: tuple[str, str]) -> None:
        self.name, self.store, self.sub_id = name, store, sub_id
        self.won: dict[str, bool] = {}
        self.steps: list[Step] = []
        for week in order:
            self.steps += [self._claim(week), self._settle(week)]

    def _claim(self, week: str) -> Step:
        def step() -> None:
            start = WEEKS[week]
            self.won[week] = self.store.claim_digest(
                self.sub_id, start, start + timedelta(days=6), self.name, stale_after=STALE
            )

        return step

    def _settle(self, week: str) -> Step:
        def step() -> None:
            if self.won[week]:
                self.store.complete_digest(self.sub_id, WEEKS[week], f"ts-{self.name}-{week}")

        return step


def _rows(store: Store, sub_id: int) -> dict[date, tuple[str, str]]:
    query = select(
        digests_sent.c.period_start, digests_sent.c.status, digests_sent.c.claimed_by
    ).where(digests_sent.c.subscription_id == sub_id)
    with transaction(store.engine) as conn:
        return {row.period_start: (row.status, row.claimed_by) for row in conn.execute(query)}


def _violations(store: Store, sub_id: int, workers: list[Worker]) -> list[str]:
    found = []
    rows = _rows(store, sub_id)
    for week, start in WEEKS.items():
        winners = [w.name for w in workers if w.won.get(week)]
        if len(winners) != 1:
            found.append(f"{week} won by {winners or 'nobody'}")
        elif rows.get(start) != ("sent", winners[0]):
            found.append(f"{week} row is {rows.get(start)}, winner {winners[0]}")
    return found


@pytest.fixture
def two_stores(database_url: str, store: Store) -> Iterator[tuple[Store, Store]]:
    other = open_store(database_url)
    yield store, other
    other.close()


@pytest.mark.parametrize(
    ("order_a", "order_b"), list(itertools.product(ORDERS, ORDERS)), ids=lambda o: "-".join(o)
)
def test_every_interleaving_sends_each_week_once(
    two_stores: tuple[Store, Store], order_a: tuple[str, str], order_b: tuple[str, str]
) -> None:
    store_a, store_b = two_stores
    failures = []
    tried = 0
    for number, schedule in enumerate(schedules()):
        sub_id = store_a.upsert_subscription(Subscription(f"C{number:03d}")).id
        store_a.claim_digest(sub_id, WEEKS["W0"], WEEKS["W0"], "earlier", stale_after=STALE)
        store_a.fail_digest(sub_id, WEEKS["W0"], "channel_not_found")
        workers = {
            "a": Worker("a", store_a, sub_id, order_a),
            "b": Worker("b", store_b, sub_id, order_b),
        }
        steps = {name: iter(worker.steps) for name, worker in workers.items()}
        for name in schedule:
            next(steps[name])()
        failures += [f"{schedule}: {v}" for v in _violations(store_a, sub_id, [*workers.values()])]
        tried += 1
    assert tried == 70
    assert failures == []
