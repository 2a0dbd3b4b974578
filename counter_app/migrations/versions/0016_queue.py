"""The desk's own queue (issue 22)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

Four new tables for a desk without an office server (models/queue.py, docs/queue.md):
`queue_services`, `queue_tickets`, `queue_calls`, `queue_links`. Nothing existing is
rewritten.
"""

import sqlalchemy as sa
from alembic import op

from counter_app.models.base import DayNumber, DeskUuid, TZDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("queue_services"):
        return
    op.create_table(
        "queue_services",
        sa.Column("id", DeskUuid(), nullable=False),
        sa.Column("prefix", sa.String(3), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("counters", sa.String(200), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.Column("created_at", TZDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_queue_services"),
        sa.UniqueConstraint("prefix", name="uq_queue_services_prefix"),
    )
    op.create_table(
        "queue_tickets",
        sa.Column("id", DeskUuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("day", DayNumber(), nullable=False),
        sa.Column("prefix", sa.String(3), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("service_id", DeskUuid(), nullable=False),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("ahead", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("issued_at", TZDateTime(), nullable=False),
        sa.Column("token", sa.String(64), nullable=True),
        sa.Column("called_at", TZDateTime(), nullable=True),
        sa.Column("counter", sa.Integer(), nullable=True),
        sa.Column("officer", sa.String(60), nullable=True),
        sa.Column("recalls", sa.Integer(), nullable=False),
        sa.Column("skipped_at", TZDateTime(), nullable=True),
        sa.Column("from_service_id", DeskUuid(), nullable=True),
        sa.Column("wanted_counter", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["queue_services.id"],
            name="fk_queue_tickets_service_id_queue_services",
        ),
        sa.ForeignKeyConstraint(
            ["from_service_id"],
            ["queue_services.id"],
            name="fk_queue_tickets_from_service_id_queue_services",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_queue_tickets"),
        sa.UniqueConstraint("seq", name="uq_queue_tickets_seq"),
        sa.UniqueConstraint("token", name="uq_queue_tickets_token"),
        sa.UniqueConstraint("day", "prefix", "number", name="uq_queue_tickets_label"),
    )
    op.create_index("ix_queue_tickets_line", "queue_tickets", ["day", "state", "seq"])
    op.create_table(
        "queue_calls",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("ticket_id", DeskUuid(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("officer", sa.String(60), nullable=False),
        sa.Column("at", TZDateTime(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("token", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["queue_tickets.id"], name="fk_queue_calls_ticket_id_queue_tickets"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_queue_calls"),
        sa.UniqueConstraint("token", name="uq_queue_calls_token"),
    )
    op.create_index("ix_queue_calls_counter", "queue_calls", ["counter", "id"])
    op.create_table(
        "queue_links",
        sa.Column("ticket_id", DeskUuid(), nullable=False),
        sa.Column("dossier_id", DeskUuid(), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("ended_at", TZDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["queue_tickets.id"], name="fk_queue_links_ticket_id_queue_tickets"
        ),
        sa.PrimaryKeyConstraint("ticket_id", "dossier_id", "action", name="pk_queue_links"),
    )


def downgrade() -> None:
    op.drop_table("queue_links")
    op.drop_index("ix_queue_calls_counter", table_name="queue_calls")
    op.drop_table("queue_calls")
    op.drop_index("ix_queue_tickets_line", table_name="queue_tickets")
    op.drop_table("queue_tickets")
    op.drop_table("queue_services")
