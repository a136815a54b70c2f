"""Shared helpers for source adapter tests: a fetcher allowed to reach 127.0.0.1, fixtures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.fetch.client import Fetcher
from bot.model import Source
from tests.support.http_server import LocalHTTPServer

FIXTURES = Path(__file__).parent / "fixtures"
Serve = Callable[..., str]


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def make_source(url: str, kind: str, /, **settings: Any) -> Source:
    return Source(url=url, kind=kind, name="test source", settings=settings)


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(allow_private=True, timeout=2.0, attempts=1) as client:
        yield client


@pytest.fixture
def serve(http_server: LocalHTTPServer) -> Serve:
    """Route ``path`` to ``body`` with ``content_type`` and return its absolute URL."""

    def route(path: str, body: bytes | str, content_type: str = "text/html") -> str:
        http_server.route(path, (200, {"Content-Type": content_type}, body))
        return http_server.url(path)

    return route
