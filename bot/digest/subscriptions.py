"""Use case: subscribe, unsubscribe and list weekly digest subscriptions.

``/cdf subscribe …`` (Slack, console) and ``cdfbot subscribe CHANNEL …`` call these same
functions, so parsing, validation and the audit trail are identical on every face; who
may target *another* channel is decided in the router (``bot.commands``).

Channels arrive as Slack writes them: ``<#C123|name>`` when the command escapes
channels, ``<#C123>``, or a raw ``C123``
(https://api.slack.com/reference/surfaces/formatting#retrieving-messages). A bare
``#name`` cannot be turned into an ID without an API call, so it is refused with advice.

A running scheduler registers with :func:`on_change` and is rebuilt right after a change
here; changes made by another process (``cdfbot subscribe``) reach it on its next sweep.
"""

from __future__ import annotations

import logging
import re
import shlex
import threading
from collections.abc import Callable
from dataclasses import asdict, replace
from weakref import WeakKeyDictionary

from bot.digest.filters import DigestFilters
from bot.digest.schedule import EXAMPLE, parse_schedule
from bot.errors import CommandError, NotFoundError
from bot.extract.catalog import load_catalog
from bot.model import AuditEntry, Subscription
from bot.store import Store

log = logging.getLogger(__name__)

_MENTION = re.compile(r"^<#([A-Z0-9]+)(?:\|[^>]*)?>$")
_RAW_ID = re.compile(r"^[CGDUW](?=[A-Z0-9]*\d)[A-Z0-9]{6,}$")
_FILTER_KEYS = {
    "source": "sources",
    "sources": "sources",
    "lang": "languages",
    "language": "languages",
    "languages": "languages",
    "keyword": "keywords",
    "keywords": "keywords",
    "indicator": "indicators",
    "indicators": "indicators",
}
_SKIP_EMPTY = {"skip-empty", "--skip-empty", "quiet"}
_LABEL_CHOICES = ("both", "en", "zh")
_LANGUAGES = {"en": "en", "english": "en", "zh": "zh", "chinese": "zh", "中文": "zh"}
FILTER_HELP = (
    'Filters: `sources:nda,cdrf` `language:zh` `keywords:"data exchange"` '
    "`indicators:5g_base_stations` and `skip-empty` (post nothing in a quiet week); "
    "`lang en|zh|both` names figures in English, Chinese or both (the default)."
)

Listener = Callable[[], None]
_listeners: WeakKeyDictionary[Store, list[Listener]] = WeakKeyDictionary()
_lock = threading.Lock()


def on_change(store: Store, listener: Listener) -> Callable[[], None]:
    """Call ``listener`` after every subscription change made through ``store``.

    Returns a function that unregisters it (the scheduler does so when it shuts down).
    """
    with _lock:
        _listeners.setdefault(store, []).append(listener)

    def remove() -> None:
        with _lock:
            if listener in _listeners.get(store, []):
                _listeners[store].remove(listener)

    return remove


def channel_target(word: str) -> str | None:
    """The channel (or user) ID in ``<#C123|name>``, ``<#C123>`` or ``C123``; else None."""
    match = _MENTION.match(word)
    if match:
        return match.group(1)
    if _RAW_ID.match(word):
        return word
    if word.startswith("#"):
        raise CommandError(
            f"I cannot tell which channel “{word}” is. Pick it from Slack's autocomplete "
            "(so the command carries its ID) or give the ID, like C0123ABCDEF, "
            "from the channel's details."
        )
    return None


