"""Adapters by kind and the dry run behind `source add/test`."""

from __future__ import annotations

import pytest

from bot.errors import ConfigError
from bot.fetch.client import Fetcher
from bot.sources.base import effective_settings
from bot.sources.registry import adapter_for, dry_run
from tests.bot.sources.conftest import Serve, fixture_bytes, make_source
from tests.support.http_server import LocalHTTPServer


@pytest.mark.parametrize("kind", ["rss", "html", "json", "pdf"])
def test_every_kind_has_an_adapter(kind: str) -> None:
    assert adapter_for(kind).kind == kind


def test_unknown_kind_names_the_valid_ones() -> None:
    with pytest.raises(ConfigError, match="use one of rss, html, json, pdf"):
        adapter_for("xml")


def test_dry_run_reports_count_and_newest_item(serve: Serve, fetcher: Fetcher) -> None:
    url = serve("/feed.xml", fixture_bytes("rss2.xml"), "application/rss+xml")
    result = dry_run(make_source(url, "rss"), fetcher, limit=2)
    assert len(result.items) == 2 and result.total == 3
    assert result.note == (
        "found 3 items, newest: Data office publishes its 2023 digital economy report (2024-03-25)"
    )


def test_dry_run_fetches_the_list_only(
    http_server: LocalHTTPServer, serve: Serve, fetcher: Fetcher
) -> None:
    url = serve("/feed.xml", fixture_bytes("rss2.xml"), "application/rss+xml")
    dry_run(make_source(url, "rss"), fetcher)
    assert [r.path for r in http_server.requests] == ["/feed.xml"]


def test_dry_run_detects_the_kind_when_unset(serve: Serve, fetcher: Fetcher) -> None:
    url = serve("/list.json", fixture_bytes("govcn_list.json"), "text/plain")
    result = dry_run(make_source(url, "auto"), fetcher)
    assert result.kind == "json"
    assert effective_settings(result.settings)["url"] == "URL"
    assert result.settings["detected"]["found"] == (
        "at the top level (title=TITLE, url=URL, date=DOCRELPUBTIME)"
    )
    assert result.note.startswith(
        "found 3 items, newest: 国务院关于数字经济发展情况的报告 (2024-03-26)"
    )
