"""Whole-response deadlines: no socket operation of a fetch may wait past its deadline.

httpx's timeouts bound each *phase* (connect, one read, one write): a server that sends one
byte every second never trips a 5-second read timeout, so a response — or even its header
block — could take hours. The fetcher therefore sets a deadline for the calling thread
(:func:`deadline`), and :class:`DeadlineBackend`, installed under httpx's connection pools
by :func:`install`, clamps every connect, TLS handshake, write and read to the time left.
At the deadline the pending operation raises httpcore's timeout, httpcore closes the
response and its connection (a connection that broke mid-message is never pooled again),
and the fetching thread returns: nothing lingers in a blocked read.

The deadline is thread-local because httpx's sync client does all socket work in the
thread that called it; a pooled connection reused by another thread obeys that thread's
deadline. Not covered: the DNS lookup inside ``socket.create_connection`` (the system
resolver's own timeouts apply), and transports that do not use httpcore's sync pool
(tests' mock transports) — for those the fetcher also checks the clock between body chunks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpcore

if TYPE_CHECKING:
    import ssl

    import httpx

_local = threading.local()


@contextmanager
def deadline(at: float) -> Iterator[None]:
    """Socket operations of this thread through a :class:`DeadlineBackend` end by ``at``
    (a :func:`time.monotonic` value) inside the block."""
    outer = getattr(_local, "at", None)
    _local.at = at if outer is None else min(at, outer)
    try:
        yield
    finally:
        _local.at = outer


def time_left() -> float | None:
    """Seconds until this thread's deadline (≤ 0 once passed), or None outside one."""
    at = getattr(_local, "at", None)
    return None if at is None else at - time.monotonic()


def _clamp(timeout: float | None, expired: type[Exception]) -> float | None:
    left = time_left()
    if left is None:
        return timeout
    if left <= 0:
        raise expired("the response deadline has passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation waits at most until the thread's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = _clamp(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, wait))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """Wraps a backend so that the streams it opens obey the calling thread's deadline."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        wait = _clamp(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, wait, local_address, socket_options)
        return DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        wait = _clamp(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._backend.connect_unix_socket(path, wait, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def install(client: httpx.Client) -> int:
    """Put a DeadlineBackend under every httpcore pool of ``client`` (its default transport
    and any proxy mounts from the environment); returns how many pools now obey deadlines.

    httpx exposes no public hook for the network backend of the pools it builds, so this
    reaches into ``Client._transport``/``_mounts`` and ``HTTPTransport._pool``;
    tests/bot/fetch assert that the default transport is covered, so an httpx release that
    renames them fails loudly instead of silently losing the deadline.
    """
    covered = 0
    for transport in (client._transport, *client._mounts.values()):
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is None:
            continue
        if not isinstance(backend, DeadlineBackend):
            pool._network_backend = DeadlineBackend(backend)  # type: ignore[union-attr]
        covered += 1
    return covered
