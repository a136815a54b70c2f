"""Lists that keep working when a site changes: detection behind every list selector.

The poller lists a source with :func:`list_source`. While the source's list settings —
configured, or chosen by detection on an earlier poll — find items, that is all it does
(one parse, no search). When they find nothing, or only undated entries where there were
dates (a redesign: the old selector now matches a menu), the page is searched again
(:mod:`bot.sources.detect`). A confident find is used at once and comes back as the
source's new settings, with one line for admins — "layout changed: items now found in
'section.news-box > div.news-card' (9 dated links)". Otherwise the poll fails with
:class:`ListNotFoundError`, which says what broke and what the best guess was.

A list page without an ``item`` selector runs on detection: its first poll records what
detection chose (``settings["detected"]``), so later polls parse with that selector until
it, too, stops matching. Feeds and PDFs have no list settings and are listed as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from bot.sources.base import (
    DETECTED,
    LIST_SETTINGS,
    ListedItem,
    SourceFormatError,
    effective_settings,
)

if TYPE_CHECKING:
    from datetime import date

    from bot.fetch.response import FetchResponse
    from bot.model import Source
    from bot.sources.base import SourceAdapter
    from bot.sources.html_list import FoundList

LAYOUT_CHANGED = "layout changed"


class ListNotFoundError(SourceFormatError):
    """The source's list settings find nothing and detection finds no list either."""


@dataclass(frozen=True, slots=True)
class Listing:
    """A source's items, and the settings to record when detection chose new ones."""

    items: list[ListedItem]
    settings: dict[str, Any] | None = None
    """The source's new settings (with a fresh ``detected`` record), or None: unchanged."""
    change: str | None = None
    """"layout changed: items now found in …" when a redesign was healed (tell admins)."""


def detection_record(
    chosen: dict[str, Any], found: str, today: date, change: str | None = None, dated: int = 0
) -> dict[str, Any]:
    """What ``settings["detected"]`` holds: the list settings chosen, where and on what
    evidence ("in 'div.item' (9 dated links)"), the day, and the change notice if any."""
    record: dict[str, Any] = {"settings": chosen, "found": found, "dated": dated}
    record["on"] = today.isoformat()
    if change:
        record["change"] = change
    return record


def list_source(
    adapter: SourceAdapter, response: FetchResponse, source: Source, today: date
) -> Listing:
    """The source's items from ``response`` (``adapter`` is its kind's), healing its list
    settings when they broke."""
    if source.kind not in LIST_SETTINGS:
        return Listing(adapter.list_items(response, source))
    effective = effective_settings(source.settings)
    if source.kind == "html" and not effective.get("item"):
        return _first_detection(response, source, effective, today)
    try:
        items = adapter.list_items(response, replace(source, settings=effective))
    except SourceFormatError as exc:
        return _heal(adapter, response, source, str(exc), today)
    if (broken := _broken(items, source, effective)) is not None:
        return _heal(adapter, response, source, broken, today)
    return Listing(items)


def _first_detection(
    response: FetchResponse, source: Source, effective: dict[str, Any], today: date
) -> Listing:
    from bot.sources.detect import html_list, is_confident

    found = html_list(response, effective)
    if not is_confident(found, effective):
        raise ListNotFoundError(f"no list found at {response.url} ({_best_guess(found)})")
    assert found is not None
    record = detection_record({"item": found.selector}, _where(found), today, dated=found.dated)
    return Listing(found.items, {**source.settings, DETECTED: record})


def _broken(items: list[ListedItem], source: Source, effective: dict[str, Any]) -> str | None:
    """Why a list that parsed is not the list any more, or None when it is."""
    if not items:
        return f"no items at {source.url}"
    if source.kind == "html" and _had_dates(source) and not any(i.published for i in items):
        return f"none of the {len(items)} entries matching '{effective['item']}' has a date"
    return None


def _had_dates(source: Source) -> bool:
    """The source's list had dates: a ``date`` rule, or dated links when detected."""
    detected = source.settings.get(DETECTED)
    dated = isinstance(detected, dict) and bool(detected.get("dated"))
    return bool(effective_settings(source.settings).get("date")) or dated


def _heal(
    adapter: SourceAdapter, response: FetchResponse, source: Source, broken: str, today: date
) -> Listing:
    """Search the page again; new settings and a change notice, or ListNotFoundError."""
    if source.kind == "html":
        healed = _heal_html(response, source, broken, today)
    else:
        healed = _heal_json(response, source, broken, today)
    items = adapter.list_items(
        response, replace(source, settings=effective_settings(healed.settings or {}))
    )
    return replace(healed, items=items)


def _heal_html(response: FetchResponse, source: Source, broken: str, today: date) -> Listing:
    from bot.sources.detect import html_list, is_confident

    need_dates = _had_dates(source)
    configured = {k: v for k, v in source.settings.items() if k not in ("item", DETECTED)}
    found = html_list(response, configured)
    if not is_confident(found, configured, need_dates=need_dates):  # the rules may be broken
        configured = {k: v for k, v in configured.items() if k not in LIST_SETTINGS["html"]}
        found = html_list(response, configured) or found
    if not is_confident(found, configured, need_dates=need_dates):
        raise ListNotFoundError(f"{broken}; no other list on the page ({_best_guess(found)})")
    assert found is not None
    change = f"{LAYOUT_CHANGED}: items now found {_where(found)}"
    record = detection_record({"item": found.selector}, _where(found), today, change, found.dated)
    return Listing([], {**configured, DETECTED: record}, change)


def _heal_json(response: FetchResponse, source: Source, broken: str, today: date) -> Listing:
    from bot.sources.detect import detect

    try:
        found = detect(response)
    except SourceFormatError:
        found = None
    if found is None or found.kind != "json":
        now = f"the page now reads as {found.kind}" if found else "no JSON list"
        raise ListNotFoundError(f"{broken}; {now} at {response.url}")
    kept = {k: v for k, v in source.settings.items() if k not in (*LIST_SETTINGS["json"], DETECTED)}
    if found.settings == _json_fields(effective_settings(source.settings), found.settings):
        raise ListNotFoundError(broken)  # the same list, only empty: nothing to heal
    change = f"{LAYOUT_CHANGED}: items now found {found.found}"
    record = detection_record(found.settings, found.found, today, change)
    return Listing([], {**kept, DETECTED: record}, change)


def _json_fields(settings: dict[str, Any], like: dict[str, Any]) -> dict[str, Any]:
    """The JSON list settings in force (gov.cn's field names unless set), keyed as ``like``."""
    from bot.sources.json_list import DEFAULT_FIELDS

    in_force = {"items": settings.get("items") or "", **DEFAULT_FIELDS}
    in_force.update({k: settings[k] for k in DEFAULT_FIELDS if settings.get(k)})
    return {k: in_force[k] for k in like if k in in_force}


def _where(found: FoundList) -> str:
    return f"in '{found.selector}' ({found.evidence})"


def _best_guess(found: FoundList | None) -> str:
    if found is None:
        return "no repeated entries with links"
    return f"best guess: {found.evidence} in '{found.selector}'"
