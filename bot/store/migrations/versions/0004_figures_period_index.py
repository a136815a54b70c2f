"""Index for "newest figures per period" of an indicator (``/cdf`` history).

``ix_figures_indicator_history`` orders an indicator's figures by release date, so the
newest 200 figures of a dense series cover one or two periods. History instead walks the
distinct periods of the indicator (a loose index scan: one probe per period) and then
reads the newest few figures of each period, both served by this index; see
:func:`bot.store.history.figures_by_period`.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NAME = "ix_figures_indicator_period"
COLUMNS = ["indicator", "unit", "period", "release_date", "release_id"]


def upgrade() -> None:
    op.create_index(NAME, "figures", COLUMNS)


def downgrade() -> None:
    op.drop_index(NAME, table_name="figures")
