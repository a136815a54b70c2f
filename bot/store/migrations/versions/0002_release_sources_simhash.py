"""Release ↔ source links and a SimHash per release, for cross-source deduplication.

``release_sources`` records every source (and URL) a release was seen on, so the same story
polled from two sources is one release linked twice; ``releases.simhash`` lets the poller
find a near-identical text quickly (bot.text.simhash).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("releases") as batch:
        batch.add_column(sa.Column("simhash", sa.BigInteger(), nullable=True))
    op.create_table(
        "release_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["releases.id"],
            name=op.f("fk_release_sources_release_id_releases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_release_sources_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_sources")),
        sa.UniqueConstraint(
            "release_id", "source_id", name=op.f("uq_release_sources_release_id_source_id")
        ),
    )
    op.create_index(op.f("ix_release_sources_canonical_url"), "release_sources", ["canonical_url"])
    op.create_index(op.f("ix_release_sources_source_id"), "release_sources", ["source_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_release_sources_source_id"), table_name="release_sources")
    op.drop_index(op.f("ix_release_sources_canonical_url"), table_name="release_sources")
    op.drop_table("release_sources")
    with op.batch_alter_table("releases") as batch:
        batch.drop_column("simhash")
