"""Rows ↔ dataclasses of :mod:`bot.model`, in one place.

Every query module goes through these functions, so a renamed column or a new field
is a change here and in :mod:`bot.store.schema`, nowhere else.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import RowMapping

from bot.model import (
    AuditEntry,
    Change,
    Commitment,
    Figure,
    Release,
    Source,
    StoredFigure,
    Subscription,
)
from bot.store.timeutil import from_db, to_db

# ---- figures and commitments -------------------------------------------------------------


def figure_values(figure: Figure, release_id: int, position: int, release_date: date) -> dict:
    change = figure.change
    return {
        "release_id": release_id,
        "position": position,
        "subject": figure.subject,
        "subject_en": figure.subject_en,
        "indicator": figure.indicator,
        "value": figure.value,
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "text": figure.text,
        "period": figure.period,
        "sentence": figure.sentence,
        "change_value": change.value if change else None,
        "change_unit": change.unit if change else None,
        "change_basis": change.basis if change else None,
        "release_date": release_date,
    }


def figure_from(row: RowMapping) -> Figure:
    change = None
    if row["change_value"] is not None:
        change = Change(row["change_value"], row["change_unit"] or "", row["change_basis"] or "")
    return Figure(
        subject=row["subject"],
        value=row["value"],
        unit=row["unit"],
        text=row["text"],
        sentence=row["sentence"],
        indicator=row["indicator"],
        qualifier=row["qualifier"],
        period=row["period"],
        change=change,
        subject_en=row.get("subject_en"),
    )


def stored_figure_from(row: RowMapping) -> StoredFigure:
    """A figure row joined with its release's title/url/published and the source name."""
    return StoredFigure(
        figure=figure_from(row),
        release_id=row["release_id"],
        release_title=row["release_title"],
        release_url=row["release_url"],
        published=row["published"],
        source_name=row["source_name"],
    )


def commitment_values(commitment: Commitment, release_id: int, position: int) -> dict:
    return {
        "release_id": release_id,
        "position": position,
        "text": commitment.text,
        "area": commitment.area,
        "deadline": commitment.deadline,
    }


def commitment_from(row: RowMapping) -> Commitment:
    return Commitment(text=row["text"], area=row["area"], deadline=row["deadline"])


# ---- releases ----------------------------------------------------------------------------


def release_values(release: Release) -> dict:
    return {
        "source_id": release.source_id,
        "url": release.url,
        "canonical_url": release.canonical_url,
        "title": release.title,
        "published": release.published,
        "language": release.language,
        "content_hash": release.content_hash,
        "text": release.text,
        "summary": release.summary,
        "fetched_at": to_db(release.fetched_at),
        "parent_release_id": release.parent_release_id,
    }


def release_from(row: RowMapping) -> Release:
    """A release row (optionally joined with ``source_name``); figures are filled by callers."""
    return Release(
        title=row["title"],
        language=row["language"],
        text=row["text"],
        content_hash=row["content_hash"],
        url=row["url"],
        canonical_url=row["canonical_url"],
        published=row["published"],
        summary=row["summary"],
        source_id=row["source_id"],
        source_name=row.get("source_name"),
        id=row["id"],
        fetched_at=from_db(row["fetched_at"]),
        parent_release_id=row.get("parent_release_id"),
    )


# ---- sources, subscriptions, audit --------------------------------------------------------


def source_values(source: Source) -> dict[str, Any]:
    return {
        "name": source.name,
        "url": source.url,
        "kind": source.kind,
        "enabled": source.enabled,
        "interval_seconds": source.interval_seconds,
        "settings": source.settings,
        "note": source.note,
        "last_success_at": to_db(source.last_success_at),
        "last_error": source.last_error,
        "failures": source.failures,
        "next_poll_at": to_db(source.next_poll_at),
        "items_seen": source.items_seen,
        "etag": source.etag,
        "last_modified": source.last_modified,
        "body_hash": source.body_hash,
    }


def source_from(row: RowMapping) -> Source:
    return Source(
        url=row["url"],
        kind=row["kind"],
        name=row["name"],
        enabled=row["enabled"],
        interval_seconds=row["interval_seconds"],
        settings=row["settings"] or {},
        note=row["note"],
        id=row["id"],
        created_at=from_db(row["created_at"]),
        last_success_at=from_db(row["last_success_at"]),
        last_error=row["last_error"],
        failures=row["failures"],
        next_poll_at=from_db(row["next_poll_at"]),
        items_seen=row["items_seen"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        body_hash=row["body_hash"],
    )


def subscription_values(sub: Subscription) -> dict[str, Any]:
    return {
        "channel_id": sub.channel_id,
        "day_of_week": sub.day_of_week,
        "hour": sub.hour,
        "minute": sub.minute,
        "timezone": sub.timezone,
        "filters": sub.filters,
        "created_by": sub.created_by,
        "active": sub.active,
        "broken_reason": sub.broken_reason,
    }


def subscription_from(row: RowMapping) -> Subscription:
    return Subscription(
        channel_id=row["channel_id"],
        day_of_week=row["day_of_week"],
        hour=row["hour"],
        minute=row["minute"],
        timezone=row["timezone"],
        filters=row["filters"] or {},
        created_by=row["created_by"],
        active=row["active"],
        id=row["id"],
        broken_reason=row["broken_reason"],
    )


def audit_values(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": to_db(entry.at),
        "actor": entry.actor,
        "action": entry.action,
        "target": entry.target,
        "before": entry.before,
        "after": entry.after,
    }


def audit_from(row: RowMapping) -> AuditEntry:
    return AuditEntry(
        actor=row["actor"],
        action=row["action"],
        target=row["target"],
        before=row["before"],
        after=row["after"],
        at=from_db(row["at"]),
        id=row["id"],
    )
