"""``/cdf source add|list|test|pause|resume|every|remove``: the admin verbs for sources.

Admins only, checked here once for Slack, the console and ``cdfbot source``; the work
itself lives in :mod:`bot.watch.source_admin` and every change is audited there.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from bot.commands.request import CommandRequest
from bot.constants import NOT_ADMIN
from bot.errors import CommandError, PermissionDenied
from bot.render.admin import (
    render_source_added,
    render_source_changed,
    render_source_list,
    render_source_removed,
    render_source_test,
)
from bot.render.reply import Reply
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


def source(services: Services, request: CommandRequest, rest: str) -> Reply:
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
        return render_source_list(store.list_sources(), threshold, store.backlog_counts())
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
