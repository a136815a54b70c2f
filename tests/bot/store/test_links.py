"""Polling queries: known URLs, release ↔ source links, near-duplicates, health writes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.model import Source
from bot.store import Store
from bot.store.repo import NearDupRule
from tests.bot.store.factories import make_release
from tests.support import store_reads as reads

RULE = NearDupRule(datetime.now(UTC) - timedelta(days=30), 3)


def _source(store: Store, name: str) -> Source:
    return store.add_source(Source(url=f"https://{name}.example/feed", kind="rss", name=name))


def test_known_urls_covers_releases_and_links(store: Store) -> None:
    a, b = _source(store, "a"), _source(store, "b")
    release = make_release()
    store.add_polled_release(
        release, source_id=a.id, listed_url=release.url, simhash=None, near=RULE
    )
    copy = make_release(content_hash=release.content_hash)
    store.add_polled_release(
        copy, source_id=b.id, listed_url="https://b.example/x?utm_source=1", simhash=None, near=RULE
    )
    known = store.known_urls([release.canonical_url, "https://b.example/x", "https://new.example"])
    assert known == {release.canonical_url, "https://b.example/x"}


def test_near_duplicate_is_linked_not_stored(store: Store) -> None:
    a, b = _source(store, "a"), _source(store, "b")
    first = store.add_polled_release(
        make_release(), source_id=a.id, listed_url="https://a/1", simhash=0b1011, near=RULE
    )
    second = store.add_polled_release(
        make_release(), source_id=b.id, listed_url="https://b/1", simhash=0b0011, near=RULE
    )
    assert first.stored and not second.stored and second.duplicate_of == first.release.id
    assert [s for s, _u in reads.release_sources(store, first.release.id)] == [a.id, b.id]


def test_near_duplicate_weeks_apart_is_a_new_release(store: Store) -> None:
    a = _source(store, "a")
    store.add_polled_release(
        make_release(published=date(2024, 1, 1)),
        source_id=a.id,
        listed_url="https://a/1",
        simhash=(1 << 63) + 5,
        near=RULE,
    )
    later = store.add_polled_release(
        make_release(published=date(2024, 2, 1)),
        source_id=a.id,
        listed_url="https://a/2",
        simhash=(1 << 63) + 5,
        near=RULE,
    )
    assert later.stored


def test_record_poll_keeps_an_admin_pause(store: Store) -> None:
    source = _source(store, "a")
    paused = store.update_source(_paused(source))
    source.failures, source.etag = 2, '"x"'
    store.record_poll(source)
    saved = store.get_source(source.id)
    assert (saved.enabled, saved.failures, saved.etag) == (paused.enabled, 2, '"x"')


def test_record_polls_saves_each_source_and_skips_removed_ones(store: Store) -> None:
    first, second, gone = _source(store, "one"), _source(store, "two"), _source(store, "gone")
    store.remove_source(gone.id)
    first.etag, second.failures, gone.failures = '"e1"', 3, 9
    store.record_polls([first, second, gone])
    assert store.get_source(first.id).etag == '"e1"'
    assert store.get_source(second.id).failures == 3
    assert [s.id for s in store.list_sources()] == [first.id, second.id]


def test_due_sources_skips_paused_and_future(store: Store) -> None:
    now = datetime.now(UTC)
    due, later, paused = _source(store, "due"), _source(store, "later"), _source(store, "p")
    later.next_poll_at = now + timedelta(hours=1)
    store.record_poll(later)
    store.update_source(_paused(paused))
    assert [s.id for s in store.due_sources(now)] == [due.id]


def _paused(source: Source) -> Source:
    from dataclasses import replace

    return replace(source, enabled=False)
