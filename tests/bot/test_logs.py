"""LOG_FORMAT=json (issue 14, item 3): JSON lines carrying the request id, which pool
threads inherit and each Slack request gets."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from slack_bolt import App

from bot.config import load_settings
from bot.logs import ContextThreadPool, JsonFormatter, request_context
from tests.support.slack_requests import bolt_request, slash_command_body


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    previous = root.level
    root.setLevel(logging.DEBUG)
    yield stream
    root.setLevel(previous)
    root.removeHandler(handler)


def _records(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_log_format_json_is_a_setting() -> None:
    assert load_settings(env_file=None, LOG_FORMAT="JSON").log_format == "json"


def test_a_blank_metrics_port_means_no_metrics_server() -> None:
    assert load_settings(env_file=None, CDFBOT_METRICS_PORT="").metrics_port is None


def test_a_json_line_carries_level_logger_message_and_request_id(json_lines) -> None:
    with request_context("poll-abc"):
        logging.getLogger("bot.test").warning("source %s failed", 7)
    [record] = _records(json_lines)
    assert record["level"] == "WARNING" and record["logger"] == "bot.test"
    assert record["message"] == "source 7 failed"
    assert record["request_id"] == "poll-abc"


def test_pool_threads_log_with_the_submitters_request_id(json_lines) -> None:
    with ContextThreadPool(max_workers=1) as pool, request_context("slack-1"):
        pool.submit(logging.getLogger("bot.test").info, "in a thread").result()
    assert _records(json_lines)[0]["request_id"] == "slack-1"


def test_each_slack_request_logs_under_one_request_id_of_its_own(app: App, json_lines) -> None:
    def log_inside(next):  # runs after the bot's own middleware, like every listener
        logging.getLogger("slack.test").info("handling")
        return next()

    app.middleware(log_inside)
    for text in ("5g", "help"):
        assert app.dispatch(bolt_request(slash_command_body(text))).status == 200
    ids = [r.get("request_id") for r in _records(json_lines) if r["logger"] == "slack.test"]
    assert len(ids) == 2
    assert all(i and i.startswith("slack-") for i in ids)
    assert ids[0] != ids[1]
