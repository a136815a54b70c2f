"""Build Slack-shaped requests for tests: slash-command bodies, events, valid signatures.

Signatures follow https://api.slack.com/authentication/verifying-requests-from-slack and
are produced by slack_sdk's own ``SignatureVerifier``, so Bolt verifies them for real.
"""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlencode

from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings, load_settings

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
ADMIN_ID = "UADMIN01"
USER_ID = "UUSER001"


def slash_command_body(
    text: str,
    *,
    user_id: str = USER_ID,
    channel_id: str = "C0CHANNEL",
    channel_name: str = "general",
    response_url: str = "http://127.0.0.1:9/response/unused",
) -> str:
    """A form-encoded ``/cdf`` payload (fields as Slack sends them)."""
    return urlencode(
        {
            "token": "deprecated-verification-token",
            "team_id": "T0FAKE",
            "team_domain": "fake",
            "channel_id": channel_id,
            "channel_name": channel_name,
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": "/cdf",
            "text": text,
            "api_app_id": "A0FAKE",
            "response_url": response_url,
            "trigger_id": "1.2.3",
        }
    )


def event_body(event: dict[str, Any]) -> str:
    """A JSON Events API envelope around ``event``."""
    return json.dumps(
        {
            "token": "deprecated-verification-token",
            "team_id": "T0FAKE",
            "api_app_id": "A0FAKE",
            "type": "event_callback",
            "event_id": "Ev0FAKE",
            "event_time": int(time.time()),
            "event": event,
        }
    )


def signed_headers(
    body: str,
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    content_type: str = "application/x-www-form-urlencoded",
) -> dict[str, str]:
    """Headers Slack would send with ``body``, signed with ``secret`` at ``timestamp``."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature,
    }


def bolt_request(body: str, **kwargs: Any) -> BoltRequest:
    """A signed BoltRequest for ``app.dispatch`` (list-valued headers, as Bolt expects)."""
    headers = signed_headers(body, **kwargs)
    return BoltRequest(body=body, headers={key.lower(): [value] for key, value in headers.items()})


def slack_settings(api_url: str, db_url: str, **overrides: Any) -> Settings:
    """HTTP-mode settings aimed at a fake Web API, ignoring any ``.env`` file."""
    values: dict[str, Any] = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": db_url,
        "CDFBOT_ADMINS": ADMIN_ID,
        "CDFBOT_HTTP_THREADS": 4,
    }
    return load_settings(env_file=None, **(values | overrides))
