"""A backlog of listed items per source (issue 13 §4).

A poll stores at most ``MAX_NEW_ITEMS`` new items; the rest of a long list used to be
forgotten once the list's hash was saved. ``source_backlog`` keeps them until a later poll
takes them, also after the feed dropped them (see :mod:`bot.store.backlog`).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_backlog",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("canonical_url", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("item", sa.JSON(), nullable=False),
        sa.Column("listed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_backlog")),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_source_backlog_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "source_id", "canonical_url", name=op.f("uq_source_backlog_source_id_canonical_url")
        ),
    )


def downgrade() -> None:
    op.drop_table("source_backlog")
