"""The national portal's outbox (issue 21)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-16

`portal_messages`: one row per message for the province's gateway (DongBoHoSoMC, the
dossier; CapNhatTienDoHoSoMC, a step), written with each dossier event that changes what
the portal shows (models/portal.py). A new table: nothing existing is rewritten; the
dossiers received before it have no messages (docs/portal.md: `portal status`).
"""

import sqlalchemy as sa
from alembic import op

from counter_app.models.base import DeskUuid, TZDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("portal_messages"):
        return
    op.create_table(
        "portal_messages",
        sa.Column("id", DeskUuid(), nullable=False),
        sa.Column("event_id", DeskUuid(), nullable=False),
        sa.Column("dossier_id", DeskUuid(), nullable=False),
        sa.Column("code", sa.String(60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(30), nullable=False),
        sa.Column("is_update", sa.Boolean(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error_code", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(500), nullable=True),
        sa.Column("next_at", TZDateTime(), nullable=False),
        sa.Column("sent_at", TZDateTime(), nullable=True),
        sa.Column("created_at", TZDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_portal_messages"),
    )
    op.create_index("ix_portal_messages_state_next", "portal_messages", ["state", "next_at"])
    op.create_index("ix_portal_messages_dossier", "portal_messages", ["dossier_id", "position"])
    op.create_index("ix_portal_messages_created", "portal_messages", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_portal_messages_created", table_name="portal_messages")
    op.drop_index("ix_portal_messages_dossier", table_name="portal_messages")
    op.drop_index("ix_portal_messages_state_next", table_name="portal_messages")
    op.drop_table("portal_messages")
