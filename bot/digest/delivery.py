"""Use case: deliver one subscription's digest for one period, exactly once.

The send is claimed in the database before posting (``digests_sent`` is unique per
subscription and period), so two bot processes never both post, and a claim left by a
crash goes stale and is retried. The claim is completed as soon as the *parent* message
is posted: from then on the digest exists in Slack, and a later failure in a thread
reply must never cause the whole digest to be posted again.

The claim cannot tell whether Slack posted a message whose answer was lost (a reset
connection, a timeout, a 5xx). So the parent message carries a marker — Slack message
metadata ``cdf_digest`` with the subscription and period — and the poster looks for it
before posting again: in the same run after an ambiguous outcome, and first thing in any
run that takes over an earlier attempt's claim. Such a run searches from the start of the
scheduled day, since any earlier attempt started after it.

A channel that cannot take messages (archived, bot removed, deleted, deactivated user)
is not retried: the subscription is marked broken, the admins are told once, and the
caller goes on with the other subscriptions. A digest Slack refuses for good
(``invalid_blocks``, ``msg_too_long``, ``invalid_auth``…) is closed without a message and
not retried either — retrying every half hour for days cannot change Slack's answer — and
the admins are told once; the next week's digest is sent as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot import metrics
from bot.digest.build import Digest, build_digest
from bot.digest.filters import DigestFilters
from bot.digest.schedule import digest_period, next_fire, schedule_of
from bot.errors import CdfBotError
from bot.model import Subscription
from bot.render.digest import render_digest
from bot.render.reply import MessageMarker, Reply
from bot.store import Store

log = logging.getLogger(__name__)

Poster = Callable[[str, Reply, str | None], str | None]
"""post(channel, reply, thread_ts) → message ts (None when the face has none)."""
BrokenHandler = Callable[[Subscription, str], None]
"""Called once when a subscription is first found broken, with Slack's error code."""
RejectedHandler = Callable[[Subscription, date, str], None]
"""Called once when Slack refuses a digest for good: subscription, period start, error."""

STALE_CLAIM = timedelta(minutes=15)
DIGEST_EVENT = "cdf_digest"
"""The ``event_type`` of a digest's message metadata (https://api.slack.com/metadata/using)."""
CHANNEL_ERRORS = frozenset(
    {"channel_not_found", "not_in_channel", "is_archived", "account_inactive"}
)
"""chat.postMessage errors that retrying cannot fix
(https://api.slack.com/methods/chat.postMessage#errors)."""
REJECTED_ERRORS = frozenset(
    {
        "invalid_blocks",
        "invalid_blocks_format",
        "msg_too_long",
        "msg_blocks_too_long",
        "no_text",
        "too_many_attachments",
        "invalid_metadata_format",
        "invalid_metadata_schema",
        "metadata_too_large",
        "invalid_arguments",
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "token_expired",
        "no_permission",
        "missing_scope",
        "not_allowed_token_type",
        "team_access_not_granted",
        "ekm_access_denied",
        "restricted_action",
        "restricted_action_read_only_channel",
        "restricted_action_thread_only_channel",
        "restricted_action_non_threadable_channel",
    }
)
"""Other chat.postMessage errors no retry can fix: the message itself (blocks, length,
metadata) or the token and its permissions are at fault
(https://api.slack.com/methods/chat.postMessage#errors)."""


class ChannelUnavailable(CdfBotError):
    """A poster's report that the channel cannot receive messages; ``reason`` is Slack's code."""

    def __init__(self, channel: str, reason: str) -> None:
        super().__init__(f"cannot post to {channel}: {reason}")
        self.reason = reason


class MessageRejected(CdfBotError):
    """A poster's report that Slack refused the message for good; ``reason`` is its code."""

    def __init__(self, channel: str, reason: str) -> None:
        super().__init__(f"Slack refused the message to {channel}: {reason}")
        self.reason = reason


