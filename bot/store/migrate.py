"""Schema migrations with Alembic, configured in code (no ``alembic.ini``).

:func:`upgrade` runs on :func:`bot.store.open_store` so that a fresh database gets the
schema and an older one is brought to head. It runs in one write transaction (SQLite DDL
is transactional here, see :mod:`bot.store.engine`); on PostgreSQL it first takes an
advisory lock so two processes starting together do not both create tables.

Creating the next revision (a developer task, never done at runtime)::

    # 1. edit bot/store/schema.py
    # 2. generate a draft against a scratch SQLite database at head:
    .venv/bin/python -m bot.store.migrate revision -m "add figure confidence"
    # 3. review/edit bot/store/migrations/versions/0002_add_figure_confidence.py
    #    (autogenerate misses renames and server defaults; SQLite ALTERs use batch mode)
    # 4. run the tests: test_migrate.py fails if migrations and schema.py disagree

Other commands: ``upgrade [URL]`` and ``current [URL]`` (URL defaults to $DATABASE_URL).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from bot.errors import StorageError
from bot.store.engine import make_engine, transaction, writer

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
PG_LOCK_KEY = 0x0CDF_B07  # arbitrary, constant: serialises migrations across processes


def alembic_config() -> Config:
    """Alembic configuration pointing at this package's migrations folder."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    return config


def head_revision() -> str:
    """The newest revision shipped with the code."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise StorageError("No migrations found in " + str(MIGRATIONS_DIR))
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty database."""
    with transaction(engine) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` in one locked transaction."""
    config = alembic_config()
    try:
        with transaction(writer(engine)) as conn:
            if conn.dialect.name == "postgresql":
                # a migration may rightly run long (an index on a big table): no timeout
                conn.execute(text("SET LOCAL statement_timeout = 0"))
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    except SQLAlchemyError as exc:  # raised by Alembic outside our wrapper's reach
        raise StorageError(f"Migration failed: {exc}") from exc


def require_head(engine: Engine) -> None:
    """For processes opened with ``migrate=False``: refuse a schema the code does not match."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise StorageError(
            f"Database schema is at revision {current or 'none'} but this code needs {head}; "
            "open it once with migrations enabled (python -m bot.store.migrate upgrade)"
        )


def new_revision(message: str, *, autogenerate: bool = True) -> None:
    """Write the next numbered revision, diffing schema.py against a scratch DB at head."""
    config = alembic_config()
    scripts = ScriptDirectory.from_config(config)
    rev_id = f"{len(list(scripts.walk_revisions())) + 1:04d}"
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{scratch}/scratch.sqlite3")
        upgrade(engine)
        with transaction(writer(engine)) as conn:
            config.attributes["connection"] = conn
            command.revision(config, message=message, autogenerate=autogenerate, rev_id=rev_id)
        engine.dispose()


def main(argv: list[str] | None = None) -> None:
    """``python -m bot.store.migrate {upgrade,current,revision}``."""
    parser = argparse.ArgumentParser(prog="python -m bot.store.migrate")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("upgrade", "current"):
        sub.add_parser(name).add_argument("url", nargs="?", default=os.environ.get("DATABASE_URL"))
    rev = sub.add_parser("revision")
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--empty", action="store_true", help="no autogenerate")
    args = parser.parse_args(argv)
    if args.command == "revision":
        new_revision(args.message, autogenerate=not args.empty)
        return
    if not args.url:
        parser.error("give a database URL or set DATABASE_URL")
    engine = make_engine(args.url)
    if args.command == "upgrade":
        upgrade(engine)
    print(current_revision(engine) or "(empty database)")
    engine.dispose()


if __name__ == "__main__":
    main()
