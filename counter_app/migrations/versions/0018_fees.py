"""Fees at the counter (issue 23)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07

A procedure version's fee schedule (`procedure_versions.fee_schedule`, the catalog file's
`fees`; NULL: the older single `fee`), the agency's collection settings, the receipt
series' counters of a desk working alone, the numbers an office server leased a joined
desk and no payment used yet, the outbox of receipts to the e-receipt provider, the bank
statements' lines imported, and the rows folded from the fee events: payments with their
receipts (UNIQUE agency, template, series, number: a receipt number is never given twice)
and exemptions. New tables and one nullable column: nothing existing is rewritten.
"""

import sqlalchemy as sa
from alembic import op

from counter_app.models.base import DeskUuid, TZDateTime

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    found = sa.inspect(op.get_bind())  # a schema set back by hand keeps what it has
    columns = {c["name"] for c in found.get_columns("procedure_versions")}
    if "fee_schedule" not in columns:
        op.add_column("procedure_versions", sa.Column("fee_schedule", sa.JSON(), nullable=True))
    if not found.has_table("fee_settings"):
        op.create_table(
            "fee_settings",
            sa.Column("agency_id", DeskUuid(), nullable=False),
            sa.Column("bank_bin", sa.String(6), nullable=True),
            sa.Column("account", sa.String(19), nullable=True),
            sa.Column("account_name", sa.String(100), nullable=True),
            sa.Column("receipt_template", sa.String(20), nullable=True),
            sa.Column("receipt_series", sa.String(20), nullable=True),
            sa.Column("ereceipt_folder", sa.String(500), nullable=True),
            sa.Column("changed_at", TZDateTime(), nullable=False),
            _fk("fee_settings", "agency_id", "agencies"),
            sa.PrimaryKeyConstraint("agency_id", name="pk_fee_settings"),
        )
    if not found.has_table("receipt_counters"):
        op.create_table(
            "receipt_counters",
            sa.Column("agency_id", DeskUuid(), nullable=False),
            sa.Column("template", sa.String(20), nullable=False),
            sa.Column("series", sa.String(20), nullable=False),
            sa.Column("last_number", sa.Integer(), nullable=False),
            _fk("receipt_counters", "agency_id", "agencies"),
            sa.PrimaryKeyConstraint("agency_id", "template", "series", name="pk_receipt_counters"),
        )
    if not found.has_table("receipt_leases"):
        op.create_table(
            "receipt_leases",
            sa.Column("agency_id", DeskUuid(), nullable=False),
            sa.Column("template", sa.String(20), nullable=False),
            sa.Column("series", sa.String(20), nullable=False),
            sa.Column("number", sa.Integer(), nullable=False),
            _fk("receipt_leases", "agency_id", "agencies"),
            sa.PrimaryKeyConstraint(
                "agency_id", "template", "series", "number", name="pk_receipt_leases"
            ),
        )
    if not found.has_table("fee_payments"):
        _payments()
    if not found.has_table("ereceipt_outbox"):
        op.create_table(
            "ereceipt_outbox",
            sa.Column("event_id", DeskUuid(), nullable=False),
            sa.Column("state", sa.String(10), nullable=False),
            sa.Column("attempts", sa.Integer(), nullable=False),
            sa.Column("reference", sa.String(200), nullable=True),
            sa.Column("reason", sa.String(500), nullable=True),
            sa.Column("sent_at", TZDateTime(), nullable=True),
            _fk("ereceipt_outbox", "event_id", "events"),
            sa.PrimaryKeyConstraint("event_id", name="pk_ereceipt_outbox"),
        )
        op.create_index("ix_ereceipt_outbox_state", "ereceipt_outbox", ["state"])
    if not found.has_table("statement_lines"):
        op.create_table(
            "statement_lines",
            sa.Column("key", sa.String(64), nullable=False),
            sa.Column("agency_id", DeskUuid(), nullable=False),
            sa.Column("booked_on", sa.Date(), nullable=False),
            sa.Column("amount", sa.BigInteger(), nullable=False),
            sa.Column("reference", sa.String(100), nullable=False),
            sa.Column("matched_event", DeskUuid(), nullable=True),
            sa.Column("imported_at", TZDateTime(), nullable=False),
            _fk("statement_lines", "agency_id", "agencies"),
            sa.PrimaryKeyConstraint("key", name="pk_statement_lines"),
        )
    if not found.has_table("fee_exemptions"):
        op.create_table(
            "fee_exemptions",
            sa.Column("dossier_id", DeskUuid(), nullable=False),
            sa.Column("event_id", DeskUuid(), nullable=False),
            sa.Column("code", sa.String(30), nullable=False),
            _fk("fee_exemptions", "dossier_id", "dossiers"),
            _fk("fee_exemptions", "event_id", "events"),
            sa.PrimaryKeyConstraint("dossier_id", name="pk_fee_exemptions"),
        )


def _payments() -> None:
    op.create_table(
        "fee_payments",
        sa.Column("event_id", DeskUuid(), nullable=False),
        sa.Column("dossier_id", DeskUuid(), nullable=False),
        sa.Column("agency_id", DeskUuid(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("officer_id", DeskUuid(), nullable=False),
        sa.Column("at", TZDateTime(), nullable=False),
        sa.Column("template", sa.String(20), nullable=False),
        sa.Column("series", sa.String(20), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("replaces", DeskUuid(), nullable=True),
        sa.Column("replaced_by", DeskUuid(), nullable=True),
        sa.Column("reason", sa.String(500), nullable=True),
        sa.Column("reference", sa.String(100), nullable=True),
        _fk("fee_payments", "event_id", "events"),
        _fk("fee_payments", "dossier_id", "dossiers"),
        _fk("fee_payments", "agency_id", "agencies"),
        _fk("fee_payments", "officer_id", "officers"),
        sa.PrimaryKeyConstraint("event_id", name="pk_fee_payments"),
        sa.UniqueConstraint("agency_id", "template", "series", "number", name="uq_fee_receipts"),
    )
    op.create_index("ix_fee_payments_at", "fee_payments", ["at"])
    op.create_index("ix_fee_payments_dossier_id", "fee_payments", ["dossier_id"])


def downgrade() -> None:
    for table in (
        "statement_lines",
        "ereceipt_outbox",
        "fee_exemptions",
        "fee_payments",
        "receipt_leases",
        "receipt_counters",
        "fee_settings",
    ):
        op.drop_table(table)
    op.drop_column("procedure_versions", "fee_schedule")  # SQLite's own DROP COLUMN
