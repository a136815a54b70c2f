"""The dialect's INSERT with ON CONFLICT support (SQLite ≥ 3.24 and PostgreSQL share it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite


def insert_for(conn: Connection) -> Callable[..., Any]:
    """``insert`` that offers ``on_conflict_do_nothing/update`` for this connection's dialect."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert
    return sqlite.insert
