"""Watched sources: CRUD, duplicate URLs, and what removing one does to its releases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import NotFoundError, StorageError
from bot.model import Source
from tests.bot.store.factories import make_release
from tests.support import store_reads as reads


def rss(url: str = "https://www.cdf.example/rss.xml", **overrides) -> Source:
    return Source(url=url, kind="rss", name="CDF news", **overrides)


def test_added_source_is_listed_and_fetched_by_id(store):
    added = store.add_source(rss(settings={"selector": "a.item"}, note="main feed"))
    assert added.id is not None and added.created_at is not None
    assert store.list_sources() == [added]
    assert store.get_source(added.id).settings == {"selector": "a.item"}


def test_duplicate_source_url_is_a_clear_storage_error(store):
    first = store.add_source(rss())
    with pytest.raises(StorageError, match=rf"already exists \(id {first.id}\)"):
        store.add_source(rss())


def test_update_source_saves_polling_state(store):
    source = store.add_source(rss())
    source.failures, source.last_error = 2, "HTTP 503"
    source.next_poll_at = datetime(2024, 5, 1, 8, 30, tzinfo=UTC)
    updated = store.update_source(source)
    assert store.get_source(source.id) == updated
    assert (updated.failures, updated.last_error) == (2, "HTTP 503")
    assert updated.next_poll_at == datetime(2024, 5, 1, 8, 30, tzinfo=UTC)


def test_update_to_another_sources_url_is_refused(store):
    store.add_source(rss("https://a.example/feed"))
    second = store.add_source(rss("https://b.example/feed"))
    second.url = "https://a.example/feed"
    with pytest.raises(StorageError, match="already exists"):
        store.update_source(second)


def test_missing_source_is_not_found(store):
    with pytest.raises(NotFoundError, match=r"^No source with id 7$"):
        store.get_source(7)
    with pytest.raises(NotFoundError):
        store.remove_source(7)
    with pytest.raises(NotFoundError):
        store.update_source(rss(id=7))


def test_removing_a_source_keeps_its_releases(store):
    source = store.add_source(rss())
    release = store.add_release(make_release(source_id=source.id)).release
    assert reads.get_release(store, release.id).source_name == "CDF news"
    removed = store.remove_source(source.id)
    assert removed.id == source.id and store.list_sources() == []
    kept = reads.get_release(store, release.id)
    assert (kept.source_id, kept.source_name, len(kept.figures)) == (None, None, 1)
