"""``cdfbot extract`` and ``cdfbot ingest``: one document in, its figures out or stored."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from bot.cli.common import cli_settings, is_url, open_services
from bot.errors import CdfBotError

if TYPE_CHECKING:
    from bot.services import Services


def cmd_extract(args: argparse.Namespace) -> int:
    from bot.extract import extract
    from bot.text.loader import load_document

    fetcher = None
    if is_url(args.target):
        from bot.fetch.client import Fetcher

        fetcher = Fetcher.from_settings(cli_settings())
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

    settings = cli_settings()
    services = open_services(settings)
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
    _enrich(services, len(args.targets))
    services.close()
    return 1 if failures else 0


def _enrich(services: Services, limit: int) -> None:
    """With CDFBOT_LLM_URL set, ask the model about what was just stored (bot.watch.enrich)."""
    from bot.watch.enrich import enricher_for

    enricher = enricher_for(services.store, services.settings)
    if enricher is None:
        return
    try:
        for release_id, status in enricher.enrich_pending(limit).items():
            print(f"model    #{release_id} {status}")
    finally:
        enricher.client.close()


def add_parsers(verbs: argparse._SubParsersAction) -> None:
    """Register the verbs of this group: extract, ingest."""
    p = verbs.add_parser("extract", help="print figures and commitments of one file or URL")
    p.add_argument("target", metavar="PATH_OR_URL")
    p.add_argument("--json", action="store_true", help="print the extraction contract JSON")
    p.set_defaults(func=cmd_extract)
    p = verbs.add_parser("ingest", help="store releases from files or URLs")
    p.add_argument("targets", nargs="+", metavar="PATH_OR_URL")
    p.set_defaults(func=cmd_ingest)
