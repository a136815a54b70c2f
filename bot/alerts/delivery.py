"""Use case: send every queued alert exactly once (the outbox's consumer).

Called every :data:`jobs.alerts.ALERT_EVERY_SECONDS` by the running bot and by ``cdfbot
alerts --send-due`` from cron; any number of them may run at once on one database. Each
alert is claimed before posting and marked sent after, as digests are
(:mod:`bot.digest.delivery`): a claim left by a crash goes stale (:data:`STALE_CLAIM`) and
is taken over, other errors are retried up to :data:`MAX_ATTEMPTS` times.

A user watch is a DM: ``chat.postMessage`` with the user ID as ``channel`` posts in the
app's DM with that user (https://api.slack.com/methods/chat.postMessage#channels). A
target that cannot take messages (:data:`~bot.digest.delivery.CHANNEL_ERRORS`) is not
retried: the alert is dropped, the watch marked broken and the admins told once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from bot.digest.delivery import ChannelUnavailable, Outcome, Poster
from bot.model import Alert, Watch
from bot.render.alerts import render_alert
from bot.store import Store

log = logging.getLogger(__name__)

STALE_CLAIM = timedelta(minutes=5)
MAX_ATTEMPTS = 5
BrokenWatch = Callable[[Watch, str], None]


def send_due_alerts(
    store: Store, post: Poster, *, worker: str, on_broken: BrokenWatch | None = None
) -> list[tuple[Alert, Outcome]]:
    """Post every claimable alert; one alert's failure never stops the others."""
    results = []
    for alert in store.due_alerts(STALE_CLAIM, MAX_ATTEMPTS):
        results.append((alert, deliver_alert(store, post, alert, worker, on_broken)))
    return results


def deliver_alert(
    store: Store, post: Poster, alert: Alert, worker: str, on_broken: BrokenWatch | None = None
) -> Outcome:
    if not store.claim_alert(alert.id, worker, STALE_CLAIM, MAX_ATTEMPTS):
        return Outcome.TAKEN
    watch = alert.watch
    try:
        message_ts = post(watch.target_id, render_alert(alert), None)
    except ChannelUnavailable as exc:
        store.drop_alert(alert.id, exc.reason)
        if watch.id is not None and store.mark_watch_broken(watch.id, exc.reason) and on_broken:
            on_broken(watch, exc.reason)
        return Outcome.BROKEN
    except Exception as exc:
        log.exception("alert %s to %s failed; it will be retried", alert.id, watch.target_id)
        store.fail_alert(alert.id, f"{type(exc).__name__}: {exc}")
        return Outcome.FAILED
    store.complete_alert(alert.id, message_ts)
    return Outcome.SENT
