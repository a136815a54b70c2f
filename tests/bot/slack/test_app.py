"""create_app: one client aimed at SLACK_API_URL, retries on 429, token checked at start."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot.errors import ConfigError
from bot.services import Services
from bot.slack.app import build_web_client, create_app
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import BOT_TOKEN, slack_settings


def test_client_targets_the_configured_api_url(app: App, fake: FakeSlack) -> None:
    assert app.client.base_url == fake.base_url


def test_client_retries_rate_limits_and_connection_errors(app: App) -> None:
    handlers = app.client.retry_handlers
    assert any(isinstance(handler, RateLimitErrorRetryHandler) for handler in handlers)
    assert any(isinstance(handler, ConnectionErrorRetryHandler) for handler in handlers)


def test_client_never_reposts_a_message_slack_may_have_posted(app: App, fake: FakeSlack) -> None:
    fake.accept_then_reset("chat.postMessage")
    with pytest.raises(ConnectionError):
        app.client.chat_postMessage(channel="C1", text="digest")
    assert len(fake.messages("C1")) == 1


def test_token_is_verified_with_auth_test(app: App, fake: FakeSlack) -> None:
    (call,) = fake.calls_to("auth.test")
    assert call.token == BOT_TOKEN


def test_ack_runs_before_the_response(app: App) -> None:
    assert app.process_before_response is True


def test_rate_limited_post_is_retried(app: App, fake: FakeSlack) -> None:
    fake.rate_limit("chat.postMessage", retry_after=0)
    assert app.client.chat_postMessage(channel="C1", text="digest")["ok"]
    assert len(fake.calls_to("chat.postMessage")) == 2


def test_given_client_is_used_as_is(slack_services: Services, fake: FakeSlack) -> None:
    client = WebClient(token=BOT_TOKEN, base_url=fake.base_url)
    assert create_app(slack_services, client=client).client is client


def test_env_token_does_not_trigger_a_bolt_warning(
    slack_services: Services, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    with caplog.at_level(logging.WARNING):
        create_app(slack_services)
    assert "will be unused" not in caplog.text


def test_missing_bot_token_is_a_config_error(fake: FakeSlack, tmp_path: Path) -> None:
    settings = slack_settings(
        fake.base_url,
        f"sqlite:///{tmp_path / 't.db'}",
        SLACK_BOT_TOKEN="",
        SLACK_SIGNING_SECRET="",
    )
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN"):
        build_web_client(settings)
