"""Time conversion at the database boundary.

The database stores naive UTC (see :mod:`bot.store.schema`). Callers may pass aware or
naive datetimes; naive ones are taken to be UTC already. Everything read back is aware UTC,
so comparisons with ``datetime.now(UTC)`` elsewhere in the bot never raise.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload


def utcnow() -> datetime:
    """Current time as stored: naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


@overload
def to_db(value: datetime) -> datetime: ...
@overload
def to_db(value: None) -> None: ...
def to_db(value: datetime | None) -> datetime | None:
    """Aware → naive UTC; naive is assumed to be UTC and kept."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def from_db(value: datetime | None) -> datetime | None:
    """Naive UTC from the database → aware UTC for the rest of the bot."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
