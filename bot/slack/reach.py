"""Waiting for Slack at start: an outage is waited out, a refused token is a configuration
error (issue 14, item 5).

Bolt's ``App(...)`` calls ``auth.test`` once at construction and lets a connection error
escape as a raw traceback, so a bot started while Slack (or the network) is down died and
its supervisor restarted it in a loop. :func:`wait_for_slack` calls ``auth.test`` first:
a connection error, a timeout, HTTP 5xx or 429 logs one line ("Slack API unreachable:
retrying in 5 s") and tries again with exponential backoff (5 s doubling to 60 s); an
answer naming a bad token (``invalid_auth`` and kin, https://api.slack.com/methods/auth.test)
raises :class:`~bot.errors.ConfigError`, which ``cdfbot`` turns into exit status 2.
While probing, slack_sdk's own "Failed to send a request" errors are muted, so an outage
reads as that one line per attempt, not three.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import ConfigError

log = logging.getLogger(__name__)
SDK_LOGGER = "slack_sdk.web.base_client"

FIRST_DELAY_SECONDS = 5.0
MAX_DELAY_SECONDS = 60.0
#: ``auth.test`` errors that no wait will cure: the token itself is wrong.
TOKEN_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}
)


def wait_for_slack(
    client: WebClient,
    stop: threading.Event,
    *,
    first_delay: float = FIRST_DELAY_SECONDS,
    max_delay: float = MAX_DELAY_SECONDS,
) -> bool:
    """Return True once Slack accepts the token, False if ``stop`` is set while waiting."""
    delay = first_delay
    while not stop.is_set():
        reason = _try_auth_test(client)
        if reason is None:
            return True
        log.warning("Slack API unreachable: retrying in %g s (%s)", delay, reason)
        if stop.wait(delay):
            break
        delay = min(delay * 2, max_delay)
    return False


def _try_auth_test(client: WebClient) -> str | None:
    """None when Slack accepted the token; else why Slack could not be reached."""
    try:
        with _sdk_muted():
            client.auth_test()
    except SlackApiError as exc:
        error = str(exc.response.get("error") or "")
        if error in TOKEN_ERRORS:
            raise ConfigError(f"SLACK_BOT_TOKEN: Slack refused the token ({error})") from None
        status = exc.response.status_code
        if status < 500 and status != 429 and error:
            raise ConfigError(f"SLACK_BOT_TOKEN: auth.test failed ({error})") from None
        return f"HTTP {status}"
    except Exception as exc:  # connection refused, DNS, TLS, timeout, a non-JSON 502 page
        return f"{type(exc).__name__}: {exc}"
    return None


@contextmanager
def _sdk_muted() -> Iterator[None]:
    sdk = logging.getLogger(SDK_LOGGER)
    previous = sdk.level
    sdk.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        sdk.setLevel(previous)
