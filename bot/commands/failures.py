"""What a person sees when the database fails under a ``/cdf`` call, and what the log keeps.

The driver's message names hosts, ports and SQL limits ("… 127.0.0.1:5432 … Connection
refused", "Expression tree is too large"): useful to an operator, noise or a leak to
someone in a channel. The person gets one plain sentence with a reference — the request
id every log line of the request carries (:mod:`bot.logs`) — and the log line that has the
detail carries the same reference, so support can find it.
"""

from __future__ import annotations

import logging

from bot.commands.request import CommandRequest
from bot.constants import DATABASE_FAILED, DATABASE_UNAVAILABLE, INTERNAL_ERROR_REF
from bot.errors import DatabaseError
from bot.logs import REQUEST_ID, new_request_id

log = logging.getLogger(__name__)

LOGGED_TEXT_CHARS = 200
"""Of the command text, only this much goes into the log line."""


def reference() -> str:
    """The current request's id, or a new one for faces that set none (console, CLI)."""
    return REQUEST_ID.get() or new_request_id("cdf")


def database_failure(exc: DatabaseError, request: CommandRequest) -> str:
    """Log the detail with a reference; return the sentence for the person who asked."""
    ref = reference()
    log.error(
        "/cdf %r from %s failed in the database [ref %s]: %s",
        request.text[:LOGGED_TEXT_CHARS],
        request.user_id,
        ref,
        exc,
    )
    return (DATABASE_UNAVAILABLE if exc.unavailable else DATABASE_FAILED).format(ref=ref)


def database_silent(request: CommandRequest, seconds: float) -> str:
    """Log that the database gave no answer in time; the sentence for the person."""
    ref = reference()
    log.error(
        "/cdf %r from %s: the database did not answer within %g s [ref %s]",
        request.text[:LOGGED_TEXT_CHARS],
        request.user_id,
        seconds,
        ref,
    )
    return DATABASE_UNAVAILABLE.format(ref=ref)


def internal_failure(request: CommandRequest) -> str:
    """Log the exception being handled with a reference; the sentence for the person."""
    ref = reference()
    log.exception(
        "/cdf %r from %s failed [ref %s]", request.text[:LOGGED_TEXT_CHARS], request.user_id, ref
    )
    return INTERNAL_ERROR_REF.format(ref=ref)
