"""Post replies to Slack channels with the Web API (digests, admin alerts).

* ``link_names`` is never set and unfurling is off, so stored text cannot ping anyone or
  expand into previews (https://api.slack.com/methods/chat.postMessage#arg_link_names).
* The poster uses its own client built from the app's token and base URL, with retry
  handlers for connection errors, HTTP 429 (waiting ``Retry-After``,
  https://api.slack.com/apis/rate-limits) and HTTP 5xx. Retrying 5xx is only safe here
  because a digest's exactly-once guard is the claim in the database, not Slack; the
  app's own client (slash commands) keeps its settings.
* Channel errors that no retry can fix become :class:`~bot.digest.delivery.ChannelUnavailable`,
  so the digest use case stays free of Slack types.
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler

from bot.digest.delivery import CHANNEL_ERRORS, ChannelUnavailable, Poster
from bot.render.reply import Reply

RATE_LIMIT_RETRIES = 5
SERVER_ERROR_RETRIES = 2


def delivery_client(client: WebClient) -> WebClient:
    """A client like ``client`` (token, base URL, timeout) that retries what is transient."""
    return WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        retry_handlers=[
            ConnectionErrorRetryHandler(),
            RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
            ServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES),
        ],
    )


def slack_poster(client: WebClient) -> Poster:
    """A :data:`~bot.digest.delivery.Poster` over ``chat.postMessage``."""
    web = delivery_client(client)

    def post(channel: str, reply: Reply, thread_ts: str | None = None) -> str | None:
        try:
            response = web.chat_postMessage(
                channel=channel,
                text=reply.slack_text,
                blocks=reply.blocks or None,
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            error = str(exc.response.get("error", ""))
            if error in CHANNEL_ERRORS:
                raise ChannelUnavailable(channel, error) from exc
            raise
        return response.get("ts")

    return post