def split_words(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError as exc:
        raise CommandError(f"Could not read the command ({exc}); check the quotes.") from None


def subscribe(
    store: Store, actor: str, channel_id: str, words: list[str], *, default_timezone: str
) -> Subscription:
    """Create or replace ``channel_id``'s subscription from schedule and filter words."""
    schedule, rest = parse_schedule(words, default_timezone)
    filters = parse_filters(store, rest)
    before = _find(store, channel_id)
    wanted = Subscription(
        channel_id=channel_id,
        day_of_week=schedule.day_of_week,
        hour=schedule.hour,
        minute=schedule.minute,
        timezone=schedule.timezone,
        filters=filters.to_dict(),
        created_by=actor,
    )
    saved = store.upsert_subscription(wanted)
    _audit(store, actor, "subscribe", channel_id, before, saved)
    _changed(store)
    return saved


def unsubscribe(store: Store, actor: str, channel_id: str) -> Subscription:
    try:
        removed = store.remove_subscription(channel_id)
    except NotFoundError:
        raise CommandError(f"{_where(channel_id)} is not subscribed to the digest.") from None
    _audit(store, actor, "unsubscribe", channel_id, removed, None)
    _changed(store)
    return removed


def find(store: Store, channel_id: str) -> Subscription | None:
    return _find(store, channel_id)


def parse_filters(store: Store, words: list[str]) -> DigestFilters:
    """``key:a,b`` words and ``skip-empty`` → :class:`DigestFilters`, each value checked."""
    values: dict[str, list[str]] = {}
    skip_empty = False
    labels, words = _labels(words)
    for word in words:
        if word.lower() in _SKIP_EMPTY:
            skip_empty = True
            continue
        key, sep, raw = word.partition(":")
        field = _FILTER_KEYS.get(key.lower()) if sep else None
        if field is None:
            raise CommandError(
                f"I could not read “{word}” as a day, time, time zone or filter. "
                f"Try {EXAMPLE}. {FILTER_HELP}"
            )
        items = [item.strip() for item in raw.split(",") if item.strip()]
        if not items:
            raise CommandError(f"“{word}” names nothing. {FILTER_HELP}")
        values.setdefault(field, []).extend(items)
    return DigestFilters(
        sources=tuple(_sources(store, values.get("sources", []))),
        languages=tuple(_language(v) for v in values.get("languages", [])),
        keywords=tuple(v.lower() for v in values.get("keywords", [])),
        indicators=tuple(_indicator(v) for v in values.get("indicators", [])),
        skip_empty=skip_empty,
        labels=labels,
    )


def _labels(words: list[str]) -> tuple[str, list[str]]:
    """``lang en|zh|both`` (two words) chooses how figures are named; ``lang:zh`` (one word)
    stays the filter on the releases' language."""
    for position, word in enumerate(words[:-1]):
        choice = words[position + 1].lower()
        if word.lower() == "lang" and choice in _LABEL_CHOICES:
            return choice, words[:position] + words[position + 2 :]
    return "both", words


def _sources(store: Store, fragments: list[str]) -> list[str]:
    names = [source.name.lower() for source in store.list_sources()]
    for fragment in fragments:
        if names and not any(fragment.lower() in name for name in names):
            known = ", ".join(sorted(source.name for source in store.list_sources()))
            raise CommandError(f"No watched source is called “{fragment}”. Sources: {known}.")
    return [fragment.lower() for fragment in fragments]


def _language(value: str) -> str:
    code = _LANGUAGES.get(value.lower())
    if code is None:
        raise CommandError(f"“{value}” is not a language I track: use `language:en` or `zh`.")
    return code


def _indicator(value: str) -> str:
    catalog = load_catalog()
    lowered = value.lower()
    if catalog.get(lowered):
        return lowered
    for indicator in catalog.all():
        if lowered in indicator.names():
            return indicator.id
    guesses = ", ".join(f"`{i.id}`" for i in catalog.resolve_query(value)[:3])
    hint = f" Did you mean {guesses}?" if guesses else ""
    raise CommandError(f"“{value}” is not an indicator in the catalog.{hint}")


def _find(store: Store, channel_id: str) -> Subscription | None:
    found = (s for s in store.list_subscriptions() if s.channel_id == channel_id)
    return next(found, None)


def _where(channel_id: str) -> str:
    return "This DM" if channel_id[:1] in "DUW" else f"Channel {channel_id}"


def _audit(
    store: Store,
    actor: str,
    action: str,
    channel_id: str,
    before: Subscription | None,
    after: Subscription | None,
) -> None:
    snapshot = [asdict(replace(s, id=None)) if s else None for s in (before, after)]
    store.record_audit(AuditEntry(actor, action, f"subscription:{channel_id}", *snapshot))


def _changed(store: Store) -> None:
    with _lock:
        listeners = list(_listeners.get(store, []))
    for listener in listeners:
        try:
            listener()
        except Exception:  # the change is saved; the next sweep reschedules anyway
            log.exception("rescheduling after a subscription change failed")
