"""A fake Slack Web API on 127.0.0.1 for tests: records calls, answers like Slack.

Point ``WebClient(base_url=fake.base_url)`` (or ``SLACK_API_URL``) at it. Every request
is recorded as a :class:`Call`; rules inject failures::

    with FakeSlack() as fake:
        fake.rate_limit("chat.postMessage", retry_after=0)            # one 429, then ok
        fake.fail("chat.postMessage", "channel_not_found", channel="C404")
        fake.server_error("views.publish", times=2)
        fake.accept_then_reset("chat.postMessage")    # posted, but the answer is lost
        ...
        fake.wait_for("chat.postMessage")
        fake.messages("C1")                           # what the channel shows

Shapes follow https://api.slack.com/methods (``ok``/``error`` bodies, 429 + Retry-After
as in https://api.slack.com/apis/rate-limits). The upload flow of ``files_upload_v2``
gets an ``upload_url`` pointing back here. ``response_url(...)`` endpoints record posts.

Posted messages are kept per channel with their ``metadata``
(https://api.slack.com/metadata/using) and served by ``conversations.history``. An
*accepting* rule lets the call succeed first (the message is in the channel) and then
loses the answer — a reset connection, an answer held past the client's timeout, or a
5xx — which is how Slack can post a message whose sender never hears so.
"""

from __future__ import annotations

import itertools
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.support.fake_slack_api import BOT_USER_ID, TEAM_ID, answer_api_call

API_PREFIX = "/api/"
UPLOAD_PREFIX = "/upload/"
RESPONSE_PREFIX = "/response/"

__all__ = ["BOT_USER_ID", "TEAM_ID", "Call", "FakeSlack", "Rule"]


@dataclass(frozen=True, slots=True)
class Call:
    """One recorded request: ``method`` is the API method, ``upload`` or ``response``."""

    method: str
    path: str
    params: dict[str, Any]
    headers: dict[str, str]
    body: bytes

    @property
    def channel(self) -> str | None:
        value = self.params.get("channel") or self.params.get("channel_id")
        return str(value) if value else None

    @property
    def token(self) -> str | None:
        """The bearer token sent (``Authorization: Bearer xoxb-…``), or a ``token`` param."""
        auth = self.headers.get("authorization", "")
        return (
            auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else self.params.get("token")
        )

    def json_param(self, name: str) -> Any:
        """A parameter that form-encoded calls send as a JSON string (``blocks``, ``files``)."""
        value = self.params.get(name)
        return json.loads(value) if isinstance(value, str) else value


@dataclass(slots=True)
class Rule:
    """Answer ``method`` (optionally only for ``channel``) with a failure, ``times`` times."""

    method: str
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    channel: str | None = None
    times: int | None = 1
    delay: float = 0.0
    """Seconds to hold the answer (a slow Slack), after the call is recorded."""
    accept: bool = False
    """Carry the call out (a message is posted) before the failure is answered."""
    reset: bool = False
    """Answer nothing: the connection is reset."""

    def matches(self, call: Call) -> bool:
        if self.times is not None and self.times <= 0:
            return False
        return self.method == call.method and self.channel in (None, call.channel)


@dataclass(slots=True)
class _State:
    calls: list[Call] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    messages: dict[str, list[tuple[float, dict[str, Any]]]] = field(default_factory=dict)
    """Per channel: (when it arrived, the message) — the fake's ts are counters, not times."""
    lock: threading.Condition = field(default_factory=threading.Condition)
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))


