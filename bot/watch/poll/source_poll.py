"""Poll one source: conditional GET, skip what is known, ingest what is new, record health.

The cheap path matters most — most polls find nothing new:

* the stored ``ETag``/``Last-Modified`` go out as ``If-None-Match``/``If-Modified-Since``
  (RFC 9110 §13.1.1–2) and a ``304 Not Modified`` ends the poll without parsing;
* servers that ignore validators still cost no parsing when the body's SHA-256 equals the
  last one;
* a parsed list costs one query for all its items (``Store.known_urls``); only unknown
  items are fetched, extracted and stored, each in one transaction.

A list whose selectors stopped matching is found again by detection
(:func:`bot.sources.healing.list_source`); the new settings are saved at once, audited,
and the outcome's ``layout_change`` tells admins (alerts) what changed.

Validators and the body hash are saved only when every new item was stored: an article
that failed to load must be retried by the next poll, which a 304 would prevent.

A poll takes at most :data:`MAX_NEW_ITEMS` items, newest first; the rest are kept as the
source's *backlog* (:mod:`bot.store.backlog`) and taken by the following polls, also when
the feed has dropped them meanwhile. While a backlog remains nothing counts as seen: the
validators and the body hash are cleared, so the next poll fetches and parses in full
(and a 304 or an equal hash — the fast path — proves the backlog is empty).
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from bot.canonical import canonical_url
from bot.errors import CdfBotError
from bot.extract import extract
from bot.fetch.client import Fetcher
from bot.fetch.response import FetcherClosedError, FetchResponse, StatusError
from bot.model import Document, Source
from bot.sources import ListedItem, SourceAdapter, adapter_for
from bot.sources.healing import list_source
from bot.store import Store
from bot.store.repo import NearDupRule
from bot.text.simhash import MAX_DISTANCE, simhash
from bot.watch.ingest import release_from
from bot.watch.poll import schedule
from bot.watch.poll.summary import FAILED, NEW, UNCHANGED, SourceOutcome
from bot.watch.source_admin import record_detection

log = logging.getLogger(__name__)

MAX_NEW_ITEMS = 100
"""New items loaded per poll; the rest wait in the backlog for the next polls (a first poll
of a long JSON list must not fetch a thousand articles at once)."""
MAX_BACKLOG = 1000
"""Items kept for later polls beyond this poll's share; a list longer still (a site listing
its whole archive) loses its oldest, logged and shown as the source's last error."""
MAX_ERROR_CHARS = 500
NEAR_DUP_WINDOW = timedelta(days=30)


@dataclass(slots=True)
class PollContext:
    """What polling a source needs; shared by all sources of a cycle (all thread-safe)."""

    store: Store
    fetcher: Fetcher
    rules: schedule.ScheduleRules = field(default_factory=schedule.ScheduleRules)
    rng: random.Random = field(default_factory=random.Random)
    max_distance: int = MAX_DISTANCE


INTERRUPTED = "interrupted: the bot stopped during this poll; polled again on the next run"


def poll_source(
    source: Source, ctx: PollContext, now: datetime, *, record: bool = True
) -> SourceOutcome:
    """Poll ``source`` once and (unless ``record`` is False, for callers that save outcomes
    in batches) save its health; never raises: errors are the outcome."""
    started = time.perf_counter()
    try:
        outcome = _poll(source, ctx, now)
    except Exception as exc:  # isolation: one source's bug must not stop the cycle
        if not isinstance(exc, CdfBotError):
            log.exception("polling source #%s %s failed unexpectedly", source.id, source.url)
        outcome = _failed(source, exc, ctx, now)
    outcome.seconds = time.perf_counter() - started
    if record and not ctx.store.record_poll(outcome.source):
        log.info("source #%s was removed during its poll", source.id)
    return outcome


