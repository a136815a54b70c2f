"""Adapter by kind, and the dry run behind ``source add`` / ``source test``.

A dry run fetches the list only — never the articles — so testing a source costs one
request and shows the admin at once whether the selectors or field names work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.errors import ConfigError
from bot.sources.base import SOURCE_KINDS, ListedItem, SourceAdapter
from bot.sources.html_list import HtmlListAdapter
from bot.sources.json_list import JsonListAdapter
from bot.sources.pdf_links import PdfLinksAdapter
from bot.sources.rss import RssAdapter

if TYPE_CHECKING:
    from bot.fetch.client import Fetcher
    from bot.model import Source

_ADAPTERS: dict[str, SourceAdapter] = {
    adapter.kind: adapter
    for adapter in (RssAdapter(), HtmlListAdapter(), JsonListAdapter(), PdfLinksAdapter())
}
AUTO_KINDS = ("", "auto")
"""A source whose kind is one of these is detected from its content on the dry run."""


@dataclass(frozen=True, slots=True)
class DryRun:
    """What a source yields now: its first items, the kind used, and a one-line note."""

    items: list[ListedItem]
    kind: str
    note: str
    total: int = 0
    settings: dict[str, Any] = field(default_factory=dict)
    """The source's settings with what detection chose (``settings["detected"]``)."""


def adapter_for(kind: str) -> SourceAdapter:
    """The adapter for a source kind; ConfigError naming the valid kinds otherwise."""
    try:
        return _ADAPTERS[kind]
    except KeyError:
        raise ConfigError(
            f"unknown source kind '{kind}': use one of {', '.join(SOURCE_KINDS)}"
        ) from None


def dry_run(source: Source, fetcher: Fetcher, limit: int = 5) -> DryRun:
    """Fetch and list ``source`` as a poll would (detecting its kind when unset, its list
    when it has no item selector, another list when its selectors broke); items capped at
    ``limit``. ``DryRun.settings`` holds the settings the source would be stored with."""
    from dataclasses import replace
    from datetime import date

    from bot.sources.base import DETECTED
    from bot.sources.detect import detect
    from bot.sources.healing import detection_record, list_source

    response = fetcher.get(source.url)
    how = ""
    if source.kind in AUTO_KINDS:
        found = detect(response, source.settings)
        how = f" ({found.explanation})"
        settings = dict(source.settings)
        chosen = {k: v for k, v in found.settings.items() if k not in settings}
        if chosen and found.kind == "json":  # a list page's detection is list_source's
            settings[DETECTED] = detection_record(chosen, found.found, date.today())
        source = replace(source, kind=found.kind, settings=settings)
    listing = list_source(adapter_for(source.kind), response, source, date.today())
    settings = listing.settings if listing.settings is not None else source.settings
    items, kind = listing.items, source.kind
    note = _note(items, kind) + (f"; {listing.change}" if listing.change else how)
    return DryRun(items[:limit], kind, note, len(items), settings)


def _note(items: list[ListedItem], kind: str) -> str:
    if not items:
        return f"found no items ({kind})"
    newest = items[0]
    when = f" ({newest.published.isoformat()})" if newest.published else ""
    plural = "item" if len(items) == 1 else "items"
    return f"found {len(items)} {plural}, newest: {newest.title or newest.url}{when}"
