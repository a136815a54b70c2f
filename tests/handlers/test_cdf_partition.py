"""A database that stops answering (a partition, not a refused connection) must not hold
``/cdf`` past Slack's 3-second acknowledgement, nor ``/readyz`` past its probe.

Real PostgreSQL on 127.0.0.1:5432 behind a local proxy that stops forwarding without
closing anything (tests/support/tcp_proxy.py); skipped when no server answers.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from slack_bolt import App

from bot.services import Services, build_services
from bot.slack.app import create_app
from bot.slack.serve import make_wsgi_app
from tests.bot.store.conftest import postgres_url  # noqa: F401  (fixture)
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import bolt_request, slack_settings, slash_command_body
from tests.support.tcp_proxy import StallingProxy

pytestmark = pytest.mark.postgres

ACK_BUDGET = 2.9
"""Slack's 3 seconds, less what the HTTP round trip needs."""


@pytest.fixture
def proxy() -> Iterator[StallingProxy]:
    with StallingProxy(("127.0.0.1", 5432)) as running:
        yield running


@pytest.fixture
def partitioned(
    postgres_url: str,  # noqa: F811
    proxy: StallingProxy,
    fake: FakeSlack,
) -> Iterator[Services]:
    """Services on PostgreSQL through the proxy, warmed up, then cut off."""
    url = postgres_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
    services = build_services(slack_settings(fake.base_url, url))
    services.store.ping()
    proxy.stall()
    yield services
    proxy.resume()
    services.close()


def _timed(work: Any, budget: float) -> tuple[float, Any]:
    """Run ``work`` in a thread; (seconds taken, result), or (inf, None) past ``budget`` x 4."""
    result: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: result.update(value=work()), daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(budget * 4)
    return (time.monotonic() - started if "value" in result else float("inf")), result.get("value")


def _ask(app: App, text: str) -> tuple[float, str]:
    def dispatch() -> str:
        response = app.dispatch(bolt_request(slash_command_body(text)))
        return str(json.loads(response.body).get("text", ""))

    return _timed(dispatch, ACK_BUDGET)


def _get(services: Services, path: str) -> tuple[float, str]:
    environ: dict[str, Any] = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": ""}
    setup_testing_defaults(environ)
    status: list[str] = []
    wsgi = make_wsgi_app(create_app(services), services.store.ping)

    def call() -> str:
        b"".join(wsgi(environ, lambda s, _h: status.append(s)))
        return status[0]

    return _timed(call, ACK_BUDGET)


def test_a_lookup_says_the_database_is_not_answering_in_time(partitioned: Services) -> None:
    seconds, text = _ask(create_app(partitioned), "5g")
    assert seconds < ACK_BUDGET
    assert "database is not answering" in text and "reference" in text


def test_help_is_answered_while_the_database_is_cut_off(partitioned: Services) -> None:
    app = create_app(partitioned)
    _ask(app, "5g")  # a lookup now stuck on the database
    seconds, text = _ask(app, "help")
    assert seconds < 1.0
    assert "cdf-digest-bot" in text


def test_readiness_fails_fast_and_liveness_stays_up(partitioned: Services) -> None:
    seconds, status = _get(partitioned, "/readyz")
    assert seconds < ACK_BUDGET and status.startswith("503")
    seconds, status = _get(partitioned, "/healthz")
    assert seconds < 1.0 and status.startswith("200")
