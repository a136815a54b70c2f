"""Optional posts to ``CDFBOT_ALERT_CHANNEL``: each new release, a source turning failing,
and a source whose list was found again after a redesign ("layout changed: …", posted by
the one poll that healed it: later polls use the new settings).

A failing source is announced once — on the poll whose failure crosses the threshold —
not on every slow retry after it; it is announced again only if it recovers and fails
anew. A source's first successful poll is a backfill of its list: stored quietly, never
announced, so adding a source does not flood the channel with its archive.
Posting errors are logged and swallowed: Slack being down must not stop polling.
Each new-release post carries a marker (message metadata ``cdf_release_alert`` with the
release id), so a post whose answer was lost is looked for, not repeated blind.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from bot import metrics
from bot.digest.delivery import Poster
from bot.render.admin import (
    render_failing_alert,
    render_layout_alert,
    render_more_releases_alert,
    render_new_release_alert,
)
from bot.render.reply import MessageMarker, Reply
from bot.watch.poll.summary import SourceOutcome

log = logging.getLogger(__name__)

RELEASE_EVENT = "cdf_release_alert"
"""``event_type`` of a new-release post's metadata (https://api.slack.com/metadata/using)."""
MORE_EVENT = "cdf_release_overflow"
"""``event_type`` of the line standing for the releases past :data:`MAX_ANNOUNCED_PER_POLL`."""
MAX_ANNOUNCED_PER_POLL = 10
"""More new releases than this in one poll (a site relaunch) are summarised in one line
("…and 5 more new releases from NDA"), not posted one by one."""


class Alerter:
    """Posts a poll's news to one channel through the face's :data:`~bot.digest.delivery.Poster`."""

    def __init__(self, post: Poster, channel: str) -> None:
        self.post = post
        self.channel = channel

    def announce(self, outcome: SourceOutcome) -> int:
        """Post what ``outcome`` calls for; returns the number of messages posted."""
        posted = 0
        if outcome.turned_failing:
            posted += self._send(render_failing_alert(outcome.source))
        if outcome.layout_change:
            posted += self._send(render_layout_alert(outcome.source, outcome.layout_change))
        if outcome.backfill:
            return posted
        news = [r for r in outcome.new_releases if r.id not in outcome.quiet_ids]
        started = datetime.now(UTC)
        for release in news[:MAX_ANNOUNCED_PER_POLL]:
            reply = render_new_release_alert(release, outcome.source)
            reply.marker = MessageMarker(RELEASE_EVENT, {"release": str(release.id)}, started)
            posted += self._send(reply)
        if more := news[MAX_ANNOUNCED_PER_POLL:]:
            reply = render_more_releases_alert(len(more), outcome.source)
            reply.marker = MessageMarker(MORE_EVENT, {"release": str(more[0].id)}, started)
            posted += self._send(reply)
        return posted

    def _send(self, reply: Reply) -> int:
        try:
            self.post(self.channel, reply, None)
        except Exception:
            metrics.ALERTS.labels(result="failed").inc()
            log.exception("could not post an alert to %s", self.channel)
            return 0
        metrics.ALERTS.labels(result="sent").inc()
        return 1
