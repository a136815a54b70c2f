"""Indexed text search for ``/cdf``: figure subjects and release titles/texts.

Without it, "figures not in the catalog found by their subject" and "full-text hits in
stored releases" are full scans (~1M figures, ~100k releases). SQLite gets external-content
FTS5 tables with the ``trigram`` tokenizer (SQLite ≥ 3.34): substring semantics like the
LIKE they replace, and no word segmentation needed for Chinese. Triggers keep them in step
with inserts, deletes (including FK cascades) and updates. PostgreSQL gets ``pg_trgm`` GIN
indexes, which serve the existing ``ILIKE '%term%'`` queries unchanged; when the extension
cannot be installed (no privilege) the indexes are skipped and searches stay scans.

These objects are not in ``schema.py`` (Core cannot describe them); the names are listed
in :data:`bot.store.search.SEARCH_OBJECTS` so autogenerate and the schema test skip them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_FTS = {
    "figures_fts": ("figures", ("subject",)),
    "releases_fts": ("releases", ("title", "text")),
}
_TRGM = {
    "ix_figures_subject_trgm": ("figures", "subject"),
    "ix_releases_title_trgm": ("releases", "title"),
    "ix_releases_text_trgm": ("releases", "text"),
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, (table, columns) in _FTS.items():
            _create_fts(name, table, columns)
    else:
        _create_trigram_indexes()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, (table, _columns) in _FTS.items():
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}_fts")
            op.execute(f"DROP TABLE IF EXISTS {name}")
    else:
        for name in _TRGM:
            op.execute(f"DROP INDEX IF EXISTS {name}")


def _create_fts(name: str, table: str, columns: tuple[str, ...]) -> None:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(
        f"CREATE VIRTUAL TABLE {name} USING fts5({cols}, content='{table}', "
        "content_rowid='id', tokenize='trigram')"
    )
    op.execute(
        f"CREATE TRIGGER {table}_ai_fts AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {name}(rowid, {cols}) VALUES (new.id, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {table}_ad_fts AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {name}({name}, rowid, {cols}) VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {table}_au_fts AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"INSERT INTO {name}({name}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {name}(rowid, {cols}) VALUES (new.id, {new}); END"
    )
    op.execute(f"INSERT INTO {name}({name}) VALUES ('rebuild')")


def _create_trigram_indexes() -> None:
    """In a savepoint, so a refused ``CREATE EXTENSION`` does not abort the migration."""
    bind = op.get_bind()
    schema = bind.scalar(text(_EXTENSION_SCHEMA))
    savepoint = bind.begin_nested()
    try:
        if schema is None:
            bind.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public"))
            schema = "public"
        for name, (table, column) in _TRGM.items():
            bind.execute(
                text(f'CREATE INDEX {name} ON {table} USING gin ({column} "{schema}".gin_trgm_ops)')
            )
    except Exception:
        savepoint.rollback()
        return
    savepoint.commit()


_EXTENSION_SCHEMA = (
    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
    "WHERE e.extname = 'pg_trgm'"
)
