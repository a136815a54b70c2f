"""``cdfbot run`` and ``cdfbot shell``: the bot in the mode its tokens choose, or the console."""

from __future__ import annotations

import argparse

from bot.cli.common import cli_settings


def cmd_run(args: argparse.Namespace) -> int:
    from bot.cli.runner import run

    return run(cli_settings(), mode=args.mode)


def cmd_shell(args: argparse.Namespace) -> int:
    from bot.cli.runner import run

    return run(cli_settings(), mode="console")


def add_parsers(verbs: argparse._SubParsersAction) -> None:
    """Register the verbs of this group: run, shell."""
    p = verbs.add_parser("run", help="start the bot and the scheduler")
    p.add_argument("--mode", choices=("auto", "console", "http", "socket"), default="auto")
    p.set_defaults(func=cmd_run)
    p = verbs.add_parser("shell", help="the local console, even when Slack tokens are set")
    p.set_defaults(func=cmd_shell)
