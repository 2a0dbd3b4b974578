"""reserve numbers from a band of their own (office server SQL 0012)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

A number of the desk's offline reserve comes from the top of the day's range; left unused,
it is void on the server but no hole in the register, which lists the band's numbers only
when a reception used them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("code_numbers") as table:
        table.add_column(sa.Column("band", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("code_numbers") as table:
        table.drop_column("band")
