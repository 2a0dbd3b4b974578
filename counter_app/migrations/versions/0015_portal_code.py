"""Online dossiers from the national portal (issue 21, point 4)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-10

`dossiers` gains `portal_code` (the portal's MaHoSo of an imported online dossier, unique:
a second import of the same dossier finds it) and `portal_accepted_at` (when the desk took
the online dossier on; NULL: waiting, "Hồ sơ trực tuyến chờ tiếp nhận"). Two nullable
columns added in place (SQLite: ADD COLUMN, no table rebuilt) and one index: nothing
existing is rewritten.
"""

import sqlalchemy as sa
from alembic import op

from counter_app.models.base import TZDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    found = sa.inspect(op.get_bind())  # a schema set back by hand keeps what it has
    columns = {c["name"] for c in found.get_columns("dossiers")}
    if "portal_code" not in columns:
        op.add_column("dossiers", sa.Column("portal_code", sa.String(60), nullable=True))
    if "portal_accepted_at" not in columns:
        op.add_column("dossiers", sa.Column("portal_accepted_at", TZDateTime(), nullable=True))
    if "ux_dossiers_portal_code" not in {i["name"] for i in found.get_indexes("dossiers")}:
        op.create_index("ux_dossiers_portal_code", "dossiers", ["portal_code"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_dossiers_portal_code", table_name="dossiers")
    op.drop_column("dossiers", "portal_accepted_at")
    op.drop_column("dossiers", "portal_code")
