"""Poll leases (issue 14, item 1): a due source goes to one claimant until it is recorded,
released, or its lease runs out; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.model import Source

NOW = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=15)


def _add(store, count: int) -> list[int]:
    return [
        store.add_source(Source(f"https://s{i}.example.cn/feed", "rss", f"S{i}")).id
        for i in range(count)
    ]


def test_a_claimed_source_is_not_claimed_again(store) -> None:
    ids = _add(store, 3)
    first = store.claim_due_sources(NOW, "a", LATER, 10)
    assert sorted(s.id for s in first) == sorted(ids)
    assert store.claim_due_sources(NOW, "b", LATER, 10) == []


def test_claims_take_at_most_the_limit(store) -> None:
    _add(store, 5)
    first = {s.id for s in store.claim_due_sources(NOW, "a", LATER, 2)}
    second = {s.id for s in store.claim_due_sources(NOW, "b", LATER, 10)}
    assert len(first) == 2
    assert len(second) == 3
    assert not first & second


def test_an_expired_lease_is_taken_over(store) -> None:
    _add(store, 1)
    store.claim_due_sources(NOW, "dead", NOW + timedelta(minutes=1), 10)
    taken = store.claim_due_sources(NOW + timedelta(minutes=2), "b", LATER, 10)
    assert len(taken) == 1


def test_recording_a_poll_releases_its_owners_lease(store) -> None:
    _add(store, 1)
    [source] = store.claim_due_sources(NOW, "a", LATER, 10)
    store.record_polls([source], release_owner="a")
    assert len(store.claim_due_sources(NOW, "b", LATER, 10)) == 1


def test_release_leaves_another_owners_lease_alone(store) -> None:
    ids = _add(store, 1)
    store.claim_due_sources(NOW, "dead", NOW + timedelta(minutes=1), 10)
    store.claim_due_sources(NOW + timedelta(minutes=2), "b", LATER, 10)
    store.release_sources(ids, "dead")
    assert store.claim_due_sources(NOW + timedelta(minutes=3), "c", LATER, 10) == []


def test_a_source_not_due_is_not_claimed(store) -> None:
    [source_id] = _add(store, 1)
    source = store.get_source(source_id)
    source.next_poll_at = NOW + timedelta(hours=1)
    store.record_polls([source])
    assert store.claim_due_sources(NOW, "a", LATER, 10) == []
