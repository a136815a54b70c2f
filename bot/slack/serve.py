"""Serving the Bolt app: HTTP mode under waitress, or Socket Mode.

HTTP mode uses Bolt's WSGI adapter under waitress, a production WSGI server, because
``App.start()`` is a development server (https://slack.dev/bolt-python/concepts#adapters).
Around it sits a tiny router: ``POST /slack/events`` goes to Bolt (which verifies the
signature and the 5-minute timestamp window, answering 401 otherwise,
https://api.slack.com/authentication/verifying-requests-from-slack), ``GET ?ssl_check=1``
gets 200 as Slack's certificate check expects. For load balancers and Prometheus (issue 14,
item 3): ``GET /healthz`` is liveness (the process answers; it never touches the database,
so a database outage does not get every replica restarted), ``GET /readyz`` is readiness
(200 only while the database answers, else 503: take the replica out of rotation), and
``GET /metrics`` is the Prometheus text format.

Socket Mode needs no public URL: the app-level token opens a WebSocket
(https://api.slack.com/apis/connections/socket).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress import wasyncore
from waitress.server import create_server

from bot import metrics
from bot.config import Settings
from bot.constants import (
    EVENTS_PATH,
    HEALTH_PATH,
    MAX_SLACK_REQUEST_BYTES,
    METRICS_PATH,
    READY_PATH,
)
from bot.errors import ConfigError

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

logger = logging.getLogger(__name__)

_ALLOWED = {
    EVENTS_PATH: ("POST", "GET"),
    HEALTH_PATH: ("GET", "HEAD"),
    READY_PATH: ("GET", "HEAD"),
    METRICS_PATH: ("GET",),
}
#: Readiness: returns normally when the replica can serve, raises when it cannot.
Readiness = Callable[[], None]
#: Open connections waitress serves at once. Its default, 100, counts three descriptors of
#: its own, so a burst of 100 commands (Slack sends each on its own connection) left the
#: last ones unaccepted until earlier answers closed theirs. Excess connections wait in the
#: listen backlog either way; each costs one descriptor, far below the usual 1024 limit.
CONNECTION_LIMIT = 500
#: Socket Mode ping interval, Bolt's default.
SOCKET_PING_SECONDS = 10.0


def make_wsgi_app(app: App, readiness: Readiness | None = None) -> WSGIApplication:
    """The WSGI application for HTTP mode: Slack events, SSL check, health, readiness,
    metrics, else 404/405. Without ``readiness``, ``/readyz`` answers like ``/healthz``."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def wsgi_app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET").upper()
        if path not in _ALLOWED:
            return _plain(start_response, "404 Not Found", "Not Found")
        if method not in _ALLOWED[path]:
            allow = ", ".join(_ALLOWED[path])
            return _plain(start_response, "405 Method Not Allowed", "Method Not Allowed", allow)
        if path == HEALTH_PATH:
            return _json(start_response, "200 OK", {"status": "ok"}, method)
        if path == READY_PATH:
            return _ready(start_response, readiness, method)
        if path == METRICS_PATH:
            start_response("200 OK", [("Content-Type", metrics.CONTENT_TYPE)])
            return [metrics.exposition()]
        if method == "GET":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            if query.get("ssl_check") == ["1"]:
                return _plain(start_response, "200 OK", "")
            return _plain(start_response, "404 Not Found", "Not Found")
        return slack(environ, start_response)

    return wsgi_app


def _ready(start_response: StartResponse, readiness: Readiness | None, method: str) -> list[bytes]:
    try:
        if readiness is not None:
            readiness()
    except Exception as exc:
        logger.warning("not ready: %s", exc)
        return _json(start_response, "503 Service Unavailable", {"status": "unavailable"}, method)
    return _json(start_response, "200 OK", {"status": "ready"}, method)


def _json(
    start_response: StartResponse, status: str, payload: dict[str, str], method: str
) -> list[bytes]:
    start_response(status, [("Content-Type", "application/json")])
    return [b"" if method == "HEAD" else json.dumps(payload).encode()]


def _plain(
    start_response: StartResponse, status: str, text: str, allow: str | None = None
) -> list[bytes]:
    headers = [("Content-Type", "text/plain; charset=utf-8")]
    if allow:
        headers.append(("Allow", allow))
    start_response(status, headers)
    return [text.encode()]


