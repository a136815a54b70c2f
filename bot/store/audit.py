"""Audit log: who changed which source or subscription, with before/after snapshots."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from bot.model import AuditEntry
from bot.store import mapping
from bot.store.schema import audit_log
from bot.store.timeutil import from_db, utcnow


def record_audit(conn: Connection, entry: AuditEntry) -> AuditEntry:
    """Append an entry (``at`` defaults to now) and return it with id and time set."""
    values = mapping.audit_values(entry)
    values["at"] = values["at"] or utcnow()
    new_id = conn.execute(insert(audit_log).values(values).returning(audit_log.c.id)).scalar_one()
    return AuditEntry(
        actor=entry.actor,
        action=entry.action,
        target=entry.target,
        before=entry.before,
        after=entry.after,
        at=from_db(values["at"]),
        id=new_id,
    )


def audit_log_entries(conn: Connection, limit: int) -> list[AuditEntry]:
    """Newest first."""
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    return [mapping.audit_from(row) for row in conn.execute(query).mappings()]
