"""Fetcher against a real local HTTP server: retries, limits, redirects, validators."""

from __future__ import annotations

import gzip
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator

import httpx
import pytest

from bot.config import load_settings
from bot.errors import BlockedURLError, FetchError
from bot.fetch.client import Fetcher, StatusError
from tests.support.http_server import LocalHTTPServer, RecordedRequest

MakeFetcher = Callable[..., Fetcher]


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_fetcher(sleeps: list[float]) -> Iterator[MakeFetcher]:
    """Fetchers that may reach 127.0.0.1 and record backoff waits instead of sleeping."""
    made: list[Fetcher] = []

    def make(**options: object) -> Fetcher:
        settings: dict[str, object] = {"allow_private": True, "timeout": 2.0}
        settings.update(options)
        settings.setdefault("sleep", sleeps.append)
        fetcher = Fetcher(**settings)  # type: ignore[arg-type]
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        fetcher.close()


class ToLocal(httpx.BaseTransport):
    """Sends every request to the local server, whatever host the URL names."""

    def __init__(self, server: LocalHTTPServer) -> None:
        self._server = server
        self._inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(host="127.0.0.1", port=self._server.port)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def public_resolver(host: str) -> list[str]:
    return {"releases.example": ["93.184.215.14"], "intranet.example": ["10.1.2.3"]}[host]


