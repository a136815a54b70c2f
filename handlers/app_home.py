"""``app_home_opened``: publish the user's Home tab (``views.publish``).

Slack wants every event acknowledged with HTTP 200 within 3 seconds, or it retries and
counts failures against the app (https://api.slack.com/apis/events-api#responding).
Bolt acknowledges events itself, but with ``process_before_response=True`` (see
:mod:`bot.slack.app`) the HTTP response leaves only once the listener returns. Building
the view (a week's digest, the sources) and the ``views.publish`` round trip to Slack
must not sit in front of that response, so the listener's ack part does nothing and the
work runs as a Bolt lazy listener in the listener executor
(https://slack.dev/bolt-python/concepts#lazy-listeners).

Only the Home tab is answered (the Messages tab sends the same event with ``tab:
messages``). Slack publishes per user, so admins and others simply get different views.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.lookup.home import build_home
from bot.render.home import render_home

if TYPE_CHECKING:
    from bot.services import Services

logger = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Attach the acknowledgement (empty) and the lazy publisher."""

    def ack_home(event: dict[str, Any]) -> None:
        logger.debug("app_home_opened by %s (tab %s)", event.get("user"), event.get("tab"))

    def publish_home(event: dict[str, Any], client: WebClient) -> None:
        user_id = str(event.get("user") or "")
        if not user_id or event.get("tab", "home") != "home":
            return
        try:
            view = render_home(build_home(services, user_id))
            client.views_publish(user_id=user_id, view=view)
        except SlackApiError as exc:
            logger.warning("views.publish for %s failed: %s", user_id, exc.response.get("error"))
        except Exception:
            logger.exception("Home tab for %s failed", user_id)

    app.event("app_home_opened")(ack=ack_home, lazy=[publish_home])
