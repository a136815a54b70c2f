"""``cdfbot source …`` and ``cdfbot poll``: watched sources, as the local admin."""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import TYPE_CHECKING

from bot.cli.common import CLI_USER, open_services

if TYPE_CHECKING:
    from bot.services import Services


def cmd_source(args: argparse.Namespace) -> int:
    """``cdfbot source …``: the same words as ``/cdf source …``, run as the local admin."""
    from bot.commands import CommandRequest
    from bot.commands.source_verbs import source as source_command

    words = [args.action, *[str(a) for a in args.words]]
    for flag in ("kind", "name", "every", "item", "body"):
        value = getattr(args, flag, None)
        if value is not None:
            words += [f"--{flag}", value]
    services = open_services()
    request = CommandRequest(text=f"source {shlex.join(words)}", user_id=CLI_USER)
    try:
        _first_use(services)
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

    services = open_services()
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


def _first_use(services: Services) -> None:
    """A fresh database gets the default sources on its first ``cdfbot source …`` as on
    the first ``cdfbot run`` (issue 12): ``source list`` shows them at once. Said on stderr,
    so the verb's own output stays as it is."""
    from bot.constants import DEFAULT_SOURCES_ADDED
    from bot.watch.source_admin import ensure_default_sources

    if added := ensure_default_sources(services.store):
        print(DEFAULT_SOURCES_ADDED.format(count=added), file=sys.stderr, flush=True)


def add_parsers(verbs: argparse._SubParsersAction) -> None:
    """Register the verbs of this group: source, poll."""
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
