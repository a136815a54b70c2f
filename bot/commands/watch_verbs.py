"""``/cdf watch``, ``unwatch``, ``watches``: tell me when this number moves.

``/cdf watch 5g [above|below 4.5 million]`` watches for the asker (a DM when it fires);
``/cdf watch 5g #channel`` watches for a channel, admins only (checked here once for
Slack, the console and ``cdfbot watch``). The work lives in :mod:`bot.alerts.watches`.
"""

from __future__ import annotations

from bot.alerts import watches as use_case
from bot.commands.request import CommandRequest
from bot.constants import NOT_ADMIN
from bot.digest.subscriptions import channel_target
from bot.errors import CommandError, PermissionDenied
from bot.render.alerts import render_unwatched, render_watch_list, render_watch_set
from bot.render.reply import Reply
from bot.services import Services

WATCH_USAGE = (
    "Usage: `/cdf watch <indicator> [above|below VALUE]` (for you, by DM), "
    "`/cdf watch <indicator> #channel` (admins), `/cdf watches`, `/cdf unwatch <indicator>`."
)
_THRESHOLDS = ("above", "below")


def _target(
    services: Services, request: CommandRequest, words: list[str]
) -> tuple[str, str, list[str]]:
    """(kind, id, remaining words): a channel named last is for admins only."""
    named = (
        channel_target(words[-1]) if words and words[-1].startswith(("<#", "#", "C", "G")) else None
    )
    if named is None:
        return "user", request.user_id, words
    if not services.is_admin(request.user_id):
        raise PermissionDenied(NOT_ADMIN.format(command="watch #channel"))
    return "channel", named, words[:-1]


def watch(services: Services, request: CommandRequest, rest: str) -> Reply:
    kind, target, words = _target(services, request, rest.split())
    lowered = [w.lower() for w in words]
    cut = next((i for i, w in enumerate(lowered) if w in _THRESHOLDS), len(words))
    query = " ".join(words[:cut])
    if not query or cut == len(words) - 1:
        raise CommandError(WATCH_USAGE)
    threshold = {}
    if cut < len(words):
        threshold[lowered[cut]] = use_case.parse_threshold(" ".join(words[cut + 1 :]))
    saved = use_case.set_watch(
        services.store, request.user_id, query, target_kind=kind, target_id=target, **threshold
    )
    return render_watch_set(saved)


def unwatch(services: Services, request: CommandRequest, rest: str) -> Reply:
    _, target, words = _target(services, request, rest.split())
    if not words:
        raise CommandError(WATCH_USAGE)
    return render_unwatched(use_case.remove_watch(services.store, " ".join(words), target))


def list_watches(services: Services, request: CommandRequest, rest: str) -> Reply:
    """Admins see every watch; others their own and this channel's."""
    found = services.store.list_watches()
    if not services.is_admin(request.user_id):
        mine = {request.user_id, request.channel_id}
        found = [w for w in found if w.target_id in mine]
    return render_watch_list(found)
