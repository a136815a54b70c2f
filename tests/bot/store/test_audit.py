"""Audit log round trip."""

from __future__ import annotations

from datetime import UTC, date

from bot.model import AuditEntry
from tests.support import store_reads as reads


def test_audit_entry_round_trips_with_json_snapshots(store):
    before = {"url": "https://a.example/feed", "enabled": True, "settings": {"n": 3}}
    after = {"url": "https://a.example/feed", "enabled": False, "changed": date(2024, 5, 1)}
    recorded = store.record_audit(AuditEntry("U123", "source.disable", "source:1", before, after))
    store.record_audit(AuditEntry("U123", "source.remove", "source:1", after, None))
    newest, oldest = reads.audit_log(store)
    assert oldest.id == recorded.id and oldest.before == before
    assert oldest.after == {**after, "changed": "2024-05-01"}
    assert newest.after is None and newest.action == "source.remove"
    assert oldest.at is not None and oldest.at.tzinfo is UTC
    assert len(reads.audit_log(store, limit=1)) == 1
