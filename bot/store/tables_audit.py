"""Store methods for the ``audit_log`` table: every admin change, who and when."""

from __future__ import annotations

from bot.model import AuditEntry
from bot.store import audit
from bot.store.engine import transaction
from bot.store.tables_base import StoreBase


class AuditTables(StoreBase):
    """Append-only record of admin actions."""

    def record_audit(self, entry: AuditEntry) -> AuditEntry:
        with transaction(self._writer) as conn:
            return audit.record_audit(conn, entry)
