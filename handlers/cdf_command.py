"""The ``/cdf`` slash command: acknowledge within Slack's deadline, answer once.

Slack shows the user an error unless the command is acknowledged with HTTP 200 within
3 seconds (https://api.slack.com/interactivity/slash-commands#responding_basic_receipt).
Lookups take milliseconds, so their answer *is* the acknowledgement (``ack(**reply)``).
Slow subcommands (``digest …`` builds a week of releases, ``source add`` fetches the URL)
are acknowledged with a short "working on it" and finished by a Bolt lazy listener that
posts the answer to ``response_url`` (one of the 5 posts Slack allows in 30 minutes,
https://api.slack.com/interactivity/handling#message_responses).

Routing, admin checks and rendering live in :func:`bot.commands.handle_command`; this
module only translates Slack payloads and maps failures to user messages.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App, Respond

from bot import commands
from bot.constants import INTERNAL_ERROR, SLASH_COMMAND, SLOW_ACK_WARNING_SECONDS, WORKING_ON_IT
from bot.errors import CdfBotError
from bot.lookup import lookup
from bot.render.answer import render_answer
from bot.render.reply import Reply
from handlers import charts

if TYPE_CHECKING:
    from bot.services import Services

logger = logging.getLogger(__name__)

#: Subcommands whose work may take longer than the 3-second acknowledgement deadline.
SLOW_COMMANDS: tuple[tuple[str, ...], ...] = (("digest",), ("source", "add"))
#: Slow subcommands that only admins may run; others get the router's instant refusal.
ADMIN_ONLY_SLOW: frozenset[tuple[str, ...]] = frozenset({("source", "add")})


def register(app: App, services: Services) -> None:
    """Attach the ``/cdf`` listener: a fast ``ack`` plus one lazy finisher."""

    def ack_cdf(ack: Ack, command: dict[str, Any]) -> None:
        request = to_command_request(command)
        slow = slow_command(services, request)
        if slow is not None:
            ack(text=WORKING_ON_IT.format(command=" ".join(slow)), response_type="ephemeral")
            return
        started = time.monotonic()
        reply = answer(services, request)
        elapsed = time.monotonic() - started
        if elapsed > SLOW_ACK_WARNING_SECONDS:
            logger.warning("/cdf %r took %.1fs inside ack()", request.text, elapsed)
        ack(**reply.to_slack())

    def finish_slow_cdf(respond: Respond, command: dict[str, Any]) -> None:
        # Bolt starts every lazy function for every /cdf, so fast ones are skipped here.
        request = to_command_request(command)
        if slow_command(services, request) is None:
            return
        reply = answer(services, request)
        try:
            sent = respond(**reply.to_slack())
        except Exception:
            logger.exception("could not post the /cdf answer to response_url")
            return
        if sent.status_code != 200:
            # Expired (30 min) or used up (5 posts): nothing else can reach the user here.
            logger.warning(
                "response_url refused the /cdf answer: %s %s", sent.status_code, sent.body
            )

    chart_cdf = charts.lazy_chart(services, commands.is_lookup)
    app.command(SLASH_COMMAND)(ack=ack_cdf, lazy=[finish_slow_cdf, chart_cdf])


def to_command_request(command: Mapping[str, Any]) -> commands.CommandRequest:
    """Build the face-neutral request from a slash-command payload.

    Payload fields: https://api.slack.com/interactivity/slash-commands#app_command_handling
    (``channel_name`` is ``directmessage`` in DMs; DM channel IDs start with ``D``).
    """
    channel_id = command.get("channel_id") or None
    is_dm = command.get("channel_name") == "directmessage" or (channel_id or "").startswith("D")
    return commands.CommandRequest(
        text=str(command.get("text") or "").strip(),
        user_id=str(command.get("user_id") or ""),
        channel_id=channel_id,
        is_dm=is_dm,
    )


def slow_command(services: Services, request: commands.CommandRequest) -> tuple[str, ...] | None:
    """The slow subcommand this request runs, or None when it can be answered in the ack."""
    words = tuple(word.lower() for word in request.text.split())
    for prefix in SLOW_COMMANDS:
        if words[: len(prefix)] != prefix:
            continue
        if prefix in ADMIN_ONLY_SLOW and not services.is_admin(request.user_id):
            return None
        return prefix
    return None


def answer(services: Services, request: commands.CommandRequest) -> Reply:
    """Run the router; CdfBotError becomes its message, anything else INTERNAL_ERROR.

    A lookup is answered here rather than through the router so that the one
    :class:`~bot.lookup.Answer` also tells the user where its chart will go.
    """
    try:
        if commands.is_lookup(request.text):
            found = lookup(services.store, request.text)
            return charts.add_chart_note(render_answer(found), found)
        return commands.handle_command(services, request)
    except CdfBotError as exc:
        return Reply(text=str(exc))
    except Exception:
        logger.exception("/cdf %r from %s failed", request.text, request.user_id)
        return Reply(text=INTERNAL_ERROR)
