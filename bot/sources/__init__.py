"""Source adapters: a fetched feed, list page, JSON list or PDF page → items → Documents.

The poller fetches a source's URL, calls ``adapter_for(source.kind).list_items`` and,
for items it has not stored yet, ``load_item``. ``detect`` and ``dry_run`` serve
``source add``/``source test``; ``load_default_sources`` reads ``bot/data/sources.toml``.
"""

from bot.sources.base import SOURCE_KINDS, ListedItem, SourceAdapter, SourceFormatError
from bot.sources.defaults import load_default_sources
from bot.sources.detect import Detection, detect, detect_kind
from bot.sources.registry import DryRun, adapter_for, dry_run

__all__ = [
    "SOURCE_KINDS",
    "Detection",
    "DryRun",
    "ListedItem",
    "SourceAdapter",
    "SourceFormatError",
    "adapter_for",
    "detect",
    "detect_kind",
    "dry_run",
    "load_default_sources",
]
