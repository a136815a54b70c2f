"""``copy_database`` (issue 14, item 2): every row, id and audit entry of a SQLite database
lands in PostgreSQL, references intact, sequences past the copied ids, counts verified."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.digest import subscriptions
from bot.errors import StorageError
from bot.model import Source
from bot.store import Store, open_store
from bot.store.copy import copy_database
from bot.store.schema import metadata
from bot.watch.examples import load_examples_if_empty
from tests.bot.store.factories import make_release

pytestmark = pytest.mark.postgres


@pytest.fixture
def filled(sqlite_url: str) -> Iterator[Store]:
    """A SQLite database as a team would have it: releases, sources, subscriptions, an
    audit log, and a release whose parent has a higher id than itself."""
    store = open_store(sqlite_url)
    load_examples_if_empty(store)
    subscriptions.subscribe(store, "UADMIN1", "C0123ABCDEF", [], default_timezone="UTC")
    store.add_source(Source("https://www.nda.gov.cn/rss.xml", "rss", "NDA"))
    child = store.add_release(make_release()).release
    parent = store.add_release(make_release()).release
    with store.engine.begin() as conn:
        releases = metadata.tables["releases"]
        conn.execute(
            releases.update().where(releases.c.id == child.id).values(parent_release_id=parent.id)
        )
    yield store
    store.close()


@pytest.fixture
def target(postgres_url: str) -> Iterator[Store]:
    store = open_store(postgres_url)
    yield store
    store.close()


def _rows(store: Store) -> dict[str, list[tuple]]:
    with store.engine.connect() as conn:
        return {
            table.name: sorted(
                tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key))
            )
            for table in metadata.sorted_tables
        }


def test_every_row_arrives_with_its_id(filled: Store, target: Store) -> None:
    report = copy_database(filled, target)
    assert report.mismatched == []
    assert report.counts["audit_log"][0] > 0 and report.counts["figures"][0] > 0
    assert _rows(target) == _rows(filled)


def test_new_rows_get_ids_after_the_copied_ones(filled: Store, target: Store) -> None:
    copy_database(filled, target)
    highest = max(r.id for r in filled.list_sources())
    added = target.add_source(Source("https://example.cn/new.xml", "rss", "New"))
    assert added.id == highest + 1


def test_a_target_with_data_is_refused(filled: Store, target: Store) -> None:
    target.add_source(Source("https://example.cn/there.xml", "rss", "Already there"))
    with pytest.raises(StorageError, match="already has data"):
        copy_database(filled, target)
