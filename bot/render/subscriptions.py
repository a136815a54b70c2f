"""Replies for ``/cdf subscribe``, ``unsubscribe`` and ``subscriptions``.

Channels are shown as ``<#C123>`` (Slack renders the name; channel links never notify
anyone). DM subscriptions are shown as plain text, not ``<@U123>``, so listing them pings
nobody (https://api.slack.com/reference/surfaces/formatting#mentioning-users).
"""

from __future__ import annotations

from datetime import datetime

from bot.digest.filters import DigestFilters
from bot.digest.schedule import digest_period, next_fire, schedule_of
from bot.model import Subscription
from bot.render.blocks import context, section
from bot.render.digest import period_label
from bot.render.mrkdwn import escape
from bot.render.reply import Reply

LIST_LIMIT = 40
ROWS_PER_SECTION = 10


def where(channel_id: str, *, markup: bool) -> str:
    """How a subscription's target reads: a channel link, or 'DM with U123'."""
    if channel_id[:1] in "CG" and channel_id.isalnum():
        return f"<#{channel_id}>" if markup else f"#{channel_id}"
    text = f"DM with {channel_id}" if channel_id[:1] in "UW" else f"DM {channel_id}"
    return escape(text) if markup else text


def describe_filters(filters: DigestFilters) -> str:
    parts = []
    for label, values in (
        ("sources", filters.sources),
        ("language", filters.languages),
        ("keywords", filters.keywords),
        ("indicators", filters.indicators),
    ):
        if values:
            parts.append(f"{label}: {', '.join(values)}")
    if filters.skip_empty:
        parts.append("nothing in a quiet week")
    if filters.labels != "both":
        parts.append(f"figures named in {'English' if filters.labels == 'en' else 'Chinese'}")
    return "; ".join(parts) if parts else "everything"


def next_digest(subscription: Subscription, now: datetime) -> str:
    """'Mon 2 Dec 2024 09:00 (covering 25 Nov – 1 Dec 2024)'."""
    fire = next_fire(schedule_of(subscription), now)
    start, end = digest_period(fire.date())
    return f"{fire:%a} {fire.day} {fire:%b %Y %H:%M} (covering {period_label(start, end)})"


def render_subscribed(subscription: Subscription, now: datetime) -> Reply:
    filters = DigestFilters.from_dict(subscription.filters)
    schedule = schedule_of(subscription).describe()
    lines = [
        f"Next digest: {next_digest(subscription, now)}.",
        f"Showing: {describe_filters(filters)}.",
        "`/cdf digest preview` shows it as it stands; `/cdf unsubscribe` stops it.",
    ]
    head = f"Subscribed {{}} to the digest, {schedule}."
    return Reply(
        text="\n".join([head.format(where(subscription.channel_id, markup=False)), *lines]),
        blocks=[
            section(head.format(where(subscription.channel_id, markup=True))),
            context([escape(line) if i < 2 else line for i, line in enumerate(lines)]),
        ],
    )


def render_unsubscribed(subscription: Subscription) -> Reply:
    text = "Unsubscribed {} from the weekly digest."
    return Reply(
        text=text.format(where(subscription.channel_id, markup=False)),
        blocks=[section(text.format(where(subscription.channel_id, markup=True)))],
    )


def render_subscription_list(subscriptions: list[Subscription], now: datetime) -> Reply:
    if not subscriptions:
        text = "No digest subscriptions yet. `/cdf subscribe` subscribes this channel."
        return Reply(text=text, blocks=[section(text)])
    title = f"Digest subscriptions ({len(subscriptions)})"
    rows, plain = [], []
    for sub in subscriptions[:LIST_LIMIT]:
        detail = f"{schedule_of(sub).describe()} · next {next_digest(sub, now)}"
        detail += f" · {describe_filters(DigestFilters.from_dict(sub.filters))}"
        if sub.broken_reason:
            detail += f" · not delivered: {sub.broken_reason} (subscribe again once fixed)"
        rows.append(f"• {where(sub.channel_id, markup=True)} — {escape(detail)}")
        plain.append(f"- {where(sub.channel_id, markup=False)} — {detail}")
    if len(subscriptions) > LIST_LIMIT:
        rows.append(escape(f"…and {len(subscriptions) - LIST_LIMIT} more"))
        plain.append(f"…and {len(subscriptions) - LIST_LIMIT} more")
    blocks = [section(f"*{title}*")]
    for offset in range(0, len(rows), ROWS_PER_SECTION):  # 10 rows stay under 3,000 chars
        blocks.append(section("\n".join(rows[offset : offset + ROWS_PER_SECTION])))
    return Reply(text="\n".join([title, *plain]), blocks=blocks)
