"""The ``/cdf`` router: one parser for Slack, the console and ``cdfbot ask``.

The path of every ``/cdf`` call is one-way: a face builds a
:class:`~bot.commands.request.CommandRequest`, :func:`route` picks the use case
(:mod:`bot.lookup`, :mod:`bot.digest`, :mod:`bot.watch`), the use case's result is
rendered, and the face shows the returned :class:`Routed`. Nothing here knows about Slack
transport. Admin-only verbs check :meth:`Services.is_admin` once, here, for every face.

The text is cleaned and bounded first (:mod:`bot.commands.text`); a database failure comes
back as a plain sentence with a reference, its detail only in the log
(:mod:`bot.commands.failures`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from bot.commands.failures import database_failure
from bot.commands.request import CommandRequest
from bot.commands.source_verbs import source
from bot.commands.text import check_length, check_query, printable
from bot.commands.watch_verbs import list_watches, unwatch, watch
from bot.constants import EMPTY_QUERY, NOT_ADMIN
from bot.digest import subscriptions
from bot.digest.delivery import upcoming_digest
from bot.errors import CdfBotError, CommandError, DatabaseError, PermissionDenied
from bot.lookup import browse
from bot.lookup.answer import Answer, lookup
from bot.model import Subscription
from bot.render.admin import render_error
from bot.render.answer import render_answer
from bot.render.digest import render_preview
from bot.render.reply import Reply
from bot.render.subscriptions import (
    render_subscribed,
    render_subscription_list,
    render_unsubscribed,
)
from bot.services import Services


@dataclass(frozen=True, slots=True)
class Routed:
    """The reply to one ``/cdf`` call, and the lookup's :class:`Answer` when it was a query.

    Faces that draw charts (Slack's thread reply, the console's PNG) take the answer from
    here, so a query is resolved once and no face calls the lookup behind the router.
    """

    reply: Reply
    answer: Answer | None = None


def route(services: Services, request: CommandRequest) -> Routed:
    """Route one ``/cdf`` invocation; user mistakes come back as a reply, never raise."""
    request = replace(request, text=printable(request.text))
    try:
        return _route(services, request)
    except DatabaseError as exc:
        return Routed(render_error(database_failure(exc, request)))
    except CdfBotError as exc:
        return Routed(render_error(str(exc)))


def verb_of(text: str) -> str:
    """The verb a ``/cdf`` text runs (``sources`` reads as ``source``), or ``lookup`` — a
    label with a bounded set of values, for the latency histogram (bot.metrics)."""
    verb = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    if verb not in _VERBS:
        return "lookup"
    return "source" if verb == "sources" else verb


def needs_database(text: str) -> bool:
    """False for the commands answered without the database (``help``, an empty text), so
    they are answered even while it is unreachable."""
    verb = printable(text).partition(" ")[0].lower()
    return verb not in _NO_DATABASE


def handle_command(services: Services, request: CommandRequest) -> Reply:
    """The reply alone, for faces that show no chart."""
    return route(services, request).reply


def _route(services: Services, request: CommandRequest) -> Routed:
    text = request.text
    if not text:
        return Routed(render_error(EMPTY_QUERY))
    check_length(text)
    verb, _, rest = text.partition(" ")
    handler = _VERBS.get(verb.lower())
    if handler is None:
        check_query(text)
        found = lookup(services.store, text)
        return Routed(render_answer(found), found)
    if verb.lower() in _QUERY_VERBS:
        check_query(rest)
    return Routed(handler(services, request, rest))


def _digest(services: Services, request: CommandRequest, rest: str) -> Reply:
    """``digest preview``: this channel's next digest as it stands, only to the asker."""
    if rest.strip().lower() not in ("", "preview"):
        raise CommandError("Usage: `/cdf digest preview` (this channel's next digest so far).")
    target = _here(request)
    subscription = subscriptions.find(services.store, target) or Subscription(
        target, timezone=services.settings.timezone
    )
    return render_preview(upcoming_digest(services.store, subscription, datetime.now(UTC)))


def _here(request: CommandRequest) -> str:
    """The subscription target of a command: the user in a DM, else the channel."""
    if request.is_dm or not request.channel_id:
        return request.user_id
    return request.channel_id


def _target(services: Services, request: CommandRequest, words: list[str]) -> tuple[str, list[str]]:
    """(target, remaining words): a leading channel mention is for admins only."""
    named = subscriptions.channel_target(words[0]) if words else None
    if named is None:
        return _here(request), words
    if named != _here(request) and not services.is_admin(request.user_id):
        raise PermissionDenied(NOT_ADMIN.format(command="subscribe #another-channel"))
    return named, words[1:]


def _subscribe(services: Services, request: CommandRequest, rest: str) -> Reply:
    """``subscribe [#channel] [weekly DAY HH:MM ZONE] [filters]``: same code as the CLI."""
    target, words = _target(services, request, subscriptions.split_words(rest))
    saved = subscriptions.subscribe(
        services.store, request.user_id, target, words, default_timezone=services.settings.timezone
    )
    return render_subscribed(saved, datetime.now(UTC))


def _unsubscribe(services: Services, request: CommandRequest, rest: str) -> Reply:
    target, words = _target(services, request, subscriptions.split_words(rest))
    if words:
        raise CommandError("Usage: `/cdf unsubscribe` here, or `/cdf unsubscribe #channel`.")
    return render_unsubscribed(subscriptions.unsubscribe(services.store, request.user_id, target))


def _subscriptions(services: Services, request: CommandRequest, rest: str) -> Reply:
    """Admins see every subscription; others see the one for where they are asking."""
    found = services.store.list_subscriptions()
    if not services.is_admin(request.user_id):
        found = [s for s in found if s.channel_id == _here(request)]
    return render_subscription_list(found, datetime.now(UTC))


def _browsing(
    verb: Callable[[Services, str], Reply],
) -> Callable[[Services, CommandRequest, str], Reply]:
    """Browse verbs need only the words after the verb, not who asked."""
    return lambda services, request, rest: verb(services, rest)


_NO_DATABASE = frozenset({"", "help"})
_QUERY_VERBS = frozenset({"search", "commitments"})
"""Verbs whose words become SQL terms, capped like a lookup."""

_VERBS: dict[str, Callable[[Services, CommandRequest, str], Reply]] = {
    "help": _browsing(browse.help_),
    "latest": _browsing(browse.latest),
    "search": _browsing(browse.search),
    "commitments": _browsing(browse.commitments),
    "indicators": _browsing(browse.indicators),
    "digest": _digest,
    "subscribe": _subscribe,
    "unsubscribe": _unsubscribe,
    "subscriptions": _subscriptions,
    "source": source,
    "sources": source,
    "watch": watch,
    "unwatch": unwatch,
    "watches": list_watches,
}
