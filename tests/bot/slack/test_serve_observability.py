"""HTTP mode for load balancers and Prometheus (issue 14, item 3): /healthz is liveness,
/readyz checks the database, /metrics is the Prometheus text format."""

from __future__ import annotations

import json
from wsgiref.util import setup_testing_defaults

from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from slack_bolt import App

from bot.errors import StorageError
from bot.services import Services
from bot.slack.serve import Readiness, make_wsgi_app
from tests.support.slack_requests import signed_headers, slash_command_body


def call(
    app: App, method: str, path: str, readiness: Readiness | None = None, body: str = ""
) -> tuple[str, dict, bytes]:
    environ: dict = {"REQUEST_METHOD": method, "PATH_INFO": path}
    setup_testing_defaults(environ)
    if body:
        import io

        environ["wsgi.input"] = io.BytesIO(body.encode())
        environ["CONTENT_LENGTH"] = str(len(body))
        for key, value in signed_headers(body).items():
            environ["HTTP_" + key.upper().replace("-", "_")] = value
        environ["CONTENT_TYPE"] = signed_headers(body)["Content-Type"]
    captured: dict = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        captured.update(status=status, headers=dict(headers))

    data = b"".join(make_wsgi_app(app, readiness)(environ, start_response))
    return captured["status"], captured["headers"], data


def _down() -> None:
    raise StorageError("The database is unavailable or busy: connection refused")


def test_readyz_is_ready_while_the_database_answers(app: App, slack_services: Services) -> None:
    status, _, body = call(app, "GET", "/readyz", slack_services.store.ping)
    assert status.startswith("200")
    assert json.loads(body) == {"status": "ready"}


def test_readyz_is_503_when_the_database_does_not_answer(app: App) -> None:
    status, _, body = call(app, "GET", "/readyz", _down)
    assert status.startswith("503")
    assert json.loads(body) == {"status": "unavailable"}


def test_healthz_stays_live_when_the_database_is_down(app: App) -> None:
    assert call(app, "GET", "/healthz", _down)[0].startswith("200")


def test_metrics_are_prometheus_text(app: App) -> None:
    status, headers, body = call(app, "GET", "/metrics")
    assert status.startswith("200")
    assert headers["Content-Type"].startswith("text/plain; version=0.0.4")
    names = {family.name for family in text_string_to_metric_families(body.decode())}
    assert {"cdfbot_polls", "cdfbot_command_seconds", "cdfbot_digests"} <= names


def test_a_cdf_lookup_is_timed_under_its_verb(app: App) -> None:
    before = REGISTRY.get_sample_value("cdfbot_command_seconds_count", {"verb": "lookup"}) or 0
    status, _, _ = call(app, "POST", "/slack/events", body=slash_command_body("5g"))
    assert status.startswith("200")
    after = REGISTRY.get_sample_value("cdfbot_command_seconds_count", {"verb": "lookup"})
    assert after == before + 1
