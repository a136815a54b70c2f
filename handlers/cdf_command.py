"""The ``/cdf`` slash command: acknowledge within Slack's deadline, answer once.

Slack shows the user an error unless the command is acknowledged with HTTP 200 within
3 seconds (https://api.slack.com/interactivity/slash-commands#responding_basic_receipt).
Lookups take milliseconds, so their answer *is* the acknowledgement (``ack(**reply)``).
Slow subcommands (``digest …`` builds a week of releases, ``source add`` and ``source test``
fetch the URL for a dry run) are acknowledged with a short "working on it" and finished by
a Bolt lazy listener that posts the answer to ``response_url`` (one of the 5 posts Slack
allows in 30 minutes, https://api.slack.com/interactivity/handling#message_responses).

The work inside the ack runs under a deadline (:data:`~bot.constants.ACK_DEADLINE_SECONDS`,
:mod:`bot.deadline`): a database that stops answering gets the user "the database is not
answering, try again in a minute" in time, not Slack's timeout error. ``/cdf help`` needs
no database and is answered directly.

Routing, admin checks and rendering live in :func:`bot.commands.router.route`; this
module only translates Slack payloads and maps failures to user messages.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import commands, metrics
from bot.commands.failures import database_silent, internal_failure
from bot.commands.router import needs_database, verb_of
from bot.constants import (
    ACK_DEADLINE_SECONDS,
    SLASH_COMMAND,
    SLOW_ACK_WARNING_SECONDS,
    WORKING_ON_IT,
)
from bot.deadline import DeadlineExceeded, DeadlineRunner
from bot.errors import CdfBotError
from bot.lookup.answer import Answer
from bot.render.reply import Reply
from handlers import charts, csv_upload

if TYPE_CHECKING:
    from bot.services import Services

logger = logging.getLogger(__name__)

#: Subcommands whose work may take longer than the 3-second acknowledgement deadline.
SLOW_COMMANDS: tuple[tuple[str, ...], ...] = (("digest",), ("source", "add"), ("source", "test"))
#: Slow subcommands that only admins may run; others get the router's instant refusal.
ADMIN_ONLY_SLOW: frozenset[tuple[str, ...]] = frozenset({("source", "add"), ("source", "test")})


#: Lookups running at once in acks. They are CPU-bound Python under one GIL, so more at
#: once only interleave; worse, sqlite3 releases the GIL for every row step, and with 16
#: web threads contending each step waits to get it back (a lock convoy: in the burst
#: benchmark, ~60,000 context switches and 0.4 s of system time per 100 commands). One at
#: a time, the web threads still receive and parse requests while a lookup runs.
LOOKUP_CONCURRENCY = 1
_LOOKUPS = threading.BoundedSemaphore(LOOKUP_CONCURRENCY)


def register(app: App, services: Services) -> None:
    """Attach the two ``/cdf`` listeners: slow subcommands, then everything else.

    Bolt starts a listener's lazy functions for every request it handles, each with a deep
    copy of the request on a listener thread, so only the slow subcommands' listener (the
    first, chosen by a matcher) has one. Every other command is answered in its ack; a
    lookup's chart job is queued there too, with the :class:`~bot.lookup.answer.Answer` the ack
    already computed (no second lookup).
    """

    in_time = DeadlineRunner(services.settings.http_threads, "cdf-ack")

    def is_slow(command: dict[str, Any]) -> bool:
        return slow_command(services, to_command_request(command)) is not None

    def ack_slow_cdf(ack: Ack, command: dict[str, Any]) -> None:
        charts.note_ack()
        slow = slow_command(services, to_command_request(command)) or ("command",)
        ack(text=WORKING_ON_IT.format(command=" ".join(slow)), response_type="ephemeral")

    def finish_slow_cdf(respond: Respond, command: dict[str, Any]) -> None:
        request = to_command_request(command)
        with metrics.COMMAND_SECONDS.labels(verb=verb_of(request.text)).time():
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

    def ack_cdf(ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        charts.note_ack()
        request = to_command_request(command)
        started = time.monotonic()
        reply, found = answer_in_time(services, request, in_time)
        elapsed = time.monotonic() - started
        metrics.COMMAND_SECONDS.labels(verb=verb_of(request.text)).observe(elapsed)
        if elapsed > SLOW_ACK_WARNING_SECONDS:
            logger.warning("/cdf %r took %.1fs inside ack()", request.text, elapsed)
        ack(**reply.to_slack())
        if found is not None:
            charts.schedule_chart(client, respond, found, request.channel_id, request.user_id)
            csv_upload.schedule_csv(client, respond, services, found, request.user_id)

    app.command(SLASH_COMMAND, matchers=[is_slow])(ack=ack_slow_cdf, lazy=[finish_slow_cdf])
    app.command(SLASH_COMMAND)(ack=ack_cdf, lazy=[])


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


def answer_in_time(
    services: Services, request: commands.CommandRequest, runner: DeadlineRunner
) -> tuple[Reply, Answer | None]:
    """:func:`answer_and_lookup` within the ack's deadline, one lookup at a time; a command
    that needs no database is answered directly (it must work while the database is down)."""
    if not needs_database(request.text):
        return answer_and_lookup(services, request)

    def work() -> tuple[Reply, Answer | None]:
        with _LOOKUPS:
            return answer_and_lookup(services, request)

    try:
        return runner.call(work, ACK_DEADLINE_SECONDS)
    except DeadlineExceeded:
        return Reply(text=database_silent(request, ACK_DEADLINE_SECONDS)), None


def answer(services: Services, request: commands.CommandRequest) -> Reply:
    """Run the router; CdfBotError becomes its message, anything else a plain sentence with
    the reference its logged traceback carries."""
    return answer_and_lookup(services, request)[0]


def answer_and_lookup(
    services: Services, request: commands.CommandRequest
) -> tuple[Reply, Answer | None]:
    """The reply, plus the lookup's :class:`~bot.lookup.answer.Answer` when it was a query.

    The router returns the one Answer it computed, so the reply can tell the user where
    its chart will go, and the same Answer then draws that chart.
    """
    try:
        routed = commands.route(services, request)
    except CdfBotError as exc:
        return Reply(text=str(exc)), None
    except Exception:
        return Reply(text=internal_failure(request)), None
    if routed.answer is None:
        return routed.reply, None
    reply = charts.add_chart_note(routed.reply, routed.answer)
    return csv_upload.add_csv_note(reply, routed.answer), routed.answer
