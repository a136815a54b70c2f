"""The poller: notice every new release of every watched source, once, politely and safely.

``build_poller(services, post)`` wires the pieces from settings; :class:`Poller.run_cycle`
polls every due source once (``cdfbot poll --once`` and the every-minute job in
``jobs/poll.py`` both call it). Modules: ``schedule`` (when next), ``source_poll`` (one
source), ``cycle`` (all due sources, concurrently), ``near_dup`` (SimHash), ``alerts``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bot.watch.poll.cycle import Poller
from bot.watch.poll.schedule import ScheduleRules
from bot.watch.poll.summary import PollSummary, SourceOutcome

if TYPE_CHECKING:
    from bot.digest.delivery import Poster
    from bot.fetch.client import Fetcher
    from bot.services import Services

__all__ = ["PollSummary", "Poller", "ScheduleRules", "SourceOutcome", "build_poller"]


def build_poller(
    services: Services, post: Poster | None = None, *, fetcher: Fetcher | None = None
) -> Poller:
    """A Poller configured from CDFBOT_POLL_* settings; alerts go to CDFBOT_ALERT_CHANNEL
    when both a channel and a ``post`` function are given. Close it to close its fetcher."""
    from bot.fetch.client import Fetcher
    from bot.watch.poll.alerts import Alerter

    settings = services.settings
    rules = ScheduleRules(
        failure_threshold=settings.poll_failure_threshold,
        failing_retry=timedelta(seconds=settings.poll_failing_retry_seconds),
    )
    channel = settings.alert_channel
    return Poller(
        services.store,
        fetcher or Fetcher.from_settings(settings),
        concurrency=settings.poll_concurrency,
        rules=rules,
        source_timeout=settings.poll_source_timeout,
        lease_seconds=settings.poll_lease_seconds,
        alerter=Alerter(post, channel) if post is not None and channel else None,
    )
