"""Slack unreachable at start (issue 14, item 5): wait with backoff, fail only on a bad token."""

from __future__ import annotations

import logging
import socket
import threading

import pytest
from slack_sdk import WebClient

from bot.errors import ConfigError
from bot.slack.reach import wait_for_slack
from tests.support.fake_slack import FakeSlack


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/"


def test_unreachable_slack_logs_one_clear_line_and_waits(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stop = threading.Event()
    client = WebClient(token="xoxb-1", base_url=_closed_port_url())
    caplog.set_level(logging.WARNING, logger="bot.slack.reach")
    threading.Timer(0.5, stop.set).start()
    assert wait_for_slack(client, stop) is False
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1
    assert lines[0].startswith("Slack API unreachable: retrying in 5 s")


def test_backoff_doubles_until_slack_answers(
    fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    fake.server_error("auth.test", times=3)
    client = WebClient(token="xoxb-1", base_url=fake.base_url)
    caplog.set_level(logging.WARNING, logger="bot.slack.reach")
    assert wait_for_slack(client, threading.Event(), first_delay=0.01) is True
    delays = [r.getMessage().split("retrying in ")[1].split(" s")[0] for r in caplog.records]
    assert delays == ["0.01", "0.02", "0.04"]


def test_refused_token_is_a_configuration_error(fake: FakeSlack) -> None:
    fake.fail("auth.test", "invalid_auth")
    client = WebClient(token="xoxb-1", base_url=fake.base_url)
    with pytest.raises(ConfigError, match=r"^SLACK_BOT_TOKEN: .*invalid_auth"):
        wait_for_slack(client, threading.Event(), first_delay=0.01)
