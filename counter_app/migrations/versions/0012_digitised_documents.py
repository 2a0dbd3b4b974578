"""Digitised documents (issue 20): the current document of each line of a dossier

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08

`dossier_files` keeps, per dossier and checklist line (item 1, 2, …; 0 = the result), the
document recorded by the line's newest `digitised` event: its SHA-256 (the file
`documents/<aa>/<sha256>.pdf` beside the database; none when exempt), pages, bytes,
source, signed, when, by whom, and the event. The events stay the history; this table is
folded from them (digitisation/files.py), so a desk that pulls another desk's events
gets the same rows. A new table: nothing existing is rewritten.
"""

import sqlalchemy as sa
from alembic import op

from counter_app.models.base import DeskUuid, TZDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("dossier_files"):  # a schema set back by hand
        return
    op.create_table(
        "dossier_files",
        sa.Column("dossier_id", DeskUuid(), nullable=False),
        sa.Column("item", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("at", TZDateTime(), nullable=False),
        sa.Column("officer_id", DeskUuid(), nullable=False),
        sa.Column("event_id", DeskUuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name="fk_dossier_files_dossier_id_dossiers"
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name="fk_dossier_files_officer_id_officers"
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_dossier_files_event_id_events"
        ),
        sa.PrimaryKeyConstraint("dossier_id", "item", name="pk_dossier_files"),
    )
    op.create_index("ix_dossier_files_sha256", "dossier_files", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_dossier_files_sha256", table_name="dossier_files")
    op.drop_table("dossier_files")