class HttpServer:
    """A waitress server that can be stopped from another thread (tests, signal handlers).

    ``port`` is the bound port, so ``port=0`` (ephemeral) is usable in tests.
    """

    def __init__(self, wsgi_app: WSGIApplication, *, host: str, port: int, threads: int) -> None:
        self._map: dict[int, Any] = {}
        self._active = 0
        self._active_lock = threading.Lock()
        self._server: Any = create_server(
            self._counted(wsgi_app),
            map=self._map,
            host=host,
            port=port,
            threads=threads,
            ident="cdf-digest-bot",
            max_request_body_size=MAX_SLACK_REQUEST_BYTES,
            connection_limit=CONNECTION_LIMIT,
        )
        self._running = threading.Event()
        self._stopped = threading.Event()

    @property
    def host(self) -> str:
        return str(self._server.effective_host)

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def run(self) -> None:
        """Serve until :meth:`close` (blocking)."""
        self._running.set()
        try:
            self._server.run()
        finally:
            self._stopped.set()

    def _counted(self, wsgi_app: WSGIApplication) -> WSGIApplication:
        """Count requests inside the application, so :meth:`shutdown` can wait for them."""

        def counted(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
            with self._active_lock:
                self._active += 1
            try:
                return wsgi_app(environ, start_response)
            finally:
                with self._active_lock:
                    self._active -= 1

        return counted

    def shutdown(self, timeout: float = 8.0) -> None:
        """Graceful stop (issue 14, item 4): stop accepting, let requests in progress finish
        and their responses reach the client, then :meth:`close` — within ``timeout``."""
        deadline = time.monotonic() + timeout
        if self._running.is_set() and not self._stopped.is_set():
            self._server.trigger.pull_trigger(self._close_listener)
        while self._busy() and time.monotonic() < deadline:
            time.sleep(0.02)
        self.close(timeout=max(0.5, deadline - time.monotonic()))

    def _close_listener(self) -> None:
        """Close the listening socket only (waitress' own ``close`` also closes the trigger
        that the loop thread still needs)."""
        wasyncore.dispatcher.close(self._server)

    def _busy(self) -> bool:
        """A request is in the application, queued for a worker, or still being written."""
        with self._active_lock:
            if self._active:
                return True
        channels = [d for d in list(self._map.values()) if hasattr(d, "requests")]
        return any(c.requests or c.total_outbufs_len for c in channels)

    def close(self, timeout: float = 5.0) -> None:
        """Close the listener and open connections, then stop waitress' worker threads."""
        if self._running.is_set() and not self._stopped.is_set():
            # Sockets belong to the loop thread: close them there, via waitress' trigger.
            self._server.trigger.pull_trigger(self._close_sockets)
            self._stopped.wait(timeout)
        else:
            self._close_sockets()
        self._server.task_dispatcher.shutdown(timeout=timeout)

    def _close_sockets(self) -> None:
        for dispatcher in list(self._map.values()):
            dispatcher.close()


def create_http_server(
    app: App,
    settings: Settings,
    *,
    host: str | None = None,
    port: int | None = None,
    readiness: Readiness | None = None,
) -> HttpServer:
    """Bind (but do not start) the HTTP-mode server; ``host`` and ``port`` default to
    Settings.host (``HOST``) and Settings.port (``PORT``)."""
    return HttpServer(
        make_wsgi_app(app, readiness),
        host=settings.host if host is None else host,
        port=settings.port if port is None else port,
        threads=settings.http_threads,
    )


def serve_http(
    app: App,
    settings: Settings,
    *,
    host: str | None = None,
    ready: threading.Event | None = None,
    on_start: Callable[[HttpServer], None] | None = None,
    stop: threading.Event | None = None,
    drain_seconds: float = 8.0,
    readiness: Readiness | None = None,
) -> None:
    """Serve HTTP mode until interrupted, or until ``stop`` is set and in-flight requests
    have been answered (at most ``drain_seconds``); ``ready`` is set once the port is bound."""
    server = create_http_server(app, settings, host=host, readiness=readiness)
    logger.info("HTTP mode: listening on %s (Slack request URL path %s)", server.url, EVENTS_PATH)
    if on_start is not None:
        on_start(server)
    if ready is not None:
        ready.set()
    if stop is None:
        try:
            server.run()
        finally:
            server.close()
        return
    loop = threading.Thread(target=server.run, name="http-loop", daemon=True)
    loop.start()
    stop.wait()
    server.shutdown(timeout=drain_seconds)
    loop.join(timeout=1.0)


def create_socket_mode_handler(
    app: App, settings: Settings, *, ping_interval: float = SOCKET_PING_SECONDS
) -> SocketModeHandler:
    """Build (without connecting) the Socket Mode handler for the app-level token.

    ``ping_interval`` is also how often the client checks its connection and, when Slack
    dropped it without a close frame reaching it, reconnects."""
    if not settings.slack_app_token:
        raise ConfigError("SLACK_APP_TOKEN: required for Socket Mode (xapp-…)")
    return SocketModeHandler(app, settings.slack_app_token, ping_interval=ping_interval)


def serve_socket_mode(
    app: App,
    settings: Settings,
    *,
    stop: threading.Event | None = None,
    ping_interval: float = SOCKET_PING_SECONDS,
) -> None:
    """Connect over Socket Mode and block until ``stop`` is set (or Ctrl-C)."""
    handler = create_socket_mode_handler(app, settings, ping_interval=ping_interval)
    try:
        handler.connect()
        logger.info("Socket Mode: connected")
        (stop or threading.Event()).wait()
    finally:
        handler.close()
