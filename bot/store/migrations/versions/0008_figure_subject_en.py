"""English labels of figures (issue 15, part 3): ``figures.subject_en``, nullable.

Set by the extractor for every new figure (bot.extract.labels); figures stored before this
revision keep NULL and are labelled when shown.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("figures") as batch:
        batch.add_column(sa.Column("subject_en", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("figures") as batch:
        batch.drop_column("subject_en")
