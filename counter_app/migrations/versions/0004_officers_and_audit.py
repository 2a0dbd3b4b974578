"""officers who log in, with roles; the audit trail

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02

Officers get a role, an Argon2id password hash and a lock-out state; desks number their
audit entries without gaps and keep the newest entry's hash for the chain. The trail is
append-only: on SQLite triggers refuse UPDATE and DELETE of its rows (the program never
does either; the chain still finds what a hand on the file changed).
"""

import sqlalchemy as sa
from alembic import op

import counter_app.models.base

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None

APPEND_ONLY = (
    "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN "
    "SELECT RAISE(ABORT, 'audit_entries is append-only'); END",
    "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN "
    "SELECT RAISE(ABORT, 'audit_entries is append-only'); END",
)


def upgrade() -> None:
    with op.batch_alter_table("officers") as batch:
        batch.add_column(sa.Column("role", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column(
                "locked_until", counter_app.models.base.TZDateTime(timezone=True), nullable=True
            )
        )
        batch.add_column(
            sa.Column(
                "changed_at", counter_app.models.base.TZDateTime(timezone=True), nullable=True
            )
        )
    with op.batch_alter_table("desks") as batch:
        batch.add_column(
            sa.Column("last_audit_seq", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("last_audit_hash", sa.String(length=64), nullable=False, server_default="")
        )
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("desk_id", sa.Uuid(), nullable=False),
        sa.Column("desk_seq", sa.Integer(), nullable=False),
        sa.Column("at", counter_app.models.base.TZDateTime(timezone=True), nullable=False),
        sa.Column("officer_id", sa.Uuid(), nullable=True),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["desk_id"], ["desks.id"], name=op.f("fk_audit_entries_desk_id_desks")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_audit_entries_officer_id_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
        sa.UniqueConstraint("desk_id", "desk_seq", name="uq_audit_entries_desk_seq"),
    )
    op.create_index("ix_audit_entries_at", "audit_entries", ["at"])
    op.create_index("ix_audit_entries_code", "audit_entries", ["code"])
    if op.get_bind().dialect.name == "sqlite":
        for statement in APPEND_ONLY:
            op.execute(statement)


def downgrade() -> None:
    op.drop_table("audit_entries")
    with op.batch_alter_table("desks") as batch:
        batch.drop_column("last_audit_hash")
        batch.drop_column("last_audit_seq")
    with op.batch_alter_table("officers") as batch:
        for column in ("changed_at", "locked_until", "failed_logins", "password_hash", "role"):
            batch.drop_column(column)
