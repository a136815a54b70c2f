"""The :class:`Store` facade: one object over every table, one transaction per method.

Each table's methods live in a module of their own (``tables_*.py``); this module puts
them together and opens the database. SQLAlchemy errors come out as
:class:`~bot.errors.StorageError`; missing rows as :class:`~bot.errors.NotFoundError`.
"""

from __future__ import annotations

from bot.store.engine import make_engine
from bot.store.migrate import require_head, upgrade
from bot.store.tables_audit import AuditTables
from bot.store.tables_llm import LlmTables
from bot.store.tables_polled import NearDupRule, PolledTables
from bot.store.tables_releases import ReleaseTables
from bot.store.tables_sources import SourceTables
from bot.store.tables_subscriptions import SubscriptionTables
from bot.store.tables_watches import WatchTables

__all__ = ["NearDupRule", "Store", "open_store"]


class Store(
    ReleaseTables,
    PolledTables,
    SourceTables,
    SubscriptionTables,
    WatchTables,
    LlmTables,
    AuditTables,
):
    """All persistence the bot needs; safe to share between threads (pooled connections)."""


def open_store(database_url: str, *, migrate: bool = True, **timeouts: float) -> Store:
    """Connect, and bring the schema to head (or, with ``migrate=False``, insist it is).
    ``timeouts``: ``statement_timeout`` and ``pool_timeout`` in seconds (:func:`make_engine`)."""
    engine = make_engine(database_url, **timeouts)
    try:
        if migrate:
            upgrade(engine)
        else:
            require_head(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)
