"""Digitisation facts (issue 20, point 5): what the two digitisation rates count

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-09

`digitisation_dossiers` keeps, per dossier, its reception day, officer and procedure
version, whether a component is digitised and whether every required checklist line is
digitised or exempt, its resolution day (first end a result back) and whether its result
is digitised (models/digitisation_report.py). Derived data: the program fills it after
migrating (`db.migrate` → `facts.digitised.rebuild_if_missing`). `procedure_versions`
gains `paper_result` (default true: the catalog file's new optional key, docs/formats.md).
New table and a column with a default: nothing existing is rewritten.
"""

import sqlalchemy as sa
from alembic import op

from counter_app.models.base import DeskUuid

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    found = sa.inspect(op.get_bind())  # a schema set back by hand keeps what it has
    if "paper_result" not in {c["name"] for c in found.get_columns("procedure_versions")}:
        # a plain ADD COLUMN: SQLite takes it with its default, no table rebuilt (a
        # rebuild would drop a table the dossiers refer to)
        op.add_column(
            "procedure_versions",
            sa.Column("paper_result", sa.Boolean(), nullable=False, server_default=sa.true()),
        )
    if found.has_table("digitisation_dossiers"):
        return
    op.create_table(
        "digitisation_dossiers",
        sa.Column("dossier_id", DeskUuid(), nullable=False),
        sa.Column("agency_id", DeskUuid(), nullable=False),
        sa.Column("procedure_version_id", DeskUuid(), nullable=False),
        sa.Column("officer_id", DeskUuid(), nullable=False),
        sa.Column("received_day", sa.Integer(), nullable=False),
        sa.Column("with_component", sa.Boolean(), nullable=False),
        sa.Column("all_required", sa.Boolean(), nullable=False),
        sa.Column("ended", sa.Boolean(), nullable=False),
        sa.Column("resolved_day", sa.Integer(), nullable=True),
        sa.Column("with_result", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("dossier_id", name="pk_digitisation_dossiers"),
    )
    op.create_index(
        "ix_digitisation_received",
        "digitisation_dossiers",
        [
            "agency_id",
            "received_day",
            "procedure_version_id",
            "officer_id",
            "with_component",
            "all_required",
        ],
    )
    op.create_index(
        "ix_digitisation_resolved",
        "digitisation_dossiers",
        ["agency_id", "resolved_day", "procedure_version_id", "officer_id", "with_result"],
    )


def downgrade() -> None:
    op.drop_index("ix_digitisation_resolved", table_name="digitisation_dossiers")
    op.drop_index("ix_digitisation_received", table_name="digitisation_dossiers")
    op.drop_table("digitisation_dossiers")
    op.drop_column("procedure_versions", "paper_result")
