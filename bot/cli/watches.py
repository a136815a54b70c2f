"""``cdfbot watch``, ``watches``, ``unwatch``, ``alerts``: indicator watches and their alerts.

The CLI acts as the local admin, so it may set a watch for any user or channel; the work
is :mod:`bot.alerts` (the same code ``/cdf watch`` runs). ``alerts --send-due`` sends the
queued alerts at once, exactly like the running bot's alert job (for cron).
"""

from __future__ import annotations

import argparse

from bot.cli.common import CLI_USER, open_services
from bot.errors import CdfBotError


def _target(args: argparse.Namespace) -> tuple[str, str]:
    from bot.digest.subscriptions import channel_target

    kind, text = ("user", args.user) if args.user else ("channel", args.channel)
    target = channel_target(text)
    if target is None:
        raise CdfBotError(f"“{text}” is not a Slack ID (like U0123ABCDEF or C0123ABCDEF).")
    return kind, target


def cmd_watch(args: argparse.Namespace) -> int:
    from bot.alerts.watches import parse_threshold, set_watch
    from bot.render.alerts import render_watch_set

    kind, target = _target(args)
    above = parse_threshold(args.above) if args.above else None
    below = parse_threshold(args.below) if args.below else None
    services = open_services()
    try:
        saved = set_watch(
            services.store,
            CLI_USER,
            " ".join(args.indicator),
            target_kind=kind,
            target_id=target,
            above=above,
            below=below,
        )
    finally:
        services.close()
    print(render_watch_set(saved).text)
    return 0


def cmd_unwatch(args: argparse.Namespace) -> int:
    from bot.alerts.watches import remove_watch
    from bot.render.alerts import render_unwatched

    _, target = _target(args)
    services = open_services()
    try:
        removed = remove_watch(services.store, " ".join(args.indicator), target)
    finally:
        services.close()
    print(render_unwatched(removed).text)
    return 0


def cmd_watches(args: argparse.Namespace) -> int:
    from bot.render.alerts import render_watch_list

    services = open_services()
    try:
        found = services.store.list_watches()
    finally:
        services.close()
    print(render_watch_list(found).text)
    return 0


def cmd_alerts(args: argparse.Namespace) -> int:
    """``alerts --send-due`` sends the queued alerts; plain ``alerts`` counts them."""
    services = open_services()
    try:
        if not args.send_due:
            counts = services.store.alert_counts()
            print(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none")
            return 0
        from bot.cli.digests import poster_for
        from bot.digest.delivery import Outcome
        from jobs.alerts import send_alerts

        results = send_alerts(services, poster_for(services))
    finally:
        services.close()
    for alert, outcome in results:
        print(f"{outcome:<8} {alert.watch.target_id} {alert.watch.label}")
    return 1 if any(outcome is Outcome.FAILED for _, outcome in results) else 0


def _who(parser: argparse.ArgumentParser) -> None:
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--user", metavar="UID", help="a Slack user ID: alerts come by DM")
    who.add_argument("--channel", metavar="CID", help="a Slack channel ID")


def add_parsers(verbs: argparse._SubParsersAction) -> None:
    """Register the verbs of this group: watch, unwatch, watches, alerts."""
    p = verbs.add_parser("watch", help="tell a user or channel when an indicator moves")
    p.add_argument("indicator", nargs="+", metavar="INDICATOR")
    _who(p)
    limit = p.add_mutually_exclusive_group()
    limit.add_argument("--above", metavar="V", help="only when it rises above V (4.5m, 12%%)")
    limit.add_argument("--below", metavar="V", help="only when it falls below V")
    p.set_defaults(func=cmd_watch)
    p = verbs.add_parser("unwatch", help="end a watch")
    p.add_argument("indicator", nargs="+", metavar="INDICATOR")
    _who(p)
    p.set_defaults(func=cmd_unwatch)
    p = verbs.add_parser("watches", help="list indicator watches")
    p.set_defaults(func=cmd_watches)
    p = verbs.add_parser("alerts", help="count queued alerts, or send the ones due")
    p.add_argument("--send-due", action="store_true", help="send every queued alert now")
    p.set_defaults(func=cmd_alerts)
