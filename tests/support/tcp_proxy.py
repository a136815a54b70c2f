"""A TCP proxy on 127.0.0.1 that can stop forwarding without closing: a network partition.

A refused connection fails fast; a partition does not — the peer simply stops answering,
and every wait on it lasts until some deadline. ``stall()`` makes the proxy keep every
connection open (and accept new ones) while forwarding nothing, which is how a database
behind a broken network looks to the bot. ``resume()`` forwards again; ``close()`` drops
everything, so threads blocked on it are released when a test ends.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading
from typing import Self

CHUNK = 65536


class StallingProxy:
    """Forwards 127.0.0.1:<port> to ``target`` until :meth:`stall` is called."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ, None)
        self._listen_only = selectors.DefaultSelector()  # while stalled: accept, relay nothing
        self._listen_only.register(self._listener, selectors.EVENT_READ, None)
        self._peers: dict[socket.socket, socket.socket] = {}
        self._forwarding = threading.Event()
        self._forwarding.set()
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stalling-proxy", daemon=True)

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stall(self) -> None:
        """Stop forwarding, closing nothing: bytes sent either way are held."""
        self._forwarding.clear()

    def resume(self) -> None:
        self._forwarding.set()

    def close(self) -> None:
        self._closed.set()
        self._thread.join(timeout=5)
        for sock in [self._listener, *self._peers]:
            sock.close()

    def _run(self) -> None:
        while not self._closed.is_set():
            selector = self._selector if self._forwarding.is_set() else self._listen_only
            for key, _ in selector.select(timeout=0.05):
                if key.data is None:
                    self._accept()
                elif self._forwarding.is_set():
                    self._relay(key.fileobj)  # type: ignore[arg-type]

    def _accept(self) -> None:
        client, _ = self._listener.accept()
        upstream = socket.create_connection(self.target)
        for one, other in ((client, upstream), (upstream, client)):
            self._peers[one] = other
            self._selector.register(one, selectors.EVENT_READ, "peer")

    def _relay(self, sock: socket.socket) -> None:
        other = self._peers.get(sock)
        try:
            data = sock.recv(CHUNK)
        except OSError:
            data = b""
        if not data or other is None:
            self._drop(sock)
            return
        other.sendall(data)

    def _drop(self, sock: socket.socket) -> None:
        other = self._peers.pop(sock, None)
        for one in (sock, other):
            if one is not None:
                self._peers.pop(one, None)
                with contextlib.suppress(KeyError, ValueError):
                    self._selector.unregister(one)
                one.close()
