"""JSON lists (gov.cn's policy feed and the like) → items.

Settings: ``items`` is the dotted path to the list (``data.list``; empty for a top-level
list), and ``title``, ``url``, ``date`` name the fields of one entry. The defaults are
gov.cn's upper-case names, the one JSON source known to be worth watching.
"""

from __future__ import annotations

import html
import json
import logging
import re
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from bot.fetch.decode import decode
from bot.sources.article import load_article
from bot.sources.base import (
    ListedItem,
    SourceFormatError,
    absolute_link,
    find_date,
    link_kind,
    newest_first,
    one_line,
)

if TYPE_CHECKING:
    from bot.fetch.client import Fetcher
    from bot.fetch.response import FetchResponse
    from bot.model import Document, Source

log = logging.getLogger(__name__)

DEFAULT_FIELDS = {"title": "TITLE", "url": "URL", "date": "DOCRELPUBTIME"}
_TAG = re.compile(r"<[^>]+>")
_EPOCH_MS = 100_000_000_000  # larger numbers are milliseconds (year 5138 in seconds)


class JsonListAdapter:
    """JSON lists: one item per object with a URL field."""

    kind = "json"

    def list_items(self, response: FetchResponse, source: Source) -> list[ListedItem]:
        entries = entries_at(load_json(response), source.settings.get("items") or "", response)
        fields = {key: source.settings.get(key) or name for key, name in DEFAULT_FIELDS.items()}
        items = []
        for entry in entries:
            try:
                item = _item(entry, fields, response.url)
            except (AttributeError, TypeError, ValueError) as exc:
                log.warning("%s: skipping a malformed JSON entry (%s)", response.url, exc)
                continue
            if item is not None:
                items.append(item)
        if entries and not items:
            raise SourceFormatError(
                f"no entry at {response.url} has a usable '{fields['url']}' field; "
                "set the `url` field name"
            )
        return newest_first(items)

    def load_item(self, item: ListedItem, fetcher: Fetcher, source: Source) -> Document:
        return load_article(item, fetcher, source)


def load_json(response: FetchResponse) -> Any:
    """The parsed body; SourceFormatError naming the line when it is not JSON."""
    text = decode(response.content, response.content_type, markup=False).lstrip("\ufeff")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(
            f"malformed JSON at line {exc.lineno}: {exc.msg} ({response.url})"
        ) from None


def entries_at(data: Any, path: str, response: FetchResponse) -> list[Any]:
    """The list at the dotted ``path`` (``data.list``, ``0.items``); error if it is not one."""
    node = data
    for part in (p for p in path.split(".") if p):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise SourceFormatError(f"no '{path}' in the JSON at {response.url}")
    if not isinstance(node, list):
        where = f"at '{path}'" if path else "at the top level"
        raise SourceFormatError(
            f"the JSON at {response.url} has no list {where}; set `items` to the list's path"
        )
    return node


def parse_json_date(value: Any) -> date | None:
    """A date from a string in any form :func:`find_date` knows, or epoch (milli)seconds."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > _EPOCH_MS else value
        return datetime.fromtimestamp(seconds, tz=UTC).date()
    return find_date(str(value)) if value else None


def _item(entry: Any, fields: dict[str, str], base: str) -> ListedItem | None:
    if not isinstance(entry, dict):
        return None
    url = absolute_link(str(entry.get(fields["url"]) or ""), base)
    if url is None:
        return None
    title = entry.get(fields["title"])
    return ListedItem(
        url=url,
        title=one_line(html.unescape(_TAG.sub("", str(title)))) if title else None,
        published=parse_json_date(entry.get(fields["date"])),
        kind=link_kind(url),
        parent_url=base,
    )
