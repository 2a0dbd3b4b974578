"""Ratings of visits and the complaints register (issue 22)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07

`ratings`: one row per rated visit of a dossier (reception or return), folded from the
`rated` events (facts/ratings.py); UNIQUE (dossier_id, visit) is the rule "one rating a
visit". `complaints`: the register of a desk that works alone (a joined desk's register
is on the office server, SQL 0023), and `complaint_rules`: an agency's working days to
answer. New tables: nothing existing is rewritten.
"""

import sqlalchemy as sa
from alembic import op

from counter_app.models.base import DeskUuid, TZDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    found = sa.inspect(op.get_bind())  # a schema set back by hand keeps what it has
    if not found.has_table("ratings"):
        _ratings()
    if not found.has_table("complaints"):
        _complaints()
    if not found.has_table("complaint_rules"):
        op.create_table(
            "complaint_rules",
            sa.Column("agency_id", DeskUuid(), nullable=False),
            sa.Column("due_days", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(
                ["agency_id"], ["agencies.id"], name="fk_complaint_rules_agency_id_agencies"
            ),
            sa.PrimaryKeyConstraint("agency_id", name="pk_complaint_rules"),
        )


def _ratings() -> None:
    op.create_table(
        "ratings",
        sa.Column("event_id", DeskUuid(), nullable=False),
        sa.Column("dossier_id", DeskUuid(), nullable=False),
        sa.Column("visit", sa.String(10), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("criteria", sa.String(200), nullable=False),
        sa.Column("officer_id", DeskUuid(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=True),
        sa.Column("at", TZDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name="fk_ratings_event_id_events"),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name="fk_ratings_dossier_id_dossiers"
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name="fk_ratings_officer_id_officers"
        ),
        sa.PrimaryKeyConstraint("event_id", name="pk_ratings"),
        sa.UniqueConstraint("dossier_id", "visit", name="uq_ratings_visit"),
    )
    op.create_index("ix_ratings_at", "ratings", ["at"])


def _complaints() -> None:
    op.create_table(
        "complaints",
        sa.Column("id", DeskUuid(), nullable=False),
        sa.Column("agency_id", DeskUuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("person_name", sa.String(200), nullable=False),
        sa.Column("person_phone", sa.String(20), nullable=True),
        sa.Column("person_address", sa.String(500), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("dossier_code", sa.String(60), nullable=True),
        sa.Column("procedure_code", sa.String(40), nullable=True),
        sa.Column("received_at", TZDateTime(), nullable=False),
        sa.Column("due_at", TZDateTime(), nullable=False),
        sa.Column("received_by_id", DeskUuid(), nullable=False),
        sa.Column("assignee", sa.String(60), nullable=True),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("replied_at", TZDateTime(), nullable=True),
        sa.Column("published_at", TZDateTime(), nullable=True),
        sa.Column("closed_at", TZDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name="fk_complaints_agency_id_agencies"
        ),
        sa.ForeignKeyConstraint(
            ["received_by_id"], ["officers.id"], name="fk_complaints_received_by_id_officers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_complaints"),
        sa.UniqueConstraint("agency_id", "year", "seq", name="uq_complaints_number"),
    )


def downgrade() -> None:
    op.drop_table("complaint_rules")
    op.drop_table("complaints")
    op.drop_index("ix_ratings_at", table_name="ratings")
    op.drop_table("ratings")