def _poll(source: Source, ctx: PollContext, now: datetime) -> SourceOutcome:
    response = ctx.fetcher.get(source.url, etag=source.etag, last_modified=source.last_modified)
    body_hash = hashlib.sha256(response.content).hexdigest() if not response.not_modified else None
    if response.not_modified or body_hash == source.body_hash:
        return SourceOutcome(_succeeded(source, response, now, ctx, source.body_hash), UNCHANGED)
    adapter = adapter_for(source.kind)
    listing = list_source(adapter, response, source, now.date())
    items = listing.items
    if listing.settings is not None:  # detection chose or healed the list settings
        source = record_detection(ctx.store, source, listing.settings, listing.change)
    backfill = source.last_success_at is None
    outcome = SourceOutcome(source, NEW, listed=len(items), parsed=True, backfill=backfill)
    outcome.layout_change = listing.change
    owed = _ingest_new(items, adapter, source, ctx, now, outcome)
    if owed:  # nothing counts as seen while items are owed (module docstring)
        response = replace(response, etag=None, last_modified=None)
        body_hash = None
    elif outcome.item_errors:  # keep the old validators so the next poll parses again
        response = replace(response, etag=source.etag, last_modified=source.last_modified)
        body_hash = source.body_hash
    outcome.source = _succeeded(source, response, now, ctx, body_hash)
    outcome.source.items_seen = len(items)
    if outcome.item_errors:
        count = len(outcome.item_errors)
        outcome.source.last_error = _short(f"{count} item(s) failed: {outcome.item_errors[0]}")
    return outcome


def _ingest_new(
    items: list[ListedItem],
    adapter: SourceAdapter,
    source: Source,
    ctx: PollContext,
    now: datetime,
    outcome: SourceOutcome,
) -> int:
    """Load, extract and store the newest :data:`MAX_NEW_ITEMS` items not stored yet —
    listed now or owed from earlier polls — oldest first, then their attachments; the rest
    become the source's backlog. Returns how many items are still owed."""
    assert source.id is not None
    keyed = {key: item for item in items if (key := canonical_url(item.url))}
    pending = dict(ctx.store.source_backlog(source.id))
    quiet = {key for key, entry in pending.items() if entry.get("backfill")}
    owed = {key: _listed(entry) for key, entry in pending.items() if key not in keyed}
    known = ctx.store.known_urls([*keyed, *owed])
    fresh = [(k, item) for k, item in [*keyed.items(), *owed.items()] if k not in known]
    if outcome.backfill:
        quiet.update(key for key, _ in fresh)
    kept = fresh[MAX_NEW_ITEMS : MAX_NEW_ITEMS + MAX_BACKLOG]
    if pending or kept:  # owed until stored: a crash in the loop below loses nothing
        _save_backlog(ctx, source.id, fresh[: MAX_NEW_ITEMS + MAX_BACKLOG], quiet, now)
    if len(fresh) > MAX_NEW_ITEMS + MAX_BACKLOG:
        dropped = len(fresh) - MAX_NEW_ITEMS - MAX_BACKLOG
        log.warning("source #%s: backlog full, %s oldest listed items dropped", source.id, dropped)
        outcome.item_errors.append(f"backlog full: {dropped} oldest listed items dropped")
    for item_key, item in reversed(fresh[:MAX_NEW_ITEMS]):
        hush = item_key in quiet
        parent = _ingest_item(item, adapter, source, ctx, now, outcome, parent_id=None, quiet=hush)
        if parent is None or not parent[1].attachments:
            continue
        attachments = {key: url for url in parent[1].attachments if (key := canonical_url(url))}
        for key, url in attachments.items():
            if key in known or key in ctx.store.known_urls([key]):
                continue
            pdf = ListedItem(url=url, kind="pdf", parent_url=item.url)
            _ingest_item(pdf, adapter, source, ctx, now, outcome, parent_id=parent[0], quiet=hush)
    if pending or kept:
        _save_backlog(ctx, source.id, kept, quiet, now)
    return len(kept)


