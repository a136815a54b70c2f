"""Engine creation and transactions, with the per-database settings the bot relies on.

SQLite: WAL (readers never block the single writer), ``foreign_keys=ON`` (cascades and
SET NULL are enforced by the database, not by Python), ``busy_timeout`` (a writer waits for
another writer instead of failing at once). The sqlite3 driver's own implicit BEGIN is
switched off so that SQLAlchemy's BEGIN really starts the transaction (SELECTs included),
and write transactions use ``BEGIN IMMEDIATE``: they take the write lock up front, so a
read-then-write transaction (duplicate check, then insert) can never hit SQLITE_BUSY on
lock upgrade, which busy_timeout cannot cure.

PostgreSQL: ``postgresql://`` URLs get the psycopg 3 driver; ``pool_pre_ping`` drops
connections that a server restart has killed.

Every wait on the database has a deadline (issue 13 §2), since a server behind a broken
network does not refuse, it stops answering:

* a pool checkout waits at most ``pool_timeout`` seconds (``CDFBOT_DB_POOL_TIMEOUT``;
  SQLAlchemy's default is 30) for a free connection;
* on PostgreSQL each statement is cancelled by the server after ``statement_timeout``
  (``CDFBOT_DB_STATEMENT_TIMEOUT``, sent as a connection option so it costs no round trip;
  migrations lift it for their own transaction);
* PostgreSQL connections use TCP keepalives (``keepalives_idle`` …, libpq connection
  parameters, https://www.postgresql.org/docs/current/libpq-connect.html) so a pooled
  connection to a vanished server is found dead in about a minute, and
  ``tcp_user_timeout`` so a query whose bytes are never acknowledged fails after
  :data:`PG_TCP_USER_TIMEOUT_MS` instead of the kernel's ~15 minutes of retransmissions.

Work that must answer sooner (a slash command's 3-second acknowledgement, readiness)
runs under its own deadline as well (:mod:`bot.deadline`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.pool import StaticPool

from bot import metrics
from bot.errors import DatabaseError, StorageError

SQLITE_BUSY_TIMEOUT_MS = 5000
#: Pooled SQLite file connections: at least one per thread that may query at once (the web
#: server's and the listener executor's threads, 16 each by default, plus the chart job),
#: so no thread waits for a connection and none is opened and closed per request, which
#: would also throw away its page cache. Readers do not block each other in WAL mode.
SQLITE_POOL_SIZE = 40
SQLITE_MAX_OVERFLOW = 40
PG_CONNECT_TIMEOUT_S = 10
DEFAULT_STATEMENT_TIMEOUT_S = 15.0
DEFAULT_POOL_TIMEOUT_S = 5.0
PG_KEEPALIVES = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10}
PG_KEEPALIVES_COUNT = 3
"""Probes unanswered before the connection is dead: 30 + 3 × 10 s = 60 s of silence."""
PG_TCP_USER_TIMEOUT_MS = 10_000
WRITE_OPTION = "cdf_write"


def make_engine(
    database_url: str,
    *,
    statement_timeout: float = DEFAULT_STATEMENT_TIMEOUT_S,
    pool_timeout: float = DEFAULT_POOL_TIMEOUT_S,
) -> Engine:
    """Create an engine for a ``sqlite://`` or ``postgresql://`` URL; StorageError otherwise.
    The timeouts are in seconds (module docstring)."""
    try:
        url = make_url(database_url)
    except ArgumentError as exc:
        raise StorageError(f"Not a database URL: {database_url!r}") from exc
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, pool_timeout)
    if backend == "postgresql":
        return _postgres_engine(url, statement_timeout, pool_timeout)
    raise StorageError(f"Unsupported database {backend!r}: use sqlite:/// or postgresql:// URLs")


def writer(engine: Engine) -> Engine:
    """The same engine (same pool) marked so that its transactions take the write lock."""
    return engine.execution_options(**{WRITE_OPTION: True})


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction: commit on success, roll back on any error.

    SQLAlchemy errors become :class:`~bot.errors.DatabaseError` (a StorageError) carrying
    the driver's first line for the log and the operator; the bot's own errors
    (NotFoundError, StorageError) pass through unchanged.
    """
    try:
        with engine.begin() as conn:
            yield conn
    except SQLAlchemyError as exc:
        metrics.DATABASE_ERRORS.labels(kind=_kind(exc)).inc()
        unavailable = isinstance(exc, OperationalError | InterfaceError | PoolTimeout)
        raise DatabaseError(describe(exc), unavailable=unavailable) from exc


def _kind(exc: SQLAlchemyError) -> str:
    if isinstance(exc, IntegrityError):
        return "integrity"
    if isinstance(exc, OperationalError):
        return "operational"
    return "other"


def describe(exc: SQLAlchemyError) -> str:
    """First line of the driver's message, prefixed with what kind of failure it was."""
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    if isinstance(exc, IntegrityError):
        return f"The database refused the change: {detail}"
    if isinstance(exc, OperationalError):
        return f"The database is unavailable or busy: {detail}"
    return f"Database error: {detail}"


def json_dumps(value: Any) -> str:
    """JSON for settings/filters/audit snapshots; dates and dataclasses are accepted."""
    return json.dumps(value, default=_json_default, ensure_ascii=False)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _sqlite_engine(url: URL, pool_timeout: float) -> Engine:
    in_memory = not url.database or url.database == ":memory:"
    options: dict[str, Any] = {"json_serializer": json_dumps}
    if in_memory:
        options.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        options.update(
            pool_size=SQLITE_POOL_SIZE, max_overflow=SQLITE_MAX_OVERFLOW, pool_timeout=pool_timeout
        )
        if not url.database.startswith("file:"):
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _postgres_engine(url: URL, statement_timeout: float, pool_timeout: float) -> Engine:
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    connect_args: dict[str, Any] = {
        **PG_KEEPALIVES,
        "keepalives_count": PG_KEEPALIVES_COUNT,
        "tcp_user_timeout": PG_TCP_USER_TIMEOUT_MS,
    }
    connect_args = {key: value for key, value in connect_args.items() if key not in url.query}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    timeout = f"-c statement_timeout={round(statement_timeout * 1000)}"
    options = url.query.get("options")
    connect_args["options"] = f"{options} {timeout}" if isinstance(options, str) else timeout
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_timeout=pool_timeout,
        json_serializer=json_dumps,
        connect_args=connect_args,
    )
