"""Button clicks (``block_actions``) on ``/cdf`` answers: pick lists, "Also", "Source sentence".

Bolt verifies the signature and timestamp of every interaction request exactly as for
slash commands (https://api.slack.com/authentication/verifying-requests-from-slack), so a
forged click gets 401 before reaching this module. Slack wants the HTTP 200 within
3 seconds (https://api.slack.com/interactivity/handling#acknowledgment_response): ``ack()``
comes first and empty, the answer follows in a lazy listener via the payload's
``response_url``, replacing the pick list it came from. A chart follows when the chosen
indicator has ≥ 3 periods, as for a typed query: in the user's DM (the pick list was only
theirs to see), and the answer says so.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.constants import INTERNAL_ERROR
from bot.lookup.answer import lookup_indicator
from bot.render.answer import render_answer
from bot.render.buttons import ACTION_PREFIX, parse_action
from handlers.charts import add_chart_note, send_chart

if TYPE_CHECKING:
    from bot.services import Services

logger = logging.getLogger(__name__)
ACTIONS = re.compile(rf"^{ACTION_PREFIX}(pick|source):")


def register(app: App, services: Services) -> None:
    """Claim every ``cdf_pick:*`` / ``cdf_source:*`` button."""

    def ack_click(ack: Ack) -> None:
        ack()

    def answer_click(
        action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        kind, indicator_id = parse_action(str(action.get("action_id")), str(action.get("value")))
        user_id = str((body.get("user") or {}).get("id") or "")
        channel_id = (body.get("channel") or {}).get("id")
        try:
            answer = lookup_indicator(services.store, indicator_id, show_source=kind == "source")
            reply = render_answer(answer)
            if kind == "pick":
                add_chart_note(reply, answer)
            respond(**reply.to_slack(), replace_original=kind == "pick")
        except Exception:
            logger.exception("button %s for %s failed", kind, indicator_id)
            respond(text=INTERNAL_ERROR, response_type="ephemeral", replace_original=False)
            return
        if kind == "pick":
            send_chart(client, respond, answer, channel_id, user_id)

    app.action(ACTIONS)(ack=ack_click, lazy=[answer_click])