class FakeSlack:
    """The fake server; a context manager that serves on an ephemeral port."""

    def __init__(self, port: int = 0) -> None:
        self._state = _State()
        self.socket_url: str | None = None
        """What ``apps.connections.open`` hands out (a FakeSocketMode's URL)."""
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _make_handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # --- lifecycle ---------------------------------------------------------------------
    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def origin(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        """Web API base URL, ending in ``/`` as ``WebClient(base_url=…)`` requires."""
        return self.origin + API_PREFIX

    def response_url(self, key: str = "cmd") -> str:
        """A ``response_url`` for slash-command payloads; posts are recorded as ``response``."""
        return f"{self.origin}{RESPONSE_PREFIX}{key}"

    # --- rules -------------------------------------------------------------------------
    def add_rule(self, rule: Rule) -> Rule:
        with self._state.lock:
            self._state.rules.append(rule)
        return rule

    def rate_limit(self, method: str, *, retry_after: int = 1, times: int | None = 1) -> Rule:
        return self.add_rule(Rule(method, status=429, retry_after=retry_after, times=times))

    def server_error(self, method: str, *, times: int | None = 1) -> Rule:
        return self.add_rule(Rule(method, status=500, times=times))

    def fail(
        self, method: str, error: str, *, channel: str | None = None, times: int | None = None
    ) -> Rule:
        return self.add_rule(Rule(method, error=error, channel=channel, times=times))

    def slow(self, method: str, seconds: float, *, times: int | None = 1) -> Rule:
        return self.add_rule(Rule(method, delay=seconds, times=times))

    def accept_then_reset(self, method: str, *, times: int | None = 1) -> Rule:
        """The call succeeds, then the connection is reset before any answer."""
        return self.add_rule(Rule(method, accept=True, reset=True, times=times))

    def accept_then_delay(self, method: str, seconds: float, *, times: int | None = 1) -> Rule:
        """The call succeeds, then its answer is held ``seconds`` (past a client timeout)."""
        return self.add_rule(Rule(method, accept=True, delay=seconds, times=times))

    def accept_then_server_error(self, method: str, *, times: int | None = 1) -> Rule:
        """The call succeeds, then Slack answers HTTP 500."""
        return self.add_rule(Rule(method, accept=True, status=500, times=times))

    def set_user(self, user_id: str, **fields: Any) -> None:
        with self._state.lock:
            self._state.users[user_id] = {"id": user_id, **fields}

    # --- inspection --------------------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        with self._state.lock:
            return list(self._state.calls)

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    @property
    def responses(self) -> list[Call]:
        """Posts received on ``response_url`` endpoints."""
        return self.calls_to("response")

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """The channel's top-level messages as Slack keeps them, oldest first."""
        return [message for _, message in self._arrivals(channel)]

    def upload(self, file_id: str) -> bytes | None:
        with self._state.lock:
            return self._state.uploads.get(file_id)

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until ``count`` calls to ``method`` arrived; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._state.lock:
            while len(found := [c for c in self._state.calls if c.method == method]) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} {method} call(s), got {len(found)}")
                self._state.lock.wait(remaining)
            return found

    # --- request handling (called from server threads) -----------------------------------
    def _record(self, call: Call) -> Rule | None:
        with self._state.lock:
            self._state.calls.append(call)
            self._state.lock.notify_all()
            for rule in self._state.rules:
                if rule.matches(call):
                    if rule.times is not None:
                        rule.times -= 1
                    return rule
            return None

    def _next_id(self) -> int:
        with self._state.lock:
            return next(self._state.counter)

    def _store_upload(self, file_id: str, data: bytes) -> None:
        with self._state.lock:
            self._state.uploads[file_id] = data

    def _keep_message(self, channel: str, message: dict[str, Any]) -> None:
        with self._state.lock:
            self._state.messages.setdefault(channel, []).append((time.time(), message))

    def _arrivals(self, channel: str) -> list[tuple[float, dict[str, Any]]]:
        with self._state.lock:
            return list(self._state.messages.get(channel, []))

    def _user(self, user_id: str) -> dict[str, Any] | None:
        with self._state.lock:
            return self._state.users.get(user_id)


def _make_handler(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def log_message(self, format: str, *args: Any) -> None:
            """Silence the default stderr access log."""

        def _handle(self) -> None:
            url = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {key.lower(): value for key, value in self.headers.items()}
            if url.path.startswith(API_PREFIX):
                method = url.path.removeprefix(API_PREFIX)
            elif url.path.startswith(UPLOAD_PREFIX):
                method = "upload"
            elif url.path.startswith(RESPONSE_PREFIX):
                method = "response"
            else:
                self._send(404, b"not found", "text/plain")
                return
            params = dict(parse_qsl(url.query))
            params.update(_parse_body(body, headers.get("content-type", "")))
            rule = fake._record(Call(method, url.path, params, headers, body))
            accepted = answer_api_call(fake, method, params) if rule and rule.accept else None
            if rule is not None and rule.delay:
                time.sleep(rule.delay)
            if rule is not None and rule.reset:
                self._reset()
                return
            if rule is not None and rule.status != 200:
                extra = (
                    {"Retry-After": str(rule.retry_after)} if rule.retry_after is not None else {}
                )
                error = "ratelimited" if rule.status == 429 else "internal_error"
                self._send_json(rule.status, {"ok": False, "error": error}, extra)
                return
            if rule is not None and rule.error:
                self._send_json(200, {"ok": False, "error": rule.error})
                return
            if method == "upload":
                fake._store_upload(url.path.removeprefix(UPLOAD_PREFIX), body)
                self._send(200, f"OK - {len(body)}".encode(), "text/plain")
                return
            if method == "response":
                self._send_json(200, {"ok": True})
                return
            self._send_json(200, accepted or answer_api_call(fake, method, params))

        def _reset(self) -> None:
            """Close with RST (SO_LINGER 0) and no answer, as a dropped connection does."""
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True

        def _send_json(
            self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
        ) -> None:
            self._send(status, json.dumps(payload).encode(), "application/json", headers)

        def _send(
            self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
        ) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up waiting (a held answer)

    return Handler


def _parse_body(body: bytes, content_type: str) -> dict[str, Any]:
    if not body:
        return {}
    if content_type.startswith("application/json"):
        data = json.loads(body)
        return data if isinstance(data, dict) else {}
    if content_type.startswith("application/x-www-form-urlencoded"):
        try:  # files_upload_v2 posts raw file bytes (PNG…) without a content type of its own
            return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        except UnicodeDecodeError:
            return {}
    return {}
