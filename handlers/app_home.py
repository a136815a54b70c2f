"""``app_home_opened``: acknowledged so Slack does not see failures for it.

The manifest subscribes to this event (the Home tab is enabled). Without a listener Bolt
answers 404 and logs "Unhandled request" on every open, and Slack counts failed
deliveries against the app (https://api.slack.com/apis/events-api#failure_conditions).
Bolt acknowledges events automatically, before or after the listener runs; the Home tab
view itself (``views.publish``) arrives with the App Home issue.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_bolt import App

if TYPE_CHECKING:
    from bot.services import Services

logger = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    """Attach a listener that records the visit; events are auto-acknowledged by Bolt."""

    def on_app_home_opened(event: dict[str, Any]) -> None:
        logger.debug("app_home_opened by %s (tab %s)", event.get("user"), event.get("tab"))

    app.event("app_home_opened")(on_app_home_opened)
