"""HttpServer.shutdown (issue 14, item 4): stop accepting, answer what is in flight."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterable

import pytest

from bot.slack.serve import HttpServer


def _slow_app(environ: dict, start_response) -> Iterable[bytes]:
    time.sleep(1.0)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"finished"]


def _get(server_host: str, port: int, results: list) -> None:
    conn = http.client.HTTPConnection(server_host, port, timeout=10)
    conn.request("GET", "/")
    response = conn.getresponse()
    results.append((response.status, response.read()))
    conn.close()


def test_shutdown_answers_the_request_in_flight_then_refuses_new_ones() -> None:
    server = HttpServer(_slow_app, host="127.0.0.1", port=0, threads=2)
    host, port = server.host, server.port
    loop = threading.Thread(target=server.run, daemon=True)
    loop.start()
    results: list = []
    client = threading.Thread(target=_get, args=(host, port, results))
    client.start()
    time.sleep(0.3)  # the request is inside the application now
    server.shutdown(timeout=5)
    client.join(timeout=5)
    assert results == [(200, b"finished")]
    with pytest.raises(OSError):
        _get(host, port, [])
