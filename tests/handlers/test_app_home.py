"""The App Home tab end to end: a signed ``app_home_opened`` event_callback posted to the real
HTTP endpoint (waitress + Bolt), the view published to the fake Slack Web API."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.models.blocks import Block

from bot.constants import MAX_BLOCKS_HOME_TAB
from bot.model import Figure, Release, Source, Subscription
from bot.services import build_services
from bot.slack.app import create_app
from bot.slack.serve import HttpServer, create_http_server
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import (
    ADMIN_ID,
    USER_ID,
    event_body,
    signed_headers,
    slack_settings,
)


@dataclass
class Home:
    server: HttpServer
    fake: FakeSlack

    def open(self, user_id: str, tab: str = "home") -> int:
        body = event_body({"type": "app_home_opened", "user": user_id, "tab": tab})
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
        try:
            headers = signed_headers(body, content_type="application/json")
            conn.request("POST", "/slack/events", body.encode(), headers)
            return conn.getresponse().status
        finally:
            conn.close()

    def published(self, user_id: str) -> dict[str, Any]:
        """Open the tab as ``user_id`` and return the view Slack received."""
        assert self.open(user_id) == 200
        (call,) = self.fake.wait_for("views.publish", timeout=30)
        assert call.params["user_id"] == user_id
        return call.json_param("view")


def _text(view: dict[str, Any]) -> str:
    return json.dumps(view, ensure_ascii=False)


def _seed(services: Any) -> None:
    store = services.store
    today = datetime.now(UTC).date()
    store.add_release(
        Release(
            title="5G base stations pass 4 million <!channel>",
            language="en",
            text="By the end of last year there were 4.25 million 5G base stations.",
            content_hash="home-5g",
            url="https://miit.example.cn/5g.html",
            published=today,
            figures=[
                Figure(
                    "5G base stations",
                    4.251e6,
                    "count",
                    "4.251 million",
                    "There were 4.251 million 5G base stations.",
                    "5g_base_stations",
                    period=str(today.year - 1),
                )
            ],
        )
    )
    source = store.add_source(Source(url="https://nda.example.cn/rss", kind="rss", name="NDA"))
    source.failures, source.last_error = 6, "HTTP 503 from <@U999> *bold*"
    source.next_poll_at = datetime.now(UTC) + timedelta(hours=3)
    store.record_poll(source)
    store.upsert_subscription(Subscription(USER_ID, created_by=USER_ID))
    store.upsert_subscription(Subscription("C0MINE01", created_by=USER_ID))
    store.upsert_subscription(Subscription("C0OTHERS", created_by="USOMEONE"))


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Home]:
    with FakeSlack() as fake:
        settings = slack_settings(fake.base_url, f"sqlite:///{tmp_path / 'home.sqlite3'}")
        services = build_services(settings)
        _seed(services)
        server = create_http_server(create_app(services), settings, host="127.0.0.1", port=0)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            yield Home(server, fake)
        finally:
            server.close()
            thread.join(timeout=5)
            services.close()


def test_home_shows_latest_releases(home: Home) -> None:
    view = home.published(USER_ID)
    assert view["type"] == "home"
    assert "*Latest releases*" in _text(view) and "5G base stations pass 4 million" in _text(view)


def test_home_shows_indicators_that_moved_this_week(home: Home) -> None:
    text = _text(home.published(USER_ID))
    assert "Indicators that moved this week" in text
    assert "*5G base stations*: *4.251 million" in text


def test_home_lists_only_the_users_own_subscriptions(home: Home) -> None:
    text = _text(home.published(USER_ID))
    assert "you (DM)" in text and "<#C0MINE01>" in text
    assert "C0OTHERS" not in text


def test_home_for_a_non_admin_has_no_source_health(home: Home) -> None:
    text = _text(home.published(USER_ID))
    assert "Watched sources" not in text and "HTTP 503" not in text


def test_home_for_an_admin_shows_source_health(home: Home) -> None:
    text = _text(home.published(ADMIN_ID))
    assert "Watched sources (1), 1 failing" in text
    assert "failures 6" in text and "last success never" in text and "next poll 20" in text


def test_home_escapes_source_text(home: Home) -> None:
    text = _text(home.published(ADMIN_ID))
    assert "&lt;!channel&gt;" in text and "&lt;@U999&gt;" in text
    assert "<!channel>" not in text and "<@U999>" not in text


def test_home_view_is_valid_block_kit_within_limits(home: Home) -> None:
    blocks = home.published(ADMIN_ID)["blocks"]
    assert 0 < len(blocks) <= MAX_BLOCKS_HOME_TAB
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None
        parsed.validate_json()


def test_messages_tab_publishes_nothing(home: Home) -> None:
    assert home.open(USER_ID, tab="messages") == 200
    home.open(USER_ID)  # a later Home open proves the Messages one was processed
    assert len(home.fake.wait_for("views.publish", timeout=30)) == 1


def test_home_publishing_does_not_call_auth_test_per_event(home: Home) -> None:
    before = len(home.fake.calls_to("auth.test"))
    home.published(USER_ID)
    assert len(home.fake.calls_to("auth.test")) == before
