"""A real HTTP server on 127.0.0.1 for tests: routes in, recorded requests out.

Tests exercise the actual socket path of httpx (timeouts, streaming, redirects), which a
mock transport would skip. Usage::

    with LocalHTTPServer() as server:
        server.route("/a", (200, {"Content-Type": "text/plain"}, b"hello"))
        server.route("/flaky", [(500, {}, b""), (200, {}, b"ok")])  # one per request
        server.route("/slow", lambda request: (time.sleep(2), (200, {}, b""))[1])
        httpx.get(server.url("/a"))
        assert server.requests_for("/a")[0].headers["user-agent"]

or take the ``http_server`` fixture (import it into a conftest.py). A body may be
bytes, str (sent as UTF-8) or an iterable of bytes (sent chunked, for streaming tests).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

Body = bytes | str | Iterable[bytes]
Reply = tuple[int, Mapping[str, str], Body]


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request as the server saw it; header names are lower-cased."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes


Handler = Callable[[RecordedRequest], Reply]
Route = Reply | Handler | Sequence[Reply]


class LocalHTTPServer:
    """Threaded HTTP/1.1 server on an ephemeral port; start/stop or use as a context manager."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.requests: list[RecordedRequest] = []
        self._routes: dict[str, Route] = {}
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> LocalHTTPServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("server not started")
        return self._server.server_address[1]

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str, route: Route) -> None:
        """Answer ``path`` with a reply, a callable(request) → reply, or a list of replies
        used one per request (the last one repeats)."""
        with self._lock:
            self._routes[path] = route
            self._served[path] = 0

    def requests_for(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def start(self) -> LocalHTTPServer:
        server = ThreadingHTTPServer((self.host, 0), _make_handler(self))
        server.daemon_threads = True
        server.block_on_close = False  # handlers that sleep must not delay stop()
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def _reply(self, request: RecordedRequest) -> Reply:
        with self._lock:
            self.requests.append(request)
            route = self._routes.get(request.path)
            served = self._served.get(request.path, 0)
            self._served[request.path] = served + 1
        if route is None:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        if callable(route):
            return route(request)
        if isinstance(route, tuple):
            return route
        return route[min(served, len(route) - 1)]


def _make_handler(owner: LocalHTTPServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            request = RecordedRequest(
                method=self.command,
                path=parts.path,
                query=parts.query,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            status, headers, body = owner._reply(request)
            try:
                self._send(status, headers, body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (size limit, timeout)

        def _send(self, status: int, headers: Mapping[str, str], body: Body) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if isinstance(body, str):
                body = body.encode("utf-8")
            if isinstance(body, bytes):
                if not any(name.lower() == "content-length" for name in headers):
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in _nonempty(body):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        def log_message(self, format: str, *args: Any) -> None:
            """Silence per-request logging on stderr."""

    return Handler


def _nonempty(chunks: Iterable[bytes]) -> Iterator[bytes]:
    return (chunk for chunk in chunks if chunk)


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A started LocalHTTPServer, stopped after the test."""
    with LocalHTTPServer() as server:
        yield server
