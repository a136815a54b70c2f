"""Socket Mode end to end (issue 14, item 8): the bot connects to a local WebSocket server
standing in for Slack's, answers a ``/cdf`` envelope with an ack over the socket, finishes
slow work at the response URL, and reconnects when the server drops the connection."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from slack_bolt import App

from bot.config import Settings
from bot.services import Services
from bot.slack.serve import serve_socket_mode
from bot.watch.examples import load_examples_if_empty
from tests.support.fake_slack import FakeSlack
from tests.support.fake_socket_mode import FakeSocketMode
from tests.support.slack_requests import APP_TOKEN, slack_settings, slash_command_body

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def slack_config(fake: FakeSlack, tmp_path: Path) -> Settings:
    """Socket Mode settings: the app-level token beside the bot token."""
    return slack_settings(
        fake.base_url, f"sqlite:///{tmp_path / 't.sqlite3'}", SLACK_APP_TOKEN=APP_TOKEN
    )


@pytest.fixture
def socket(
    app: App, slack_services: Services, slack_config: Settings, fake: FakeSlack
) -> Iterator[FakeSocketMode]:
    load_examples_if_empty(slack_services.store)
    stop = threading.Event()
    with FakeSocketMode() as server:
        fake.socket_url = server.url
        runner = threading.Thread(
            target=serve_socket_mode,
            args=(app, slack_config),
            kwargs={"stop": stop, "ping_interval": 1.0},  # reconnect checks every second
            daemon=True,
        )
        runner.start()
        server.wait_for_connections(1)
        yield server
        stop.set()
        runner.join(timeout=10)


def _payload(text: str, fake: FakeSlack) -> dict[str, str]:
    body = slash_command_body(text, response_url=fake.response_url(text.replace(" ", "-")))
    return dict(parse_qsl(body))


def test_a_cdf_command_is_acknowledged_over_the_socket_with_its_answer(
    socket: FakeSocketMode, fake: FakeSlack
) -> None:
    ack = socket.wait_for_ack(socket.send_slash_command(_payload("5g", fake)))
    assert "5G base stations" in json.dumps(ack["payload"], ensure_ascii=False)
    assert fake.calls_to("apps.connections.open")[0].token == APP_TOKEN


def test_slow_work_answers_at_the_response_url(socket: FakeSocketMode, fake: FakeSlack) -> None:
    ack = socket.wait_for_ack(socket.send_slash_command(_payload("digest preview", fake)))
    assert "working on" in json.dumps(ack["payload"]).lower()
    [response] = fake.wait_for("response", timeout=30)
    assert response.path.endswith("/digest-preview")
    assert "digest" in response.body.decode().lower()


def test_after_the_server_drops_the_connection_the_bot_reconnects(
    socket: FakeSocketMode, fake: FakeSlack
) -> None:
    socket.drop()
    socket.wait_for_connections(2)
    ack = socket.wait_for_ack(socket.send_slash_command(_payload("5g", fake)))
    assert "5G base stations" in json.dumps(ack["payload"], ensure_ascii=False)
    assert len(fake.calls_to("apps.connections.open")) == 2
