"""A stand-in for Slack's Socket Mode WebSocket server on 127.0.0.1, for end-to-end tests.

Slack's side of https://api.slack.com/apis/socket-mode: ``apps.connections.open`` (answered
by :class:`~tests.support.fake_slack.FakeSlack` with :attr:`FakeSocketMode.url` once
``fake.socket_url`` is set) hands the app a ``wss://`` URL; on connecting, the app gets a
``hello``, then envelopes (``slash_commands`` here), and answers each with an
acknowledgement ``{"envelope_id": …, "payload": …}``. :meth:`drop` closes the connection
the way a Slack server refresh does, so the app has to reconnect.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve


class FakeSocketMode:
    """A context manager serving WebSocket connections on an ephemeral port."""

    def __init__(self) -> None:
        self._server: Server = serve(self._handle, "127.0.0.1", 0, close_timeout=0.5)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._changed = threading.Condition()
        self._connections: list[ServerConnection] = []
        self.acks: list[dict[str, Any]] = []

    @property
    def url(self) -> str:
        host, port = self._server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link"

    def __enter__(self) -> FakeSocketMode:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)

    # --- what the test drives -----------------------------------------------------------
    def wait_for_connections(self, count: int, timeout: float = 15.0) -> None:
        self._wait(lambda: len(self._connections) >= count, timeout, f"{count} connections")

    def send_slash_command(self, payload: dict[str, Any]) -> str:
        """Send a ``slash_commands`` envelope on the newest connection; returns its id."""
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": "slash_commands",
            "accepts_response_payload": True,
            "payload": payload,
        }
        with self._changed:
            connection = self._connections[-1]
        connection.send(json.dumps(envelope))
        return envelope_id

    def wait_for_ack(self, envelope_id: str, timeout: float = 15.0) -> dict[str, Any]:
        def found() -> dict[str, Any] | None:
            return next((a for a in self.acks if a.get("envelope_id") == envelope_id), None)

        self._wait(lambda: found() is not None, timeout, f"the ack of {envelope_id}")
        ack = found()
        assert ack is not None
        return ack

    def drop(self) -> None:
        """Close the newest connection as a Slack server refresh would."""
        with self._changed:
            connection = self._connections[-1]
        connection.close(code=1001, reason="server refresh")

    # --- the server side ----------------------------------------------------------------
    def _handle(self, connection: ServerConnection) -> None:
        connection.send(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": 1,
                    "debug_info": {"host": "fake-socket-mode"},
                    "connection_info": {"app_id": "A0FAKE"},
                }
            )
        )
        with self._changed:
            self._connections.append(connection)
            self._changed.notify_all()
        try:
            for message in connection:
                with self._changed:
                    self.acks.append(json.loads(message))
                    self._changed.notify_all()
        except ConnectionClosed:
            pass

    def _wait(self, ready: Any, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not ready():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out waiting for {what}")
                self._changed.wait(remaining)
