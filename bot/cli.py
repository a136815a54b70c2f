"""``cdfbot``: every verb calls the same core code that Slack uses.

Heavy modules are imported inside each verb, so ``cdfbot extract`` (which the scorer
runs once per document) starts without loading Slack, SQLAlchemy or pydantic.
Exit status: 0 success, 1 a reported error (bad file, unknown id…), 2 bad configuration
or usage.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.errors import CdfBotError, ConfigError

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.services import Services

CLI_USER = "console"


def _settings() -> Settings:
    from bot.config import load_settings

    return load_settings()


def _services(settings: Settings | None = None) -> Services:
    from bot.services import build_services

    return build_services(settings or _settings())


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def cmd_extract(args: argparse.Namespace) -> int:
    from bot.extract import extract
    from bot.text.loader import load_document

    fetcher = None
    if _is_url(args.target):
        from bot.fetch.client import Fetcher

        fetcher = Fetcher.from_settings(_settings())
    try:
        document = load_document(args.target, fetcher=fetcher)
    finally:
        if fetcher is not None:
            fetcher.close()
    result = extract(document)
    if args.json:
        print(json.dumps(result.to_contract(), ensure_ascii=False, indent=2))
        return 0
    from bot.render.extraction import extraction_text

    print(extraction_text(result))
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from bot.fetch.client import Fetcher
    from bot.text.loader import load_document
    from bot.watch.ingest import ingest_document

    settings = _settings()
    services = _services(settings)
    failures = 0
    with Fetcher.from_settings(settings) as fetcher:
        for target in args.targets:
            try:
                result = ingest_document(services.store, load_document(target, fetcher=fetcher))
            except CdfBotError as exc:
                failures += 1
                print(f"failed   {target}: {exc}", file=sys.stderr)
                continue
            release = result.release
            if result.stored:
                print(
                    f"stored   #{release.id} {release.title} "
                    f"({len(release.figures)} figures, {len(release.commitments)} commitments)"
                )
            else:
                print(f"skipped  {target}: {result.reason} as release #{result.duplicate_of}")
    services.close()
    return 1 if failures else 0


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.commands import CommandRequest, handle_command, is_lookup

    services = _services()
    text = " ".join(args.query) + (" --source" if args.source else "")
    reply = handle_command(services, CommandRequest(text=text, user_id=CLI_USER))
    print(reply.text)
    if args.chart and is_lookup(text):
        from pathlib import Path

        from bot.lookup.answer import lookup
        from bot.render.chart import chart_for

        chart = chart_for(lookup(services.store, text))
        if chart is not None:
            path = Path(args.chart)
            path = path / chart.filename if path.is_dir() or not path.suffix else path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(chart.png)
            print(f"Chart: {path}")
    services.close()
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    """``digest [--preview] [--since DATE] [--channel C]`` prints the next digest as it
    stands; ``digest --send-due`` sends every owed digest, exactly as the scheduler does."""
    from datetime import UTC, datetime

    from bot.digest import subscriptions
    from bot.digest.delivery import upcoming_digest
    from bot.model import Subscription
    from bot.render.digest import digest_text, render_digest

    settings = _settings()
    services = _services(settings)
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


def _send_due(services: Services) -> int:
    from bot.console import console_poster
    from bot.digest.delivery import Outcome
    from jobs.digest import send_due

    if services.settings.slack_bot_token:
        from bot.slack_app import build_web_client
        from bot.slack_post import slack_poster

        post = slack_poster(build_web_client(services.settings))
    else:
        post = console_poster()
    results = send_due(services, post)
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

    settings = _settings()
    services = _services(settings)
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

    services = _services()
    try:
        removed = subscriptions.unsubscribe(services.store, CLI_USER, _channel(args.channel))
    finally:
        services.close()
    print(render_unsubscribed(removed).text)
    return 0


def cmd_subscriptions(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from bot.render.subscriptions import render_subscription_list

    services = _services()
    try:
        found = services.store.list_subscriptions()
    finally:
        services.close()
    print(render_subscription_list(found, datetime.now(UTC)).text)
    return 0


def cmd_source(args: argparse.Namespace) -> int:
    """``cdfbot source …``: the same words as ``/cdf source …``, run as the local admin."""
    from bot.commands import CommandRequest
    from bot.commands import _source as source_command

    words = [args.action, *[str(a) for a in args.words]]
    for flag in ("kind", "name", "every", "item", "body"):
        value = getattr(args, flag, None)
        if value is not None:
            words += [f"--{flag}", value]
    services = _services()
    request = CommandRequest(text=f"source {shlex.join(words)}", user_id=CLI_USER)
    try:
        reply = source_command(services, request, shlex.join(words))
    finally:
        services.close()
    print(reply.text)
    return 0


def cmd_poll(args: argparse.Namespace) -> int:
    """``cdfbot poll --once``: poll every due source once and print what happened."""
    import time

    from bot.render.admin import render_poll_summary
    from bot.watch.poll import build_poller

    services = _services()
    poller = build_poller(services)
    try:
        while True:
            summary = poller.run_cycle()
            print(render_poll_summary(summary), flush=True)
            if args.once:
                return 0
            time.sleep(args.every)
    finally:
        poller.close()
        services.close()


def cmd_run(args: argparse.Namespace) -> int:
    from bot.runner import run

    return run(_settings(), mode=args.mode)


def cmd_shell(args: argparse.Namespace) -> int:
    from bot.runner import run

    return run(_settings(), mode="console")


def _date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2024-11-18") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cdfbot",
        description="cdf-digest-bot: every verb runs the same core code that Slack uses.",
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    p = verbs.add_parser("extract", help="print figures and commitments of one file or URL")
    p.add_argument("target", metavar="PATH_OR_URL")
    p.add_argument("--json", action="store_true", help="print the extraction contract JSON")
    p.set_defaults(func=cmd_extract)
    p = verbs.add_parser("ingest", help="store releases from files or URLs")
    p.add_argument("targets", nargs="+", metavar="PATH_OR_URL")
    p.set_defaults(func=cmd_ingest)
    p = verbs.add_parser("ask", help="print what `/cdf QUERY` answers")
    p.add_argument("query", nargs="+")
    p.add_argument("--source", action="store_true", help="quote the sentence of each value")
    p.add_argument("--chart", metavar="PATH", help="save the chart (≥ 3 periods) as a PNG")
    p.set_defaults(func=cmd_ask)
    p = verbs.add_parser("digest", help="print the next digest, or send the ones due")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--preview", action="store_true", help="print, do not send (the default)")
    mode.add_argument(
        "--send-due", action="store_true", help="send every digest whose time has passed"
    )
    p.add_argument("--since", type=_date, help="start the period on this date (YYYY-MM-DD)")
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
    p = verbs.add_parser("source", help="manage watched sources")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = actions.add_parser("add", help="watch a source (detects its kind, does a dry run)")
    a.add_argument("words", nargs=1, metavar="URL")
    a.add_argument("--kind", choices=("rss", "html", "json", "pdf"))
    a.add_argument("--name")
    a.add_argument("--every", help="poll interval such as 30m, 2h or 1d (default 1h)")
    a.add_argument("--item", help="CSS selector of one entry of a list page")
    a.add_argument("--body", help="CSS selector of the article body")
    actions.add_parser("list", help="sources and their health").set_defaults(words=[])
    actions.add_parser("test", help="dry run of a URL or source id; stores nothing").add_argument(
        "words", nargs=1, metavar="URL_OR_ID"
    )
    for verb, what in (("pause", "stop polling"), ("resume", "poll again"), ("remove", "forget")):
        actions.add_parser(verb, help=f"{what} a source").add_argument(
            "words", nargs=1, metavar="ID"
        )
    e = actions.add_parser("every", help="change a source's poll interval")
    e.add_argument("words", nargs=2, metavar=("ID", "INTERVAL"))
    p.set_defaults(func=cmd_source)
    p = verbs.add_parser("poll", help="poll due sources and print a summary")
    p.add_argument("--once", action="store_true", help="one cycle, then exit")
    p.add_argument("--every", type=float, default=60.0, help="seconds between cycles")
    p.set_defaults(func=cmd_poll)
    p = verbs.add_parser("run", help="start the bot and the scheduler")
    p.add_argument("--mode", choices=("auto", "console", "http", "socket"), default="auto")
    p.set_defaults(func=cmd_run)
    p = verbs.add_parser("shell", help="the local console, even when Slack tokens are set")
    p.set_defaults(func=cmd_shell)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"cdfbot: configuration error: {exc}", file=sys.stderr)
        return 2
    except CdfBotError as exc:
        print(f"cdfbot: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
