"""Reading the response headers a polite poller acts on: Retry-After and freshness.

Kept apart from the client so the poller (and its per-source backoff) can reuse the
same parsing for responses it stored earlier.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?(\d+)\"?\s*(?:,|$)", re.IGNORECASE)
_NO_CACHE = re.compile(r"(?:^|,)\s*(?:no-cache|no-store)\b", re.IGNORECASE)


def parse_http_date(value: str | None) -> datetime | None:
    """An HTTP-date (RFC 9110 §5.6.7) as an aware UTC datetime; None when malformed."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait per Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    when = parse_http_date(value)
    if when is None:
        return None
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def freshness_seconds(headers: Mapping[str, str]) -> float | None:
    """Remaining freshness of a response (RFC 9111 §4.2), or None when the server says nothing.

    ``no-cache``/``no-store`` give 0 (revalidate every time). ``max-age`` wins over
    ``Expires`` (§5.3); ``s-maxage`` is ignored because the bot is a private cache. The
    ``Age`` header is subtracted so a response served stale by a CDN is not trusted longer.
    """
    cache_control = headers.get("cache-control", "")
    if _NO_CACHE.search(cache_control):
        return 0.0
    lifetime: float | None = None
    match = _MAX_AGE.search(cache_control)
    if match:
        lifetime = float(match.group(1))
    else:
        expires = parse_http_date(headers.get("expires"))
        if expires is not None:
            date = parse_http_date(headers.get("date")) or datetime.now(UTC)
            lifetime = (expires - date).total_seconds()
        elif headers.get("expires"):
            lifetime = 0.0  # an invalid Expires means "already expired" (§5.3)
    if lifetime is None:
        return None
    age = headers.get("age", "").strip()
    if age.isdigit():
        lifetime -= float(age)
    return max(0.0, lifetime)
