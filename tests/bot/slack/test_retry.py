"""Retry handlers: transient failures are retried unless a repeat could post twice."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.retry import safe_retry_handlers
from tests.support.fake_slack import FakeSlack, Rule

TOKEN = "xoxb-retry-test"


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    handlers = safe_retry_handlers(rate_limit_retries=1, server_error_retries=1)
    return WebClient(token=TOKEN, base_url=fake.base_url, retry_handlers=handlers)


def test_a_reset_read_is_retried(fake: FakeSlack, client: WebClient) -> None:
    fake.add_rule(Rule("conversations.history", reset=True))
    assert client.conversations_history(channel="C1")["ok"]
    assert len(fake.calls_to("conversations.history")) == 2


def test_a_server_error_on_a_read_is_retried(fake: FakeSlack, client: WebClient) -> None:
    fake.server_error("conversations.history")
    assert client.conversations_history(channel="C1")["ok"]


def test_a_reset_post_is_not_retried(fake: FakeSlack, client: WebClient) -> None:
    fake.accept_then_reset("chat.postMessage")
    with pytest.raises(ConnectionError):
        client.chat_postMessage(channel="C1", text="x")
    assert len(fake.messages("C1")) == 1


def test_a_server_error_on_a_post_is_not_retried(fake: FakeSlack, client: WebClient) -> None:
    fake.accept_then_server_error("chat.postMessage")
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C1", text="x")
    assert len(fake.messages("C1")) == 1


def test_a_rate_limited_post_is_retried(fake: FakeSlack, client: WebClient) -> None:
    fake.rate_limit("chat.postMessage", retry_after=0)
    assert client.chat_postMessage(channel="C1", text="x")["ok"]
    assert len(fake.messages("C1")) == 1