class Outcome(StrEnum):
    SENT = "sent"
    EMPTY = "empty"  # nothing to say and the subscription asked for silence
    TAKEN = "taken"  # already sent, or being sent by another process
    BROKEN = "broken"
    REJECTED = "rejected"  # Slack refused this digest for good; not retried
    FAILED = "failed"  # reported by callers that carry on after an error (send_due)


def upcoming_digest(
    store: Store, subscription: Subscription, now: datetime, *, since: date | None = None
) -> Digest:
    """What the subscription's next digest would contain if it were sent now (previews).

    ``since`` widens the period's start (``cdfbot digest --preview --since DATE``).
    """
    fire = next_fire(schedule_of(subscription), now)
    start, end = digest_period(fire.astimezone(ZoneInfo(subscription.timezone)).date())
    filters = DigestFilters.from_dict(subscription.filters)
    return build_digest(store, since or start, end, filters)


def deliver_digest(
    store: Store,
    post: Poster,
    subscription: Subscription,
    fire_day: date,
    *,
    worker: str,
    on_broken: BrokenHandler | None = None,
    on_rejected: RejectedHandler | None = None,
) -> Outcome:
    """Post the digest unless this period was already sent or is being sent elsewhere.

    Errors other than :class:`ChannelUnavailable` mark the claim failed (a later run
    takes it over) and propagate.
    """
    assert subscription.id is not None
    start, end = digest_period(fire_day)
    attempt = store.claim_digest_attempt(subscription.id, start, end, worker, STALE_CLAIM)
    if attempt is None:
        log.info("digest %s/%s already sent or claimed elsewhere", subscription.id, start)
        return Outcome.TAKEN
    day_start = datetime.combine(fire_day, time.min, ZoneInfo(subscription.timezone))
    marker = MessageMarker(
        DIGEST_EVENT,
        {"subscription": str(subscription.id), "period": start.isoformat()},
        posted_after=day_start if attempt.retry else attempt.claimed_at,
        check_first=attempt.retry,
    )
    try:
        filters = DigestFilters.from_dict(subscription.filters)
        digest = build_digest(store, start, end, filters)
        if not digest.release_count and filters.skip_empty:
            store.complete_digest(subscription.id, start, None)
            return Outcome.EMPTY
        replies = render_digest(digest)
        replies[0].marker = marker
        parent_ts = post(subscription.channel_id, replies[0], None)
    except ChannelUnavailable as exc:
        metrics.DIGESTS.labels(result="failed").inc()
        store.fail_digest(subscription.id, start, exc.reason)
        if store.mark_subscription_broken(subscription.id, exc.reason) and on_broken:
            on_broken(subscription, exc.reason)
        return Outcome.BROKEN
    except MessageRejected as exc:
        metrics.DIGESTS.labels(result="failed").inc()
        log.error("digest %s/%s refused by Slack: %s", subscription.id, start, exc.reason)
        if store.abandon_digest(subscription.id, start, exc.reason) and on_rejected:
            on_rejected(subscription, start, exc.reason)
        return Outcome.REJECTED
    except Exception as exc:
        metrics.DIGESTS.labels(result="failed").inc()
        store.fail_digest(subscription.id, start, f"{type(exc).__name__}: {exc}")
        raise
    metrics.DIGESTS.labels(result="sent").inc()
    store.complete_digest(subscription.id, start, parent_ts)
    _post_thread(post, subscription.channel_id, replies[1:], parent_ts)
    return Outcome.SENT


def _post_thread(post: Poster, channel: str, replies: list[Reply], parent_ts: str | None) -> None:
    """Thread replies, best effort: the parent is out, so a failure is logged, not retried."""
    for number, reply in enumerate(replies, start=2):
        try:
            post(channel, reply, parent_ts)
        except Exception:
            log.exception("digest part %s/%s to %s failed", number, len(replies) + 1, channel)
            return
