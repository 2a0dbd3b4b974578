"""Copy what the reports read from a seeded SQLite database into PostgreSQL.

    python bench/pg_load.py --sqlite /tmp/bench/2m.db --pg postgresql+psycopg://…/db

The schema comes from `migrate` on the PostgreSQL database; then the catalog (agencies,
units, officers, procedures, versions) and the report facts (report_dossiers, _counts,
report_pauses, report_steps) are streamed with COPY, in the session time zone UTC (SQLite
keeps UTC: microseconds since 1970, naive text before 0009), and ANALYZEd. `--all` also
copies dossiers and events (what the dashboard's lists join; much longer). Used by
bench/report.py --pg auto.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

from _common import require_db

from counter_app.db import make_engine, migrate

CATALOG = ("agencies", "units", "officers", "desks", "procedures", "procedure_versions")
FACTS = ("report_dossiers", "report_pauses", "report_steps", "report_counts")
REST = ("dossiers", "events")
BATCH = 50_000


def _columns(source: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in source.execute(f"PRAGMA table_info({table})")]


def copy_table(source: sqlite3.Connection, target, table: str) -> int:  # type: ignore[no-untyped-def]
    columns = _columns(source, table)
    types = _pg_types(target, table)
    picks = [_pick(c, types.get(c, "")) for c in columns]
    rows = source.execute(f"SELECT {', '.join(picks)} FROM {table}")
    count = 0
    with (
        target.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        while chunk := rows.fetchmany(BATCH):
            for row in chunk:
                copy.write_row(row)
            count += len(chunk)
    return count


def _pick(column: str, pg_type: str) -> str:
    """The SQLite value as COPY text: from 0009 on, a UUID is 16 bytes (hex before); a
    timestamp seconds since 1970 UTC from 0011 on, an integer or a REAL with a fraction
    (an integer of microseconds in 0009 and 0010, naive UTC text before); a report fact's
    day its number since 1970-01-01 from 0011 on (text before)."""
    if pg_type == "boolean":
        return f"CASE WHEN {column} THEN 't' ELSE 'f' END"
    if pg_type == "uuid":
        return f"CASE WHEN typeof({column}) = 'blob' THEN lower(hex({column})) ELSE {column} END"
    if pg_type.startswith("timestamp"):
        whole = f"CAST({column} AS INTEGER)"
        return (
            f"CASE WHEN typeof({column}) = 'integer' AND abs({column}) >= 1000000000000 "
            f"THEN datetime({column} / 1000000, 'unixepoch') || printf('.%06d', {column} "
            f"% 1000000) WHEN typeof({column}) = 'integer' THEN datetime({column}, "
            f"'unixepoch') WHEN typeof({column}) = 'real' THEN datetime({whole}, 'unixepoch') "
            f"|| printf('.%06d', round(({column} - {whole}) * 1000000)) ELSE {column} END"
        )
    if pg_type == "date":
        return (
            f"CASE WHEN typeof({column}) = 'integer' THEN date({column} * 86400, 'unixepoch') "
            f"ELSE {column} END"
        )
    return column


def _pg_types(target, table: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with target.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s",
            (table,),
        )
        return dict(cursor.fetchall())


def load(sqlite_path: Path, pg_url: str, everything: bool = False) -> dict[str, int]:
    import psycopg

    engine = make_engine(pg_url)
    migrate(engine)
    engine.dispose()
    dsn = pg_url.replace("postgresql+psycopg://", "postgresql://")
    counts = {}
    source = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    with psycopg.connect(dsn) as target:
        target.execute("SET TIME ZONE 'UTC'")
        tables = CATALOG + FACTS + (REST if everything else ())
        for table in reversed(tables):
            target.execute(f"TRUNCATE {table} CASCADE")  # type: ignore[arg-type]
        for table in tables:
            counts[table] = copy_table(source, target, table)
        target.commit()
        target.autocommit = True
        target.execute("VACUUM ANALYZE")
    source.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", required=True, help="a database made by bench/seed.py")
    parser.add_argument("--pg", required=True, help="SQLAlchemy URL of an empty PostgreSQL db")
    parser.add_argument("--all", action="store_true", help="also dossiers and events")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = load(require_db(args.sqlite), args.pg, args.all)
    for table, n in counts.items():
        print(f"{table:<20} {n:>12,}")
    print(f"loaded in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
