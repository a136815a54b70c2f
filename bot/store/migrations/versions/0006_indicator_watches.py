"""Indicator watches and their alert outbox (issue 15, part 1).

``watches``: who is told when an indicator's value moves (a user by DM, or a channel),
optionally only when it crosses a threshold. ``alert_outbox``: one row per watch and
release, written in the transaction that stores the release, then claimed and marked sent
(see :mod:`bot.store.alert_outbox`).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(128), nullable=False),
        sa.Column("unit", sa.String(64), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("above", sa.Float()),
        sa.Column("below", sa.Float()),
        sa.Column("created_by", sa.String(64)),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("broken_reason", sa.Text()),
        sa.CheckConstraint(
            "target_kind IN ('user', 'channel')", name=op.f("ck_watches_target_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watches")),
        sa.UniqueConstraint("indicator", "target_id", name=op.f("uq_watches_indicator_target_id")),
    )
    op.create_index(op.f("ix_watches_indicator"), "watches", ["indicator"])
    op.create_table(
        "alert_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("watch_id", sa.Integer(), nullable=False),
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime()),
        sa.Column("claimed_by", sa.String(128)),
        sa.Column("sent_at", sa.DateTime()),
        sa.Column("message_ts", sa.String(64)),
        sa.Column("error", sa.Text()),
        sa.CheckConstraint(
            "status IN ('pending', 'claimed', 'sent', 'failed', 'dropped')",
            name=op.f("ck_alert_outbox_status"),
        ),
        sa.ForeignKeyConstraint(
            ["watch_id"],
            ["watches.id"],
            name=op.f("fk_alert_outbox_watch_id_watches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["releases.id"],
            name=op.f("fk_alert_outbox_release_id_releases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_outbox")),
        sa.UniqueConstraint(
            "watch_id", "release_id", name=op.f("uq_alert_outbox_watch_id_release_id")
        ),
    )
    op.create_index(op.f("ix_alert_outbox_status"), "alert_outbox", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_alert_outbox_status"), table_name="alert_outbox")
    op.drop_table("alert_outbox")
    op.drop_index(op.f("ix_watches_indicator"), table_name="watches")
    op.drop_table("watches")
