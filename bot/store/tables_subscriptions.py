"""Store methods for ``subscriptions`` and ``digests_sent``: who gets a digest, and the
claim → complete/fail record that makes each one go out once."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.model import Subscription
from bot.store import digests, subscriptions
from bot.store.engine import transaction
from bot.store.tables_base import StoreBase


class SubscriptionTables(StoreBase):
    """Subscriptions and the digests claimed, sent or failed for them."""

    def upsert_subscription(self, sub: Subscription) -> Subscription:
        with transaction(self._writer) as conn:
            return subscriptions.upsert_subscription(conn, sub)

    def list_subscriptions(self, active_only: bool = False) -> list[Subscription]:
        with transaction(self.engine) as conn:
            return subscriptions.list_subscriptions(conn, active_only)

    def remove_subscription(self, channel_id: str) -> Subscription:
        with transaction(self._writer) as conn:
            return subscriptions.remove_subscription(conn, channel_id)

    def mark_subscription_broken(self, subscription_id: int, reason: str) -> bool:
        """Set ``broken_reason``; True only the first time (so admins are told once)."""
        with transaction(self._writer) as conn:
            return subscriptions.mark_broken(conn, subscription_id, reason)

    def delivery_floor(self, subscription_id: int) -> datetime | None:
        """Scheduled times at or before this need no digest: the subscription did not
        exist yet, or a later digest was already posted. None when the subscription is gone."""
        with transaction(self.engine) as conn:
            created = subscriptions.created_at(conn, subscription_id)
            sent = digests.last_sent_at(conn, subscription_id)
        if created is None:
            return None
        return max(created, sent) if sent else created

    def claim_digest(
        self,
        subscription_id: int,
        period_start: date,
        period_end: date,
        claimed_by: str,
        stale_after: timedelta,
    ) -> bool:
        """True when the caller now owns sending this digest."""
        attempt = self.claim_digest_attempt(
            subscription_id, period_start, period_end, claimed_by, stale_after
        )
        return attempt is not None

    def claim_digest_attempt(
        self,
        subscription_id: int,
        period_start: date,
        period_end: date,
        claimed_by: str,
        stale_after: timedelta,
    ) -> digests.DigestAttempt | None:
        """The won claim (its time, and whether it retries an earlier attempt), or None."""
        with transaction(self._writer) as conn:
            return digests.claim_digest(
                conn, subscription_id, period_start, period_end, claimed_by, stale_after
            )

    def complete_digest(
        self, subscription_id: int, period_start: date, message_ts: str | None
    ) -> None:
        with transaction(self._writer) as conn:
            digests.complete_digest(conn, subscription_id, period_start, message_ts)

    def abandon_digest(self, subscription_id: int, period_start: date, error: str) -> bool:
        """Close a digest Slack refused for good (no retry); True only the first time."""
        with transaction(self._writer) as conn:
            return digests.abandon_digest(conn, subscription_id, period_start, error)

    def fail_digest(self, subscription_id: int, period_start: date, error: str) -> None:
        with transaction(self._writer) as conn:
            digests.fail_digest(conn, subscription_id, period_start, error)
