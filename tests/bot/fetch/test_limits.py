"""Nothing a server sends can hang a fetch or exhaust memory (issue 13), against real sockets:
dripping bodies and headers meet the whole-response deadline, gzip bombs meet the body
limit while inflating, and a closed fetcher fails clearly."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator

import pytest

from bot.errors import CdfBotError, FetchError
from bot.fetch.client import DeadlineError, Fetcher, FetcherClosedError
from bot.fetch.deadline import DeadlineBackend
from tests.support.http_server import LocalHTTPServer, RecordedRequest

MakeFetcher = Callable[..., Fetcher]
MB = 1024 * 1024


@pytest.fixture
def make_fetcher() -> Iterator[MakeFetcher]:
    made: list[Fetcher] = []

    def make(**options: object) -> Fetcher:
        settings: dict[str, object] = {"allow_private": True, "timeout": 1.0, "attempts": 1}
        settings.update(options)
        settings.setdefault("sleep", lambda seconds: None)
        fetcher = Fetcher(**settings)  # type: ignore[arg-type]
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        fetcher.close()


def drip(stopped: threading.Event, every: float = 0.2) -> Iterator[bytes]:
    """One byte every ``every`` seconds, forever; ``stopped`` is set once the client hangs up."""
    try:
        while True:
            yield b"x"
            time.sleep(every)
    finally:
        stopped.set()


def pooled_connections(fetcher: Fetcher) -> list[object]:
    return list(fetcher._client._transport._pool.connections)  # type: ignore[attr-defined]


def test_deadlines_cover_the_default_transport(make_fetcher: MakeFetcher) -> None:
    """The deadline rides on httpx internals; an httpx upgrade that moves them fails here."""
    pool = make_fetcher()._client._transport._pool  # type: ignore[attr-defined]
    assert isinstance(pool._network_backend, DeadlineBackend)


def test_dripping_body_fails_at_the_deadline_and_hangs_up(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    stopped = threading.Event()
    http_server.route("/drip", lambda request: (200, {}, drip(stopped)))
    fetcher = make_fetcher()
    url = http_server.url("/drip")
    started = time.monotonic()
    with pytest.raises(DeadlineError) as info:
        fetcher.get(url)
    elapsed = time.monotonic() - started
    assert str(info.value) == f"GET {url} → timed out: did not finish within 1 s"
    assert 0.95 <= elapsed < 1.5
    assert pooled_connections(fetcher) == []  # the connection was closed, not pooled
    assert stopped.wait(2.0)  # the server saw the client hang up


def test_dripping_headers_fail_at_the_deadline(make_fetcher: MakeFetcher) -> None:
    """A per-read timeout never fires when every read returns a byte: the status line and
    headers are bounded by the same deadline as the body."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    done = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            try:
                while not done.is_set():
                    conn.sendall(b"X")
                    time.sleep(0.2)
            except OSError:
                pass

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        started = time.monotonic()
        with pytest.raises(DeadlineError, match="did not finish within 1 s"):
            make_fetcher().get(f"http://127.0.0.1:{port}/")
        assert time.monotonic() - started < 1.5
    finally:
        done.set()
        server.join(2)
        listener.close()


def test_deadline_spans_redirects(http_server: LocalHTTPServer, make_fetcher: MakeFetcher) -> None:
    """Two hops of 0.6 s each are within the timeout one by one, not together."""

    def slow(reply: tuple[int, dict[str, str], bytes]) -> Callable[[RecordedRequest], object]:
        return lambda request: (time.sleep(0.6), reply)[1]

    http_server.route("/first", slow((302, {"Location": "/second"}, b"")))
    http_server.route("/second", slow((200, {}, b"late")))
    started = time.monotonic()
    with pytest.raises(DeadlineError, match=r"/second → timed out: did not finish within 1 s"):
        make_fetcher().get(http_server.url("/first"))
    assert time.monotonic() - started < 1.5