def test_get_returns_body_and_sends_identity(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    http_server.route("/a", (200, {"Content-Type": "text/plain"}, b"hello"))
    response = make_fetcher(user_agent="cdf-test/1").get(http_server.url("/a"))
    assert (response.status, response.content, response.url) == (
        200,
        b"hello",
        http_server.url("/a"),
    )
    sent = http_server.requests_for("/a")[0].headers
    assert sent["user-agent"] == "cdf-test/1"
    assert "gzip" in sent["accept-encoding"]


def test_gzip_body_is_decompressed(http_server: LocalHTTPServer, make_fetcher: MakeFetcher) -> None:
    body = gzip.compress("数字经济".encode())
    http_server.route("/gz", (200, {"Content-Encoding": "gzip"}, body))
    assert make_fetcher().get(http_server.url("/gz")).content.decode() == "数字经济"


def test_404_fails_without_retry(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher, sleeps: list[float]
) -> None:
    url = http_server.url("/missing")
    with pytest.raises(FetchError) as info:
        make_fetcher().get(url)
    assert str(info.value) == f"GET {url} → 404 Not Found"
    assert len(http_server.requests_for("/missing")) == 1
    assert sleeps == []


def test_500_then_200_is_retried(http_server: LocalHTTPServer, make_fetcher: MakeFetcher) -> None:
    http_server.route("/flaky", [(500, {}, b"oops"), (200, {}, b"ok")])
    assert make_fetcher().get(http_server.url("/flaky")).content == b"ok"
    assert len(http_server.requests_for("/flaky")) == 2


def test_persistent_5xx_gives_up_after_three_attempts(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher, sleeps: list[float]
) -> None:
    http_server.route("/down", (503, {}, b""))
    with pytest.raises(StatusError, match="503 Service Unavailable") as info:
        make_fetcher().get(http_server.url("/down"))
    assert info.value.status == 503
    assert len(http_server.requests_for("/down")) == 3
    assert len(sleeps) == 2


def test_429_waits_for_retry_after(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher, sleeps: list[float]
) -> None:
    http_server.route("/busy", [(429, {"Retry-After": "2"}, b""), (200, {}, b"ok")])
    assert make_fetcher().get(http_server.url("/busy")).content == b"ok"
    assert sleeps == [2.0]


def test_retry_after_beyond_cap_is_left_to_the_caller(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    http_server.route("/busy", (429, {"Retry-After": "3600"}, b""))
    with pytest.raises(StatusError) as info:
        make_fetcher(max_retry_after=30).get(http_server.url("/busy"))
    assert info.value.retry_after == 3600.0
    assert len(http_server.requests_for("/busy")) == 1


def test_slow_server_times_out(http_server: LocalHTTPServer, make_fetcher: MakeFetcher) -> None:
    def slow(request: RecordedRequest) -> tuple[int, dict[str, str], bytes]:
        time.sleep(1.0)
        return 200, {}, b"late"

    http_server.route("/slow", slow)
    with pytest.raises(FetchError, match=r"did not finish within 0\.2 s"):
        make_fetcher(timeout=0.2, attempts=2).get(http_server.url("/slow"))
    assert len(http_server.requests_for("/slow")) == 2


def test_loopback_refused_when_private_not_allowed(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    http_server.route("/a", (200, {}, b"secret"))
    with pytest.raises(BlockedURLError, match="loopback"):
        make_fetcher(allow_private=False).get(http_server.url("/a"))
    assert http_server.requests == []


@pytest.mark.parametrize("target", ["http://127.0.0.1/secret", "http://intranet.example/secret"])
def test_redirect_from_public_host_to_private_target_is_refused(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher, target: str
) -> None:
    http_server.route("/start", (302, {"Location": target}, b""))
    http_server.route("/secret", (200, {}, b"secret"))
    fetcher = make_fetcher(
        allow_private=False, resolve=public_resolver, transport=ToLocal(http_server)
    )
    with pytest.raises(BlockedURLError):
        fetcher.get("http://releases.example/start")
    assert [r.path for r in http_server.requests] == ["/start"]


def test_relative_redirects_are_followed(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    http_server.route("/old", (301, {"Location": "/new"}, b""))
    http_server.route("/new", (200, {}, b"moved"))
    response = make_fetcher().get(http_server.url("/old"))
    assert (response.url, response.content) == (http_server.url("/new"), b"moved")


def test_more_than_five_redirects_fail(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    for hop in range(10):
        http_server.route(f"/r{hop}", (302, {"Location": f"/r{hop + 1}"}, b""))
    with pytest.raises(FetchError, match="more than 5 redirects"):
        make_fetcher().get(http_server.url("/r0"))
    assert len(http_server.requests) == 6


def test_declared_oversize_body_is_refused(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    http_server.route("/big", (200, {}, b"x" * 100))
    with pytest.raises(FetchError, match="larger than the 10-byte limit"):
        make_fetcher(max_body_bytes=10).get(http_server.url("/big"))


def test_streamed_oversize_body_is_cut_off_with_bounded_memory(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    chunk, total_chunks, produced = b"x" * 65536, 1024, []  # 64 MiB on offer

    def endless() -> Iterator[bytes]:
        for _ in range(total_chunks):
            produced.append(1)
            yield chunk

    http_server.route("/stream", lambda request: (200, {}, endless()))
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="limit"):
            make_fetcher(max_body_bytes=256 * 1024).get(http_server.url("/stream"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024
    assert len(produced) < total_chunks


def test_conditional_get_reports_not_modified(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    def validate(request: RecordedRequest) -> tuple[int, dict[str, str], bytes]:
        if request.headers.get("if-none-match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"ETag": '"v1"'}, b"body"

    http_server.route("/doc", validate)
    last_modified = "Fri, 15 Mar 2024 08:00:00 GMT"
    response = make_fetcher().get(http_server.url("/doc"), etag='"v1"', last_modified=last_modified)
    assert response.not_modified and response.status == 304 and response.content == b""
    assert (response.etag, response.last_modified) == ('"v1"', last_modified)
    assert http_server.requests_for("/doc")[0].headers["if-modified-since"] == last_modified


def test_validators_and_freshness_are_reported(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    headers = {
        "ETag": 'W/"abc"',
        "Last-Modified": "Fri, 15 Mar 2024 08:00:00 GMT",
        "Cache-Control": "max-age=600",
    }
    http_server.route("/doc", (200, headers, b"body"))
    response = make_fetcher().get(http_server.url("/doc"))
    assert (response.etag, response.max_age, response.not_modified) == ('W/"abc"', 600.0, False)
    assert response.last_modified == "Fri, 15 Mar 2024 08:00:00 GMT"


def test_at_most_two_requests_per_host_at_once(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    lock, active, peak = threading.Lock(), [0], [0]

    def slow(request: RecordedRequest) -> tuple[int, dict[str, str], bytes]:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.15)
        with lock:
            active[0] -= 1
        return 200, {}, b"ok"

    http_server.route("/slow", slow)
    fetcher = make_fetcher()
    threads = [
        threading.Thread(target=fetcher.get, args=(http_server.url("/slow"),)) for _ in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(http_server.requests_for("/slow")) == 5
    assert peak[0] == 2


def test_from_settings_uses_configured_identity(http_server: LocalHTTPServer) -> None:
    settings = load_settings(user_agent="configured-agent/2", allow_private_urls=True)
    http_server.route("/a", (200, {}, b"ok"))
    with Fetcher.from_settings(settings) as fetcher:
        fetcher.get(http_server.url("/a"))
    assert http_server.requests_for("/a")[0].headers["user-agent"] == "configured-agent/2"


def test_not_modified_keeps_the_connection_alive(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    """A 304 closed unread would close its connection: the next poll of the host (or its
    articles) would then pay for a new TCP and TLS handshake."""
    http_server.route("/doc", (304, {"ETag": '"v1"'}, b""))
    transport = httpx.HTTPTransport()
    fetcher = make_fetcher(transport=transport)
    for _ in range(3):
        assert fetcher.get(http_server.url("/doc"), etag='"v1"').not_modified
    assert len(transport._pool.connections) == 1  # private in httpx, stable
    assert len(http_server.requests_for("/doc")) == 3
