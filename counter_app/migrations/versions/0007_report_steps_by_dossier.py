"""report steps found by dossier: a sync folds again the dossiers a pulled page touched

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Deleting a dossier's steps before folding it again read the whole table (67 ms for a page
of 100 dossiers at 200,000 dossiers, bench/facts.py); report_pauses already has this index.
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_report_steps_dossier_id", "report_steps", ["dossier_id"])


def downgrade() -> None:
    op.drop_index("ix_report_steps_dossier_id", table_name="report_steps")
