"""UUIDs stored as their 16 bytes on SQLite (issue 19, point 8: disk per million dossiers)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

SQLAlchemy's Uuid wrote 32 hex digits in the CHAR(32) columns; models.base.DeskUuid writes
the 16 bytes as a BLOB in the same columns (the declared type stays: SQLite stores a BLOB
as given, and no table is rebuilt). Every UUID column (declared CHAR(32)) of every table is
rewritten in place; the bytes sort as the hex did, so no index changes its order. Foreign
keys are checked at the commit, when parents and children agree again. PostgreSQL keeps
its native uuid: nothing to do there. The space freed is reused by the desk's next rows;
`VACUUM` (db.compact) gives it back to the disk.
"""

import re

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_HEX = re.compile(r"[0-9a-f]{32}")


def _to_bytes(value: object) -> object:
    if isinstance(value, str):
        if not _HEX.fullmatch(value):
            raise ValueError("not a stored UUID")  # the migration rolls back, nothing changes
        return bytes.fromhex(value)
    return value


def _to_hex(value: object) -> object:
    return value.hex() if isinstance(value, bytes) and len(value) == 16 else value


def _convert(function: object) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    raw = bind.connection.driver_connection
    raw.create_function("counter_uuid", 1, function, deterministic=True)
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    tables = [name for (name,) in bind.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'dossier_fts%' ORDER BY name")]  # fmt: skip
    # the audit trail refuses every UPDATE (0004): lifted for this rewrite of its ids only,
    # in this transaction; its hashes cover the ids' text form, which does not change
    guard = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                 "AND name = 'audit_entries_no_update'").scalar()  # fmt: skip
    if guard:
        bind.exec_driver_sql("DROP TRIGGER audit_entries_no_update")
    for table in tables:
        columns = [row[1] for row in bind.exec_driver_sql(f'PRAGMA table_info("{table}")')
                   if row[2].upper() == "CHAR(32)"]  # fmt: skip
        if columns:
            bind.exec_driver_sql(f'UPDATE "{table}" SET ' + ", ".join(
                f'"{c}" = counter_uuid("{c}")' for c in columns))  # fmt: skip
    if guard:
        bind.exec_driver_sql(guard)


def upgrade() -> None:
    _convert(_to_bytes)


def downgrade() -> None:
    _convert(_to_hex)
