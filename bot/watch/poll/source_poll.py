"""Poll one source: conditional GET, skip what is known, ingest what is new, record health.

The cheap path matters most — most polls find nothing new:

* the stored ``ETag``/``Last-Modified`` go out as ``If-None-Match``/``If-Modified-Since``
  (RFC 9110 §13.1.1–2) and a ``304 Not Modified`` ends the poll without parsing;
* servers that ignore validators still cost no parsing when the body's SHA-256 equals the
  last one;
* a parsed list costs one query for all its items (``Store.known_urls``); only unknown
  items are fetched, extracted and stored, each in one transaction.

Validators and the body hash are saved only when every new item was stored: an article
that failed to load must be retried by the next poll, which a 304 would prevent.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.canonical import canonical_url
from bot.errors import CdfBotError
from bot.extract import extract
from bot.fetch.client import Fetcher
from bot.fetch.response import FetchResponse, StatusError
from bot.model import Document, Source
from bot.sources import ListedItem, SourceAdapter, adapter_for
from bot.store import Store
from bot.store.repo import NearDupRule
from bot.text.simhash import MAX_DISTANCE, simhash
from bot.watch.ingest import release_from
from bot.watch.poll import schedule
from bot.watch.poll.summary import FAILED, NEW, UNCHANGED, SourceOutcome

log = logging.getLogger(__name__)

MAX_NEW_ITEMS = 100
"""New items loaded per poll; the rest wait for the next poll (a first poll of a long JSON
list must not fetch a thousand articles at once)."""
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
    items = adapter.list_items(response, source)
    backfill = source.last_success_at is None
    outcome = SourceOutcome(source, NEW, listed=len(items), parsed=True, backfill=backfill)
    _ingest_new(items, adapter, source, ctx, now, outcome)
    if outcome.item_errors:  # keep the old validators so the next poll parses again
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
) -> None:
    """Load, extract and store the items not stored yet, oldest first, then attachments."""
    keyed = {key: item for item in items if (key := canonical_url(item.url))}
    known = ctx.store.known_urls(keyed)
    fresh = [item for key, item in keyed.items() if key not in known][:MAX_NEW_ITEMS]
    for item in reversed(fresh):
        parent = _ingest_item(item, adapter, source, ctx, now, outcome, parent_id=None)
        if parent is None or not parent[1].attachments:
            continue
        attachments = {key: url for url in parent[1].attachments if (key := canonical_url(url))}
        for key, url in attachments.items():
            if key in known or key in ctx.store.known_urls([key]):
                continue
            pdf = ListedItem(url=url, kind="pdf", parent_url=item.url)
            _ingest_item(pdf, adapter, source, ctx, now, outcome, parent_id=parent[0])


def _ingest_item(
    item: ListedItem,
    adapter: SourceAdapter,
    source: Source,
    ctx: PollContext,
    now: datetime,
    outcome: SourceOutcome,
    *,
    parent_id: int | None,
) -> tuple[int, Document] | None:
    """Store one item; (release id, document) when it is stored or already known."""
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
