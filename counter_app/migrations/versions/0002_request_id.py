"""request id: a reception sent twice is recorded once

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

The caller's UUID for a reception (intake `request_id`), unique, so that a retry after a
lost answer finds the dossier already recorded instead of recording the citizen twice.
Added in place (no table copy): the name index's triggers on `dossiers` stay as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("dossiers", sa.Column("request_id", sa.String(length=36), nullable=True))
    op.create_index("ux_dossiers_request_id", "dossiers", ["request_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_dossiers_request_id", table_name="dossiers")
    op.drop_column("dossiers", "request_id")
