"""Storage layer: SQLite (default) or PostgreSQL behind one :class:`Store` facade.

``open_store(url)`` creates or migrates the schema and returns a thread-safe Store.
Datetimes are stored as naive UTC and returned timezone-aware (UTC); see ``schema.py``.
"""

from bot.store.repo import Store, open_store

__all__ = ["Store", "open_store"]
