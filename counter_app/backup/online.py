"""SQLite's online backup API, both ways.

Out of the live database: the copy is read from ONE snapshot. The reading connection
opens a read transaction before the first step and keeps it to the last, so the steps
never restart when other desks commit between them (without it, SQLite restarts the copy
after every commit by another process, and a busy desk's copy never finishes); in WAL
mode the writers carry on meanwhile.

Into the live database: the backup's first step takes the database's write lock and
keeps it until the last step commits, through SQLite's own journal: a crash half-way
leaves the old content, and no other connection ever sees a mix.
"""

from __future__ import annotations

import os
import sqlite3
import time
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STEP_PAGES = 1024  # 4 MiB of 4 KiB pages between two progress reports
BUSY_TIMEOUT_S = 30  # as the desks' own connections (db.py)
# Tests only: "PAGES:SECONDS" copies PAGES pages per step and pauses SECONDS after each
# step, so that a process can be killed half-way through a small database.
SLOW_STEP_ENV = "COUNTER_APP_TEST_BACKUP_STEP"

Pages = Callable[[int, int], None]  # (pages copied, pages in all)


@dataclass(frozen=True)
class Snapshot:
    schema: str | None  # the Alembic revision copied
    pages: int
    page_size: int


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode; never creates a missing file.
    `read_only` opens a finished copy as immutable: what is read is exactly the bytes
    that were hashed, whatever journal lies beside it."""
    mode = "mode=ro&immutable=1" if read_only else "mode=rw"
    uri = f"file:{urllib.parse.quote(str(path.absolute()))}?{mode}"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)


def _steps() -> tuple[int, float]:
    pages, _, pause = os.environ.get(SLOW_STEP_ENV, "").partition(":")
    return (int(pages), float(pause)) if pages else (STEP_PAGES, 0.0)


def _reporter(on_pages: Pages | None, pause: float) -> Callable[[int, int, int], None]:
    def progress(_status: int, remaining: int, total: int) -> None:
        if on_pages:
            on_pages(total - remaining, total)
        if pause:
            time.sleep(pause)

    return progress


def copy_out(live: Path, target: Path, on_pages: Pages | None = None) -> Snapshot:
    """Copy the live database into the new file `target`, from one snapshot, leaving
    `target` a self-contained file (rollback journal, no WAL beside it)."""
    pages, pause = _steps()
    source = connect(live)
    try:
        source.execute("BEGIN")  # the snapshot: taken by the first read, held to the end
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        schema = revision(source)
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            source.backup(copy, pages=pages, progress=_reporter(on_pages, pause))
        finally:
            copy.close()
        source.execute("COMMIT")
    finally:
        source.close()
    standalone = connect(target)
    try:
        standalone.execute("PRAGMA journal_mode=DELETE")  # page 1 came with WAL's mark
        size = standalone.execute("PRAGMA page_size").fetchone()[0]
        count = standalone.execute("PRAGMA page_count").fetchone()[0]
    finally:
        standalone.close()
    return Snapshot(schema, count, size)


def copy_in(
    source: sqlite3.Connection,
    live: Path,
    before_lock_released: Callable[[], None],
    on_pages: Pages | None = None,
) -> None:
    """Replace the live database's content with `source`'s, in one transaction.

    `before_lock_released` runs once, after the first step has taken the write lock and
    before anything is committed: what it reads of the live database (with another
    connection) is exactly the content being replaced, and nobody can commit meanwhile.
    If it raises, the restore is rolled back."""
    pages, pause = _steps()
    total = source.execute("PRAGMA page_count").fetchone()[0]
    step = max(1, min(pages, total - 1))  # the first step never finishes the copy
    report = _reporter(on_pages, pause)
    locked = False

    def progress(status: int, remaining: int, count: int) -> None:
        nonlocal locked
        if not locked:
            locked = True
            before_lock_released()
        report(status, remaining, count)

    target = connect(live)
    try:
        source.backup(target, pages=step, progress=progress)
        # The whole database went through the WAL: give that space back now unless a
        # reader holds it (then the next checkpoint does), without making anyone wait.
        target.execute("PRAGMA busy_timeout=500")
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        target.close()


def revision(db: sqlite3.Connection) -> str | None:
    """The Alembic revision of a database; None when it has none."""
    try:
        row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return str(row[0]) if row else None


def counts(db: sqlite3.Connection) -> tuple[int, int]:
    """Dossiers and events of a counter-app database."""
    row = db.execute("SELECT (SELECT count(*) FROM dossiers), (SELECT count(*) FROM events)")
    dossiers, events = row.fetchone()
    return int(dossiers), int(events)


def audit_head(db: sqlite3.Connection) -> dict[str, Any] | None:
    """The head of this desk's audit chain in a copy: its desk, newest number and hash
    (None before its first entry, or in a schema without one; the desk's id in 16 bytes
    from 0009 on, in hex before). Kept in the manifest,
    outside the database, so that a trail rewritten later is found by `audit verify`."""
    try:
        row = db.execute(
            "SELECT id, last_audit_seq, last_audit_hash FROM desks WHERE is_local "
            "AND last_audit_seq > 0"
        ).fetchone()
    except sqlite3.OperationalError:  # a schema from before the trail
        return None
    if row is None:
        return None
    desk = uuid.UUID(bytes=row[0]) if isinstance(row[0], bytes) else uuid.UUID(str(row[0]))
    return {"desk": str(desk), "seq": int(row[1]), "hash": str(row[2])}