def _save_backlog(
    ctx: PollContext,
    source_id: int,
    items: list[tuple[str, ListedItem]],
    quiet: set[str],
    now: datetime,
) -> None:
    """Keep ``items`` for later polls; ``backfill`` marks those of the first poll's list,
    stored later but never announced as news."""
    entries = [(key, {**_entry(item), "backfill": key in quiet}) for key, item in items]
    ctx.store.set_source_backlog(source_id, entries, now)


def _entry(item: ListedItem) -> dict[str, Any]:
    """A listed item as plain JSON (NULs dropped: PostgreSQL text cannot hold them)."""
    entry = asdict(item)
    entry["published"] = item.published.isoformat() if item.published else None
    return {k: v.replace("\x00", "") if isinstance(v, str) else v for k, v in entry.items()}


def _listed(entry: dict[str, Any]) -> ListedItem:
    published = entry.get("published")
    fields = {name: entry.get(name) for name in ListedItem.__dataclass_fields__}
    fields["published"] = date.fromisoformat(published) if published else None
    fields["kind"] = entry.get("kind") or "html"
    return ListedItem(**fields)


def _ingest_item(
    item: ListedItem,
    adapter: SourceAdapter,
    source: Source,
    ctx: PollContext,
    now: datetime,
    outcome: SourceOutcome,
    *,
    parent_id: int | None,
    quiet: bool = False,
) -> tuple[int, Document] | None:
    """Store one item; (release id, document) when it is stored or already known.
    A ``quiet`` item (from a backfill) is stored but never announced."""
    assert source.id is not None
    try:
        document = adapter.load_item(item, ctx.fetcher, source)
        release = release_from(document, extract(document), source_id=source.id)
    except CdfBotError as exc:
        log.info("source #%s: item %s failed: %s", source.id, item.url, exc)
        outcome.item_errors.append(_short(str(exc)))
        return None
    release.source_name = source.name
    release.parent_release_id = parent_id
    near = NearDupRule(now - NEAR_DUP_WINDOW, ctx.max_distance)
    result = ctx.store.add_polled_release(
        release, source_id=source.id, listed_url=item.url, simhash=simhash(release.text), near=near
    )
    if result.stored:
        outcome.new_releases.append(release)
        if quiet and release.id is not None:
            outcome.quiet_ids.add(release.id)
    else:
        outcome.linked += 1
    release_id = release.id if result.stored else result.duplicate_of
    return (release_id, document) if release_id is not None else None


def _succeeded(
    source: Source, response: FetchResponse, now: datetime, ctx: PollContext, body_hash: str | None
) -> Source:
    floor = max(response.retry_after or 0, response.max_age or 0)
    return replace(
        source,
        last_success_at=now,
        last_error=None,
        failures=0,
        etag=response.etag,
        last_modified=response.last_modified,
        body_hash=body_hash,
        next_poll_at=schedule.after_success(source, now, floor_seconds=floor, rng=ctx.rng),
    )


def _failed(source: Source, exc: Exception, ctx: PollContext, now: datetime) -> SourceOutcome:
    if isinstance(exc, FetcherClosedError):
        # The process is stopping under this poll: not the source's fault. Nothing about
        # it changes, so it stays due and the next run polls it.
        return SourceOutcome(source, FAILED, error=INTERRUPTED)
    failures = source.failures + 1
    retry_after = exc.retry_after if isinstance(exc, StatusError) else None
    updated = replace(source, failures=failures, last_error=_short(_describe(exc)))
    updated.next_poll_at = schedule.after_failure(
        updated, now, ctx.rules, floor_seconds=retry_after, rng=ctx.rng
    )
    was = schedule.is_failing(source.failures, ctx.rules)
    turned = not was and schedule.is_failing(failures, ctx.rules)
    return SourceOutcome(updated, FAILED, error=updated.last_error, turned_failing=turned)


def _describe(exc: Exception) -> str:
    return str(exc) if isinstance(exc, CdfBotError) else f"{type(exc).__name__}: {exc}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"
