"""End to end, HTTP mode: real sockets, real signature checks, real SQLite, fake Web API.

The bot is served by waitress on an ephemeral port exactly as ``cdfbot run --mode http``
would; Slack is played by signed form posts and by :class:`FakeSlack` (``auth.test``,
``response_url``).
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.constants import WORKING_ON_IT
from bot.model import Figure, Release
from bot.services import Services, build_services
from bot.slack.app import create_app
from bot.slack.serve import HttpServer, create_http_server
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import (
    SIGNING_SECRET,
    signed_headers,
    slack_settings,
    slash_command_body,
)

FIVE_G = Release(
    title="2023年通信业统计公报",
    language="zh",
    text="截至2023年底，5G基站总数达337.7万个。",
    content_hash="e2e-5g-2023",
    url="https://www.miit.gov.cn/e2e/5g.html",
    published=date(2024, 1, 24),
    summary="5G base stations reached 3.377 million.",
    figures=[
        Figure(
            subject="5G base stations",
            indicator="5g_base_stations",  # id in bot/data/indicators.toml
            value=3_377_000,
            unit="count",
            text="3.377 million",
            sentence="截至2023年底，5G基站总数达337.7万个。",
            period="2023",
        )
    ],
)


@dataclass
class Bot:
    server: HttpServer
    fake: FakeSlack
    services: Services

    def post(self, body: str, headers: dict[str, str]) -> tuple[int, str]:
        return self._request("POST", "/slack/events", body.encode(), headers)

    def get(self, path: str) -> tuple[int, str]:
        return self._request("GET", path)

    def _request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read().decode()
        finally:
            conn.close()

    def command(self, text: str, **fields: Any) -> tuple[int, dict[str, Any]]:
        body = slash_command_body(text, **fields)
        status, raw = self.post(body, signed_headers(body))
        return status, json.loads(raw) if status == 200 else {}


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[Bot]:
    with FakeSlack() as fake:
        settings = slack_settings(fake.base_url, f"sqlite:///{tmp_path / 'e2e.sqlite3'}")
        services = build_services(settings)
        services.store.add_release(FIVE_G)
        server = create_http_server(create_app(services), settings, host="127.0.0.1", port=0)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            yield Bot(server, fake, services)
        finally:
            server.close()
            thread.join(timeout=5)
            services.close()


def test_signed_5g_query_answers_with_the_figure(bot: Bot) -> None:
    status, body = bot.command("5g")
    assert status == 200
    shown = json.dumps(body, ensure_ascii=False)
    assert ("3.377" in shown and "million" in shown) or "3,377,000" in shown


def test_answer_is_ephemeral(bot: Bot) -> None:
    assert bot.command("5g")[1]["response_type"] == "ephemeral"


def test_bad_signature_is_rejected(bot: Bot) -> None:
    body = slash_command_body("5g")
    assert bot.post(body, signed_headers(body, secret="not-" + SIGNING_SECRET))[0] == 401


def test_stale_timestamp_is_rejected(bot: Bot) -> None:
    body = slash_command_body("5g")
    stale = signed_headers(body, timestamp=int(time.time()) - 6 * 60)
    assert bot.post(body, stale)[0] == 401


def test_healthz_is_ok(bot: Bot) -> None:
    assert bot.get("/healthz") == (200, json.dumps({"status": "ok"}))


def test_ssl_check_is_ok(bot: Bot) -> None:
    assert bot.get("/slack/events?ssl_check=1&token=x")[0] == 200


def test_url_verification_echoes_the_challenge(bot: Bot) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "t"})
    status, raw = bot.post(body, signed_headers(body, content_type="application/json"))
    assert (status, json.loads(raw)["challenge"]) == (200, "c-123")


def test_digest_preview_arrives_on_response_url(bot: Bot) -> None:
    status, body = bot.command("digest preview", response_url=bot.fake.response_url("dp"))
    assert (status, body["text"]) == (200, WORKING_ON_IT.format(command="digest"))
    (post,) = bot.fake.wait_for("response", timeout=10)
    assert json.loads(post.body)["response_type"] == "ephemeral"
