"""``cdfbot export``, and saving a lookup's history CSV (the console, ``cdfbot ask --csv``).

``export --format csv|jsonl [--since DATE] [--indicator ID] PATH`` writes every stored
figure, one row per figure with its release (:mod:`bot.export`), streamed page by page.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.common import iso_date, open_services
from bot.errors import CdfBotError

if TYPE_CHECKING:
    from bot.lookup.answer import Answer
    from bot.services import Services


def save_history_csv(services: Services, answer: Answer, target: Path) -> Path | None:
    """Write the answer's indicator history to ``target`` (a file, or a folder that gets
    ``<indicator>.csv``); None when the answer named no indicator."""
    from bot.export.formats import write_file
    from bot.export.rows import HISTORY_COLUMNS, history_rows

    if answer.indicator is None:
        return None
    path = target / f"{answer.indicator.id}.csv" if target.is_dir() or not target.suffix else target
    write_file(path, history_rows(services.store, answer.indicator), HISTORY_COLUMNS)
    return path


def _indicator_id(text: str) -> str:
    from bot.alerts.watches import find_indicator
    from bot.extract.catalog import load_catalog

    found = load_catalog().get(text)
    return found.id if found is not None else find_indicator(text).id


def cmd_export(args: argparse.Namespace) -> int:
    from bot.export.formats import write_file
    from bot.export.rows import FIGURE_COLUMNS, figure_rows

    indicator = _indicator_id(args.indicator) if args.indicator else None
    services = open_services()
    try:
        rows = figure_rows(services.store, since=args.since, indicator=indicator)
        try:
            count = write_file(Path(args.path), rows, FIGURE_COLUMNS, args.format)
        except OSError as exc:
            raise CdfBotError(f"cannot write {args.path}: {exc.strerror}") from None
    finally:
        services.close()
    print(f"{count} figures → {args.path}")
    return 0


def add_parsers(verbs: argparse._SubParsersAction) -> None:
    """Register the verbs of this group: export."""
    p = verbs.add_parser("export", help="write every stored figure to a CSV or JSONL file")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    p.add_argument("--since", type=iso_date, help="releases dated on or after (YYYY-MM-DD)")
    p.add_argument("--indicator", metavar="ID", help="one catalog indicator (id or name)")
    p.set_defaults(func=cmd_export)
