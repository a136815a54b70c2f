"""The outbox is filled with the release: which stored releases owe which watches an alert."""

from __future__ import annotations

from datetime import date, timedelta

from bot.model import Watch
from bot.store import Store
from tests.support.digest_data import figure, release

STALE = timedelta(minutes=5)


def _watch(store: Store, target: str = "U1", **threshold: float) -> Watch:
    return store.upsert_watch(
        Watch("5g_base_stations", "count", "5G base stations", "user", target, **threshold)
    )


def _store(store: Store, *figures, published: date = date(2026, 1, 20)) -> int:
    found = store.add_release(release(published=published, figures=list(figures)))
    assert found.stored and found.release.id is not None
    return found.release.id


def _payloads(store: Store) -> list[dict]:
    return [a.payload for a in store.due_alerts(STALE, 5)]


def test_a_new_period_is_queued_with_the_value_it_moved_from(store: Store) -> None:
    _store(store, figure(value=4_251_000, period="2024"), published=date(2025, 1, 27))
    _watch(store)
    _store(store, figure(value=4_838_000, period="2025"))
    [payload] = _payloads(store)
    assert payload["value"] == 4_838_000 and payload["period"] == "2025"
    assert payload["previous"] == {"value": 4_251_000, "period": "2024"}
    assert payload["revised"] is False


def test_the_previous_value_may_come_from_the_same_release(store: Store) -> None:
    _watch(store)
    _store(store, figure(value=4_838_000, period="2025"), figure(value=4_251_000, period="2024"))
    assert _payloads(store)[0]["previous"] == {"value": 4_251_000, "period": "2024"}


def test_a_different_value_for_a_stated_period_is_a_revision(store: Store) -> None:
    _store(store, figure(value=4_838_000, period="2025"), published=date(2026, 1, 20))
    _watch(store)
    _store(store, figure(value=4_950_000, period="2025"), published=date(2026, 3, 5))
    [payload] = _payloads(store)
    assert payload["revised"] is True
    assert payload["previous"] == {"value": 4_838_000, "period": "2025"}


def test_restating_a_period_with_the_same_value_queues_nothing(store: Store) -> None:
    _store(store, figure(value=4_838_000, period="2025"), published=date(2026, 1, 20))
    _watch(store)
    _store(store, figure(value=4_840_000, period="2025"), published=date(2026, 3, 5))
    assert _payloads(store) == []


def test_a_release_without_the_indicator_queues_nothing(store: Store) -> None:
    _watch(store)
    _store(store, figure("netizens", 1.1e9, period="2025"))
    assert _payloads(store) == []


def test_a_target_year_is_not_a_value(store: Store) -> None:
    _watch(store)
    _store(store, figure(value=6_000_000, period="2027"), published=date(2026, 1, 20))
    assert _payloads(store) == []


def test_a_share_in_percent_is_not_the_counted_indicator(store: Store) -> None:
    _watch(store)
    _store(store, figure(value=33.6, unit="percent", period="2025"))
    assert _payloads(store) == []


def test_a_threshold_fires_only_when_crossed(store: Store) -> None:
    _store(store, figure(value=4_251_000, period="2024"), published=date(2025, 1, 27))
    _watch(store, above=4_500_000)
    _store(store, figure(value=4_838_000, period="2025"), published=date(2026, 1, 20))
    assert len(_payloads(store)) == 1
    _store(store, figure(value=5_100_000, period="2026"), published=date(2027, 1, 20))
    assert len(_payloads(store)) == 1  # already above: no new crossing


def test_a_below_threshold_fires_on_a_fall(store: Store) -> None:
    _store(store, figure(value=4_251_000, period="2024"), published=date(2025, 1, 27))
    _watch(store, below=4_000_000)
    _store(store, figure(value=3_900_000, period="2025"))
    assert _payloads(store)[0]["below"] == 4_000_000


def test_each_watch_gets_its_own_alert(store: Store) -> None:
    _watch(store, "U1")
    _watch(store, "U2")
    _store(store, figure(value=4_838_000, period="2025"))
    assert sorted(a.watch.target_id for a in store.due_alerts(STALE, 5)) == ["U1", "U2"]


def test_a_duplicate_release_queues_nothing_more(store: Store) -> None:
    _watch(store)
    day = date(2026, 1, 20)
    first = release(published=day, figures=[figure(value=4_838_000, period="2025")])
    assert store.add_release(first).stored
    again = release(published=day, figures=first.figures, content_hash=first.content_hash)
    assert not store.add_release(again).stored
    assert len(_payloads(store)) == 1


def test_a_broken_watch_queues_nothing(store: Store) -> None:
    watch = _watch(store)
    assert watch.id is not None and store.mark_watch_broken(watch.id, "channel_not_found")
    _store(store, figure(value=4_838_000, period="2025"))
    assert _payloads(store) == []


def test_a_release_stored_by_a_poll_queues_too(store: Store) -> None:
    from datetime import UTC, datetime

    from bot.store.repo import NearDupRule
    from tests.support.digest_data import add_source

    _watch(store)
    source_id = add_source(store, "MIIT")
    found = release(published=date(2026, 1, 20), figures=[figure(value=4_838_000, period="2025")])
    near = NearDupRule(since=datetime(2026, 1, 1, tzinfo=UTC), max_distance=3)
    stored = store.add_polled_release(
        found, source_id=source_id, listed_url=found.url or "", simhash=None, near=near
    )
    assert stored.stored
    assert len(_payloads(store)) == 1
