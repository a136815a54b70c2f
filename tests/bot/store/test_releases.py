"""Releases with their figures and commitments: atomic writes, duplicates, lookups."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest

from bot.errors import NotFoundError, StorageError
from bot.model import Change, Commitment
from bot.store import Store, open_store
from tests.bot.store.factories import make_figure, make_release
from tests.support import store_reads as reads


def test_release_with_figures_round_trips(store):
    release = make_release(
        figures=[
            make_figure(),
            make_figure(subject="5G base stations", value=3.38e6, unit="count", change=None),
        ],
        commitments=[Commitment("Cover all towns with 5G by 2025.", "5G", "2025")],
    )
    result = store.add_release(release)
    loaded = reads.get_release(store, result.release.id)
    assert result.stored and release.id == loaded.id
    assert loaded.figures == release.figures
    assert loaded.figures[0].change == Change(7.39, "percent", "year on year")
    assert (loaded.figures[0].period, loaded.figures[0].qualifier) == ("2023", "over")
    assert loaded.commitments == release.commitments
    assert (loaded.title, loaded.published, loaded.canonical_url) == (
        release.title,
        release.published,
        release.canonical_url,
    )
    assert loaded.fetched_at is not None and loaded.fetched_at.tzinfo is UTC


def test_get_missing_release_is_not_found(store):
    with pytest.raises(NotFoundError, match="No release with id 404"):
        reads.get_release(store, 404)


def test_duplicate_by_canonical_url_is_skipped(store):
    first = store.add_release(make_release(canonical_url="https://cdf.example/a"))
    second = store.add_release(make_release(canonical_url="https://cdf.example/a"))
    assert not second.stored
    assert (second.duplicate_of, second.reason) == (first.release.id, "same canonical URL")
    assert store.count_releases() == 1


def test_duplicate_by_content_hash_is_skipped(store):
    first = store.add_release(make_release(content_hash="abc", canonical_url=None))
    second = store.add_release(make_release(content_hash="abc"))
    assert (second.stored, second.duplicate_of, second.reason) == (
        False,
        first.release.id,
        "same content",
    )


def test_find_duplicate_returns_id_or_none(store):
    stored = store.add_release(make_release(content_hash="h1")).release
    assert reads.find_duplicate(store, None, "h1") == stored.id
    assert reads.find_duplicate(store, "https://nowhere.example/", "h2") is None


def test_failure_inserting_figures_rolls_back_the_release(store):
    broken = make_release(content_hash="atomic", figures=[make_figure(), make_figure(subject=None)])
    with pytest.raises(StorageError):
        store.add_release(broken)
    assert store.count_releases() == 0
    assert reads.find_duplicate(store, broken.canonical_url, "atomic") is None


def test_releases_between_uses_published_else_fetched_newest_first(store):
    inside_old = make_release(published=date(2024, 5, 20))
    inside_new = make_release(published=date(2024, 5, 26))
    undated = make_release(published=None, fetched_at=datetime(2024, 5, 22, 8, tzinfo=UTC))
    before = make_release(published=date(2024, 5, 19))
    after = make_release(published=date(2024, 5, 27))
    fetched_in_window_but_old = make_release(
        published=date(2023, 1, 1), fetched_at=datetime(2024, 5, 22, tzinfo=UTC)
    )
    for release in (inside_old, inside_new, undated, before, after, fetched_in_window_but_old):
        store.add_release(release)
    found = store.releases_between(datetime(2024, 5, 20), datetime(2024, 5, 26, 23, 59, 59))
    assert [r.id for r in found] == [inside_new.id, undated.id, inside_old.id]
    assert all(r.figures and r.commitments for r in found)


def test_figures_for_indicator_newest_release_first(store):
    old = make_release(published=date(2022, 5, 1))
    new = make_release(published=date(2024, 5, 1), figures=[make_figure(), make_figure(value=2.0)])
    middle = make_release(published=date(2023, 5, 1))
    other = make_release(figures=[make_figure(indicator="ict_revenue")])
    for release in (old, new, middle, other):  # stored out of date order on purpose
        store.add_release(release)
    history = store.figures_for_indicator("digital_economy_scale")
    assert [s.release_id for s in history] == [new.id, new.id, middle.id, old.id]
    assert [s.figure.value for s in history[:2]] == [5.39e13, 2.0]  # document order
    assert history[0].published == date(2024, 5, 1)
    assert store.figures_for_indicator("digital_economy_scale", limit=1)[0].release_id == new.id


def test_figures_matching_subject_escapes_percent(store):
    literal = make_figure(subject="share of 100% fibre villages", indicator=None)
    other = make_figure(subject="share of 100 fibre villages", indicator=None)
    store.add_release(make_release(figures=[literal, other]))
    found = reads.figures_matching_subject(store, "100%")
    assert [s.figure.subject for s in found] == [literal.subject]


def test_figures_matching_subject_is_case_insensitive_and_needs_every_word(store):
    store.add_release(
        make_release(figures=[make_figure(subject="Digital Economy core industries")])
    )
    assert len(reads.figures_matching_subject(store, "digital INDUSTRIES")) == 1
    assert reads.figures_matching_subject(store, "digital agriculture") == []


def test_search_releases_matches_title_or_text_without_figures(store):
    store.add_release(make_release(title="Computing power plan", text="Data centres ..."))
    store.add_release(make_release(title="Other"))
    found = reads.search_releases(store, "computing data")
    assert [r.title for r in found] == ["Computing power plan"]
    assert found[0].figures == []


def test_recent_releases_most_recently_stored_first(store):
    first = store.add_release(make_release()).release
    second = store.add_release(make_release()).release
    assert [r.id for r in store.recent_releases(1)] == [second.id]
    assert [r.id for r in store.recent_releases(5)] == [second.id, first.id]


def test_concurrent_identical_releases_store_exactly_once(database_url, store):
    """Two pools adding the same release at once: one stored, one reported as duplicate."""
    other = open_store(database_url)
    barrier = threading.Barrier(2)
    results = []

    def add(contender) -> None:
        barrier.wait()
        results.append(contender.add_release(make_release(content_hash="same", canonical_url=None)))

    threads = [threading.Thread(target=add, args=(s,)) for s in (store, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.close()
    assert sorted(r.stored for r in results) == [False, True]
    assert store.count_releases() == 1


def test_indicators_with_figures_keeps_only_those_with_values(store: Store) -> None:
    store.add_release(make_release(figures=[make_figure(indicator="netizens")]))
    assert store.indicators_with_figures(["netizens", "5g_base_stations"]) == {"netizens"}
