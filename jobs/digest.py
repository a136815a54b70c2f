"""The digest jobs: the per-subscription cron job and the sweep that catches up.

Both ask one question per subscription, "which scheduled time is the latest that has
passed, and is its digest owed?", and hand the answer to :func:`bot.digest.delivery.deliver_digest`,
whose database claim makes any number of calls (cron, sweep, a second process,
``cdfbot digest --send-due``) post each digest once. A digest is owed when its scheduled
time is within :data:`MISFIRE_GRACE` (a week-old digest is news no more, and the next one
is due) and after the subscription's *delivery floor* (its creation, or the last digest
actually posted), so a new or rescheduled subscription never receives a back-dated digest.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.digest.delivery import Outcome, Poster, deliver_digest
from bot.digest.schedule import latest_fire, schedule_of
from bot.model import Subscription
from bot.render.blocks import section
from bot.render.mrkdwn import escape
from bot.render.reply import Reply
from bot.render.subscriptions import where
from bot.services import Services

log = logging.getLogger(__name__)
WORKER = f"{socket.gethostname()}:{os.getpid()}"
MISFIRE_GRACE = timedelta(days=6)


def owed_fire(services: Services, subscription: Subscription, now: datetime) -> datetime | None:
    """The scheduled time whose digest this subscription is owed now, if any."""
    if not subscription.active or subscription.broken_reason or subscription.id is None:
        return None
    fire = latest_fire(schedule_of(subscription), now)
    floor = services.store.delivery_floor(subscription.id)
    if floor is None or fire <= floor or now - fire > MISFIRE_GRACE:
        return None
    return fire


def send_digest(
    services: Services, post: Poster, subscription_id: int, now: datetime | None = None
) -> Outcome | None:
    """The cron job of one subscription; None when nothing is owed (or it is gone)."""
    subscription = next(
        (s for s in services.store.list_subscriptions(active_only=True) if s.id == subscription_id),
        None,
    )
    if subscription is None:
        log.info("subscription %s is gone; skipping its digest", subscription_id)
        return None
    return _deliver(services, post, subscription, now or datetime.now(UTC))


def send_due(
    services: Services, post: Poster, now: datetime | None = None
) -> list[tuple[Subscription, Outcome | None]]:
    """Every owed digest, once; one subscription's failure never stops the others."""
    now = now or datetime.now(UTC)
    results: list[tuple[Subscription, Outcome | None]] = []
    for subscription in services.store.list_subscriptions(active_only=True):
        try:
            results.append((subscription, _deliver(services, post, subscription, now)))
        except Exception:
            log.exception("digest for %s failed; it will be retried", subscription.channel_id)
            results.append((subscription, Outcome.FAILED))
    return results


def notify_admins(services: Services, post: Poster, reply: Reply) -> None:
    """Tell the admins: in CDFBOT_ALERT_CHANNEL when set, else a DM to each admin."""
    settings = services.settings
    targets = [settings.alert_channel] if settings.alert_channel else sorted(settings.admins)
    for target in targets:
        try:
            post(target, reply, None)
        except Exception:
            log.exception("could not alert %s: %s", target, reply.text)


def broken_alert(subscription: Subscription, reason: str) -> Reply:
    """The one message admins get when a subscription's channel stops taking digests."""
    text = (
        "The weekly digest for {} was not delivered: Slack said `{}`. It is paused until "
        "someone runs `/cdf subscribe` there again (invite the bot first if it was removed)."
    )
    channel = subscription.channel_id
    return Reply(
        text=text.format(escape(where(channel, markup=False)), reason),
        blocks=[section(text.format(where(channel, markup=True), reason))],
    )


def rejected_alert(subscription: Subscription, period_start: date, reason: str) -> Reply:
    """The one message admins get when Slack refuses a digest for good."""
    text = (
        "The weekly digest for {} (week of {}) was not delivered: Slack refused it with `{}`, "
        "which retrying cannot fix, so it will not be retried. Next week's digest is sent as "
        "usual; the bot's log has the details (a token or scope problem needs the app fixed)."
    )
    channel, week = subscription.channel_id, period_start.isoformat()
    return Reply(
        text=text.format(escape(where(channel, markup=False)), week, reason),
        blocks=[section(text.format(where(channel, markup=True), week, reason))],
    )


def _deliver(
    services: Services, post: Poster, subscription: Subscription, now: datetime
) -> Outcome | None:
    fire = owed_fire(services, subscription, now)
    if fire is None:
        return None

    def on_broken(broken: Subscription, reason: str) -> None:
        notify_admins(services, post, broken_alert(broken, reason))

    def on_rejected(rejected: Subscription, period_start: date, reason: str) -> None:
        notify_admins(services, post, rejected_alert(rejected, period_start, reason))

    fire_day = fire.astimezone(ZoneInfo(subscription.timezone)).date()
    return deliver_digest(
        services.store,
        post,
        subscription,
        fire_day,
        worker=WORKER,
        on_broken=on_broken,
        on_rejected=on_rejected,
    )
