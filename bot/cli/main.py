"""``cdfbot``: every verb calls the same core code that Slack uses.

Each verb group lives in its own module and registers its own sub-parser:
:mod:`~bot.cli.documents` (extract, ingest), :mod:`~bot.cli.asking` (ask),
:mod:`~bot.cli.exports` (export),
:mod:`~bot.cli.digests` (digest, subscribe, unsubscribe, subscriptions),
:mod:`~bot.cli.sources` (source, poll), :mod:`~bot.cli.watches` (watch, unwatch, watches,
alerts), :mod:`~bot.cli.database` (db copy) and :mod:`~bot.cli.running` (run, shell).
Exit status: 0 success, 1 a reported error (bad file, unknown id…), 2 bad configuration
or usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.cli import asking, database, digests, documents, exports, running, sources, watches
from bot.errors import CdfBotError, ConfigError

VERB_GROUPS = (documents, asking, exports, digests, sources, watches, database, running)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cdfbot",
        description="cdf-digest-bot: every verb runs the same core code that Slack uses.",
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    for group in VERB_GROUPS:
        group.add_parsers(verbs)
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
