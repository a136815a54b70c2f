"""Opening, migrating and configuring the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from bot.errors import StorageError
from bot.store import open_store
from bot.store.engine import make_engine, transaction, writer
from bot.store.migrate import alembic_config, current_revision, head_revision
from bot.store.schema import metadata
from bot.store.search import include_name
from tests.bot.store.factories import make_release

TABLES = {
    "sources",
    "releases",
    "figures",
    "commitments",
    "subscriptions",
    "digests_sent",
    "audit_log",
}


def test_fresh_database_gets_schema_at_head(database_url):
    store = open_store(database_url)
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    assert current_revision(store.engine) == head_revision()
    store.close()


def test_reopening_keeps_data(database_url):
    first = open_store(database_url)
    first.add_release(make_release())
    first.close()
    second = open_store(database_url)
    assert second.count_releases() == 1
    second.close()


def test_database_at_older_revision_is_upgraded(database_url):
    store = open_store(database_url)
    config = alembic_config()
    with transaction(writer(store.engine)) as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert "releases" not in inspect(store.engine).get_table_names()
    store.close()
    reopened = open_store(database_url)
    assert current_revision(reopened.engine) == head_revision()
    assert set(inspect(reopened.engine).get_table_names()) >= TABLES
    reopened.close()


def test_migrations_match_schema_module(database_url):
    store = open_store(database_url)
    with transaction(store.engine) as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, metadata)
    store.close()
    assert diff == []


def test_open_without_migrate_refuses_unmigrated_database(database_url):
    with pytest.raises(StorageError, match="schema is at revision none"):
        open_store(database_url, migrate=False)


def test_sqlite_file_folder_is_created(tmp_path: Path):
    open_store(f"sqlite:///{tmp_path}/deep/er/bot.sqlite3").close()
    assert (tmp_path / "deep" / "er" / "bot.sqlite3").exists()


def test_sqlite_uses_wal_foreign_keys_and_busy_timeout(sqlite_url):
    store = open_store(sqlite_url)
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
    store.close()


def test_unsupported_url_is_a_storage_error():
    with pytest.raises(StorageError, match="Unsupported database"):
        make_engine("mysql://u@h/db")
