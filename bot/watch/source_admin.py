"""Use case: admins add, test, pause, resume, retarget and remove watched sources.

Slack (``/cdf source …``) and the CLI (``cdfbot source …``) both call these functions,
so validation, the dry run and the audit trail (who, when, what, before/after) are the
same on both faces. Permission checks live in the faces' one router (bot.commands) and
``cdfbot`` runs as the local admin.

``add`` never stores a URL the SSRF guard refuses. It then does a dry run (one request,
no article fetched, nothing stored): the kind is detected when not given, and the admin
sees "found 15 items, newest: …". A dry run that fails for any other reason (site down,
selector matching nothing) does not lose the admin's typing: the source is stored
*paused*, with the reason, to be checked with ``source test ID`` and ``source resume ID``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot.errors import BlockedURLError, CdfBotError, CommandError
from bot.model import AuditEntry, Source
from bot.store import Store

if TYPE_CHECKING:
    from bot.fetch.client import Fetcher
    from bot.sources import DryRun

SOURCE_KINDS = ("rss", "html", "json", "pdf")
DEFAULT_INTERVAL_SECONDS = 3600
MIN_INTERVAL_SECONDS = 300
MAX_INTERVAL_SECONDS = 7 * 24 * 3600
SYSTEM_ACTOR = "system"
_DURATION = re.compile(r"^(\d+)\s*(s|m|min|h|d)?$", re.I)
_UNIT_SECONDS = {"s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


@dataclass(slots=True)
class SourceCheck:
    """A source (stored or not) with what its dry run found, or why the run failed."""

    source: Source
    dry_run: DryRun | None = None
    problem: str | None = None
    stored: bool = False


def guess_kind(url: str) -> str:
    """Kind from the URL's shape, used only when the content could not be fetched."""
    path = urlsplit(url).path.lower()
    if path.endswith(".pdf"):
        return "pdf"
    if path.endswith(".json"):
        return "json"
    if path.endswith((".xml", ".rss", ".atom")) or any(w in path for w in ("/feed", "/rss")):
        return "rss"
    return "html"


def validate_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CommandError(
            f"“{url}” is not an http(s) URL. "
            "Example: https://www.nda.gov.cn/sjj/swdt/xwfb/list/index_pc_1.html"
        )
    return url.strip()


def parse_interval(text: str) -> int:
    """``30m``, ``2h``, ``1d``, ``900s`` (a bare number is minutes) → seconds, 5 min–7 days."""
    match = _DURATION.match(text.strip())
    if not match:
        raise CommandError(f"“{text}” is not an interval; write it like 30m, 2h or 1d.")
    seconds = int(match.group(1)) * _UNIT_SECONDS[(match.group(2) or "m").lower()]
    if not MIN_INTERVAL_SECONDS <= seconds <= MAX_INTERVAL_SECONDS:
        raise CommandError("Poll every 5m at the most often and 7d at the least often.")
    return seconds


def parse_source_id(text: str) -> int:
    try:
        return int(text.strip().lstrip("#"))
    except ValueError:
        raise CommandError(f"“{text}” is not a source id; `source list` shows the ids.") from None


def add_source(
    store: Store,
    actor: str,
    url: str,
    *,
    kind: str | None = None,
    name: str | None = None,
    every: str | None = None,
    item: str | None = None,
    body: str | None = None,
    fetcher: Fetcher | None = None,
) -> SourceCheck:
    """Validate, dry-run (when a fetcher is given), store and audit a new source."""
    url = validate_url(url)
    if kind is not None and kind not in SOURCE_KINDS:
        raise CommandError(f"Unknown kind “{kind}”: use one of {', '.join(SOURCE_KINDS)}.")
    settings = {key: value for key, value in (("item", item), ("body", body)) if value}
    source = Source(
        url=url,
        kind=kind or "auto",
        name=name or urlsplit(url).hostname or url,
        interval_seconds=parse_interval(every) if every else DEFAULT_INTERVAL_SECONDS,
        settings=settings,
    )
    check = _dry_run(source, fetcher) if fetcher else SourceCheck(source)
    found = check.dry_run
    source.kind = found.kind if found else kind or guess_kind(url)
    source.settings = found.settings if found else settings
    if check.problem:
        source.enabled = False
        source.note = f"paused on add: {check.problem}"
    check.source = store.add_source(source)
    check.stored = True
    _audit(store, actor, "source.add", check.source, None, check.source)
    return check


