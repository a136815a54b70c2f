"""What every table's Store methods stand on: the engine, and the writer for writes.

Each public method is one transaction. Reads use a plain BEGIN; writes use the writer
engine (``BEGIN IMMEDIATE`` on SQLite, see :mod:`bot.store.engine`)."""

from __future__ import annotations

from sqlalchemy import Engine, text

from bot.deadline import DeadlineExceeded, DeadlineRunner
from bot.errors import DatabaseError
from bot.store.engine import transaction, writer

PING_DEADLINE_SECONDS = 2.0
"""``/readyz`` says "unavailable" after this long without an answer."""
PING_WORKERS = 2


class StoreBase:
    """The engine (pooled, thread-safe) and the writer engine for write transactions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = writer(engine)
        self._pinger = DeadlineRunner(PING_WORKERS, "db-ping")

    def close(self) -> None:
        self._pinger.shutdown()
        self.engine.dispose()

    def ping(self, deadline: float = PING_DEADLINE_SECONDS) -> None:
        """Raise StorageError unless the database answers a trivial query within
        ``deadline`` seconds (``/readyz``; a partition must not hold the probe)."""
        try:
            self._pinger.call(self._select_one, deadline)
        except DeadlineExceeded as exc:
            raise DatabaseError(f"The database did not answer: {exc}", unavailable=True) from exc

    def _select_one(self) -> None:
        with transaction(self.engine) as conn:
            conn.execute(text("SELECT 1"))
