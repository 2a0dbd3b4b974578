"""report facts: the derived tables the leader's figures are counted from

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

`report_dossiers`, `report_pauses`, `report_steps` and `report_counts` (their daily sums)
hold what the reports count, folded
from each dossier's events (counter_app/facts/fold.py). They are derived data: this
migration only creates them; the program fills them from the stored events right after
migrating (`db.migrate` → `facts.rebuild.rebuild_if_missing`), so that no migration depends on
the code of its day. Also the agency's reporting cut-off day (default 14), and on
PostgreSQL a trigram index for name search (SQLite has its FTS5 index).
"""

import sqlalchemy as sa
from alembic import op

import counter_app.models.base

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TZ = counter_app.models.base.TZDateTime


def upgrade() -> None:
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("report_cutoff_day", sa.Integer(), nullable=False, server_default="14")
        )
    op.create_table(
        "report_dossiers",
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("procedure_version_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("officer_id", sa.Uuid(), nullable=False),
        sa.Column("received_at", TZ(timezone=True), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("original_due_at", TZ(timezone=True), nullable=True),
        sa.Column("legal_due_at", TZ(timezone=True), nullable=True),
        sa.Column("paused_at", TZ(timezone=True), nullable=True),
        sa.Column("first_paused_at", TZ(timezone=True), nullable=True),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("finished_at", TZ(timezone=True), nullable=True),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("finish", sa.String(length=20), nullable=True),
        sa.Column("timeliness", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("dossier_id", name=op.f("pk_report_dossiers")),
    )
    op.create_index("ix_report_dossiers_received", "report_dossiers", ["agency_id", "received_at"])
    op.create_index(
        "ix_report_dossiers_finished",
        "report_dossiers",
        ["agency_id", "finished_at", "received_at", "procedure_version_id"],
    )
    op.create_table(
        "report_pauses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("paused_at", TZ(timezone=True), nullable=False),
        sa.Column("resumed_at", TZ(timezone=True), nullable=True),
        sa.Column("due_after", TZ(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_pauses")),
    )
    op.create_index(op.f("ix_report_pauses_dossier_id"), "report_pauses", ["dossier_id"])
    op.create_table(
        "report_steps",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("ended_at", TZ(timezone=True), nullable=False),
        sa.Column("held_minutes", sa.Integer(), nullable=True),
        sa.Column("budget_minutes", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_steps")),
    )
    op.create_index("ix_report_steps_ended", "report_steps", ["agency_id", "ended_at"])
    op.create_table(
        "report_counts",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("procedure_version_id", sa.Uuid(), nullable=False),
        sa.Column("measure", sa.String(length=10), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "agency_id", "day", "procedure_version_id", "measure", name=op.f("pk_report_counts")
        ),
    )
    if op.get_bind().dialect.name == "postgresql":
        # Name search: every word a prefix of a word of the folded name (as FTS5 does).
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_dossiers_name_words ON dossiers "
            "USING gin ((' ' || name_key) gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_dossiers_name_words")
    op.drop_table("report_counts")
    op.drop_index("ix_report_steps_ended", table_name="report_steps")
    op.drop_table("report_steps")
    op.drop_index(op.f("ix_report_pauses_dossier_id"), table_name="report_pauses")
    op.drop_table("report_pauses")
    op.drop_index("ix_report_dossiers_finished", table_name="report_dossiers")
    op.drop_index("ix_report_dossiers_received", table_name="report_dossiers")
    op.drop_table("report_dossiers")
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_column("report_cutoff_day")
