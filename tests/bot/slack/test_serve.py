"""HTTP mode routing and the stoppable waitress server; Socket Mode handler construction."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest
from slack_bolt import App

from bot.config import Settings
from bot.constants import MAX_SLACK_REQUEST_BYTES
from bot.errors import ConfigError
from bot.services import build_services
from bot.slack.app import create_app
from bot.slack.serve import (
    HttpServer,
    create_http_server,
    create_socket_mode_handler,
    make_wsgi_app,
    serve_http,
)
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import APP_TOKEN, slack_settings


@pytest.fixture
def slack_config(fake: FakeSlack, tmp_path: Path) -> Settings:
    return slack_settings(fake.base_url, f"sqlite:///{tmp_path / 't.db'}", PORT=3000)


@pytest.fixture
def settings(slack_config: Settings) -> Settings:
    """The Slack-mode settings under the name these tests use."""
    return slack_config


@pytest.fixture
def running(app: App, settings: Settings) -> Iterator[HttpServer]:
    server = create_http_server(app, settings, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server
    server.close()
    thread.join(timeout=5)


def call_wsgi(app: App, method: str, path: str, query: str = "") -> tuple[str, dict, bytes]:
    environ: dict = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query}
    setup_testing_defaults(environ)
    captured: dict = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        captured.update(status=status, headers=dict(headers))

    body = b"".join(make_wsgi_app(app)(environ, start_response))
    return captured["status"], captured["headers"], body


def request(server: HttpServer, method: str, path: str, body: bytes | None = None) -> int:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
    try:
        conn.request(method, path, body=body)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_healthz_is_ok_json(app: App) -> None:
    status, headers, body = call_wsgi(app, "GET", "/healthz")
    assert status.startswith("200")
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"status": "ok"}


def test_ssl_check_get_is_ok(app: App) -> None:
    assert call_wsgi(app, "GET", "/slack/events", "ssl_check=1&token=x")[0].startswith("200")


def test_plain_get_on_events_is_not_found(app: App) -> None:
    assert call_wsgi(app, "GET", "/slack/events")[0].startswith("404")


def test_unknown_path_is_not_found(app: App) -> None:
    assert call_wsgi(app, "GET", "/admin")[0].startswith("404")


def test_wrong_method_is_405_with_allow(app: App) -> None:
    status, headers, _ = call_wsgi(app, "DELETE", "/healthz")
    assert status.startswith("405")
    assert headers["Allow"] == "GET, HEAD"


def test_unsigned_event_post_is_rejected(app: App) -> None:
    assert call_wsgi(app, "POST", "/slack/events")[0].startswith("401")


def test_server_exposes_the_ephemeral_port(running: HttpServer) -> None:
    assert running.port > 0
    assert request(running, "GET", "/healthz") == 200


def test_close_stops_run_even_with_an_open_connection(app: App, settings: Settings) -> None:
    server = create_http_server(app, settings, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    keep_alive = http.client.HTTPConnection(server.host, server.port, timeout=5)
    keep_alive.request("GET", "/healthz")
    keep_alive.getresponse().read()
    server.close()
    thread.join(timeout=5)
    keep_alive.close()
    assert not thread.is_alive()


def test_close_before_run_releases_the_port(app: App, settings: Settings) -> None:
    server = create_http_server(app, settings, host="127.0.0.1", port=0)
    server.close()
    with pytest.raises(OSError):
        request(server, "GET", "/")


def test_oversized_body_is_refused(running: HttpServer) -> None:
    conn = http.client.HTTPConnection(running.host, running.port, timeout=5)
    try:
        # Only announce the size: waitress refuses from the headers, before any body.
        conn.putrequest("POST", "/slack/events")
        conn.putheader("Content-Length", str(MAX_SLACK_REQUEST_BYTES + 1))
        conn.endheaders()
        assert conn.getresponse().status == 413
    finally:
        conn.close()


def test_serve_http_signals_ready_and_can_be_stopped(app: App, settings: Settings) -> None:
    settings = settings.model_copy(update={"port": 0})
    ready = threading.Event()
    started: list[HttpServer] = []
    thread = threading.Thread(
        target=serve_http,
        args=(app, settings),
        kwargs={"host": "127.0.0.1", "ready": ready, "on_start": started.append},
        daemon=True,
    )
    thread.start()
    assert ready.wait(5)
    assert request(started[0], "GET", "/healthz") == 200
    started[0].close()
    thread.join(timeout=5)
    assert not thread.is_alive()


def test_socket_mode_handler_uses_the_app_token_and_client(fake: FakeSlack, tmp_path: Path) -> None:
    settings = slack_settings(
        fake.base_url, f"sqlite:///{tmp_path / 's.db'}", SLACK_APP_TOKEN=APP_TOKEN
    )
    services = build_services(settings)
    try:
        app = create_app(services)
        handler = create_socket_mode_handler(app, settings)
        try:
            assert handler.app_token == APP_TOKEN
            assert handler.client.web_client is app.client
        finally:
            handler.close()
    finally:
        services.close()
    assert not fake.calls_to("apps.connections.open")


def test_socket_mode_without_app_token_is_a_config_error(app: App, settings: Settings) -> None:
    with pytest.raises(ConfigError, match="SLACK_APP_TOKEN"):
        create_socket_mode_handler(app, settings)


def test_http_mode_binds_the_configured_host(app: App, settings: Settings) -> None:
    settings = settings.model_copy(update={"host": "127.0.0.1", "port": 0})
    server = create_http_server(app, settings)
    try:
        assert server.host == "127.0.0.1"
    finally:
        server.close()
