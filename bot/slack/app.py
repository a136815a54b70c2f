"""The Bolt app factory shared by HTTP mode, Socket Mode and the tests.

Decisions, each tied to the rule it obeys:

* One ``WebClient`` built from Settings, with ``base_url=SLACK_API_URL`` (tests point it
  at a fake Web API) and retry handlers for connection errors and HTTP 429 ``Retry-After``
  (https://api.slack.com/apis/rate-limits) that never repeat a posting call Slack may
  already have carried out (:mod:`bot.slack.retry`). Bolt copies ``base_url`` and
  ``retry_handlers`` into every per-request client.
* ``process_before_response=True``: the ack function runs on the web server's request
  thread and its result *is* the HTTP response. With ``False`` the ack function would
  queue in Bolt's listener executor behind running lazy listeners (slow digests), and a
  quick lookup could miss the 3-second deadline. Lazy listeners still run in the
  executor in both modes (``slack_bolt.listener.thread_runner``), see
  https://slack.dev/bolt-python/concepts#lazy-listeners. Listeners therefore must stay
  fast and hand slow work to ``lazy=[...]``.
* Token verification stays on: Bolt calls ``auth.test`` at construction, so a wrong
  token fails at start-up, not on the first command.
* Each request runs under a request id (a global middleware) that its lazy listeners
  inherit: the listener executor copies the submitter's context (:mod:`bot.logs`).
* Bolt also reads ``SLACK_BOT_TOKEN`` from the environment and, since we pass our own
  client, warns at every start that it ignores it; that one message is filtered out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk import WebClient

from bot.config import Settings
from bot.constants import SLACK_RATE_LIMIT_RETRIES
from bot.errors import ConfigError
from bot.logs import ContextThreadPool, bind_request_id
from bot.slack.retry import safe_retry_handlers
from handlers import register_all

if TYPE_CHECKING:
    from bot.services import Services

APP_NAME = "cdf-digest-bot"
BOLT_LOGGER = "slack_bolt.App"


class _IgnoredEnvTokenFilter(logging.Filter):
    """Drops Bolt's "token will be unused" warning: our client carries the same token."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


_IGNORED_ENV_TOKEN = _IgnoredEnvTokenFilter()


def build_web_client(settings: Settings) -> WebClient:
    """A Web API client for the bot token that waits out rate limits instead of failing."""
    if not settings.slack_bot_token:
        raise ConfigError("SLACK_BOT_TOKEN: required to talk to Slack (xoxb-…)")
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=safe_retry_handlers(rate_limit_retries=SLACK_RATE_LIMIT_RETRIES),
    )


def create_app(services: Services, *, client: WebClient | None = None) -> App:
    """Build the Bolt app with every handler registered; calls ``auth.test`` once.

    The signing secret comes only from Settings (an empty one makes every HTTP request
    fail verification, which Socket Mode skips), so Bolt never reads the environment.
    """
    settings = services.settings
    logging.getLogger(BOLT_LOGGER).addFilter(_IGNORED_ENV_TOKEN)
    app = App(
        name=APP_NAME,
        client=client if client is not None else build_web_client(settings),
        signing_secret=settings.slack_signing_secret or "",
        process_before_response=True,
        listener_executor=ContextThreadPool(
            max_workers=settings.http_threads, thread_name_prefix="cdf-listener"
        ),
    )
    app.middleware(_with_request_id)
    register_all(app, services)
    return app


def _with_request_id(next: Callable[[], object]) -> object:
    """Every log line of one Slack request — ack and lazy listeners (the executor copies
    the context) — carries the same request id (issue 14, item 3)."""
    bind_request_id("slack")
    return next()
