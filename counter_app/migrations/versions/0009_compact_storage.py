"""UUIDs as 16 bytes and timestamps as integers on SQLite (issue 19, point 8: disk per
million dossiers)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

SQLAlchemy's Uuid wrote 32 hex digits in the CHAR(32) columns; models.base.DeskUuid writes
the 16 bytes as a BLOB in the same columns. TZDateTime wrote naive UTC text
('2026-09-02 17:18:02.000000', 27 bytes a value); it now writes microseconds since 1970 UTC
(an 8-byte integer). The declared types stay (SQLite stores a BLOB or an integer as given
in those columns), so no table is rebuilt: every UUID column (declared CHAR(32)) and every
timestamp column (DATETIME) of every table is rewritten in place. Bytes sort as the hex
did and the integers as the text did, so no index changes its order. Foreign keys are
checked at the commit, when parents and children agree again. PostgreSQL keeps uuid and
timestamptz: nothing to do there. The space freed is reused by the desk's next rows;
`VACUUM` gives it back to the disk.
"""

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_HEX = re.compile(r"[0-9a-f]{32}")
_EPOCH = datetime(1970, 1, 1)


def _uuid_bytes(value: object) -> object:
    if isinstance(value, str):
        if not _HEX.fullmatch(value):
            raise ValueError("not a stored UUID")  # the migration rolls back, nothing changes
        return bytes.fromhex(value)
    return value


def _uuid_hex(value: object) -> object:
    return value.hex() if isinstance(value, bytes) and len(value) == 16 else value


def _micros(value: object) -> object:
    if isinstance(value, str):  # naive UTC, as SQLAlchemy's SQLite DateTime wrote it
        delta = datetime.fromisoformat(value).replace(tzinfo=None) - _EPOCH
        return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return value


def _text(value: object) -> object:
    if isinstance(value, int):
        moment = _EPOCH + timedelta(microseconds=value)
        return moment.isoformat(sep=" ", timespec="microseconds")
    return value


def _convert(uuids: Callable[[object], object], times: Callable[[object], object]) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    raw = bind.connection.driver_connection
    raw.create_function("counter_uuid", 1, uuids, deterministic=True)
    raw.create_function("counter_time", 1, times, deterministic=True)
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    tables = [
        name
        for (name,) in bind.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'dossier_fts%' ORDER BY name"
        )
    ]
    # the audit trail refuses every UPDATE (0004): lifted for this rewrite, in this
    # transaction; its hashes cover the ids' and times' text form, which does not change
    guard = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_entries_no_update'"
    ).scalar()
    if guard:
        bind.exec_driver_sql("DROP TRIGGER audit_entries_no_update")
    function = {"CHAR(32)": "counter_uuid", "DATETIME": "counter_time"}
    for table in tables:
        columns = [
            (row[1], function[row[2].upper()])
            for row in bind.exec_driver_sql(f'PRAGMA table_info("{table}")')
            if row[2].upper() in function
        ]
        if columns:
            bind.exec_driver_sql(
                f'UPDATE "{table}" SET ' + ", ".join(f'"{c}" = {f}("{c}")' for c, f in columns)
            )
    if guard:
        bind.exec_driver_sql(guard)


def upgrade() -> None:
    _convert(_uuid_bytes, _micros)


def downgrade() -> None:
    _convert(_uuid_hex, _text)
