"""``cdfbot db copy --to URL``: move the database, e.g. SQLite into PostgreSQL (issue 14,
item 2; README "Outgrowing SQLite")."""

from __future__ import annotations

import argparse

from bot.cli.common import cli_settings


def cmd_db_copy(args: argparse.Namespace) -> int:
    """Copy every row from DATABASE_URL (or ``--from``) into the empty ``--to`` database,
    then print each table's count on both sides; 1 when any differs."""
    from bot.config import load_settings
    from bot.store import open_store
    from bot.store.copy import copy_database

    source_url = args.source or cli_settings().database_url
    # The target URL goes through the same validation as DATABASE_URL (driver, scheme).
    target_url = load_settings(env_file=None, DATABASE_URL=args.to).database_url
    source, target = open_store(source_url), open_store(target_url)
    try:
        report = copy_database(source, target)
    finally:
        source.close()
        target.close()
    for name, (before, after) in report.counts.items():
        mark = "" if before == after else "   MISMATCH"
        print(f"{name:<20} {before:>9} → {after:>9}{mark}")
    if report.mismatched:
        print(f"copy NOT verified: {', '.join(report.mismatched)} differ")
        return 1
    print(f"copied {report.total} rows in {len(report.counts)} tables; counts verified")
    return 0


def add_parsers(verbs: argparse._SubParsersAction) -> None:
    """Register the verbs of this group: db copy."""
    p = verbs.add_parser("db", help="database administration")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    c = actions.add_parser("copy", help="copy every row into another, empty database")
    c.add_argument("--to", required=True, help="target URL, e.g. postgresql://user@host/db")
    c.add_argument("--from", dest="source", help="source URL (default: DATABASE_URL)")
    c.set_defaults(func=cmd_db_copy)
