"""Use case: what one user's App Home tab shows, read from the store.

Sections, each from the query another feature already uses (no second implementation):

* latest releases: ``Store.recent_releases`` (as ``/cdf latest``);
* indicators that moved this week: :func:`bot.digest.build.build_digest` over
  :func:`bot.digest.build.last_week`, its ``moved`` list (the digest's own comparison with
  ``Store.previous_values``), so the Home tab and the next digest never disagree;
* the user's subscriptions: a digest *to them* (a subscription made in a DM with the bot
  targets the user's ID, see ``bot.commands.router._here``) and the digests they *set up* for
  channels (``created_by``). Other people's channel digests are not the user's business
  here; ``/cdf subscriptions`` in a channel shows that channel's;
* for admins only (``Services.is_admin``): every source with its polling health, failing
  ones first.

Rendering lives in :mod:`bot.render.home`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from bot.digest.build import Move, build_digest, last_week
from bot.model import Release, Source, Subscription
from bot.services import Services

HOME_RELEASES = 5


@dataclass(slots=True)
class HomeView:
    user_id: str
    week: tuple[date, date]
    releases: list[Release] = field(default_factory=list)
    moved: list[Move] = field(default_factory=list)
    subscriptions: list[Subscription] = field(default_factory=list)
    sources: list[Source] | None = None
    """None for non-admins (the section is not shown at all)."""
    failure_threshold: int = 5
    built_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def build_home(services: Services, user_id: str, today: date | None = None) -> HomeView:
    store = services.store
    start, end = last_week(today)
    view = HomeView(
        user_id=user_id,
        week=(start, end),
        releases=store.recent_releases(HOME_RELEASES),
        moved=build_digest(store, start, end).moved,
        subscriptions=user_subscriptions(store.list_subscriptions(), user_id),
        failure_threshold=services.settings.poll_failure_threshold,
    )
    if services.is_admin(user_id):
        view.sources = sorted(store.list_sources(), key=lambda s: (-s.failures, s.id or 0))
    return view


def user_subscriptions(found: list[Subscription], user_id: str) -> list[Subscription]:
    """Digests sent to the user's DM, then those the user set up elsewhere."""
    to_user = [s for s in found if s.channel_id == user_id]
    by_user = [s for s in found if s.created_by == user_id and s.channel_id != user_id]
    return to_user + by_user