def test_each_retry_gets_its_own_deadline(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    """The documented bound: attempts × timeout (+ backoff, not slept here)."""
    stopped = threading.Event()
    http_server.route("/drip", lambda request: (200, {}, drip(stopped)))
    waits: list[float] = []
    started = time.monotonic()
    with pytest.raises(DeadlineError):
        make_fetcher(timeout=0.5, attempts=2, sleep=waits.append).get(http_server.url("/drip"))
    assert 1.0 <= time.monotonic() - started < 1.5
    assert len(http_server.requests_for("/drip")) == 2 and len(waits) == 1


def test_slow_but_steady_response_within_the_deadline_succeeds(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    def steady() -> Iterator[bytes]:
        for _ in range(4):
            yield b"ok "
            time.sleep(0.1)

    http_server.route("/steady", lambda request: (200, {}, steady()))
    assert make_fetcher().get(http_server.url("/steady")).content == b"ok ok ok ok "


def zeros_gzip(total: int, produced: list[int]) -> Iterator[bytes]:
    """A single gzip member of ``total`` zero bytes, compressed as it is sent (~1000:1)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(MB)
    for _ in range(total // MB):
        produced.append(MB)
        yield packer.compress(block)
    yield packer.flush()


def test_gzip_bomb_is_refused_with_bounded_memory(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    produced: list[int] = []
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    http_server.route("/bomb", lambda request: (200, headers, zeros_gzip(1024 * MB, produced)))
    fetcher = make_fetcher(max_body_bytes=2 * MB, timeout=20.0)
    tracemalloc.start()
    try:
        with pytest.raises(FetchError) as info:
            fetcher.get(http_server.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "larger than the 2097152-byte limit (once decoded from gzip)" in str(info.value)
    assert peak < 20 * MB  # the limit, one 64 KiB step and buffers; not the inflated gigabyte
    assert sum(produced) < 1024 * MB


def test_precompressed_bomb_in_one_chunk_is_refused(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    """50 MB of zeros in a 50 KB body: one network read would inflate to 50 MB at once."""
    body = gzip.compress(bytes(50 * MB))
    http_server.route("/bomb", (200, {"Content-Encoding": "gzip"}, body))
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="limit"):
            make_fetcher(max_body_bytes=2 * MB).get(http_server.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(body) < 2 * MB and peak < 20 * MB


def test_compressed_size_counts_even_when_it_decodes_to_little(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    """Empty gzip members decode to nothing, but the bytes on the wire are still limited."""
    empty_member = gzip.compress(b"")
    endless = (empty_member * 1000 for _ in range(10_000))
    http_server.route("/empty", lambda request: (200, {"Content-Encoding": "gzip"}, endless))
    with pytest.raises(FetchError, match=r"larger than the 65536-byte limit$"):
        make_fetcher(max_body_bytes=65536).get(http_server.url("/empty"))


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("deflate", zlib.compress("数字经济".encode() * 100)),
        ("deflate", zlib.compress("数字经济".encode() * 100, wbits=-zlib.MAX_WBITS)),
        ("gzip", gzip.compress("数字".encode()) + gzip.compress("经济".encode())),
        ("deflate, gzip", gzip.compress(zlib.compress("数字经济".encode()))),
        ("identity", "数字经济".encode()),
    ],
    ids=["zlib", "raw-deflate", "two-gzip-members", "stacked", "identity"],
)
def test_content_codings_are_undone(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher, encoding: str, body: bytes
) -> None:
    http_server.route("/c", (200, {"Content-Encoding": encoding}, body))
    content = make_fetcher().get(http_server.url("/c")).content.decode()
    assert content.startswith("数字经济") and set(content) == set("数字经济")


def test_only_bounded_codings_are_asked_for(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    http_server.route("/a", (200, {}, b"ok"))
    make_fetcher().get(http_server.url("/a"))
    assert http_server.requests_for("/a")[0].headers["accept-encoding"] == "gzip, deflate"


def test_corrupt_gzip_is_a_clear_error(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    http_server.route("/bad", (200, {"Content-Encoding": "gzip"}, b"not gzip at all"))
    with pytest.raises(FetchError, match=r"body is not valid gzip data"):
        make_fetcher().get(http_server.url("/bad"))


def test_closed_fetcher_fails_clearly(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    """httpx's bare RuntimeError ("Cannot send a request, as the client has been closed")
    was logged as a crash by pollers; a FetchError is an ordinary, explained failure."""
    http_server.route("/a", (200, {}, b"ok"))
    fetcher = make_fetcher(attempts=3)
    fetcher.close()
    with pytest.raises(FetcherClosedError, match=r"→ not sent: the fetcher was closed") as info:
        fetcher.get(http_server.url("/a"))
    assert isinstance(info.value, CdfBotError)
    assert http_server.requests == []


def test_closing_during_a_fetch_ends_it_clearly(
    http_server: LocalHTTPServer, make_fetcher: MakeFetcher
) -> None:
    stopped = threading.Event()
    http_server.route("/drip", lambda request: (200, {}, drip(stopped)))
    fetcher = make_fetcher(timeout=5.0, attempts=3)
    errors: list[BaseException] = []

    def fetch() -> None:
        try:
            fetcher.get(http_server.url("/drip"))
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=fetch)
    worker.start()
    time.sleep(0.3)
    fetcher.close()
    worker.join(2.0)
    assert not worker.is_alive()
    assert [type(e) for e in errors] == [FetcherClosedError]
    assert len(http_server.requests_for("/drip")) == 1  # not retried
