"""Store methods for ``watches`` and ``alert_outbox``: who hears when an indicator moves,
and the claim → sent/failed/dropped record that makes each alert go out once."""

from __future__ import annotations

from datetime import timedelta

from bot.model import Alert, Watch
from bot.store import alert_outbox, watches
from bot.store.engine import transaction
from bot.store.tables_base import StoreBase


class WatchTables(StoreBase):
    """Indicator watches and their alert outbox (rows queued by ``add_release``)."""

    def upsert_watch(self, watch: Watch) -> Watch:
        with transaction(self._writer) as conn:
            return watches.upsert_watch(conn, watch)

    def list_watches(self, target_id: str | None = None) -> list[Watch]:
        with transaction(self.engine) as conn:
            return watches.list_watches(conn, target_id)

    def remove_watch(self, indicator: str, target_id: str) -> Watch:
        with transaction(self._writer) as conn:
            return watches.remove_watch(conn, indicator, target_id)

    def mark_watch_broken(self, watch_id: int, reason: str) -> bool:
        """Set ``broken_reason``; True only the first time (so admins are told once)."""
        with transaction(self._writer) as conn:
            return watches.mark_broken(conn, watch_id, reason)

    def due_alerts(
        self, stale_after: timedelta, max_attempts: int, limit: int = 100
    ) -> list[Alert]:
        with transaction(self.engine) as conn:
            return alert_outbox.due_alerts(conn, stale_after, max_attempts, limit)

    def claim_alert(
        self, alert_id: int, claimed_by: str, stale_after: timedelta, max_attempts: int
    ) -> bool:
        with transaction(self._writer) as conn:
            return alert_outbox.claim_alert(conn, alert_id, claimed_by, stale_after, max_attempts)

    def complete_alert(self, alert_id: int, message_ts: str | None) -> None:
        with transaction(self._writer) as conn:
            alert_outbox.finish_alert(conn, alert_id, "sent", message_ts=message_ts)

    def fail_alert(self, alert_id: int, error: str) -> None:
        """Failed alerts are claimed again by a later run, up to the attempt limit."""
        with transaction(self._writer) as conn:
            alert_outbox.finish_alert(conn, alert_id, "failed", error=error)

    def drop_alert(self, alert_id: int, reason: str) -> None:
        """The target cannot receive messages: never retried."""
        with transaction(self._writer) as conn:
            alert_outbox.finish_alert(conn, alert_id, "dropped", error=reason)

    def alert_counts(self) -> dict[str, int]:
        with transaction(self.engine) as conn:
            return alert_outbox.alert_statuses(conn)