def test_source(store: Store, target: str, fetcher: Fetcher) -> SourceCheck:
    """Dry-run a stored source (by id) or any URL (kind detected); nothing is stored."""
    if target.strip().lstrip("#").isdigit():
        source = store.get_source(parse_source_id(target))
    else:
        source = Source(url=validate_url(target), kind="auto", name=target.strip())
    return _dry_run(source, fetcher)


def pause_source(store: Store, actor: str, source_id: int) -> Source:
    return _change(store, actor, source_id, "source.pause", enabled=False)


def resume_source(store: Store, actor: str, source_id: int) -> Source:
    """Enable and poll at the next cycle (a failing source gets a fresh chance at once)."""
    return _change(store, actor, source_id, "source.resume", enabled=True, next_poll_at=None)


def set_interval(store: Store, actor: str, source_id: int, every: str) -> Source:
    """New interval; a next poll further away than the new interval is brought forward."""
    seconds = parse_interval(every)
    before = store.get_source(source_id)
    soonest = datetime.now(UTC) + timedelta(seconds=seconds)
    next_poll = before.next_poll_at
    if next_poll is not None and next_poll > soonest:
        next_poll = soonest
    return _change(
        store, actor, source_id, "source.every", interval_seconds=seconds, next_poll_at=next_poll
    )


def remove_source(store: Store, actor: str, source_id: int) -> Source:
    removed = store.remove_source(source_id)
    _audit(store, actor, "source.remove", removed, removed, None)
    return removed


def ensure_default_sources(store: Store) -> int:
    """On a database with no sources at all, insert the shipped defaults
    (``bot/data/sources.toml``); returns how many. Once any source exists — even if an
    admin removed every default but one — nothing is added again."""
    from bot.sources import load_default_sources

    if store.list_sources():
        return 0
    added = 0
    for source in load_default_sources():
        stored = store.add_source(source)
        _audit(store, SYSTEM_ACTOR, "source.add", stored, None, stored)
        added += 1
    return added


def record_detection(
    store: Store, source: Source, settings: dict[str, object], change: str | None
) -> Source:
    """Save the list settings a poll's detection chose (``source.detect``) or healed after
    a redesign (``source.layout``, with the notice admins are shown), audited as the
    system; ``source`` is returned with them. Only the settings are written, so an admin's
    pause or interval change made meanwhile stands."""
    assert source.id is not None
    before = store.get_source(source.id)
    after = store.update_source(replace(before, settings=settings))
    action = "source.layout" if change else "source.detect"
    _audit(store, SYSTEM_ACTOR, action, after, before, after)
    return replace(source, settings=settings)


def _dry_run(source: Source, fetcher: Fetcher) -> SourceCheck:
    from bot.sources import dry_run

    try:
        return SourceCheck(source, dry_run(source, fetcher))
    except BlockedURLError as exc:
        raise CommandError(f"{exc}. Sources must be public web addresses.") from None
    except CdfBotError as exc:
        return SourceCheck(source, problem=str(exc))


def _change(store: Store, actor: str, source_id: int, action: str, **changes: object) -> Source:
    before = store.get_source(source_id)
    after = store.update_source(replace(before, **changes))  # type: ignore[arg-type]
    _audit(store, actor, action, after, before, after)
    return after


def _audit(
    store: Store,
    actor: str,
    action: str,
    source: Source,
    before: Source | None,
    after: Source | None,
) -> None:
    store.record_audit(
        AuditEntry(actor, action, f"source:{source.id}", _snapshot(before), _snapshot(after))
    )


def _snapshot(source: Source | None) -> dict[str, object] | None:
    if source is None:
        return None
    data = asdict(source)
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
