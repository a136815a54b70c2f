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
    """Settings detection suggested (empty when the source's own settings were used)."""


def adapter_for(kind: str) -> SourceAdapter:
    """The adapter for a source kind; ConfigError naming the valid kinds otherwise."""
    try:
        return _ADAPTERS[kind]
    except KeyError:
        raise ConfigError(
            f"unknown source kind '{kind}': use one of {', '.join(SOURCE_KINDS)}"
        ) from None


def dry_run(source: Source, fetcher: Fetcher, limit: int = 5) -> DryRun:
    """Fetch and list ``source`` (detecting its kind when unset); items capped at ``limit``."""
    from dataclasses import replace

    from bot.sources.detect import detect

    response = fetcher.get(source.url)
    kind, suggested, how = source.kind, {}, ""
    if kind in AUTO_KINDS:
        found = detect(response)
        kind, suggested, how = found.kind, found.settings, f" ({found.explanation})"
        source = replace(source, kind=kind, settings={**suggested, **source.settings})
    items = adapter_for(kind).list_items(response, source)
    return DryRun(items[:limit], kind, _note(items, kind) + how, len(items), suggested)


def _note(items: list[ListedItem], kind: str) -> str:
    if not items:
        return f"found no items ({kind})"
    newest = items[0]
    when = f" ({newest.published.isoformat()})" if newest.published else ""
    plural = "item" if len(items) == 1 else "items"
    return f"found {len(items)} {plural}, newest: {newest.title or newest.url}{when}"
