"""The officers' shifts of collection and their cash-ups (issue 23)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-08

`cash_shifts`: an officer's shift, open (one at most per officer: a partial UNIQUE index
on the open rows) or closed with its figures; `cash_shift_receipts`: the receipts each
cash-up listed, one row per receipt at most (so no receipt is in two cash-ups). New tables:
nothing existing is rewritten. Payments taken before this revision have no shift: the
officer's first cash-up lists them (counter_app/fees/cashup.py).
"""

import sqlalchemy as sa
from alembic import op

from counter_app.models.base import DeskUuid, TZDateTime

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    found = sa.inspect(op.get_bind())  # a schema set back by hand keeps what it has
    if not found.has_table("cash_shifts"):
        _shifts()
    if not found.has_table("cash_shift_receipts"):
        _receipts()


def _shifts() -> None:
    op.create_table(
        "cash_shifts",
        sa.Column("id", DeskUuid(), nullable=False),
        sa.Column("officer_id", DeskUuid(), nullable=False),
        sa.Column("opened_at", TZDateTime(), nullable=False),
        sa.Column("opened_how", sa.String(10), nullable=False),
        sa.Column("closed_at", TZDateTime(), nullable=True),
        sa.Column("closed_by", DeskUuid(), nullable=True),
        sa.Column("totals", sa.JSON(), nullable=True),
        sa.Column("expected_cash", sa.Integer(), nullable=True),
        sa.Column("counted", sa.Integer(), nullable=True),
        sa.Column("difference", sa.Integer(), nullable=True),
        _fk("cash_shifts", "officer_id", "officers"),
        _fk("cash_shifts", "closed_by", "officers"),
        sa.PrimaryKeyConstraint("id", name="pk_cash_shifts"),
    )
    where = sa.text("closed_at IS NULL")
    op.create_index(
        "uq_cash_shifts_open",
        "cash_shifts",
        ["officer_id"],
        unique=True,
        sqlite_where=where,
        postgresql_where=where,
    )
    op.create_index("ix_cash_shifts_officer_closed", "cash_shifts", ["officer_id", "closed_at"])


def _receipts() -> None:
    op.create_table(
        "cash_shift_receipts",
        sa.Column("receipt_event_id", DeskUuid(), nullable=False),
        sa.Column("shift_id", DeskUuid(), nullable=False),
        sa.Column("payment_event_id", DeskUuid(), nullable=False),
        sa.Column("dossier_id", DeskUuid(), nullable=False),
        sa.Column("line", sa.String(12), nullable=False),
        sa.Column("template", sa.String(20), nullable=False),
        sa.Column("series", sa.String(20), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("at", TZDateTime(), nullable=False),
        _fk("cash_shift_receipts", "receipt_event_id", "events"),
        _fk("cash_shift_receipts", "shift_id", "cash_shifts"),
        _fk("cash_shift_receipts", "payment_event_id", "events"),
        _fk("cash_shift_receipts", "dossier_id", "dossiers"),
        sa.PrimaryKeyConstraint("receipt_event_id", name="pk_cash_shift_receipts"),
    )
    op.create_index("ix_cash_shift_receipts_shift_id", "cash_shift_receipts", ["shift_id"])


def downgrade() -> None:
    op.drop_table("cash_shift_receipts")
    op.drop_table("cash_shifts")
