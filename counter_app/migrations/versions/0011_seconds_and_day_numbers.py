"""Timestamps in seconds, days as numbers in the reports' tables, events' known values short
(issue 19, point 8: disk per million dossiers, as written, without VACUUM)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Timestamps (SQLite): 0009 kept microseconds since 1970 UTC, 8 bytes a value, though the
program's clock gives whole seconds (clock.now). models.base.TZDateTime now keeps seconds:
an integer (4 bytes until 2038) for a whole second, a REAL (exact to the microsecond) for a
time with a fraction; SQLite compares integers and REALs by value, so every index keeps its
order. Every DATETIME column of every table is rewritten.

The reports' days: report_dossiers.received_on and finished_on and report_counts.day held
the text '2026-09-02' (10 bytes); models.base.DayNumber keeps the day's number since
1970-01-01 (2 bytes until 2059), integer order being day order. (Not named "report facts"
here: tests/unit/test_report_facts.py finds 0006 by those words.)

Events (SQLite): models.event_data keeps an outcome or timeliness as its number, a flag as
0 or 1 and a batch's UUID as 22 base64 letters (a result back's data took 42 bytes, now 19);
every event's data is packed again. What is read, sent and held by the server is as before.

The name index (FTS5): search asks only whether a dossier's name has words starting with
the ones typed (`"nguyen"* AND "hoa"*`, newest rowid first, services/dossiers/search.py),
never where in the name nor a rank. It is made again with detail=none (no positions kept)
and columnsize=0 (no sizes for a rank): 46 MiB per million dossiers as a rebuild writes it,
13 after.

PostgreSQL keeps timestamptz, date and JSON: nothing to do there. The space freed is reused
by the desk's next rows; `VACUUM` gives it back to the disk.
"""

from collections.abc import Callable

from alembic import op

from counter_app.models.base import EPOCH, from_stored, stored_time
from counter_app.models.event_data import pack, unpack

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_MICROS_FROM = 10**12  # as models.base reads a stored integer
# (table, column) of the reports' days
_DAYS = (
    ("report_dossiers", "received_on"),
    ("report_dossiers", "finished_on"),
    ("report_counts", "day"),
)
_DAY_ZERO = 2440587.5  # julianday('1970-01-01')
_FTS = (
    "CREATE VIRTUAL TABLE dossier_fts USING fts5(name_key, content='dossiers', "
    "content_rowid='search_no', tokenize='unicode61', prefix='2 3 4 5 6'{})"
)
_FTS_0001 = _FTS.format("")
_FTS_0011 = _FTS.format(", detail=none, columnsize=0")


def _name_index(sql: str) -> None:
    """The FTS5 table made again as `sql` says, filled from the dossiers (its triggers, on
    the dossiers table, stay)."""
    op.execute("DROP TABLE dossier_fts")
    op.execute(sql)
    # (not FTS5's 'rebuild': it leaves a statement running, and 0010's migration back
    # could not register its function on this connection after it)
    op.execute(
        "INSERT INTO dossier_fts (rowid, name_key) SELECT search_no, name_key FROM dossiers "
        "ORDER BY search_no"
    )


def _seconds(value: object) -> object:
    if isinstance(value, int) and abs(value) >= _MICROS_FROM:  # 0009's microseconds
        return stored_time(from_stored(value))
    return value


def _micros(value: object) -> object:
    if isinstance(value, float) or (isinstance(value, int) and abs(value) < _MICROS_FROM):
        delta = from_stored(value) - EPOCH
        return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return value


def _shorter(stored: object) -> object:
    if isinstance(stored, bytes):  # 0010's short form: times only
        return pack(unpack(stored, values=False))
    return pack(unpack(stored)) if isinstance(stored, str) else stored


def _as_0010(stored: object) -> object:
    if isinstance(stored, bytes):
        return pack(unpack(stored), values=False)
    return stored


def _rewrite(times: Callable[[object], object], data: Callable[[object], object]) -> None:
    bind = op.get_bind()
    raw = bind.connection.driver_connection
    # names of their own: 0009 and 0010 register theirs on the same connection
    raw.create_function("counter_seconds", 1, times, deterministic=True)
    raw.create_function("counter_event_values", 1, data, deterministic=True)
    tables = [
        name
        for (name,) in bind.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'dossier_fts%' ORDER BY name"
        )
    ]
    # the audit trail refuses every UPDATE (0004): lifted for this rewrite, in this
    # transaction; its hashes cover the times' text form, which does not change
    guard = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_entries_no_update'"
    ).scalar()
    if guard:
        bind.exec_driver_sql("DROP TRIGGER audit_entries_no_update")
    for table in tables:
        columns = [
            f'"{row[1]}" = counter_seconds("{row[1]}")'
            for row in bind.exec_driver_sql(f'PRAGMA table_info("{table}")')
            if row[2].upper() == "DATETIME"
        ]
        if table == "events":
            columns.append("data = counter_event_values(data)")
        if columns:
            bind.exec_driver_sql(f'UPDATE "{table}" SET ' + ", ".join(columns))
    if guard:
        bind.exec_driver_sql(guard)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _rewrite(_seconds, _shorter)
    for table, column in _DAYS:
        op.execute(
            f"UPDATE {table} SET {column} = CAST(julianday({column}) - {_DAY_ZERO} AS INTEGER) "
            f"WHERE typeof({column}) = 'text'"
        )
    _name_index(_FTS_0011)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _rewrite(_micros, _as_0010)
    for table, column in _DAYS:
        op.execute(
            f"UPDATE {table} SET {column} = date({column} * 86400, 'unixepoch') "
            f"WHERE typeof({column}) = 'integer'"
        )
    _name_index(_FTS_0001)
