"""``cdfbot digest``, ``subscribe``, ``unsubscribe``, ``subscriptions``: the weekly digest."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.cli.common import CLI_USER, cli_settings, iso_date, open_services
from bot.errors import CdfBotError

if TYPE_CHECKING:
    from bot.digest.delivery import Poster
    from bot.services import Services


def cmd_digest(args: argparse.Namespace) -> int:
    """``digest [--preview] [--since DATE] [--channel C]`` prints the next digest as it
    stands; ``digest --send-due`` sends every owed digest, exactly as the scheduler does."""
    from datetime import UTC, datetime

    from bot.digest import subscriptions
    from bot.digest.delivery import upcoming_digest
    from bot.model import Subscription
    from bot.render.digest import digest_text, render_digest

    settings = cli_settings()
    services = open_services(settings)
    try:
        if args.send_due:
            return _send_due(services)
        target = _channel(args.channel) if args.channel else CLI_USER
        found = subscriptions.find(services.store, target)
        subscription = found or Subscription(target, timezone=settings.timezone)
        digest = upcoming_digest(services.store, subscription, datetime.now(UTC), since=args.since)
    finally:
        services.close()
    print(digest_text(digest))
    messages = len(render_digest(digest))
    if messages > 1:
        print(f"\n(In Slack: a parent message and {messages - 1} replies in its thread.)")
    return 0


def poster_for(services: Services) -> Poster:
    """Slack's poster when ``SLACK_BOT_TOKEN`` is set, else one that prints (for cron runs
    of ``digest --send-due`` and ``alerts --send-due``)."""
    from bot.cli.console import console_poster

    if services.settings.slack_bot_token:
        from bot.slack.app import build_web_client
        from bot.slack.post import slack_poster

        return slack_poster(build_web_client(services.settings))
    return console_poster()


def _send_due(services: Services) -> int:
    from bot.digest.delivery import Outcome
    from jobs.digest import send_due

    results = send_due(services, poster_for(services))
    for subscription, outcome in results:
        print(f"{outcome or 'not due':<8} {subscription.channel_id}")
    return 1 if any(outcome is Outcome.FAILED for _, outcome in results) else 0


def _channel(text: str) -> str:
    from bot.digest import subscriptions

    target = subscriptions.channel_target(text)
    if target is None:
        raise CdfBotError(f"“{text}” is not a channel or user ID (like C0123ABCDEF).")
    return target


def cmd_subscribe(args: argparse.Namespace) -> int:
    """``cdfbot subscribe CHANNEL [weekly DAY HH:MM ZONE] [filters]``, as the local admin."""
    from datetime import UTC, datetime

    from bot.digest import subscriptions
    from bot.render.subscriptions import render_subscribed

    settings = cli_settings()
    services = open_services(settings)
    try:
        saved = subscriptions.subscribe(
            services.store,
            CLI_USER,
            _channel(args.channel),
            list(args.words),
            default_timezone=settings.timezone,
        )
    finally:
        services.close()
    print(render_subscribed(saved, datetime.now(UTC)).text)
    return 0


def cmd_unsubscribe(args: argparse.Namespace) -> int:
    from bot.digest import subscriptions
    from bot.render.subscriptions import render_unsubscribed

    services = open_services()
    try:
        removed = subscriptions.unsubscribe(services.store, CLI_USER, _channel(args.channel))
    finally:
        services.close()
    print(render_unsubscribed(removed).text)
    return 0


def cmd_subscriptions(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from bot.render.subscriptions import render_subscription_list

    services = open_services()
    try:
        found = services.store.list_subscriptions()
    finally:
        services.close()
    print(render_subscription_list(found, datetime.now(UTC)).text)
    return 0


def add_parsers(verbs: argparse._SubParsersAction) -> None:
    """Register the verbs of this group: digest, subscribe, unsubscribe, subscriptions."""
    p = verbs.add_parser("digest", help="print the next digest, or send the ones due")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--preview", action="store_true", help="print, do not send (the default)")
    mode.add_argument(
        "--send-due", action="store_true", help="send every digest whose time has passed"
    )
    p.add_argument("--since", type=iso_date, help="start the period on this date (YYYY-MM-DD)")
    p.add_argument("--channel", help="preview this channel's subscription (filters, schedule)")
    p.set_defaults(func=cmd_digest)
    p = verbs.add_parser("subscribe", help="subscribe a channel to the weekly digest")
    p.add_argument("channel", metavar="CHANNEL", help="channel ID, e.g. C0123ABCDEF")
    p.add_argument("words", nargs="*", metavar="SCHEDULE_OR_FILTER", help="e.g. fri 17:30 UTC")
    p.set_defaults(func=cmd_subscribe)
    p = verbs.add_parser("unsubscribe", help="stop a channel's weekly digest")
    p.add_argument("channel", metavar="CHANNEL")
    p.set_defaults(func=cmd_unsubscribe)
    p = verbs.add_parser("subscriptions", help="list digest subscriptions")
    p.set_defaults(func=cmd_subscriptions)
