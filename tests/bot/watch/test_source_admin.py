"""Admin verbs on sources: validation, kind detection, dry run, audit trail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.errors import CommandError
from bot.fetch.client import Fetcher
from bot.store import Store, open_store
from bot.watch import source_admin
from tests.support import store_reads as reads
from tests.support.http_server import LocalHTTPServer

FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    "<item><title>Newest release</title><link>http://127.0.0.1/a</link>"
    "<pubDate>Mon, 25 Mar 2024 08:00:00 +0800</pubDate></item>"
    "<item><title>Older</title><link>http://127.0.0.1/b</link></item></channel></rss>"
)


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'admin.sqlite3'}")
    yield opened
    opened.close()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(allow_private=True, attempts=1, timeout=2) as client:
        yield client


def test_add_detects_kind_and_reports_the_dry_run(
    store: Store, fetcher: Fetcher, http_server: LocalHTTPServer
) -> None:
    http_server.route("/news", (200, {"Content-Type": "text/xml"}, FEED))
    check = source_admin.add_source(store, "U1", http_server.url("/news"), fetcher=fetcher)
    assert check.source.kind == "rss" and check.source.enabled
    assert "found 2 items, newest: Newest release (2024-03-25)" in check.dry_run.note


def test_add_refuses_a_private_address(store: Store, http_server: LocalHTTPServer) -> None:
    with Fetcher(attempts=1) as guarded, pytest.raises(CommandError, match="loopback"):
        source_admin.add_source(store, "U1", http_server.url("/news"), fetcher=guarded)
    assert store.list_sources() == []


def test_failed_dry_run_stores_the_source_paused(
    store: Store, fetcher: Fetcher, http_server: LocalHTTPServer
) -> None:
    check = source_admin.add_source(store, "U1", http_server.url("/missing"), fetcher=fetcher)
    assert not check.source.enabled and "404" in check.problem
    assert check.source.kind == "html", "guessed from the URL when nothing could be fetched"


def test_test_stores_nothing(store: Store, fetcher: Fetcher, http_server: LocalHTTPServer) -> None:
    http_server.route("/news", (200, {"Content-Type": "text/xml"}, FEED))
    check = source_admin.test_source(store, http_server.url("/news"), fetcher)
    assert len(check.dry_run.items) == 2 and store.list_sources() == []


def test_pause_resume_every_are_audited_with_before_and_after(store: Store) -> None:
    source = source_admin.add_source(store, "U1", "https://example.org/feed.xml").source
    source_admin.pause_source(store, "U1", source.id)
    resumed = source_admin.resume_source(store, "U1", source.id)
    changed = source_admin.set_interval(store, "U1", source.id, "2h")
    assert resumed.enabled and changed.interval_seconds == 7200
    entry = reads.audit_log(store)[0]
    assert (entry.action, entry.before["interval_seconds"], entry.after["interval_seconds"]) == (
        "source.every",
        3600,
        7200,
    )
    assert [e.action for e in reads.audit_log(store)][1:3] == ["source.resume", "source.pause"]


@pytest.mark.parametrize(("text", "seconds"), [("30m", 1800), ("2h", 7200), ("1d", 86400)])
def test_parse_interval(text: str, seconds: int) -> None:
    assert source_admin.parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["1m", "30d", "often"])
def test_parse_interval_refuses_impolite_or_unreadable(text: str) -> None:
    with pytest.raises(CommandError):
        source_admin.parse_interval(text)


def test_defaults_are_inserted_once_into_an_empty_database(store: Store) -> None:
    added = source_admin.ensure_default_sources(store)
    assert added == len(store.list_sources()) > 0
    assert source_admin.ensure_default_sources(store) == 0
