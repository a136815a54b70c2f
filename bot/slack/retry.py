"""Web API retry handlers that never post a message twice.

``chat.postMessage`` has no idempotency key: when a connection is reset or an answer
times out or comes back 5xx, Slack may already have posted the message. slack_sdk's
:class:`~slack_sdk.http_retry.ConnectionErrorRetryHandler` (on by default) and
``ServerErrorRetryHandler`` would send the same request again blind, and the channel
would get it twice. The handlers here retry those failures only for methods that are safe
to repeat, and for a posting method only when nothing reached Slack (connection refused,
DNS failure). A poster that knows its message resolves the rest by looking for the
message's metadata marker (:mod:`bot.slack.post`). A 429 is always retried: Slack refused
the call (https://api.slack.com/apis/rate-limits).
"""

from __future__ import annotations

import socket
from urllib.error import URLError

from slack_sdk.http_retry import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    RetryHandler,
)
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

POSTING_METHODS = frozenset(
    {
        "chat.postMessage",
        "chat.postEphemeral",
        "chat.scheduleMessage",
        "chat.meMessage",
        "files.completeUploadExternal",
    }
)
"""Methods whose repetition shows people something twice."""


def posts(request: HttpRequest) -> bool:
    """True when the request is a call to one of :data:`POSTING_METHODS`."""
    method = request.url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return method in POSTING_METHODS


def nothing_sent(error: Exception | None) -> bool:
    """The connection failed before a request could reach Slack."""
    reason = error.reason if isinstance(error, URLError) else error
    return isinstance(reason, ConnectionRefusedError | socket.gaierror)


class SafeConnectionErrorRetryHandler(ConnectionErrorRetryHandler):
    """Retries connection errors, except a posting call that may have reached Slack."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if posts(request) and not nothing_sent(error):
            return False
        return super()._can_retry(state=state, request=request, response=response, error=error)


class SafeServerErrorRetryHandler(ServerErrorRetryHandler):
    """Retries HTTP 500/503, except for posting calls (Slack may have posted first)."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if posts(request):
            return False
        return super()._can_retry(state=state, request=request, response=response, error=error)


def safe_retry_handlers(
    *, rate_limit_retries: int, server_error_retries: int = 0
) -> list[RetryHandler]:
    """Connection-error, 429 and (when ``server_error_retries``) 5xx retries, none blind."""
    handlers: list[RetryHandler] = [
        SafeConnectionErrorRetryHandler(),
        RateLimitErrorRetryHandler(max_retry_count=rate_limit_retries),
    ]
    if server_error_retries:
        handlers.append(SafeServerErrorRetryHandler(max_retry_count=server_error_retries))
    return handlers
