"""the office sync: where the server put each event, officers to push, leased numbers

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("server_pos", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("server_status", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("server_reason", sa.String(length=500), nullable=True))
    with op.batch_alter_table("officers") as batch:
        batch.add_column(
            sa.Column("sync_pending", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=2000), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "code_numbers",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("void_sent", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_code_numbers_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("agency_id", "day", "number", name=op.f("pk_code_numbers")),
    )


def downgrade() -> None:
    op.drop_table("code_numbers")
    op.drop_table("sync_state")
    with op.batch_alter_table("officers") as batch:
        batch.drop_column("sync_pending")
    with op.batch_alter_table("events") as batch:
        for column in ("server_reason", "server_status", "server_pos"):
            batch.drop_column(column)
