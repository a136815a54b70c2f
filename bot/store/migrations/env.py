"""Alembic environment: runs on the connection handed over by :mod:`bot.store.migrate`.

The caller owns the transaction (and on PostgreSQL the advisory lock), so this file only
configures the migration context. SQLite uses batch mode so later ALTERs work there.
"""

from __future__ import annotations

from alembic import context

from bot.store.schema import metadata
from bot.store.search import include_name

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through bot.store.migrate, which supplies a connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
