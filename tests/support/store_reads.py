"""Reads that only tests need, over the store's query modules (not on the Store facade).

The bot never reads a release by id, the audit log or the link table back on its own; tests
do, to check what was written. Each read is one transaction on the store's engine.
"""

from __future__ import annotations

from datetime import date

from bot.model import AuditEntry, Release, StoredFigure
from bot.store import Store, audit, digests, links, releases
from bot.store.engine import transaction


def get_release(store: Store, release_id: int) -> Release:
    with transaction(store.engine) as conn:
        return releases.get_release(conn, release_id)


def find_duplicate(store: Store, canonical_url: str | None, content_hash: str) -> int | None:
    with transaction(store.engine) as conn:
        found = releases.find_duplicate(conn, canonical_url, content_hash)
    return found[0] if found else None


def release_sources(store: Store, release_id: int) -> list[tuple[int, str]]:
    with transaction(store.engine) as conn:
        return links.sources_of(conn, release_id)


def last_digest(store: Store, subscription_id: int) -> date | None:
    with transaction(store.engine) as conn:
        return digests.last_digest(conn, subscription_id)


def audit_log(store: Store, limit: int = 50) -> list[AuditEntry]:
    with transaction(store.engine) as conn:
        return audit.audit_log_entries(conn, limit)


def figures_matching_subject(store: Store, words: str, limit: int = 50) -> list[StoredFigure]:
    with transaction(store.engine) as conn:
        return releases.figures_matching_subject(conn, words, limit)


def search_releases(store: Store, words: str, limit: int = 20) -> list[Release]:
    with transaction(store.engine) as conn:
        return releases.search_releases(conn, words, limit)
