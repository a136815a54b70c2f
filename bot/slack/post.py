"""Post replies to Slack channels with the Web API (digests, admin alerts), each once.

* ``link_names`` is never set and unfurling is off, so stored text cannot ping anyone or
  expand into previews (https://api.slack.com/methods/chat.postMessage#arg_link_names).
* The poster uses its own client built from the app's token and base URL, with retry
  handlers for HTTP 429 (waiting ``Retry-After``, https://api.slack.com/apis/rate-limits),
  and for connection errors and 5xx only where a repeat cannot post twice
  (:mod:`bot.slack.retry`).
* A reply with a :class:`~bot.render.reply.MessageMarker` is posted with it as message
  ``metadata``. After an ambiguous outcome (the connection reset, no answer within the
  client's timeout, an HTTP 5xx) Slack may have posted it, so the poster reads the
  channel's history since the marker's first attempt
  (``conversations.history`` with ``include_all_metadata``,
  https://api.slack.com/methods/conversations.history) and posts again only when the
  marker is not there. When the history cannot be read it does not post again: it
  raises :class:`DeliveryUncertain` and the caller's next run looks first. A reply
  without a marker is never re-sent after an ambiguous outcome.
* Channel errors that no retry can fix become :class:`~bot.digest.delivery.ChannelUnavailable`,
  and other errors no retry can fix (bad blocks, too long, a revoked token…)
  :class:`~bot.digest.delivery.MessageRejected`, so the digest use case stays free of
  Slack types.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from http.client import HTTPException
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digest.delivery import (
    CHANNEL_ERRORS,
    REJECTED_ERRORS,
    ChannelUnavailable,
    MessageRejected,
    Poster,
)
from bot.errors import CdfBotError
from bot.render.reply import MessageMarker, Reply
from bot.slack.retry import safe_retry_handlers

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 5
SERVER_ERROR_RETRIES = 2
AMBIGUOUS_REPOSTS = 2
"""Posts after the first when the marker is not found (the message never reached Slack)."""
SETTLE_SECONDS = 1.0
"""Wait before reading the history, so a message Slack is still storing shows up."""
CLOCK_SKEW = timedelta(minutes=5)
"""The history is read from this long before the first attempt (our clock vs Slack's)."""
HISTORY_PAGE = 200
HISTORY_PAGES = 10
"""At most 2,000 messages since the first attempt are searched for the marker."""


class DeliveryUncertain(CdfBotError):
    """A marked message may have been posted and the channel's history could not be read."""


def delivery_client(client: WebClient) -> WebClient:
    """A client like ``client`` (token, base URL, timeout) that retries what is safe to."""
    return WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        retry_handlers=safe_retry_handlers(
            rate_limit_retries=RATE_LIMIT_RETRIES, server_error_retries=SERVER_ERROR_RETRIES
        ),
    )


def ambiguous(exc: Exception) -> bool:
    """True when Slack may have carried out a call that raised ``exc``: a reset or
    closed connection, a timeout, or an HTTP 5xx answer."""
    if isinstance(exc, SlackApiError):
        return exc.response.status_code >= 500
    return isinstance(exc, OSError | HTTPException)


def slack_poster(client: WebClient, *, settle_seconds: float = SETTLE_SECONDS) -> Poster:
    """A :data:`~bot.digest.delivery.Poster` over ``chat.postMessage``."""
    web = delivery_client(client)

    def post(channel: str, reply: Reply, thread_ts: str | None = None) -> str | None:
        marker = reply.marker
        if marker is None:
            return _send(web, channel, reply, thread_ts)
        if marker.check_first and (found := find_marker(web, channel, marker)):
            log.info(
                "%s %s already in %s; not posting again", marker.event_type, marker.payload, channel
            )
            return found
        for attempt in range(AMBIGUOUS_REPOSTS + 1):
            try:
                return _send(web, channel, reply, thread_ts)
            except Exception as exc:
                if not ambiguous(exc) or attempt == AMBIGUOUS_REPOSTS:
                    raise
                log.warning(
                    "posting %s to %s: outcome unknown (%s)", marker.event_type, channel, exc
                )
                time.sleep(settle_seconds)
                if found := find_marker(web, channel, marker):
                    return found
        raise AssertionError("unreachable")

    return post


def find_marker(web: WebClient, channel: str, marker: MessageMarker) -> str | None:
    """The ts of the channel's message carrying ``marker``, or None; raises
    :class:`DeliveryUncertain` when the history cannot be read."""
    oldest = f"{(marker.posted_after - CLOCK_SKEW).timestamp():.6f}"
    cursor: str | None = None
    try:
        for _ in range(HISTORY_PAGES):
            page = web.conversations_history(
                channel=channel,
                oldest=oldest,
                limit=HISTORY_PAGE,
                include_all_metadata=True,
                cursor=cursor,
            )
            for message in page.get("messages") or []:
                if marker.found_in(message):
                    return str(message["ts"])
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not page.get("has_more") or not cursor:
                return None
    except Exception as exc:
        raise DeliveryUncertain(
            f"{marker.event_type} {marker.payload} may already be in {channel}, and its "
            f"history could not be read ({type(exc).__name__}: {exc}); not posting again now"
        ) from exc
    log.warning(
        "%s: marker search stopped after %s messages", channel, HISTORY_PAGE * HISTORY_PAGES
    )
    return None


def _send(web: WebClient, channel: str, reply: Reply, thread_ts: str | None) -> str | None:
    extra: dict[str, Any] = {"metadata": reply.marker.to_slack()} if reply.marker else {}
    try:
        response = web.chat_postMessage(
            channel=channel,
            text=reply.slack_text,
            blocks=reply.blocks or None,
            thread_ts=thread_ts,
            unfurl_links=False,
            unfurl_media=False,
            **extra,
        )
    except SlackApiError as exc:
        error = str(exc.response.get("error", ""))
        if error in CHANNEL_ERRORS:
            raise ChannelUnavailable(channel, error) from exc
        if error in REJECTED_ERRORS:
            raise MessageRejected(channel, error) from exc
        raise
    return response.get("ts")
