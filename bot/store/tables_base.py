"""What every table's Store methods stand on: the engine, and the writer for writes.

Each public method is one transaction. Reads use a plain BEGIN; writes use the writer
engine (``BEGIN IMMEDIATE`` on SQLite, see :mod:`bot.store.engine`)."""

from __future__ import annotations

from sqlalchemy import Engine, text

from bot.store.engine import transaction, writer


class StoreBase:
    """The engine (pooled, thread-safe) and the writer engine for write transactions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = writer(engine)

    def close(self) -> None:
        self.engine.dispose()

    def ping(self) -> None:
        """Raise StorageError unless the database answers a trivial query (``/readyz``)."""
        with transaction(self.engine) as conn:
            conn.execute(text("SELECT 1"))
