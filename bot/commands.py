"""The ``/cdf`` router: one parser for Slack, the console and ``cdfbot ask``.

Faces turn their input into a :class:`CommandRequest` and show the returned
:class:`~bot.render.reply.Reply`; nothing here knows about Slack transport.
Admin-only verbs check :meth:`Services.is_admin` here, once, for every face.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.constants import EMPTY_QUERY, NOT_ADMIN
from bot.digest import subscriptions
from bot.digest.delivery import upcoming_digest
from bot.errors import CdfBotError, CommandError, PermissionDenied
from bot.lookup import browse
from bot.lookup.answer import lookup
from bot.model import Subscription
from bot.render.admin import (
    render_error,
    render_source_added,
    render_source_changed,
    render_source_list,
    render_source_removed,
    render_source_test,
)
from bot.render.answer import render_answer
from bot.render.digest import render_preview
from bot.render.reply import Reply
from bot.render.subscriptions import (
    render_subscribed,
    render_subscription_list,
    render_unsubscribed,
)
from bot.services import Services
from bot.watch import source_admin

if TYPE_CHECKING:
    from bot.fetch.client import Fetcher

SOURCE_USAGE = (
    "Usage: `/cdf source add <url> [--kind rss|html|json|pdf] [--name NAME] [--every 30m] "
    "[--item SELECTOR] [--body SELECTOR]`, `/cdf source list`, `/cdf source test <url|id>`, "
    "`/cdf source pause <id>`, `/cdf source resume <id>`, `/cdf source every <id> 2h`, "
    "`/cdf source remove <id>`"
)
SOURCE_ADD_OPTIONS = ("--kind", "--name", "--every", "--item", "--body")


@dataclass(frozen=True, slots=True)
class CommandRequest:
    text: str
    user_id: str
    channel_id: str | None = None
    is_dm: bool = False


def handle_command(services: Services, request: CommandRequest) -> Reply:
    """Route one ``/cdf`` invocation; user mistakes come back as a Reply, never raise."""
    try:
        return _route(services, request)
    except CdfBotError as exc:
        return render_error(str(exc))


def is_lookup(text: str) -> bool:
    """True when ``text`` is a query (answered by ``bot.lookup.answer``), not a verb."""
    words = text.split()
    return bool(words) and words[0].lower() not in _VERBS


def _route(services: Services, request: CommandRequest) -> Reply:
    text = " ".join(request.text.split())
    if not text:
        return render_error(EMPTY_QUERY)
    verb, _, rest = text.partition(" ")
    handler = _VERBS.get(verb.lower())
    if handler is None:
        return render_answer(lookup(services.store, text))
    return handler(services, request, rest)


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


def _source(services: Services, request: CommandRequest, rest: str) -> Reply:
    """``source add|list|test|pause|resume|every|remove``: admins only, same code as the CLI."""
    if not services.is_admin(request.user_id):
        raise PermissionDenied(NOT_ADMIN.format(command="source"))
    args = _split(rest)
    if not args:
        raise CommandError(SOURCE_USAGE)
    action, args = args[0].lower(), args[1:]
    store, actor = services.store, request.user_id
    threshold = services.settings.poll_failure_threshold
    if action == "list" and not args:
        return render_source_list(store.list_sources(), threshold)
    if action in _SOURCE_CHANGES and len(args) == 1:
        change, label = _SOURCE_CHANGES[action]
        return render_source_changed(
            change(store, actor, source_admin.parse_source_id(args[0])), label
        )
    if action == "every" and len(args) == 2:
        source_id = source_admin.parse_source_id(args[0])
        return render_source_changed(
            source_admin.set_interval(store, actor, source_id, args[1]), "Rescheduled"
        )
    if action == "remove" and len(args) == 1:
        return render_source_removed(
            source_admin.remove_source(store, actor, source_admin.parse_source_id(args[0]))
        )
    if action == "test" and len(args) == 1:
        with _fetcher(services) as fetcher:
            return render_source_test(source_admin.test_source(store, args[0], fetcher))
    if action == "add" and args:
        url, options = args[0], _options(args[1:], allowed=SOURCE_ADD_OPTIONS)
        with _fetcher(services) as fetcher:
            check = source_admin.add_source(
                store,
                actor,
                url,
                kind=options.get("--kind"),
                name=options.get("--name"),
                every=options.get("--every"),
                item=options.get("--item"),
                body=options.get("--body"),
                fetcher=fetcher,
            )
        return render_source_added(check)
    raise CommandError(SOURCE_USAGE)


_SOURCE_CHANGES = {
    "pause": (source_admin.pause_source, "Paused"),
    "resume": (source_admin.resume_source, "Resumed"),
}


def _fetcher(services: Services) -> Fetcher:
    """A short-lived fetcher for one admin command's dry run (guarded like every fetch)."""
    from bot.fetch.client import Fetcher

    return Fetcher.from_settings(services.settings, attempts=1)


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError as exc:
        raise CommandError(f"Could not read the command ({exc}); check the quotes.") from None


def _options(args: list[str], *, allowed: tuple[str, ...]) -> dict[str, str]:
    options: dict[str, str] = {}
    pairs = iter(args)
    for flag in pairs:
        if flag not in allowed:
            raise CommandError(f"Unknown option “{flag}”. {SOURCE_USAGE}")
        value = next(pairs, None)
        if value is None:
            raise CommandError(f"Option {flag} needs a value. {SOURCE_USAGE}")
        options[flag] = value
    return options


_VERBS: dict[str, Callable[[Services, CommandRequest, str], Reply]] = {
    "help": browse.help_,
    "latest": browse.latest,
    "search": browse.search,
    "commitments": browse.commitments,
    "indicators": browse.indicators,
    "digest": _digest,
    "subscribe": _subscribe,
    "unsubscribe": _unsubscribe,
    "subscriptions": _subscriptions,
    "source": _source,
    "sources": _source,
}
