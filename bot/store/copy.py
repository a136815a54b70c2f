"""Copy a whole database into another — SQLite into PostgreSQL when a team outgrows one
process (issue 14, item 2; ``cdfbot db copy --to postgresql://…``).

Both ends are opened as Stores, so both are migrated to the same head first and the copy
is table for table, column for column, through the schema in :mod:`bot.store.schema`:

* Every row keeps its id (and so every reference to it, audit log included). Tables go in
  foreign-key order (``metadata.sorted_tables``); a column referring to its own table
  (``releases.parent_release_id``) is written as NULL first and set once all of that
  table's rows are in, so no row order can break it.
* Rows move in batches of :data:`BATCH_ROWS`, one transaction for the whole copy: a copy
  that fails leaves the target as empty as it found it.
* The target must be empty: copying onto data would mix two histories.
* PostgreSQL's id sequences are moved past the copied ids, so the next insert does not
  collide with a copied row.
* Search structures are not rows: SQLite's FTS tables and PostgreSQL's trigram indexes are
  built by the migrations and kept up to date by the database itself.
* At the end every table's row count is compared; :class:`CopyReport` says which differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, Table, func, select, text, update

from bot.errors import StorageError
from bot.store import Store
from bot.store.schema import metadata

BATCH_ROWS = 1000


@dataclass(slots=True)
class CopyReport:
    """Rows per table in the source and in the target after the copy."""

    counts: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def mismatched(self) -> list[str]:
        return [name for name, (source, target) in self.counts.items() if source != target]

    @property
    def total(self) -> int:
        return sum(source for source, _ in self.counts.values())


def copy_database(source: Store, target: Store) -> CopyReport:
    """Copy every row of ``source`` into the empty ``target``; verify the counts."""
    tables = list(metadata.sorted_tables)
    with source.engine.connect() as reader, target.engine.begin() as writer:
        _refuse_non_empty(writer, tables)
        for table in tables:
            _copy_table(reader, writer, table)
        if writer.dialect.name == "postgresql":
            _advance_sequences(writer, tables)
    with source.engine.connect() as reader, target.engine.connect() as written:
        return CopyReport({t.name: (_count(reader, t), _count(written, t)) for t in tables})


def _refuse_non_empty(conn: Connection, tables: list[Table]) -> None:
    filled = [t.name for t in tables if _count(conn, t)]
    if filled:
        raise StorageError(
            f"The target database already has data (in {', '.join(filled)}): "
            "copy into an empty database"
        )


def _count(conn: Connection, table: Table) -> int:
    return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _copy_table(reader: Connection, writer: Connection, table: Table) -> None:
    own = _self_references(table)
    order = list(table.primary_key.columns) or list(table.columns)
    later: list[dict[str, object]] = []
    batch: list[dict[str, object]] = []
    for row in reader.execute(select(table).order_by(*order)).mappings():
        values = dict(row)
        if own and any(values[name] is not None for name in own):
            later.append({"_id": values["id"], **{name: values[name] for name in own}})
            values.update(dict.fromkeys(own, None))
        batch.append(values)
        if len(batch) >= BATCH_ROWS:
            writer.execute(table.insert(), batch)
            batch = []
    if batch:
        writer.execute(table.insert(), batch)
    for values in later:
        row_id = values.pop("_id")
        writer.execute(update(table).where(table.c.id == row_id).values(values))


def _advance_sequences(conn: Connection, tables: list[Table]) -> None:
    for table in tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        conn.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:name, 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            ),
            {"name": table.name},
        )
